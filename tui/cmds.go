package tui

import (
	"errors"
	"io"
	"strings"
	"time"

	"github.com/atotto/clipboard"
	"github.com/aymanbagabas/go-osc52/v2"
	tea "github.com/charmbracelet/bubbletea"

	"ecps-assist/config"
	"ecps-assist/diagnose"
)

// exportDoneMsg reports the end of an export started by e.
type exportDoneMsg struct {
	from *treeScreen
	path string
	err  error
}

// clipDoneMsg reports the end of a copy (c, a, t): whether the OSC 52
// sequence could be written to the terminal and whether the system
// clipboard took the text.
type clipDoneMsg struct {
	from   *treeScreen // the tree screen the copy marks as saved, or nil
	done   string      // French, e.g. "Réponse copiée"
	note   string      // said after the status (e.g. a template line left out)
	oscErr error
	sysErr error
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
	dir, getenv := s.c.exportDir, s.c.getenv
	s.c.setStatus(statusInfo, "Export en cours…")
	return func() tea.Msg {
		if dir == "" {
			// From the environment alone; still "" when HOME is unset:
			// Export refuses rather than write to a relative directory.
			dir = config.Config{}.ExportDir(getenv)
		}
		p, err := diagnose.Export(dir, id, at, content)
		return exportDoneMsg{from: from, path: p, err: err}
	}
}

// copyTranscript copies the transcript (t).
func (s *treeScreen) copyTranscript() tea.Cmd {
	return s.c.copyText(s.transcript(s.c.now()), "Transcription copiée", "", s)
}

// copyText returns the command that puts text in the clipboard: in the
// terminal's with OSC 52 (which works over SSH and, with set-clipboard on,
// in tmux's buffer) and in the system clipboard when one can be reached
// (wl-copy, xclip, xsel, clip.exe… through atotto/clipboard). All the I/O
// is in the command.
func (c *common) copyText(text, done, note string, from *treeScreen) tea.Cmd {
	w := c.clipboard
	getenv := c.getenv
	sys := c.sysClip
	return func() tea.Msg {
		msg := clipDoneMsg{from: from, done: done, note: note}
		_, msg.oscErr = io.WriteString(w, osc52Sequence(text, getenv))
		msg.sysErr = errNoSystemClipboard
		if sys != nil {
			msg.sysErr = sys(text)
		}
		return msg
	}
}

var errNoSystemClipboard = errors.New("no system clipboard")

// systemClipboard writes to the system clipboard (an error when there is
// none: clipboard.Unsupported is only known after a first call).
func systemClipboard(text string) error {
	return clipboard.WriteAll(text)
}

// clipStatus is the status line after a copy: which clipboard took the
// text, or that none could be reached (the text stays on screen).
func clipStatus(msg clipDoneMsg) (statusKind, string) {
	kind, text := clipResult(msg)
	if msg.note != "" {
		text += "\n" + msg.note
		if kind == statusOK {
			kind = statusWarn
		}
	}
	return kind, text
}

func clipResult(msg clipDoneMsg) (statusKind, string) {
	switch {
	case msg.sysErr == nil && msg.oscErr == nil:
		return statusOK, msg.done + " (presse-papiers système et OSC 52)"
	case msg.sysErr == nil:
		return statusOK, msg.done + " (presse-papiers système)"
	case msg.oscErr == nil:
		return statusOK, msg.done + " (OSC 52, si le terminal l'autorise ; pas de presse-papiers système)"
	}
	return statusErr, "Copie impossible : aucun presse-papiers joignable (" + msg.oscErr.Error() + ") — le texte reste affiché, sélectionnez-le à l'écran."
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

// copyReply copies the reply (c).
func (c *common) copyReply(r diagnose.Reply, from *treeScreen) tea.Cmd {
	note := r.DroppedNotice()
	if note != "" {
		note += nameHint(r)
	}
	return c.copyText(r.Text(), "Réponse copiée", note, from)
}

// nameHint tells how to fill {nom} when a line was left out for it.
func nameHint(r diagnose.Reply) string {
	for _, d := range r.Dropped {
		for _, m := range d.Missing {
			if m == "{nom}" {
				return " — d : saisir le nom du destinataire"
			}
		}
	}
	return ""
}

// copyOfficial copies the official answer text alone (a).
func (c *common) copyOfficial(text string, from *treeScreen) tea.Cmd {
	if text == "" {
		c.setStatus(statusWarn, "Aucun texte officiel à copier ici.")
		return nil
	}
	return c.copyText(text, "Texte officiel copié", "", from)
}

// replyPreview renders a reply for the screen: a heading naming the copy
// keys, the reply's lines wrapped (no prefix, so that the text can be
// selected by hand), and the lines left out of it.
func replyPreview(st *Styles, r diagnose.Reply, w int) []string {
	lines := []string{line(st.Heading.Render("Réponse au client"), w)}
	lines = append(lines, wrapStyled("c : copier la réponse · a : copier le texte officiel seul", w, st.Faint)...)
	if n := r.DroppedNotice(); n != "" {
		lines = append(lines, wrapStyled(n+nameHint(r), w, st.Warn)...)
	}
	lines = append(lines, wrap(r.Text(), w)...)
	return lines
}
