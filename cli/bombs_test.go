package cli

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"ecps-assist/kb"
)

// allocated returns the bytes allocated while f runs (MemStats TotalAlloc:
// an upper bound of the heap growth).
func allocated(f func()) uint64 {
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// endless is an io.Reader of ticket-like text, n bytes long, produced as
// it is read (so the test itself holds none of it).
type endless struct{ n int64 }

func (e *endless) Read(p []byte) (int, error) {
	if e.n <= 0 {
		return 0, io.EOF
	}
	const line = "Bonjour, mon téléphone est rooté et la e-CPS refuse de s'activer. "
	k := 0
	for k < len(p) && int64(k) < e.n {
		k += copy(p[k:min(len(p), k+int(e.n)-k)], line)
	}
	e.n -= int64(k)
	return k, nil
}

const bigTicket = 10 << 20 // 10 MB

// A 10 MB ticket, on stdin or in a file, for triage or --ticket: a clear
// error naming the limit, and memory bounded by the limit, not the ticket.
func TestBombHugeTicket(t *testing.T) {
	file := filepath.Join(t.TempDir(), "ticket.txt")
	f, err := os.Create(file)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(bufio.NewWriter(f), &endless{bigTicket}); err != nil {
		t.Fatal(err)
	}
	f.Close()
	if st, _ := os.Stat(file); st.Size() < bigTicket {
		t.Fatalf("ticket file is %d bytes", st.Size())
	}
	limit := fmt.Sprintf("larger than %d bytes", MaxTicket)
	noTUI := func(TUIOptions) error { t.Error("the TUI started with an oversized ticket"); return nil }
	cases := []struct {
		name  string
		args  []string
		stdin bool
	}{
		{"triage-stdin", []string{"triage"}, true},
		{"triage-dash", []string{"triage", "-"}, true},
		{"triage-file", []string{"triage", file}, false},
		{"triage-json", []string{"triage", file, "--json"}, false},
		{"ticket-file", []string{"--ticket", file}, false},
		{"ticket-stdin", []string{"--ticket", "-"}, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			var stdin io.Reader = strings.NewReader("")
			if tc.stdin {
				stdin = &endless{bigTicket}
			}
			var code int
			got := allocated(func() {
				code = Run(Env{Args: tc.args, Stdin: stdin, Stdout: &out, Stderr: &errb, IsTerminal: true, RunTUI: noTUI})
			})
			if code != ExitFail || !strings.Contains(errb.String(), limit) {
				t.Errorf("exit %d, stderr %q; want 1 and …%s…", code, errb.String(), limit)
			}
			if out.Len() != 0 {
				t.Errorf("stdout: %q", out.String())
			}
			// Reading stops one byte past the limit: a few times the limit
			// at most (the buffer grows by doubling: 2.3 MiB in all, 4.4
			// under the race detector), never the ticket.
			t.Logf("%s: %d KiB allocated", strings.TrimSpace(errb.String()), got>>10)
			if got > 5*MaxTicket {
				t.Errorf("%d MiB allocated for a %d MiB ticket, want ≤ %d MiB", got>>20, bigTicket>>20, 5*MaxTicket>>20)
			}
		})
	}
	// Just under the limit, the ticket is triaged.
	var out, errb bytes.Buffer
	if code := Run(Env{Args: []string{"triage"}, Stdin: &endless{MaxTicket}, Stdout: &out, Stderr: &errb}); code != ExitOK {
		t.Errorf("a ticket of exactly %d bytes: exit %d, %s", MaxTicket, code, errb.String())
	}
}

// Knowledge bombs through the command line: lint names the problem, the
// other commands warn and fall back to the embedded knowledge.
func TestBombOverrides(t *testing.T) {
	var laughs strings.Builder
	laughs.WriteString(`l0: &l0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]` + "\n")
	for i := 1; i <= 9; i++ {
		fmt.Fprintf(&laughs, "l%d: &l%d [*l%d,*l%d,*l%d,*l%d,*l%d,*l%d,*l%d,*l%d,*l%d]\n", i, i, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1)
	}
	laughs.WriteString("entries: *l9\n")
	cases := []struct{ name, content, want string }{
		{"billion-laughs", laughs.String(), "YAML aliases (*l0) are not supported"},
		{"deep-lists", "entries: " + strings.Repeat("[", 100_000) + strings.Repeat("]", 100_000), "more than 100000 YAML values"},
		{"deep-maps", "trees: " + strings.Repeat("{a: ", 100_000) + "x" + strings.Repeat("}", 100_000), "more than 100000 YAML values"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, "bomb.yaml"), []byte(tc.content), 0o644); err != nil {
				t.Fatal(err)
			}
			out, _, code := run(t, "", "--kb", dir, "lint")
			if code != ExitFail || !strings.Contains(out, tc.want) {
				t.Errorf("lint: exit %d, want 1 and …%s…:\n%s", code, tc.want, out)
			}
			out, errs, code := run(t, "", "--kb", dir, "version")
			if code != ExitOK || !strings.Contains(errs, "ignored") || !strings.Contains(errs, tc.want) || !strings.Contains(out, "knowledge") {
				t.Errorf("version: exit %d\n%s\n%s", code, out, errs)
			}
		})
	}
	// A 50 MB file: refused from its size.
	dir := t.TempDir()
	f, err := os.Create(filepath.Join(dir, "huge.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(50 << 20); err != nil {
		t.Fatal(err)
	}
	f.Close()
	var out string
	var code int
	got := allocated(func() { out, _, code = run(t, "", "--kb", dir, "lint") })
	want := fmt.Sprintf("larger than the %d-byte limit", kb.MaxFileSize)
	if code != ExitFail || !strings.Contains(out, want) {
		t.Errorf("lint of a 50 MB file: exit %d, want …%s…:\n%s", code, want, out)
	}
	if got > 16<<20 {
		t.Errorf("lint of a 50 MB file allocated %d MiB", got>>20)
	}
}
