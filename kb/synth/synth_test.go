package synth

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"ecps-assist/kb"
)

// Generated knowledge is valid UTF-8 (an answer starting with
// « établissement » used to lose half of its é, and yaml.v3 then wrote it
// as !!binary base64), and it loads with --kb as the same text.
func TestGeneratedKnowledgeIsUTF8AndLoads(t *testing.T) {
	entries := Entries(300, 1)
	capitalised := false
	for _, e := range entries {
		for _, s := range []string{e.Title, e.Answer, e.Theme} {
			if !utf8.ValidString(s) {
				t.Fatalf("%s: invalid UTF-8: %q", e.ID, s)
			}
		}
		capitalised = capitalised || strings.Contains(e.Answer, "Établissement")
	}
	if !capitalised {
		t.Fatal("no sentence starts with « Établissement »: the case this test is about is not generated")
	}
	dir := t.TempDir()
	if err := Write(dir, entries); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.yaml"))
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if !utf8.Valid(data) || strings.Contains(string(data), "!!binary") {
			t.Fatalf("%s: not plain UTF-8 text", f)
		}
	}
	l, probs := kb.DirLayer(dir)
	k, p := kb.Merge(l, kb.Layer{})
	if errs := append(probs, p...).Errors(); len(errs) > 0 {
		t.Fatal(errs)
	}
	if len(k.Entries) != len(entries) {
		t.Fatalf("loaded %d entries, generated %d", len(k.Entries), len(entries))
	}
	for i, e := range entries {
		if got := k.Entries[i]; got.ID != e.ID || got.Answer != e.Answer || got.Title != e.Title {
			t.Fatalf("%s loads as different text:\n%q\nwant\n%q", e.ID, got.Answer, e.Answer)
		}
	}
}
