package tui

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// The journal's part of the tree screen: the « utile ? » vote and comment
// at the conclusion, the agent's note (m at a question) and ticket
// reference (t). tree.go calls these four methods.

// editing is the field being typed in, or nil.
func (s *treeScreen) editing() *lineField {
	for _, f := range []*lineField{&s.fb.comment, &s.note, &s.ticket} {
		if f.editing {
			return f
		}
	}
	return nil
}

// journalKeys enables the journal's keys; exclusive reports that a field
// is being typed in (then only its keys work).
func (s *treeScreen) journalKeys(k *KeyMap) (exclusive bool) {
	if f := s.editing(); f != nil {
		f.setKeys(k)
		return true
	}
	if !s.journalOn() {
		return false
	}
	if s.sess.Done() {
		s.fb.setKeys(k)
	} else {
		enable(&k.Comment, "note")
	}
	enable(&k.TicketRef, "")
	return false
}

func (s *treeScreen) journalOn() bool { return s.c.jr != nil && s.c.jr.j != nil }

// journalUpdate handles the journal's keys; ok is false for other keys.
func (s *treeScreen) journalUpdate(msg tea.KeyMsg) (tea.Cmd, bool) {
	k, st := s.c.keys, s.c.st
	if f := s.editing(); f != nil {
		return f.update(msg, k), true
	}
	switch {
	case key.Matches(msg, k.TicketRef):
		s.ticket.start(st, "Réf. ticket › ", "référence du ticket (facultatif)")
		return nil, true
	case s.sess.Done():
		return s.fb.update(st, msg, k)
	case key.Matches(msg, k.Comment):
		s.note.start(st, "Note › ", "remarque libre, enregistrée au journal")
		return nil, true
	}
	return nil, false
}

// journalLines are the feedback, note and ticket lines under the node.
func (s *treeScreen) journalLines(w int) []string {
	if !s.journalOn() {
		return nil
	}
	st := s.c.st
	var out []string
	if s.sess.Done() {
		out = append(out, "")
		out = append(out, s.fb.lines(st, w)...)
	}
	for _, f := range []struct {
		f     *lineField
		label string
	}{{&s.note, "Note"}, {&s.ticket, "Réf. ticket"}} {
		switch {
		case f.f.editing:
			out = append(out, f.f.view(st, w))
		case f.f.value != "":
			out = append(out, line(st.Faint.Render(f.label+" : ")+f.f.value, w))
		}
	}
	return out
}
