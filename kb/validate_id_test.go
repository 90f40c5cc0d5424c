package kb

import (
	"regexp"
	"testing"
)

// validID must accept exactly the kebab-case the schema documents.
func TestValidID(t *testing.T) {
	re := regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	for _, id := range []string{"", "a", "-", "a-", "-a", "a--b", "a-b", "ecps-activation-error", "A", "é", "a_b", "a b", "0-9", "abc-1-x", "a-\u00e9"} {
		if got, want := validID(id), re.MatchString(id); got != want {
			t.Errorf("validID(%q) = %v, want %v", id, got, want)
		}
	}
}

// Node ids are kebab-case like entry, tree and option ids.
func TestNodeIDKebabCase(t *testing.T) {
	for _, tc := range []struct {
		id   string
		want bool // a problem
	}{{"start", false}, {"concl-ars", false}, {"Start", true}, {"check_idnat", true}, {"a--b", true}, {"nœud", true}} {
		tr := &Tree{ID: "t", Title: "T", Product: "e-CPS", Start: tc.id, Nodes: []*Node{
			{ID: tc.id, Kind: KindConclusion, Verdict: VerdictInfo, Text: "Fin", Entries: []string{"e"}}}}
		e := &Entry{ID: "e", Title: "E", Answer: "R", Product: "e-CPS", Theme: "T", Sources: []Source{{Seed: "s", Block: 1}}}
		probs := New([]*Entry{e}, []*Tree{tr}).Validate()
		got := false
		for _, p := range probs {
			got = got || p.Msg == `tree "t", node "`+tc.id+`": id must be kebab-case (a-z, 0-9, single dashes)`
		}
		if got != tc.want {
			t.Errorf("node id %q: kebab-case problem %v, want %v (%v)", tc.id, got, tc.want, probs)
		}
	}
}
