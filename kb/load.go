package kb

import (
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"syscall"
)

//go:embed data
var dataFS embed.FS

// EmbeddedPrefix names embedded files in messages as they are in the repo.
const EmbeddedPrefix = "kb/"

type file struct {
	name string
	data []byte
}

// readFS reads every .yaml/.yml file below root in fsys, in name order.
// prefix is prepended to file names in positions. Only regular files are
// read (a FIFO would block), and nothing is read when the files together
// are over MaxDirSize.
func readFS(fsys fs.FS, root, prefix string) ([]file, Problems) {
	var probs Problems
	var names []string
	err := fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			probs.add(Pos{File: prefix + p}, "cannot read: %v", unwrapPathErr(err))
			return nil
		}
		if !d.IsDir() && isYAMLName(p) {
			names = append(names, p)
		}
		return nil
	})
	if err != nil {
		probs.add(Pos{File: prefix + root}, "cannot read: %v", unwrapPathErr(err))
	}
	sort.Strings(names)
	var total int64
	regular := names[:0]
	for _, n := range names {
		st, err := fs.Stat(fsys, n)
		switch {
		case err != nil:
			probs.add(Pos{File: prefix + n}, "cannot read: %v", unwrapPathErr(err))
		case !st.Mode().IsRegular():
			probs.add(Pos{File: prefix + n}, "not a regular file (%s): not read", fileKind(st.Mode()))
		default:
			total += st.Size()
			regular = append(regular, n)
		}
	}
	// One file over the limit is reported as such, unread (readBounded).
	if total > MaxDirSize && len(regular) > 1 {
		where := prefix + root
		if root == "." {
			where = strings.TrimSuffix(prefix, "/")
		}
		probs.add(Pos{File: where}, "the knowledge files total %d bytes, larger than the %d-byte limit of a knowledge directory", total, MaxDirSize)
		return nil, probs
	}
	var files []file
	for _, n := range regular {
		f, err := fsys.Open(n)
		if err != nil {
			probs.add(Pos{File: prefix + n}, "cannot read: %v", unwrapPathErr(err))
			continue
		}
		data, err := readBounded(f)
		f.Close()
		if tl, ok := err.(tooLarge); ok {
			probs.add(Pos{File: prefix + n}, "%s", tl)
			continue
		}
		if err != nil {
			probs.add(Pos{File: prefix + n}, "cannot read: %v", unwrapPathErr(err))
			continue
		}
		files = append(files, file{prefix + n, data})
	}
	return files, probs
}

func fileKind(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "a FIFO"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m.IsDir():
		return "a directory"
	}
	return "mode " + m.String()
}

// errNotRegular: a file that became something else than a regular file
// between the listing and the reading.
var errNotRegular = errors.New("not a regular file")

// readBounded reads a regular file in one exact-size allocation, or
// refuses it unread when it is over MaxFileSize (tooLarge).
func readBounded(f fs.File) ([]byte, error) {
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, errNotRegular
	}
	if st.Size() > MaxFileSize {
		return nil, tooLarge(st.Size())
	}
	data := make([]byte, st.Size())
	n, err := io.ReadFull(f, data)
	if err == nil || err == io.ErrUnexpectedEOF {
		return data[:n], nil
	}
	return nil, err
}

// dirFS is os.DirFS opening without blocking: a FIFO (or a device) among
// the files opens at once, and is then refused as not regular, where a
// plain open would wait for a writer forever.
type dirFS string

func (d dirFS) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	f, err := os.OpenFile(filepath.Join(string(d), filepath.FromSlash(name)), os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	return f, nil
}

// tooLarge is the size of a file over MaxFileSize, left unread.
type tooLarge int64

func (n tooLarge) Error() string {
	return fmt.Sprintf("file is %d bytes, larger than the %d-byte limit", int64(n), MaxFileSize)
}

// Files are parsed in parallel, one per core at a time (yaml.v3 is about
// three quarters of loading a large directory), and joined in name order,
// so the result and the order of problems do not depend on the schedule.
func parseFiles(files []file) (Layer, Problems) {
	type parsed struct {
		l     Layer
		probs Problems
	}
	out := make([]parsed, len(files))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(files)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				out[i].l.ParseFile(files[i].name, files[i].data, &out[i].probs)
			}
		}()
	}
	for i := range files {
		next <- i
	}
	close(next)
	wg.Wait()
	var l Layer
	var probs Problems
	for _, p := range out {
		l.Entries = append(l.Entries, p.l.Entries...)
		l.Trees = append(l.Trees, p.l.Trees...)
		l.reported = l.reported.union(p.l.reported)
		probs = append(probs, p.probs...)
	}
	return l, probs
}

// ParseFS parses every .yaml/.yml file below root in fsys, in name order.
// prefix is prepended to file names in positions.
func ParseFS(fsys fs.FS, root, prefix string) (Layer, Problems) {
	files, probs := readFS(fsys, root, prefix)
	l, p := parseFiles(files)
	return l, append(probs, p...)
}

//go:generate go run ./kbgen

// EmbeddedLayer returns the knowledge compiled into the binary: decoded at
// build time by go generate when embedded_gen.go exists, else parsed from
// the embedded YAML.
func EmbeddedLayer() (Layer, Problems) {
	if generated != nil {
		return generated(), nil
	}
	return ParseFS(dataFS, "data", EmbeddedPrefix)
}

// DirLayer parses the YAML files of an override directory (or one file),
// read anew at every load.
func DirLayer(dir string) (Layer, Problems) {
	files, probs := dirFiles(dir)
	l, p := parseFiles(files)
	return l, append(probs, p...)
}

// dirFiles reads the YAML files of an override directory (or one file).
func dirFiles(dir string) ([]file, Problems) {
	st, err := os.Stat(dir)
	if err != nil {
		return nil, Problems{{Pos: Pos{File: dir}, Msg: fmt.Sprintf("cannot read the knowledge directory: %v", unwrapPathErr(err))}}
	}
	if !st.IsDir() {
		if !isYAMLName(dir) {
			return nil, Problems{{Pos: Pos{File: dir}, Msg: "--kb is not a directory or a .yaml/.yml file"}}
		}
		parent, name := filepath.Split(dir)
		if parent == "" {
			parent = "."
		}
		return readFS(dirFS(parent), name, strings.TrimSuffix(parent, "/")+"/")
	}
	fsys := dirFS(dir)
	if !hasYAML(fsys) {
		return nil, Problems{{Pos: Pos{File: dir}, Msg: "the knowledge directory holds no .yaml or .yml file"}}
	}
	return readFS(fsys, ".", path.Clean(filepath.ToSlash(dir))+"/")
}

// isYAMLName reports whether a file name is one the loader reads.
func isYAMLName(name string) bool {
	return strings.HasSuffix(name, ".yaml") || strings.HasSuffix(name, ".yml")
}

// hasYAML reports whether fsys holds a YAML file the loader would read,
// stopping at the first one. A directory it cannot walk counts as holding
// one: reading it then reports the real error.
func hasYAML(fsys fs.FS) bool {
	found := false
	fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || (!d.IsDir() && isYAMLName(p)) {
			found = true
			return fs.SkipAll
		}
		return nil
	})
	return found
}

func unwrapPathErr(err error) error {
	if pe, ok := err.(*fs.PathError); ok {
		return pe.Err
	}
	return err
}

// LoadMerged returns the embedded KB with the files of overrideDir (if not
// empty) laid on top, and every problem found, even when it is invalid.
func LoadMerged(overrideDir string) (*KB, Problems) {
	return LoadMergedDirs(dirList(overrideDir))
}

// LoadMergedDirs is LoadMerged for several override directories (or
// files): their files are read in order as one layer, so an id defined in
// two of them is a duplicate.
func LoadMergedDirs(dirs []string) (*KB, Problems) {
	return loadMerged(dirs, "")
}

func loadMerged(dirs []string, cacheDir string) (*KB, Problems) {
	if len(dirs) == 0 && generated != nil {
		// The generated layer alone: Merge would find nothing to report
		// (TestEmbeddedMergesClean), so start-up skips its checks.
		l := generated()
		k := New(l.Entries, l.Trees)
		k.embeddedOnly = true
		return k, nil
	}
	base, probs := EmbeddedLayer()
	over, p, keep := overLayer(dirs, cacheDir)
	probs = append(probs, p...)
	k, p := Merge(base, over)
	probs = append(probs, p...)
	if keep != nil && len(probs.Errors()) == 0 {
		keep()
	}
	k.embeddedOnly = len(over.Entries) == 0 && len(over.Trees) == 0 && len(probs.Errors()) == 0
	return k, probs
}

// Load is LoadMerged for running the tool: when the overrides make the KB
// invalid, the returned KB is the embedded one alone (fallback true), so a
// broken override never takes the tool down.
func Load(overrideDir string) (k *KB, probs Problems, fallback bool) {
	return LoadDirs(dirList(overrideDir))
}

// LoadDirs is Load for several override directories (see LoadMergedDirs).
func LoadDirs(dirs []string) (k *KB, probs Problems, fallback bool) {
	return loadDirs(dirs, "")
}

func loadDirs(dirs []string, cacheDir string) (k *KB, probs Problems, fallback bool) {
	k, probs = loadMerged(dirs, cacheDir)
	if len(dirs) > 0 && len(probs.Errors()) > 0 {
		base, p := EmbeddedLayer()
		k, _ = Merge(base, Layer{})
		k.embeddedOnly = len(p.Errors()) == 0
		return k, probs, true
	}
	return k, probs, false
}

func dirList(dir string) []string {
	if dir == "" {
		return nil
	}
	return []string{dir}
}
