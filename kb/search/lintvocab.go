package search

import (
	"fmt"
	"slices"
	"strings"

	"ecps-assist/kb"
	"ecps-assist/kb/vocab"
)

// LintVocab checks the vocabulary against the knowledge k: a name or
// phrase belongs to one product or tree only (compared as the search
// compares them: folded, stemmed, in any order), every term is a word of
// the knowledge, every tree exists. Format problems come from vocab.Parse.
func LintVocab(k *kb.KB, v *vocab.Vocabulary) kb.Problems {
	var probs kb.Problems
	add := func(s vocab.Str, format string, args ...any) {
		probs = append(probs, kb.Problem{Pos: kb.Pos{File: vocab.File, Line: s.Line, Col: s.Col}, Msg: fmt.Sprintf(format, args...)})
	}
	ix := NewIndex(k)
	owner := map[string]string{} // normalised name or phrase → group
	for _, g := range v.Groups() {
		if g.Tree != "" && k.Tree(g.Tree) == nil {
			probs = append(probs, kb.Problem{Pos: kb.Pos{File: vocab.File, Line: g.Line, Col: 5}, Msg: fmt.Sprintf("trees: unknown tree %q", g.Tree)})
		}
		for _, t := range g.Terms {
			if !ix.HasStem(FoldString(t.Value)) {
				add(t, "%s: term %q is not a word of the knowledge", g.Label(), t.Value)
			}
		}
		for _, s := range append(append([]vocab.Str(nil), g.Names...), g.Phrases...) {
			st := contentStems(s.Value)
			slices.Sort(st)
			key := strings.Join(slices.Compact(st), " ")
			if key == "" {
				continue
			}
			if o, dup := owner[key]; dup && o != g.Label() {
				add(s, "%q belongs to %s already: a name or phrase points to one product or tree", s.Value, o)
				continue
			}
			owner[key] = g.Label()
		}
	}
	return probs
}
