package diagnose

import (
	"strings"
	"testing"

	"ecps-assist/kb/kbtest"
	"ecps-assist/kb/search"
)

// A query that is only an identifier leads to the trees that check its
// kind, and its digits match no answer.
func TestSearchForAnIdentifierAlone(t *testing.T) {
	k := kbtest.Embedded()
	ix := search.NewIndex(k)
	for _, c := range []struct {
		query     string
		wantTrees string // ids, comma-separated, in order
	}{
		{"810000123454", "ecps-activation-error"},
		{"10000123454", "ecps-activation-error"}, // RPPS without its 8
		{"8 10000 12345 4", "ecps-activation-error"},
		{"410000123454017", "igc-certificate-order"},   // RPPS-rang
		{"732 829 320 00074", "igc-certificate-order"}, // SIRET
		{"1234567", ""}, // too short to be an identifier: searched
	} {
		f := Search(ix, k, c.query, 10)
		var got []string
		for _, m := range f.Trees {
			got = append(got, m.ID)
		}
		if strings.Join(got, ",") != c.wantTrees {
			t.Errorf("Search(%q) trees = %v, want %q", c.query, got, c.wantTrees)
		}
		if c.wantTrees == "" {
			continue
		}
		if len(f.Entries) != 0 || f.Weak {
			t.Errorf("Search(%q): entries %v, weak %v; want none, not weak", c.query, f.Entries, f.Weak)
		}
		if len(f.Identifiers) != 1 || f.Trees[0].Why() != "vérifie l'identifiant « "+c.query+" »" {
			t.Errorf("Search(%q): identifiers %v, why %q", c.query, f.Identifiers, f.Trees[0].Why())
		}
	}
	// Words that rank trees keep their ranking: the identifier's tree
	// comes after them, or says it checks the identifier if it ranked.
	words := Search(ix, k, "certificat expiré", 10)
	f := Search(ix, k, "certificat expiré 810000123454", 10)
	if len(f.Trees) != len(words.Trees)+1 || f.Trees[0].ID != words.Trees[0].ID ||
		f.Trees[len(f.Trees)-1].ID != "ecps-activation-error" {
		t.Errorf("words and an identifier: trees %v, want those of the words alone %v then ecps-activation-error", f.Trees, words.Trees)
	}
	f = Search(ix, k, "erreur activation e-cps 10000123454", 10)
	if len(f.Trees) == 0 || f.Trees[0].ID != "ecps-activation-error" || f.Trees[0].Score == 0 ||
		!strings.Contains(f.Trees[0].Why(), "10000123454") {
		t.Errorf("ranked tree that checks the identifier: %+v", f.Trees)
	}
}
