package diagnose

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"ecps-assist/bench/ticketgen"
)

// blocks runs blockingWords on windows around its literals: it must say
// what the regexp says over the whole (lower-cased) text, on generated
// tickets, on the eval cases and on edge cases.
func TestBlocksAgreesWithTheRegexp(t *testing.T) {
	texts := []string{"", "erreur", "xerreur", "erreurs", "ERREUR", "l'erreur.", "ça ne marche plus", "ne marche plus",
		"il est tombé", "tombées!", "tombéx", "Impossible", "impossibles", "pas reconnue", "ne reconnaît pas",
		"n'est pas lue", "cannot", "can not", "scanner", "wrong credentials", strings.Repeat("a ", 40) + "refusé" + strings.Repeat(" b", 40),
		"İMPOSSIBLE", "expiré", "bloqué", "plantage", "rejeté", "jamais reçu", "pas reçu", "n'arrive jamais"}
	g := ticketgen.New(7)
	for i := range 500 {
		texts = append(texts, g.Ticket(i).Text)
	}
	files, _ := filepath.Glob("testdata/eval/*.yaml")
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, strings.Split(string(data), "\n")...)
	}
	for _, s := range texts {
		if got, want := blocks(s), blockingWords().MatchString(strings.ToLower(s)); got != want {
			t.Errorf("blocks(%q) = %v, the regexp over the text says %v", s, got, want)
		}
	}
}
