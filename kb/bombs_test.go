package kb_test

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"ecps-assist/kb"
)

// allocated returns the bytes allocated while f runs (runtime.MemStats
// TotalAlloc: every allocation counts, freed or not, so it bounds the heap
// growth from above).
func allocated(f func()) uint64 {
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// baseAlloc is what loading the embedded KB with an empty override costs.
func baseAlloc(t *testing.T) uint64 {
	t.Helper()
	dir := t.TempDir()
	return allocated(func() { kb.Load(dir) })
}

// loadBomb loads dir as --kb and checks: fallback to the embedded KB, a
// first error containing want, located in the file, and at most maxExtra
// bytes allocated beyond an ordinary load.
func loadBomb(t *testing.T, dir, want string, maxExtra uint64) {
	t.Helper()
	base := baseAlloc(t)
	var (
		k        *kb.KB
		probs    kb.Problems
		fallback bool
	)
	got := allocated(func() { k, probs, fallback = kb.Load(dir) })
	errs := probs.Errors()
	if !fallback || len(errs) == 0 || k == nil || len(k.Entries) == 0 {
		t.Fatalf("no fallback to the embedded KB: fallback=%v, %d errors", fallback, len(errs))
	}
	if !strings.Contains(errs[0].String(), want) {
		t.Errorf("first error %q, want …%s…", errs[0], want)
	}
	if !strings.HasPrefix(errs[0].String(), filepath.ToSlash(dir)) {
		t.Errorf("error not located in %s: %s", dir, errs[0])
	}
	extra := int64(got) - int64(base)
	t.Logf("%s: allocated %d KiB beyond an ordinary load (%d KiB)", errs[0], extra>>10, base>>10)
	if extra > int64(maxExtra) {
		t.Errorf("allocated %d MiB beyond an ordinary load, want ≤ %d MiB", extra>>20, maxExtra>>20)
	}
}

func writeFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// Billion laughs: 9 levels of 9 aliases would expand to 9⁹ (387 million)
// strings; aliases are refused before anything is expanded.
func TestBombAliasExpansion(t *testing.T) {
	var b strings.Builder
	b.WriteString(`l0: &l0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]` + "\n")
	for i := 1; i <= 9; i++ {
		fmt.Fprintf(&b, "l%d: &l%d [", i, i)
		for j := 0; j < 9; j++ {
			if j > 0 {
				b.WriteString(",")
			}
			fmt.Fprintf(&b, "*l%d", i-1)
		}
		b.WriteString("]\n")
	}
	laughs := b.String()
	cases := map[string]string{
		"top-level":      laughs + "entries: *l9\n",
		"in-entries":     laughs + "entries:\n  - id: x\n    keywords: *l9\n",
		"merge-key":      "trees:\n  - &t {id: t, title: x}\n  - <<: *t\n    id: u\n",
		"anchor-in-tree": "trees: [{id: t, nodes: [&n {id: a}, *n, *n]}]\n",
	}
	for name, content := range cases {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			writeFile(t, dir, "bomb.yaml", content)
			loadBomb(t, dir, "YAML aliases (*", 4<<20)
		})
	}
}

// Deep nesting: 100,000 levels of flow collections are 100,000 values,
// refused before parsing; 100,000 levels of block lists stop at the YAML
// parser's depth limit; deep but below it, at the knowledge decoder's (64).
func TestBombDeepNesting(t *testing.T) {
	const deep = 100_000
	cases := []struct{ name, content, want string }{
		{"flow-lists", "entries: " + strings.Repeat("[", deep) + strings.Repeat("]", deep) + "\n", "more than 100000 YAML values"},
		{"flow-maps", "entries: " + strings.Repeat("{a: ", deep) + "x" + strings.Repeat("}", deep) + "\n", "more than 100000 YAML values"},
		{"flow-unclosed", "entries: " + strings.Repeat("[{", deep), "more than 100000 YAML values"},
		{"block-lists", "entries:\n" + strings.Repeat("- ", deep) + "x\n", "invalid YAML"},
		{"flow-9000", "entries: " + strings.Repeat("[", 9000) + strings.Repeat("]", 9000) + "\n", "nesting deeper than 64 levels"},
		{"block-9000", "entries:\n" + strings.Repeat("- ", 9000) + "x\n", "nesting deeper than 64 levels"},
		{"tree-nodes-9000", "trees: [{id: t, nodes: " + strings.Repeat("[", 9000) + strings.Repeat("]", 9000) + "}]\n", "nesting deeper than 64 levels"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFile(t, dir, "deep.yaml", tc.content)
			loadBomb(t, dir, tc.want, 32<<20)
		})
	}
}

// A 50 MB file is refused from its size, without being read: the memory
// used stays far below its size.
func TestBombHugeFile(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "huge.yaml")
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(f)
	w.WriteString("entries:\n")
	pad := strings.Repeat("x", 200)
	for i := 0; ; i++ {
		fmt.Fprintf(w, "  - {id: e%d, title: \"Une entrée parmi beaucoup d'autres\", answer: \"%s\"}\n", i, pad)
		if i%1000 == 0 {
			if err := w.Flush(); err != nil {
				t.Fatal(err)
			}
			if st, _ := f.Stat(); st.Size() > 50<<20 {
				break
			}
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	want := fmt.Sprintf("larger than the %d-byte limit", kb.MaxFileSize)
	t.Run("dir", func(t *testing.T) { loadBomb(t, dir, want, 4<<20) })
	t.Run("file", func(t *testing.T) { loadBomb(t, p, want, 4<<20) })
}

// M3: a file of many small values is refused from its text, before
// yaml.v3 builds its node tree (it took 53 s and 3.2 GB for the first
// case, 6.6 s and 598 MB for the second, a valid file).
func TestBombManyValues(t *testing.T) {
	cases := []struct {
		name, content string
		line          int
	}{
		{"31MiB-flow-list", "zzz: [" + strings.Repeat("a,", 31<<19) + "a]\n", 1},
		{"4MiB-keywords", "entries:\n  - id: x\n    title: t\n    keywords: [" + strings.Repeat("a, ", 4<<20/3) + "a]\n", 4},
		{"block-list", "entries:\n  - id: x\n    keywords:\n" + strings.Repeat("      - a\n", kb.MaxNodes),
			kb.MaxNodes - 5}, // 9 values on the first 3 lines, then one a line
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var l kb.Layer
			var probs kb.Problems
			got := allocated(func() { l.ParseFile("big.yaml", []byte(tc.content), &probs) })
			want := fmt.Sprintf("big.yaml:%d:1: more than %d YAML values", tc.line, kb.MaxNodes)
			if len(probs) != 1 || !strings.HasPrefix(probs[0].String(), want) {
				t.Fatalf("problems %v, want one starting with %q", probs, want)
			}
			// Only the copy of the text is allocated: no node tree.
			if extra := int64(got) - int64(len(tc.content)); extra > 1<<20 {
				t.Errorf("allocated %d KiB beyond the text", extra>>10)
			}
		})
	}
	// Just under the limit, a list is parsed (and then judged as usual).
	var l kb.Layer
	var probs kb.Problems
	l.ParseFile("ok.yaml", []byte("entries:\n  - id: x\n    keywords: ["+strings.Repeat("a, ", kb.MaxNodes-10)+"a]\n"), &probs)
	for _, p := range probs {
		if strings.Contains(p.Msg, "YAML values") {
			t.Errorf("under the limit: %s", p)
		}
	}
	if len(l.Entries) != 1 || len(l.Entries[0].Keywords) != kb.MaxNodes-9 {
		t.Errorf("under the limit: %d entries", len(l.Entries))
	}
}

// M3: a knowledge directory whose files together exceed MaxDirSize is
// refused from the files' sizes, none of them read (sparse files: the
// test writes nothing).
func TestBombDirectoryTooLarge(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"a.yaml", "b.yaml", "c.yml"} {
		f, err := os.Create(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if err := f.Truncate(kb.MaxDirSize/3 + 1); err != nil {
			t.Fatal(err)
		}
		f.Close()
	}
	want := fmt.Sprintf("%s: the knowledge files total %d bytes, larger than the %d-byte limit of a knowledge directory",
		filepath.ToSlash(dir), 3*(kb.MaxDirSize/3+1), kb.MaxDirSize)
	loadBomb(t, dir, want, 1<<20)
	_, probs, _ := kb.Load(dir)
	if len(probs.Errors()) != 1 {
		t.Errorf("want one problem, got %v", probs.Errors())
	}
}
