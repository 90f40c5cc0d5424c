package batch

import (
	"cmp"
	"slices"

	"ecps-assist/diagnose"
	"ecps-assist/kb"
)

// Summary counts the results of a batch as they come. Its memory is
// bounded: trees by the knowledge, identifier kinds by the checker, words
// by maxDistinctWords (beyond, the rarest are forgotten: the counts of the
// most frequent words stay exact unless more than that many distinct words
// are each seen fewer times than the pruning threshold).
type Summary struct {
	tickets, bad int
	badKinds     map[string]int
	bands        map[diagnose.Confidence]int
	trees        map[string]*treeCount
	noTree       int
	ids, idBad   int
	idProblems   map[[3]string]int     // kind, kind label, problem
	gaps         map[string]*treeCount // by gap id: topic, tickets
	unanswered   int
	words        map[string]int
	floor        int // words counted at most floor times were pruned
}

type treeCount struct {
	id, title string
	n, high   int
}

const maxDistinctWords = 50000

// NewSummary returns an empty summary.
func NewSummary() *Summary {
	return &Summary{
		badKinds: map[string]int{}, bands: map[diagnose.Confidence]int{},
		trees: map[string]*treeCount{}, gaps: map[string]*treeCount{}, idProblems: map[[3]string]int{}, words: map[string]int{},
	}
}

// Add counts one result. A result may come from a file (report reads a
// batch's output): its texts enter the summary here, made inert once for
// every format of the report.
func (s *Summary) Add(r *Result) {
	if r.ErrorKind != "" {
		s.bad++
		s.badKinds[kb.InertLine(r.ErrorKind)]++
		return
	}
	s.tickets++
	band := r.Confidence
	if band == "" {
		band = diagnose.ConfNone
	}
	s.bands[band]++
	if len(r.Trees) == 0 {
		s.noTree++
	} else {
		t := r.Trees[0]
		c := s.trees[t.ID]
		if c == nil {
			c = &treeCount{id: kb.InertLine(t.ID), title: kb.InertLine(t.Title)}
			s.trees[t.ID] = c
		}
		c.n++
		if band == diagnose.ConfHigh {
			c.high++
		}
	}
	for _, id := range r.Identifiers {
		s.ids++
		if !id.Valid {
			s.idBad++
			s.idProblems[[3]string{kb.InertLine(string(id.Kind)), kb.InertLine(id.KindLabel), kb.InertLine(id.Problem)}]++
		}
	}
	for _, g := range r.Gaps {
		c := s.gaps[g.ID]
		if c == nil {
			c = &treeCount{id: kb.InertLine(g.ID), title: kb.InertLine(g.Topic)}
			s.gaps[g.ID] = c
		}
		c.n++
	}
	if band != diagnose.ConfHigh {
		s.unanswered++
		for _, w := range r.Words {
			s.words[kb.InertLine(w)]++
		}
		if len(s.words) > maxDistinctWords {
			s.prune()
		}
	}
}

// prune forgets the rarest words until at most half the cap remain.
func (s *Summary) prune() {
	for len(s.words) > maxDistinctWords/2 {
		s.floor++
		for w, n := range s.words {
			if n <= s.floor {
				delete(s.words, w)
			}
		}
	}
}

// Report is a summary as lists, best first: what the formats render.
type Report struct {
	Tickets     int      `json:"tickets"`
	BadLines    int      `json:"bad_lines"`
	Bad         []Count  `json:"bad"`
	Bands       []Count  `json:"bands"`
	Trees       []Count  `json:"trees"`
	Identifiers IDCounts `json:"identifiers"`
	Gaps        []Count  `json:"gaps"`
	Unanswered  int      `json:"unanswered"`
	Words       []Count  `json:"words"`
	WordsFloor  int      `json:"words_pruned_below,omitempty"`
}

// Count is one bar of the report. Share is of the tickets (of the
// unanswered tickets for words, of the bad lines for bad).
type Count struct {
	Key   string  `json:"key"`
	Label string  `json:"label"`
	Count int     `json:"count"`
	Share float64 `json:"share"`
	// High is, for a tree, how many of its tickets are in band high.
	High *int `json:"high,omitempty"`
}

// IDCounts are the identifiers found and the problems by kind.
type IDCounts struct {
	Found    int     `json:"found"`
	Invalid  int     `json:"invalid"`
	Problems []Count `json:"problems"`
}

// NoTreeKey is the key of the tickets for which no tree is proposed.
const NoTreeKey = "-"

// TopWords is how many words a report lists.
const TopWords = 20

// Report returns the summary as lists.
func (s *Summary) Report() Report {
	r := Report{Tickets: s.tickets, BadLines: s.bad, Unanswered: s.unanswered,
		Bad: []Count{}, Bands: []Count{}, Trees: []Count{}, Gaps: []Count{}, Words: []Count{},
		Identifiers: IDCounts{Found: s.ids, Invalid: s.idBad, Problems: []Count{}}}
	share := func(n, of int) float64 {
		if of == 0 {
			return 0
		}
		return float64(n) / float64(of)
	}
	for k, n := range s.badKinds {
		r.Bad = append(r.Bad, Count{Key: k, Label: k, Count: n, Share: share(n, s.bad)})
	}
	for _, b := range []diagnose.Confidence{diagnose.ConfHigh, diagnose.ConfLow, diagnose.ConfNone} {
		n := s.bands[b]
		r.Bands = append(r.Bands, Count{Key: string(b), Label: b.Label(), Count: n, Share: share(n, s.tickets)})
	}
	for _, t := range s.trees {
		high := t.high
		r.Trees = append(r.Trees, Count{Key: t.id, Label: t.title, Count: t.n, Share: share(t.n, s.tickets), High: &high})
	}
	byCount(r.Trees)
	if s.noTree > 0 || s.tickets == 0 {
		r.Trees = append(r.Trees, Count{Key: NoTreeKey, Label: "aucun arbre proposé", Count: s.noTree, Share: share(s.noTree, s.tickets)})
	}
	for k, n := range s.idProblems {
		key := k[0] + " · " + k[2]
		r.Identifiers.Problems = append(r.Identifiers.Problems, Count{Key: key, Label: k[1] + " : " + k[2], Count: n, Share: share(n, s.idBad)})
	}
	for _, g := range s.gaps {
		r.Gaps = append(r.Gaps, Count{Key: g.id, Label: g.title, Count: g.n, Share: share(g.n, s.tickets)})
	}
	byCount(r.Gaps)
	for w, n := range s.words {
		r.Words = append(r.Words, Count{Key: w, Label: w, Count: n, Share: share(n, s.unanswered)})
	}
	byCount(r.Bad)
	byCount(r.Identifiers.Problems)
	byCount(r.Words)
	if len(r.Words) > TopWords {
		r.Words = r.Words[:TopWords]
	}
	r.WordsFloor = s.floor
	return r
}

// byCount sorts by count, most first, then by key.
func byCount(c []Count) {
	slices.SortFunc(c, func(a, b Count) int {
		if a.Count != b.Count {
			return cmp.Compare(b.Count, a.Count)
		}
		return cmp.Compare(a.Key, b.Key)
	})
}
