package tui

import (
	"strings"
	"testing"

	"ecps-assist/config"
	"ecps-assist/kb"
)

// An info conclusion shows the team's escalation line, the configured one
// when given; an answer whose source lost a link shows the marker.
func TestConclusionShowsEscalationLine(t *testing.T) {
	h := newHarness(t, Options{TreeID: "ecps-device-integrity"}, 100, 40)
	h.keys("2", "2", "2", "2", "2") // no cause found: info
	h.expect("Information", "Recours de l'équipe : "+config.DefaultEscalation)

	h = newHarness(t, Options{TreeID: "ecps-device-integrity", Escalation: "Appeler le N2 au poste 12"}, 100, 40)
	h.keys("2", "2", "2", "2", "2")
	h.expect("Recours de l'équipe : Appeler le N2 au poste 12")
	h.reject(config.DefaultEscalation)

	h = newHarness(t, Options{TreeID: "ecps-device-integrity"}, 100, 40)
	h.keys("1") // rooted: resolved, no escalation line
	h.expect("Résolu")
	h.reject("Recours de l'équipe")
}

func TestAnswerShowsLostLinkMarker(t *testing.T) {
	h := newHarness(t, Options{TreeID: "ecps-activation-method"}, 100, 40)
	h.keys("2", "2", "3") // no e-CPS, no card, does not know
	h.expect("Peut-on activer la e-CPS avec une carte", kb.LostLinkMarker)
	h.keys("1") // open the first cited answer
	h.expect("document ci-dessous : " + kb.LostLinkMarker)
	// Once in the answer, once in the reply preview under it.
	answer, preview, _ := strings.Cut(h.screen(), "Réponse au client")
	if strings.Count(answer, kb.LostLinkMarker) != 1 || strings.Count(preview, kb.LostLinkMarker) != 1 {
		t.Errorf("want one marker in the answer and one in the reply:\n%s", h.screen())
	}
}
