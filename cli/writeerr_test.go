package cli

import (
	"bytes"
	"strings"
	"syscall"
	"testing"
)

// fullWriter takes n bytes, then fails as a full disk does.
type fullWriter struct{ n int }

func (w *fullWriter) Write(p []byte) (int, error) {
	if len(p) <= w.n {
		w.n -= len(p)
		return len(p), nil
	}
	k := w.n
	w.n = 0
	return k, syscall.ENOSPC
}

// M4: a transcript that could not be written whole (diagnose > file on a
// full disk) is an error, never exit 0.
func TestDiagnoseWriteErrorIsReported(t *testing.T) {
	for _, format := range []string{"text", "md", "json", "reply"} {
		for _, room := range []int{0, 100} {
			var errb bytes.Buffer
			args := []string{"diagnose", "ecps-device-integrity", "--answers", "oui", "--format", format}
			code := Run(Env{Args: args, Stdout: &fullWriter{room}, Stderr: &errb})
			if code != ExitFail || !strings.Contains(errb.String(), "cannot write the output") {
				t.Errorf("--format %s, %d bytes of room: exit %d, stderr %q", format, room, code, errb.String())
			}
		}
	}
}

// triage --batch on a full disk says it once, whether the batch's own
// writes fail (a large output) or only the last flush (a small one).
func TestTriageBatchWriteErrorSaidOnce(t *testing.T) {
	one := `{"id": "T1", "text": "bjr la carte CPS n'est pas reconnue dans firefox"}` + "\n"
	for _, tickets := range []int{1, 400} {
		for _, room := range []int{0, 100} {
			var errb bytes.Buffer
			env := Env{Args: []string{"triage", "--batch", "--jobs", "2"}, Stdin: strings.NewReader(strings.Repeat(one, tickets)),
				Stdout: &fullWriter{room}, Stderr: &errb}
			code := Run(env)
			if want := "ecps-assist: cannot write the output: no space left on device\n"; code != ExitFail || errb.String() != want {
				t.Errorf("%d tickets, %d bytes of room: exit %d, stderr %q, want %q", tickets, room, code, errb.String(), want)
			}
		}
	}
}
