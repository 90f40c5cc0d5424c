package kb

import (
	"embed"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
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
// prefix is prepended to file names in positions.
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
	var files []file
	for _, n := range names {
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

// readBounded reads a file in one exact-size allocation when its size is
// known, and at most one byte past MaxFileSize otherwise, so ParseFile can
// say the file is too large without reading all of a hostile one. A
// regular file known to be too large is not read at all (tooLarge).
func readBounded(f fs.File) ([]byte, error) {
	if st, err := f.Stat(); err == nil && st.Mode().IsRegular() && st.Size() > MaxFileSize {
		return nil, tooLarge(st.Size())
	} else if err == nil && st.Mode().IsRegular() {
		data := make([]byte, st.Size())
		n, err := io.ReadFull(f, data)
		if err == nil || err == io.ErrUnexpectedEOF {
			return data[:n], nil
		}
		return nil, err
	}
	return io.ReadAll(io.LimitReader(f, MaxFileSize+1))
}

// tooLarge is the size of a file over MaxFileSize, left unread.
type tooLarge int64

func (n tooLarge) Error() string {
	return fmt.Sprintf("file is %d bytes, larger than the %d-byte limit", int64(n), MaxFileSize)
}

func parseFiles(files []file) (Layer, Problems) {
	var l Layer
	var probs Problems
	for _, f := range files {
		l.ParseFile(f.name, f.data, &probs)
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
	return EmbeddedYAMLLayer()
}

// EmbeddedYAMLLayer parses the embedded YAML itself.
func EmbeddedYAMLLayer() (Layer, Problems) {
	return ParseFS(dataFS, "data", EmbeddedPrefix)
}

// DirLayer parses the YAML files of an override directory (or one file),
// read anew at every load: there is no cache to go stale.
func DirLayer(dir string) (Layer, Problems) {
	st, err := os.Stat(dir)
	if err != nil {
		return Layer{}, Problems{{Pos: Pos{File: dir}, Msg: fmt.Sprintf("cannot read the --kb directory: %v", unwrapPathErr(err))}}
	}
	if !st.IsDir() {
		if !isYAMLName(dir) {
			return Layer{}, Problems{{Pos: Pos{File: dir}, Msg: "--kb is not a directory or a .yaml/.yml file"}}
		}
		parent, name := filepath.Split(dir)
		if parent == "" {
			parent = "."
		}
		return ParseFS(os.DirFS(parent), name, strings.TrimSuffix(parent, "/")+"/")
	}
	fsys := os.DirFS(dir)
	if !hasYAML(fsys) {
		return Layer{}, Problems{{Pos: Pos{File: dir}, Msg: "the --kb directory holds no .yaml or .yml file"}}
	}
	return ParseFS(fsys, ".", path.Clean(filepath.ToSlash(dir))+"/")
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
	base, probs := EmbeddedLayer()
	var over Layer
	for _, d := range dirs {
		l, p := DirLayer(d)
		probs = append(probs, p...)
		over.Entries = append(over.Entries, l.Entries...)
		over.Trees = append(over.Trees, l.Trees...)
		over.reported = over.reported.union(l.reported)
	}
	k, p := Merge(base, over)
	return k, append(probs, p...)
}

// Load is LoadMerged for running the tool: when the overrides make the KB
// invalid, the returned KB is the embedded one alone (fallback true), so a
// broken override never takes the tool down.
func Load(overrideDir string) (k *KB, probs Problems, fallback bool) {
	return LoadDirs(dirList(overrideDir))
}

// LoadDirs is Load for several override directories (see LoadMergedDirs).
func LoadDirs(dirs []string) (k *KB, probs Problems, fallback bool) {
	k, probs = LoadMergedDirs(dirs)
	if len(dirs) > 0 && len(probs.Errors()) > 0 {
		base, _ := EmbeddedLayer()
		k, _ = Merge(base, Layer{})
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

// MustEmbedded loads the embedded KB and panics if it is invalid; the test
// suite guarantees it is not. For tests and benchmarks.
func MustEmbedded() *KB {
	k, probs, _ := Load("")
	if errs := probs.Errors(); len(errs) > 0 {
		panic("embedded knowledge base is invalid:\n" + errs.Error())
	}
	return k
}
