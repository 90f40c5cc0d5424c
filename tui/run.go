// Package tui is the interactive UI of ecps-assist (Bubble Tea): search,
// browse, decision tree walks with breadcrumbs, conclusions with export and
// copy, answers, ticket triage and help.
//
// Every string from the knowledge base, a ticket or typed input goes
// through kb.Inert or kb.InertLine before it is displayed.
package tui

import (
	"errors"
	"os"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/term"

	"ecps-assist/kb"
	"ecps-assist/tui/colorinit" // first: before Bubble Tea's init queries the terminal
)

// Options tells the TUI where to open.
type Options struct {
	KB     *kb.KB
	TreeID string // open straight into this tree
	Ticket string // open on the triage of this ticket text
	Warn   string // a warning to show (e.g. a broken --kb ignored)
}

// IsTerminal reports whether out (stdout) is a terminal: the UI draws
// there. Keys come from stdin, or from /dev/tty when stdin is a pipe (a
// ticket piped to --ticket -).
func IsTerminal(out *os.File) bool {
	return term.IsTerminal(out.Fd())
}

// setupColors sets the colour profile from the environment only (never
// by querying the terminal) and returns the styles to use: monochrome
// (no colour; reverse, bold, underline) when NO_COLOR is set.
func setupColors() *Styles {
	colorinit.Setup()
	if colorinit.NoColor() {
		return NewMonoStyles()
	}
	return NewStyles()
}

// Run starts the interactive UI and returns when the user quits.
func Run(o Options) error {
	if o.KB == nil {
		return errors.New("no knowledge base")
	}
	st := setupColors()
	m := newModel(o, st)
	opts := []tea.ProgramOption{tea.WithAltScreen(), tea.WithMouseCellMotion()}
	if !term.IsTerminal(os.Stdin.Fd()) {
		opts = append(opts, tea.WithInputTTY())
	}
	p := tea.NewProgram(m, opts...)
	_, err := p.Run()
	return err
}
