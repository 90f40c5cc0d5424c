package search

import (
	"sort"
	"strings"
	"testing"
)

// ordinaryWord finds every line of frwords.txt, and nothing else, as a search
// of the list of lines would.
func TestOrdinaryWordSearchesTheLines(t *testing.T) {
	var ws []string
	for _, l := range strings.Split(frWordsText, "\n") {
		if l != "" && l[0] != '#' {
			ws = append(ws, l)
		}
	}
	old := func(w string) bool { i := sort.SearchStrings(ws, w); return i < len(ws) && ws[i] == w }
	probes := append([]string{"", "a", "zzzz", "abces", "abcet", "carte", "tarte", "porte"}, ws...)
	for _, w := range ws {
		probes = append(probes, w+"x", w[:len(w)-1], "a"+w)
	}
	for _, p := range probes {
		if old(p) != ordinaryWord(p) {
			t.Fatalf("%q: old %v new %v", p, old(p), ordinaryWord(p))
		}
	}
	t.Logf("%d probes", len(probes))
}
