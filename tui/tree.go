package tui

import (
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"ecps-assist/diagnose"
	"ecps-assist/journal"
	"ecps-assist/kb"
)

// treeScreen walks a decision tree: breadcrumbs of the answers so far, the
// question with its numbered options, a check node's text field and
// verdict, and the conclusion with its cited answers, export and copy.
type treeScreen struct {
	c    *common
	sess *diagnose.Session

	sel    int // selected option, or cited answer at the conclusion
	sc     scroller
	follow bool

	mode treeMode

	input     textinput.Model
	prefilled string  // the value offered from carry, while unchanged
	carry     carried // identifiers a check node offers (from the ticket or the search)

	crumbLs list

	saved bool // the transcript was exported or copied

	reply       *diagnose.Reply // the reply of the conclusion, built once
	replyFor    diagnose.ReplyTemplate
	previewLine int // first line of the reply preview
	// The journal (tui/journal.go, tui/treejournal.go).
	rec          *journal.Recorder
	leftAt       time.Time
	fb           feedback
	note, ticket lineField
}

// treeMode is what the keys of the tree screen act on.
type treeMode int

const (
	modeNodes   treeMode = iota // the node: options, cited answers, scrolling
	modeInput                   // the check node's identifier field
	modeConfirm                 // asking whether to leave the tree
	modeCrumbs                  // choosing the earlier answer to change
	modeRestart                 // asking whether to clear the answers (r)
)

func newTreeScreen(c *common, t *kb.Tree, carry carried) *treeScreen {
	s := &treeScreen{c: c, sess: diagnose.Start(t), carry: carry}
	s.input = newTextInput(c.st, "Identifiant › ", "tel que saisi", 256)
	s.entered()
	return s
}

// entered resets the per-node state when the current node changes.
func (s *treeScreen) entered() {
	s.sel = 0
	s.sc.offset = 0
	s.mode = modeNodes
	s.saved = false
	s.reply = nil
	s.fb = feedback{}
	n := s.sess.Current()
	// Questions keep their options in view; a conclusion shows its top.
	s.follow = n != nil && n.Kind != kb.KindConclusion
	s.prefilled = ""
	if n != nil && n.Kind == kb.KindCheck {
		s.input.Reset()
		if v := s.ticketValue(n); v != "" {
			s.input.SetValue(v)
			s.input.CursorEnd()
			s.prefilled = v
		}
		s.input.Focus()
		s.mode = modeInput
	} else {
		s.input.Blur()
	}
}

// ticketValue is the first carried identifier (from the ticket or the
// search) that suits the check node n (its kind, or any for an auto
// check), inert, or "".
func (s *treeScreen) ticketValue(n *kb.Node) string {
	want, err := diagnose.ParseIDKind(n.Check)
	for _, r := range s.carry.ids {
		if r.Problem != diagnose.ProblemPhone && (err != nil || r.CheckedBy(want)) {
			return r.Input
		}
	}
	return ""
}

func (s *treeScreen) title() string {
	if s.sess.Done() {
		return "Conclusion · " + s.sess.Tree.Title
	}
	return "Diagnostic · " + s.sess.Tree.Title
}

func (s *treeScreen) typing() bool {
	return s.mode == modeInput || s.mode != modeConfirm && s.mode != modeRestart && s.editing() != nil
}
func (s *treeScreen) scroll() *scroller { return &s.sc }
func (s *treeScreen) node() *kb.Node    { return s.sess.Current() }
func (s *treeScreen) lastStep() *diagnose.Step {
	p := s.sess.Path()
	if len(p) == 0 {
		return nil
	}
	return &p[len(p)-1]
}

func (s *treeScreen) setKeys(k *KeyMap) {
	depth := s.sess.Depth()
	switch s.mode {
	case modeConfirm:
		enable(&k.Yes, "quitter l'arbre")
		enable(&k.No, "continuer")
		return
	case modeRestart:
		enable(&k.Yes, "recommencer")
		enable(&k.No, "garder les réponses")
		return
	case modeCrumbs:
		k.scrollKeys("")
		enable(&k.Pick, "revenir")
		enable(&k.Open, "revenir")
		k.Leave.SetKeys("esc", "b")
		enable(&k.Leave, "annuler")
		return
	}
	switch {
	case s.journalKeys(k):
		return
	case s.mode == modeInput:
		enable(&k.Open, "vérifier")
		enable(&k.Leave, "quitter le champ")
		return
	}
	n := s.node()
	switch {
	case n == nil:
	case n.Kind == kb.KindQuestion:
		enable(&k.Up, "")
		enable(&k.Down, "")
		enable(&k.Pick, "répondre")
		enable(&k.Open, "répondre")
	case n.Kind == kb.KindCheck:
		enable(&k.Edit, "saisir l'identifiant")
		k.Edit.SetKeys("i", "tab", "enter")
	case n.Kind == kb.KindConclusion:
		if len(n.Entries) > 0 {
			enable(&k.Up, "")
			enable(&k.Down, "")
			enable(&k.Pick, "ouvrir")
			enable(&k.Open, "ouvrir")
		}
		enable(&k.Export, "")
		enable(&k.Copy, "")
		enable(&k.Preview, "")
		enable(&k.ReplyName, "")
		enable(&k.CopyTranscript, "")
		if len(n.Entries) > 0 {
			enable(&k.CopyOfficial, "")
		}
	}
	enable(&k.PageUp, "")
	enable(&k.PageDown, "")
	enable(&k.Top, "")
	enable(&k.Bottom, "")
	if depth > 0 {
		enable(&k.Back, "précédente")
		enable(&k.Crumbs, "")
		enable(&k.Restart, "")
	}
	enable(&k.Leave, "quitter l'arbre")
}

func (s *treeScreen) update(msg tea.Msg) tea.Cmd {
	k := s.c.keys
	switch msg := msg.(type) {
	case tea.MouseMsg:
		s.wheel(msg)
		return nil
	case tea.KeyMsg:
		switch s.mode {
		case modeConfirm:
			switch {
			case key.Matches(msg, k.Yes):
				s.c.pop()
			case key.Matches(msg, k.No):
				s.mode = modeNodes
				s.c.status = ""
			}
			return nil
		case modeRestart:
			switch {
			case key.Matches(msg, k.Yes):
				s.mode = modeNodes
				s.sess.Restart()
				s.entered()
				s.c.setStatus(statusInfo, "Diagnostic recommencé.")
			case key.Matches(msg, k.No):
				s.mode = modeNodes
				s.c.status = ""
			}
			return nil
		case modeCrumbs:
			return s.updateCrumbs(msg)
		}
		if s.editing() != nil || s.mode != modeInput {
			if cmd, ok := s.journalUpdate(msg); ok {
				return cmd
			}
		}
		if s.mode == modeInput {
			return s.updateInput(msg)
		}
		return s.updateKey(msg)
	}
	return nil
}

func (s *treeScreen) wheel(msg tea.MouseMsg) {
	d := 0
	switch msg.Button {
	case tea.MouseButtonWheelUp:
		d = -1
	case tea.MouseButtonWheelDown:
		d = 1
	default:
		return
	}
	if s.mode == modeCrumbs {
		s.crumbLs.move(d)
		return
	}
	if n := s.node(); n != nil && n.Kind == kb.KindQuestion {
		s.moveSel(d, len(n.Options))
		return
	}
	s.sc.offset += d
	s.follow = false
}

func (s *treeScreen) moveSel(d, n int) {
	if n == 0 {
		return
	}
	s.sel = min(max(s.sel+d, 0), n-1)
	s.follow = true
}

func (s *treeScreen) updateKey(msg tea.KeyMsg) tea.Cmd {
	k := s.c.keys
	n := s.node()
	if n == nil {
		return nil
	}
	count := len(n.Options)
	if n.Kind == kb.KindConclusion {
		count = len(n.Entries)
	}
	switch {
	case key.Matches(msg, k.Pick):
		i := digit(msg.String())
		if i < count {
			s.sel = i
			s.activate()
		}
	case key.Matches(msg, k.Open):
		s.activate()
	case key.Matches(msg, k.Edit):
		s.mode = modeInput
		s.input.Focus()
	case key.Matches(msg, k.Up):
		// At the conclusion, past the first cited answer the arrows scroll.
		if n.Kind == kb.KindConclusion && s.sel == 0 {
			s.sc.offset--
			s.follow = false
		} else {
			s.moveSel(-1, count)
		}
	case key.Matches(msg, k.Down):
		if n.Kind == kb.KindConclusion && s.sel >= count-1 {
			s.sc.offset++
			s.follow = false
		} else {
			s.moveSel(1, count)
		}
	case key.Matches(msg, k.PageUp):
		s.sc.offset -= max(s.c.height/2, 1)
		s.follow = false
	case key.Matches(msg, k.PageDown):
		s.sc.offset += max(s.c.height/2, 1)
		s.follow = false
	case key.Matches(msg, k.Top):
		s.sc.offset = 0
		s.follow = false
		if n.Kind == kb.KindQuestion {
			s.moveSel(-count, count)
		}
	case key.Matches(msg, k.Bottom):
		s.sc.offset = 1 << 30 // clamped by the window
		s.follow = false
		if n.Kind == kb.KindQuestion {
			s.moveSel(count, count)
		}
	case key.Matches(msg, k.Back):
		s.back()
	case key.Matches(msg, k.Restart):
		// answers are cleared only once confirmed, as leaving asks first
		if n := s.sess.Depth(); n > 0 {
			s.mode = modeRestart
			what := "La réponse donnée sera effacée"
			if n > 1 {
				what = "Les " + strconv.Itoa(n) + " réponses données seront effacées"
			}
			s.c.setStatus(statusWarn, "Recommencer ce diagnostic ? "+what+". (o : oui, n : non)")
		}
	case key.Matches(msg, k.Crumbs):
		s.openCrumbs()
	case key.Matches(msg, k.Export):
		return s.export()
	case key.Matches(msg, k.Copy):
		return s.c.copyReply(s.replyNow(), s)
	case key.Matches(msg, k.CopyOfficial):
		if s.sel < len(n.Entries) {
			if e := s.c.kb.Entry(n.Entries[s.sel]); e != nil {
				return s.c.copyOfficial(diagnose.AnswerText(e), s)
			}
		}
	case key.Matches(msg, k.CopyTranscript):
		return s.copyTranscript()
	case key.Matches(msg, k.Preview):
		s.sc.offset = s.previewLine
		s.follow = false
	case key.Matches(msg, k.ReplyName):
		s.c.push(newNameScreen(s.c))
	case key.Matches(msg, k.Leave):
		// A concluded diagnosis that is exported, copied or in the
		// journal loses nothing: no question (whose o and n are the
		// vote's keys too).
		if s.sess.Depth() > 0 && !(s.sess.Done() && (s.saved || s.journalOn())) {
			s.mode = modeConfirm
			msg := "Quitter ce diagnostic ? Les réponses données seront perdues. (o : oui, n : non)"
			if s.journalOn() {
				msg = "Quitter ce diagnostic ? Il reste au journal (historique du jour). (o : oui, n : non)"
			}
			s.c.setStatus(statusWarn, msg)
		} else {
			s.c.pop()
		}
	}
	return nil
}

// activate answers the selected option, or opens the selected cited answer.
func (s *treeScreen) activate() {
	n := s.node()
	switch n.Kind {
	case kb.KindQuestion:
		if err := s.sess.Choose(s.sel); err != nil {
			s.c.setStatus(statusErr, "Erreur de l'arbre : "+err.Error())
			return
		}
		s.c.status = ""
		s.entered()
	case kb.KindConclusion:
		if s.sel < len(n.Entries) {
			if e := s.c.kb.Entry(n.Entries[s.sel]); e != nil {
				s.c.push(newAnswer(s.c, e))
			}
		}
	}
}

// back undoes the last answer, showing it selected (or typed) again.
func (s *treeScreen) back() {
	last := s.lastStep()
	if last == nil || !s.sess.Back() {
		return
	}
	s.restore(*last)
	s.c.status = ""
}

// restore shows the answer of a step that was undone.
func (s *treeScreen) restore(st diagnose.Step) {
	s.entered()
	if st.Option != nil {
		for i := range st.Node.Options {
			if st.Node.Options[i].ID == st.Option.ID {
				s.sel = i
			}
		}
		s.follow = true
	}
	if st.Node.Kind == kb.KindCheck {
		s.input.SetValue(st.Input)
		s.input.CursorEnd()
	}
}

func (s *treeScreen) updateInput(msg tea.KeyMsg) tea.Cmd {
	k := s.c.keys
	switch {
	case key.Matches(msg, k.Open):
		value := s.input.Value()
		if _, err := s.sess.Input(value); err == diagnose.ErrEmptyInput {
			s.c.setStatus(statusWarn, "Rien n'a été saisi : tapez l'identifiant, puis Entrée.")
			return nil
		} else if err != nil {
			s.c.setStatus(statusErr, "Erreur de l'arbre : "+err.Error())
			return nil
		}
		s.c.status = ""
		s.entered()
		return nil
	case key.Matches(msg, k.Leave):
		s.mode = modeNodes
		s.input.Blur()
		return nil
	}
	var cmd tea.Cmd
	s.input, cmd = inputUpdate(s.input, msg)
	return cmd
}

func (s *treeScreen) openCrumbs() {
	path := s.sess.Path()
	if len(path) == 0 {
		return
	}
	items := make([]item, len(path))
	for i, st := range path {
		items[i] = item{kind: itemOther, title: st.Node.Text, sub: "→ " + st.AnswerLabel(), index: i}
	}
	s.crumbLs.set(items)
	s.crumbLs.sel = len(items) - 1
	s.mode = modeCrumbs
}

func (s *treeScreen) updateCrumbs(msg tea.KeyMsg) tea.Cmd {
	k := s.c.keys
	switch {
	case s.crumbLs.navigate(msg, k):
	case key.Matches(msg, k.Pick):
		if s.crumbLs.pick(digit(msg.String())) {
			s.backTo(s.crumbLs.sel)
		}
	case key.Matches(msg, k.Open):
		s.backTo(s.crumbLs.sel)
	case key.Matches(msg, k.Leave):
		s.mode = modeNodes
	}
	return nil
}

// backTo returns to step i so that its answer can be changed.
func (s *treeScreen) backTo(i int) {
	path := s.sess.Path()
	if i < 0 || i >= len(path) || !s.sess.BackTo(i) {
		return
	}
	s.restore(path[i])
	s.c.setStatus(statusInfo, "Retour à l'étape "+strconv.Itoa(i+1)+" : choisissez une autre réponse.")
}

// --- rendering ---

// compactHeight: below this body height, the tree screen saves lines
// (one breadcrumb, help text cut, no hints).
const compactHeight = 16

func (s *treeScreen) view(w, h int) []string {
	w = min(w, readWidth) // readable lines on a wide terminal
	st := s.c.st
	if s.mode == modeCrumbs {
		lead := wrapStyled("Changer quelle réponse ? Les réponses suivantes seront effacées.", w, st.Dim)
		return s.crumbLs.render(st, lead, w, h, true)
	}
	compact := h < compactHeight
	var lines []string
	maxCrumbs := max(1, h/4)
	if compact {
		maxCrumbs = 1
	}
	lines = append(lines, s.crumbLines(w, maxCrumbs)...)
	if len(lines) > 0 {
		lines = append(lines, separator(st, w))
	}
	var check []string
	if last := s.lastStep(); last != nil && last.Result != nil {
		check = checkLines(st, last, w, compact)
	}
	n := s.node()
	from, to := -1, -1
	switch {
	case n == nil:
		lines = append(lines, st.Error.Render("Nœud introuvable."))
	case n.Kind == kb.KindConclusion:
		from, to = s.conclusionLines(&lines, n, check, w, compact)
	default:
		if len(check) > 0 {
			lines = append(lines, check...)
			lines = append(lines, "")
		}
		lines = append(lines, wrapStyled(n.Text, w, st.Question)...)
		if n.Help != "" {
			if compact {
				// two lines, or at a check node (no options below) what
				// the screen has room for above the field
				limit := 2
				if n.Kind == kb.KindCheck {
					after := 1 // the field
					if s.mode != modeInput || s.prefilled != "" {
						after++ // and the line under it
					}
					limit = max(2, h-len(lines)-after)
				}
				for _, l := range wrapLimit(n.Help, w, limit) {
					lines = append(lines, st.Dim.Render(l))
				}
			} else {
				lines = append(lines, wrapStyled(n.Help, w, st.Dim)...)
			}
		}
		if !compact {
			lines = append(lines, "")
		}
		if n.Kind == kb.KindCheck {
			from = len(lines)
			setFieldWidth(&s.input, w)
			if s.mode == modeInput {
				s.input.PromptStyle = st.Prompt
			} else {
				s.input.PromptStyle = st.Dim
			}
			lines = append(lines, line(s.input.View(), w))
			if s.mode != modeInput {
				lines = append(lines, line(st.Faint.Render("i ou Entrée : saisir l'identifiant"), w))
			} else if s.prefilled != "" && s.input.Value() == s.prefilled {
				lines = append(lines, line(st.Faint.Render(s.carry.from+" · Entrée : vérifier"), w))
			} else if !compact {
				lines = append(lines, line(st.Faint.Render("Entrée : vérifier · Échap : quitter le champ"), w))
			}
			to = len(lines) - 1
		} else {
			for i, o := range n.Options {
				if i == s.sel {
					from = len(lines)
				}
				lines = append(lines, s.optionLines(i, o.Label, w)...)
			}
			to = len(lines) - 1 // keep the options after the selection in view
		}
	}
	jl := s.journalLines(w)
	if s.sess.Done() && len(jl) > 0 && h > 4 {
		// At a conclusion « utile ? » stays in view under the scrolled
		// conclusion and its reply, as on the answer screen.
		if jl[0] == "" {
			jl = jl[1:]
		}
		jl = jl[:min(len(jl), max(2, h/4))]
		if !s.follow {
			from, to = -1, -1
		}
		return append(s.sc.window(lines, h-len(jl), from, to), jl...)
	}
	if len(jl) > 0 {
		lines = append(lines, jl...)
		if s.editing() != nil {
			from, to = len(lines)-1, len(lines)-1
		}
	}
	if !s.follow && s.editing() == nil {
		from, to = -1, -1
	}
	return s.sc.window(lines, h, from, to)
}

func (s *treeScreen) optionLines(i int, label string, w int) []string {
	st := s.c.st
	cursor := "  "
	body := lipgloss.NewStyle()
	if i == s.sel {
		cursor = st.Cursor.Render("›") + " "
		body = st.Selected
	}
	return hang(cursor+st.Number.Render(num(i))+" ", label, w, body)
}

// crumbLines renders the answers so far, one line each, keeping the last
// max ones.
func (s *treeScreen) crumbLines(w, maxLines int) []string {
	st := s.c.st
	path := s.sess.Path()
	if len(path) == 0 {
		return nil
	}
	var out []string
	start := 0
	switch {
	case len(path) > maxLines && maxLines == 1:
		start = len(path) - 1 // the number tells there are more
	case len(path) > maxLines:
		start = len(path) - maxLines + 1
		out = append(out, line(st.Faint.Render("… "+plural(start, "réponse", "réponses")+" plus haut (b pour les voir)"), w))
	}
	for i := start; i < len(path); i++ {
		stp := path[i]
		ans := flat(stp.AnswerLabel())
		prefix := st.CrumbNum.Render(strconv.Itoa(i+1)) + " "
		room := w - ansi.StringWidth(strconv.Itoa(i+1)) - 1
		aw := min(ansi.StringWidth(ans), max(room/2, room-ansi.StringWidth(flat(stp.Node.Text))-3))
		ans = ansi.Truncate(ans, aw, "…")
		q := ansi.Truncate(flat(stp.Node.Text), max(room-aw-3, 1), "…")
		out = append(out, line(prefix+st.Crumb.Render(q)+st.Faint.Render(" → ")+ans, w))
	}
	return out
}

// checkLines renders the verdict of a check step; compact leaves out the
// heading (the breadcrumb shows the value typed).
func checkLines(st *Styles, step *diagnose.Step, w int, compact bool) []string {
	r := step.Result
	mark, sty := "✓ ", st.Valid
	if !r.Valid {
		mark, sty = "✗ ", st.Invalid
	}
	var out []string
	if compact {
		out = append(out, hang(sty.Render(mark), r.Message, w, sty)...)
	} else {
		head := "Vérification (" + r.KindLabel + ") de « " + step.Input + " » :"
		out = append(out, hang(sty.Render(mark), head, w, st.Dim)...)
		out = append(out, hang("  ", r.Message, w, sty)...)
	}
	if r.Fix != "" {
		out = append(out, hang("  ", "Correction : "+r.Fix, w, lipgloss.NewStyle())...)
	}
	for _, note := range r.Notes {
		out = append(out, hang("  ", "Note : "+note, w, st.Dim)...)
	}
	return out
}

// conclusionLines appends the conclusion and returns the line range of
// the selected cited answer.
func (s *treeScreen) conclusionLines(lines *[]string, n *kb.Node, check []string, w int, compact bool) (int, int) {
	st := s.c.st
	label := n.VerdictText()
	// the badge's padding takes a cell on each side
	*lines = append(*lines, wrapStyled(label, max(w-2, 1), st.verdictStyle(n.Verdict))...)
	*lines = append(*lines, wrapStyled(strings.TrimSpace(n.Text), w, st.Question)...)
	if len(check) > 0 {
		*lines = append(*lines, "")
		*lines = append(*lines, check...)
	}
	if len(n.Steps) > 0 {
		*lines = append(*lines, "", st.Heading.Render("À faire"))
		for i, stp := range n.Steps {
			*lines = append(*lines, hang(st.Number.Render(strconv.Itoa(i+1)+".")+" ", stp, w, lipgloss.NewStyle())...)
		}
	}
	if l := s.c.render.EscalationLine(n); l != "" {
		*lines = append(*lines, "")
		*lines = append(*lines, hang(st.Heading.Render(diagnose.EscalationHeading+" :")+" ", l, w, lipgloss.NewStyle())...)
	}
	from, to := -1, -1
	if len(n.Entries) > 0 {
		head := "Réponses officielles citées"
		for _, id := range n.Entries {
			if e := s.c.kb.Entry(id); e != nil && e.IsTeam() {
				head = "Réponses citées" // not all official: each says its origin
			}
		}
		*lines = append(*lines, "", st.Heading.Render(head))
		for i, id := range n.Entries {
			e := s.c.kb.Entry(id)
			title := id + " (introuvable)"
			if e != nil {
				title = e.Title
				if e.HasLostLink() {
					title += " " + kb.LostLinkMarker
				}
			}
			if i == s.sel {
				from = len(*lines)
			}
			*lines = append(*lines, s.optionLines(i, title, w)...)
			if e != nil && e.IsTeam() {
				*lines = append(*lines, hang("    ", "Origine : "+e.Citation(), w, st.Dim)...)
			} else if e != nil {
				for _, src := range e.Sources {
					*lines = append(*lines, hang("    ", "Source : "+src.Label(), w, st.Dim)...)
				}
			}
			if i == s.sel {
				to = len(*lines) - 1
			}
		}
	}
	*lines = append(*lines, "")
	s.previewLine = len(*lines)
	*lines = append(*lines, replyPreview(st, s.replyNow(), w)...)
	if !compact {
		*lines = append(*lines, "")
		*lines = append(*lines, wrapStyled("e : exporter en Markdown · m : copier la transcription", w, st.Faint)...)
	}
	return from, to
}

// replyNow is the reply of the session, built once per conclusion.
func (s *treeScreen) replyNow() diagnose.Reply {
	if s.reply == nil || s.replyFor != s.c.reply {
		r := diagnose.SessionReply(s.c.kb, s.sess, s.c.reply)
		s.reply, s.replyFor = &r, s.c.reply
	}
	return *s.reply
}
