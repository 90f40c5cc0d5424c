package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// withConfig writes config.yaml under a fresh XDG_CONFIG_HOME and returns
// the environment pointing there (HOME too, so that nothing resolves to
// the real home).
func withConfig(t *testing.T, yaml string) (map[string]string, string) {
	t.Helper()
	home := t.TempDir()
	env := map[string]string{"HOME": home, "XDG_CONFIG_HOME": filepath.Join(home, "cfg")}
	file := filepath.Join(home, "cfg", "ecps-assist", "config.yaml")
	if yaml != "" {
		if err := os.MkdirAll(filepath.Dir(file), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, []byte(yaml), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return env, file
}

func runEnv(t *testing.T, env map[string]string, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Run(Env{Args: args, Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb, Seeds: os.DirFS("../seeds"),
		Getenv: func(k string) string { return env[k] }})
	return out.String(), errb.String(), code
}

// A wrong key or type in the configuration is said once, as
// file:line:col, and the command runs on the defaults.
func TestConfigProblemsAreSaidOnce(t *testing.T) {
	env, file := withConfig(t, "theme: dark\nthemee: light\njournal:\n  retention_days: soon\n")
	for _, args := range [][]string{{"list"}, {"check-id", "810000123454"}, {"paths"}, {"version"}} {
		out, errs, code := runEnv(t, env, args...)
		if code != ExitOK || out == "" {
			t.Errorf("%q: exit %d, stdout %q", args, code, out)
		}
		want := "ecps-assist: warning: " + file + ":2:1: unknown key themee (known: theme, export_dir, kb, escalation, reply, journal) (ignored: default used)\n" +
			"ecps-assist: warning: " + file + ":4:19: journal.retention_days: expected a number of days (0 or more) (ignored: default used)\n"
		if errs != want {
			t.Errorf("%q: stderr\n%s\nwant\n%s", args, errs, want)
		}
	}
	// Completion stays quiet.
	if _, errs, code := runEnv(t, env, "__complete", "show", "ecps-ats"); code != ExitOK || strings.Contains(errs, "warning") {
		t.Errorf("__complete: exit %d, stderr %q", code, errs)
	}
}

// kb: in the configuration is loaded like --kb; a relative directory is
// relative to the configuration file; --kb adds to it.
func TestConfigKBDirs(t *testing.T) {
	over, err := filepath.Abs("../kb/testdata/override-ok")
	if err != nil {
		t.Fatal(err)
	}
	env, file := withConfig(t, "kb: ["+over+"]\n")
	out, errs, code := runEnv(t, env, "list")
	if code != ExitOK || errs != "" || !strings.HasSuffix(out, "\n54 réponses\n") {
		t.Errorf("list with kb configured: exit %d, stderr %q\n%s", code, errs, out)
	}
	out, _, code = runEnv(t, env, "lint")
	if code != ExitOK || !strings.Contains(out, "lint: ok — 54 entries") {
		t.Errorf("lint with kb configured: exit %d\n%s", code, out)
	}
	// Relative to the configuration's directory.
	team := filepath.Join(filepath.Dir(file), "team")
	if err := os.MkdirAll(team, 0o700); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(over, "override.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(team, "x.yaml"), data, 0o600); err != nil {
		t.Fatal(err)
	}
	env, _ = withConfig(t, "")
	env["XDG_CONFIG_HOME"] = filepath.Dir(filepath.Dir(file))
	if err := os.WriteFile(file, []byte("kb: [team]\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	out, errs, code = runEnv(t, env, "version")
	if code != ExitOK || !strings.Contains(out, "54 entries") || !strings.Contains(out, "embedded + "+team) {
		t.Errorf("relative kb: exit %d, %s\n%s", code, errs, out)
	}
	// Broken configured knowledge: named in the warning, embedded used.
	env, _ = withConfig(t, "kb: [../kb/testdata/lint/all]\n")
	if err := os.WriteFile(filepath.Join(env["XDG_CONFIG_HOME"], "ecps-assist", "config.yaml"), []byte("kb: ["+mustAbs(t, "../kb/testdata/lint/all")+"]\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	out, errs, code = runEnv(t, env, "list")
	if code != ExitOK || !strings.HasSuffix(out, "\n53 réponses\n") || !strings.Contains(errs, "warning: configured kb "+mustAbs(t, "../kb/testdata/lint/all")+" ignored") ||
		!strings.Contains(errs, `run "ecps-assist lint" for the full list`) {
		t.Errorf("broken configured kb: exit %d\nstderr: %s", code, errs)
	}
}

func mustAbs(t *testing.T, p string) string {
	t.Helper()
	a, err := filepath.Abs(p)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// paths prints every path, resolved from the environment and the
// configuration, and whether it exists; nothing is created.
func TestPaths(t *testing.T) {
	env, file := withConfig(t, "export_dir: ~/exports\njournal:\n  enabled: false\nkb: [team]\n")
	home := env["HOME"]
	if err := os.MkdirAll(filepath.Join(home, "exports"), 0o700); err != nil {
		t.Fatal(err)
	}
	out, errs, code := runEnv(t, env, "--kb", "../kb/testdata/override-ok", "paths")
	want := "config   " + file + " (exists)\n" +
		"kb       " + filepath.Join(filepath.Dir(file), "team") + " (absent, from the configuration)\n" +
		"kb       ../kb/testdata/override-ok (exists, --kb)\n" +
		"journal  " + filepath.Join(home, ".local", "state", "ecps-assist", "journal.db") + " (absent, disabled by journal.enabled)\n" +
		"exports  " + filepath.Join(home, "exports") + " (exists, from export_dir)\n" +
		"cache    " + filepath.Join(home, ".cache", "ecps-assist") + " (absent, decoded knowledge directories, safe to delete)\n"
	// The configured team directory is absent: a warning, not a failure.
	if code != ExitOK || out != want {
		t.Errorf("paths: exit %d\n%s\nwant\n%s\nstderr: %s", code, out, want, errs)
	}
	if _, err := os.Stat(filepath.Join(home, ".local")); err == nil {
		t.Errorf("paths created the state directory")
	}
	env[("ECPS_ASSIST_EXPORT_DIR")] = filepath.Join(home, "elsewhere")
	out, _, _ = runEnv(t, env, "paths", "--json")
	var rows []pathInfo
	if err := json.Unmarshal([]byte(out), &rows); err != nil || len(rows) != 5 {
		t.Fatalf("paths --json: %v\n%s", err, out)
	}
	if r := rows[3]; r.Name != "exports" || r.Path != filepath.Join(home, "elsewhere") || r.Exists || r.Note != "from ECPS_ASSIST_EXPORT_DIR" {
		t.Errorf("exports: %+v", r)
	}
	// No home at all: said, not invented.
	out, _, code = runEnv(t, map[string]string{}, "paths")
	if code != ExitOK || !strings.Contains(out, "config   - (unknown, cannot be resolved: HOME is not set)\n") {
		t.Errorf("paths without HOME: exit %d\n%s", code, out)
	}
}

// The escalation key is the line search and triage say when the base has
// nothing.
func TestConfigEscalation(t *testing.T) {
	env, _ := withConfig(t, "escalation: \"Transmettre au niveau 2 de l'équipe Alpha\"\n")
	out, errs, code := runEnv(t, env, "search", "zzqxw", "vbnmk")
	if code != ExitOK || errs != "" || !strings.Contains(out, "Transmettre au niveau 2 de l'équipe Alpha.") {
		t.Errorf("exit %d, stderr %q\n%s", code, errs, out)
	}
	out, _, _ = runEnv(t, map[string]string{}, "search", "zzqxw", "vbnmk")
	if !strings.Contains(out, "Transmettre au niveau 2 avec la transcription.") {
		t.Errorf("default escalation:\n%s", out)
	}
}
