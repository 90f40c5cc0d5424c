package tui

import (
	"io"
	"strings"
	"time"

	"github.com/aymanbagabas/go-osc52/v2"
	tea "github.com/charmbracelet/bubbletea"

	"ecps-assist/diagnose"
)

// exportDoneMsg reports the end of an export started by e.
type exportDoneMsg struct {
	from *treeScreen
	path string
	err  error
}

// clipDoneMsg reports the end of a copy started by c.
type clipDoneMsg struct {
	from *treeScreen
	err  error
}

// transcript renders the Markdown transcript of the walk (pure, fast).
func (s *treeScreen) transcript(at time.Time) string {
	return s.c.render.Markdown(s.c.kb, s.sess, at)
}

// export returns the command that writes the transcript to a file; the
// file system is only touched in the command, never in Update.
func (s *treeScreen) export() tea.Cmd {
	at := s.c.now()
	content := s.transcript(at)
	id := s.sess.Tree.ID
	from := s
	dir := s.c.exportDir
	s.c.setStatus(statusInfo, "Export en cours…")
	return func() tea.Msg {
		if dir == "" {
			dir = diagnose.ExportDir()
		}
		p, err := diagnose.Export(dir, id, at, content)
		return exportDoneMsg{from: from, path: p, err: err}
	}
}

// copy returns the command that puts the transcript in the clipboard of
// the terminal with OSC 52 (which works over SSH).
func (s *treeScreen) copy() tea.Cmd {
	content := s.transcript(s.c.now())
	w := s.c.clipboard
	getenv := s.c.getenv
	from := s
	return func() tea.Msg {
		_, err := io.WriteString(w, osc52Sequence(content, getenv))
		return clipDoneMsg{from: from, err: err}
	}
}

// osc52Sequence is the OSC 52 "set clipboard" sequence for text. Inside
// tmux or GNU screen the sequence is also sent wrapped for passthrough, so
// that it reaches the outer terminal whichever way the multiplexer is set
// up. The sequence neither prints nor moves the cursor: written to the
// terminal between two frames, it leaves the screen as it is. (Writes to
// os.Stdout are serialised by the runtime, so it never lands inside a frame
// the renderer is writing.)
func osc52Sequence(text string, getenv func(string) string) string {
	seq := osc52.New(text)
	out := seq.String()
	switch {
	case getenv("TMUX") != "":
		out += seq.Tmux().String()
	case strings.HasPrefix(getenv("TERM"), "screen"):
		out += seq.Screen().String()
	}
	return out
}
