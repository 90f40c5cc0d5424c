package diagnose

import (
	"math"
	"slices"
	"strings"
	"sync"

	"ecps-assist/kb"
	"ecps-assist/kb/search"
)

// Confidence is how well the knowledge answers a search or a triage, and
// each hit: comparable from one word to a long e-mail.
type Confidence string

const (
	// ConfHigh: a tree or an answer addresses this question.
	ConfHigh Confidence = "high"
	// ConfLow: the knowledge covers the topic but no answer addresses
	// this precise question; hits are neighbours, never advice.
	ConfLow Confidence = "low"
	// ConfNone: nothing relevant.
	ConfNone Confidence = "none"
)

// Label is the band in French, for agents.
func (c Confidence) Label() string {
	switch c {
	case ConfHigh:
		return "réponse officielle trouvée"
	case ConfLow:
		return "pas de réponse officielle à cette question précise"
	}
	return "rien de pertinent dans la base"
}

// Match is one ranked tree or answer with the "why": the query words that
// matched it.
type Match struct {
	ID         string     `json:"id"`
	Title      string     `json:"title"`
	Score      float64    `json:"score"`
	Confidence Confidence `json:"confidence"`
	Matched    []string   `json:"matched"`
	// Unexplained: the words carrying the question this hit does not
	// explain (why it is only a neighbour).
	Unexplained []string `json:"unexplained,omitempty"`
	// Part, for a ticket carrying several problems, is the problem this
	// hit was proposed for (Findings.Parts[Part-1]); 0 otherwise.
	Part int `json:"part,omitempty"`
	// Via are the names or descriptions of a product or tree among the
	// matched words (« l'appli de la carte pro » for e-CPS).
	Via []Alias `json:"via,omitempty"`
	// Checks, for a tree proposed for the identifiers of the query (see
	// IDTrees), are those identifiers as typed; Score is 0 then.
	Checks  []string    `json:"checks,omitempty"`
	Sources []kb.Source `json:"sources,omitempty"`
	// TitleMatches are rune indexes of Title to highlight.
	TitleMatches []int `json:"-"`
}

// Findings is the JSON contract of search and triage: trees and answers,
// best first.
type Findings struct {
	Query string `json:"query"`
	// Confidence judges the whole result; Weak is Confidence == ConfNone,
	// kept for the scripts written before it.
	Confidence Confidence `json:"confidence"`
	Trees      []Match    `json:"trees"`
	Entries    []Match    `json:"entries"`
	// Weak is set when nothing matched well: Trees and Entries are empty
	// and the caller says so rather than showing noise.
	Weak bool `json:"weak"`
	// Identifiers are the identifiers written in the query or ticket,
	// checked (see TicketIDs); empty for Filter.
	Identifiers []IDResult `json:"identifiers"`
	// Gaps are the frequent questions the official answers do not cover
	// that the text asks (kb/vocab): « la base ne traite pas de … ».
	Gaps []Gap `json:"gaps"`
	// Unexplained are the words carrying the question (perdue, Chrome…)
	// the best hit does not explain.
	Unexplained []string `json:"unexplained,omitempty"`
	// Aliases are the product or tree names and descriptions recognised
	// (« l'appli de la carte pro » for e-CPS).
	Aliases []Alias `json:"aliases,omitempty"`
	// Parts are the problems of a ticket that carries several, blocking
	// first; the first trees and entries are theirs (see Match.Part).
	Parts []Part `json:"parts,omitempty"`
}

// Gap is a known question without an official answer here.
type Gap struct {
	ID    string   `json:"id"`
	Topic string   `json:"topic"`
	Words []string `json:"words"`
}

// Alias is a product's or tree's name or description the text used.
type Alias struct {
	Label string `json:"label"`
	Tree  bool   `json:"tree,omitempty"`
	Text  string `json:"text"`
}

// Search ranks trees and answers for a query typed by a person (a few
// words, or a sentence).
func Search(ix *search.Index, k *kb.KB, query string, limit int) Findings {
	f := findings(k, ix.Search(MaskNumbers(query), limit))
	f.Query = query
	f.Identifiers = QueryIDs(query)
	if f.Confidence == ConfHigh {
		f.blockingFirst(k, query)
	}
	f.addIDTrees(k)
	f.judge()
	return f
}

// Filter ranks trees and answers for the text of a search field being
// typed: the as-you-type ranker, fused with the token ranker.
func Filter(ix *search.Index, k *kb.KB, query string, limit int) Findings {
	f := findings(k, ix.Filter(query, limit))
	f.judge()
	return f
}

// Triage ranks the trees and answers that fit a ticket (several lines of
// free text, greetings and signatures included).
func Triage(ix *search.Index, k *kb.KB, ticket string, limit int) Findings {
	f := findings(k, ix.Search(MaskNumbers(ticket), limit))
	f.Query = ticket
	f.Identifiers = TicketIDs(ticket, MaxTicketIDs)
	if f.Confidence == ConfHigh {
		f.mixed(ix, k, ticket, limit)
		if len(f.Parts) == 0 {
			f.blockingFirst(k, ticket)
		}
	}
	f.addIDTrees(k)
	f.judge()
	return f
}

// blockingFirst puts first, for a ticket that says the user is stopped
// (an error, a refusal, an expiry: blockingWords), the second tree when it
// is about being stopped and the first is not, both judged alike: « je
// tape le numéro à 11 chiffres et ça met erreur » is the activation
// error's tree before the tree of who may activate.
func (f *Findings) blockingFirst(k *kb.KB, ticket string) {
	if len(f.Trees) < 2 || f.Trees[0].Confidence != f.Trees[1].Confidence {
		return
	}
	// the trees first: the ticket's regexp is the costly test
	if !blockingTree(k, f.Trees[0].ID) && blockingTree(k, f.Trees[1].ID) && blocks(ticket) {
		f.Trees[0], f.Trees[1] = f.Trees[1], f.Trees[0]
	}
}

// blockingTrees caches blockingTree by tree (a KB is never modified).
var blockingTrees sync.Map // *kb.Tree → bool

// blockingTree reports whether a tree is about a user being stopped: its
// title, or one of its symptoms, says so.
func blockingTree(k *kb.KB, id string) bool {
	t := k.Tree(id)
	if t == nil {
		return false
	}
	if v, ok := blockingTrees.Load(t); ok {
		return v.(bool)
	}
	b := blocks(t.Title)
	for _, s := range t.Symptoms {
		b = b || blocks(s)
	}
	blockingTrees.Store(t, b)
	return b
}

// judge sets the confidence of the findings from the search's bands.
// Weak is kept equal to Confidence == ConfNone. A text that asks only a
// known gap is low (the gap is named) with no hit; one that is only an
// identifier is high: the trees that check it answer it.
func (f *Findings) judge() {
	switch {
	case len(f.Gaps) > 0 && f.Confidence == ConfNone:
		f.Confidence = ConfLow
	case !f.Weak && f.Confidence == ConfNone && len(f.Trees) > 0:
		f.Confidence = ConfHigh // only trees proposed for an identifier
	}
	f.Weak = f.Confidence == ConfNone
}

func confidence(b search.Band) Confidence {
	switch b {
	case search.BandHigh:
		return ConfHigh
	case search.BandLow:
		return ConfLow
	}
	return ConfNone
}

// addIDTrees proposes, after the ranked trees, the trees whose check
// nodes check the identifiers found: a query that is only "810000123454"
// leads to the tree that checks an identifiant national, and a ticket
// about something else that quotes one still offers that tree, last.
func (f *Findings) addIDTrees(k *kb.KB) {
	if len(f.Identifiers) == 0 {
		return
	}
	for _, t := range IDTrees(k, f.Identifiers) {
		if i := slices.IndexFunc(f.Trees, func(m Match) bool { return m.ID == t.ID }); i >= 0 {
			f.Trees[i].Checks = t.Checks
			continue
		}
		f.Trees = append(f.Trees, t)
		f.Weak = false
	}
}

// IDTrees returns the trees having a check node that checks one of the
// kinds of ids (an RPPS or ADELI number is checked by the identifiant
// national node, which says the prefix is missing), in catalog order.
// Checks holds the identifiers concerned, as typed.
func IDTrees(k *kb.KB, ids []IDResult) []Match {
	out := []Match{}
	for _, t := range k.Trees {
		var matched []string
		for _, r := range ids {
			if treeChecks(t, r) {
				matched = append(matched, r.Input)
			}
		}
		if len(matched) > 0 {
			out = append(out, Match{ID: t.ID, Title: t.Title, Confidence: ConfHigh, Matched: []string{}, Checks: matched})
		}
	}
	return out
}

func treeChecks(t *kb.Tree, r IDResult) bool {
	for _, n := range t.Nodes {
		if n.Kind == kb.KindCheck {
			if nk, err := ParseIDKind(n.Check); err == nil && nk != KindAuto && r.CheckedBy(nk) {
				return true
			}
		}
	}
	return false
}

func findings(k *kb.KB, r search.Results) Findings {
	f := Findings{Query: r.Query, Trees: make([]Match, 0, len(r.Trees)), Entries: make([]Match, 0, len(r.Entries)), Weak: r.Weak, Identifiers: []IDResult{},
		Confidence: confidence(r.Band), Gaps: []Gap{}, Unexplained: r.Unexplained}
	for _, g := range r.Gaps {
		f.Gaps = append(f.Gaps, Gap{ID: g.ID, Topic: g.Topic, Words: g.Words})
	}
	for _, a := range r.Aliases {
		f.Aliases = append(f.Aliases, Alias(a))
	}
	via := func(m *Match) {
		for _, a := range f.Aliases {
			if slices.Contains(m.Matched, a.Text) {
				m.Via = append(m.Via, a)
			}
		}
	}
	for _, h := range r.Trees {
		m := match(h)
		via(&m)
		f.Trees = append(f.Trees, m)
	}
	for _, h := range r.Entries {
		m := match(h)
		via(&m)
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
		Confidence:   confidence(h.Band),
		Unexplained:  h.Unexplained,
		Score:        math.Round(h.Score*1000) / 1000,
		Matched:      matched,
		TitleMatches: h.TitleMatches,
	}
}

// Why is the French "why" of a match: the matched words, or the
// identifiers the tree checks.
func (m Match) Why() string { return m.WhyWith("termes reconnus : ") }

// WhyWith is Why with the matched words introduced by label.
func (m Match) WhyWith(label string) string {
	var parts []string
	if len(m.Matched) > 0 {
		words := make([]string, len(m.Matched))
		for i, w := range m.Matched {
			words[i] = w
			for _, a := range m.Via {
				// « e-CPS » typed as such needs no gloss; « l'appli de
				// la carte pro » does.
				if a.Text == w && !a.Tree && search.FoldString(a.Label) != search.FoldString(w) {
					words[i] = a.Label + " (« " + w + " »)"
				}
			}
		}
		parts = append(parts, label+strings.Join(words, ", "))
	}
	if len(m.Checks) > 0 {
		parts = append(parts, "vérifie l'identifiant « "+strings.Join(m.Checks, " », « ")+" »")
	}
	return strings.Join(parts, " · ")
}
