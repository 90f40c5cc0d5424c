package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
)

var testBinaryDir string // removed by TestMain

// testBinary builds ecps-assist once for the process tests, with its
// version set at link time as a release build would.
var testBinary = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "ecps-assist-test-")
	if err != nil {
		return "", err
	}
	testBinaryDir = dir
	bin := filepath.Join(dir, "ecps-assist")
	cmd := exec.Command("go", "build", "-ldflags", "-X ecps-assist/cli.version=9.9.9-test", "-o", bin, ".")
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", errors.New(err.Error() + "\n" + string(out))
	}
	return bin, nil
})

func TestMain(m *testing.M) {
	code := m.Run()
	if testBinaryDir != "" {
		os.RemoveAll(testBinaryDir)
	}
	os.Exit(code)
}

// process runs the binary in a clean environment (no configuration, a
// private cache) with stdout sent to out.
func process(t *testing.T, out *os.File, args ...string) (stderr string, code int) {
	t.Helper()
	bin, err := testBinary()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	cmd := exec.Command(bin, args...)
	cmd.Env = []string{"HOME=" + dir, "PATH=" + os.Getenv("PATH")}
	cmd.Stdout = out
	var errb bytes.Buffer
	cmd.Stderr = &errb
	err = cmd.Run()
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		if ws, ok := ee.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			return errb.String(), 128 + int(ws.Signal())
		}
		return errb.String(), ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return errb.String(), 0
}

// The version set with -ldflags is the one printed.
func TestProcessVersionFromLdflags(t *testing.T) {
	f, err := os.Create(filepath.Join(t.TempDir(), "out"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if errs, code := process(t, f, "--version"); code != 0 || errs != "" {
		t.Fatalf("exit %d: %s", code, errs)
	}
	out, _ := os.ReadFile(f.Name())
	if !strings.HasPrefix(string(out), "ecps-assist 9.9.9-test (go") {
		t.Errorf("version: %q", out)
	}
}

// A full disk: exit 1 and a message, never a silent success with no JSON.
func TestProcessDevFull(t *testing.T) {
	full, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
	if err != nil {
		t.Skip("no /dev/full on this system")
	}
	defer full.Close()
	for _, args := range [][]string{{"list"}, {"list", "--json"}, {"trees", "--json"}, {"check-id", "810000123454"}} {
		errs, code := process(t, full, args...)
		if code != 1 || errs != "ecps-assist: cannot write the output: no space left on device\n" {
			t.Errorf("%q > /dev/full: exit %d, stderr %q", args, code, errs)
		}
	}
}

// A reader gone before the output is written (| head that quit): the
// process ends by SIGPIPE, as a Unix filter does, saying nothing.
func TestProcessBrokenPipeIsQuiet(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	r.Close()
	defer w.Close()
	errs, code := process(t, w, "list")
	if errs != "" || code != 128+int(syscall.SIGPIPE) {
		t.Errorf("list into a closed pipe: exit %d (want killed by SIGPIPE), stderr %q", code, errs)
	}
}

// TestOffline guarantees the binary cannot touch the network: neither
// net/http nor TLS nor any other client may be in its dependency graph
// (net/url and net/netip are parsers only). The net package itself comes
// in only through github.com/spf13/pflag (cobra's flags), whose IP flag
// types parse addresses with net.ParseIP; no package of ours imports it,
// and the linked binary holds none of its dialling, listening or lookup
// code (checked on its symbols).
func TestOffline(t *testing.T) {
	out, err := exec.Command("go", "list", "-f", "{{.ImportPath}}:{{join .Imports \" \"}}", "-deps", ".").Output()
	if err != nil {
		t.Fatalf("go list -deps: %v", err)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) < 10 {
		t.Fatalf("go list -deps returned %d packages", len(lines))
	}
	for _, l := range lines {
		pkg, imports, _ := strings.Cut(l, ":")
		switch pkg {
		case "net/http", "crypto/tls", "net/rpc", "net/smtp", "net/mail", "net/http/httptrace":
			t.Errorf("the binary depends on %s: it must never touch the network", pkg)
		}
		for _, imp := range strings.Fields(imports) {
			if imp == "net" && pkg != "github.com/spf13/pflag" {
				t.Errorf("%s imports net: only pflag may (for net.ParseIP)", pkg)
			}
		}
	}
	bin, err := testBinary()
	if err != nil {
		t.Fatal(err)
	}
	syms, err := exec.Command("go", "tool", "nm", bin).Output()
	if err != nil {
		t.Fatalf("go tool nm: %v", err)
	}
	n := 0
	for _, l := range strings.Split(string(syms), "\n") {
		f := strings.Fields(l)
		if len(f) < 3 || (f[1] != "T" && f[1] != "t") || !strings.HasPrefix(f[2], "net.") {
			continue // code only: tables of names are no network access
		}
		n++
		for _, bad := range []string{"Dial", "Listen", "socket", "Resolver", "lookup", "netFD", "Conn"} {
			if strings.Contains(f[2], bad) {
				t.Errorf("the binary links %s: network code", f[2])
				break
			}
		}
	}
	if n > 40 {
		t.Errorf("%d functions of package net linked: more than its init and parsers", n)
	}
	t.Logf("%d functions of package net linked (init and parsing only)", n)
}

// BenchmarkProcess times whole processes: a Go hello-world (the reference),
// then `ecps-assist list` built the default way (cgo on where a C compiler
// exists: os/user, linked through lipgloss → colorprofile → xo/terminfo,
// makes the binary dynamically linked), and --help, list, search and
// triage of a one-line ticket built static (CGO_ENABLED=0, the documented
// build). The target: every command within 2× the hello-world.
//
//	go test -run '^$' -bench Process .
func BenchmarkProcess(b *testing.B) {
	dir := b.TempDir()
	hello := filepath.Join(dir, "hello")
	if err := os.MkdirAll(hello, 0o755); err != nil {
		b.Fatal(err)
	}
	src := "package main\n\nimport \"fmt\"\n\nfunc main() { fmt.Println(\"hello\") }\n"
	if err := os.WriteFile(filepath.Join(hello, "main.go"), []byte(src), 0o644); err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(hello, "go.mod"), []byte("module hello\n"), 0o644); err != nil {
		b.Fatal(err)
	}
	build := func(out, pkgDir string, env ...string) string {
		bin := filepath.Join(dir, out)
		cmd := exec.Command("go", "build", "-o", bin, ".")
		cmd.Dir = pkgDir
		cmd.Env = append(os.Environ(), env...)
		if msg, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("go build %s: %v\n%s", out, err, msg)
		}
		return bin
	}
	ticket := filepath.Join(dir, "ticket.txt")
	if err := os.WriteFile(ticket, []byte("Bonjour, ma carte CPS est bloquée depuis ce matin, le code PIN est refusé\n"), 0o644); err != nil {
		b.Fatal(err)
	}
	env := os.Environ()
	static := build("ecps-static", ".", "CGO_ENABLED=0")
	for _, c := range []struct {
		name string
		argv []string
	}{
		{"hello-world", []string{build("hello-bin", hello)}},
		{"list-default-build", []string{build("ecps-default", "."), "list"}},
		{"help-static-build", []string{static, "--help"}},
		{"list-static-build", []string{static, "list"}},
		{"search-static-build", []string{static, "search", "telephone", "roote"}},
		{"triage-static-build", []string{static, "triage", ticket}},
	} {
		b.Run(c.name, func(b *testing.B) {
			cmd := exec.Command(c.argv[0], c.argv[1:]...)
			cmd.Env = env
			if out, err := cmd.Output(); err != nil || len(out) == 0 {
				b.Fatalf("%v: %v (%d bytes)", c.argv, err, len(out))
			}
			// Timed runs write to /dev/null, as a shell redirection would:
			// no pipe for this process to drain.
			null, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
			if err != nil {
				b.Fatal(err)
			}
			defer null.Close()
			for b.Loop() {
				cmd := exec.Command(c.argv[0], c.argv[1:]...)
				cmd.Env = env
				cmd.Stdout = null
				if err := cmd.Run(); err != nil {
					b.Fatalf("%v: %v", c.argv, err)
				}
			}
		})
	}
}
