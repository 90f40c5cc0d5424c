package tui

import (
	"errors"
	"strings"
	"testing"

	"ecps-assist/diagnose"
)

// From the rooted-phone conclusion, c copies the reply: greeting first,
// the official cause verbatim, its source in words, the signature last;
// the same text goes to OSC 52 and to the system clipboard.
func TestCopyReplyFromConclusion(t *testing.T) {
	tmpl := diagnose.ReplyTemplate{Greeting: "Bonjour Docteur,", Signature: "Cordialement,\n{agent}", Agent: "Camille Martin"}
	h := newHarness(t, Options{TreeID: "ecps-device-integrity", Reply: tmpl}, 80, 24)
	var sys []string
	h.m.sysClip = func(s string) error { sys = append(sys, s); return nil }
	h.keys("1")
	h.expect("c/a copier réponse/officiel")
	h.run(h.keys("c"))
	h.expect("Réponse copiée (presse-papiers système et OSC 52)")
	got := osc52Payload(t, h)
	want := "Bonjour Docteur,\n\nVotre téléphone est rooté : votre téléphone est alors incompatible avec l’utilisation de la e-CPS, vous devez le réinitialiser aux paramètres d’usine ou utiliser un autre appareil.\n\n"
	if !strings.HasPrefix(got, want) {
		t.Errorf("reply = %q\nwant it to start with %q", got, want)
	}
	if !strings.HasSuffix(got, "\n\nSource : FAQ de l'Agence du numérique en santé\n\nCordialement,\nCamille Martin\n") {
		t.Errorf("reply does not end with the source and the signature: %q", got)
	}
	if len(sys) != 1 || sys[0] != got {
		t.Errorf("system clipboard got %q, want the same reply", sys)
	}
	// a copies the selected cited answer alone.
	h.run(h.keys("a"))
	h.expect("Texte officiel copié (presse-papiers système et OSC 52)")
	e := h.m.kb.Entry("ecps-device-incompatible")
	if got := osc52Payload(t, h); got != strings.TrimSpace(e.Answer) {
		t.Errorf("official text = %q", got)
	}
	// After a copy, Esc leaves without asking.
	h.keys("esc")
	h.expect("Rechercher ›")
}

func TestCopyStatusSaysWhichClipboard(t *testing.T) {
	h := newHarness(t, Options{TreeID: "ecps-device-integrity"}, 80, 24)
	h.keys("1")
	// No system clipboard: OSC 52 only.
	h.run(h.keys("c"))
	h.expect("Réponse copiée (OSC 52, si le terminal l'autorise ; pas de presse-papiers")
	// Neither: the status says so, the reply stays on screen.
	h.m.clipboard = failWriter{}
	h.m.sysClip = func(string) error { return errors.New("xclip: Can't open display") }
	h.run(h.keys("c"))
	h.expect("Copie impossible : aucun presse-papiers joignable", "sélectionnez-le à l'écran")
	h.keys("v")
	h.expect("Réponse au client", "Bonjour,", "Votre téléphone est rooté : votre téléphone est alors")
	// The system clipboard alone.
	h.m.sysClip = func(string) error { return nil }
	h.run(h.keys("c"))
	h.expect("Réponse copiée (presse-papiers système)")
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("terminal closed") }

func TestReplyPreviewAndHelp(t *testing.T) {
	h := newHarness(t, Options{TreeID: "ecps-activation-error"}, 80, 24)
	h.keys("1", "1")
	for _, r := range "10000123454" {
		h.keys(string(r))
	}
	h.keys("enter")
	h.expect("Résolu")
	h.keys("v")
	h.expect("Réponse au client", "c : copier la réponse · a : copier le texte officiel seul", "Votre identifiant national est 810000123454 : le chiffre 8 suivi de")
	h.keys("?")
	h.expect("copier la réponse", "copier le texte officiel", "voir la réponse", "copier la transcription")
}

// The answer screen: preview, c for the reply, a for the answer alone.
func TestAnswerScreenReply(t *testing.T) {
	tmpl := diagnose.ReplyTemplate{Greeting: "Bonjour {nom},"}
	h := newHarness(t, Options{TreeID: "ecps-activation-method", Reply: tmpl}, 80, 24)
	h.keys("1", "1") // a second e-CPS → the conclusion, then its cited answer
	h.expect("Une personne ne peut avoir qu'une seule e-CPS à la fois.", "←/échap retour · c/a copier réponse/officiel")
	h.keys("v")
	h.expect("Réponse au client", "Ligne retirée de la réponse : « Bonjour {nom}, » ({nom} sans valeur)")
	h.run(h.keys("c"))
	h.expect("Réponse copiée", "Ligne retirée de la réponse")
	want := "Bonjour,\n\nUne personne ne peut avoir qu'une seule e-CPS à la fois.\n\nSource : FAQ de l'Agence du numérique en santé\n\nCordialement,\n"
	if got := osc52Payload(t, h); got != want {
		t.Errorf("reply = %q, want %q", got, want)
	}
	h.run(h.keys("a"))
	if got := osc52Payload(t, h); got != "Une personne ne peut avoir qu'une seule e-CPS à la fois." {
		t.Errorf("official = %q", got)
	}
	h.keys("?")
	h.expect("copier la réponse", "copier le texte officiel")
}

// {nom} without a value: the preview says which line is left out and how
// to fill it; d asks the name, and the reply then greets by name.
func TestReplyAsksTheName(t *testing.T) {
	tmpl := diagnose.ReplyTemplate{Greeting: "Bonjour {nom},", Signature: "Cordialement,"}
	h := newHarness(t, Options{TreeID: "ecps-device-integrity", Reply: tmpl}, 80, 24)
	h.keys("1", "v")
	h.expect("Ligne retirée de la réponse : « Bonjour {nom}, » ({nom} sans valeur)", "saisir le nom du destinataire")
	h.run(h.keys("c"))
	if got := osc52Payload(t, h); strings.Contains(got, "{nom}") || !strings.HasPrefix(got, "Bonjour,\n\nVotre téléphone est rooté") {
		t.Errorf("reply with the line left out = %q", got)
	}
	h.expect("Réponse copiée", "Ligne retirée")
	h.keys("d")
	h.expect("Nom du destinataire, pour {nom}", "Nom ›")
	h.keys("q") // text in the field, not quit
	h.keys("backspace")
	for _, r := range "Docteur Martin" {
		h.keys(string(r))
	}
	h.keys("enter")
	h.expect("Nom du destinataire : Docteur Martin", "Réponse au client")
	h.reject("Ligne retirée")
	h.run(h.keys("c"))
	if got := osc52Payload(t, h); !strings.HasPrefix(got, "Bonjour Docteur Martin,\n\nVotre téléphone est rooté") {
		t.Errorf("reply = %q", got)
	}
	// Esc cancels without changing the name.
	h.keys("d", "x", "esc")
	h.run(h.keys("c"))
	if got := osc52Payload(t, h); !strings.HasPrefix(got, "Bonjour Docteur Martin,") {
		t.Errorf("after Esc, reply = %q", got)
	}
}

// With the default greeting (no {nom}), naming the correspondent says the
// reply does not show the name, instead of seeming to do nothing.
func TestReplyNameWithoutPlaceholder(t *testing.T) {
	h := newHarness(t, Options{TreeID: "ecps-device-integrity"}, 80, 24)
	h.keys("1", "d")
	for _, r := range "Docteur Martin" {
		h.keys(string(r))
	}
	h.keys("enter")
	h.expect("Nom du destinataire : Docteur Martin", "la réponse ne le montre pas")
}

// The name is forgotten back home: the next diagnosis is for someone else.
func TestReplyNameForgottenAtHome(t *testing.T) {
	tmpl := diagnose.ReplyTemplate{Greeting: "Bonjour {nom},"}
	h := newHarness(t, Options{TreeID: "ecps-device-integrity", Reply: tmpl}, 80, 24)
	h.keys("1", "d", "X", "enter")
	h.run(h.keys("c"))
	if got := osc52Payload(t, h); !strings.HasPrefix(got, "Bonjour X,") {
		t.Fatalf("reply = %q", got)
	}
	// An answer opened from the conclusion keeps it.
	h.keys("1")
	h.run(h.keys("c"))
	if got := osc52Payload(t, h); !strings.HasPrefix(got, "Bonjour X,") {
		t.Errorf("answer from the conclusion: reply = %q", got)
	}
	h.keys("esc", "esc") // back to the conclusion, leave the tree (copied: no question)
	h.expect("Rechercher ›")
	for _, r := range "roote" {
		h.keys(string(r))
	}
	h.keys("enter", "1") // the same tree again, to the conclusion
	h.expect("Réponse au client")
	h.run(h.keys("c"))
	if got := osc52Payload(t, h); strings.Contains(got, "Bonjour X") {
		t.Errorf("the name outlived the diagnosis: %q", got)
	}
}
