package diagnose

import (
	"testing"

	"ecps-assist/kb/kbtest"
	"ecps-assist/kb/search"
)

// A misspelt word of the domain (certificat, intrusion, annuaire…) is
// read as the word it stands for, with its weight: « certifcat expiré »
// is the certificate's question, not « rien dans la base ». A misspelt
// ordinary word next to an unanswered subject stays unconfident.
func TestTypoOfDomainWord(t *testing.T) {
	k := kbtest.Embedded()
	ix := search.NewIndex(k)
	for _, q := range []string{"certifcat expiré", "certficat expiré"} {
		f := Search(ix, k, q, 10)
		if f.Confidence != ConfHigh || len(f.Trees) == 0 || f.Trees[0].ID != "igc-certificate-renewal" {
			t.Errorf("%q: %s, trees %v", q, f.Confidence, topIDs(f.Trees, 3))
		}
	}
	f := Triage(ix, k, "La caarte Vitale d'une pattiente est illisible sur notre terminal, que faire pour la facturation ?", 10)
	if f.Confidence == ConfHigh {
		t.Errorf("a Vitale card: %s, trees %v", f.Confidence, topIDs(f.Trees, 3))
	}
}
