package diagnose

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// maxExportSuffix bounds the -2, -3, … suffixes tried for one name.
const maxExportSuffix = 1000

// Export writes a transcript to dir (config.Config.ExportDir) as diagnostic-<tree>-<YYYYMMDD-HHMMSS>.md
// and returns its path. The directory is created (mode 0700) when missing;
// the file is written to a temporary file in the same directory and then
// linked to its final name (mode 0600), so that a reader never sees a
// partial transcript. An existing file is never overwritten: the name gets
// a -2, -3, … suffix instead. Errors are *ExportError values: English from
// Error (the CLI's), French from French (the TUI's), both naming the path.
func Export(dir, treeID string, at time.Time, content string) (string, error) {
	if dir == "" {
		return "", &ExportError{Op: opNoDir}
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", &ExportError{Op: opMkdir, Path: dir, Err: unwrapPathErr(err)}
	}
	tmp, err := os.CreateTemp(dir, ".diagnostic-*.tmp")
	if err != nil {
		return "", &ExportError{Op: opWriteIn, Path: dir, Err: unwrapPathErr(err)}
	}
	tmpName := tmp.Name()
	defer os.Remove(tmpName) // the final name is a hard link; the temp name goes
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return "", &ExportError{Op: opWrite, Path: tmpName, Err: unwrapPathErr(err)}
	}
	if _, err := tmp.WriteString(content); err != nil {
		tmp.Close()
		return "", &ExportError{Op: opWrite, Path: tmpName, Err: unwrapPathErr(err)}
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return "", &ExportError{Op: opWrite, Path: tmpName, Err: unwrapPathErr(err)}
	}
	if err := tmp.Close(); err != nil {
		return "", &ExportError{Op: opWrite, Path: tmpName, Err: unwrapPathErr(err)}
	}
	base := "diagnostic-" + safeName(treeID) + "-" + at.Format("20060102-150405")
	for n := 1; n <= maxExportSuffix; n++ {
		name := base + ".md"
		if n > 1 {
			name = fmt.Sprintf("%s-%d.md", base, n)
		}
		path := filepath.Join(dir, name)
		// os.Link fails when path exists: no overwrite, even when two
		// exports race for the same name.
		err := os.Link(tmpName, path)
		if err == nil {
			return path, nil
		}
		if errors.Is(err, os.ErrExist) {
			continue
		}
		if !linkUnsupported(err) {
			return "", &ExportError{Op: opCreate, Path: path, Err: unwrapPathErr(err)}
		}
		// File systems without hard links: copy into a file created with
		// O_EXCL, which still never overwrites.
		if err := writeExcl(path, content); err != nil {
			if errors.Is(err, os.ErrExist) {
				continue
			}
			return "", &ExportError{Op: opCreate, Path: path, Err: unwrapPathErr(err)}
		}
		return path, nil
	}
	return "", &ExportError{Op: opTooMany, Path: filepath.Join(dir, base+".md")}
}

// Export failures, by what was being done.
const (
	opNoDir   = iota // no directory given
	opMkdir          // creating the directory
	opWriteIn        // creating the temporary file in the directory
	opWrite          // writing the temporary file
	opCreate         // giving the transcript its name
	opTooMany        // every suffix taken
)

// ExportError is an export failure: what was being done, on which path,
// and the system's error.
type ExportError struct {
	Op   int
	Path string
	Err  error
}

func (e *ExportError) Unwrap() error { return e.Err }

func (e *ExportError) Error() string {
	switch e.Op {
	case opNoDir:
		return "no export directory: HOME is not set, and neither ECPS_ASSIST_EXPORT_DIR nor export_dir (configuration) gives an absolute path"
	case opMkdir:
		return fmt.Sprintf("cannot create directory %s: %v", e.Path, e.Err)
	case opWriteIn:
		return fmt.Sprintf("cannot write in %s: %v", e.Path, e.Err)
	case opWrite:
		return fmt.Sprintf("cannot write %s: %v", e.Path, e.Err)
	case opTooMany:
		return fmt.Sprintf("cannot create %s: too many transcripts with that name", e.Path)
	}
	return fmt.Sprintf("cannot create %s: %v", e.Path, e.Err)
}

// French is the failure as the TUI tells it to an agent.
func (e *ExportError) French() string {
	why := frenchCause(e.Err)
	switch e.Op {
	case opNoDir:
		return "aucun dossier d'export : HOME n'est pas défini, et ni ECPS_ASSIST_EXPORT_DIR ni export_dir (configuration) ne donnent un chemin absolu"
	case opMkdir:
		return fmt.Sprintf("impossible de créer le dossier %s (%s)", e.Path, why)
	case opWriteIn:
		return fmt.Sprintf("impossible d'écrire dans %s (%s)", e.Path, why)
	case opWrite:
		return fmt.Sprintf("impossible d'écrire %s (%s)", e.Path, why)
	case opTooMany:
		return fmt.Sprintf("impossible de créer %s : trop de transcriptions de ce nom", e.Path)
	}
	return fmt.Sprintf("impossible de créer %s (%s)", e.Path, why)
}

// frenchCause names the usual system errors in French, others as given.
func frenchCause(err error) string {
	switch {
	case err == nil:
		return "erreur inconnue"
	case errors.Is(err, syscall.ENOTDIR):
		return "un élément du chemin n'est pas un dossier"
	case errors.Is(err, os.ErrPermission):
		return "permission refusée"
	case errors.Is(err, syscall.ENOSPC):
		return "disque plein"
	case errors.Is(err, syscall.EROFS):
		return "système de fichiers en lecture seule"
	case errors.Is(err, os.ErrNotExist):
		return "chemin introuvable"
	case errors.Is(err, syscall.ENAMETOOLONG):
		return "nom trop long"
	}
	return err.Error()
}

// linkUnsupported reports errors of os.Link meaning "no hard links here".
func linkUnsupported(err error) bool {
	var le *os.LinkError
	if !errors.As(err, &le) {
		return false
	}
	return errors.Is(err, errors.ErrUnsupported) || errors.Is(le.Err, os.ErrPermission) ||
		strings.Contains(le.Err.Error(), "not supported") || strings.Contains(le.Err.Error(), "not permitted")
}

func writeExcl(path, content string) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if _, err := f.WriteString(content); err != nil {
		f.Close()
		os.Remove(path)
		return err
	}
	if err := f.Close(); err != nil {
		os.Remove(path)
		return err
	}
	return nil
}

// safeName keeps a tree id usable in a file name.
func safeName(id string) string {
	var b strings.Builder
	for _, r := range id {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_':
			b.WriteRune(r)
		default:
			b.WriteByte('_')
		}
	}
	if b.Len() == 0 {
		return "arbre"
	}
	return b.String()
}

func unwrapPathErr(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}
