package diagnose

import (
	"math"
	"strings"

	"ecps-assist/kb"
	"ecps-assist/kb/search"
)

// Match is one ranked tree or answer with the "why": the query words that
// matched it.
type Match struct {
	ID      string      `json:"id"`
	Title   string      `json:"title"`
	Score   float64     `json:"score"`
	Matched []string    `json:"matched"`
	Sources []kb.Source `json:"sources,omitempty"`
	// TitleMatches are rune indexes of Title to highlight.
	TitleMatches []int `json:"-"`
}

// Findings is the JSON contract of search and triage: trees and answers,
// best first.
type Findings struct {
	Query   string  `json:"query"`
	Trees   []Match `json:"trees"`
	Entries []Match `json:"entries"`
	// Weak is set when nothing matched well: Trees and Entries are empty
	// and the caller says so rather than showing noise.
	Weak bool `json:"weak"`
	// Identifiers are the identifiers written in the query or ticket,
	// checked (see TicketIDs); empty for Filter.
	Identifiers []IDResult `json:"identifiers"`
}

// Search ranks trees and answers for a query typed by a person (a few
// words, or a sentence).
func Search(ix *search.Index, k *kb.KB, query string, limit int) Findings {
	f := findings(k, ix.Search(query, limit))
	f.Identifiers = TicketIDs(query, MaxTicketIDs)
	return f
}

// Filter ranks trees and answers for the text of a search field being
// typed: the as-you-type ranker, fused with the token ranker.
func Filter(ix *search.Index, k *kb.KB, query string, limit int) Findings {
	return findings(k, ix.Filter(query, limit))
}

// Triage ranks the trees and answers that fit a ticket (several lines of
// free text, greetings and signatures included).
func Triage(ix *search.Index, k *kb.KB, ticket string, limit int) Findings {
	f := findings(k, ix.Search(maskNumbers(ticket), limit))
	f.Query = ticket
	f.Identifiers = TicketIDs(ticket, MaxTicketIDs)
	return f
}

func findings(k *kb.KB, r search.Results) Findings {
	f := Findings{Query: r.Query, Trees: []Match{}, Entries: []Match{}, Weak: r.Weak, Identifiers: []IDResult{}}
	for _, h := range r.Trees {
		f.Trees = append(f.Trees, match(h))
	}
	for _, h := range r.Entries {
		m := match(h)
		if e := k.Entry(h.ID); e != nil {
			m.Sources = e.Sources
		}
		f.Entries = append(f.Entries, m)
	}
	return f
}

func match(h search.Hit) Match {
	matched := h.Matched
	if matched == nil {
		matched = []string{}
	}
	return Match{
		ID: h.ID, Title: h.Title,
		Score:        math.Round(h.Score*1000) / 1000,
		Matched:      matched,
		TitleMatches: h.TitleMatches,
	}
}

// Why is the French "why" of a match: the matched words.
func (m Match) Why() string {
	if len(m.Matched) == 0 {
		return ""
	}
	return "termes reconnus : " + strings.Join(m.Matched, ", ")
}
