package cli

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"testing"

	"github.com/spf13/pflag"

	"ecps-assist/batch"
	"ecps-assist/kb"
)

const batchInput = `{"id": "T1", "text": "bjr la carte CPS n'est pas reconnue dans firefox"}
{"id": "T2", "text": "le certificat IGC-Santé du cabinet expire le mois prochain"}
{"id": "T3", "text": pas du JSON}
{"id": "T4", "text": "mon RPPS 10000123455 ne passe pas pour activer ma e-CPS"}
`

func TestTriageBatchBadLineGoesOn(t *testing.T) {
	out, errs, code := run(t, batchInput, "triage", "--batch", "--summary", "--jobs", "2")
	if code != ExitFail {
		t.Errorf("exit %d, want %d (a bad line)", code, ExitFail)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != 4 {
		t.Fatalf("%d lines on stdout:\n%s", len(lines), out)
	}
	var ids []string
	for _, l := range lines {
		var r struct {
			ID, Confidence string
			ErrorKind      string `json:"error_kind"`
			Trees          []struct{ ID string }
		}
		if err := json.Unmarshal([]byte(l), &r); err != nil {
			t.Fatalf("%v: %s", err, l)
		}
		ids = append(ids, r.ID+":"+r.ErrorKind)
	}
	if strings.Join(ids, " ") != "T1: T2: :invalid-json T4:" {
		t.Errorf("lines: %v", ids)
	}
	for _, want := range []string{"line 3: invalid JSON", "Tri par lot : 3 tickets triés ; lignes en erreur : 1", "cps-firefox", "invalid-json", "idnat · bad-key"} {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errs)
		}
	}
	if strings.Contains(out, "Tri par lot") {
		t.Error("the report went to stdout with the lines")
	}
}

func TestTriageBatchOutFileAndReport(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "res.jsonl")
	good := strings.ReplaceAll(batchInput, "{\"id\": \"T3\", \"text\": pas du JSON}\n", "")
	out, errs, code := run(t, good, "triage", "--batch", "-", "--out", path, "--summary", "--summary-format", "md")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.HasPrefix(out, "# Tri par lot : 3 tickets triés") {
		t.Errorf("with --out, the report goes to stdout:\n%s", out)
	}
	data, err := os.ReadFile(path)
	if err != nil || strings.Count(string(data), "\n") != 3 {
		t.Fatalf("%v: %s", err, data)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("temporary file left: %v", entries)
	}
	if st, _ := os.Stat(path); st.Mode().Perm() != 0o600 {
		t.Errorf("mode %v", st.Mode().Perm())
	}
	for _, f := range []string{"text", "md", "json", "html"} {
		out, errs, code = run(t, "", "report", path, "--format", f)
		if code != ExitOK || !strings.Contains(out, "cps-firefox") {
			t.Errorf("report --format %s: exit %d %s\n%s", f, code, errs, out)
		}
	}
	out, errs, code = run(t, string(data)+"pas un résultat\n", "report", "-")
	if code != ExitFail || !strings.Contains(errs, "line 4: not a batch result") || !strings.Contains(out, "3 tickets") {
		t.Errorf("report of a broken file: exit %d\n%s\n%s", code, errs, out)
	}
}

func TestTriageBatchCSV(t *testing.T) {
	in := "Ref,Sujet,Corps\n" +
		"A1,Firefox,\"la carte CPS\nn'est pas reconnue dans firefox\"\n" +
		"A2,\"Certificat\",\"expire bientôt, comment le renouveler ?\"\n"
	out, errs, code := run(t, in, "triage", "--batch", "--format", "csv", "--id-field", "ref", "--text-field", "sujet,corps")
	if code != ExitOK || strings.Count(out, "\n") != 2 || !strings.Contains(out, `"id":"A1"`) || !strings.Contains(out, `"line":4`) {
		t.Errorf("exit %d %s\n%s", code, errs, out)
	}
	_, errs, code = run(t, in, "triage", "--batch", "--format", "csv")
	if code != ExitFail || !strings.Contains(errs, "no column text") {
		t.Errorf("missing column: exit %d %s", code, errs)
	}
}

func TestTriageBatchUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{"triage", "--batch", "--format", "xml"},
		{"triage", "--batch", "--summary-format", "pdf"},
		{"triage", "--batch", "--jobs", "-1"},
		{"triage", "--batch", "--jobs", "100000"}, // each worker holds tickets in flight
		{"--kb", "a", "--kb", "b", "version"},     // the first would be dropped
		{"triage", "--batch", "a", "b"},
		{"triage", "--batch", "--text-field", " , "},
		{"report", "--format", "pdf"},
	} {
		if _, errs, code := run(t, "", args...); code != ExitUsage || !strings.Contains(errs, "Usage") {
			t.Errorf("%v: exit %d\n%s", args, code, errs)
		}
	}
	if _, errs, code := run(t, "", "triage", "--batch", "/nonexistent/x.jsonl"); code != ExitFail || !strings.Contains(errs, "cannot read") {
		t.Errorf("missing file: exit %d %s", code, errs)
	}
}

// TestTriageBatchInterruptedLeavesNoFile: a run stopped (Ctrl+C cancels
// the context) writes neither the output nor a temporary file.
func TestTriageBatchInterruptedLeavesNoFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "res.jsonl")
	k, _, _ := kb.Load("")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	streams := &IOStreams{In: strings.NewReader(strings.Repeat(batchInput, 100)), Out: io.Discard, ErrOut: io.Discard}
	o := &BatchOptions{IO: streams, Input: "-", Format: "jsonl", IDField: batch.DefaultFields.ID, TextField: "text", Out: path, Jobs: 2, Limit: 3}
	err := runTriageBatch(ctx, k, o)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("error %v, want context.Canceled", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("files left: %v", entries)
	}
}

// A batch collects later (tuneGC), unless GOGC or GOMEMLIMIT is set, and
// the settings come back after.
func TestTuneGC(t *testing.T) {
	before := debug.SetGCPercent(100)
	defer debug.SetGCPercent(before)
	restore := tuneGC(func(string) string { return "" })
	if pct := debug.SetGCPercent(batchGCPercent); pct != batchGCPercent {
		t.Errorf("GC percent during a batch: %d", pct)
	}
	if lim := debug.SetMemoryLimit(-1); lim != batchHeapLimit {
		t.Errorf("memory limit during a batch: %d", lim)
	}
	restore()
	if pct := debug.SetGCPercent(100); pct != 100 {
		t.Errorf("GC percent after a batch: %d, want 100", pct)
	}
	restore = tuneGC(func(k string) string {
		if k == "GOGC" {
			return "50"
		}
		return ""
	})
	defer restore()
	if pct := debug.SetGCPercent(100); pct != 100 {
		t.Errorf("GOGC set: the batch changed the GC percent to %d", pct)
	}
}

// The flags of --batch given without it are usage errors naming the flag:
// triage of one ticket would ignore them (--out would write nothing).
func TestTriageBatchFlagsNeedBatch(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "x.jsonl")
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"--out", out}, "ecps-assist triage: --out needs --batch\n"},
		{[]string{"--format", "xml"}, "ecps-assist triage: --format needs --batch\n"},
		{[]string{"--format", "csv"}, "ecps-assist triage: --format needs --batch\n"},
		{[]string{"--summary"}, "ecps-assist triage: --summary needs --batch\n"},
		{[]string{"--summary-format", "md"}, "ecps-assist triage: --summary-format needs --batch\n"},
		{[]string{"--jobs", "2"}, "ecps-assist triage: --jobs needs --batch\n"},
		{[]string{"--id-field", "ref"}, "ecps-assist triage: --id-field needs --batch\n"},
		{[]string{"--text-field", "body"}, "ecps-assist triage: --text-field needs --batch\n"},
		{[]string{"--batch=false", "--out", out}, "ecps-assist triage: --out needs --batch\n"},
	}
	for _, tt := range tests {
		args := append([]string{"triage", "-"}, tt.args...)
		stdout, errs, code := run(t, "carte cps firefox", args...)
		if code != ExitUsage || stdout != "" || !strings.HasPrefix(errs, tt.want) || !strings.Contains(errs, "Usage:") {
			t.Errorf("%q: exit %d, stdout %d bytes, stderr:\n%s", args, code, len(stdout), errs)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("files written: %v", entries)
	}
	// Every flag documented as a --batch one is checked.
	cmd := newCmdTriage(&factory{io: &IOStreams{}}, nil)
	cmd.Flags().VisitAll(func(fl *pflag.Flag) {
		if strings.HasPrefix(fl.Usage, "--batch") && !slices.Contains(batchOnlyFlags, fl.Name) {
			t.Errorf("--%s is a --batch flag missing from batchOnlyFlags", fl.Name)
		}
	})
	for _, name := range batchOnlyFlags {
		if cmd.Flags().Lookup(name) == nil {
			t.Errorf("batchOnlyFlags names --%s, not a flag of triage", name)
		}
	}
	// The same flags with --batch, and the one-ticket flags without.
	if _, errs, code := run(t, `{"id": "1", "text": "carte cps firefox"}`, "triage", "--batch", "--jobs", "1", "--summary-format", "md"); code != ExitOK {
		t.Errorf("with --batch: exit %d %s", code, errs)
	}
	if _, errs, code := run(t, "carte cps firefox", "triage", "--json", "--scores", "--limit", "2"); code != ExitOK {
		t.Errorf("without --batch: exit %d %s", code, errs)
	}
}

// A wrong --jobs or --limit is named alone, with its value.
func TestTriageBatchJobsAndLimitMessages(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"--jobs", "300"}, "ecps-assist triage: --jobs 300: expected 0 (one per CPU) to 256\n"},
		{[]string{"--jobs", "-1"}, "ecps-assist triage: --jobs -1: expected 0 (one per CPU) to 256\n"},
		{[]string{"--limit", "0"}, "ecps-assist triage: --limit 0: expected at least 1\n"},
		{[]string{"--jobs", "300", "--limit", "0"}, "ecps-assist triage: --jobs 300: expected 0 (one per CPU) to 256\n"},
	}
	for _, tt := range tests {
		args := append([]string{"triage", "--batch"}, tt.args...)
		if _, errs, code := run(t, "", args...); code != ExitUsage || !strings.HasPrefix(errs, tt.want) {
			t.Errorf("%q: exit %d\n%s", args, code, errs)
		}
	}
	if _, errs, code := run(t, "x", "triage", "--limit", "0"); code != ExitUsage || !strings.HasPrefix(errs, "ecps-assist triage: --limit 0: expected at least 1\n") {
		t.Errorf("triage --limit 0: exit %d\n%s", code, errs)
	}
	help, _, _ := run(t, "", "triage", "--help")
	if !strings.Contains(help, "0 (the default): one per CPU") {
		t.Errorf("--jobs's help does not say what 0 means:\n%s", help)
	}
}

// A bad CSV record is said once with its line, on stderr and in the
// "error" field (the line is in the "line" field).
func TestTriageBatchCSVErrorNamesTheLineOnce(t *testing.T) {
	in := "id,text\n1,\"carte cps\"\n2,ok\n3,ok\n4,\"bad\"q\n5,\"deux\nlignes\"x\n"
	out, errs, code := run(t, in, "triage", "--batch", "--format", "csv")
	if code != ExitFail {
		t.Errorf("exit %d", code)
	}
	for _, want := range []string{"line 5: 'q' after a closing quote\n", "line 6: 'x' after a closing quote (line 7)\n"} {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errs)
		}
	}
	for _, want := range []string{`{"line":5,"error":"'q' after a closing quote","error_kind":"invalid-csv"}`,
		`{"line":6,"error":"'x' after a closing quote (line 7)","error_kind":"invalid-csv"}`} {
		if !strings.Contains(out, want+"\n") {
			t.Errorf("stdout lacks %s:\n%s", want, out)
		}
	}
	if strings.Contains(errs+out, "line 5: line 5") {
		t.Errorf("the line said twice:\n%s%s", errs, out)
	}
}
