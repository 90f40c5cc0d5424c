package tui

import (
	"fmt"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"ecps-assist/kb"
)

// LoadFunc loads the knowledge when the interface is already on screen:
// a large team directory (5,000 entries) takes a few hundred milliseconds
// to parse and index. warn is Options.Warn (problems of an ignored
// directory).
type LoadFunc func() (k *kb.KB, warn string, err error)

// loading is the root model while the knowledge loads, in a command: it
// draws a first frame at once, keeps the window size and the keys typed
// meanwhile, and hands them, in order, to the Model once it is built.
// Ctrl+C still quits.
type loading struct {
	o       Options
	st      *Styles
	load    LoadFunc
	m       *Model // once loaded
	err     error  // the load failed: the program quits with it
	pending []tea.Msg
	width   int
}

// loadedMsg carries the Model built from the knowledge, or the error.
type loadedMsg struct {
	m   *Model
	err error
}

func newLoading(o Options, st *Styles, load LoadFunc) *loading {
	return &loading{o: o, st: st, load: load}
}

func (l *loading) Init() tea.Cmd {
	o, st, load := l.o, l.st, l.load
	return func() tea.Msg {
		k, warn, err := load()
		if err != nil {
			return loadedMsg{err: err}
		}
		if k == nil {
			return loadedMsg{err: fmt.Errorf("no knowledge base")}
		}
		o.KB, o.Warn = k, warn
		return loadedMsg{m: newModel(o, st)}
	}
}

func (l *loading) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if l.m != nil {
		return l.m.Update(msg)
	}
	switch msg := msg.(type) {
	case loadedMsg:
		if msg.err != nil {
			l.err = msg.err
			return l, tea.Quit
		}
		l.m = msg.m
		cmds := []tea.Cmd{l.m.Init()}
		for _, p := range l.pending {
			_, cmd := l.m.Update(p)
			cmds = append(cmds, cmd)
		}
		l.pending = nil
		return l, tea.Batch(cmds...)
	case tea.KeyMsg:
		if msg.Type == tea.KeyCtrlC {
			return l, tea.Quit
		}
	case tea.WindowSizeMsg:
		l.width = msg.Width
	}
	l.pending = append(l.pending, msg)
	return l, nil
}

func (l *loading) View() string {
	if l.m != nil {
		return l.m.View()
	}
	head, line := "ecps-assist", "Chargement de la base de connaissances…"
	if l.width > 0 {
		line = ansi.Truncate(line, l.width, "…")
	}
	return lipgloss.NewStyle().Bold(true).Render(head) + "\n" + line + "\n"
}

// model is the Model once loaded, nil before (for journalClose).
func (l *loading) model() *Model { return l.m }
