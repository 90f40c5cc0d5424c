package diagnose

import (
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"ecps-assist/config"
	"ecps-assist/kb"
)

// Renderer renders reports and transcripts. Escalation is the team's
// escalation line (config's escalation key), shown on every conclusion
// that hands the case on or leaves it open (info, escalate, refer); empty
// means config.DefaultEscalation. The zero value is ready to use.
type Renderer struct {
	Escalation string
}

// EscalationLine is the team's line to show at node n, or "" when n is not
// a conclusion that hands the case on.
func (r Renderer) EscalationLine(n *kb.Node) string {
	if n == nil || n.Kind != kb.KindConclusion || !kb.Hands(n.Verdict) {
		return ""
	}
	if l := strings.TrimSpace(r.Escalation); l != "" {
		return l
	}
	return config.DefaultEscalation
}

// EscalationText is the team's escalation line, or the default one.
func (r Renderer) EscalationText() string {
	if l := strings.TrimSpace(r.Escalation); l != "" {
		return l
	}
	return config.DefaultEscalation
}

// EscalationHeading introduces the team's escalation line, which is the
// team's knowledge, not the official answer.
const EscalationHeading = "Recours de l'équipe"

// Markdown renders with the default escalation line (see Renderer).
func Markdown(k *kb.KB, s *Session, at time.Time) string { return Renderer{}.Markdown(k, s, at) }

// Text renders with the default escalation line (see Renderer).
func Text(k *kb.KB, s *Session) string { return Renderer{}.Text(k, s) }

// NewReport describes the session, with the default escalation line.
func NewReport(s *Session) Report { return Renderer{}.Report(s) }

// Report is the JSON contract of a diagnosis (ecps-assist diagnose
// --format json): the path so far, the pending question or the conclusion.
type Report struct {
	Tree       string            `json:"tree"`
	Title      string            `json:"title"`
	Path       []ReportStep      `json:"path"`
	Pending    *ReportPending    `json:"pending"`
	Conclusion *ReportConclusion `json:"conclusion"`
}

// ReportAnswer is an option (or a check outcome) with its label.
type ReportAnswer struct {
	ID    string `json:"id"`
	Label string `json:"label"`
}

// ReportStep is one answered node.
type ReportStep struct {
	Node     string       `json:"node"`
	Question string       `json:"question"`
	Answer   ReportAnswer `json:"answer"`
	Input    string       `json:"input,omitempty"`
	Check    *IDResult    `json:"check,omitempty"`
}

// ReportPending is the node awaiting an answer. A question (kind
// "question") lists the option ids to answer with. A check (kind "check")
// takes an identifier (diagnose --input), not an option: its Options is
// empty, Check names the identifier kind it verifies and Outcomes lists the
// checker's results it branches on, which are not answers.
type ReportPending struct {
	Node     string         `json:"node"`
	Question string         `json:"question"`
	Kind     string         `json:"kind"`
	Help     string         `json:"help,omitempty"`
	Check    string         `json:"check,omitempty"`
	Options  []ReportAnswer `json:"options"`
	Outcomes []ReportAnswer `json:"outcomes,omitempty"`
}

// ReportConclusion is the conclusion reached.
type ReportConclusion struct {
	Node         string   `json:"node"`
	Verdict      string   `json:"verdict"`
	VerdictLabel string   `json:"verdict_label"`
	Text         string   `json:"text"`
	Steps        []string `json:"steps"`
	Entries      []string `json:"entries"`
	// Escalation is the team's escalation line, on info, escalate and
	// refer conclusions.
	Escalation string `json:"escalation,omitempty"`
}

// Report describes the session.
func (rd Renderer) Report(s *Session) Report {
	r := Report{Tree: s.Tree.ID, Title: s.Tree.Title, Path: []ReportStep{}}
	for _, st := range s.steps {
		rs := ReportStep{Node: st.Node.ID, Question: st.Node.Text}
		if st.Option != nil {
			rs.Answer = ReportAnswer{ID: st.Option.ID, Label: st.Option.Label}
		} else if st.Result != nil {
			rs.Answer = ReportAnswer{ID: st.Result.Outcome(), Label: st.Result.Message}
			rs.Input = st.Input
			rs.Check = st.Result
		}
		r.Path = append(r.Path, rs)
	}
	n := s.Current()
	switch {
	case n == nil:
	case n.Kind == kb.KindConclusion:
		r.Conclusion = &ReportConclusion{
			Node: n.ID, Verdict: n.Verdict, VerdictLabel: n.VerdictText(),
			Text: n.Text, Steps: nonNil(n.Steps), Entries: nonNil(n.Entries),
			Escalation: rd.EscalationLine(n),
		}
	default:
		p := &ReportPending{Node: n.ID, Question: n.Text, Kind: n.Kind, Help: n.Help, Options: []ReportAnswer{}}
		for _, o := range n.Options {
			p.Options = append(p.Options, ReportAnswer{ID: o.ID, Label: o.Label})
		}
		if n.Kind == kb.KindCheck {
			p.Check = n.Check
			if p.Check == "" {
				p.Check = string(KindAuto)
			}
			for _, o := range n.Outcomes {
				p.Outcomes = append(p.Outcomes, ReportAnswer{ID: o.Result, Label: OutcomeLabel(o.Result)})
			}
		}
		r.Pending = p
	}
	return r
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// Markdown renders the transcript an agent pastes into a ticket: the tree,
// the date, each question and answer, the checks with their verdicts, the
// conclusion and its steps, and the cited answers with their sources.
//
// Transcripts are pasted into ticket systems that render Markdown, and
// their text comes from --kb files, tickets and the keyboard: every field
// is escaped (mdText) or put in a code span longer than any run of
// backticks it holds (mdCode), so that no field makes a link, an image,
// HTML, a heading or a list; the template itself makes none of the first
// three. Bare addresses stay text (renderers that autolink show them as
// links to exactly the address shown).
func (rd Renderer) Markdown(k *kb.KB, s *Session, at time.Time) string {
	var b strings.Builder
	md := mdText
	fmt.Fprintf(&b, "# Diagnostic : %s\n\n", md(s.Tree.Title))
	fmt.Fprintf(&b, "- Arbre : %s\n", mdCode(s.Tree.ID))
	fmt.Fprintf(&b, "- Produit : %s\n", md(s.Tree.Product))
	if s.Tree.IsTeam() {
		fmt.Fprintf(&b, "- Origine : %s\n", md(s.Tree.Citation()))
	}
	fmt.Fprintf(&b, "- Date : %s\n\n", at.Format("02/01/2006 15:04"))
	b.WriteString("## Parcours\n\n")
	if len(s.steps) == 0 {
		b.WriteString("_Aucune réponse pour l'instant._\n")
	}
	for i, st := range s.steps {
		if st.Result != nil {
			r := st.Result
			fmt.Fprintf(&b, "%d. **%s**\n   - Saisi : %s\n   - Vérification (%s) : %s\n", i+1, md(st.Node.Text), mdCode(st.Input), md(r.KindLabel), md(r.Message))
			if r.Fix != "" {
				fmt.Fprintf(&b, "   - Correction : %s\n", md(r.Fix))
			}
			for _, note := range r.Notes {
				fmt.Fprintf(&b, "   - Note : %s\n", md(note))
			}
			continue
		}
		fmt.Fprintf(&b, "%d. **%s** → %s\n", i+1, md(st.Node.Text), md(st.AnswerLabel()))
	}
	b.WriteString("\n")
	n := s.Current()
	if n == nil {
		return b.String()
	}
	if n.Kind != kb.KindConclusion {
		b.WriteString("## En attente\n\n")
		fmt.Fprintf(&b, "**%s**\n\n", md(n.Text))
		for i, o := range n.Options {
			fmt.Fprintf(&b, "%d. %s\n", i+1, md(o.Label))
		}
		if n.Kind == kb.KindCheck {
			b.WriteString("_Identifiant à saisir._\n")
		}
		return b.String()
	}
	fmt.Fprintf(&b, "## Conclusion : %s\n\n%s\n\n", md(n.VerdictText()), mdParagraphs(n.Text))
	if len(n.Steps) > 0 {
		b.WriteString("### À faire\n\n")
		for i, st := range n.Steps {
			fmt.Fprintf(&b, "%d. %s\n", i+1, md(st))
		}
		b.WriteString("\n")
	}
	if l := rd.EscalationLine(n); l != "" {
		fmt.Fprintf(&b, "**%s :** %s\n\n", EscalationHeading, md(l))
	}
	fmt.Fprintf(&b, "### %s\n\n", citedHeading(k, n))
	for _, id := range n.Entries {
		e := k.Entry(id)
		if e == nil {
			fmt.Fprintf(&b, "- %s (introuvable)\n", mdCode(id))
			continue
		}
		fmt.Fprintf(&b, "- **%s** (%s) — %s%s\n", md(e.Title), mdCode(e.ID), md(e.Citation()), lostLinkNote(e))
	}
	return b.String()
}

// mdText escapes one line of text for Markdown (newlines become spaces):
// the characters that open inline constructs (links, images, HTML,
// autolinks, entities, emphasis, code, tables) anywhere, and those that
// open a block (heading, list, quote, setext underline) at its start,
// which is the start of a line or of a list item's content.
func mdText(s string) string {
	s = strings.TrimLeft(flat(s), " ")
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		case '\\', '`', '*', '[', ']', '<', '>', '&', '|', '~', '#':
			// '#' anywhere: a title ending in " #" would lose it as the
			// closing sequence of its heading (found by fuzzing).
			b.WriteByte('\\')
		case '_':
			// An underscore between letters or digits never opens or
			// closes emphasis (file names: 000_5025…txt stay as they are).
			prev, _ := utf8.DecodeLastRuneInString(s[:i])
			next, _ := utf8.DecodeRuneInString(s[i+1:])
			if !alnum(prev) || !alnum(next) {
				b.WriteByte('\\')
			}
		case '-', '+', '=':
			if i == 0 {
				b.WriteByte('\\')
			}
		case '.', ')':
			// "12. " or "3) " at the start would be an ordered list.
			if i > 0 && allDigits(s[:i]) {
				b.WriteByte('\\')
			}
		}
		b.WriteByte(c)
	}
	return b.String()
}

// mdParagraphs escapes text that may span several lines: each line as
// mdText, blank lines kept (they separate paragraphs).
func mdParagraphs(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	for i, l := range lines {
		lines[i] = mdText(l)
	}
	return strings.Join(lines, "\n")
}

// mdCode puts one line of text in a code span: delimited by one backtick
// more than the longest run it holds, padded with spaces when it starts or
// ends with a backtick, so that nothing in it can close the span.
func mdCode(s string) string {
	s = flat(s)
	longest, run := 0, 0
	for i := 0; i < len(s); i++ {
		if s[i] == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	fence := strings.Repeat("`", longest+1)
	if s == "" || strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") || strings.Trim(s, " ") == "" {
		s = " " + s + " "
	}
	return fence + s + fence
}

func alnum(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// Text renders the session for a terminal, without Markdown markup. Its
// text is inert already: knowledge since it was loaded, the typed value
// since Input.
func (rd Renderer) Text(k *kb.KB, s *Session) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s  [%s]\n", s.Tree.Title, s.Tree.ID)
	if s.Tree.IsTeam() {
		fmt.Fprintf(&b, "%s\n", flat(s.Tree.Citation()))
	}
	b.WriteString("\n")
	for i, st := range s.steps {
		if st.Result != nil {
			fmt.Fprintf(&b, "%d. %s\n   saisi : %s\n   → %s\n", i+1, flat(st.Node.Text), st.Input, st.Result.Message)
			if st.Result.Fix != "" {
				fmt.Fprintf(&b, "   correction : %s\n", st.Result.Fix)
			}
			continue
		}
		fmt.Fprintf(&b, "%d. %s\n   → %s [%s]\n", i+1, flat(st.Node.Text), st.AnswerLabel(), st.AnswerID())
	}
	n := s.Current()
	if n == nil {
		return b.String()
	}
	if len(s.steps) > 0 {
		b.WriteString("\n")
	}
	if n.Kind != kb.KindConclusion {
		fmt.Fprintf(&b, "Question en attente : %s\n", flat(n.Text))
		if n.Help != "" {
			fmt.Fprintf(&b, "  (%s)\n", flat(n.Help))
		}
		for _, o := range n.Options {
			fmt.Fprintf(&b, "  %-16s %s\n", o.ID, o.Label)
		}
		if n.Kind == kb.KindCheck {
			fmt.Fprintf(&b, "  (vérification %s : donnez la valeur avec --input)\n", n.Check)
		}
		return b.String()
	}
	fmt.Fprintf(&b, "Conclusion : %s\n%s\n", n.VerdictText(), strings.TrimSpace(n.Text))
	if len(n.Steps) > 0 {
		b.WriteString("\nÀ faire :\n")
		for i, st := range n.Steps {
			fmt.Fprintf(&b, "  %d. %s\n", i+1, flat(st))
		}
	}
	if l := rd.EscalationLine(n); l != "" {
		fmt.Fprintf(&b, "\n%s : %s\n", EscalationHeading, l)
	}
	b.WriteString("\n" + citedHeading(k, n) + " :\n")
	for _, id := range n.Entries {
		if e := k.Entry(id); e != nil {
			fmt.Fprintf(&b, "  - %s (%s)%s\n", e.Title, e.ID, lostLinkNote(e))
			fmt.Fprintf(&b, "      %s\n", flat(e.Citation()))
		}
	}
	return b.String()
}

// lostLinkNote flags a cited entry whose source lost a link or an image.
func lostLinkNote(e *kb.Entry) string {
	if e.HasLostLink() {
		return " " + kb.LostLinkMarker
	}
	return ""
}

// citedHeading heads the answers a conclusion cites: « Réponses
// officielles citées », or « Réponses citées » when one of them is a
// team's own (each then says its origin).
func citedHeading(k *kb.KB, n *kb.Node) string {
	for _, id := range n.Entries {
		if e := k.Entry(id); e != nil && e.IsTeam() {
			return "Réponses citées"
		}
	}
	return "Réponses officielles citées"
}

// flat puts a text that may span lines on one line of the output.
func flat(s string) string { return strings.NewReplacer("\n", " ", "\t", " ").Replace(s) }
