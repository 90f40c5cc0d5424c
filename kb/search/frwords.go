package search

import (
	_ "embed"
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

// frWords is frwords.txt without its comment lines: sorted lines (the
// generator sorts them), searched where they are, with no list to build.
var frWords = sync.OnceValue(func() string {
	s := frWordsText
	for strings.HasPrefix(s, "#") {
		_, s, _ = strings.Cut(s, "\n")
	}
	return s
})

// ordinaryWord reports whether a folded word is an ordinary French word
// (see frwords.txt): typo correction never turns one into a word of the
// knowledge (« tarte » is not a misspelt « carte »), and it is no jargon.
// A binary search over the lines of the text.
func ordinaryWord(w string) bool {
	s := frWords()
	lo, hi := 0, len(s) // s[lo:hi] is whole lines
	for lo < hi {
		mid := lo + (hi-lo)/2
		start := lo + strings.LastIndexByte(s[lo:mid], '\n') + 1
		end := strings.IndexByte(s[mid:hi], '\n')
		if end < 0 {
			end = hi
		} else {
			end += mid
		}
		switch c := strings.Compare(w, s[start:end]); {
		case c == 0:
			return true
		case c < 0:
			hi = start
		default:
			lo = end + 1
		}
	}
	return false
}
