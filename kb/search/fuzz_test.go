package search

import (
	"strings"
	"testing"
	"unicode/utf8"

	"ecps-assist/kb/kbtest"
)

// FuzzFold checks the folding invariants on arbitrary text: the mapping
// back to the original covers every byte of the folded text with a rune
// index inside the original, in order, and folding is stable.
func FuzzFold(f *testing.F) {
	for _, s := range []string{"Téléphone rooté", "œuvre « l’appli »", "e-CPS BAS", "ǅ\u0301ﬁ\x1b[2J", "\xff\xfe", "ß İ ı", "0´ʹ", "aʹb", "l’ʼé"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		fd := Fold(s)
		if len(fd.RuneOf) != len(fd.Text) {
			t.Fatalf("RuneOf has %d entries for %d bytes", len(fd.RuneOf), len(fd.Text))
		}
		n := utf8.RuneCountInString(s)
		prev := 0
		for i, r32 := range fd.RuneOf {
			r := int(r32)
			if r < 0 || (n > 0 && r >= n) || (n == 0 && len(fd.Text) > 0) {
				t.Fatalf("byte %d maps to rune %d of a %d-rune text %q", i, r, n, s)
			}
			if r < prev {
				t.Fatalf("mapping goes backwards at byte %d: %d < %d", i, r, prev)
			}
			prev = r
		}
		if FoldString(s) != fd.Text {
			t.Fatalf("FoldString and Fold disagree on %q", s)
		}
		if again := FoldString(fd.Text); again != fd.Text {
			t.Fatalf("folding is not stable: %q -> %q -> %q", s, fd.Text, again)
		}
		var words []string
		foldWords(s, nil, func(w []byte) { words = append(words, string(w)) })
		want := strings.FieldsFunc(fd.Text, func(r rune) bool { return r == ' ' || r == '\'' })
		if strings.Join(words, "|") != strings.Join(want, "|") {
			t.Fatalf("foldWords(%q) = %q, want the words of the folding %q", s, words, want)
		}
	})
}

// FuzzTokens runs arbitrary text through the tokeniser and both rankers of
// the embedded KB: no panic, tokens are single non-empty words, highlights
// stay inside their titles.
func FuzzTokens(f *testing.F) {
	for _, s := range []string{"telephone roote", "bjr la dr a changé de puce et lappli marche plus", "l'", "qu’", "mdp", "\x00\x1b]52;c;x\x07", strings.Repeat("a ", 200)} {
		f.Add(s)
	}
	ix := NewIndex(kbtest.Embedded())
	f.Fuzz(func(t *testing.T, s string) {
		for _, tok := range Tokens(s) {
			if tok == "" || strings.ContainsAny(tok, " \t\n") {
				t.Fatalf("bad token %q from %q", tok, s)
			}
			_ = Stem(tok)
		}
		for _, r := range []Results{ix.Filter(s, 5), ix.Search(s, 5)} {
			for _, h := range append(append([]Hit(nil), r.Trees...), r.Entries...) {
				n := utf8.RuneCountInString(h.Title)
				for _, i := range h.TitleMatches {
					if i < 0 || i >= n {
						t.Fatalf("highlight %d outside title %q (query %q)", i, h.Title, s)
					}
				}
			}
			if r.Weak && (len(r.Trees) > 0 || len(r.Entries) > 0) {
				t.Fatalf("weak results carry hits for %q", s)
			}
		}
	})
}
