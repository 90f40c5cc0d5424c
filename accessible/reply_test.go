package accessible

import (
	"strings"
	"testing"

	"ecps-assist/diagnose"
)

// At the conclusion, r says the « Réponse au client » as it would be
// sent, and the lines a placeholder without a value left out.
func TestConclusionSaysTheReply(t *testing.T) {
	tmpl := diagnose.ReplyTemplate{Greeting: "Bonjour {nom},", Signature: "Cordialement,\n{agent}", Agent: "Camille Martin"}
	out := run(t, Options{Reply: tmpl}, "telephone roote\n1\nOui\nr\n\nq\n")
	expect(t, out,
		"Ensuite : r pour lire la réponse au client, e pour enregistrer la transcription",
		"Ligne retirée de la réponse : « Bonjour {nom}, » ({nom} sans valeur), remplacée par « Bonjour, ».",
		"Réponse au client :\nBonjour,\n\nVotre téléphone est rooté : votre téléphone est alors incompatible avec l’utilisation de la e-CPS",
		"Source : FAQ de l'Agence du numérique en santé\n\nCordialement,\nCamille Martin\nFin de la réponse au client.")
	if strings.Contains(out, "Bonjour {nom}") && !strings.Contains(out, "« Bonjour {nom}, »") {
		t.Error("the unfilled greeting was said as part of the reply")
	}
}
