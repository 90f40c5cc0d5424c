package diagnose

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"ecps-assist/kb/search"
)

// MaxTicketIDs bounds the identifiers reported for one ticket.
const MaxTicketIDs = 5

// TicketIDs finds the identifiers written in a ticket and checks each with
// the identifier checker (kind guessed from the shape), in order of
// appearance, at most max, each value once.
//
// A candidate is a run of digit groups joined by single separators (space,
// NBSP, dot, dash: "8 1000 0123 454", "10000123454") standing alone (no
// letter or digit glued before or after), whose digit count is that of an
// identifier: 9 (ADELI, FINESS), 11 (RPPS, the usual idnat without its 8),
// 12 (idnat), 14 (SIRET, RPPS-rang) or 15 (a SIRET or RPPS-rang behind the
// structure prefix). A Corsican FINESS (2A…, 2B…) counts too. When the whole
// run does not have such a length, its groups are tried one by one.
//
// Phone numbers are the trap of tickets: a run written after "+" or as five
// pairs ("06 12 34 56 78") is never an identifier, and 10 digits (an idnat
// built on ADELI is "0" + 9 digits, a French phone number too) count only
// right after a word naming an identifier (identifiant, idnat, RPPS,
// ADELI…). Whatever its length, a number right after a word naming a phone
// or a reference (tél, portable, ticket, commande, dossier…) is not one.
func TicketIDs(ticket string, max int) []IDResult {
	out := []IDResult{}
	seen := map[string]bool{}
	add := func(raw string) bool {
		r := CheckID(raw, KindAuto)
		if seen[r.Normalized] {
			return true
		}
		seen[r.Normalized] = true
		out = append(out, r)
		return len(out) < max
	}
	s := ticket
	for i := 0; i < len(s) && len(out) < max; {
		c := s[i]
		if !isASCIIDigit(c) {
			_, n := utf8.DecodeRuneInString(s[i:])
			i += n
			continue
		}
		start := i
		groups, end := digitRun(s, i)
		i = end
		if glued(s, start, end) || precededByPlus(s, start) {
			continue
		}
		digits := 0
		for _, g := range groups {
			digits += len(g.digits)
		}
		if phonePairs(groups) {
			continue
		}
		if idLength(digits, s[:start]) {
			if !add(s[start:end]) {
				break
			}
			continue
		}
		if len(groups) == 1 {
			continue
		}
		for _, g := range groups {
			if idLength(len(g.digits), s[:g.start]) && !add(g.digits) {
				break
			}
		}
	}
	return out
}

// QueryIDs checks the identifiers of a query typed in a search field or
// on the command line: a query that is only a number of 8 digits or more
// (digit groups, separators, a Corsican 2A/2B) is checked whatever its
// length, so that a digit too many or too few is said; otherwise the
// identifiers found in the text, as in a ticket.
func QueryIDs(q string) []IDResult {
	t := strings.TrimSpace(q)
	if t != "" && isASCIIDigit(t[0]) {
		groups, end := digitRun(t, 0)
		digits := 0
		for _, g := range groups {
			digits += len(g.digits)
		}
		if end == len(t) && digits >= 8 {
			return []IDResult{CheckID(q, KindAuto)}
		}
	}
	return TicketIDs(q, MaxTicketIDs)
}

// MaskNumbers blanks out the long numbers of a ticket — identifiers, phone
// numbers, references: runs of 8 digits or more, or of 4 groups or more —
// so that their digit groups ("06", "12") do not match the numbers of the
// answers ("IEPS.06", "12 chiffres"). Identifiers are checked apart, by
// TicketIDs. Short numbers ("IEPS 06", "2 e-CPS", "F414") stay.
func MaskNumbers(ticket string) string {
	var b strings.Builder
	s := ticket
	last := 0
	for i := 0; i < len(s); {
		if !isASCIIDigit(s[i]) {
			i++
			continue
		}
		start := i
		groups, end := digitRun(s, i)
		i = end
		digits := 0
		for _, g := range groups {
			digits += len(g.digits)
		}
		if digits < 8 && len(groups) < 4 {
			continue
		}
		if last == 0 {
			b.Grow(len(s))
		}
		b.WriteString(s[last:start])
		b.WriteByte(' ')
		last = end
	}
	if last == 0 {
		return ticket
	}
	b.WriteString(s[last:])
	return b.String()
}

type digitGroup struct {
	start  int
	digits string
}

// digitRun reads the digit groups starting at s[i] (a digit), joined by one
// separator each, and returns them with the end of the run. A group may be a
// Corsican département: 2A or 2B followed by digits.
func digitRun(s string, i int) ([]digitGroup, int) {
	var groups []digitGroup
	for {
		j := i
		for j < len(s) && isASCIIDigit(s[j]) {
			j++
		}
		// 2A0780195: the letter of a Corsican département, once, second.
		if j == i+1 && s[i] == '2' && j < len(s) && (s[j]|0x20 == 'a' || s[j]|0x20 == 'b') && j+1 < len(s) && isASCIIDigit(s[j+1]) {
			j++
			for j < len(s) && isASCIIDigit(s[j]) {
				j++
			}
		}
		groups = append(groups, digitGroup{start: i, digits: s[i:j]})
		n := sepLen(s[j:])
		if n == 0 || j+n >= len(s) || !isASCIIDigit(s[j+n]) {
			return groups, j
		}
		i = j + n
	}
}

// sepLen is the length of the separator at the start of s, or 0.
func sepLen(s string) int {
	if s == "" {
		return 0
	}
	switch s[0] {
	case ' ', '.', '-':
		return 1
	}
	r, n := utf8.DecodeRuneInString(s)
	if r == '\u00a0' || r == '\u202f' {
		return n
	}
	return 0
}

// glued reports whether the run s[start:end] touches a letter or digit.
func glued(s string, start, end int) bool {
	if start > 0 {
		r, _ := utf8.DecodeLastRuneInString(s[:start])
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	if end < len(s) {
		r, _ := utf8.DecodeRuneInString(s[end:])
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

func precededByPlus(s string, start int) bool {
	t := strings.TrimRight(s[:start], " \u00a0")
	return strings.HasSuffix(t, "+")
}

// phonePairs reports whether a run is written as a French phone number:
// five groups of two digits (06 12 34 56 78, 01.23.45.67.89).
func phonePairs(groups []digitGroup) bool {
	if len(groups) != 5 {
		return false
	}
	for _, g := range groups {
		if len(g.digits) != 2 {
			return false
		}
	}
	return true
}

// idLength reports whether n digits make an identifier; before is the text
// of the ticket before the candidate: 10 digits need an identifier word just
// before them, and no length counts right after a phone or reference word.
func idLength(n int, before string) bool {
	switch n {
	case 9, 11, 12, 14, 15:
		return idContext(before) != ctxOther
	case 10:
		return idContext(before) == ctxID
	}
	return false
}

const (
	ctxNone   = iota // no telling word just before the number
	ctxID            // a word naming an identifier
	ctxOther         // a phone or reference word
	ctxNumber        // another number
)

// idContext reads the last three words of before, nearest first, and
// says what the first telling one names: an identifier ("RPPS :"), or a
// phone or a reference ("Tél :", "ticket n°"), or whether another number
// comes first ("RPPS 10000123454 0612345678": the RPPS word is not the
// phone number's); the nearest word wins ("RPPS 10000123454, tél …").
func idContext(before string) int {
	if len(before) > 80 {
		before = before[len(before)-80:]
	}
	words := strings.Fields(search.FoldString(before))
	for i := len(words) - 1; i >= 0 && i >= len(words)-3; i-- {
		w := words[i]
		switch w {
		case "identifiant", "identifiants", "idnat", "id", "adeli", "rpps", "finess", "siret", "national", "nationale":
			return ctxID
		case "tel", "telephone", "portable", "mobile", "fixe", "gsm", "fax", "joindre", "joignable", "rappeler", "rappelez", "appeler", "appelez", "rappel", "phone",
			"ticket", "commande", "dossier", "reference", "ref", "facture", "incident", "demande", "suivi", "colis", "contrat", "devis":
			return ctxOther
		}
		if w[0] >= '0' && w[0] <= '9' {
			return ctxNumber
		}
	}
	return ctxNone
}

func isASCIIDigit(c byte) bool { return '0' <= c && c <= '9' }
