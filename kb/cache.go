package kb

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"time"
)

// The decoded-knowledge cache. Parsing YAML is three quarters of loading a
// large team directory (5,000 entries: about 250 ms), so the running tool
// keeps the decoded layer of its knowledge directories between runs. What
// makes it safe, where an earlier cache (keyed on names, sizes and mtimes)
// served stale or corrupt knowledge:
//
//   - the key is the SHA-256 of every file's name and whole content (read
//     at every run: no edit, symlink or copy that keeps mtimes escapes it)
//     and of the schema's Go types (a new decoder never reads an old
//     layout);
//   - the payload carries its own SHA-256: a flipped bit is a miss, and the
//     file is rebuilt;
//   - only knowledge that decoded and validated without any problem is
//     cached, and a cached layer is validated again like a parsed one
//     (Merge);
//   - the directory and the file must be the user's own, not writable by
//     others, the file regular and not a symlink; otherwise it is not read;
//   - lint never uses it (LoadMergedDirs parses), nor does anything but
//     LoadDirsCached.
//
// A cache that cannot be read or written is no error: the files are parsed.

// cacheMagic starts a cache file; change it with the layout of the file.
const cacheMagic = "ECPSKB02"

// LoadDirsCached is LoadDirs with the decoded-knowledge cache in cacheDir
// ("" for none).
func LoadDirsCached(dirs []string, cacheDir string) (k *KB, probs Problems, fallback bool) {
	return loadDirs(dirs, cacheDir)
}

// overLayer reads and decodes the files of dirs as one layer, through the
// cache in cacheDir when it is not "". keep, when not nil, writes the
// layer to the cache: the caller calls it once the merged knowledge
// validated without problems.
func overLayer(dirs []string, cacheDir string) (l Layer, probs Problems, keep func()) {
	var files []file
	for _, d := range dirs {
		f, p := dirFiles(d)
		files = append(files, f...)
		probs = append(probs, p...)
	}
	if cacheDir == "" || len(probs.Errors()) > 0 || len(files) == 0 {
		l, p := parseFiles(files)
		return l, append(probs, p...), nil
	}
	path := filepath.Join(cacheDir, "kb-"+shortHash(strings.Join(dirs, "\x00"))+".bin")
	key := cacheKey(files)
	if l, ok := readCache(path, key); ok {
		return l, probs, nil // the reading's notes, if any, are said again
	}
	l, p := parseFiles(files)
	if len(p) > 0 { // even a warning of decoding: a hit would lose it
		return l, append(probs, p...), nil
	}
	return l, probs, func() { writeCache(cacheDir, path, key, l) } // best effort
}

// cachedLayer is what a cache file holds.
type cachedLayer struct {
	Entries []*Entry
	Trees   []*Tree
}

func cacheKey(files []file) [32]byte {
	h := sha256.New()
	io.WriteString(h, cacheMagic+"\x00"+schemaFingerprint()+"\x00")
	for _, f := range files {
		io.WriteString(h, f.name+"\x00"+strconv.Itoa(len(f.data))+"\x00")
		h.Write(f.data)
	}
	var k [32]byte
	h.Sum(k[:0])
	return k
}

func shortHash(s string) string {
	sum := sha256.Sum256([]byte(s))
	return fmt.Sprintf("%x", sum[:8])
}

// schemaFingerprint describes the Go types a cache file decodes into:
// every field's name and type, recursively.
var schemaFingerprint = sync.OnceValue(func() string {
	var b strings.Builder
	seen := map[reflect.Type]bool{}
	var walk func(t reflect.Type)
	walk = func(t reflect.Type) {
		switch t.Kind() {
		case reflect.Pointer, reflect.Slice, reflect.Array:
			b.WriteString(t.Kind().String() + " ")
			walk(t.Elem())
			return
		case reflect.Map:
			b.WriteString("map ")
			walk(t.Key())
			walk(t.Elem())
			return
		case reflect.Struct:
			if seen[t] {
				b.WriteString(t.Name() + " ")
				return
			}
			seen[t] = true
			b.WriteString(t.Name() + "{")
			for i := range t.NumField() {
				f := t.Field(i)
				if f.IsExported() {
					b.WriteString(f.Name + ":")
					walk(f.Type)
					b.WriteString(";")
				}
			}
			b.WriteString("} ")
			return
		}
		b.WriteString(t.Kind().String() + " ")
	}
	walk(reflect.TypeOf(cachedLayer{}))
	return b.String()
})

// readCache returns the layer of the cache file at path when it is safe to
// read, holds key, and its payload is intact; a damaged file is removed.
func readCache(path string, key [32]byte) (Layer, bool) {
	if dirProblem(filepath.Dir(path)) != "" {
		return Layer{}, false
	}
	f, err := openNoFollow(path)
	if err != nil {
		return Layer{}, false
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil || !st.Mode().IsRegular() || !ownPrivateInfo(st) || st.Size() > 4*MaxDirSize {
		return Layer{}, false
	}
	data, err := io.ReadAll(f)
	hdr := len(cacheMagic) + 64
	if err != nil || len(data) < hdr || string(data[:len(cacheMagic)]) != cacheMagic {
		os.Remove(path)
		return Layer{}, false
	}
	if !bytes.Equal(data[len(cacheMagic):len(cacheMagic)+32], key[:]) {
		return Layer{}, false // other content: rebuilt by the caller
	}
	payload := data[hdr:]
	if sum := sha256.Sum256(payload); !bytes.Equal(sum[:], data[len(cacheMagic)+32:hdr]) {
		os.Remove(path)
		return Layer{}, false
	}
	var c cachedLayer
	if err := decodeCache(payload, &c); err != nil {
		os.Remove(path)
		return Layer{}, false
	}
	now := time.Now()
	os.Chtimes(path, now, now) // used: kept by pruneCache
	return Layer{Entries: c.Entries, Trees: c.Trees}, true
}

// writeCache writes the layer to path atomically (a temporary file
// renamed), creating cacheDir private; it gives up silently.
func writeCache(cacheDir, path string, key [32]byte, l Layer) {
	if err := os.MkdirAll(cacheDir, 0o700); err != nil || dirProblem(cacheDir) != "" {
		return
	}
	payload, err := encodeCache(nil, cachedLayer{l.Entries, l.Trees})
	if err != nil {
		return
	}
	sum := sha256.Sum256(payload)
	tmp, err := os.CreateTemp(cacheDir, ".kb-*.tmp")
	if err != nil {
		return
	}
	_, err = tmp.WriteString(cacheMagic)
	if err == nil {
		_, err = tmp.Write(append(key[:], sum[:]...))
	}
	if err == nil {
		_, err = tmp.Write(payload)
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		os.Remove(tmp.Name())
		return
	}
	pruneCache(cacheDir, path)
}

func ownPrivateInfo(st os.FileInfo) bool { return privateProblem(st) == "" }

// dirProblem says why dir is no cache directory to use: absent, not a
// directory (or a symlink), not the user's own, writable by others; ""
// when it is one.
func dirProblem(dir string) string {
	st, err := os.Lstat(dir)
	switch {
	case err != nil:
		return unwrapPathErr(err).Error()
	case st.Mode()&os.ModeSymlink != 0:
		return "a symlink"
	case !st.IsDir():
		return "not a directory"
	}
	return privateProblem(st)
}

// CacheProblem says why the cache directory dir would not be used, for
// `paths` ("" when it would be, or will be created).
func CacheProblem(dir string) string {
	if _, err := os.Lstat(dir); os.IsNotExist(err) {
		return ""
	}
	if p := dirProblem(dir); p != "" {
		return "not used: " + p
	}
	return ""
}

// cacheMaxAge: cache files of other directories not used for this long
// are removed when one is written (a renamed or temporary directory
// leaves its file behind).
const cacheMaxAge = 30 * 24 * time.Hour

func pruneCache(cacheDir, keep string) {
	old, _ := filepath.Glob(filepath.Join(cacheDir, "kb-*.bin"))
	for _, p := range old {
		if st, err := os.Lstat(p); err == nil && p != keep && st.Mode().IsRegular() && time.Since(st.ModTime()) > cacheMaxAge {
			os.Remove(p)
		}
	}
	// the files of the gob layout (ECPSKB01), which no version reads
	gobs, _ := filepath.Glob(filepath.Join(cacheDir, "kb-*.gob"))
	for _, p := range gobs {
		if st, err := os.Lstat(p); err == nil && st.Mode().IsRegular() {
			os.Remove(p)
		}
	}
}
