//go:build unix

package kb_test

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"ecps-assist/kb"
)

// A FIFO named x.yaml in a knowledge directory, or given as --kb, is
// reported and skipped: opening it for reading used to wait for a writer
// forever.
func TestFIFOIsNotRead(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "x.yaml")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip("no FIFO here:", err)
	}
	writeFile(t, dir, "ok.yaml", "entries:\n  - id: team-entry\n    title: \"T ?\"\n    product: e-CPS\n    theme: T\n"+
		"    sources: [{seed: 000_50255237a135427a.txt, block: 1}]\n    answer: R.\n")
	for _, arg := range []string{dir, fifo} {
		done := make(chan kb.Problems, 1)
		var l kb.Layer
		go func() {
			var probs kb.Problems
			l, probs = kb.DirLayer(arg)
			done <- probs
		}()
		select {
		case probs := <-done:
			want := filepath.ToSlash(fifo) + ": not a regular file (a FIFO): not read"
			if len(probs) != 1 || probs[0].String() != want {
				t.Errorf("--kb %s: problems %v, want %q", arg, probs, want)
			}
			if arg == dir && (len(l.Entries) != 1 || l.Entries[0].ID != "team-entry") {
				t.Errorf("the regular file next to the FIFO was not read: %d entries", len(l.Entries))
			}
		case <-time.After(10 * time.Second):
			// Unblock the reader so that the test binary can end.
			if f, err := os.OpenFile(fifo, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
				f.Close()
			}
			t.Fatalf("--kb %s: still reading the FIFO after 10 s", arg)
		}
	}
}
