package tui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"ecps-assist/diagnose"
	"ecps-assist/kb"
)

// answerScreen shows one official answer, scrollable, with its source
// citations and related answers (same product and theme) and the trees
// that cite it.
type answerScreen struct {
	c       *common
	e       *kb.Entry
	lines   []string // the content, wrapped for width
	sc      scroller
	height  int // the last body height, for a page
	related []item
	sel     int
	relLine int  // first line of the selected related item in the content
	showSel bool // bring the selected related item into view
	width   int  // width the content was wrapped for
	dirty   bool

	reply       *diagnose.Reply // built on first use
	replyFor    diagnose.ReplyTemplate
	previewLine int      // first line of the reply preview in the content
	fb          feedback // « utile ? », when the journal is on
}

// wheelStep is how many lines a mouse wheel notch scrolls.
const wheelStep = 3

func newAnswer(c *common, e *kb.Entry) *answerScreen {
	a := &answerScreen{c: c, e: e, dirty: true}
	// Trees whose conclusions cite the answer.
	for _, t := range c.trees {
		cites := false
		for _, n := range t.Nodes {
			if n.Kind != kb.KindConclusion {
				continue
			}
			for _, id := range n.Entries {
				if id == e.ID {
					cites = true
				}
			}
		}
		if cites {
			a.related = append(a.related, item{kind: itemTree, id: t.ID, title: t.Title, sub: "arbre de diagnostic"})
		}
	}
	for _, o := range c.kb.SortedEntries() {
		if o.ID != e.ID && o.Product == e.Product && o.Theme == e.Theme {
			a.related = append(a.related, item{kind: itemEntry, id: o.ID, title: o.Title})
		}
	}
	return a
}

func (a *answerScreen) title() string { return "Réponse · " + a.e.Product + " · " + a.e.Theme }
func (a *answerScreen) typing() bool  { return a.fb.typing() }

func (a *answerScreen) scroll() *scroller { return &a.sc }

func (a *answerScreen) setKeys(k *KeyMap) {
	if a.fb.typing() {
		a.fb.setKeys(k)
		return
	}
	if a.journalOn() {
		a.fb.setKeys(k)
	}
	k.scrollKeys("défiler")
	if len(a.related) > 0 {
		enable(&k.Pick, "ouvrir le lien")
		enable(&k.Open, "ouvrir le lien choisi")
		enable(&k.Focus, "lien suivant")
		k.Focus.SetHelp("tab", "lien suivant")
	}
	enable(&k.Copy, "")
	enable(&k.CopyOfficial, "")
	enable(&k.Preview, "")
	enable(&k.ReplyName, "")
	k.backFirst = true
	k.Back.SetKeys("left", "backspace", "esc")
	k.Back.SetHelp("←/échap", "retour")
	enable(&k.Back, "")
}

func (a *answerScreen) update(msg tea.Msg) tea.Cmd {
	k := a.c.keys
	switch msg := msg.(type) {
	case tea.MouseMsg:
		switch msg.Button {
		case tea.MouseButtonWheelUp:
			a.sc.offset -= wheelStep
		case tea.MouseButtonWheelDown:
			a.sc.offset += wheelStep
		}
	case tea.KeyMsg:
		if cmd, ok := a.fb.update(a.c.st, msg, k); ok {
			return cmd
		}
		switch {
		case key.Matches(msg, k.Up):
			a.sc.offset--
		case key.Matches(msg, k.Down):
			a.sc.offset++
		case key.Matches(msg, k.PageUp):
			a.sc.offset -= max(a.height, 1)
		case key.Matches(msg, k.PageDown):
			a.sc.offset += max(a.height, 1)
		case key.Matches(msg, k.Top):
			a.sc.offset = 0
		case key.Matches(msg, k.Bottom):
			a.sc.offset = len(a.lines) // the scroller clamps it
		case key.Matches(msg, k.Pick):
			if i := digit(msg.String()); i < len(a.related) {
				a.c.open(a.related[i])
			}
		case key.Matches(msg, k.Open):
			if a.sel < len(a.related) {
				a.c.open(a.related[a.sel])
			}
		case key.Matches(msg, k.Focus):
			d := 1
			if msg.String() == "shift+tab" {
				d = len(a.related) - 1
			}
			a.sel = (a.sel + d) % len(a.related)
			a.dirty = true
			a.showSel = true
		case key.Matches(msg, k.Copy):
			return a.c.copyReply(a.replyNow(), nil)
		case key.Matches(msg, k.CopyOfficial):
			return a.c.copyOfficial(a.replyNow().Official, nil)
		case key.Matches(msg, k.ReplyName):
			a.c.push(newNameScreen(a.c))
		case key.Matches(msg, k.Preview):
			a.sc.offset = a.previewLine // the scroller clamps it
		case key.Matches(msg, k.Back):
			a.c.pop()
		}
	}
	return nil
}

// build wraps the content for width w (on resize or selection change).
func (a *answerScreen) build(w int) {
	if !a.dirty && w == a.width {
		return
	}
	a.dirty = false
	a.width = w
	st := a.c.st
	e := a.e
	var lines []string
	lines = append(lines, wrapStyled(e.Title, w, st.Question)...)
	lines = append(lines, wrapStyled(e.Product+" · "+e.Theme+" · "+e.ID, w, st.Dim)...)
	lines = append(lines, "")
	for _, para := range strings.Split(e.MarkedAnswer(), "\n") {
		para = strings.TrimRight(para, " ")
		if strings.HasPrefix(para, "- ") {
			lines = append(lines, hang("- ", strings.TrimPrefix(para, "- "), w, lipgloss.NewStyle())...)
			continue
		}
		lines = append(lines, wrap(para, w)...)
	}
	if e.Note != "" {
		lines = append(lines, "")
		lines = append(lines, hang(st.Heading.Render("Note de l'équipe :")+" ", e.Note, w, st.Dim)...)
	}
	lines = append(lines, "")
	if e.IsTeam() {
		lines = append(lines, st.Heading.Render("Origine"))
		lines = append(lines, hang("- ", e.Citation(), w, st.Dim)...)
	} else {
		head := "Source"
		if len(e.Sources) > 1 {
			head = "Sources"
		}
		lines = append(lines, hang("", head+" · "+e.SourceOrigin(), w, st.Heading)...)
		for _, src := range e.Sources {
			lines = append(lines, hang("- ", src.Label(), w, st.Dim)...)
		}
	}

	if len(a.related) > 0 {
		lines = append(lines, "", st.Heading.Render("Voir aussi"))
		for i, it := range a.related {
			if i == a.sel {
				a.relLine = len(lines)
			}
			lines = append(lines, renderItem(st, it, i, i == a.sel, true, w))
			if it.sub != "" {
				lines = append(lines, line("     "+st.Dim.Render(it.sub), w))
			}
		}
	}
	lines = append(lines, "")
	a.previewLine = len(lines)
	lines = append(lines, replyPreview(st, a.replyNow(), w)...)
	a.lines = lines
}

// replyNow is the reply of the answer, rebuilt when the template (the
// correspondent's name) changes.
func (a *answerScreen) replyNow() diagnose.Reply {
	if a.reply == nil || a.replyFor != a.c.reply {
		r := diagnose.EntryReply(a.e, a.c.reply)
		a.reply, a.replyFor = &r, a.c.reply
		a.dirty = true
	}
	return *a.reply
}

func (a *answerScreen) view(w, h int) []string {
	w = min(w, readWidth) // readable lines on a wide terminal
	var fb []string
	if a.journalOn() && h > 4 {
		fb = a.fb.lines(a.c.st, w) // under the answer: always in view
		fb = fb[:min(len(fb), max(2, h/4))]
	}
	a.height = h - len(fb)
	a.replyNow()
	a.build(w)
	from := -1
	if a.showSel {
		from, a.showSel = a.relLine, false
	}
	// The scroller clamps the offset the keys moved, and keeps the
	// selected link in view when asked.
	// A copy: the window is a slice of a.lines, which appending must
	// not overwrite.
	body := append([]string(nil), a.sc.window(a.lines, a.height, from, from)...)
	for len(fb) > 0 && len(body) < a.height {
		body = append(body, "") // the feedback line stays at the bottom
	}
	return append(body, fb...)
}

func (a *answerScreen) journalOn() bool { return a.c.jr != nil && a.c.jr.j != nil }
