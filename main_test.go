package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestOffline guarantees the binary cannot touch the network: neither net
// nor net/http may be in its dependency graph (net/url and net/netip are
// parsers only).
func TestOffline(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", ".").Output()
	if err != nil {
		t.Fatalf("go list -deps: %v", err)
	}
	deps := strings.Fields(string(out))
	if len(deps) < 10 {
		t.Fatalf("go list -deps returned %d packages", len(deps))
	}
	for _, d := range deps {
		switch d {
		case "net", "net/http", "crypto/tls", "net/rpc", "net/smtp":
			t.Errorf("the binary depends on %s: it must never touch the network", d)
		}
	}
}

// BenchmarkProcess times whole processes: a Go hello-world (the reference),
// then `ecps-assist list` built the default way (cgo on where a C compiler
// exists: os/user, linked through lipgloss → colorprofile → xo/terminfo,
// makes the binary dynamically linked) and built static (CGO_ENABLED=0, the
// documented build). The target: list within 2× the hello-world.
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
	// A private cache directory: the KB cache must not come into play, and
	// the user's cache must not be touched.
	env := append(os.Environ(), "XDG_CACHE_HOME="+filepath.Join(dir, "cache"))
	for _, c := range []struct {
		name string
		argv []string
	}{
		{"hello-world", []string{build("hello-bin", hello)}},
		{"list-default-build", []string{build("ecps-default", "."), "list"}},
		{"list-static-build", []string{build("ecps-static", ".", "CGO_ENABLED=0"), "list"}},
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
