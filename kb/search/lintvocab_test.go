package search

import (
	"strings"
	"testing"

	"ecps-assist/kb"
	"ecps-assist/kb/vocab"
)

func TestLintVocabEmbedded(t *testing.T) {
	k, _, _ := kb.Load("")
	v, probs := vocab.Embedded()
	probs = append(probs, LintVocab(k, v)...)
	for _, p := range probs {
		t.Error(p)
	}
}

func TestLintVocabProblems(t *testing.T) {
	k, _, _ := kb.Load("")
	v, probs := vocab.Parse("v.yaml", []byte(`
products:
  - product: e-CPS
    terms: [ecps, zorglub]
    names: ["e cps"]
    phrases: ["appli carte pro téléphone"]
  - product: INSi
    terms: [insi]
    phrases: ["téléphone carte appli pro"]
trees:
  - tree: no-such-tree
    terms: [insi]
    names: [x]
`))
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	got := LintVocab(k, v)
	want := []string{`term "zorglub" is not a word`, `"téléphone carte appli pro" belongs to e-CPS already`, `unknown tree "no-such-tree"`}
	if len(got) != len(want) {
		t.Fatalf("got %v, want %d problems", got, len(want))
	}
	for _, w := range want {
		found := false
		for _, p := range got {
			found = found || strings.Contains(p.String(), w)
		}
		if !found {
			t.Errorf("no problem %q in %v", w, got)
		}
	}
}

// ordinaryWord's binary search needs frwords.txt sorted, as frgen writes it.
func TestFrWordsSorted(t *testing.T) {
	ws := strings.Split(strings.TrimSuffix(frWords(), "\n"), "\n")
	if len(ws) < 1000 {
		t.Fatalf("%d words", len(ws))
	}
	for i := 1; i < len(ws); i++ {
		if ws[i-1] >= ws[i] {
			t.Fatalf("frwords.txt not sorted at %q, %q", ws[i-1], ws[i])
		}
	}
	if !ordinaryWord("tarte") || ordinaryWord("rpps") {
		t.Error("tarte is an ordinary word, rpps is not")
	}
}
