package search

import (
	"flag"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/kljensen/snowball/french"

	"ecps-assist/kb/kbtest"
	"ecps-assist/kb/vocab"
)

var updateStems = flag.Bool("update", false, "write stems.txt")

// TestStemTable checks that stems.txt holds exactly the words stemmed
// while indexing the embedded knowledge and compiling the vocabulary, with
// their snowball stems. After editing kb/data or kb/vocab, `go generate
// ./...` (or go test ./kb/search -run TestStemTable -update).
func TestStemTable(t *testing.T) {
	seen := map[string]bool{}
	stemRecord = func(w string) { seen[w] = true }
	// the YAML itself, not vocabulary_gen.go, which go generate may
	// rewrite after this package
	data, err := os.ReadFile("../vocab/vocabulary.yaml")
	if err != nil {
		t.Fatal(err)
	}
	v, probs := vocab.Parse(vocab.File, data)
	if errs := probs.Errors(); len(errs) > 0 {
		t.Fatal(errs)
	}
	makeVagueStems()
	compileLexicon(v)
	buildIndex(kbtest.Embedded())
	stemRecord = nil
	var want []string
	for w := range seen {
		if st := french.Stem(w, true); st != w {
			want = append(want, w+" "+st)
		} else {
			want = append(want, w)
		}
	}
	slices.Sort(want)
	text := strings.Join(want, "\n") + "\n"
	if *updateStems {
		if err := os.WriteFile("stems.txt", []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if text != stemsText {
		t.Fatalf("stems.txt is out of date (%d words needed, %d in the file): run\n\tgo generate ./...   (or: go test ./kb/search -run TestStemTable -update)",
			len(want), strings.Count(stemsText, "\n"))
	}
	// and the table is what Stem answers
	for w, st := range stemTable() {
		if got := Stem(w); got != st || got != french.Stem(w, true) {
			t.Errorf("Stem(%q) = %q, table %q", w, got, st)
		}
	}
}
