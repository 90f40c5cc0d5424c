package cli

import (
	"bytes"
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"ecps-assist/journal"
	"ecps-assist/kb/kbtest"
)

func jRun(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Run(Env{Args: args, Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb, Seeds: os.DirFS("../seeds"), Getenv: os.Getenv})
	return code, out.String(), errb.String()
}

// stateDir points the journal at a temporary state directory.
func stateDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	t.Setenv("XDG_STATE_HOME", dir)
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(dir, "config"))
	return filepath.Join(dir, "ecps-assist", "journal.db")
}

var jt0 = time.Now().Add(-time.Hour).Truncate(time.Millisecond)

func seedJournal(t *testing.T, path string) {
	t.Helper()
	j, err := journal.Open(path, journal.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer j.Close()
	no := false
	saves := []journal.Diagnosis{
		{UID: "a", Rev: 1, Tree: "ecps-device-integrity", Started: jt0, Updated: jt0.Add(time.Minute), Ended: jt0.Add(time.Minute), State: journal.StateConcluded,
			Node: "concl-sim", Verdict: "resolved", Helpful: &no, Steps: []journal.Step{
				{Node: "rooted", Answer: "non", At: jt0}, {Node: "unofficial-app", Answer: "non", At: jt0}}},
		{UID: "b", Rev: 1, Tree: "ecps-activation-error", Started: jt0.AddDate(0, 0, -3), Updated: jt0.AddDate(0, 0, -3),
			State: journal.StateOpen, Node: "check-idnat", Pending: "8100123", Steps: []journal.Step{
				{Node: "platform", Answer: "iphone", At: jt0.AddDate(0, 0, -3)}}},
	}
	for _, d := range saves {
		if _, err := j.Save(d); err != nil {
			t.Fatal(err)
		}
	}
	j.AddLookup(journal.Lookup{At: jt0, Kind: journal.LookupSearch, Words: "imprimante", Confidence: "none"})
}

// The database is opened only by what needs it: list, show, search,
// check-id, triage, trees and diagnose never touch it (a corrupt file
// would be set aside by any opening; history proves it).
func TestJournalNotOpenedByOtherCommands(t *testing.T) {
	path := stateDir(t)
	os.MkdirAll(filepath.Dir(path), 0o700)
	garbage := []byte(strings.Repeat("garbage ", 512))
	os.WriteFile(path, garbage, 0o600)
	for _, args := range [][]string{
		{"list"}, {"show", "ecps-device-incompatible"}, {"search", "telephone", "roote"}, {"check-id", "10000123454"},
		{"triage", "-"}, {"trees"}, {"diagnose", "ecps-device-integrity", "--answers", "non"}, {"version"},
	} {
		jRun(t, args...)
		entries, _ := os.ReadDir(filepath.Dir(path))
		if len(entries) != 1 {
			t.Fatalf("%v touched the journal directory: %v", args, entries)
		}
		if got, _ := os.ReadFile(path); !bytes.Equal(got, garbage) {
			t.Fatalf("%v opened the journal", args)
		}
	}
	jRun(t, "history")
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) < 2 {
		t.Fatalf("history should have opened the journal (and set the corrupt file aside): %v", entries)
	}
}

// jRun2 is jRun's exit code dropped.
func jRun2(t *testing.T, args ...string) (string, string) {
	t.Helper()
	_, out, errs := jRun(t, args...)
	return out, errs
}

func TestHistory(t *testing.T) {
	path := stateDir(t)
	code, out, _ := jRun(t, "history")
	if code != 0 || !strings.Contains(out, "Aucun diagnostic enregistré") {
		t.Fatalf("empty: %d %q", code, out)
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Fatal("history must not create a journal")
	}
	seedJournal(t, path)
	code, out, errs := jRun(t, "history", "--json")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if code != 0 || len(lines) != 2 {
		t.Fatalf("json: %d %q %s", code, out, errs)
	}
	var first map[string]any
	if err := json.Unmarshal([]byte(lines[0]), &first); err != nil {
		t.Fatal(err)
	}
	if first["tree"] != "ecps-device-integrity" || first["helpful"] != false || len(first["steps"].([]any)) != 2 ||
		first["title"] != "L'application e-CPS refuse le téléphone" {
		t.Errorf("newest first, with steps: %v", first)
	}
	// one schema: every line has every key, an open diagnosis included
	// (ended null, no verdict)
	var second map[string]any
	if err := json.Unmarshal([]byte(lines[1]), &second); err != nil {
		t.Fatal(err)
	}
	keys := func(m map[string]any) string { return strings.Join(slices.Sorted(maps.Keys(m)), " ") }
	const want = "comment ended helpful id kb_hash node note pending started state steps ticket title tree updated verdict"
	if keys(first) != want || keys(second) != want {
		t.Errorf("history --json keys:\n%s\n%s\nwant %s", keys(first), keys(second), want)
	}
	if (first["ended"] == nil) == (second["ended"] == nil) {
		t.Errorf("one seeded diagnosis is ended, the other open: %v / %v", first["ended"], second["ended"])
	}
	for _, tc := range []struct {
		args []string
		want int
	}{
		{[]string{"--today"}, 1},
		{[]string{"--since", jt0.AddDate(0, 0, -5).Format("2006-01-02")}, 2},
		{[]string{"--tree", "ecps-activation-error"}, 1},
		{[]string{"--verdict", "resolved"}, 1},
		{[]string{"--verdict", "escalate"}, 0},
	} {
		_, out, _ := jRun(t, append([]string{"history", "--json"}, tc.args...)...)
		if n := strings.Count(out, "\n"); n != tc.want {
			t.Errorf("%v: %d lines, want %d\n%s", tc.args, n, tc.want, out)
		}
	}
	_, out, _ = jRun(t, "history")
	for _, want := range []string{"conclu : Résolu", "utile : non", "1. Le téléphone est-il rooté", "→ Non ou ne sait pas", "ecps-assist resume 2",
		"en attente : Saisissez l'identifiant national", "saisi, pas encore vérifié : 8100123"} {
		if !strings.Contains(out, want) {
			t.Errorf("text lacks %q:\n%s", want, out)
		}
	}
	for _, bad := range [][]string{{"--today", "--since", "2026-01-01"}, {"--since", "hier"}, {"--verdict", "ok"}, {"--before", "2026-01-01"}} {
		if code, _, errs := jRun(t, append([]string{"history"}, bad...)...); code != ExitUsage || errs == "" {
			t.Errorf("%v: exit %d %q", bad, code, errs)
		}
	}
	// A filter purge would ignore is refused: it would delete them all.
	for _, bad := range [][]string{{"--tree", "ecps-activation-error"}, {"--today"}, {"--since", "2026-01-01"}, {"--verdict", "resolved"}, {"--json"}} {
		code, _, errs := jRun(t, append([]string{"history", "--purge"}, bad...)...)
		if code != ExitUsage || !strings.Contains(errs, bad[0]+" does not go with --purge") {
			t.Errorf("--purge %v: exit %d %q", bad, code, errs)
		}
	}
	// a mistyped tree is said, with the near ids; a known tree without
	// diagnoses is no error
	if code, out, errs := jRun(t, "history", "--tree", "ecps-activation-eror"); code != ExitUsage || out != "" ||
		!strings.Contains(errs, `--tree "ecps-activation-eror": no such tree; did you mean: ecps-activation-error`) {
		t.Errorf("mistyped --tree: exit %d %q %q", code, out, errs)
	}
	if code, out, _ := jRun(t, "history", "--tree", "cps-firefox"); code != 0 || !strings.Contains(out, "Aucun diagnostic ne correspond.") {
		t.Errorf("known tree, no diagnosis: exit %d %q", code, out)
	}
	if _, errs := jRun2(t, "history", "--verdict", "ok"); !strings.Contains(errs, "refer") {
		t.Errorf("the verdicts listed lack refer: %q", errs)
	}
	code, out, _ = jRun(t, "history", "--purge", "--before", jt0.AddDate(0, 0, -1).Format("2006-01-02"))
	if code != 0 || !strings.Contains(out, "1 diagnostic supprimé") {
		t.Fatalf("purge --before: %d %q", code, out)
	}
	code, out, _ = jRun(t, "history", "--purge")
	if code != 0 || !strings.Contains(out, "1 diagnostic supprimé") {
		t.Fatalf("purge: %d %q", code, out)
	}
}

func TestHistoryJournalDisabled(t *testing.T) {
	path := stateDir(t)
	cfg := filepath.Join(os.Getenv("XDG_CONFIG_HOME"), "ecps-assist", "config.yaml")
	os.MkdirAll(filepath.Dir(cfg), 0o700)
	os.WriteFile(cfg, []byte("journal:\n  enabled: false\n"), 0o600)
	code, _, errs := jRun(t, "history")
	if code != ExitFail || !strings.Contains(errs, "désactivé") {
		t.Fatalf("%d %q", code, errs)
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Fatal("a disabled journal must not be created")
	}
}

func TestStatsCommand(t *testing.T) {
	path := stateDir(t)
	seedJournal(t, path)
	code, out, errs := jRun(t, "stats")
	if code != 0 {
		t.Fatalf("%d %s", code, errs)
	}
	for _, want := range []string{"ecps-device-integrity — L'application e-CPS refuse le téléphone", "conclus", "0 % utile (0 oui sur 1)",
		"« imprimante »", "arrêt ×1 à « Saisissez l'identifiant national"} {
		if !strings.Contains(out, want) {
			t.Errorf("text lacks %q:\n%s", want, out)
		}
	}
	var r journal.Report
	_, out, _ = jRun(t, "stats", "--format", "json", "--from", path, path)
	if err := json.Unmarshal([]byte(out), &r); err != nil || r.Diagnoses != 4 || len(r.Files) != 2 {
		t.Fatalf("--from twice: %+v %v", r, err)
	}
	_, out, _ = jRun(t, "stats", "--format", "md", "--since", jt0.Format("2006-01-02"))
	if !strings.Contains(out, "| ecps-device-integrity | 1 | 1 | 0 | Résolu 1 |") || strings.Contains(out, "ecps-activation-error") {
		t.Errorf("md --since:\n%s", out)
	}
	if code, _, _ := jRun(t, "stats", "--format", "html"); code != ExitUsage {
		t.Errorf("bad format: exit %d", code)
	}
	missing := filepath.Join(t.TempDir(), "x.db")
	if code, _, errs := jRun(t, "stats", "--from", missing); code != ExitFail || errs != "ecps-assist stats: cannot read "+missing+": no such file or directory\n" {
		t.Errorf("missing file: exit %d, stderr %q", code, errs)
	}
	notJournal := filepath.Join(t.TempDir(), "notes.txt")
	os.WriteFile(notJournal, []byte("pas une base"), 0o600)
	if code, _, errs := jRun(t, "stats", "--from", notJournal); code != ExitFail || !strings.HasPrefix(errs, "ecps-assist stats: "+notJournal+": ") {
		t.Errorf("not a journal: exit %d, stderr %q", code, errs)
	}
}

// The text report fits the width, accents included.
func TestStatsTextFitsWidth(t *testing.T) {
	r := &journal.Report{Files: []string{"a"}, Diagnoses: 3, Trees: []journal.TreeStats{{Tree: "ecps-device-integrity",
		Started: 300, Concluded: 200, Abandoned: 100, Votes: 3, Helpful: 1, Rate: new(33.3),
		Verdicts: []journal.Count{{Key: "resolved", N: 200}}, StoppedAt: []journal.Count{{Key: "rooted", N: 100}}}},
		Unanswered: []journal.Unanswered{{Words: "imprimante", N: 3, Searches: 2, Triages: 1}}}
	for _, w := range []int{40, 80, 132} {
		var b bytes.Buffer
		writeStatsText(&b, kbtest.Embedded(), r, w)
		for _, l := range strings.Split(b.String(), "\n") {
			if lw := visibleWidth(l); lw > w {
				t.Errorf("width %d: line of %d cells: %q", w, lw, l)
			}
		}
		if !strings.Contains(b.String(), "█") {
			t.Errorf("no bars at %d", w)
		}
	}
}

func visibleWidth(s string) int {
	return len([]rune(stripANSI(s)))
}

func stripANSI(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == 0x1b {
			for i < len(s) && s[i] != 'm' {
				i++
			}
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// The accessible mode records its diagnoses like the TUI.
func TestAccessibleModeRecords(t *testing.T) {
	path := stateDir(t)
	t.Setenv("ACCESSIBLE", "1")
	var out, errb bytes.Buffer
	code := Run(Env{Args: nil, Stdin: strings.NewReader("telephone roote\n1\nNon\nNon\n"), Stdout: &out, Stderr: &errb,
		Seeds: os.DirFS("../seeds"), Getenv: os.Getenv})
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	j, err := journal.Open(path, journal.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer j.Close()
	list, err := j.List(journal.Filter{})
	if err != nil || len(list) != 1 || len(list[0].Steps) != 2 || list[0].State != journal.StateOpen || list[0].Node != "alt-store" {
		t.Fatalf("recorded %+v %v\n%s", list, err, out.String())
	}
}
