package tui

import (
	"errors"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"ecps-assist/kb"
)

// The first frame comes before the knowledge is loaded; keys typed
// meanwhile reach the home search, in order, once it is.
func TestLoadingKeepsKeys(t *testing.T) {
	k, probs := fixtureKB(kb.Layer{})
	if errs := probs.Errors(); len(errs) > 0 {
		t.Fatal(errs)
	}
	l := newLoading(Options{}, NewStyles(), func() (*kb.KB, string, error) {
		return k, "base d'équipe ignorée", nil
	})
	l.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	for _, r := range "certif" {
		l.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
	}
	if v := ansi.Strip(l.View()); !strings.Contains(v, "Chargement de la base de connaissances…") {
		t.Fatalf("first frame: %q", v)
	}
	msg := l.Init()()
	if _, ok := msg.(loadedMsg); !ok {
		t.Fatalf("Init's command gave %T", msg)
	}
	l.Update(msg)
	v := ansi.Strip(l.View())
	if !strings.Contains(v, "Rechercher › certif") {
		t.Errorf("keys typed while loading were lost:\n%s", v)
	}
	if !strings.Contains(v, "base d'équipe ignorée") {
		t.Errorf("the load's warning is not shown:\n%s", v)
	}
	if l.model() == nil {
		t.Error("model() is nil once loaded")
	}
}

// A load that fails quits with its error; Ctrl+C quits while loading.
func TestLoadingError(t *testing.T) {
	l := newLoading(Options{}, NewStyles(), func() (*kb.KB, string, error) {
		return nil, "", errors.New("the embedded knowledge base is invalid")
	})
	_, cmd := l.Update(l.Init()())
	if cmd == nil || l.err == nil || l.model() != nil {
		t.Fatalf("cmd %v, err %v", cmd, l.err)
	}
	if _, ok := cmd().(tea.QuitMsg); !ok {
		t.Error("a failed load does not quit")
	}
	l = newLoading(Options{}, NewStyles(), nil)
	if _, cmd := l.Update(tea.KeyMsg{Type: tea.KeyCtrlC}); cmd == nil {
		t.Error("Ctrl+C while loading does nothing")
	} else if _, ok := cmd().(tea.QuitMsg); !ok {
		t.Error("Ctrl+C while loading does not quit")
	}
}
