package diagnose

import (
	"testing"

	"ecps-assist/kb/kbtest"
	"ecps-assist/kb/search"
)

// A blocked CPS card is a question the official answers do not treat:
// it is named as such, never answered with confidence by the tree whose
// words it shares by chance (« carte » SIM, « e-CPS bloquée »: the
// rooted-phone tree). A blocked card in Firefox, or the e-CPS, is
// answered, and « bloqués » of something else is no blocked card.
func TestBlockedCardIsAGap(t *testing.T) {
	k := kbtest.Embedded()
	ix := search.NewIndex(k)
	gap := func(f Findings) bool {
		for _, g := range f.Gaps {
			if g.ID == "cps-card-blocked" {
				return true
			}
		}
		return false
	}
	for _, q := range []string{"carte cps bloquée", "ma carte est bloquée", "carte CPx verrouillée"} {
		if f := Search(ix, k, q, 10); f.Confidence == ConfHigh || !gap(f) {
			t.Errorf("%q: %s, gaps %v, trees %v", q, f.Confidence, f.Gaps, topIDs(f.Trees, 3))
		}
	}
	for q, tree := range map[string]string{
		"carte cps bloquée dans firefox": "cps-firefox",
		"e-cps bloquée":                  "ecps-device-integrity",
	} {
		if f := Search(ix, k, q, 10); f.Confidence != ConfHigh || gap(f) || len(f.Trees) == 0 || f.Trees[0].ID != tree {
			t.Errorf("%q: %s, gaps %v, trees %v; want %s", q, f.Confidence, f.Gaps, topIDs(f.Trees, 3), tree)
		}
	}
	f := Triage(ix, k, "Le certificat serveur de l'établissement a expiré hier et les échanges sont bloqués, que faut-il faire pour le renouveler ? Notre carte de test marche.", 10)
	if gap(f) {
		t.Errorf("« échanges bloqués »: gaps %v", f.Gaps)
	}
}
