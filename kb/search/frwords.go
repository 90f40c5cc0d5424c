package search

import (
	_ "embed"
	"strings"
	"sync"
)

// frwords.txt lists ordinary French words (folded) at edit distance 1 from
// a word of the embedded knowledge or of the synonym table, that are not
// themselves such words: the false friends of typo correction (tarte,
// carton, porte… near carte). It is pruned from the MIT-licensed
// an-array-of-french-words 2.0.0 (Zeke Sikelianos, derived from the
// Letterpress word list) by kb/search/frgen; see frwords.LICENSE.
//
//go:embed frwords.txt
var frWordsText string

var frWords = sync.OnceValue(func() map[string]struct{} {
	m := make(map[string]struct{}, 4096)
	for _, line := range strings.Split(frWordsText, "\n") {
		if w := strings.TrimSpace(line); w != "" && w[0] != '#' {
			m[w] = struct{}{}
		}
	}
	return m
})
