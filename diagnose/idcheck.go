package diagnose

// Identifier checker: what an agent types (idNat_PS, RPPS, ADELI) and what a
// certificate order needs (SIRET, FINESS, RPPS-rang). Every verdict names the
// exact mistake and, when it can be derived, the corrected value.
//
// Formats and keys come from /work/shared/domain/identifiers.md. A message
// that says more than a format cites the seed it comes from in a comment:
// the identifiant national of the e-CPS is "8" + the 11 digits of the RPPS,
// on the first line of the CPx (seeds 000 block 1 and 9, 004 block 1 and 2);
// a société d'exercice orders its certificate on its SIRET, the number it
// bills its electronic care sheets on, a practice on its RPPS RANG (seed
// 003 block 5). Nothing else: no procedure, contact or URL.
// User-facing strings are French; code and comments are English. Standard
// library only. The kinds themselves are registered in idkinds.go.

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Problem codes (IDResult.Problem, and IDResult.Outcome for invalid results).
const (
	ProblemNone          = ""
	ProblemEmpty         = "empty"
	ProblemLetters       = "letters"
	ProblemMissingPrefix = "missing-prefix"
	ProblemBadPrefix     = "bad-prefix"
	ProblemBadLength     = "bad-length"
	ProblemBadKey        = "bad-key"
	// ProblemOtherKind: a valid identifier of another kind than the one
	// asked (an ADELI number where the identifiant national is expected).
	ProblemOtherKind = "other-kind"
	// ProblemPhone: the shape of a French phone number, never an identifier.
	ProblemPhone = "phone"
)

// IDResult is the verdict on one typed identifier.
type IDResult struct {
	Input      string   `json:"input"`
	Kind       IDKind   `json:"kind"`       // kind checked (guessed when auto)
	KindLabel  string   `json:"kind_label"` // French, e.g. "identifiant national (RPPS)"
	Guessed    bool     `json:"guessed"`
	Normalized string   `json:"normalized"`        // input with spaces, dots, dashes, NBSP etc. removed
	Valid      bool     `json:"valid"`             // true exactly when Problem is ""
	Problem    string   `json:"problem,omitempty"` // one of the Problem* codes
	Message    string   `json:"message"`           // French one-line verdict naming the exact mistake
	Fix        string   `json:"fix,omitempty"`     // French: what to do, with the corrected value when derivable
	Notes      []string `json:"notes,omitempty"`   // French remarks (normalisation, guessed kind, ...)
}

// Outcome returns the key used by tree check nodes: "valid" when valid, else
// the problem code.
func (r IDResult) Outcome() string {
	if r.Valid {
		return "valid"
	}
	return r.Problem
}

// Luhn reports whether digits (ASCII digits only, key last) passes the Luhn
// check. Empty strings and strings with any non-digit are not valid.
func Luhn(digits string) bool {
	if digits == "" {
		return false
	}
	vals := make([]int, len(digits))
	for i := 0; i < len(digits); i++ {
		c := digits[i]
		if c < '0' || c > '9' {
			return false
		}
		vals[i] = int(c - '0')
	}
	return luhnValues(vals)
}

// luhnValues runs Luhn over already-mapped values: from the rightmost (the
// key), every second value going left is doubled and 9 is subtracted when the
// doubled value is over 9. Values above 9 (ADELI letters) go through the same
// literal rule.
func luhnValues(vals []int) bool {
	sum, dbl := 0, false
	for i := len(vals) - 1; i >= 0; i-- {
		v := vals[i]
		if dbl {
			v *= 2
			if v > 9 {
				v -= 9
			}
		}
		sum += v
		dbl = !dbl
	}
	return sum%10 == 0
}

const (
	// maxIDRunes: longer normalised inputs are rejected as bad-length at once.
	maxIDRunes = 64
	// maxInputBytes: longer raw inputs are rejected without even normalising.
	maxInputBytes = 1024
)

// verdict is the internal result of one kind-specific check.
type verdict struct {
	label   string
	problem string
	message string
	fix     string
	notes   []string
}

func (v verdict) valid() bool { return v.problem == ProblemNone }

// CheckID checks input as an identifier of the given kind. KindAuto, "" and
// unknown kinds guess the kind from the normalised shape. It never panics.
func CheckID(input string, kind IDKind) IDResult {
	r := IDResult{Input: input, Kind: kind}
	known := false
	for _, k := range IDKinds {
		if kind == k {
			known = true
		}
	}
	auto := !known

	if len(input) > maxInputBytes {
		// Huge paste: no normalisation, keep the echoed input short.
		r.Input = truncateRunes(input, maxIDRunes) + "…"
		if auto {
			r.Kind, r.Guessed = KindIDNat, true
		}
		r.KindLabel = kindLabel(r.Kind)
		r.Problem = ProblemBadLength
		r.Message = fmt.Sprintf("Saisie trop longue (plus de %d caractères) : ce n'est pas un identifiant.", maxIDRunes)
		r.Fix = "Ne saisir que l'identifiant, sans autre texte."
		return r
	}

	rest, words := stripLabelWords(input)
	named, isNamed := namedKind(words)
	setAside := fmt.Sprintf("%s « %s » mis de côté.", plural(len(words), "Mot", "Mots"), strings.Join(words, " "))
	if len(words) > 0 && !(auto && isNamed) {
		r.Notes = append(r.Notes, setAside)
	}
	norm, removed, note := normalizeID(rest)
	r.Normalized = norm
	if removed && note != "" {
		r.Notes = append(r.Notes, note)
	}
	if norm == "" {
		if auto {
			r.Kind, r.Guessed = KindIDNat, true
		}
		r.KindLabel = kindLabel(r.Kind)
		r.Problem = ProblemEmpty
		r.Message = "Saisie vide : aucun identifiant à vérifier."
		r.Fix = "Saisir l'identifiant, par exemple l'identifiant national de la première ligne de la carte CPx (8 suivi des 11 chiffres du RPPS)."
		return r
	}
	if n := utf8.RuneCountInString(norm); n > maxIDRunes {
		if auto {
			r.Kind, r.Guessed = KindIDNat, true
		}
		r.KindLabel = kindLabel(r.Kind)
		r.Problem = ProblemBadLength
		r.Message = fmt.Sprintf("Saisie trop longue : %d caractères, plus que les identifiants vérifiés ici (15 au plus).", n)
		r.Fix = "Ne saisir que l'identifiant, sans autre texte."
		return r
	}

	if looksLikePhone(norm) {
		if auto {
			r.Kind, r.Guessed = KindIDNat, true
			r.KindLabel = "numéro de téléphone"
		} else {
			r.KindLabel = kindLabel(r.Kind)
		}
		r.Problem = ProblemPhone
		r.Message = "C'est la forme d'un numéro de téléphone français (10 chiffres commençant par 0, ou +33), pas celle d'un identifiant."
		if len(norm) == 10 && norm[0] == '0' && checkADELI(norm[1:], 0).valid() && (r.Kind == KindIDNat || r.Kind == KindADELI) {
			// identifiers.md: idNat_PS = "0" + ADELI has this shape too
			r.Message = "C'est la forme d'un numéro de téléphone français (10 chiffres commençant par 0), ou celle de l'identifiant national d'un professionnel connu par son numéro ADELI (0 + ADELI " + norm[1:] + ")."
		}
		want := info(r.Kind)
		if want == nil {
			want = info(KindIDNat)
		}
		r.Fix = "Demander " + want.expect + "."
		if r.Kind == KindADELI && len(norm) == 10 && checkADELI(norm[1:], 0).valid() {
			// identifiers.md: idNat_PS = "0" + ADELI has this shape too.
			r.Notes = append(r.Notes, fmt.Sprintf("S'il s'agit d'un numéro ADELI précédé d'un 0, le numéro ADELI est %s.", norm[1:]))
		}
		return r
	}

	var extra []string
	if auto {
		kind, extra = guessKind(norm)
		r.Kind, r.Guessed = kind, true
		// « RPPS 10000123454 »: the word names the kind, when the value
		// is one, or when it is no valid identifier of the guessed kind
		// either (« RPPS 1000012345 »: a digit short of a RPPS). « RPPS
		// 810000123454 » stays what it is, the identifiant national.
		switch {
		case !isNamed:
		case named == kind || checkKind(norm, named).valid() || !checkKind(norm, kind).valid():
			if named != kind {
				extra = nil
			}
			kind = named
			r.Kind, r.Guessed = named, false
			r.Notes = append(r.Notes, fmt.Sprintf("Type indiqué par « %s ».", strings.Join(words, " ")))
		default:
			r.Notes = append(r.Notes, setAside)
		}
	}
	v := checkKind(norm, kind)
	r.KindLabel = v.label
	r.Problem = v.problem
	r.Valid = v.valid()
	r.Message = v.message
	if r.Guessed {
		r.Message = "Type deviné : " + v.label + ". " + v.message
	}
	r.Fix = v.fix
	r.Notes = append(r.Notes, v.notes...)
	r.Notes = append(r.Notes, extra...)
	return r
}

// ---------------------------------------------------------------- normalise

// labelWords are the words an agent or a ticket writes before an
// identifier ("RPPS 10000123454", "n° SIRET : …", "identifiant national
// 8…"): they are set aside, not read as letters typed for digits.
var labelWords = []string{"identifiant", "national", "idnat", "rpps", "rang", "adeli", "siret", "finess", "numéro", "numero", "num", "n°", "nº", "no"}

// namedKind is the kind the label words before an identifier name
// (« RPPS », « n° ADELI », « RPPS rang », « identifiant national »).
func namedKind(words []string) (IDKind, bool) {
	has := map[string]bool{}
	for _, w := range words {
		has[strings.ToLower(w)] = true
	}
	switch {
	case has["rpps"] && has["rang"]:
		return KindRPPSRang, true
	case has["rpps"]:
		return KindRPPS, true
	case has["adeli"]:
		return KindADELI, true
	case has["siret"]:
		return KindSIRET, true
	case has["finess"]:
		return KindFINESS, true
	case has["idnat"], has["identifiant"] && has["national"]:
		return KindIDNat, true
	}
	return "", false
}

// linkWords may follow a label word ("numéro de SIRET").
var linkWords = []string{"de", "du", "d'", "d’"}

// stripLabelWords removes the label words at the start of in, with the
// spaces, colons and dashes around them, and returns the rest and the
// words as written. A word counts only when what follows it is not a
// letter ("RPPS10000123454" too, but not "nomination").
func stripLabelWords(in string) (string, []string) {
	var words []string
	rest := in
	for {
		t := strings.TrimLeftFunc(rest, func(r rune) bool {
			return unicode.IsSpace(r) || r == ':' || r == '-' || r == '.' || r == '\u00a0' || r == '\u202f'
		})
		list := labelWords
		if len(words) > 0 {
			list = append(append([]string(nil), labelWords...), linkWords...)
		}
		matched := ""
		for _, w := range list {
			if len(t) < len(w) || !strings.EqualFold(t[:len(w)], w) {
				continue
			}
			next, _ := utf8.DecodeRuneInString(t[len(w):])
			if strings.HasSuffix(w, "'") || strings.HasSuffix(w, "’") || strings.HasSuffix(w, "°") || strings.HasSuffix(w, "º") ||
				len(t) == len(w) || !unicode.IsLetter(next) {
				if len(w) > len(matched) {
					matched = t[:len(w)]
				}
			}
		}
		if matched == "" {
			if len(words) == 0 {
				return in, nil
			}
			return t, words
		}
		words = append(words, matched)
		rest = t[len(matched):]
	}
}

// looksLikePhone reports whether a normalised input has the shape of a
// French phone number: 10 digits "0X…" with X from 1 to 9, or +33 / 0033
// followed by 9 digits. No identifier of identifiers.md has that shape
// except "0" + ADELI, which the e-CPS does not take (it takes 8 + RPPS).
func looksLikePhone(s string) bool {
	allDigits := func(t string) bool { return t != "" && !hasNonDigit(t) }
	switch {
	case len(s) == 10 && s[0] == '0' && s[1] >= '1' && s[1] <= '9' && allDigits(s):
		return true
	case len(s) == 12 && strings.HasPrefix(s, "+33") && s[3] != '0' && allDigits(s[3:]):
		return true
	case len(s) == 13 && strings.HasPrefix(s, "0033") && s[4] != '0' && allDigits(s):
		return true
	}
	return false
}

func plural(n int, one, many string) string {
	if n > 1 {
		return many
	}
	return one
}

// normalizeID trims and removes separators: spaces of any kind (NBSP, narrow
// NBSP, tabs...), invisible characters, dots, dashes and underscores. Slashes
// are kept (they belong to structure-based idNat_PS). The note, in French,
// says what was removed and shows the result.
func normalizeID(in string) (string, bool, string) {
	var b strings.Builder
	var spaces, invisibles, dots, dashes, unders bool
	for _, r := range in {
		switch {
		case r == '\u200b' || r == '\u200c' || r == '\u200d' || r == '\u2060' || r == '\ufeff':
			invisibles = true
		case unicode.IsSpace(r) || r == '\u00a0' || r == '\u202f' || r == '\u2007':
			spaces = true
		case r == '.' || r == '\u00b7' || r == '\u2024' || r == '\u2022':
			dots = true
		case r == '-' || (r >= '\u2010' && r <= '\u2015') || r == '\u2212' || r == '\ufe63' || r == '\uff0d':
			dashes = true
		case r == '_':
			unders = true
		default:
			b.WriteRune(r)
		}
	}
	out := b.String()
	var what []string
	if spaces {
		what = append(what, "espaces")
	}
	if dots {
		what = append(what, "points")
	}
	if dashes {
		what = append(what, "tirets")
	}
	if unders {
		what = append(what, "tirets bas")
	}
	if invisibles {
		what = append(what, "caractères invisibles")
	}
	if len(what) == 0 {
		return out, false, ""
	}
	if out == "" {
		return out, true, "" // nothing left to show: the verdict says it is empty
	}
	return out, true, fmt.Sprintf("%s retirés : %s", capitalize(joinFr(what)), out)
}

// ------------------------------------------------------------------- idnat

const cardLine = "la première ligne de la carte CPx"

// checkIDNat checks the identifiant national as the seeds know it, what
// the e-CPS app expects: 12 digits, "8" + the 11 digits of the RPPS (seed
// 000 block 1). An ADELI number, alone or behind its "0", is another kind
// for this check: the message says what was typed and what is expected.
func checkIDNat(s string) verdict {
	n := utf8.RuneCountInString(s)
	const lbl = "identifiant national (RPPS)"
	const expected = "l'identifiant national attendu compte 12 chiffres : le chiffre 8 suivi des 11 chiffres du numéro RPPS"
	const relire = "Faire relire l'identifiant national sur " + cardLine + " : le chiffre 8 suivi des 11 chiffres du numéro RPPS, 12 chiffres en tout."
	// identifiers.md: the idNat_PS of a professional known by ADELI only
	// is "0" + ADELI; the 12 digits expected here are 8 + RPPS.
	const adeliFix = "Demander si le professionnel a un numéro RPPS : l'identifiant national attendu est alors le chiffre 8 suivi de ses 11 chiffres. Un professionnel connu par son seul numéro ADELI a pour identifiant national 0 + ADELI (10 caractères)."

	if n == 9 && checkADELI(s, 0).valid() {
		return verdict{
			label:   lbl,
			problem: ProblemOtherKind,
			message: "9 caractères saisis : c'est un numéro ADELI, pas un identifiant national ; " + expected + ".",
			fix:     adeliFix,
		}
	}
	if n == 10 && s[0] == '0' && checkADELI(s[1:], 1).valid() {
		return verdict{
			label:   lbl,
			problem: ProblemOtherKind,
			message: "10 caractères saisis : c'est l'identifiant national d'un professionnel connu par son numéro ADELI (0 + ADELI " + s[1:] + "), pas celui de 12 chiffres attendu ici ; " + expected + ".",
			fix:     adeliFix,
		}
	}

	if hasNonDigit(s) {
		v := lettersVerdict(s, lbl, "L'identifiant national ne contient que des chiffres", isNotDigit, checkIDNat)
		if strings.ContainsRune(s, '/') && strings.ContainsRune("13456", rune(s[0])) {
			v.notes = append(v.notes, "Avec « / », c'est un identifiant rattaché à une structure (préfixe + identifiant de structure / identifiant interne) : seul l'identifiant national 8 + 11 chiffres du RPPS est vérifié ici.")
		}
		return v
	}

	switch {
	case n == 11:
		if Luhn(s) {
			return verdict{
				label:   lbl,
				problem: ProblemMissingPrefix,
				message: "11 chiffres saisis : c'est le numéro RPPS, il manque le préfixe 8.",
				fix:     fmt.Sprintf("Saisir l'identifiant national 8%s (préfixe 8 + les 11 chiffres du RPPS).", s),
			}
		}
		// The prefix alone would not help: the key is wrong too.
		return verdict{
			label:   lbl,
			problem: ProblemBadKey,
			message: "11 chiffres saisis : il manque le préfixe 8, et la clé de contrôle de ces 11 chiffres est incorrecte : probablement une faute de frappe.",
			fix:     relire,
		}
	case n == 12 && s[0] == '8':
		if Luhn(s[1:]) {
			return verdict{label: lbl, message: fmt.Sprintf("Identifiant national valide : préfixe 8 + RPPS %s.", s[1:])}
		}
		return verdict{
			label:   lbl,
			problem: ProblemBadKey,
			message: "12 chiffres commençant par 8, mais la clé de contrôle est incorrecte : probablement une faute de frappe.",
			fix:     relire,
		}
	case n == 12:
		v := verdict{
			label:   lbl,
			problem: ProblemBadPrefix,
			message: fmt.Sprintf("12 chiffres saisis mais le premier est « %c » : l'identifiant national commence par 8.", s[0]),
			fix:     relire,
		}
		if Luhn(s[1:]) {
			v.fix = fmt.Sprintf("Remplacer le premier chiffre par 8 : 8%s (si %s est bien le RPPS).", s[1:], s[1:])
		}
		return v
	case n == 13 && strings.HasPrefix(s, "88") && Luhn(s[2:]):
		return verdict{
			label:   lbl,
			problem: ProblemBadLength,
			message: "13 chiffres saisis : le préfixe 8 a été tapé deux fois.",
			fix:     fmt.Sprintf("Saisir l'identifiant national %s (un seul 8 devant les 11 chiffres du RPPS).", s[1:]),
		}
	default:
		return verdict{
			label:   lbl,
			problem: ProblemBadLength,
			message: fmt.Sprintf("Longueur incorrecte : %s ; %s.", countTyped(n, "saisi"), expected),
			fix:     relire,
		}
	}
}

// -------------------------------------------------------------------- RPPS

func checkRPPS(s string) verdict {
	const lbl = "numéro RPPS"
	n := utf8.RuneCountInString(s)
	if hasNonDigit(s) {
		return lettersVerdict(s, lbl, "Un numéro RPPS ne contient que des chiffres", isNotDigit, checkRPPS)
	}
	switch {
	case n == 11:
		if Luhn(s) {
			return verdict{
				label:   lbl,
				message: "Numéro RPPS valide.",
				notes:   []string{fmt.Sprintf("Identifiant national (pour activer la e-CPS) : 8%s.", s)},
			}
		}
		return verdict{
			label:   lbl,
			problem: ProblemBadKey,
			message: "Clé de contrôle incorrecte : probablement une faute de frappe.",
			fix:     "Vérifier " + cardLine + " : le RPPS est l'identifiant national sans le 8 initial.",
		}
	case n == 12 && s[0] == '8':
		// Choice: the identifiant national typed where the RPPS is asked is
		// NOT valid (the field wants 11 digits and would reject 12), but the
		// fix names the RPPS so the agent can copy it. bad-length, or
		// bad-key when the embedded RPPS fails Luhn as well.
		if Luhn(s[1:]) {
			return verdict{
				label:   lbl,
				problem: ProblemBadLength,
				message: "12 chiffres saisis : c'est l'identifiant national (8 + RPPS), pas le numéro RPPS seul.",
				fix:     fmt.Sprintf("Saisir le RPPS %s (les 11 chiffres après le 8).", s[1:]),
			}
		}
		return verdict{
			label:   lbl,
			problem: ProblemBadKey,
			message: "12 chiffres saisis commençant par 8 : un identifiant national (8 + RPPS), et sa clé de contrôle est incorrecte : probablement une faute de frappe.",
			fix:     "Vérifier " + cardLine + ", puis saisir les 11 chiffres qui suivent le 8.",
		}
	default:
		return verdict{
			label:   lbl,
			problem: ProblemBadLength,
			message: fmt.Sprintf("Longueur incorrecte : 11 chiffres attendus pour un numéro RPPS, %s.", countTyped(n, "saisi")),
			fix:     "Vérifier " + cardLine + " : le RPPS est l'identifiant national sans le 8 initial.",
		}
	}
}

// ------------------------------------------------------------------- ADELI

// checkADELI validates a 9-character ADELI number (the rule of
// identifiers.md, established on real data): positions 1–2 are the
// département (2 digits, or 2A/2B), positions 3–8 digits or letters, position
// 9 a Luhn key computed with letters counted by alphabet rank (A=1, B=2...).
// off shifts the positions quoted in messages (1 inside "0" + ADELI).
func checkADELI(s string, off int) verdict {
	const lbl = "numéro ADELI"
	// Non-ASCII letters are refused before upper-casing: strings.ToUpper
	// would turn ı and ſ into I and S.
	if hasRune(s, func(r rune) bool { return !isASCIIAlnum(r) }) {
		return lettersVerdictOff(s, lbl, "Un numéro ADELI ne contient que des chiffres et des lettres", func(_ int, r rune) bool { return !isASCIIAlnum(r) }, nil, off)
	}
	u := asciiUpper(s)
	n := len(u)
	if n != 9 {
		if off == 0 && n == 10 && u[0] == '0' && checkADELI(u[1:], 0).valid() {
			return verdict{
				label:   lbl,
				problem: ProblemBadLength,
				message: "10 caractères saisis : c'est l'identifiant national (0 + ADELI), pas le numéro ADELI seul.",
				fix:     fmt.Sprintf("Saisir le numéro ADELI %s (les 9 caractères après le 0).", u[1:]),
			}
		}
		return verdict{
			label:   lbl,
			problem: ProblemBadLength,
			message: fmt.Sprintf("Longueur incorrecte : 9 caractères attendus pour un numéro ADELI, %s.", countTyped(n, "saisi")),
			fix:     "Vérifier le numéro ADELI (9 caractères) et le ressaisir.",
		}
	}
	// From here u is 9 ASCII alphanumerics: byte index == rune index.
	badPos := func(i int, r rune) bool {
		switch {
		case i == 0:
			return !isDigit(r)
		case i == 1:
			return !isDigit(r) && !(u[0] == '2' && (r == 'A' || r == 'B'))
		case i == 8:
			return !isDigit(r)
		}
		return false
	}
	if hasRuneIdx(u, badPos) {
		v := lettersVerdictOff(u, lbl, "Caractère non autorisé dans le numéro ADELI (règle observée, non officielle : positions 1–2 département, 2 chiffres ou 2A/2B ; position 9 clé, un chiffre)", badPos, nil, off)
		if c := correctLookalikes(u, badPos); c != "" && checkADELI(c, 0).valid() {
			v.fix = fmt.Sprintf("Saisir %s%s (lettres remplacées par les chiffres ressemblants).", prefixFor(off, "0"), c)
		}
		return v
	}
	vals := make([]int, 9)
	for i := 0; i < 9; i++ {
		vals[i] = alnumValue(u[i])
	}
	if luhnValues(vals) {
		return verdict{label: lbl, message: "Numéro ADELI valide."}
	}
	v := verdict{
		label:   lbl,
		problem: ProblemBadKey,
		message: "Clé de contrôle incorrecte : probablement une faute de frappe.",
		fix:     "Vérifier le numéro ADELI (9 caractères) et le ressaisir.",
	}
	// Letters in positions 3–8 are legal but suspicious when the key fails.
	mid := func(i int, r rune) bool { return i >= 2 && i <= 7 && !isDigit(r) }
	if hasRuneIdx(u, mid) {
		desc, _ := describeOffenders(u, mid, off)
		v.message = "Clé de contrôle incorrecte : probablement une faute de frappe (" + desc + ")."
		if c := correctLookalikes(u, mid); c != "" && checkADELI(c, 0).valid() {
			v.fix = fmt.Sprintf("Essayer %s%s (lettres remplacées par les chiffres ressemblants), à vérifier sur la carte.", prefixFor(off, "0"), c)
		}
	}
	return v
}

func prefixFor(off int, p string) string {
	if off > 0 {
		return p
	}
	return ""
}

// alnumValue maps an uppercase ASCII alphanumeric to its Luhn value: digits
// as such, letters by alphabet rank (A=1 ... Z=26).
func alnumValue(c byte) int {
	if c >= '0' && c <= '9' {
		return int(c - '0')
	}
	return int(c-'A') + 1
}

// ------------------------------------------------------------------- SIRET

// laPosteSIREN: La Poste SIRETs (except the head office 35600000000048) are
// valid when their digit sum is a multiple of 5, not by Luhn.
const laPosteSIREN = "356000000"

// siretFix: the seed (003 block 5) says which SIRET a société d'exercice
// orders its certificate on.
const siretFix = "Vérifier le SIRET (14 chiffres) : pour une société d'exercice, c'est le numéro sur lequel elle facture ses feuilles de soins électroniques."

func checkSIRET(s string) verdict {
	const lbl = "SIRET"
	n := utf8.RuneCountInString(s)
	if hasNonDigit(s) {
		return lettersVerdict(s, lbl, "Un SIRET ne contient que des chiffres", isNotDigit, checkSIRET)
	}
	if n != 14 {
		v := verdict{
			label:   lbl,
			problem: ProblemBadLength,
			message: fmt.Sprintf("Longueur incorrecte : 14 chiffres attendus pour un SIRET (SIREN 9 + NIC 5), %s.", countTyped(n, "saisi")),
			fix:     siretFix,
		}
		switch {
		case n == 9 && Luhn(s):
			v.message = "9 chiffres saisis : c'est un SIREN, il manque les 5 chiffres du NIC."
			v.fix = "Compléter avec les 5 chiffres du NIC : " + siretFix
		case n == 15 && s[0] == '3' && checkSIRET(s[1:]).valid():
			v.message = "15 chiffres saisis : c'est l'identifiant national de structure (3 + SIRET), pas le SIRET seul."
			v.fix = fmt.Sprintf("Saisir le SIRET %s (les 14 chiffres après le 3).", s[1:])
		}
		return v
	}
	if strings.HasPrefix(s, laPosteSIREN) && s != "35600000000048" {
		sum := 0
		for i := 0; i < len(s); i++ {
			sum += int(s[i] - '0')
		}
		if sum%5 == 0 {
			return verdict{label: lbl, message: "SIRET valide (La Poste).", notes: []string{"SIRET de La Poste : contrôle spécifique (somme des chiffres multiple de 5)."}}
		}
		return verdict{
			label:   lbl,
			problem: ProblemBadKey,
			message: "Clé de contrôle incorrecte (SIRET de La Poste : la somme des chiffres doit être un multiple de 5) : probablement une faute de frappe.",
			fix:     siretFix,
		}
	}
	switch {
	case !Luhn(s[:9]):
		return verdict{
			label:   lbl,
			problem: ProblemBadKey,
			message: fmt.Sprintf("Clé de contrôle du SIREN (9 premiers chiffres : %s) incorrecte : probablement une faute de frappe.", s[:9]),
			fix:     siretFix,
		}
	case !Luhn(s):
		return verdict{
			label:   lbl,
			problem: ProblemBadKey,
			message: "Clé de contrôle incorrecte : probablement une faute de frappe.",
			fix:     siretFix,
		}
	}
	return verdict{label: lbl, message: fmt.Sprintf("SIRET valide : SIREN %s, NIC %s.", s[:9], s[9:])}
}

// ------------------------------------------------------------------ FINESS

// checkFINESS validates a 9-character FINESS: département (2 digits, or 2A/2B
// for Corsica) + 7 digits, the last one a Luhn key over all 9.
//
// Choice for Corsica: the key rule for 2A/2B is not documented in our facts.
// Two mappings are in use — 2A/2B read as "20", and letters by alphabet rank
// as for ADELI (2A → 2,1; 2B → 2,2) — so the key is accepted when either
// passes. This halves typo detection for Corsican numbers only, and never
// rejects a genuine one. The "0" in third position stated by the facts is not
// enforced (only used to tell FINESS from ADELI when guessing).
func checkFINESS(s string) verdict {
	const lbl = "numéro FINESS"
	u := asciiUpper(s) // ı and ſ stay non-ASCII, hence refused
	n := utf8.RuneCountInString(u)
	bad := func(i int, r rune) bool {
		if isDigit(r) {
			return false
		}
		return !(i == 1 && u[0] == '2' && (r == 'A' || r == 'B'))
	}
	if hasRuneIdx(u, bad) {
		v := lettersVerdict(u, lbl, "Un numéro FINESS ne contient que des chiffres (sauf 2A/2B en tête pour la Corse)", bad, nil)
		if c := correctLookalikes(u, bad); c != "" && checkFINESS(c).valid() {
			v.fix = fmt.Sprintf("Saisir %s (lettres remplacées par les chiffres ressemblants).", c)
		}
		return v
	}
	if n != 9 {
		v := verdict{
			label:   lbl,
			problem: ProblemBadLength,
			message: fmt.Sprintf("Longueur incorrecte : 9 caractères attendus pour un numéro FINESS, %s.", countTyped(n, "saisi")),
			fix:     "Vérifier le numéro FINESS de l'établissement (9 caractères) et le ressaisir.",
		}
		if n == 10 && u[0] == '1' && checkFINESS(u[1:]).valid() {
			v.message = "10 caractères saisis : c'est l'identifiant national de structure (1 + FINESS), pas le numéro FINESS seul."
			v.fix = fmt.Sprintf("Saisir le numéro FINESS %s (les 9 caractères après le 1).", u[1:])
		}
		return v
	}
	if finessKeyOK(u) {
		return verdict{label: lbl, message: "Numéro FINESS valide."}
	}
	return verdict{
		label:   lbl,
		problem: ProblemBadKey,
		message: "Clé de contrôle incorrecte : probablement une faute de frappe.",
		fix:     "Vérifier le numéro FINESS de l'établissement (9 caractères) et le ressaisir.",
	}
}

// finessKeyOK: u is 9 uppercase chars, digits except 2A/2B in front.
func finessKeyOK(u string) bool {
	vals := make([]int, 9)
	for i := 0; i < 9; i++ {
		vals[i] = alnumValue(u[i])
	}
	if u[1] == 'A' || u[1] == 'B' {
		if luhnValues(vals) { // letters by rank
			return true
		}
		vals[1] = 0 // 2A/2B read as 20
	}
	return luhnValues(vals)
}

// --------------------------------------------------------------- RPPS-rang

// checkRPPSRang validates a 14-digit RPPS-rang: RPPS of the practice holder
// (11 digits, itself Luhn-valid) + 2-digit rank + a Luhn key over all 14.
func checkRPPSRang(s string) verdict {
	const lbl = "RPPS-rang"
	n := utf8.RuneCountInString(s)
	if hasNonDigit(s) {
		return lettersVerdict(s, lbl, "Un RPPS-rang ne contient que des chiffres", isNotDigit, checkRPPSRang)
	}
	if n != 14 {
		v := verdict{
			label:   lbl,
			problem: ProblemBadLength,
			message: fmt.Sprintf("Longueur incorrecte : 14 chiffres attendus pour un RPPS-rang (RPPS 11 + rang 2 + clé 1), %s.", countTyped(n, "saisi")),
			fix:     "Vérifier le RPPS-rang du cabinet : RPPS du titulaire suivi du rang (2 chiffres) et d'une clé.",
		}
		switch {
		case n == 11 && Luhn(s):
			v.message = "11 chiffres saisis : c'est un numéro RPPS seul ; le RPPS-rang y ajoute le rang du cabinet (2 chiffres) et une clé."
			v.fix = fmt.Sprintf("Saisir le RPPS-rang complet du cabinet : %s suivi du rang et de la clé (14 chiffres).", s)
		case n == 12 && s[0] == '8' && Luhn(s[1:]):
			v.message = "12 chiffres saisis : c'est l'identifiant national d'une personne (8 + RPPS), pas un RPPS-rang."
			v.fix = fmt.Sprintf("Saisir le RPPS-rang du cabinet : %s suivi du rang et de la clé (14 chiffres).", s[1:])
		case n == 15 && s[0] == '4' && checkRPPSRang(s[1:]).valid():
			v.message = "15 chiffres saisis : c'est l'identifiant national de structure (4 + RPPS-rang), pas le RPPS-rang seul."
			v.fix = fmt.Sprintf("Saisir le RPPS-rang %s (les 14 chiffres après le 4).", s[1:])
		}
		return v
	}
	switch {
	case !Luhn(s[:11]):
		return verdict{
			label:   lbl,
			problem: ProblemBadKey,
			message: fmt.Sprintf("Les 11 premiers chiffres (%s) ne forment pas un RPPS valide : probablement une faute de frappe.", s[:11]),
			fix:     "Vérifier le RPPS du titulaire du cabinet (" + cardLine + ", sans le 8 initial) puis le rang.",
		}
	case !Luhn(s):
		return verdict{
			label:   lbl,
			problem: ProblemBadKey,
			message: "Clé de contrôle incorrecte : probablement une faute de frappe.",
			fix:     "Vérifier le RPPS-rang du cabinet : RPPS du titulaire suivi du rang (2 chiffres) et d'une clé.",
		}
	}
	return verdict{label: lbl, message: fmt.Sprintf("RPPS-rang valide : RPPS %s, rang %s.", s[:11], s[11:13])}
}

// ----------------------------------------------------------------- letters

// lettersVerdict builds a ProblemLetters verdict naming each offending
// character and its positions. When every offender looks like a digit (O→0,
// I/l→1...), the corrected value is rechecked with recheck and proposed when
// it is valid (or when recheck's own fix applies, e.g. a missing prefix).
func lettersVerdict(s, label, lead string, bad func(int, rune) bool, recheck func(string) verdict) verdict {
	v := lettersVerdictOff(s, label, lead, bad, recheck, 0)
	return v
}

func lettersVerdictOff(s, label, lead string, bad func(int, rune) bool, recheck func(string) verdict, off int) verdict {
	desc, _ := describeOffenders(s, bad, off)
	msg := lead + " : " + desc
	if !strings.HasSuffix(msg, "?") && !strings.HasSuffix(msg, "…") {
		msg += "."
	}
	v := verdict{
		label:   label,
		problem: ProblemLetters,
		message: msg,
		fix:     "Ne saisir que des chiffres.",
	}
	if strings.HasPrefix(label, "identifiant national") || label == "numéro RPPS" {
		// Seed: the identifiant national is on the first line of the CPx.
		v.fix = "Ne saisir que des chiffres, en recopiant " + cardLine + "."
	}
	if recheck == nil {
		v.fix = "Corriger les caractères signalés."
		return v
	}
	if c := correctLookalikes(s, bad); c != "" {
		w := recheck(c)
		switch {
		case w.valid():
			v.fix = fmt.Sprintf("Saisir %s (lettres remplacées par les chiffres ressemblants).", c)
		case w.problem == ProblemMissingPrefix:
			v.fix = w.fix
		}
	}
	return v
}

// lookalike maps characters commonly typed for a digit.
func lookalike(r rune) (byte, bool) {
	switch r {
	case 'O', 'o', 'Q', 'D', '°':
		return '0', true
	case 'I', 'i', 'l', 'L', '|', '!':
		return '1', true
	case 'Z', 'z':
		return '2', true
	case 'S', 's':
		return '5', true
	case 'G', 'b':
		return '6', true
	case 'B':
		return '8', true
	case 'g', 'q':
		return '9', true
	}
	return 0, false
}

// correctLookalikes replaces every offender by the digit it resembles; ""
// when some offender resembles no digit.
func correctLookalikes(s string, bad func(int, rune) bool) string {
	var b strings.Builder
	i := 0
	for _, r := range s {
		if bad(i, r) {
			d, ok := lookalike(r)
			if !ok {
				return ""
			}
			b.WriteByte(d)
		} else {
			b.WriteRune(r)
		}
		i++
	}
	return b.String()
}

// describeOffenders names the offending characters in French, grouped by
// character in order of appearance, with 1-based positions (shifted by off)
// and a lookalike hint: "la lettre O aux positions 3, 4, 5 et 6 — un zéro ?".
// It returns the description and the number of offending positions.
func describeOffenders(s string, bad func(int, rune) bool, off int) (string, int) {
	type group struct {
		r   rune
		pos []string
	}
	var groups []*group
	idx := map[rune]*group{}
	count, i := 0, 0
	for _, r := range s {
		if bad(i, r) {
			count++
			g := idx[r]
			if g == nil {
				g = &group{r: r}
				idx[r] = g
				groups = append(groups, g)
			}
			g.pos = append(g.pos, strconv.Itoa(i+1+off))
		}
		i++
	}
	const maxGroups = 4
	parts := make([]string, 0, maxGroups+1)
	for k, g := range groups {
		if k == maxGroups {
			parts = append(parts, "…")
			break
		}
		var p string
		if unicode.IsLetter(g.r) {
			p = "la lettre " + string(g.r)
		} else if unicode.IsPrint(g.r) {
			p = "le caractère « " + string(g.r) + " »"
		} else {
			p = fmt.Sprintf("le caractère invisible U+%04X", g.r)
		}
		if len(g.pos) == 1 {
			p += " à la position " + g.pos[0]
		} else {
			p += " aux positions " + joinFr(g.pos)
		}
		if d, ok := lookalike(g.r); ok {
			if d == '0' {
				p += " — un zéro ?"
			} else {
				p += " — un " + string(d) + " ?"
			}
		}
		parts = append(parts, p)
	}
	return strings.Join(parts, " ; "), count
}

// ----------------------------------------------------------------- helpers

func isDigit(r rune) bool           { return r >= '0' && r <= '9' }
func isNotDigit(_ int, r rune) bool { return !isDigit(r) }

// asciiUpper upper-cases ASCII letters only.
func asciiUpper(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'a' && c <= 'z' {
			b[i] = c - 'a' + 'A'
		}
	}
	return string(b)
}

func isASCIIAlnum(r rune) bool {
	return isDigit(r) || (r >= 'A' && r <= 'Z') || (r >= 'a' && r <= 'z')
}

func hasNonDigit(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return true
		}
	}
	return false
}

func hasRune(s string, f func(rune) bool) bool {
	for _, r := range s {
		if f(r) {
			return true
		}
	}
	return false
}

func hasRuneIdx(s string, f func(int, rune) bool) bool {
	i := 0
	for _, r := range s {
		if f(i, r) {
			return true
		}
		i++
	}
	return false
}

// countTyped renders "10 saisis" / "1 saisi".
func countTyped(n int, participle string) string {
	if n > 1 {
		return fmt.Sprintf("%d %ss", n, participle)
	}
	return fmt.Sprintf("%d %s", n, participle)
}

// joinFr joins "a", "b", "c" as "a, b et c".
func joinFr(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " et " + items[len(items)-1]
}

func capitalize(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	if size == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[size:]
}

func truncateRunes(s string, n int) string {
	i := 0
	for pos := range s {
		if i == n {
			return s[:pos]
		}
		i++
	}
	return s
}
