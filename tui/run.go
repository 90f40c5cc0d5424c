// Package tui is the interactive UI of ecps-assist (Bubble Tea): search,
// browse, decision tree walks with breadcrumbs, conclusions with export and
// copy, answers, ticket triage and help.
//
// Text is made inert where it enters, once: knowledge when it is loaded
// (kb), the ticket in newModel, typed input in inputUpdate, messages from
// the environment and the system in their status; screens render it as is.
package tui

import (
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/term"

	"ecps-assist/config"
	"ecps-assist/diagnose"
	"ecps-assist/journal"
	"ecps-assist/kb"
	"ecps-assist/tui/colorinit" // first: before Bubble Tea's init queries the terminal
)

// Options tells the TUI where to open.
type Options struct {
	KB *kb.KB
	// Load, when KB is nil, loads the knowledge after the first frame
	// (and gives Warn).
	Load   LoadFunc
	TreeID string // open straight into this tree
	Ticket string // open on the triage of this ticket text
	Warn   string // a warning to show (e.g. a broken --kb ignored)
	// Escalation is the team's escalation line (config's escalation key),
	// shown on info, escalate and refer conclusions; "" is the default.
	Escalation string
	// Theme is auto, light or dark (--theme); "" reads the theme key of
	// the configuration file.
	Theme string
	// Reply is the template of the « Réponse au client » (greeting,
	// signature, agent from the configuration file).
	Reply diagnose.ReplyTemplate
	// ExportDir is where transcripts are exported (the configuration's);
	// "" falls back to the environment (config.Config.ExportDir), and
	// refuses when that gives no absolute directory.
	ExportDir string
	// Journal is where diagnoses are recorded (zero: nowhere); Resume, a
	// diagnosis of it to reopen at start.
	Journal journal.Spec
	Resume  int64
}

// IsTerminal reports whether out (stdout) is a terminal: the UI draws
// there. Keys come from stdin, or from /dev/tty when stdin is a pipe (a
// ticket piped to --ticket -).
func IsTerminal(out *os.File) bool {
	return term.IsTerminal(out.Fd())
}

// setupColors sets the colour profile from the environment only (never
// by querying the terminal) and returns the styles to use: monochrome
// (no colour; reverse, bold, underline) when NO_COLOR is set, else those
// of the theme (see lightBackground).
func setupColors(theme string, getenv func(string) string) *Styles {
	colorinit.Setup()
	if colorinit.NoColor() {
		return NewMonoStyles()
	}
	light := lightBackground(theme, getenv)
	lipgloss.SetHasDarkBackground(!light)
	if light {
		return NewLightStyles()
	}
	return NewStyles()
}

// lightBackground decides the theme without asking the terminal (no
// start-up stall over SSH): light or dark as configured; auto reads
// COLORFGBG ("fg;bg", set by rxvt, Konsole, iTerm2…: a background of 7 or
// 9–15 is light) and is dark otherwise.
func lightBackground(theme string, getenv func(string) string) bool {
	switch theme {
	case config.ThemeLight:
		return true
	case config.ThemeDark:
		return false
	}
	v := getenv("COLORFGBG")
	if v == "" {
		return false
	}
	bg := v[strings.LastIndexByte(v, ';')+1:]
	n, err := strconv.Atoi(bg)
	return err == nil && (n == 7 || n >= 9 && n <= 15)
}

// themeName is the theme to use: the --theme flag, else the theme key of
// the configuration file (its problems are reported by the CLI).
func themeName(flag string, getenv func(string) string) string {
	if flag != "" {
		return flag
	}
	c, _ := config.Load(config.Path(getenv))
	return c.Theme()
}

// Run starts the interactive UI and returns when the user quits.
func Run(o Options) error {
	if o.KB == nil && o.Load == nil {
		return errors.New("no knowledge base")
	}
	st := setupColors(themeName(o.Theme, os.Getenv), os.Getenv)
	var root tea.Model
	var model func() *Model // the Model, nil while loading
	if o.KB != nil {
		m := newModel(o, st)
		root, model = m, func() *Model { return m }
	} else {
		l := newLoading(o, st, o.Load)
		root, model = l, l.model
	}
	// The mouse is not captured: agents select and copy text (an
	// identifier, the official wording) with their terminal as usual.
	// Nothing used clicks. The wheel still moves where the terminal turns
	// it into arrow keys on the alternate screen (GNOME Terminal, iTerm2,
	// Windows Terminal… do by default).
	opts := []tea.ProgramOption{tea.WithAltScreen()}
	in := os.Stdin
	if !term.IsTerminal(in.Fd()) { // a ticket piped to --ticket -
		tty, err := os.Open("/dev/tty")
		if err != nil {
			return fmt.Errorf("no terminal to read keys from: %w", err)
		}
		defer tty.Close()
		in = tty
	}
	opts = append(opts, tea.WithInput(newBurstFile(in)))
	if os.Getenv(FaultEnv) == "panic" {
		root = panicModel{root}
	}
	p := tea.NewProgram(root, opts...)
	stop := watchSignals(p)
	final, err := p.Run()
	stop()
	if m := model(); m != nil {
		if bye := m.journalClose(); bye != "" {
			fmt.Fprintln(os.Stderr, bye)
		}
	}
	if l, ok := unwrapPanic(final).(*loading); ok && l.err != nil && err == nil {
		return l.err
	}
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

func unwrapPanic(m tea.Model) tea.Model {
	if p, ok := m.(panicModel); ok {
		return p.Model
	}
	return m
}

func (p panicModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if k, ok := msg.(tea.KeyMsg); ok && k.Type == tea.KeyF12 {
		panic("fault injected by " + FaultEnv)
	}
	m, cmd := p.Model.Update(msg)
	return panicModel{m}, cmd
}
