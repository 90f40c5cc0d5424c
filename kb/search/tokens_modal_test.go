package search

import (
	"slices"
	"testing"
)

// "arriver à" + a verb is the modal "manage to": dropped from queries, so
// "je n'arrive pas à activer" does not point at the mail that "n'arrive pas".
func TestModalArriver(t *testing.T) {
	for _, c := range []struct {
		text string
		keep bool // "arrive…" stays a token
	}{
		{"je n'arrive pas à activer ma e-CPS", false},
		{"elle n'arrive plus a me logger sur convergence", false},
		{"ils n'arrivent toujours pas à se connecter", false},
		{"on n'arrive pas à le lire", false},
		{"le mail d'activation n'arrive pas", true},
		{"le mail n'arrive jamais", true},
		{"certificat arrivé à échéance", true},
		{"le QR code arrive à la mauvaise adresse", true},
		{"arrive", true},
	} {
		toks := Tokens(c.text)
		has := slices.ContainsFunc(toks, func(s string) bool { return len(s) >= 6 && s[:6] == "arrive" })
		if has != c.keep {
			t.Errorf("Tokens(%q) = %q: keeps arrive = %v, want %v", c.text, toks, has, c.keep)
		}
	}
}
