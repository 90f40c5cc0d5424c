package kb_test

import (
	"strings"
	"testing"

	"ecps-assist/kb"
)

// SortedTrees groups the trees by product, in Products order, keeping the
// catalog order within a product; unknown products come last.
func TestSortedTrees(t *testing.T) {
	var trees []*kb.Tree
	for _, p := range [][2]string{{"a", "HDS"}, {"b", "e-CPS"}, {"c", "Inconnu"}, {"d", "HDS"}, {"e", "e-CPS"}, {"f", "CPS/CPx"}} {
		trees = append(trees, &kb.Tree{ID: p[0], Product: p[1]})
	}
	var got []string
	for _, tr := range kb.New(nil, trees).SortedTrees() {
		got = append(got, tr.ID)
	}
	if s := strings.Join(got, ","); s != "b,e,f,a,d,c" {
		t.Errorf("order %s, want b,e,f,a,d,c", s)
	}
}
