package diagnose

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestLuhn(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"10000123454", true},
		{"10000123455", false},
		{"10005678901", false}, // documentation example, not a valid number
		{"10003461033", false}, // documentation example, not a valid number
		{"77220148900022", true},
		{"77220148900023", false},
		{"10000123454017", true},
		{"010780195", true},
		{"010780196", false},
		{"0", true},
		{"", false},
		{"12a4", false},
		{"1 2", false},
	}
	for _, tt := range tests {
		if got := Luhn(tt.in); got != tt.want {
			t.Errorf("Luhn(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestCheckID(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		kind    IDKind
		valid   bool
		problem string
		kindOut IDKind
		guessed bool
		named   bool     // a label word named the kind: not guessed
		norm    string   // expected Normalized, "" = not checked
		msg     []string // substrings of Message
		fix     []string // substrings of Fix
		note    []string // substrings of the joined Notes
	}{
		// --- identifiers.md examples, explicit kind
		{name: "rpps valid", in: "10000123454", kind: KindRPPS, valid: true, kindOut: KindRPPS, note: []string{"810000123454"}},
		{name: "rpps bad key", in: "10000123455", kind: KindRPPS, problem: ProblemBadKey, kindOut: KindRPPS, msg: []string{"lé de contrôle incorrecte", "faute de frappe"}, fix: []string{"première ligne de la carte CPx"}},
		{name: "rpps doc example 1", in: "10005678901", kind: KindRPPS, problem: ProblemBadKey, kindOut: KindRPPS},
		{name: "rpps doc example 2", in: "10003461033", kind: KindRPPS, problem: ProblemBadKey, kindOut: KindRPPS},
		{name: "rpps given idnat", in: "810000123454", kind: KindRPPS, problem: ProblemBadLength, kindOut: KindRPPS, msg: []string{"identifiant national"}, fix: []string{"10000123454"}},
		{name: "rpps bad length", in: "1000012345", kind: KindRPPS, problem: ProblemBadLength, msg: []string{"11 chiffres attendus", "10 saisis"}},
		{name: "idnat valid", in: "810000123454", kind: KindIDNat, valid: true, kindOut: KindIDNat, msg: []string{"valide", "10000123454"}},
		{name: "idnat bad key", in: "810000123455", kind: KindIDNat, problem: ProblemBadKey, msg: []string{"lé de contrôle est incorrecte : probablement une faute de frappe"}, fix: []string{"première ligne de la carte CPx"}},
		{name: "idnat doc example 1", in: "810005678901", kind: KindIDNat, problem: ProblemBadKey},
		{name: "idnat doc example 2", in: "810003461033", kind: KindIDNat, problem: ProblemBadKey},
		// The seed knows the identifiant national as 8 + RPPS only: an ADELI
		// number is another kind there, never "missing its 0".
		{name: "idnat adeli alone", in: "759301237", kind: KindIDNat, problem: ProblemOtherKind,
			msg: []string{"c'est un numéro ADELI", "12 chiffres : le chiffre 8 suivi des 11 chiffres du numéro RPPS"}, fix: []string{"si le professionnel a un numéro RPPS", "0 + ADELI (10 caractères)"}},
		{name: "idnat 0 + adeli, corsica", in: "02B1234567", kind: KindIDNat, problem: ProblemLetters},
		{name: "idnat 0 + adeli", in: "0010780195", kind: KindIDNat, problem: ProblemOtherKind, msg: []string{"l'identifiant national d'un professionnel connu par son numéro ADELI (0 + ADELI 010780195)"}, fix: []string{"0 + ADELI (10 caractères)"}},
		// identifiers.md: idNat_PS = "0" + ADELI: the phone's shape is not
		// said to be no identifier
		{name: "idnat 0 + adeli phone-shaped", in: "0759301237", kind: KindIDNat, problem: ProblemPhone, msg: []string{"ou celle de l'identifiant national d'un professionnel connu par son numéro ADELI (0 + ADELI 759301237)"}},
		{name: "adeli 0 + adeli phone-shaped", in: "0759301237", kind: KindADELI, problem: ProblemPhone, note: []string{"le numéro ADELI est 759301237"}},
		{name: "adeli valid", in: "759301237", kind: KindADELI, valid: true},
		// One input, one story: 11 digits with a wrong key say the 8 is
		// missing and the key is wrong (bad-key, not "good format").
		{name: "idnat 11 digits bad key", in: "10000123455", kind: KindIDNat, problem: ProblemBadKey, msg: []string{"il manque le préfixe 8", "clé de contrôle"}},
		// Phone numbers are said to be phone numbers, whatever the kind.
		{name: "phone mobile auto", in: "0612345678", kind: KindAuto, problem: ProblemPhone, guessed: true, msg: []string{"numéro de téléphone"}, fix: []string{"identifiant national"}},
		{name: "phone pairs auto", in: "06 12 34 56 78", kind: KindAuto, problem: ProblemPhone},
		{name: "phone landline adeli", in: "01.23.45.67.89", kind: KindADELI, problem: ProblemPhone, fix: []string{"numéro ADELI"}},
		{name: "phone +33", in: "+33 6 12 34 56 78", kind: KindAuto, problem: ProblemPhone},
		{name: "phone 0033", in: "0033612345678", kind: KindIDNat, problem: ProblemPhone},
		{name: "not a phone: 00", in: "0012345678", kind: KindAuto, problem: ProblemBadLength},
		// The CPx card line is advice for the identifiant national and the
		// RPPS only (seed), never for a SIRET.
		{name: "siret letters no card advice", in: "7722014890OO22", kind: KindSIRET, problem: ProblemLetters, fix: []string{"77220148900022"}},
		// Non-ASCII letters are refused, never upper-cased into ASCII.
		{name: "homoglyph dotless i adeli", in: "75ı123458", kind: KindADELI, problem: ProblemLetters, msg: []string{"ı"}},
		{name: "homoglyph long s adeli", in: "075ſ123458", kind: KindADELI, problem: ProblemLetters},
		{name: "homoglyph long s auto", in: "7593ſ1237", kind: KindAuto, problem: ProblemLetters},
		{name: "homoglyph finess", in: "01ı780195", kind: KindFINESS, problem: ProblemLetters},
		// A label word in front names the kind when the value is one of
		// that kind, or no valid one of the guessed kind; else it is set
		// aside.
		{name: "label RPPS", in: "RPPS 10000123454", kind: KindAuto, valid: true, kindOut: KindRPPS, norm: "10000123454", note: []string{"Type indiqué par « RPPS »"}, named: true},
		{name: "label RPPS on an idnat", in: "RPPS 810000123454", kind: KindAuto, valid: true, kindOut: KindIDNat, note: []string{"« RPPS » mis de côté"}},
		{name: "label RPPS short", in: "RPPS 1000012345", kind: KindAuto, problem: ProblemBadLength, kindOut: KindRPPS, named: true},
		{name: "label n° SIRET", in: "n° SIRET : 772 201 489 00022", kind: KindAuto, valid: true, kindOut: KindSIRET, note: []string{"« n° SIRET »"}, named: true},
		{name: "label identifiant national", in: "Identifiant national: 810000123454", kind: KindIDNat, valid: true},
		{name: "label idnat glued", in: "idnat810000123454", kind: KindAuto, valid: true, named: true},
		{name: "label ADELI", in: "ADELI 759301237", kind: KindAuto, valid: true, kindOut: KindADELI, named: true},
		{name: "label FINESS", in: "finess 010780195", kind: KindFINESS, valid: true},
		{name: "label numéro de", in: "numéro de RPPS 10000123454", kind: KindRPPS, valid: true},
		{name: "label only", in: "RPPS", kind: KindAuto, problem: ProblemEmpty},
		{name: "not a label word", in: "nomination", kind: KindAuto, problem: ProblemLetters},
		{name: "adeli bad key", in: "759301236", kind: KindADELI, problem: ProblemBadKey, msg: []string{"faute de frappe"}},
		{name: "adeli given idnat", in: "0010780195", kind: KindADELI, problem: ProblemBadLength, fix: []string{"010780195"}},
		{name: "adeli bad dept letter", in: "7S9301237", kind: KindADELI, problem: ProblemLetters, msg: []string{"la lettre S à la position 2 — un 5 ?"}, fix: []string{"759301237"}},
		{name: "adeli letter key typo", in: "7593O1237", kind: KindADELI, problem: ProblemBadKey, msg: []string{"la lettre O à la position 5 — un zéro ?"}, fix: []string{"759301237"}},
		{name: "adeli symbol", in: "75930+237", kind: KindADELI, problem: ProblemLetters, msg: []string{"« + »"}},
		{name: "finess valid", in: "010780195", kind: KindFINESS, valid: true},
		{name: "finess bad key", in: "010780196", kind: KindFINESS, problem: ProblemBadKey},
		{name: "finess lowercase corsica accepted shape", in: "2a0000000", kind: KindFINESS, problem: ProblemBadKey},
		{name: "finess idnat struct", in: "1010780195", kind: KindFINESS, problem: ProblemBadLength, fix: []string{"010780195"}},
		{name: "finess letter", in: "01O780195", kind: KindFINESS, problem: ProblemLetters, fix: []string{"010780195"}},
		{name: "siret valid", in: "77220148900022", kind: KindSIRET, valid: true, msg: []string{"772201489"}},
		{name: "siret bad key", in: "77220148900023", kind: KindSIRET, problem: ProblemBadKey},
		{name: "siret la poste", in: "35600000049837", kind: KindSIRET, valid: true, note: []string{"La Poste"}},
		{name: "siret la poste bad", in: "35600000049838", kind: KindSIRET, problem: ProblemBadKey, msg: []string{"La Poste"}},
		{name: "siret siren only", in: "772201489", kind: KindSIRET, problem: ProblemBadLength, msg: []string{"SIREN"}},
		{name: "siret idnat struct", in: "377220148900022", kind: KindSIRET, problem: ProblemBadLength, fix: []string{"77220148900022"}},
		{name: "rpps-rang valid", in: "10000123454017", kind: KindRPPSRang, valid: true, msg: []string{"rang 01"}},
		{name: "rpps-rang bad key", in: "10000123454018", kind: KindRPPSRang, problem: ProblemBadKey},
		{name: "rpps-rang idnat struct", in: "410000123454017", kind: KindRPPSRang, problem: ProblemBadLength, fix: []string{"10000123454017"}},
		{name: "rpps-rang rpps only", in: "10000123454", kind: KindRPPSRang, problem: ProblemBadLength, msg: []string{"RPPS seul"}},

		// --- the mistakes of the spec, auto kind
		{name: "auto rpps typed alone", in: "10000123454", kind: KindAuto, problem: ProblemMissingPrefix, kindOut: KindIDNat, guessed: true,
			msg: []string{"Type deviné", "11 chiffres saisis : c'est le numéro RPPS, il manque le préfixe 8."}, fix: []string{"810000123454"}},
		{name: "auto rpps alone bad key", in: "10000123455", kind: KindAuto, problem: ProblemBadKey, kindOut: KindIDNat, guessed: true, msg: []string{"préfixe 8", "clé de contrôle"}},
		{name: "auto separators", in: "8 1000 0123-454", kind: KindAuto, valid: true, kindOut: KindIDNat, guessed: true, norm: "810000123454",
			note: []string{"Espaces et tirets retirés : 810000123454"}},
		{name: "auto nbsp dots", in: "\u00a08\u202f10.000.123.454\t", kind: KindAuto, valid: true, norm: "810000123454", note: []string{"Espaces et points retirés"}},
		{name: "auto bad prefix", in: "710000123454", kind: KindAuto, problem: ProblemBadPrefix, kindOut: KindIDNat, msg: []string{"« 7 »", "commence par 8"}, fix: []string{"810000123454"}},
		{name: "auto bad length", in: "8100001234", kind: KindAuto, problem: ProblemBadLength, kindOut: KindIDNat, msg: []string{"10 saisis", "12 chiffres : le chiffre 8 suivi des 11 chiffres du numéro RPPS"}},
		{name: "auto letters", in: "81OOOO123454", kind: KindAuto, problem: ProblemLetters, kindOut: KindIDNat,
			msg: []string{"la lettre O aux positions 3, 4, 5 et 6 — un zéro ?"}, fix: []string{"810000123454"}},
		{name: "auto letter I", in: "8I0000123454", kind: KindAuto, problem: ProblemLetters, msg: []string{"la lettre I à la position 2 — un 1 ?"}, fix: []string{"810000123454"}},
		{name: "letters then missing prefix", in: "1OOOO123454", kind: KindIDNat, problem: ProblemLetters, fix: []string{"810000123454"}},
		{name: "idnat prefix twice", in: "8810000123454", kind: KindIDNat, problem: ProblemBadLength, msg: []string{"deux fois"}, fix: []string{"810000123454"}},
		{name: "idnat structure slash", in: "3010780195/12345", kind: KindIDNat, problem: ProblemLetters, msg: []string{"« / »"}, note: []string{"structure"}},
		{name: "auto adeli", in: "759301237", kind: KindAuto, valid: true, kindOut: KindADELI, guessed: true},
		{name: "auto adeli idnat", in: "0759301237", kind: KindAuto, problem: ProblemPhone, kindOut: KindIDNat},
		{name: "auto finess", in: "010780195", kind: KindAuto, valid: true, kindOut: KindFINESS, note: []string{"ADELI"}},
		{name: "auto finess invalid", in: "010780196", kind: KindAuto, problem: ProblemBadKey, kindOut: KindFINESS},
		{name: "auto siret", in: "77220148900022", kind: KindAuto, valid: true, kindOut: KindSIRET},
		{name: "auto siret invalid", in: "77220148900023", kind: KindAuto, problem: ProblemBadKey, kindOut: KindSIRET},
		{name: "auto la poste", in: "35600000049837", kind: KindAuto, valid: true, kindOut: KindSIRET},
		{name: "auto rpps-rang", in: "10000123454017", kind: KindAuto, valid: true, kindOut: KindRPPSRang},
		{name: "auto rpps-rang struct", in: "410000123454017", kind: KindAuto, problem: ProblemBadLength, kindOut: KindRPPSRang},
		{name: "unknown kind guessed", in: "810000123454", kind: IDKind("bogus"), valid: true, kindOut: KindIDNat, guessed: true},
		{name: "empty", in: "  - . ", kind: KindAuto, problem: ProblemEmpty},
		{name: "empty rpps", in: "", kind: KindRPPS, problem: ProblemEmpty, kindOut: KindRPPS},
		{name: "long", in: strings.Repeat("1", 65), kind: KindAuto, problem: ProblemBadLength, msg: []string{"trop longue"}},
		{name: "huge", in: strings.Repeat("é", 100000), kind: KindSIRET, problem: ProblemBadLength, kindOut: KindSIRET, msg: []string{"trop longue"}},
		{name: "emoji", in: "8100001234😀", kind: KindAuto, problem: ProblemLetters, msg: []string{"😀"}},
		{name: "invalid utf8", in: "81000\xff123454", kind: KindIDNat, problem: ProblemLetters},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := CheckID(tt.in, tt.kind)
			if r.Valid != tt.valid || r.Problem != tt.problem {
				t.Fatalf("CheckID(%q, %q): valid=%v problem=%q, want valid=%v problem=%q\nmessage: %s\nfix: %s",
					tt.in, tt.kind, r.Valid, r.Problem, tt.valid, tt.problem, r.Message, r.Fix)
			}
			if tt.kindOut != "" && r.Kind != tt.kindOut {
				t.Errorf("kind = %q, want %q", r.Kind, tt.kindOut)
			}
			if tt.guessed && !r.Guessed {
				t.Errorf("Guessed = false, want true")
			}
			explicit := false
			for _, k := range IDKinds {
				explicit = explicit || k == tt.kind
			}
			if (explicit || tt.named) == r.Guessed {
				t.Errorf("Guessed = %v for kind %q", r.Guessed, tt.kind)
			}
			if tt.norm != "" && r.Normalized != tt.norm {
				t.Errorf("Normalized = %q, want %q", r.Normalized, tt.norm)
			}
			if r.Message == "" || r.KindLabel == "" {
				t.Errorf("empty Message or KindLabel: %+v", r)
			}
			if !r.Valid && r.Fix == "" {
				t.Errorf("invalid result without Fix: %s", r.Message)
			}
			for _, s := range tt.msg {
				if !strings.Contains(r.Message, s) {
					t.Errorf("Message %q lacks %q", r.Message, s)
				}
			}
			for _, s := range tt.fix {
				if !strings.Contains(r.Fix, s) {
					t.Errorf("Fix %q lacks %q", r.Fix, s)
				}
			}
			notes := strings.Join(r.Notes, "\n")
			for _, s := range tt.note {
				if !strings.Contains(notes, s) {
					t.Errorf("Notes %q lack %q", notes, s)
				}
			}
			if r.Guessed && !strings.Contains(r.Message, "Type deviné") && r.Problem != ProblemEmpty && r.Problem != ProblemBadLength && r.Problem != ProblemPhone {
				t.Errorf("guessed kind not mentioned in Message %q", r.Message)
			}
			if len(r.Input) > 4*maxIDRunes+8 && len(tt.in) > maxInputBytes {
				t.Errorf("huge Input echoed in full (%d bytes)", len(r.Input))
			}
		})
	}
}

func TestCheckIDNoNoteWithoutSeparators(t *testing.T) {
	if r := CheckID("810000123454", KindIDNat); len(r.Notes) != 0 {
		t.Errorf("unexpected notes: %q", r.Notes)
	}
}

func TestParseIDKind(t *testing.T) {
	ok := map[string]IDKind{
		"": KindAuto, "auto": KindAuto, " AUTO ": KindAuto, "idnat": KindIDNat, "RPPS": KindRPPS,
		"Adeli": KindADELI, "siret": KindSIRET, "FINESS": KindFINESS, "rpps-rang": KindRPPSRang, "RPPS_RANG": KindRPPSRang,
	}
	for in, want := range ok {
		got, err := ParseIDKind(in)
		if err != nil || got != want {
			t.Errorf("ParseIDKind(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"nir", "siren", "rpps rang", "8"} {
		_, err := ParseIDKind(in)
		if err == nil {
			t.Errorf("ParseIDKind(%q): no error", in)
			continue
		}
		for _, k := range IDKinds {
			if !strings.Contains(err.Error(), string(k)) {
				t.Errorf("ParseIDKind(%q) error %q does not name %q", in, err, k)
			}
		}
	}
	for _, k := range IDKinds {
		if got, err := ParseIDKind(string(k)); err != nil || got != k {
			t.Errorf("round trip %q: %q, %v", k, got, err)
		}
	}
}

func TestOutcome(t *testing.T) {
	if got := CheckID("810000123454", KindAuto).Outcome(); got != "valid" {
		t.Errorf("Outcome valid = %q", got)
	}
	if got := CheckID("10000123454", KindAuto).Outcome(); got != ProblemMissingPrefix {
		t.Errorf("Outcome missing prefix = %q", got)
	}
	if got := (IDResult{Problem: ProblemBadKey}).Outcome(); got != "bad-key" {
		t.Errorf("Outcome bad key = %q", got)
	}
}

func TestIDResultJSON(t *testing.T) {
	b, err := json.Marshal(CheckID("10000123454", KindAuto))
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{`"input"`, `"kind":"idnat"`, `"kind_label"`, `"guessed":true`, `"normalized"`, `"valid":false`, `"problem":"missing-prefix"`, `"message"`, `"fix"`} {
		if !strings.Contains(string(b), k) {
			t.Errorf("JSON %s lacks %s", b, k)
		}
	}
}

func BenchmarkCheckID(b *testing.B) {
	for b.Loop() {
		CheckID("8 1000 0123-454", KindAuto)
	}
}

func FuzzCheckID(f *testing.F) {
	for _, s := range []string{"", "810000123454", "10000123454", "8 1000 0123-454", "81OOOO123454", "2A0780195", "35600000049837", "\xff\u00a0/", "759301237"} {
		f.Add(s, "")
		f.Add(s, "adeli")
		f.Add(s, "finess")
	}
	f.Fuzz(func(t *testing.T, in, kind string) {
		k, err := ParseIDKind(kind)
		if err != nil {
			k = IDKind(kind)
		}
		r := CheckID(in, k)
		if r.Valid != (r.Problem == ProblemNone) {
			t.Fatalf("Valid=%v Problem=%q for %q", r.Valid, r.Problem, in)
		}
		if r.Message == "" || !utf8.ValidString(r.Message) && utf8.ValidString(in) {
			t.Fatalf("bad Message %q for %q", r.Message, in)
		}
	})
}

// Blank input says it is empty, with no note about removed spaces and
// nothing after them.
func TestCheckIDBlankHasNoEmptyNote(t *testing.T) {
	for _, in := range []string{"   ", " - . ", "\u00a0"} {
		r := CheckID(in, KindAuto)
		if r.Valid || len(r.Notes) != 0 {
			t.Errorf("CheckID(%q): valid=%v notes=%q, want invalid without notes", in, r.Valid, r.Notes)
		}
	}
}
