package search

import (
	_ "embed"
	"sort"
	"strings"
	"sync"
)

// frwords.txt lists ordinary French words (folded) at edit distance 1 from
// a word of the embedded knowledge, of the synonym table or of the
// vocabulary's descriptions (SpellingWords), that are not themselves such
// words: the false friends of typo correction (tarte, carton, porte… near
// carte). It is pruned from the MIT-licensed
// an-array-of-french-words 2.0.0 (Zeke Sikelianos, derived from the
// Letterpress word list) by kb/search/frgen; see frwords.LICENSE.
//
//go:embed frwords.txt
var frWordsText string

// frWords is the sorted list of frwords.txt (the generator sorts it):
// splitting the embedded text is all it costs, a tenth of building a map.
var frWords = sync.OnceValue(func() []string {
	lines := strings.Split(frWordsText, "\n")
	out := lines[:0]
	for _, l := range lines {
		if l != "" && l[0] != '#' {
			out = append(out, l)
		}
	}
	return out
})

// ordinaryWord reports whether a folded word is an ordinary French word
// (see frwords.txt): typo correction never turns one into a word of the
// knowledge (« tarte » is not a misspelt « carte »), and it is no jargon.
func ordinaryWord(w string) bool {
	ws := frWords()
	i := sort.SearchStrings(ws, w)
	return i < len(ws) && ws[i] == w
}
