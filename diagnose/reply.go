package diagnose

// The « Réponse au client »: the ready-to-send reply an agent copies at the
// end of a diagnosis (or from an answer). Its body is official wording
// only: the sentences of the cited answers that the conclusion's steps
// quote, then each cited answer verbatim with its source in words a
// customer understands; the only other sentences are the template's
// (greeting, signature, source lines, the identifier the agent checked).
// ReplyFaithful checks that rule on any reply.

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"ecps-assist/kb"
)

// ReplyTemplate is what the configuration gives the reply (package config:
// reply.greeting, reply.signature, reply.agent) and the correspondent's
// name when the agent typed one. Greeting and Signature may span several
// lines and hold the placeholders {nom} (Name) and {agent} (Agent).
type ReplyTemplate struct {
	Greeting  string
	Signature string
	Agent     string
	Name      string
}

// Default greeting and signature (the same as package config's).
const (
	DefaultReplyGreeting  = "Bonjour,"
	DefaultReplySignature = "Cordialement,"
)

// Source labels a customer understands.
const (
	SourceFAQ     = "FAQ de l'Agence du numérique en santé"
	SourceArticle = "DSIH, 14 juin 2022"
	// SourceTeam names team knowledge (origin: team): never passed off as
	// the official answer.
	SourceTeam = "information de notre équipe support (non officielle)"
)

// articleSeeds names the article seeds (the other seeds are FAQ pages).
var articleSeeds = map[string]string{
	"002_b65e9fc373031b8a.txt": SourceArticle,
}

// Reply is a composed reply. Text() is what is copied.
type Reply struct {
	Greeting  []string // filled lines
	Body      []string // paragraphs, official wording and template sentences
	Signature []string // filled lines
	// Official is the official answer text alone: the cited answers,
	// verbatim, without greeting, sources or signature.
	Official string
	// Dropped lists the template lines left out because a placeholder
	// had no value, with the placeholders missing.
	Dropped []DroppedLine
}

// DroppedLine is a greeting or signature line left out of the reply.
type DroppedLine struct {
	Line    string   // as configured
	Missing []string // e.g. ["{nom}"]
	// Replaced is the line put in its place (the default greeting when
	// no greeting line was left), or "".
	Replaced string
}

// Text is the reply as sent: greeting, body and signature, paragraphs
// separated by a blank line, ending with a newline.
func (r Reply) Text() string {
	var parts []string
	if len(r.Greeting) > 0 {
		parts = append(parts, strings.Join(r.Greeting, "\n"))
	}
	parts = append(parts, r.Body...)
	if len(r.Signature) > 0 {
		parts = append(parts, strings.Join(r.Signature, "\n"))
	}
	return strings.Join(parts, "\n\n") + "\n"
}

// UsesName reports whether the reply's greeting or signature, the
// defaults when not configured, holds {nom} (the defaults hold none).
func (t ReplyTemplate) UsesName() bool {
	g, s := t.Greeting, t.Signature
	if strings.TrimSpace(g) == "" {
		g = DefaultReplyGreeting
	}
	if strings.TrimSpace(s) == "" {
		s = DefaultReplySignature
	}
	return strings.Contains(g+s, "{nom}")
}

// NameNotice is the French message saying that the correspondent's name
// does not show in the reply, the greeting and signature having no {nom};
// "" when there is no name or it shows.
func (t ReplyTemplate) NameNotice() string {
	name := strings.TrimSpace(t.Name)
	if name == "" || t.UsesName() {
		return ""
	}
	return "Nom du destinataire : " + name + " — sans {nom} dans la formule d'appel (reply.greeting), la réponse ne le montre pas."
}

// DroppedNotice is the French message saying which lines were left out
// and why, or "" when none was.
func (r Reply) DroppedNotice() string {
	if len(r.Dropped) == 0 {
		return ""
	}
	var parts []string
	for _, d := range r.Dropped {
		p := fmt.Sprintf("« %s » (%s sans valeur)", d.Line, strings.Join(d.Missing, ", "))
		if d.Replaced != "" {
			p += fmt.Sprintf(", remplacée par « %s »", d.Replaced)
		}
		parts = append(parts, p)
	}
	what := "Ligne retirée de la réponse : "
	if len(parts) > 1 {
		what = "Lignes retirées de la réponse : "
	}
	return what + strings.Join(parts, " ; ")
}

// fill replaces the placeholders of each line of tmpl; a line with a
// placeholder that has no value (or an unknown one) is dropped.
func (t ReplyTemplate) fill(tmpl, def string, dropped *[]DroppedLine) []string {
	if strings.TrimSpace(tmpl) == "" {
		tmpl = def
	}
	vals := map[string]string{"nom": strings.TrimSpace(t.Name), "agent": strings.TrimSpace(t.Agent)}
	var out []string
	for _, l := range strings.Split(strings.TrimRight(strings.ReplaceAll(tmpl, "\r\n", "\n"), "\n"), "\n") {
		var missing []string
		var b strings.Builder
		rest := l
		for {
			i := strings.IndexByte(rest, '{')
			j := -1
			if i >= 0 {
				j = strings.IndexByte(rest[i:], '}')
			}
			if i < 0 || j < 0 {
				b.WriteString(rest)
				break
			}
			name := rest[i+1 : i+j]
			b.WriteString(rest[:i])
			if v, ok := vals[name]; ok && v != "" {
				b.WriteString(v)
			} else {
				missing = append(missing, "{"+name+"}")
			}
			rest = rest[i+j+1:]
		}
		if len(missing) > 0 {
			*dropped = append(*dropped, DroppedLine{Line: l, Missing: missing})
			continue
		}
		out = append(out, strings.TrimRight(b.String(), " "))
	}
	return out
}

func (t ReplyTemplate) frame(body []string, official string) Reply {
	r := Reply{Body: body, Official: official}
	r.Greeting = t.fill(t.Greeting, DefaultReplyGreeting, &r.Dropped)
	if len(r.Greeting) == 0 && len(r.Dropped) > 0 {
		// « Bonjour {nom}, » without a name: a reply never starts
		// without a greeting; the notice says which line was replaced.
		r.Greeting = []string{DefaultReplyGreeting}
		r.Dropped[len(r.Dropped)-1].Replaced = DefaultReplyGreeting
	}
	r.Signature = t.fill(t.Signature, DefaultReplySignature, &r.Dropped)
	return r
}

// EntryReply is the reply of an answer screen: the official answer alone
// with greeting, source and signature.
func EntryReply(e *kb.Entry, t ReplyTemplate) Reply {
	ans := AnswerText(e)
	return t.frame([]string{ans, SourceLine(e)}, ans)
}

// SessionReply is the reply of a diagnosis. At a conclusion: the official
// sentences the conclusion's steps quote, what the checks found (the
// identifier and its correction), then each cited answer verbatim followed
// by its source. Before a conclusion, the body holds only the checks.
func SessionReply(k *kb.KB, s *Session, t ReplyTemplate) Reply {
	var checks []string
	for _, st := range s.steps {
		if st.Result != nil {
			if p := IdentifierSentence(*st.Result); p != "" {
				checks = append(checks, p)
			}
		}
	}
	n := s.Conclusion()
	if n == nil {
		return t.frame(checks, "")
	}
	var cited []*kb.Entry
	for _, id := range n.Entries {
		if e := k.Entry(id); e != nil {
			cited = append(cited, e)
		}
	}
	body := append(QuotedSentences(n, cited), checks...)
	var official []string
	for _, e := range cited {
		ans := AnswerText(e)
		official = append(official, ans)
		body = append(body, ans, SourceLine(e))
	}
	return t.frame(body, strings.Join(official, "\n\n"))
}

// AnswerText is an entry's official answer as it goes into a reply:
// verbatim, inert, trimmed, with the marker « [lien absent de la source] »
// where the source page had a link the seed lost (kb.MarkedAnswer), so
// that the correspondent knows a link is missing.
func AnswerText(e *kb.Entry) string {
	return strings.TrimSpace(e.MarkedAnswer())
}

// SourceLine names the sources of an entry in customer words:
// « Source : FAQ de l'Agence du numérique en santé », « Source : DSIH, 14
// juin 2022 », or both.
func SourceLine(e *kb.Entry) string {
	if e.IsTeam() {
		return "Source : " + SourceTeam
	}
	var names []string
	seen := map[string]bool{}
	for _, src := range e.Sources {
		name := SourceName(src)
		if !seen[name] {
			seen[name] = true
			names = append(names, name)
		}
	}
	if len(names) == 0 {
		return ""
	}
	head := "Source : "
	if len(names) > 1 {
		head = "Sources : "
	}
	return head + strings.Join(names, " ; ")
}

// SourceName is one source in customer words.
func SourceName(src kb.Source) string {
	if name, ok := articleSeeds[src.Seed]; ok {
		return name
	}
	return SourceFAQ
}

// ---------------------------------------------------------------- identifier

// IdentifierSentence is what the reply says of an identifier the agent
// checked: the identifiant national (given as typed or corrected from what
// was typed), or that what was typed is not valid; "" when nothing was
// typed.
func IdentifierSentence(r IDResult) string {
	if r.Problem == ProblemEmpty || strings.TrimSpace(r.Normalized) == "" {
		return ""
	}
	if id := NationalID(r); id != "" {
		return fmt.Sprintf(sentIDNatRPPS, id)
	}
	typed := r.Normalized
	if r.Valid {
		return fmt.Sprintf(sentChecked, capitalize(kindNoun(r.Kind)), typed)
	}
	return fmt.Sprintf(sentInvalid, typed, kindNoun(r.Kind))
}

// Template sentences about an identifier (ReplyFaithful knows them).
const (
	sentIDNatRPPS = "Votre identifiant national est %s : le chiffre 8 suivi de votre numéro RPPS."
	sentChecked   = "%s vérifié : %s."
	sentInvalid   = "L'identifiant que vous nous avez indiqué (%s) n'est pas un %s valide."
)

func kindNoun(k IDKind) string {
	if k == KindIDNat || k == KindAuto || k == "" {
		return "identifiant national"
	}
	return kindLabel(k)
}

// NationalID is the valid identifiant national of an RPPS holder (the
// chiffre 8 and the 11 digits of the RPPS, the only form the seeds give) a
// check result gives: the value typed when it is one, or the one the
// checker's verdict derives (the RPPS typed without its 8, the 8 typed
// twice, an RPPS checked as such), confirmed by the checker; "" otherwise.
func NationalID(r IDResult) string {
	s := r.Normalized
	var cand string
	switch r.Kind {
	case KindIDNat:
		switch {
		case r.Valid:
			cand = s
		case r.Problem == ProblemMissingPrefix && len(s) == 11:
			cand = "8" + s
		case r.Problem == ProblemBadLength && len(s) == 13 && strings.HasPrefix(s, "88"):
			cand = s[1:]
		}
	case KindRPPS:
		switch {
		case r.Valid:
			cand = "8" + s
		case r.Problem == ProblemBadLength && len(s) == 12:
			cand = s
		}
	}
	if len(cand) != 12 || cand[0] != '8' || !CheckID(cand, KindIDNat).Valid {
		return ""
	}
	return cand
}

// ---------------------------------------------------------------- quotes

// QuotedSentences are the official sentences a conclusion's steps address
// to the user: for each text a step quotes between « » (or each step
// written as is), the sentences or list items of a cited answer that hold
// it, verbatim. Consecutive ones of the same answer stay together as
// written there (a lead ending with « : » only with the items that follow
// it); a lone one is made to stand as a sentence (asSentence). Texts that
// are a cited answer whole are left out (the answer follows), and so is
// everything the steps say in the agent's words.
func QuotedSentences(n *kb.Node, cited []*kb.Entry) []string {
	type hit struct{ entry, sent int }
	var hits []hit
	seen := map[hit]bool{}
	whole := map[string]bool{}
	sents := make([][]sentence, len(cited))
	for i, e := range cited {
		whole[foldSentence(e.Answer)] = true
		sents[i] = sentencesOf(AnswerText(e))
		for j := range sents[i] {
			sents[i][j].fold = foldSentence(sents[i][j].text)
		}
	}
	for _, step := range n.Steps {
		quotes := outerQuotes(step)
		if len(quotes) == 0 {
			quotes = []string{step}
		}
		for _, q := range quotes {
			if whole[foldSentence(q)] {
				continue
			}
			for _, part := range splitSentences(q) {
				for i := range cited {
					j := sentenceHolding(sents[i], part)
					if j < 0 {
						continue
					}
					if h := (hit{i, j}); !seen[h] {
						seen[h] = true
						hits = append(hits, h)
					}
					break
				}
			}
		}
	}
	var out []string
	for a := 0; a < len(hits); {
		b := a + 1
		for b < len(hits) && hits[b].entry == hits[a].entry && hits[b].sent == hits[b-1].sent+1 {
			b++
		}
		group := make([]sentence, 0, b-a)
		for _, h := range hits[a:b] {
			group = append(group, sents[h.entry][h.sent])
		}
		a = b
		if last := group[len(group)-1]; strings.HasSuffix(last.text, ":") {
			group = group[:len(group)-1] // a lead without its items
		}
		switch {
		case len(group) == 0:
		case whole[foldSentence(joinSentences(group))]:
			// the cited answer whole: it follows
		case len(group) == 1:
			out = append(out, asSentence(group[0].text))
		default:
			out = append(out, capitalize(joinSentences(group)))
		}
	}
	return out
}

// joinSentences puts consecutive sentences of an answer back together as
// written there: on one line, or on the next line.
func joinSentences(group []sentence) string {
	var p strings.Builder
	for i, sn := range group {
		if i > 0 && sn.first {
			p.WriteString("\n")
		} else if i > 0 {
			p.WriteString(" ")
		}
		p.WriteString(sn.text)
	}
	return p.String()
}

// sentenceHolding returns the index of the sentence of sents that holds q
// (compared as foldSentence does), or -1; q must be long enough to stand
// for a sentence.
func sentenceHolding(sents []sentence, q string) int {
	q = strings.TrimRight(strings.TrimSpace(q), ".;: ")
	if utf8.RuneCountInString(q) < 12 {
		return -1
	}
	f := foldSentence(q)
	for j, sent := range sents {
		if strings.Contains(sent.fold, f) {
			return j
		}
	}
	return -1
}

// outerQuotes returns the texts between top-level « and » of s.
func outerQuotes(s string) []string {
	var out []string
	depth, start := 0, 0
	for i, r := range s {
		switch r {
		case '«':
			if depth == 0 {
				start = i + len("«")
			}
			depth++
		case '»':
			if depth == 0 {
				continue
			}
			depth--
			if depth == 0 {
				if q := strings.TrimSpace(s[start:i]); q != "" {
					out = append(out, q)
				}
			}
		}
	}
	return out
}

// splitSentences cuts text into lines, and lines into sentences (after
// ". ", "? ", "! " followed by a capital).
func splitSentences(text string) []string {
	var out []string
	for _, s := range sentencesOf(text) {
		out = append(out, s.text)
	}
	return out
}

// sentence is one sentence of an answer; first is set when it starts a
// line.
type sentence struct {
	text  string
	first bool
	fold  string // foldSentence(text), filled by QuotedSentences
}

func sentencesOf(text string) []sentence {
	var out []sentence
	for _, l := range strings.Split(text, "\n") {
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		rs := []rune(l)
		start := 0
		for i := 0; i+2 < len(rs); i++ {
			if (rs[i] == '.' || rs[i] == '?' || rs[i] == '!') && rs[i+1] == ' ' && unicode.IsUpper(rs[i+2]) {
				out = append(out, sentence{text: strings.TrimSpace(string(rs[start : i+1])), first: start == 0})
				start = i + 2
			}
		}
		if s := strings.TrimSpace(string(rs[start:])); s != "" {
			out = append(out, sentence{text: s, first: start == 0})
		}
	}
	return out
}

// asSentence makes an official sentence or list item stand alone: the
// list dash dropped, the first letter capitalised, a final « ; » or « , »
// turned into a full stop. The words are untouched.
func asSentence(s string) string {
	s = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(s), "- "))
	s = strings.TrimRight(s, " ;,")
	if s == "" {
		return s
	}
	if r, _ := utf8.DecodeLastRuneInString(s); !strings.ContainsRune(".?!:»", r) {
		s += "."
	}
	return capitalize(s)
}

// foldSentence is the form sentences are compared in: lower case, one
// space, typographic apostrophes and quotes made plain, no list dash, no
// final punctuation.
func foldSentence(s string) string {
	s = strings.ToLower(kb.Normalize(s))
	s = foldPunct.Replace(s)
	s = strings.TrimPrefix(s, "- ")
	return strings.TrimRight(s, " .;,:")
}

var foldPunct = strings.NewReplacer("’", "'", "‘", "'", "“", "\"", "”", "\"", "\u00a0", " ", "\u202f", " ")

// ---------------------------------------------------------------- faithfulness

// ReplyFaithful checks that every sentence of the reply's body is either
// official wording (a sentence or part of a sentence of an answer of the
// knowledge base, compared as foldSentence does) or one of the template's
// sentences (source lines, identifier sentences). It returns the sentences
// that are neither.
func ReplyFaithful(k *kb.KB, r Reply) []string {
	var official strings.Builder
	for _, e := range k.Entries {
		official.WriteString(foldSentence(AnswerText(e)))
		official.WriteString("\n")
		for _, sent := range splitSentences(AnswerText(e)) {
			official.WriteString(foldSentence(sent))
			official.WriteString("\n")
		}
	}
	corpus := official.String()
	var bad []string
	for _, para := range r.Body {
		for _, sent := range splitSentences(para) {
			if isTemplateSentence(sent) {
				continue
			}
			if f := foldSentence(sent); f == "" || !strings.Contains(corpus, f) {
				bad = append(bad, sent)
			}
		}
	}
	return bad
}

func isTemplateSentence(s string) bool {
	if strings.HasPrefix(s, "Source : ") || strings.HasPrefix(s, "Sources : ") {
		names := strings.Split(strings.SplitN(s, " : ", 2)[1], " ; ")
		for _, n := range names {
			if n != SourceFAQ && n != SourceArticle && n != SourceTeam {
				return false
			}
		}
		return true
	}
	for _, f := range []string{sentIDNatRPPS, sentChecked, sentInvalid} {
		if matchesFormat(f, s) {
			return true
		}
	}
	return false
}

// matchesFormat reports whether s is format f with each %s replaced by a
// run of characters without a space.
func matchesFormat(f, s string) bool {
	parts := strings.Split(f, "%s")
	if !strings.HasPrefix(s, parts[0]) {
		return false
	}
	s = s[len(parts[0]):]
	for _, p := range parts[1:] {
		if p == "" {
			return !strings.Contains(s, " ") || s == ""
		}
		i := strings.Index(s, p)
		if i < 0 {
			return false
		}
		// The value: one word, or a kind noun from the checker.
		v := s[:i]
		if strings.Contains(v, " ") && !isKindNoun(v) {
			return false
		}
		s = s[i+len(p):]
	}
	return s == ""
}

func isKindNoun(v string) bool {
	for _, k := range append([]IDKind{KindIDNat}, IDKinds...) {
		if v == kindNoun(k) || v == capitalize(kindNoun(k)) {
			return true
		}
	}
	return false
}
