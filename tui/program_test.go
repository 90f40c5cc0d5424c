package tui

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/exp/teatest"
	"github.com/muesli/termenv"
)

// TestProgram runs the real Bubble Tea program loop (commands included):
// search, walk, export, then quit with q.
func TestProgram(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("ECPS_ASSIST_EXPORT_DIR", dir)
	lipgloss.SetColorProfile(termenv.Ascii)
	m := newModel(Options{KB: loadKB(t)}, NewStyles())
	m.clipboard = &bytes.Buffer{}
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(80, 24))
	wait := func(sub string) {
		t.Helper()
		teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte(sub)) },
			teatest.WithDuration(3*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
	}
	tm.Type("roote")
	wait("Arbres de diagnostic")
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	wait("rooté (accès")
	tm.Type("1")
	wait("Résolu")
	tm.Type("e")
	wait("Transcription enregistrée")
	tm.Type("q")
	tm.WaitFinished(t, teatest.WithFinalTimeout(3*time.Second))
	files, _ := filepath.Glob(filepath.Join(dir, "diagnostic-ecps-device-integrity-*.md"))
	if len(files) != 1 {
		t.Fatalf("exported files: %v", files)
	}
	data, _ := os.ReadFile(files[0])
	if !strings.Contains(string(data), "## Conclusion : Résolu") {
		t.Errorf("export:\n%s", data)
	}
}
