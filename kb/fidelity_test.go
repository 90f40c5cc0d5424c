package kb_test

import (
	"strings"
	"testing"

	"ecps-assist/kb"
	"ecps-assist/kb/kbtest"
)

// The proof of issue 10: walk every conclusion of the embedded KB and fail
// if a step (or the text) quotes, between « », what no cited entry says;
// if a resolved conclusion cites an entry whose source lost a link; if a
// question's options are out of the order « Oui », « Non », « Ne sait pas ».
// Lint implements the rules (kb/fidelity.go); this test walks the trees
// itself so that a rule switched off in Lint still fails here.
func TestEveryConclusionIsFaithful(t *testing.T) {
	k := kbtest.Embedded()
	conclusions := 0
	for _, tr := range k.Trees {
		for _, n := range tr.Nodes {
			where := tr.ID + "/" + n.ID
			switch n.Kind {
			case kb.KindQuestion:
				rank := -1
				for _, o := range n.Options {
					l := strings.ToLower(o.Label)
					r := -1
					switch {
					case strings.HasPrefix(l, "oui"):
						r = 0
					case strings.HasPrefix(l, "non"):
						r = 1
					case strings.HasPrefix(l, "ne sait pas"):
						r = 2
					}
					if r >= 0 && r < rank {
						t.Errorf("%s: option %q out of order (Oui, Non, Ne sait pas)", where, o.Label)
					}
					rank = max(rank, r)
				}
			case kb.KindConclusion:
				conclusions++
				var answers []string
				for _, id := range n.Entries {
					e := k.Entry(id)
					if e == nil {
						t.Fatalf("%s cites unknown %s", where, id)
					}
					answers = append(answers, fold(e.Answer))
					if n.Verdict == kb.VerdictResolved && e.HasLostLink() {
						t.Errorf("%s: resolved, but %s lost a link of its source", where, id)
					}
				}
				for _, text := range append([]string{n.Text}, n.Steps...) {
					qs, nested := kb.Quotes(text)
					if nested {
						t.Errorf("%s: nested « » in %q", where, text)
					}
					for _, q := range qs {
						fq := strings.Trim(fold(q), " .,;:")
						found := false
						for _, a := range answers {
							found = found || strings.Contains(a, fq)
						}
						if !found {
							t.Errorf("%s: quotes « %s », in no cited entry", where, q)
						}
					}
				}
			}
		}
	}
	if conclusions < 50 {
		t.Errorf("only %d conclusions walked", conclusions)
	}
}

func fold(s string) string {
	s = strings.NewReplacer("’", "'", "«", " ", "»", " ", "“", " ", "”", " ", `"`, " ").Replace(strings.ToLower(s))
	return strings.Join(strings.Fields(s), " ")
}

// Every answer that lost a link shows the marker where it is displayed.
func TestLostLinksAreMarked(t *testing.T) {
	k := kbtest.Embedded()
	want := []string{"ecps-update-correspondence", "ecps-activation-methods", "igc-test-products",
		"hds-accreditation-documents", "hds-activity-types", "hds-certification-scopes"}
	for _, id := range want {
		e := k.Entry(id)
		if e == nil || !e.HasLostLink() {
			t.Errorf("%s: no lost link recorded", id)
			continue
		}
		m := e.MarkedAnswer()
		if strings.Count(m, kb.LostLinkMarker) != len(e.LostLinks) {
			t.Errorf("%s: %d markers for %d lost links in %q", id, strings.Count(m, kb.LostLinkMarker), len(e.LostLinks), m)
		}
		if kb.Normalize(strings.ReplaceAll(m, " "+kb.LostLinkMarker, "")) != kb.Normalize(e.Answer) {
			t.Errorf("%s: the marked answer changes the text: %q", id, m)
		}
	}
	if got := k.Entry("hds-certification-scopes").MarkedAnswer(); !strings.Contains(got, "(cf image 1) "+kb.LostLinkMarker) {
		t.Errorf("marker not after the lost image: %q", got)
	}
	n := 0
	for _, e := range k.Entries {
		if e.HasLostLink() {
			n++
		}
	}
	if n != len(want) {
		t.Errorf("%d entries with lost links, want %d", n, len(want))
	}
}

// Every quote of the news article carries its outlet and date, and shows
// them in its citation.
func TestArticleQuotesCarryTheirDate(t *testing.T) {
	for _, e := range kbtest.Embedded().Entries {
		for _, s := range e.Sources {
			if s.Quote == "" {
				continue
			}
			if s.Published != "DSIH, 14 juin 2022" || !strings.Contains(s.Label(), "DSIH, 14 juin 2022") {
				t.Errorf("%s: published %q, label %q", e.ID, s.Published, s.Label())
			}
		}
	}
}

func TestVerdictText(t *testing.T) {
	for _, c := range []struct {
		n    kb.Node
		want string
	}{
		{kb.Node{Verdict: kb.VerdictEscalate}, "À transmettre"},
		{kb.Node{Verdict: kb.VerdictRefer, VerdictLabel: "À orienter (ARS)"}, "À orienter (ARS)"},
		{kb.Node{Verdict: kb.VerdictInfo}, "Information"},
		{kb.Node{Verdict: "bogus"}, "bogus"},
	} {
		if got := c.n.VerdictText(); got != c.want {
			t.Errorf("VerdictText(%+v) = %q, want %q", c.n, got, c.want)
		}
	}
	for v, l := range kb.Verdicts {
		if strings.Contains(strings.ToLower(l), "escalad") {
			t.Errorf("verdict %s is labelled %q: name what the agent does", v, l)
		}
	}
}
