package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// A --kb that holds no knowledge (a file that is not YAML, an empty
// directory, a directory without .yaml/.yml files) is a mistyped override:
// lint reports it as a problem naming the path (exit 1), the other commands
// warn and use the embedded KB, as for any broken override.
func TestKBOverrideWithoutKnowledgeIsReported(t *testing.T) {
	empty := t.TempDir()
	noYAML := t.TempDir()
	if err := os.WriteFile(filepath.Join(noYAML, "notes.txt"), []byte("entries: []\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(noYAML, "sub"), 0o700); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, path, want string
	}{
		{"file not YAML", "../README.md", "../README.md: --kb is not a directory or a .yaml/.yml file"},
		{"empty directory", empty, empty + ": the knowledge directory holds no .yaml or .yml file"},
		{"directory without YAML", noYAML, noYAML + ": the knowledge directory holds no .yaml or .yml file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errs, code := run(t, "", "--kb", tt.path, "lint")
			if code != ExitFail || !strings.Contains(out, tt.want) || !strings.Contains(out, "lint: 1 problem(s)") {
				t.Errorf("lint: exit %d, want %d with %q\nstdout:\n%s\nstderr:\n%s", code, ExitFail, tt.want, out, errs)
			}
			out, errs, code = run(t, "", "--kb", tt.path, "version")
			if code != ExitOK || !strings.Contains(errs, "warning: --kb "+tt.path+" ignored") || !strings.Contains(errs, tt.want) ||
				!strings.Contains(out, "53 entries") {
				t.Errorf("version: exit %d\nstdout:\n%s\nstderr:\n%s", code, out, errs)
			}
		})
	}
	// One .yaml file is still a valid --kb.
	out, errs, code := run(t, "", "--kb", "../kb/testdata/override-ok/override.yaml", "lint")
	if code != ExitOK || !strings.Contains(out, "lint: ok — 54 entries") {
		t.Errorf("--kb FILE.yaml: exit %d\n%s%s", code, out, errs)
	}
}

// check-id's usage errors are English and exit 2: an unknown --kind (not
// the French message of diagnose.ParseIDKind) and a value with nothing to
// check (not an "invalid identifier" with an empty « Espaces retirés » note).
func TestCheckIDUsageErrors(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"unknown kind", []string{"123", "--kind", "foo"}, `check-id: unknown --kind "foo" (valid: auto, idnat, rpps, adeli, siret, finess, rpps-rang)`},
		{"empty", []string{""}, "check-id: the identifier is empty or blank"},
		{"blank", []string{"   "}, "check-id: the identifier is empty or blank"},
		{"blank json", []string{"--json", " \t "}, "check-id: the identifier is empty or blank"},
		{"separators only", []string{" - . "}, `check-id: the identifier " - . " holds only spaces and separators`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errs, code := run(t, "", append([]string{"check-id"}, tt.args...)...)
			if code != ExitUsage || out != "" || !strings.Contains(errs, "ecps-assist "+tt.want) || !usageOf(errs, "check-id") {
				t.Errorf("exit %d, want %d and %q\nstdout:\n%s\nstderr:\n%s", code, ExitUsage, tt.want, out, errs)
			}
			for _, fr := range []string{"inconnu", "INVALIDE", "retirés", "Saisie vide"} {
				if strings.Contains(out+errs, fr) {
					t.Errorf("French domain text %q in a usage error:\n%s%s", fr, out, errs)
				}
			}
		})
	}
}

// At a check node the pending object says it is a check and what it
// checks; its options are empty (the outcomes are the checker's results,
// not answers to replay with --answers).
func TestDiagnosePendingCheckNodeJSON(t *testing.T) {
	type answer struct{ ID, Label string }
	type pending struct {
		Node, Kind, Check string
		Options           []answer
		Outcomes          []answer
	}
	decode := func(args ...string) pending {
		t.Helper()
		out, errs, code := run(t, "", append([]string{"diagnose", "ecps-activation-error", "--format", "json"}, args...)...)
		if code != ExitPending {
			t.Fatalf("%v: exit %d: %s", args, code, errs)
		}
		var r struct{ Pending *pending }
		if err := json.Unmarshal([]byte(out), &r); err != nil || r.Pending == nil {
			t.Fatalf("%v: %v\n%s", args, err, out)
		}
		if !strings.Contains(out, `"options": []`) && len(r.Pending.Options) == 0 {
			t.Errorf("%v: options is not an empty list:\n%s", args, out)
		}
		return *r.Pending
	}
	p := decode("--answers", "android,ecps")
	if p.Node != "check-idnat" || p.Kind != "check" || p.Check != "idnat" || len(p.Options) != 0 {
		t.Errorf("check node: %+v", p)
	}
	outcomes := map[string]bool{}
	for _, o := range p.Outcomes {
		outcomes[o.ID] = o.Label != ""
	}
	if !outcomes["valid"] || !outcomes["missing-prefix"] {
		t.Errorf("check node outcomes: %+v", p.Outcomes)
	}
	p = decode()
	if p.Kind != "question" || len(p.Options) != 2 || p.Options[0].ID != "android" || p.Check != "" || p.Outcomes != nil {
		t.Errorf("question node: %+v", p)
	}
}

// Replaying a check outcome with --answers, or --input with answers that
// stop before the check node, is told in those words.
func TestDiagnoseCheckNodeErrors(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		want    string
		notWant string
	}{
		{"outcome as an answer", []string{"--answers", "android,ecps,valid"},
			`node "check-idnat" is a check node (idnat): "valid" is one of its outcomes, not an answer; give the identifier with --input`, ""},
		{"answer at a check node", []string{"--answers", "android,ecps,oui"},
			`node "check-idnat" is a check node (idnat): give the identifier with --input before answering oui`, ""},
		{"answers stop before the check", []string{"--answers", "android", "--input", "810000123454"},
			`--input "810000123454" given but the answers stop at node "android-app" before any check node; answer it first (options: ecps, bas)`,
			"no check node on this path"},
		{"inputs beyond the check", []string{"--answers", "android,ecps", "--input", "810000123454", "--input", "1"},
			`the answers stop at node "annuaire" before another check node`, ""},
		{"conclusion without a check", []string{"--answers", "android,bas", "--input", "1"},
			`conclusion "concl-bas-app" is reached with no check node on this path`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, errs, code := run(t, "", append([]string{"diagnose", "ecps-activation-error"}, tt.args...)...)
			if code != ExitUsage || !strings.Contains(errs, "ecps-assist diagnose: ") || !strings.Contains(errs, tt.want) ||
				(tt.notWant != "" && strings.Contains(errs, tt.notWant)) {
				t.Errorf("exit %d, want %d and %q\nstderr: %s", code, ExitUsage, tt.want, errs)
			}
		})
	}
}

// Suggestions for a mistyped id rank by edit distance.
func TestNearIDs(t *testing.T) {
	ids := []string{"ecps-activation-error-causes", "ecps-device-incompatible", "ecps-correspondence-mail",
		"ecps-one-per-person", "ecps-store-apps", "ecps-atlas", "ecps-atsam", "ecps-what-is", "cps-firefox-config", "igc-role"}
	tests := []struct {
		in   string
		want []string
	}{
		{"ecps-atsm", []string{"ecps-atsam", "ecps-atlas"}},      // a letter missing
		{"ecps-astam", []string{"ecps-atsam", "ecps-atlas"}},     // two letters swapped
		{"ECPS-ATSAM", []string{"ecps-atsam", "ecps-atlas"}},     // case
		{"ecps-one-per-persno", []string{"ecps-one-per-person"}}, // swap at the end
		{"cps-firefx", []string{"cps-firefox-config"}},           // the start, mistyped
		{"ecps-device", []string{"ecps-device-incompatible"}},    // the start
		{"atsam", []string{"ecps-atsam"}},                        // contained
		{"igc-rle", []string{"igc-role"}},                        // short id: one edit
		{"ecps-atsan", []string{"ecps-atsam", "ecps-atlas"}},     // closest first
		{"ecps", []string{"ecps-activation-error-causes", "ecps-device-incompatible", "ecps-correspondence-mail", "ecps-one-per-person", "ecps-store-apps"}}, // at most 5
		{"zzzz", nil},
		{"", nil},
		{"x", nil},
	}
	for _, tt := range tests {
		if got := nearIDs(tt.in, ids); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("nearIDs(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"show", "ecps-atsm"}, "did you mean: ecps-atsam\n"},
		{[]string{"diagnose", "cps-firefx"}, "did you mean: cps-firefox"},
		{[]string{"lnt"}, "did you mean: lint"},
	} {
		_, errs, code := run(t, "", tt.args...)
		if code != ExitUsage || !strings.Contains(errs, tt.want) {
			t.Errorf("%q: exit %d, want %q in:\n%s", tt.args, code, tt.want, errs)
		}
	}
}

// A flag error of a command is a usage error like the others: prefixed
// "ecps-assist CMD:", the command's usage on stderr, exit 2.
func TestFlagErrorsArePrefixed(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"list", "-bogus"}, "ecps-assist list: unknown flag: --bogus\n\nUsage:\n  ecps-assist list"},
		// a flag of another command is as unknown, whatever the tree made
		{[]string{"list", "-batch"}, "ecps-assist list: unknown flag: --batch\n\nUsage:\n  ecps-assist list"},
		{[]string{"show", "ecps-atsam", "--nope"}, "ecps-assist show: unknown flag: --nope\n\nUsage:\n  ecps-assist show ID"},
		{[]string{"search", "--limit", "x", "carte"}, `ecps-assist search: invalid argument "x" for "--limit" flag: expected a whole number` + "\n"},
		{[]string{"check-id", "--kind"}, "ecps-assist check-id: flag needs an argument: --kind"},
		{[]string{"diagnose", "ecps-activation-error", "--format"}, "ecps-assist diagnose: flag needs an argument: --format"},
		{[]string{"--nope"}, "ecps-assist: unknown flag: --nope"},
	}
	for _, tt := range tests {
		out, errs, code := run(t, "", tt.args...)
		if code != ExitUsage || out != "" || !strings.HasPrefix(errs, tt.want) || !strings.Contains(errs, "Flags:") {
			t.Errorf("%q: exit %d, want %d and stderr starting %q\nstdout: %q\nstderr:\n%s", tt.args, code, ExitUsage, tt.want, out, errs)
		}
	}
	// -h still prints the help on stdout, nothing on stderr.
	out, errs, code := run(t, "", "list", "-h")
	if code != ExitOK || !usageOf(out, "list") || errs != "" {
		t.Errorf("list -h: exit %d\nstdout: %q\nstderr: %q", code, out, errs)
	}
}

// usageOf reports whether text holds the usage of the command name.
func usageOf(text, name string) bool {
	return strings.Contains(text, "Usage:\n  ecps-assist "+name)
}

// triage reading a terminal says so on stderr; a pipe or a file is silent.
func TestTriageHintsWhenStdinIsATerminal(t *testing.T) {
	const hint = "ecps-assist triage: reading the ticket from stdin; end with Ctrl+D\n"
	tests := []struct {
		name     string
		terminal bool
		args     []string
		hint     bool
	}{
		{"terminal", true, []string{"triage"}, true},
		{"terminal, -", true, []string{"triage", "-", "--json"}, true},
		{"pipe", false, []string{"triage"}, false},
		{"terminal, file", true, []string{"triage", "../README.md"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			code := Run(Env{Args: tt.args, Stdin: strings.NewReader("la carte CPS n'est pas vue dans firefox"),
				Stdout: &out, Stderr: &errb, StdinIsTerminal: tt.terminal, Seeds: os.DirFS("../seeds")})
			if code != ExitOK || strings.Contains(errb.String(), hint) != tt.hint || (!tt.hint && errb.Len() > 0) {
				t.Errorf("exit %d, hint wanted: %v\nstderr: %q", code, tt.hint, errb.String())
			}
			if tt.hint && !strings.HasPrefix(errb.String(), hint) {
				t.Errorf("the hint is not the only stderr line: %q", errb.String())
			}
		})
	}
}
