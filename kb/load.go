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

// ParseFS parses every .yaml/.yml file below root in fsys, in name order.
// prefix is prepended to file names in positions.
func ParseFS(fsys fs.FS, root, prefix string) (Layer, Problems) {
	var l Layer
	var probs Problems
	var names []string
	err := fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			probs.add(Pos{File: prefix + p}, "cannot read: %v", err)
			return nil
		}
		if !d.IsDir() && (strings.HasSuffix(p, ".yaml") || strings.HasSuffix(p, ".yml")) {
			names = append(names, p)
		}
		return nil
	})
	if err != nil {
		probs.add(Pos{File: prefix + root}, "cannot read: %v", err)
	}
	sort.Strings(names)
	for _, n := range names {
		f, err := fsys.Open(n)
		if err != nil {
			probs.add(Pos{File: prefix + n}, "cannot read: %v", err)
			continue
		}
		// Read one byte past the limit so ParseFile can say the file is too
		// large without reading all of a hostile one.
		data, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
		f.Close()
		if err != nil {
			probs.add(Pos{File: prefix + n}, "cannot read: %v", err)
			continue
		}
		l.ParseFile(prefix+n, data, &probs)
	}
	return l, probs
}

// EmbeddedLayer parses the knowledge compiled into the binary.
func EmbeddedLayer() (Layer, Problems) {
	return ParseFS(dataFS, "data", EmbeddedPrefix)
}

// DirLayer parses the YAML files of an override directory (or one file).
func DirLayer(dir string) (Layer, Problems) {
	st, err := os.Stat(dir)
	if err != nil {
		return Layer{}, Problems{{Pos: Pos{File: dir}, Msg: fmt.Sprintf("cannot read the --kb directory: %v", unwrapPathErr(err))}}
	}
	if !st.IsDir() {
		parent, name := filepath.Split(dir)
		if parent == "" {
			parent = "."
		}
		return ParseFS(os.DirFS(parent), name, strings.TrimSuffix(parent, "/")+"/")
	}
	return ParseFS(os.DirFS(dir), ".", path.Clean(filepath.ToSlash(dir))+"/")
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
	base, probs := EmbeddedLayer()
	var over Layer
	if overrideDir != "" {
		var p Problems
		over, p = DirLayer(overrideDir)
		probs = append(probs, p...)
	}
	k, p := Merge(base, over)
	return k, append(probs, p...)
}

// Load is LoadMerged for running the tool: when the overrides make the KB
// invalid, the returned KB is the embedded one alone (fallback true), so a
// broken override never takes the tool down.
func Load(overrideDir string) (k *KB, probs Problems, fallback bool) {
	k, probs = LoadMerged(overrideDir)
	if overrideDir != "" && len(probs.Errors()) > 0 {
		base, _ := EmbeddedLayer()
		k, _ = Merge(base, Layer{})
		return k, probs, true
	}
	return k, probs, false
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
