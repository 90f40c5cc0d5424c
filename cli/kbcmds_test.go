package cli_test

import (
	"bytes"
	"encoding/json"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"ecps-assist/cli"
	"ecps-assist/kb"
	"ecps-assist/kb/kbtest"
)

// kbcRun runs the command line as main does, with the repository's seeds.
func kbcRun(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = cli.Run(cli.Env{
		Args:   args,
		Stdin:  strings.NewReader(""),
		Stdout: &out,
		Stderr: &errb,
		Seeds:  os.DirFS("../seeds"),
	})
	return code, out.String(), errb.String()
}

func kbcWant(t *testing.T, args []string, wantCode int) (string, string) {
	t.Helper()
	code, out, errs := kbcRun(t, args...)
	if code != wantCode {
		t.Fatalf("%q: exit %d, want %d\nstdout:\n%s\nstderr:\n%s", args, code, wantCode, out, errs)
	}
	return out, errs
}

func TestListGroupedByProduct(t *testing.T) {
	out, errs := kbcWant(t, []string{"list"}, cli.ExitOK)
	if errs != "" {
		t.Errorf("stderr: %s", errs)
	}
	k := kbtest.Embedded()
	present := map[string]int{}
	for _, e := range k.Entries {
		present[e.Product]++
	}
	lines := strings.Split(out, "\n")
	// Product headers ("e-CPS (18)") appear in kb.Products order, each once.
	last := -1
	for _, p := range kb.Products {
		if present[p] == 0 {
			continue
		}
		header := p + " (" + strconv.Itoa(present[p]) + ")"
		idx := -1
		for i, l := range lines {
			if l == header {
				if idx >= 0 {
					t.Errorf("header %q twice", header)
				}
				idx = i
			}
		}
		if idx < 0 {
			t.Errorf("no header %q in:\n%s", header, out)
			continue
		}
		if idx < last {
			t.Errorf("header %q out of product order", header)
		}
		last = idx
	}
	for _, e := range k.Entries {
		if !regexp.MustCompile(`(?m)^  ` + regexp.QuoteMeta(e.ID) + ` +` + regexp.QuoteMeta(e.Title) + `$`).MatchString(out) {
			t.Errorf("entry %q not listed", e.ID)
		}
	}
	if !strings.HasSuffix(out, "\n53 réponses\n") {
		t.Errorf("no final count \"53 réponses\":\n%s", out[max(0, len(out)-200):])
	}
}

func TestListJSON(t *testing.T) {
	out, _ := kbcWant(t, []string{"list", "--json"}, cli.ExitOK)
	var entries []map[string]any
	if err := json.Unmarshal([]byte(out), &entries); err != nil {
		t.Fatalf("list --json is not a JSON list of objects: %v", err)
	}
	if len(entries) != 53 {
		t.Errorf("%d entries, want 53", len(entries))
	}
	for _, e := range entries {
		for _, f := range []string{"id", "title", "answer", "product", "theme", "keywords", "sources"} {
			if _, ok := e[f]; !ok {
				t.Errorf("entry %v: no field %q", e["id"], f)
			}
		}
		for _, f := range []string{"id", "title", "answer", "product", "theme"} {
			if s, _ := e[f].(string); s == "" {
				t.Errorf("entry %v: field %q empty or not text", e["id"], f)
			}
		}
		if _, ok := e["keywords"].([]any); !ok {
			t.Errorf("entry %v: keywords is not a list", e["id"])
		}
		srcs, _ := e["sources"].([]any)
		if len(srcs) == 0 {
			t.Errorf("entry %v: no sources", e["id"])
		}
		for _, s := range srcs {
			m, _ := s.(map[string]any)
			seed, _ := m["seed"].(string)
			_, hasBlock := m["block"].(float64)
			quote, _ := m["quote"].(string)
			if seed == "" || (!hasBlock && quote == "") {
				t.Errorf("entry %v: source %v needs seed and block or quote", e["id"], s)
			}
		}
	}
}

func TestShow(t *testing.T) {
	out, _ := kbcWant(t, []string{"show", "ecps-device-incompatible"}, cli.ExitOK)
	for _, want := range []string{
		"Pourquoi l'application e-CPS refuse-t-elle mon téléphone ?\n",
		"- votre téléphone est rooté : votre téléphone est alors incompatible",
		"Identifiant : ecps-device-incompatible\n",
		"Produit     : e-CPS\n",
		"Sources     :\n  - seeds/000_50255237a135427a.txt, réponse n° 2\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("show: missing %q in:\n%s", want, out)
		}
	}

	out, _ = kbcWant(t, []string{"show", "ecps-device-incompatible", "--json"}, cli.ExitOK)
	var e map[string]any
	if err := json.Unmarshal([]byte(out), &e); err != nil {
		t.Fatalf("show --json: %v\n%s", err, out)
	}
	if e["id"] != "ecps-device-incompatible" || e["product"] != "e-CPS" || !strings.Contains(e["answer"].(string), "rooté") {
		t.Errorf("show --json: %v", e)
	}
	srcs, _ := e["sources"].([]any)
	if len(srcs) != 1 || srcs[0].(map[string]any)["seed"] != "000_50255237a135427a.txt" || srcs[0].(map[string]any)["block"] != 2.0 {
		t.Errorf("show --json sources: %v", e["sources"])
	}
	// Flags may come before the id too.
	kbcWant(t, []string{"show", "--json", "ecps-device-incompatible"}, cli.ExitOK)
}

func TestShowUnknown(t *testing.T) {
	out, errs := kbcWant(t, []string{"show", "nope"}, cli.ExitUsage)
	if out != "" || !strings.Contains(errs, `no entry "nope"`) {
		t.Errorf("show nope: stdout %q stderr %q", out, errs)
	}
	_, errs = kbcWant(t, []string{"show", "ecps-device"}, cli.ExitUsage)
	if !strings.Contains(errs, "did you mean: ") || !strings.Contains(errs, "ecps-device-incompatible") {
		t.Errorf("show ecps-device: no suggestion: %q", errs)
	}
	_, errs = kbcWant(t, []string{"show"}, cli.ExitUsage)
	if !strings.Contains(errs, "Usage:\n  ecps-assist show ID") {
		t.Errorf("show without id: %q", errs)
	}
	// Hostile ids are printed inert.
	_, errs = kbcWant(t, []string{"show", "\x1b]52;c;AAAA\x07"}, cli.ExitUsage)
	if strings.ContainsAny(errs, "\x1b\x07") {
		t.Errorf("control characters echoed: %q", errs)
	}
}

func TestUsageErrors(t *testing.T) {
	out, errs := kbcWant(t, []string{"frobnicate"}, cli.ExitUsage)
	if out != "" || !strings.Contains(errs, `unknown command or tree "frobnicate"`) || !strings.Contains(errs, "Usage:") || !strings.Contains(errs, "Commands:") {
		t.Errorf("unknown command: stdout %q stderr %q", out, errs)
	}
	for _, args := range [][]string{
		{"list", "--nope"},
		{"show", "ecps-device-incompatible", "--nope"},
		{"lint", "--nope"},
		{"version", "--nope"},
		{"--nope", "list"},
		{"list", "extra"},
		{"lint", "extra"},
	} {
		_, errs := kbcWant(t, args, cli.ExitUsage)
		if !regexp.MustCompile(`Usage:\s+ecps-assist`).MatchString(errs) {
			t.Errorf("%q: no usage on stderr: %q", args, errs)
		}
	}
}

func TestLintOK(t *testing.T) {
	out, errs := kbcWant(t, []string{"lint"}, cli.ExitOK)
	if errs != "" {
		t.Errorf("stderr: %s", errs)
	}
	if !strings.HasPrefix(out, "lint: ok") || strings.Count(out, "\n") != 1 {
		t.Errorf("lint: want one summary line \"lint: ok …\", got:\n%s", out)
	}
	if !strings.Contains(out, "53 entries") || !strings.Contains(out, "51 answer blocks") {
		t.Errorf("lint summary: %s", out)
	}
	// A valid override: a note, then ok.
	out, _ = kbcWant(t, []string{"--kb", "../kb/testdata/override-ok", "lint"}, cli.ExitOK)
	if !strings.Contains(out, "../kb/testdata/override-ok/override.yaml:4:5: note: entry \"ecps-one-per-person\" overrides") ||
		!strings.Contains(out, "lint: ok — 54 entries") {
		t.Errorf("lint with a valid override:\n%s", out)
	}
}

func TestLintAllProblems(t *testing.T) {
	const dir = "../kb/testdata/lint/all"
	for _, args := range [][]string{{"--kb", dir, "lint"}, {"lint", "--kb", dir}} {
		out, _ := kbcWant(t, args, cli.ExitFail)
		lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
		posLine := regexp.MustCompile(`^` + regexp.QuoteMeta(dir) + `/[a-z-]+\.yaml:\d+:\d+: `)
		files := map[string]bool{}
		errors := 0
		for _, l := range lines[:len(lines)-1] {
			if !posLine.MatchString(l) {
				t.Errorf("not a file:line:col line: %q", l)
				continue
			}
			files[l[len(dir)+1:strings.Index(l, ".yaml:")]] = true
			if !strings.Contains(l, ": note: ") {
				errors++
			}
		}
		if len(files) != 27 {
			t.Errorf("problems in %d fixture files, want 27 (one per kind): %v", len(files), files)
		}
		if last := lines[len(lines)-1]; last != "lint: "+strconv.Itoa(errors)+" problem(s)" {
			t.Errorf("last line %q, want the count of %d problems", last, errors)
		}
		for _, want := range []string{
			dir + "/dangling-next.yaml:13:43: node \"rooted\", option \"non\": next \"nowhere\" is not a node of this tree",
			dir + "/yaml-alias.yaml:6:12: YAML aliases (*q) are not supported",
			dir + "/missing-block.yaml:8:9: entry \"lint-missing-block\", source 1: seed 000_50255237a135427a.txt has 10 blocks, not 11",
		} {
			if !strings.Contains(out, want) {
				t.Errorf("missing %q", want)
			}
		}
	}
}

// A broken --kb never takes a command down: warning on stderr, embedded KB.
func TestBrokenOverrideFallsBack(t *testing.T) {
	out, errs := kbcWant(t, []string{"--kb", "../kb/testdata/lint/all", "show", "ecps-one-per-person"}, cli.ExitOK)
	if !strings.Contains(errs, "warning: --kb ../kb/testdata/lint/all ignored") {
		t.Errorf("no warning: %q", errs)
	}
	if !strings.Contains(out, "Produit     : e-CPS\n") {
		t.Errorf("not the embedded entry:\n%s", out)
	}
	out, _ = kbcWant(t, []string{"--kb", "../kb/testdata/lint/all", "list"}, cli.ExitOK)
	if !strings.HasSuffix(out, "\n53 réponses\n") || strings.Contains(out, "lint-") {
		t.Errorf("list with a broken override is not the embedded KB")
	}
}

func TestVersion(t *testing.T) {
	want := regexp.MustCompile(`^ecps-assist ` + regexp.QuoteMeta(cli.Version()) + ` \(go1\.[0-9.]+[^ ]*, [a-z0-9]+/[a-z0-9]+\)\n` +
		`knowledge: 53 entries, \d+ trees, content ([0-9a-f]{12}) \(embedded\)\n$`)
	var hash string
	for _, args := range [][]string{{"version"}, {"--version"}, {"-v"}} {
		out, _ := kbcWant(t, args, cli.ExitOK)
		m := want.FindStringSubmatch(out)
		if m == nil {
			t.Errorf("%q: %q", args, out)
			continue
		}
		if hash != "" && m[1] != hash {
			t.Errorf("%q: hash %s, was %s", args, m[1], hash)
		}
		hash = m[1]
	}
	// An override changes the content, so the hash.
	out, _ := kbcWant(t, []string{"--kb", "../kb/testdata/override-ok", "--version"}, cli.ExitOK)
	if !strings.Contains(out, "knowledge: 54 entries") || strings.Contains(out, hash) || !strings.Contains(out, "(embedded + ../kb/testdata/override-ok)") {
		t.Errorf("version with --kb (embedded hash %s):\n%s", hash, out)
	}
	// An ignored directory is named as such, with the embedded hash.
	for _, args := range [][]string{{"--kb", "/nonexistent", "version"}, {"--kb", "../kb/testdata/team-bad", "--version"}} {
		out, _ := kbcWant(t, args, cli.ExitOK)
		if !strings.Contains(out, hash) || !strings.Contains(out, "(embedded; ignored: "+args[1]+")") {
			t.Errorf("%q:\n%s", args, out)
		}
	}
	kbcWant(t, []string{"--version", "x"}, cli.ExitUsage)
}

func TestSubcommandHelp(t *testing.T) {
	for _, name := range []string{"list", "show", "lint", "version"} {
		for _, h := range []string{"-h", "--help"} {
			out, errs := kbcWant(t, []string{name, h}, cli.ExitOK)
			// The flag package prints the help on the flag set's output.
			if both := out + errs; !strings.Contains(both, "Usage:\n  ecps-assist "+name) {
				t.Errorf("%s %s: no usage:\nstdout %q\nstderr %q", name, h, out, errs)
			}
		}
	}
	out, _ := kbcWant(t, []string{"-h"}, cli.ExitOK)
	for _, name := range []string{"list", "show", "lint", "version"} {
		if !regexp.MustCompile(`(?m)^  ` + name + ` `).MatchString(out) {
			t.Errorf("top-level help does not list %s", name)
		}
	}
}
