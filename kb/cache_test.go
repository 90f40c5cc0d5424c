package kb

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCacheCodecRoundTrip(t *testing.T) {
	l, probs := EmbeddedYAMLLayer()
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	got, err := decodeLayer(encodeLayer(l))
	if err != nil {
		t.Fatal(err)
	}
	a, _ := json.Marshal(l)
	b, _ := json.Marshal(got)
	if !bytes.Equal(a, b) {
		t.Fatal("decoded layer differs from the encoded one")
	}
	// Positions survive too (json skips them).
	if got.Entries[3].Pos != l.Entries[3].Pos || got.Trees[1].Nodes[2].Options[0].Pos != l.Trees[1].Nodes[2].Options[0].Pos {
		t.Fatal("positions lost")
	}
	// Every truncation and a few corruptions are refused, never a panic.
	enc := encodeLayer(l)
	for _, n := range []int{0, 5, len(cacheMagic), len(cacheMagic) + 1, len(enc) / 2, len(enc) - 1} {
		if _, err := decodeLayer(enc[:n]); err == nil {
			t.Errorf("truncated at %d: no error", n)
		}
	}
	bad := append([]byte(nil), enc...)
	for i := len(cacheMagic); i < len(cacheMagic)+8; i++ {
		bad[i] = 0xff
	}
	if _, err := decodeLayer(bad); err == nil {
		t.Error("corrupted counts: no error")
	}
}

// A large override directory is parsed once, then served from the cache
// (keyed by content; a warm start reads no YAML); an edit invalidates it.
func TestDirLayerCache(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	t.Setenv("ECPS_ASSIST_NO_CACHE", "")
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString("entries:\n")
	for i := 0; b.Len() < CacheMinBytes+1000; i++ {
		fmt.Fprintf(&b, "  - id: big-%d\n    title: \"Question %d ?\"\n    product: e-CPS\n    theme: T\n    keywords: [a, b]\n    sources: [{seed: 000_50255237a135427a.txt, block: 1}]\n    answer: |\n      %s\n", i, i, strings.Repeat("réponse ", 40))
	}
	file := filepath.Join(dir, "big.yaml")
	if err := os.WriteFile(file, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	first, probs := DirLayer(dir)
	if len(probs) > 0 || len(first.Entries) == 0 {
		t.Fatalf("first load: %v, %d entries", probs, len(first.Entries))
	}
	cached, _ := filepath.Glob(filepath.Join(CacheDir(), "kb-*.bin"))
	if len(cached) != 1 {
		t.Fatalf("cache files: %v", cached)
	}
	second, _ := DirLayer(dir)
	if len(second.Entries) != len(first.Entries) || second.Entries[7].Answer != first.Entries[7].Answer || second.Entries[7].Pos != first.Entries[7].Pos {
		t.Fatal("cached layer differs")
	}
	// An edit (new content, new size) is seen at once.
	edited := strings.Replace(b.String(), "Question 7 ?", "Question sept ?", 1)
	if err := os.WriteFile(file, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	third, _ := DirLayer(dir)
	if third.Entries[7].Title != "Question sept ?" {
		t.Fatalf("stale cache served: %q", third.Entries[7].Title)
	}
}
