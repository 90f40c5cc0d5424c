package tui

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// readWidth is the widest text of the reading screens (answers,
// conclusions, the ticket): on a wide terminal, lines of about 100 cells
// stay readable.
const readWidth = 100

// ticketScreen shows the whole ticket of the triage, wrapped, scrollable
// (t on the triage screen).
type ticketScreen struct {
	c      *common
	ticket string
	sc     scroller
	w      int
	lines  []string
}

func newTicketScreen(c *common, ticket string) *ticketScreen {
	return &ticketScreen{c: c, ticket: ticket}
}

func (t *ticketScreen) title() string     { return "Ticket entier" }
func (t *ticketScreen) typing() bool      { return false }
func (t *ticketScreen) scroll() *scroller { return &t.sc }

func (t *ticketScreen) setKeys(k *KeyMap) {
	k.scrollKeys("défiler")
	k.backFirst = true
	k.Back.SetKeys("left", "backspace", "esc", "t")
	k.Back.SetHelp("←/échap", "retour au tri")
	enable(&k.Back, "")
}

func (t *ticketScreen) update(msg tea.Msg) tea.Cmd {
	k := t.c.keys
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return nil
	}
	page := max(t.c.height-4, 1)
	switch {
	case key.Matches(km, k.Up):
		t.sc.offset--
	case key.Matches(km, k.Down):
		t.sc.offset++
	case key.Matches(km, k.PageUp):
		t.sc.offset -= page
	case key.Matches(km, k.PageDown):
		t.sc.offset += page
	case key.Matches(km, k.Top):
		t.sc.offset = 0
	case key.Matches(km, k.Bottom):
		t.sc.offset = len(t.lines)
	case key.Matches(km, k.Back):
		t.c.pop()
	}
	return nil
}

func (t *ticketScreen) view(w, h int) []string {
	w = min(w, readWidth)
	if t.lines == nil || t.w != w {
		t.w = w
		t.lines = wrap(t.ticket, w) // wrap makes the text inert
	}
	return t.sc.window(t.lines, h, -1, -1)
}
