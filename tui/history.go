package tui

import (
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"ecps-assist/diagnose"
	"ecps-assist/journal"
	"ecps-assist/kb"
)

// historyScreen lists today's diagnoses, newest first. Enter reopens one:
// an unfinished one is resumed at its last question, a concluded one is
// shown as a read-only transcript.
type historyScreen struct {
	c       *common
	list    list
	diags   []journal.Diagnosis
	loading bool
	asked   bool
	err     string
}

func newHistory(c *common) *historyScreen {
	return &historyScreen{c: c, loading: true}
}

func (h *historyScreen) title() string     { return "Historique du jour" }
func (h *historyScreen) typing() bool      { return false }
func (h *historyScreen) scroll() *scroller { return &h.list.sc }

// load is the command reading today's diagnoses (the root model's hook
// issues it once).
func (h *historyScreen) load() tea.Cmd {
	if h.asked || h.c.jr == nil || h.c.jr.j == nil {
		return nil
	}
	h.asked = true
	j, since := h.c.jr.j, midnight(h.c.now())
	return func() tea.Msg {
		list, err := j.List(journal.Filter{Since: since})
		return historyLoadedMsg{h: h, list: list, err: err}
	}
}

func (h *historyScreen) loaded(list []journal.Diagnosis, err error) {
	h.loading = false
	if err != nil {
		h.err = err.Error()
		if je, ok := err.(*journal.Error); ok {
			h.err = je.French()
		}
		return
	}
	h.diags = list
	items := make([]item, len(list))
	for i, d := range list {
		title := d.Tree
		if t := h.c.kb.Tree(d.Tree); t != nil {
			title = t.Title
		}
		sub := d.Started.Format("15:04") + " · n° " + strconv.Itoa(int(d.ID)) + " · " + stateLabel(d) + " · " +
			plural(len(d.Steps), "réponse", "réponses")
		if d.Helpful != nil {
			sub += map[bool]string{true: " · utile : oui", false: " · utile : non"}[*d.Helpful]
		}
		items[i] = item{kind: itemOther, title: title, sub: sub, index: i}
	}
	h.list.set(items)
}

func stateLabel(d journal.Diagnosis) string {
	switch d.State {
	case journal.StateConcluded:
		if v := kb.Verdicts[d.Verdict]; v != "" {
			return v
		}
		return "conclu"
	case journal.StateAbandoned:
		return "abandonné"
	}
	return "non terminé"
}

func (h *historyScreen) setKeys(k *KeyMap) {
	if len(h.list.items) > 0 {
		enable(&k.Up, "")
		enable(&k.Down, "")
		enable(&k.Pick, "ouvrir")
		enable(&k.Open, "ouvrir")
	}
	k.backFirst = true
	k.Back.SetKeys("left", "backspace", "esc")
	k.Back.SetHelp("←/échap", "retour")
	enable(&k.Back, "")
}

func (h *historyScreen) update(msg tea.Msg) tea.Cmd {
	k := h.c.keys
	switch msg := msg.(type) {
	case tea.MouseMsg:
		h.list.wheel(msg)
	case tea.KeyMsg:
		if h.list.navigate(msg, k) {
			return nil
		}
		switch {
		case key.Matches(msg, k.Pick):
			if h.list.pick(digit(msg.String())) {
				h.reopen()
			}
		case key.Matches(msg, k.Open):
			h.reopen()
		case key.Matches(msg, k.Back):
			h.c.pop()
		}
	}
	return nil
}

func (h *historyScreen) reopen() {
	it, ok := h.list.selected()
	if !ok || it.index >= len(h.diags) {
		return
	}
	d := h.diags[it.index]
	s, problem := resumedTree(h.c, d)
	if s == nil {
		h.c.setStatus(statusErr, "Impossible de rouvrir : "+problem)
		return
	}
	if d.State != journal.StateConcluded {
		h.c.push(s)
		if problem != "" {
			h.c.setStatus(statusWarn, "Repris en partie : "+problem)
		}
		return
	}
	h.c.push(newTranscript(h.c, d, s.sess))
}

func (h *historyScreen) view(w, hgt int) []string {
	st := h.c.st
	switch {
	case h.loading:
		return []string{st.Dim.Render("Chargement…")}
	case h.err != "":
		return wrapStyled("Journal indisponible : "+h.err, w, st.Warn)
	case len(h.list.items) == 0:
		return wrapStyled("Aucun diagnostic aujourd'hui.", w, st.Dim)
	}
	lead := wrapStyled("Entrée : reprendre un diagnostic non terminé, ou relire la transcription d'un diagnostic conclu.", w, st.Dim)
	return h.list.render(st, lead, w, hgt, true)
}

// transcriptScreen shows a concluded diagnosis, read-only.
// listMark returns the mark a line of a text transcript starts with
// (« 1. », « - », « → »), or "" (by hand: a regexp compiled at init
// would cost every start).
func listMark(s string) string {
	for _, m := range []string{"- ", "→ "} {
		if strings.HasPrefix(s, m) {
			return m
		}
	}
	i := 0
	for i < len(s) && '0' <= s[i] && s[i] <= '9' {
		i++
	}
	if i > 0 && strings.HasPrefix(s[i:], ". ") {
		return s[:i+2]
	}
	return ""
}

type transcriptScreen struct {
	c     *common
	d     journal.Diagnosis
	text  string
	sc    scroller
	lines []string
	w     int
}

func newTranscript(c *common, d journal.Diagnosis, sess *diagnose.Session) *transcriptScreen {
	// the text transcript: Markdown's marks (#, **, `) are for a ticket
	// system that renders them, not for the screen
	text := c.render.Text(c.kb, sess)
	var extra []string
	if d.Helpful != nil {
		extra = append(extra, feedbackQuestion+" "+map[bool]string{true: "oui", false: "non"}[*d.Helpful])
	}
	for _, kv := range [][2]string{{"Réf. ticket", d.Ticket}, {"Note", d.Note}, {"Commentaire", d.Comment}} {
		if kv[1] != "" {
			extra = append(extra, kv[0]+" : "+kv[1])
		}
	}
	if len(extra) > 0 {
		text += "\n" + strings.Join(extra, "\n") + "\n"
	}
	return &transcriptScreen{c: c, d: d, text: text}
}

func (t *transcriptScreen) title() string {
	return "Diagnostic n° " + strconv.Itoa(int(t.d.ID)) + " · " + t.d.Started.Format("15:04")
}
func (t *transcriptScreen) typing() bool      { return false }
func (t *transcriptScreen) scroll() *scroller { return &t.sc }

func (t *transcriptScreen) setKeys(k *KeyMap) {
	enable(&k.Up, "défiler")
	enable(&k.Down, "défiler")
	enable(&k.PageUp, "")
	enable(&k.PageDown, "")
	k.backFirst = true
	k.Back.SetKeys("left", "backspace", "esc")
	k.Back.SetHelp("←/échap", "retour")
	enable(&k.Back, "")
}

func (t *transcriptScreen) update(msg tea.Msg) tea.Cmd {
	k := t.c.keys
	switch msg := msg.(type) {
	case tea.MouseMsg:
		switch msg.Button {
		case tea.MouseButtonWheelUp:
			t.sc.offset--
		case tea.MouseButtonWheelDown:
			t.sc.offset++
		}
	case tea.KeyMsg:
		switch {
		case key.Matches(msg, k.Up):
			t.sc.offset--
		case key.Matches(msg, k.Down):
			t.sc.offset++
		case key.Matches(msg, k.PageUp):
			t.sc.offset -= max(t.c.height/2, 1)
		case key.Matches(msg, k.PageDown):
			t.sc.offset += max(t.c.height/2, 1)
		case key.Matches(msg, k.Back):
			t.c.pop()
		}
	}
	return nil
}

func (t *transcriptScreen) view(w, h int) []string {
	if w != t.w {
		t.w = w
		t.lines = nil
		for _, para := range strings.Split(t.text, "\n") {
			// continuation lines align under the text, after the
			// indent and the list mark (« 1. », « - », « → »)
			lead := len(para) - len(strings.TrimLeft(para, " "))
			rest := para[lead:]
			if m := listMark(rest); m != "" {
				lead += len(m)
			}
			t.lines = append(t.lines, hang(para[:lead], para[lead:], w, lipgloss.NewStyle())...)
		}
	}
	return t.sc.window(t.lines, h, -1, -1)
}
