//go:build unix

package kb

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// cacheFixture is a team directory (a copy of testdata/override-ok) and a
// private cache directory.
func cacheFixture(t *testing.T) (dir, cache, file string) {
	t.Helper()
	data, err := os.ReadFile("testdata/override-ok/override.yaml")
	if err != nil {
		t.Fatal(err)
	}
	root := t.TempDir()
	dir, cache = filepath.Join(root, "team"), filepath.Join(root, "cache")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	file = filepath.Join(dir, "team.yaml")
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return dir, cache, file
}

const cachedTitle = "Puis-je activer ma e-CPS sur un deuxième téléphone ?"

func cachedLoad(t *testing.T, dir, cache string) *KB {
	t.Helper()
	k, probs, fallback := LoadDirsCached([]string{dir}, cache)
	if fallback || len(probs.Errors()) > 0 {
		t.Fatalf("load: fallback %v, %v", fallback, probs.Errors())
	}
	return k
}

func title(t *testing.T, k *KB) string {
	t.Helper()
	e := k.Entry("local-ecps-second-phone")
	if e == nil {
		t.Fatal("local-ecps-second-phone missing")
	}
	return e.Title
}

func cacheFiles(t *testing.T, cache string) []string {
	t.Helper()
	m, _ := filepath.Glob(filepath.Join(cache, "kb-*.bin"))
	return m
}

// H1: an edit that keeps the file's size and mtime, or made through a
// symlink, is seen at the next load.
func TestCacheSeesEveryEdit(t *testing.T) {
	dir, cache, file := cacheFixture(t)
	if got := title(t, cachedLoad(t, dir, cache)); got != cachedTitle {
		t.Fatalf("title %q", got)
	}
	if len(cacheFiles(t, cache)) != 1 {
		t.Fatal("no cache file written")
	}
	st, _ := os.Stat(file)
	data, _ := os.ReadFile(file)
	edited := strings.Replace(string(data), "Puis-je activer", "Peut-on activer", 1)
	if len(edited) != len(data) {
		t.Fatal("the edit changes the size")
	}
	os.WriteFile(file, []byte(edited), 0o644)
	os.Chtimes(file, st.ModTime(), st.ModTime()) // touch -r, cp -p
	if got := title(t, cachedLoad(t, dir, cache)); !strings.HasPrefix(got, "Peut-on") {
		t.Errorf("same size and mtime: stale title %q", got)
	}
	// through a symlink: the directory holds a link to a file elsewhere
	target := filepath.Join(t.TempDir(), "real.yaml")
	os.WriteFile(target, data, 0o644)
	os.Remove(file)
	if err := os.Symlink(target, file); err != nil {
		t.Fatal(err)
	}
	if got := title(t, cachedLoad(t, dir, cache)); got != cachedTitle {
		t.Fatalf("via symlink: title %q", got)
	}
	os.WriteFile(target, []byte(edited), 0o644)
	if got := title(t, cachedLoad(t, dir, cache)); !strings.HasPrefix(got, "Peut-on") {
		t.Errorf("edit behind a symlink: stale title %q", got)
	}
}

// M1: any damage to a cache file is a miss; the file is rebuilt.
func TestCacheDamage(t *testing.T) {
	dir, cache, _ := cacheFixture(t)
	cachedLoad(t, dir, cache)
	path := cacheFiles(t, cache)[0]
	good, _ := os.ReadFile(path)
	for _, at := range []int{0, len(cacheMagic) + 40, len(good) / 2, len(good) - 1} {
		bad := append([]byte(nil), good...)
		bad[at] ^= 0x10
		os.WriteFile(path, bad, 0o600)
		if got := title(t, cachedLoad(t, dir, cache)); got != cachedTitle {
			t.Errorf("bit flipped at %d: title %q", at, got)
		}
		if now, _ := os.ReadFile(path); string(now) != string(good) {
			t.Errorf("bit flipped at %d: the file was not rebuilt", at)
		}
	}
	os.WriteFile(path, good[:len(good)/3], 0o600) // truncated
	if got := title(t, cachedLoad(t, dir, cache)); got != cachedTitle {
		t.Errorf("truncated: title %q", got)
	}
}

// A cache file with the right key is used by the running tool, never by
// lint (LoadMergedDirs parses): planted with another title, it shows.
func TestCacheUsedOnlyToRun(t *testing.T) {
	dir, cache, _ := cacheFixture(t)
	cachedLoad(t, dir, cache)
	path := cacheFiles(t, cache)[0]
	files, _ := dirFiles(dir)
	l, probs := parseFiles(files)
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	for _, e := range l.Entries {
		if e.ID == "local-ecps-second-phone" {
			e.Title = "planted"
		}
	}
	writeCache(cache, path, cacheKey(files), l)
	if got := title(t, cachedLoad(t, dir, cache)); got != "planted" {
		t.Fatalf("the cache is not used: title %q", got)
	}
	k, _ := LoadMergedDirs([]string{dir})
	if got := title(t, k); got != cachedTitle {
		t.Errorf("lint's load read the cache: %q", got)
	}
	// a directory or a file others may write is not read
	os.Chmod(cache, 0o777)
	if got := title(t, cachedLoad(t, dir, cache)); got != cachedTitle {
		t.Errorf("cache directory writable by others was read: %q", got)
	}
	os.Chmod(cache, 0o700)
	writeCache(cache, path, cacheKey(files), l)
	os.Chmod(path, 0o666)
	if got := title(t, cachedLoad(t, dir, cache)); got != cachedTitle {
		t.Errorf("cache file writable by others was read: %q", got)
	}
	// nor a symlink to a cache file
	writeCache(cache, path, cacheKey(files), l)
	moved := filepath.Join(cache, "elsewhere.bin")
	os.Rename(path, moved)
	os.Symlink(moved, path)
	if got := title(t, cachedLoad(t, dir, cache)); got != cachedTitle {
		t.Errorf("symlinked cache file was read: %q", got)
	}
}

// Knowledge with problems is never cached; a cache that cannot be
// written is no error.
func TestCacheOnlyClean(t *testing.T) {
	root := t.TempDir()
	dir, cache := filepath.Join(root, "team"), filepath.Join(root, "cache")
	os.Mkdir(dir, 0o755)
	os.WriteFile(filepath.Join(dir, "bad.yaml"), []byte("entries: [{id: 1}]\n"), 0o644)
	if _, _, fallback := LoadDirsCached([]string{dir}, cache); !fallback {
		t.Fatal("invalid knowledge was not set aside")
	}
	if m := cacheFiles(t, cache); len(m) > 0 {
		t.Errorf("invalid knowledge cached: %v", m)
	}
	d2, _, _ := cacheFixture(t)
	blocked := filepath.Join(root, "file")
	os.WriteFile(blocked, nil, 0o600)
	if got := title(t, cachedLoad(t, d2, filepath.Join(blocked, "cache"))); got != cachedTitle {
		t.Errorf("unwritable cache: title %q", got)
	}
}

// A FIFO in place of a cache file is not waited on.
func TestCacheFIFOIsNotRead(t *testing.T) {
	dir, cache, _ := cacheFixture(t)
	cachedLoad(t, dir, cache)
	path := cacheFiles(t, cache)[0]
	os.Remove(path)
	if err := syscall.Mkfifo(path, 0o600); err != nil {
		t.Skip("no FIFO here:", err)
	}
	done := make(chan string)
	go func() { done <- title(t, cachedLoad(t, dir, cache)) }()
	select {
	case got := <-done:
		if got != cachedTitle {
			t.Errorf("title %q", got)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("the load waits on a FIFO in the cache")
	}
}

// paths says why a cache directory is not used.
func TestCacheProblem(t *testing.T) {
	root := t.TempDir()
	d := filepath.Join(root, "cache")
	if p := CacheProblem(d); p != "" {
		t.Errorf("absent: %q", p)
	}
	os.Mkdir(d, 0o700)
	if p := CacheProblem(d); p != "" {
		t.Errorf("private: %q", p)
	}
	os.Chmod(d, 0o777)
	if p := CacheProblem(d); p != "not used: writable by others" {
		t.Errorf("0777: %q", p)
	}
	f := filepath.Join(root, "file")
	os.WriteFile(f, nil, 0o600)
	if p := CacheProblem(f); p != "not used: not a directory" {
		t.Errorf("a file: %q", p)
	}
	l := filepath.Join(root, "link")
	os.Symlink(d, l)
	if p := CacheProblem(l); p != "not used: a symlink" {
		t.Errorf("a symlink: %q", p)
	}
}

// Writing a cache file removes the files of other directories unused for
// cacheMaxAge, and keeps the recent ones.
func TestCachePrune(t *testing.T) {
	dir, cache, _ := cacheFixture(t)
	os.MkdirAll(cache, 0o700)
	old, recent := filepath.Join(cache, "kb-0000000000000001.bin"), filepath.Join(cache, "kb-0000000000000002.bin")
	for _, p := range []string{old, recent} {
		os.WriteFile(p, []byte("x"), 0o600)
	}
	long := time.Now().Add(-cacheMaxAge - time.Hour)
	os.Chtimes(old, long, long)
	cachedLoad(t, dir, cache)
	if _, err := os.Stat(old); err == nil {
		t.Error("an old cache file was kept")
	}
	if _, err := os.Stat(recent); err != nil {
		t.Error("a recent cache file was removed")
	}
}

// A cache file of the gob layout, which nothing reads any longer, is
// removed when a cache file is written, however recent.
func TestCachePruneGobLayout(t *testing.T) {
	dir, cache, _ := cacheFixture(t)
	os.MkdirAll(cache, 0o700)
	gob := filepath.Join(cache, "kb-0000000000000003.gob")
	os.WriteFile(gob, []byte("x"), 0o600)
	cachedLoad(t, dir, cache)
	if _, err := os.Stat(gob); err == nil {
		t.Error("a gob-layout cache file was kept")
	}
}
