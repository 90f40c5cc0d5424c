package tui

import (
	"path/filepath"
	"testing"
)

// Options.ExportDir (the CLI resolves it from ECPS_ASSIST_EXPORT_DIR, then
// the configuration's export_dir) is where e writes.
func TestExportDirFromOptions(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("ECPS_ASSIST_EXPORT_DIR", filepath.Join(t.TempDir(), "unused"))
	h := newHarness(t, Options{TreeID: "ecps-device-integrity", ExportDir: dir}, 80, 24)
	h.keys("1")
	h.run(h.keys("e"))
	h.expect("Transcription enregistrée")
	if files, _ := filepath.Glob(filepath.Join(dir, "diagnostic-ecps-device-integrity-*.md")); len(files) != 1 {
		t.Errorf("files in the export directory: %v", files)
	}
}
