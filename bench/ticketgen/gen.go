// Package ticketgen makes seeded synthetic support tickets (see the
// command bench/tickets).
package ticketgen

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
	"unicode/utf8"
)

// Ticket is one exported ticket.
type Ticket struct {
	ID       string `json:"id"`
	Date     string `json:"date"`
	Category string `json:"category"` // in-domain, near-miss, off-topic
	// Tree is the decision tree an agent would open, for in-domain
	// tickets: a label for measurements, like Category.
	Tree    string `json:"expected_tree,omitempty"`
	Subject string `json:"subject"`
	Text    string `json:"text"`
}

// Categories and their shares, in percent.
const (
	InDomain = "in-domain"
	NearMiss = "near-miss"
	OffTopic = "off-topic"

	shareInDomain = 70
	shareNearMiss = 15
)

// Word bounds of a ticket's text.
const (
	minWords = 30
	maxWords = 300
)

// Gen makes tickets; the same seed gives the same tickets.
type Gen struct {
	r *rand.Rand
}

// New returns a generator seeded with seed.
func New(seed uint64) *Gen {
	return &Gen{r: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))}
}

func (g *Gen) pick(s []string) string { return s[g.r.IntN(len(s))] }

func (g *Gen) chance(pct int) bool { return g.r.IntN(100) < pct }

var epoch = time.Date(2025, 1, 6, 8, 0, 0, 0, time.UTC)

// Ticket makes the i-th ticket (i names it: T-0000001 for 0). Call it
// for i = 0, 1, 2…: the same seed then gives the same sequence.
func (g *Gen) Ticket(i int) Ticket {
	t := Ticket{ID: fmt.Sprintf("T-%07d", i+1)}
	t.Date = epoch.Add(time.Duration(i)*7*time.Minute + time.Duration(g.r.IntN(300))*time.Second).Format(time.RFC3339)
	var tp *topic
	switch c := g.r.IntN(100); {
	case c < shareInDomain:
		t.Category, tp = InDomain, &inDomain[g.r.IntN(len(inDomain))]
	case c < shareInDomain+shareNearMiss:
		t.Category, tp = NearMiss, &nearMiss[g.r.IntN(len(nearMiss))]
	default:
		t.Category, tp = OffTopic, &offTopic[g.r.IntN(len(offTopic))]
	}
	// style: how carefully the ticket is written
	typo, plain := 0, g.chance(45) // plain: no accents at all
	switch s := g.r.IntN(10); {
	case s < 3:
		typo = 0
	case s < 8:
		typo = 3
	default:
		typo = 9
	}
	t.Tree = tp.tree
	t.Subject = g.fill(g.pick(tp.subjects))
	target := minWords + g.r.IntN(235) // fillers stop at or just above it
	var b strings.Builder
	words := 0
	nl := false // the previous part ends its line
	add := func(s string, endLine bool) {
		if b.Len() > 0 {
			if nl || g.chance(25) {
				b.WriteString("\n")
			} else {
				b.WriteString(" ")
			}
		}
		b.WriteString(s)
		words += len(strings.Fields(s))
		nl = endLine
	}
	add(g.pick(greetings), true)
	add(g.fill(g.pick(tp.cores)), false)
	details := append([]string(nil), tp.details...)
	g.r.Shuffle(len(details), func(a, b int) { details[a], details[b] = details[b], details[a] })
	for _, d := range details {
		if words >= target || g.chance(35) {
			break
		}
		add(g.fill(d), false)
	}
	fill := append([]string(nil), fillers...)
	g.r.Shuffle(len(fill), func(a, b int) { fill[a], fill[b] = fill[b], fill[a] })
	for i := 0; words < target; i++ {
		add(g.fill(fill[i%len(fill)]), false)
	}
	b.WriteString("\n")
	nl = true
	add(g.fill(g.pick(closings)), true)
	add(g.fill(g.pick(signatures)), true)
	text := b.String()
	t.Text = g.roughen(text, typo, plain)
	if plain && g.chance(50) {
		t.Subject = stripAccents(t.Subject)
	}
	return t
}

// fill replaces the placeholders of a template.
func (g *Gen) fill(s string) string {
	if !strings.Contains(s, "{") {
		return s
	}
	var b strings.Builder
	for {
		i := strings.IndexByte(s, '{')
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		j := strings.IndexByte(s[i:], '}')
		if j < 0 {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:i])
		b.WriteString(g.value(s[i+1 : i+j]))
		s = s[i+j+1:]
	}
}

func (g *Gen) value(name string) string {
	switch name {
	case "RPPS":
		return g.rpps(true)
	case "IDNAT":
		return g.idnat()
	case "ADELI":
		return g.adeli()
	case "SIRET":
		return g.siret()
	case "FINESS":
		return g.finess()
	case "RPPSRANG":
		return g.rppsRang()
	case "TEL":
		return g.phone()
	case "NUM":
		return fmt.Sprintf("%05d", g.r.IntN(100000))
	case "PRENOM":
		return g.pick(firstNames)
	case "NOM":
		return g.pick(lastNames)
	case "VILLE":
		return g.pick(towns)
	case "METIER":
		return g.pick(jobs)
	case "LOGICIEL":
		return g.pick(software)
	case "TEL_MODELE":
		return g.pick(phones)
	case "JOUR":
		return g.pick(days)
	}
	return "{" + name + "}"
}

// digits returns n random digits, the first not 0 when lead is set.
func (g *Gen) digits(n int, lead bool) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte('0' + g.r.IntN(10))
	}
	if lead && n > 0 && b[0] == '0' {
		b[0] = '1'
	}
	return string(b)
}

// luhnKey returns the digit that makes s+key pass the Luhn check.
func luhnKey(s string) byte {
	for k := byte('0'); k <= '9'; k++ {
		if luhn(s + string(k)) {
			return k
		}
	}
	return '0'
}

func luhn(s string) bool {
	sum, dbl := 0, false
	for i := len(s) - 1; i >= 0; i-- {
		v := int(s[i] - '0')
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

// mistake spoils an identifier one time in four: a wrong key, or a digit
// missing.
func (g *Gen) mistake(id string) string {
	switch g.r.IntN(8) {
	case 0:
		last := id[len(id)-1]
		return id[:len(id)-1] + string('0'+(last-'0'+1+byte(g.r.IntN(8)))%10)
	case 1:
		i := g.r.IntN(len(id))
		return id[:i] + id[i+1:]
	}
	return id
}

// spaced writes an identifier the way people do: glued, or in groups.
func (g *Gen) spaced(id string) string {
	if len(id) < 9 || !g.chance(20) {
		return id
	}
	return id[:1] + " " + id[1:5] + " " + id[5:]
}

func (g *Gen) rppsBare() string {
	s := "1" + g.digits(9, false)
	return s + string(luhnKey(s))
}

func (g *Gen) rpps(mistakes bool) string {
	id := g.rppsBare()
	if mistakes {
		id = g.mistake(id)
	}
	return g.spaced(id)
}

// idnat is an identifiant national, or an RPPS typed without its 8.
func (g *Gen) idnat() string {
	if g.chance(30) {
		return g.rpps(true)
	}
	return g.spaced(g.mistake("8" + g.rppsBare()))
}

func (g *Gen) adeli() string {
	s := fmt.Sprintf("%02d", 1+g.r.IntN(95)) + g.digits(6, false)
	return g.mistake(s + string(luhnKey(s)))
}

func (g *Gen) siret() string {
	siren := g.digits(8, true)
	siren += string(luhnKey(siren))
	s := siren + g.digits(4, false)
	return g.mistake(s + string(luhnKey(s)))
}

func (g *Gen) finess() string {
	s := fmt.Sprintf("%02d", 1+g.r.IntN(95)) + "0" + g.digits(5, false)
	return g.mistake(s + string(luhnKey(s)))
}

func (g *Gen) rppsRang() string {
	s := g.rppsBare() + fmt.Sprintf("%02d", g.r.IntN(20))
	return g.mistake(s + string(luhnKey(s)))
}

func (g *Gen) phone() string {
	p := "0" + string('1'+byte(g.r.IntN(7)))
	for range 4 {
		p += " " + g.digits(2, false)
	}
	if g.chance(15) {
		return "+33 " + p[1:]
	}
	return p
}

// roughen adds typos to about pct % of the words (none to identifiers),
// and strips the accents when plain.
func (g *Gen) roughen(s string, pct int, plain bool) string {
	if plain {
		s = stripAccents(s)
	}
	if pct == 0 {
		return s
	}
	lines := strings.Split(s, "\n")
	for li, line := range lines {
		ws := strings.Split(line, " ")
		for i, w := range ws {
			if utf8.RuneCountInString(w) < 4 || strings.ContainsAny(w, "0123456789@") || !g.chance(pct) {
				continue
			}
			ws[i] = g.typo(w)
		}
		lines[li] = strings.Join(ws, " ")
	}
	return strings.Join(lines, "\n")
}

func (g *Gen) typo(w string) string {
	r := []rune(w)
	i := 1 + g.r.IntN(len(r)-2)
	switch g.r.IntN(4) {
	case 0: // swap
		r[i], r[i+1] = r[i+1], r[i]
	case 1: // drop
		r = append(r[:i], r[i+1:]...)
	case 2: // double
		r = append(r[:i+1], r[i:]...)
	default: // accent lost
		return stripAccents(w)
	}
	return string(r)
}

var accentFold = strings.NewReplacer(
	"é", "e", "è", "e", "ê", "e", "ë", "e", "à", "a", "â", "a", "ç", "c",
	"î", "i", "ï", "i", "ô", "o", "ù", "u", "û", "u", "É", "E", "È", "E", "À", "A",
)

func stripAccents(s string) string { return accentFold.Replace(s) }
