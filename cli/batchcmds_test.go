package cli

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"

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
