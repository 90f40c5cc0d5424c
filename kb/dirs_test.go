package kb

import (
	"strings"
	"testing"
)

// Several override directories are one layer: each adds, and an id
// defined in two of them is a duplicate (no silent winner).
func TestLoadMergedDirs(t *testing.T) {
	const ok = "testdata/override-ok"
	k, probs := LoadMergedDirs([]string{ok})
	if errs := probs.Errors(); len(errs) > 0 || k.Entry("ecps-one-per-person") == nil {
		t.Fatalf("one directory: %v", errs)
	}
	one := len(k.Entries)
	_, probs = LoadMergedDirs([]string{ok, ok + "/override.yaml"})
	if errs := probs.Errors(); len(errs) == 0 || !strings.Contains(errs.Error(), "duplicate id") {
		t.Errorf("the same ids twice: %v", errs)
	}
	_, _, fallback := LoadDirs([]string{ok, ok + "/override.yaml"})
	if !fallback {
		t.Error("no fallback for duplicate ids")
	}
	k, _, fallback = LoadDirs(nil)
	if fallback || len(k.Entries) >= one {
		t.Errorf("no directory: %d entries (with one: %d), fallback %v", len(k.Entries), one, fallback)
	}
}
