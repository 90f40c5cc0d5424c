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
	// Escalation is the team's escalation line (config's escalation key),
	// shown on info, escalate and refer conclusions; "" is the default.
	Escalation string
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
	var root tea.Model = m
	if os.Getenv(FaultEnv) == "panic" {
		root = panicModel{m}
	}
	p := tea.NewProgram(root, opts...)
	_, err := p.Run()
	if errors.Is(err, tea.ErrProgramPanic) {
		return errors.New("internal error: the interface stopped; the terminal was restored")
	}
	return err
}

// FaultEnv injects a fault for the end-to-end test (.ci/e2e) to prove the
// terminal is restored after a crash: with ECPS_ASSIST_FAULT=panic, the key
// F12 panics inside Update.
const FaultEnv = "ECPS_ASSIST_FAULT"

type panicModel struct{ tea.Model }

func (p panicModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if k, ok := msg.(tea.KeyMsg); ok && k.Type == tea.KeyF12 {
		panic("fault injected by " + FaultEnv)
	}
	m, cmd := p.Model.Update(msg)
	return panicModel{m}, cmd
}
