package diagnose

import (
	"strings"
	"testing"
)

func TestTicketIDs(t *testing.T) {
	for _, c := range []struct {
		name, ticket string
		want         []string // Input:Outcome of each identifier found
	}{
		{"rpps without its 8", "il tape son RPPS 10000123454 et ça échoue", []string{"10000123454:missing-prefix"}},
		{"idnat with spaces", "identifiant : 8 1000 0123 454.", []string{"8 1000 0123 454:valid"}},
		{"idnat with NBSP and dots", "id 8\u00a01000.0123.454", []string{"8\u00a01000.0123.454:valid"}},
		{"bad key", "Mon identifiant 810000123455 ne passe pas", []string{"810000123455:bad-key"}},
		{"two ids, once each", "810000123454 puis 8 10000123454 puis 10000123455", []string{"810000123454:valid", "10000123455:bad-key"}},
		{"siret", "SIRET de la structure : 356 000 000 00048", []string{"356 000 000 00048:valid"}},
		{"corsican finess", "FINESS 2A0780195 svp", []string{"2A0780195:valid"}},
		{"phone number is not an id", "rappelez-moi au 06 12 34 56 78 ou 0612345678", nil},
		{"international phone is not an id", "tel +33 6 12 34 56 78", nil},
		{"ten digits after an id word", "idnat 0612345678", []string{"0612345678:phone"}},
		{"dates, years, amounts", "depuis le 21/06/2022, 2022 ou 21.06.2022, 1 000 000 euros", nil},
		{"glued to letters", "ref ABC10000123454 et 10000123454x", nil},
		{"groups tried one by one", "ids 10000123454 810000123454", []string{"10000123454:missing-prefix", "810000123454:valid"}},
		{"ten digits after another number", "RPPS 10000123454 0612345678", []string{"10000123454:missing-prefix"}},
		{"phone after an rpps, the nearest word wins", "RPPS : 10000123454 - Tél : 0612345678", []string{"10000123454:missing-prefix"}},
		{"phone in pairs even after an id word", "rpps 10000123454, idnat 06 12 34 56 78", []string{"10000123454:missing-prefix"}},
		{"references are not ids", "ticket n°202311231, commande n° 123456789012, dossier 810000123454", nil},
		{"n° before an id word", "mon n° RPPS 10000123454", []string{"10000123454:missing-prefix"}},
		{"portable with nine digits", "portable 612345678", nil},
		{"none", "bonjour, la carte ne marche pas", nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			var got []string
			for _, r := range TicketIDs(c.ticket, MaxTicketIDs) {
				got = append(got, r.Input+":"+r.Outcome())
			}
			if strings.Join(got, "|") != strings.Join(c.want, "|") {
				t.Errorf("TicketIDs(%q) = %q, want %q", c.ticket, got, c.want)
			}
		})
	}
}

func TestTicketIDsBounded(t *testing.T) {
	var b strings.Builder
	for i := range 50 {
		b.WriteString("81000012345")
		b.WriteByte(byte('0' + i%10))
		b.WriteString(" ; ")
	}
	if got := TicketIDs(b.String(), MaxTicketIDs); len(got) != MaxTicketIDs {
		t.Fatalf("got %d identifiers, want the first %d", len(got), MaxTicketIDs)
	}
	if got := TicketIDs(strings.Repeat("1", 1<<20), MaxTicketIDs); len(got) != 0 {
		t.Fatalf("a 1 MiB digit run is no identifier: %v", got)
	}
}

func TestMaskNumbers(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"RPPS 10000123454, tel 06 12 34 56 78.", "RPPS  , tel  ."},
		{"IEPS.06 et 2 e-CPS, formulaire F414", "IEPS.06 et 2 e-CPS, formulaire F414"},
		{"le 21/06/2022 à 10:30", "le 21/06/2022 à 10:30"},
		{"siret 356 000 000 00048", "siret  "},
		{"", ""},
	} {
		if got := MaskNumbers(c.in); got != c.want {
			t.Errorf("MaskNumbers(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestQueryIDs(t *testing.T) {
	for _, c := range []struct {
		q    string
		want []string // Input:Outcome
	}{
		{"1000012345", []string{"1000012345:bad-length"}}, // a digit short: said, unlike in a ticket
		{" 8 10000 12345 4 ", []string{" 8 10000 12345 4 :valid"}},
		{"8\u00a01000.0123.454", []string{"8\u00a01000.0123.454:valid"}},
		{"2A0780195", []string{"2A0780195:valid"}},
		{"1234567", nil}, // too short to be checked
		{"rpps 10000123454 e-cps", []string{"10000123454:missing-prefix"}}, // words: as a ticket
		{"tel 0612345678", nil},
	} {
		var got []string
		for _, r := range QueryIDs(c.q) {
			got = append(got, r.Input+":"+r.Outcome())
		}
		if strings.Join(got, "|") != strings.Join(c.want, "|") {
			t.Errorf("QueryIDs(%q) = %q, want %q", c.q, got, c.want)
		}
	}
}
