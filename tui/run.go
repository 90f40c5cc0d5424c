package tui

import (
	"errors"
	"os"

	"github.com/charmbracelet/x/term"
)

// Options tells the TUI where to open.
type Options struct{}

// IsTerminal reports whether both stdin and stdout are terminals.
func IsTerminal(in, out *os.File) bool {
	return term.IsTerminal(in.Fd()) && term.IsTerminal(out.Fd())
}

// Run starts the interactive UI.
func Run(o Options) error { return errors.New("not yet") }
