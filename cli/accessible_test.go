package cli

import (
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
			"# Diagnostic : L'application e-CPS refuse le téléphone", "→ Oui", "## Conclusion : Résolu"} {
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
