package diagnose

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

var exportAt = time.Date(2025, 3, 14, 9, 26, 53, 0, time.Local)

func TestExportModeAndName(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "sub", "transcripts")
	p, err := Export(dir, "ecps-device-integrity", exportAt, "# Diagnostic\n")
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(dir, "diagnostic-ecps-device-integrity-20250314-092653.md"); p != want {
		t.Errorf("path = %s, want %s", p, want)
	}
	fi, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	if runtime.GOOS != "windows" {
		if fi.Mode().Perm() != 0o600 {
			t.Errorf("file mode = %v, want 0600", fi.Mode().Perm())
		}
		di, _ := os.Stat(dir)
		if di.Mode().Perm() != 0o700 {
			t.Errorf("dir mode = %v, want 0700", di.Mode().Perm())
		}
	}
	data, _ := os.ReadFile(p)
	if string(data) != "# Diagnostic\n" {
		t.Errorf("content = %q", data)
	}
	// No temporary file is left behind.
	ents, _ := os.ReadDir(dir)
	if len(ents) != 1 {
		t.Errorf("dir holds %d files, want 1", len(ents))
	}
}

func TestExportNeverOverwrites(t *testing.T) {
	dir := t.TempDir()
	var paths []string
	for i, c := range []string{"first", "second", "third"} {
		p, err := Export(dir, "tree", exportAt, c)
		if err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
		if i > 0 && !strings.HasSuffix(p, "-"+string(rune('1'+i))+".md") {
			t.Errorf("export %d: path %s lacks the -%d suffix", i+1, p, i+1)
		}
	}
	for i, c := range []string{"first", "second", "third"} {
		data, err := os.ReadFile(paths[i])
		if err != nil || string(data) != c {
			t.Errorf("%s = %q, %v; want %q", paths[i], data, err, c)
		}
	}
}

func TestExportConcurrent(t *testing.T) {
	dir := t.TempDir()
	const n = 8
	done := make(chan string, n)
	for i := 0; i < n; i++ {
		go func() {
			p, err := Export(dir, "tree", exportAt, "x")
			if err != nil {
				t.Error(err)
			}
			done <- p
		}()
	}
	seen := map[string]bool{}
	for i := 0; i < n; i++ {
		p := <-done
		if seen[p] {
			t.Errorf("two exports wrote %s", p)
		}
		seen[p] = true
	}
}

func TestExportUnwritableDir(t *testing.T) {
	if runtime.GOOS == "windows" || os.Geteuid() == 0 {
		// root ignores directory permissions; use a path under a file.
		f := filepath.Join(t.TempDir(), "file")
		os.WriteFile(f, nil, 0o600)
		if _, err := Export(filepath.Join(f, "dir"), "tree", exportAt, "x"); err == nil {
			t.Fatal("export under a regular file: no error")
		} else if !strings.Contains(err.Error(), "cannot create directory") {
			t.Errorf("error = %v", err)
		}
		return
	}
	dir := t.TempDir()
	if err := os.Chmod(dir, 0o500); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(dir, 0o700)
	_, err := Export(dir, "tree", exportAt, "x")
	if err == nil {
		t.Fatal("export to a read-only directory: no error")
	}
	if !strings.Contains(err.Error(), dir) {
		t.Errorf("error %q does not name the directory", err)
	}
}

func TestExportSafeName(t *testing.T) {
	dir := t.TempDir()
	p, err := Export(dir, "../evil/\x1b[2J", exportAt, "x")
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Dir(p) != dir || strings.ContainsAny(filepath.Base(p), "/\x1b") {
		t.Errorf("unsafe path %q", p)
	}
}

// An export failure reads in English for the CLI and in French for the
// TUI, each naming the path.
func TestExportErrorLanguages(t *testing.T) {
	f := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(f, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := Export(filepath.Join(f, "sub"), "t", time.Now(), "x")
	var ee *ExportError
	if !errors.As(err, &ee) {
		t.Fatalf("error %v is not an *ExportError", err)
	}
	if en := err.Error(); !strings.Contains(en, "cannot create directory") || !strings.Contains(en, f) {
		t.Errorf("English: %q", en)
	}
	if fr := ee.French(); !strings.Contains(fr, "impossible de créer le dossier") || !strings.Contains(fr, "n'est pas un dossier") || !strings.Contains(fr, f) {
		t.Errorf("French: %q", fr)
	}
	if _, err := Export("", "t", time.Now(), "x"); err == nil || !errors.As(err, &ee) || !strings.HasPrefix(ee.French(), "aucun dossier d'export : HOME n'est pas défini") {
		t.Errorf("no directory: %v", err)
	}
}
