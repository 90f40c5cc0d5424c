package diagnose

// The one registry of identifier kinds: for each kind its French label,
// its checker, how its shape is recognised when the kind is guessed, and
// which check nodes verify it; then the outcome codes a check node may
// branch on, with their French labels. The CLI (--kind), the tree engine,
// triage (IDTrees), the transcripts and the TUI (prefilled check fields)
// all read it; kb keeps plain lists of the same names for validation
// (kb must not import diagnose), and a test keeps the two equal.

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// IDKind is the kind of identifier to check.
type IDKind string

// Identifier kinds.
const (
	KindAuto     IDKind = "auto"
	KindIDNat    IDKind = "idnat"
	KindRPPS     IDKind = "rpps"
	KindADELI    IDKind = "adeli"
	KindSIRET    IDKind = "siret"
	KindFINESS   IDKind = "finess"
	KindRPPSRang IDKind = "rpps-rang"
)

// kindInfo describes one identifier kind.
type kindInfo struct {
	kind    IDKind
	label   string   // French, e.g. "numéro RPPS"
	expect  string   // French: what to type, for messages
	aliases []string // other spellings accepted by ParseIDKind
	check   func(s string) verdict
	// shape reports whether a normalised input looks like this kind, for
	// guessing; nil: never guessed (an 11-digit RPPS is checked as an
	// identifiant national, whose check says the 8 is missing).
	shape func(s string) bool
	// prefer breaks a tie between kinds of the same shape, both valid or
	// both invalid (FINESS: a "0" in third position).
	prefer func(s string) bool
	// checkedBy: the check-node kinds, besides auto, that verify an
	// identifier of this kind (an RPPS or ADELI number typed where the
	// identifiant national is asked is checked there, and told apart).
	checkedBy []IDKind
}

// registry lists the checkable kinds in CLI order; guessing tries them in
// this order too.
var registry = []kindInfo{
	{
		kind: KindIDNat, label: "identifiant national (RPPS)",
		expect: "l'identifiant national : 12 chiffres, le chiffre 8 suivi des 11 chiffres du numéro RPPS (" + cardLine + ")",
		check:  checkIDNat,
		shape: func(s string) bool {
			n := utf8.RuneCountInString(s)
			return n == 11 || n == 12 && s[0] == '8'
		},
		checkedBy: []IDKind{KindIDNat, KindRPPS},
	},
	{
		kind: KindRPPS, label: "numéro RPPS",
		expect:    "le numéro RPPS : 11 chiffres (l'identifiant national sans le 8 initial)",
		check:     checkRPPS,
		checkedBy: []IDKind{KindRPPS, KindIDNat},
	},
	{
		kind: KindADELI, label: "numéro ADELI",
		expect:    "le numéro ADELI : 9 caractères",
		check:     func(s string) verdict { return checkADELI(s, 0) },
		shape:     func(s string) bool { return utf8.RuneCountInString(s) == 9 },
		checkedBy: []IDKind{KindADELI, KindIDNat},
	},
	{
		kind: KindSIRET, label: "SIRET",
		expect: "le SIRET : 14 chiffres",
		check:  checkSIRET,
		shape: func(s string) bool {
			n := utf8.RuneCountInString(s)
			return n == 14 || n == 15 && s[0] == '3' && checkSIRET(s[1:]).valid()
		},
		checkedBy: []IDKind{KindSIRET},
	},
	{
		kind: KindFINESS, label: "numéro FINESS",
		expect:    "le numéro FINESS : 9 caractères",
		check:     checkFINESS,
		shape:     func(s string) bool { return utf8.RuneCountInString(s) == 9 },
		prefer:    func(s string) bool { return len(s) > 2 && s[2] == '0' },
		checkedBy: []IDKind{KindFINESS},
	},
	{
		kind: KindRPPSRang, label: "RPPS-rang",
		expect:  "le RPPS-rang : 14 chiffres",
		aliases: []string{"rpps_rang", "rppsrang"},
		check:   checkRPPSRang,
		shape: func(s string) bool {
			n := utf8.RuneCountInString(s)
			return n == 14 || n == 15 && s[0] == '4' && checkRPPSRang(s[1:]).valid()
		},
		checkedBy: []IDKind{KindRPPSRang},
	},
}

// IDKinds lists the checkable kinds (not auto), in CLI order.
var IDKinds = func() []IDKind {
	out := make([]IDKind, len(registry))
	for i, k := range registry {
		out[i] = k.kind
	}
	return out
}()

func info(k IDKind) *kindInfo {
	for i := range registry {
		if registry[i].kind == k {
			return &registry[i]
		}
	}
	return nil
}

// Label is the French name of the kind ("numéro RPPS"…); auto and unknown
// kinds are named as the identifiant national, what they default to.
func (k IDKind) Label() string {
	if ki := info(k); ki != nil {
		return ki.label
	}
	return registry[0].label
}

// CheckedBy reports whether a check node of kind node verifies an
// identifier of kind k: an auto node verifies any, an identifiant
// national node also an RPPS or ADELI number (and tells it apart).
func (k IDKind) CheckedBy(node IDKind) bool {
	if node == KindAuto {
		return true
	}
	if ki := info(k); ki != nil {
		for _, c := range ki.checkedBy {
			if c == node {
				return true
			}
		}
	}
	return false
}

// CheckedBy reports whether a check node of kind node verifies this
// result's identifier: as its kind does, except that a phone number is
// verified by none (no tree is offered for it, no field prefilled).
func (r IDResult) CheckedBy(node IDKind) bool {
	return r.Problem != ProblemPhone && r.Kind.CheckedBy(node)
}

// ParseIDKind accepts "" / "auto" and the kinds of IDKinds (case-insensitive,
// surrounding spaces ignored, and each kind's aliases such as "rpps_rang").
// The error, in French, names the valid kinds.
func ParseIDKind(s string) (IDKind, error) {
	k := strings.ToLower(strings.TrimSpace(s))
	if k == "" || k == string(KindAuto) {
		return KindAuto, nil
	}
	for _, ki := range registry {
		if k == string(ki.kind) {
			return ki.kind, nil
		}
		for _, a := range ki.aliases {
			if k == a {
				return ki.kind, nil
			}
		}
	}
	names := []string{string(KindAuto)}
	for _, c := range IDKinds {
		names = append(names, string(c))
	}
	return KindAuto, fmt.Errorf("type d'identifiant inconnu « %s » : types acceptés : %s", s, strings.Join(names, ", "))
}

func checkKind(s string, kind IDKind) verdict {
	if ki := info(kind); ki != nil {
		return ki.check(s)
	}
	return checkIDNat(s)
}

func kindLabel(k IDKind) string { return k.Label() }

// guessKind picks the kind from the normalised shape: among the kinds
// whose shape fits, a valid one wins; between several valid ones (or
// none), the one that prefers the shape, else the first in registry
// order. The notes, in French, name the other kinds the number is valid
// for. Nothing fits: the identifiant national.
func guessKind(s string) (IDKind, []string) {
	var fits, valid []*kindInfo
	for i := range registry {
		ki := &registry[i]
		if ki.shape == nil || !ki.shape(s) {
			continue
		}
		fits = append(fits, ki)
		if ki.check(s).valid() {
			valid = append(valid, ki)
		}
	}
	pool := valid
	if len(pool) == 0 {
		pool = fits
	}
	if len(pool) == 0 {
		return KindIDNat, nil
	}
	pick := pool[0]
	for _, ki := range pool {
		if ki.prefer != nil && ki.prefer(s) {
			pick = ki
			break
		}
	}
	var notes []string
	for _, ki := range valid {
		if ki != pick {
			notes = append(notes, fmt.Sprintf("Ce numéro a aussi la forme d'un %s valide : préciser le type s'il s'agit d'un %s.", ki.label, ki.label))
		}
	}
	return pick.kind, notes
}

// Outcome codes a check node may branch on (kb.Outcome.Result): "valid",
// "invalid" (any problem without its own outcome) and the checker's
// problem codes. ProblemEmpty is not one: an empty input asks again.
const (
	OutcomeValid   = "valid"
	OutcomeInvalid = "invalid"
)

// outcomes lists the outcome codes with their French labels, in the order
// kb.CheckResults names them.
var outcomes = []struct{ code, label string }{
	{OutcomeValid, "identifiant valide"},
	{OutcomeInvalid, "identifiant invalide"},
	{ProblemLetters, "lettres ou caractères non autorisés"},
	{ProblemMissingPrefix, "préfixe 8 manquant (RPPS seul)"},
	{ProblemBadPrefix, "premier chiffre incorrect (pas le préfixe attendu)"},
	{ProblemBadLength, "nombre de chiffres incorrect"},
	{ProblemBadKey, "clé de contrôle incorrecte"},
	{ProblemOtherKind, "autre type d'identifiant (ADELI…)"},
	{ProblemPhone, "numéro de téléphone"},
}

// OutcomeCodes lists the outcome codes a check node may map, in order.
func OutcomeCodes() []string {
	out := make([]string, len(outcomes))
	for i, o := range outcomes {
		out[i] = o.code
	}
	return out
}

// OutcomeLabel is the French label of a check outcome key.
func OutcomeLabel(key string) string {
	for _, o := range outcomes {
		if o.code == key {
			return o.label
		}
	}
	if key == ProblemEmpty {
		return "rien n'a été saisi"
	}
	return key
}
