package kb_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"ecps-assist/kb"
)

// bigOverride is a valid knowledge file of over 1 MiB (the size from
// which the parsed-KB cache used to come into play) whose entry 7 has
// the given title.
func bigOverride(title7 string) string { return bigFile("big", title7) }

func bigFile(prefix, title7 string) string {
	var b strings.Builder
	b.WriteString("entries:\n")
	for i := 0; b.Len() < 1<<20+1000; i++ {
		title := fmt.Sprintf("Question %04d ?", i)
		if i == 7 {
			title = title7
		}
		fmt.Fprintf(&b, "  - id: %s-%d\n    title: %q\n    product: e-CPS\n    theme: T\n    keywords: [a, b]\n"+
			"    sources: [{seed: 000_50255237a135427a.txt, block: 1}]\n    answer: |\n      %s\n", prefix, i, title, strings.Repeat("réponse ", 40))
	}
	return b.String()
}

// H1: knowledge is read from the files at every load. An edit that keeps
// the size and the modification time (cp -p, touch -r, tar, rsync) or that
// changes the file behind a symlink is seen at once, and nothing is
// written to the user's cache directory.
func TestDirLayerIsNeverStale(t *testing.T) {
	cache := t.TempDir()
	t.Setenv("XDG_CACHE_HOME", cache)
	t.Setenv("ECPS_ASSIST_NO_CACHE", "")
	title7 := func(dir string) string {
		t.Helper()
		l, probs := kb.DirLayer(dir)
		if len(probs) > 0 {
			t.Fatal(probs)
		}
		for _, e := range l.Entries {
			if e.ID == "big-7" {
				return e.Title
			}
		}
		t.Fatal("no entry big-7")
		return ""
	}
	write := func(p, content string, mtime time.Time) {
		t.Helper()
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, mtime, mtime); err != nil {
			t.Fatal(err)
		}
	}
	mtime := time.Date(2025, 3, 14, 9, 26, 53, 0, time.UTC)

	// Same size, same time, new text.
	dir := t.TempDir()
	file := filepath.Join(dir, "team.yaml")
	write(file, bigOverride("Question sept ?"), mtime)
	if got := title7(dir); got != "Question sept ?" {
		t.Fatalf("first load: %q", got)
	}
	write(file, bigOverride("Question SEPT ?"), mtime)
	if got := title7(dir); got != "Question SEPT ?" {
		t.Errorf("edit keeping size and mtime: %q served", got)
	}

	// The file behind a symlink (next to a large file: together, over
	// the old cache's threshold).
	target := filepath.Join(t.TempDir(), "real.yaml")
	write(target, bigOverride("Question huit ?"), mtime)
	linked := t.TempDir()
	if err := os.Symlink(target, filepath.Join(linked, "team.yaml")); err != nil {
		t.Fatal(err)
	}
	write(filepath.Join(linked, "other.yaml"), bigFile("other", "Autre"), mtime)
	if got := title7(linked); got != "Question huit ?" {
		t.Fatalf("through the symlink: %q", got)
	}
	write(target, bigOverride("Question neuf ?"), time.Now())
	if got := title7(linked); got != "Question neuf ?" {
		t.Errorf("edit behind the symlink: %q served", got)
	}

	if left, _ := os.ReadDir(cache); len(left) > 0 {
		t.Errorf("loading wrote to the cache directory: %v", left)
	}
}
