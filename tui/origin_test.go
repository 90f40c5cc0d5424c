package tui

import (
	"testing"

	"ecps-assist/kb"
)

// Team knowledge says so on the conclusion and answer screens; an
// official answer says « Officiel (ANS) » above its sources.
func TestTeamKnowledgeOnScreen(t *testing.T) {
	k, probs := kb.LoadMergedDirs([]string{"../testdata/team"})
	if errs := probs.Errors(); len(errs) > 0 {
		t.Fatal(errs.Error())
	}
	// Home search: the team tree and answer say so; the heading is no
	// longer « Réponses officielles ».
	h := newHarness(t, Options{KB: k}, 80, 24)
	h.typeText("transmission niveau")
	h.expect("Avant de transmettre au niveau 2", "e-CPS · Interne (équipe)", "e-CPS · Procédure interne · Interne (équipe)")
	h.reject("Réponses officielles")

	h = newHarness(t, Options{KB: k, Ticket: "il faut transmettre au niveau 2, que joindre à la transmission ?"}, 80, 24)
	h.expect("Avant de transmettre au niveau 2", "Interne (équipe)")
	h.reject("Réponses officielles")

	h = newHarness(t, Options{KB: k, TreeID: "team-n2-checklist"}, 80, 24)
	h.keys("1")
	h.expect("Réponses citées", "Que joindre à une transmission au niveau 2 ?", "Origine : Interne (équipe) · responsable : Équipe")
	h.reject("Réponses officielles citées")
	h.keys("1")
	h.expect("Joindre à la transmission", "Origine", "Interne (équipe) · responsable : Équipe support niveau 1 · revu le")
	h.reject("Source")

	h = newHarness(t, Options{TreeID: "ecps-device-integrity"}, 80, 24)
	h.keys("1", "1")
	h.expect("Source · Officiel (ANS)", "seeds/000_50255237a135427a.txt, réponse n° 2")
}
