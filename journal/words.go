package journal

import (
	"slices"
	"strings"
	"sync"

	"ecps-assist/diagnose"
	"ecps-assist/kb"
	"ecps-assist/kb/search"
)

// maxWords bounds the words kept for one search or triage.
const maxWords = 12

// QueryWords is what a search records: the folded words of the query
// (stop words dropped, long numbers masked), sorted and deduplicated, so
// that « certif expiré » and « expire certif » group together.
func QueryWords(q string) string {
	return words(search.Tokens(diagnose.MaskNumbers(q)), nil)
}

// TicketWords is what a triage records instead of the ticket: only the
// ticket's words that are words of the knowledge base (titles, keywords,
// answers, trees), so that no name, address or free text of the ticket is
// kept.
func TicketWords(k *kb.KB, ticket string) string {
	return words(search.Tokens(diagnose.MaskNumbers(ticket)), vocabulary(k))
}

func words(toks []string, known map[string]bool) string {
	var out []string
	for _, t := range toks {
		if digits(t) >= 5 || (known != nil && !known[t]) {
			continue
		}
		out = append(out, t)
	}
	slices.Sort(out)
	out = slices.Compact(out)
	if len(out) > maxWords {
		out = out[:maxWords]
	}
	return strings.Join(out, " ")
}

func digits(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			n++
		}
	}
	return n
}

var vocab sync.Map // *kb.KB → map[string]bool

func vocabulary(k *kb.KB) map[string]bool {
	if v, ok := vocab.Load(k); ok {
		return v.(map[string]bool)
	}
	m := map[string]bool{}
	add := func(s string) {
		for _, t := range search.Tokens(s) {
			m[t] = true
		}
	}
	for _, e := range k.Entries {
		add(e.Title)
		add(e.Answer)
		add(strings.Join(e.Keywords, " "))
	}
	for _, t := range k.Trees {
		add(t.Title)
		add(strings.Join(t.Symptoms, " "))
		for _, n := range t.Nodes {
			add(n.Text)
		}
	}
	vocab.Store(k, m)
	return m
}
