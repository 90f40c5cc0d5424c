package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// ACCESSIBLE=1 (or --accessible) runs the plain-text mode on stdin and
// stdout, without a terminal: a script reaches the rooted-phone
// conclusion and its transcript, with no escape sequence.
func TestAccessibleThroughStdin(t *testing.T) {
	for _, c := range []struct {
		env  string
		args []string
	}{{"1", nil}, {"", []string{"--accessible"}}, {"", []string{"--accessible", "ecps-device-integrity"}}} {
		t.Setenv("ACCESSIBLE", c.env)
		script := "telephone roote\n1\nOui\n\nq\n"
		if len(c.args) == 2 {
			script = "Oui\n"
		}
		out, errOut, code := run(t, script, c.args...)
		if code != ExitOK {
			t.Fatalf("%v: exit %d: %s", c.args, code, errOut)
		}
		for _, sub := range []string{"Question 1 : Le téléphone est-il rooté", "Conclusion : Résolu.",
			"Transcription :\nL'application e-CPS refuse le téléphone  [ecps-device-integrity]", "→ Oui", "Fin de la transcription."} {
			if !strings.Contains(out, sub) {
				t.Fatalf("ACCESSIBLE=%q %v: output lacks %q:\n%s", c.env, c.args, sub, out)
			}
		}
		if strings.ContainsAny(out, "\x1b\x07\x9b") {
			t.Errorf("escape sequence in the accessible output: %q", out)
		}
	}
	// Without it, no terminal: the usage, exit 2 (as before).
	t.Setenv("ACCESSIBLE", "0")
	if _, _, code := run(t, ""); code != ExitUsage {
		t.Errorf("ACCESSIBLE=0 without a terminal: exit %d, want 2", code)
	}
	// --ticket - would take the answers' stdin.
	t.Setenv("ACCESSIBLE", "1")
	if _, errOut, code := run(t, "x", "--ticket", "-"); code != ExitUsage || !strings.Contains(errOut, "give a file") {
		t.Errorf("--ticket - in accessible mode: exit %d, %q", code, errOut)
	}
}

func TestThemeFlag(t *testing.T) {
	var got TUIOptions
	code := Run(Env{Args: []string{"--theme", "light"}, Stdin: strings.NewReader(""), Stdout: &strings.Builder{}, Stderr: &strings.Builder{},
		IsTerminal: true, RunTUI: func(o TUIOptions) error { got = o; return nil }})
	if code != ExitOK || got.Theme != "light" {
		t.Errorf("--theme light: exit %d, theme %q", code, got.Theme)
	}
	if _, errOut, code := run(t, "", "--theme", "blue"); code != ExitUsage || !strings.Contains(errOut, "--theme must be auto, light or dark") {
		t.Errorf("--theme blue: exit %d, %q", code, errOut)
	}
}

// With a team directory, the interface gets a loader (it draws its first
// frame while the directory loads), and the warning of a broken one goes
// to the interface, not over the screen on stderr; with the embedded
// knowledge only, it gets the knowledge.
func TestTUILoadsTeamKnowledgeLater(t *testing.T) {
	start := func(args ...string) (TUIOptions, string) {
		var got TUIOptions
		var errOut strings.Builder
		code := Run(Env{Args: args, Stdin: strings.NewReader(""), Stdout: &strings.Builder{}, Stderr: &errOut,
			Getenv: func(string) string { return "" }, IsTerminal: true,
			RunTUI: func(o TUIOptions) error { got = o; return nil }})
		if code != ExitOK {
			t.Fatalf("%v: exit %d, %s", args, code, errOut.String())
		}
		return got, errOut.String()
	}
	o, _ := start()
	if o.KB == nil || o.Load != nil {
		t.Errorf("embedded only: KB %v, Load set %v", o.KB != nil, o.Load != nil)
	}
	bad := t.TempDir()
	if err := os.WriteFile(filepath.Join(bad, "x.yaml"), []byte("entries: [{id: 1}]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	o, errOut := start("--kb", bad)
	if o.KB != nil || o.Load == nil {
		t.Fatalf("--kb: KB %v, Load set %v", o.KB != nil, o.Load != nil)
	}
	k, warn, err := o.Load()
	if err != nil || k == nil || !strings.Contains(warn, "ignoré") {
		t.Errorf("Load: %v, %q, %v", k != nil, warn, err)
	}
	if errOut != "" {
		t.Errorf("stderr while the interface is up: %q", errOut)
	}
}
