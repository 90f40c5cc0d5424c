package tui

import (
	"errors"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"ecps-assist/diagnose"
	"ecps-assist/kb"
	"ecps-assist/kb/search"
)

// Minimum terminal size; below it the UI asks for a bigger terminal.
const (
	minWidth  = 40
	minHeight = 12
)

const tooSmallMsg = "Agrandissez le terminal (40×12 minimum)"

// screen is one screen of the UI. Screens are pointers owned by the root
// model's stack; the top one receives the input.
type screen interface {
	// update handles a key, mouse or screen-specific message.
	update(msg tea.Msg) tea.Cmd
	// view renders the body: at most h lines, each at most w cells wide.
	view(w, h int) []string
	// title is shown in the header.
	title() string
	// setKeys enables the bindings that work now (all are disabled before).
	setKeys(k *KeyMap)
	// typing reports whether a text field has the focus (q and ? are text).
	typing() bool
}

// statusKind selects the style of the status line.
type statusKind int

const (
	statusInfo statusKind = iota
	statusOK
	statusWarn
	statusErr
)

// common is the state shared by every screen, passed by pointer.
type common struct {
	kb     *kb.KB
	ix     *search.Index
	st     *Styles
	keys   *KeyMap
	width  int
	height int
	trees  []*kb.Tree        // by product, then catalog order
	warn   string            // Options.Warn, inert
	render diagnose.Renderer // transcripts and conclusions, with Options.Escalation

	now       func() time.Time
	clipboard io.Writer          // where OSC 52 goes (the terminal)
	sysClip   func(string) error // the system clipboard
	getenv    func(string) string
	exportDir string // "": config.Config{}.ExportDir(getenv) at export

	// reply is the template of the « Réponse au client » (configuration).
	reply diagnose.ReplyTemplate

	// ticketIDs are the identifiers the triaged ticket quotes: a check
	// node of a tree opened afterwards offers the first one of its kind.
	ticketIDs carried

	jr *jstate // the journal (tui/journal.go)

	stack      []screen
	status     string
	statusKind statusKind
}

func (c *common) top() screen { return c.stack[len(c.stack)-1] }

// push opens a screen on top of the current one.
func (c *common) push(s screen) {
	c.stack = append(c.stack, s)
	c.status = ""
}

// pop closes the current screen; the home screen is never closed.
func (c *common) pop() {
	if len(c.stack) > 1 {
		c.stack = c.stack[:len(c.stack)-1]
	}
	c.status = ""
	c.leftReply()
}

// home returns to the home screen.
func (c *common) home() {
	c.stack = c.stack[:1]
	c.status = ""
	c.leftReply()
}

// leftReply forgets the correspondent's name once back home: the next
// diagnosis is for someone else, and must not greet them by this name.
func (c *common) leftReply() {
	if len(c.stack) == 1 {
		c.reply.Name = ""
	}
}

func (c *common) setStatus(k statusKind, s string) {
	c.statusKind = k
	// A status quotes what the screen could not help (an error of the
	// system, a file name, a journal's problem): the one place where it
	// is made inert.
	c.status = kb.Inert(s)
}

// Model is the root model: it routes input to the current screen, owns the
// help toggle and the frame (header, body, status, footer).
type Model struct {
	*common
	help      help.Model
	showHelp  bool
	helpOff   scroller
	helpLines []string
	frame     string
	quitting  bool

	footKey, footVal string // the last footer and what it was made of

	// picked: the last key was a digit (or its AZERTY key) that acted
	// (opened, answered), at pickedAt: an Enter right after it, within
	// gestureWindow, ends the same gesture ("4 then Enter"); it is no
	// choice on the new screen. An Enter typed after reading that screen
	// (later) acts.
	picked   bool
	pickedAt time.Time
	keyClock func() time.Time // when a key is handled (time.Now)
}

// gestureWindow: an Enter this soon after a digit that acted belongs to
// the digit's gesture. Typing "4⏎" as one gesture takes 100–300 ms;
// reading the next screen before pressing Enter takes longer.
const gestureWindow = 500 * time.Millisecond

// newModel builds the root model. It does no terminal I/O.
func newModel(o Options, st *Styles) *Model {
	c := &common{
		kb:        o.KB,
		ix:        newIndex(o.KB),
		st:        st,
		keys:      newKeyMap(),
		trees:     o.KB.SortedTrees(),
		warn:      kb.InertLine(o.Warn), // text from the CLI: sanitised as it enters
		render:    diagnose.Renderer{Escalation: o.Escalation},
		exportDir: o.ExportDir,
		now:       time.Now,
		clipboard: os.Stdout,
		sysClip:   systemClipboard,
		getenv:    os.Getenv,
		reply:     o.Reply,
		jr:        newJState(o.Journal, o.Resume),
	}
	h := help.New()
	h.Styles = st.Help
	h.ShortSeparator = " · "
	h.FullSeparator = "  " // three columns of keys fit in 80 cells
	m := &Model{common: c, help: h, keyClock: time.Now}
	c.stack = []screen{newHome(c)}
	switch {
	case o.Ticket != "":
		// The ticket enters here: made inert once (CRLF line ends first
		// made plain newlines), for the screen and the identifiers alike.
		c.push(newTriage(c, kb.Inert(strings.ReplaceAll(o.Ticket, "\r\n", "\n"))))
	case o.TreeID != "":
		if t := o.KB.Tree(o.TreeID); t != nil {
			c.push(newTreeScreen(c, t, carried{}))
		} else {
			c.setStatus(statusErr, "Arbre inconnu : "+o.TreeID)
		}
	}
	if c.warn != "" && c.status == "" && len(c.stack) > 1 { // home shows it
		c.setStatus(statusWarn, "⚠ "+c.warn)
	}
	m.refresh()
	return m
}

// newIndex builds the search index once, before the UI starts.
func newIndex(k *kb.KB) *search.Index {
	return search.NewIndex(k)
}

// Init implements tea.Model.
func (m *Model) Init() tea.Cmd { return m.journalInit() }

// Update implements tea.Model. It does no I/O: exports and the clipboard
// run in commands.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if cmd, ok := m.journalMsg(msg); ok {
		m.refresh()
		return m, cmd
	}
	model, cmd := m.update(msg)
	return model, tea.Batch(cmd, m.journalHook()) // record what changed
}

func (m *Model) update(msg tea.Msg) (tea.Model, tea.Cmd) {
	// Keys typed quickly (or sent by a script) can arrive as one message
	// with several runes ("11"): handle them one by one, as typed, so that
	// each is a key press of the screen current at that moment.
	// Newlines in such a burst are never Enter (see pastedNewlines).
	if km, ok := msg.(tea.KeyMsg); ok && km.Type == tea.KeyRunes && len(km.Runes) > 1 && !km.Paste {
		var cmds []tea.Cmd
		for _, r := range km.Runes {
			one := km
			one.Runes = []rune{r}
			if r == '\n' || r == '\r' {
				one.Runes = []rune{' '}
			}
			cmds = append(cmds, m.handleKey(one))
			m.refresh() // key bindings follow the state
		}
		return m, tea.Batch(cmds...)
	}
	if km, ok := msg.(tea.KeyMsg); ok {
		cmd := m.handleKey(km)
		m.refresh()
		return m, cmd
	}
	cmd := m.handle(msg)
	m.refresh()
	return m, cmd
}

// handleKey handles one key: a paste is text (its newlines are spaces);
// an Enter right after a digit that acted is dropped (one gesture, one
// action); a digit that changes the screen arms that rule.
func (m *Model) handleKey(km tea.KeyMsg) tea.Cmd {
	if km.Paste {
		km.Runes = []rune(pastedNewlines.Replace(string(km.Runes)))
	}
	now := m.keyClock()
	picked := m.picked && now.Sub(m.pickedAt) < gestureWindow
	m.picked = false
	if picked && km.Type == tea.KeyEnter {
		m.setStatus(statusInfo, "Entrée ignorée : le chiffre tapé juste avant a déjà choisi.")
		return nil
	}
	isPick := !m.showHelp && !m.tooSmall() && (key.Matches(km, m.keys.Pick) || key.Matches(km, m.keys.AltPick))
	before := m.stateKey()
	cmd := m.handle(km)
	if isPick && m.stateKey() != before {
		m.picked, m.pickedAt = true, now
	}
	return cmd
}

// pastedNewlines turns the line breaks and tabs of pasted text into
// spaces: a paste is text for a field, never a series of Enter.
var pastedNewlines = strings.NewReplacer("\r\n", " ", "\r", " ", "\n", " ", "\t", " ")

// stateKey identifies what the UI shows, beyond the selection: the screen,
// the node of a tree walk, the level of browsing. A digit that changes it
// has acted.
func (m *Model) stateKey() string {
	var b strings.Builder
	b.WriteString(strconv.Itoa(len(m.stack)))
	switch s := m.top().(type) {
	case *treeScreen:
		b.WriteString("t" + strconv.Itoa(s.sess.Depth()))
		if s.mode == modeCrumbs {
			b.WriteString("c")
		}
	case *browseScreen:
		b.WriteString("b" + strconv.Itoa(s.level))
	}
	return b.String()
}

func (m *Model) tooSmall() bool { return m.width < minWidth || m.height < minHeight }

func (m *Model) handle(msg tea.Msg) tea.Cmd {
	k := m.keys
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		return nil
	case tea.KeyMsg:
		if key.Matches(msg, k.ForceQuit) {
			m.quitting = true
			return tea.Quit
		}
		if key.Matches(msg, k.Suspend) {
			return suspend
		}
		if m.tooSmall() {
			if key.Matches(msg, k.Quit) {
				m.quitting = true
				return tea.Quit
			}
			return nil
		}
		if m.showHelp {
			switch {
			case key.Matches(msg, k.Quit):
				m.quitting = true
				return tea.Quit
			case key.Matches(msg, k.Help):
				m.showHelp = false
			case key.Matches(msg, k.Up):
				m.helpOff.offset--
			case key.Matches(msg, k.Down):
				m.helpOff.offset++
			case key.Matches(msg, k.PageUp):
				m.helpOff.offset -= max(m.height/2, 1)
			case key.Matches(msg, k.PageDown):
				m.helpOff.offset += max(m.height/2, 1)
			case key.Matches(msg, k.Top):
				m.helpOff.offset = 0
			case key.Matches(msg, k.Bottom):
				m.helpOff.offset = len(m.helpLines)
			}
			return nil
		}
		if key.Matches(msg, k.Help) { // F1 anywhere, ? outside a field
			m.showHelp = true
			m.helpOff = scroller{}
			return nil
		}
		if !m.top().typing() && key.Matches(msg, k.Quit) {
			m.quitting = true
			return tea.Quit
		}
		return m.top().update(msg)
	case tea.MouseMsg:
		if m.tooSmall() {
			return nil
		}
		if m.showHelp {
			switch msg.Button {
			case tea.MouseButtonWheelUp:
				m.helpOff.offset--
			case tea.MouseButtonWheelDown:
				m.helpOff.offset++
			}
			return nil
		}
		return m.top().update(msg)
	case exportDoneMsg:
		if msg.err != nil {
			why := msg.err.Error()
			var ee *diagnose.ExportError
			if errors.As(msg.err, &ee) {
				why = ee.French()
			}
			m.setStatus(statusErr, "Export impossible : "+why+" — la transcription est conservée : e pour réessayer, m pour la copier.")
		} else {
			msg.from.saved = true
			m.setStatus(statusOK, "Transcription enregistrée :\n"+msg.path)
		}
		return nil
	case clipDoneMsg:
		kind, text := clipStatus(msg)
		if kind == statusOK && msg.from != nil {
			msg.from.saved = true
		}
		m.setStatus(kind, text)
		return nil
	}
	return m.top().update(msg)
}

// View implements tea.Model. The frame is rendered in Update (refresh), so
// View only returns it.
func (m *Model) View() string {
	if m.quitting {
		return ""
	}
	return m.frame
}

// refresh sets the enabled key bindings and renders the frame.
func (m *Model) refresh() {
	k := m.keys
	k.reset()
	if m.width == 0 || m.height == 0 {
		m.frame = ""
		return
	}
	if m.tooSmall() {
		enable(&k.Quit, "")
		m.frame = m.renderTooSmall()
		return
	}
	m.top().setKeys(k)
	if !m.top().typing() {
		k.helpAnywhere()
		enable(&k.Quit, "")
	}
	if m.showHelp {
		// The full help lists the keys of the screen under it; then only
		// the keys of the help itself stay enabled.
		m.helpLines = m.helpView(m.width)
		k.reset()
		k.scrollKeys("défiler")
		k.Help.SetKeys("?", "esc", "f1")
		k.Help.SetHelp("?/échap", "fermer l'aide")
		enable(&k.Help, "")
		enable(&k.Quit, "")
	}
	m.frame = m.render()
}

func (m *Model) renderTooSmall() string {
	w := max(m.width, 1)
	lines := wrap(tooSmallMsg, w)
	if m.height <= 0 {
		return ""
	}
	if len(lines) > m.height {
		lines = lines[:m.height]
	}
	top := (m.height - len(lines)) / 2
	var b strings.Builder
	for i := 0; i < m.height; i++ {
		if i > 0 {
			b.WriteByte('\n')
		}
		if j := i - top; j >= 0 && j < len(lines) {
			l := lines[j]
			pad := (w - ansi.StringWidth(l)) / 2
			b.WriteString(strings.Repeat(" ", max(pad, 0)))
			b.WriteString(m.st.Warn.Render(l))
		}
	}
	return b.String()
}

func (m *Model) render() string {
	w, h := m.width, m.height
	st := m.st

	// Status: up to 3 wrapped lines.
	var status []string
	if m.status != "" {
		sty := st.Dim
		switch m.statusKind {
		case statusOK:
			sty = st.Success
		case statusWarn:
			sty = st.Warn
		case statusErr:
			sty = st.Error
		}
		for _, l := range wrapLimit(m.status, w, 3) {
			status = append(status, sty.Render(l))
		}
	}
	footer := m.footer(w)
	bodyH := h - 2 - len(status)

	var body []string
	var sc *scroller
	title := m.top().title()
	if m.showHelp {
		title = "Aide"
		body = m.helpOff.window(m.helpLines, bodyH, -1, -1)
		sc = &m.helpOff
	} else {
		body = m.top().view(w, bodyH)
		if s, ok := m.top().(interface{ scroll() *scroller }); ok {
			sc = s.scroll()
		}
	}

	// Header: app name, screen title, scroll hints on the right.
	hint := ""
	if sc != nil {
		switch {
		case sc.above && sc.below:
			hint = "↑↓"
		case sc.above:
			hint = "↑"
		case sc.below:
			hint = "↓"
		}
	}
	head := st.AppTitle.Render("ecps-assist")
	if title != "" {
		if w < 60 {
			head = "" // narrow: the screen title only
		} else {
			head += st.Faint.Render(" · ")
		}
		head += st.ScreenTit.Render(title)
	}
	room := w
	if hint != "" {
		room = w - ansi.StringWidth(hint) - 1
	}
	head = ansi.Truncate(head, room, "…")
	if hint != "" {
		head += strings.Repeat(" ", max(0, w-ansi.StringWidth(head)-ansi.StringWidth(hint))) + st.Faint.Render(hint)
	}

	var b strings.Builder
	b.Grow(w * h * 2)
	b.WriteString(head)
	n := 0
	for _, l := range body {
		if n == bodyH {
			break
		}
		b.WriteByte('\n')
		b.WriteString(l)
		n++
	}
	for ; n < bodyH; n++ {
		b.WriteByte('\n')
	}
	for _, l := range status {
		b.WriteByte('\n')
		b.WriteString(l)
	}
	b.WriteByte('\n')
	b.WriteString(footer)
	return b.String()
}

// footer is the short help: as many of the screen's keys as fit, then
// "? aide" and "q quitter" (or "ctrl+c quitter" while typing).
func (m *Model) footer(w int) string {
	m.help.Width = 0
	m.keys.narrow = w < 60
	main, tail := m.keys.ShortHelp(), m.keys.tailHelp()
	// The footer only changes with the keys, the width and the colour
	// profile: most messages leave it as it was.
	var sig strings.Builder
	sig.WriteString(strconv.Itoa(w) + "\x00" + strconv.Itoa(int(lipgloss.ColorProfile())))
	for _, b := range append(main[:len(main):len(main)], tail...) {
		h := b.Help()
		sig.WriteString("\x00" + h.Key + "\x01" + h.Desc)
	}
	if sig.String() == m.footKey {
		return m.footVal
	}
	m.footKey = sig.String()
	n := len(main)
	s := m.help.ShortHelpView(append(main[:n:n], tail...))
	for n > 0 && ansi.StringWidth(s) > w {
		n--
		s = m.help.ShortHelpView(append(main[:n:n], tail...))
	}
	m.footVal = ansi.Truncate(s, w, "…")
	return m.footVal
}

// helpView renders the full help generated from the key map: the groups
// side by side when they fit, else one under the other.
func (m *Model) helpView(w int) []string {
	hm := m.help
	hm.Width = 0
	groups := m.keys.FullHelp()
	full := hm.FullHelpView(groups)
	if lipgloss.Width(full) > w {
		var parts []string
		for _, g := range groups {
			if s := hm.FullHelpView([][]key.Binding{g}); s != "" {
				parts = append(parts, s)
			}
		}
		full = strings.Join(parts, "\n\n")
	}
	lines := []string{m.st.Heading.Render("Touches de cet écran"), ""}
	for _, l := range strings.Split(full, "\n") {
		lines = append(lines, ansi.Truncate(l, w, "…"))
	}
	lines = append(lines, "")
	for _, l := range wrap("Choisir : "+pickHelp+", 0 (ou à) pour le 10e : pas besoin de Maj. F1 ouvre l'aide partout. Ctrl+C quitte toujours ; Ctrl+Z suspend (fg pour revenir). q et ? sont du texte quand un champ de saisie a le focus (Échap pour en sortir).", w) {
		lines = append(lines, m.st.Dim.Render(l))
	}
	return lines
}
