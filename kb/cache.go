package kb

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unsafe"
)

// The parsed-KB cache. Parsing a generated KB of 10k entries (16 MB of
// YAML) costs about half a second; its cached form loads in a few
// milliseconds. Each cache file is named by a SHA-256 of the files' names
// and contents; a small "stat" file maps the files' names, sizes and
// modification times to that content hash, so a warm start reads neither
// the YAML nor the hash input. A stale or corrupt cache is ignored (the
// YAML is parsed as if there were none).

// CacheMinBytes is the size from which an override directory's parsed
// form is cached: below it, parsing is cheaper than caching.
const CacheMinBytes = 1 << 20

// cacheVersion changes whenever the schema, the decoder or the codec
// changes, so a stale cache is never read.
const cacheVersion = "kb-cache-v6"

// CacheDir is where parsed knowledge is cached: $XDG_CACHE_HOME/ecps-assist
// (os.UserCacheDir). ECPS_ASSIST_NO_CACHE=1 disables the cache.
func CacheDir() string {
	if os.Getenv("ECPS_ASSIST_NO_CACHE") != "" {
		return ""
	}
	d, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(d, "ecps-assist")
}

func contentKey(files []file) string {
	h := sha256.New()
	h.Write([]byte(cacheVersion))
	for _, f := range files {
		h.Write([]byte(f.name))
		h.Write([]byte{0})
		h.Write([]byte(strconv.Itoa(len(f.data))))
		h.Write([]byte{0})
		h.Write(f.data)
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// statKey names a set of files by name, size and modification time.
func statKey(stats []fileStat) string {
	h := sha256.New()
	h.Write([]byte(cacheVersion))
	for _, s := range stats {
		h.Write([]byte(s.name + "\x00" + strconv.FormatInt(s.size, 10) + "\x00" + strconv.FormatInt(s.mtime, 10) + "\x00"))
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

type fileStat struct {
	name  string
	size  int64
	mtime int64
}

// statYAML lists the YAML files below root with their sizes and times, in
// the order readFS reads them.
func statYAML(fsys fs.FS, root, prefix string) ([]fileStat, int64, bool) {
	var out []fileStat
	var total int64
	err := fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || !(strings.HasSuffix(p, ".yaml") || strings.HasSuffix(p, ".yml")) {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		out = append(out, fileStat{prefix + p, info.Size(), info.ModTime().UnixNano()})
		total += info.Size()
		return nil
	})
	return out, total, err == nil
}

// cachedDirLayer loads the layer of the YAML files below root from the
// cache when their names, sizes and times are known, else reads them,
// parses them and caches a problem-free result.
func cachedDirLayer(fsys fs.FS, root, prefix string) (Layer, Problems) {
	dir := CacheDir()
	stats, total, ok := statYAML(fsys, root, prefix)
	if dir == "" || !ok || total < CacheMinBytes {
		return ParseFS(fsys, root, prefix)
	}
	statPath := filepath.Join(dir, "stat-"+statKey(stats))
	if key, err := os.ReadFile(statPath); err == nil {
		if l, err := readCache(filepath.Join(dir, "kb-"+string(key)+".bin")); err == nil {
			return l, nil
		}
	}
	files, probs := readFS(fsys, root, prefix)
	if len(probs) > 0 {
		l, p := parseFiles(files)
		return l, append(probs, p...)
	}
	key := contentKey(files)
	path := filepath.Join(dir, "kb-"+key+".bin")
	l, err := readCache(path)
	if err != nil {
		var p Problems
		l, p = parseFiles(files)
		if len(p) > 0 {
			return l, p
		}
		writeFileAtomic(dir, path, encodeLayer(l))
	}
	writeFileAtomic(dir, statPath, []byte(key))
	return l, nil
}

func writeFileAtomic(dir, path string, data []byte) {
	if os.MkdirAll(dir, 0o700) != nil {
		return
	}
	tmp, err := os.CreateTemp(dir, ".tmp-*")
	if err != nil {
		return
	}
	_, werr := tmp.Write(data)
	cerr := tmp.Close()
	if werr != nil || cerr != nil || os.Rename(tmp.Name(), path) != nil {
		_ = os.Remove(tmp.Name())
	}
}

func readCache(path string) (Layer, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return Layer{}, err
	}
	return decodeLayer(data)
}

// The codec: a magic line, then uvarint counts and length-prefixed
// strings. Decoded strings are substrings of the file read once, so
// loading allocates no text.

const cacheMagic = cacheVersion + "\n"

type encoder struct{ b []byte }

func (e *encoder) uint(v int)   { e.b = binary.AppendUvarint(e.b, uint64(v)) }
func (e *encoder) str(s string) { e.uint(len(s)); e.b = append(e.b, s...) }
func (e *encoder) strs(ss []string) {
	if ss == nil {
		e.uint(0)
		return
	}
	e.uint(len(ss) + 1)
	for _, s := range ss {
		e.str(s)
	}
}
func (e *encoder) pos(p Pos) { e.str(p.File); e.uint(p.Line); e.uint(p.Col) }

func encodeLayer(l Layer) []byte {
	e := &encoder{b: append(make([]byte, 0, 1<<20), cacheMagic...)}
	e.uint(len(l.Entries))
	for _, x := range l.Entries {
		e.str(x.ID)
		e.str(x.Title)
		e.str(x.Answer)
		e.str(x.Product)
		e.str(x.Theme)
		e.strs(x.Keywords)
		e.strs(x.LostLinks)
		e.str(x.Note)
		e.str(x.Origin)
		e.str(x.Owner)
		e.str(x.Reviewed)
		e.pos(x.Pos)
		e.uint(len(x.Sources))
		for _, s := range x.Sources {
			e.str(s.Seed)
			e.uint(s.Block)
			e.str(s.Quote)
			e.str(s.Published)
			e.pos(s.Pos)
		}
	}
	e.uint(len(l.Trees))
	for _, t := range l.Trees {
		e.str(t.ID)
		e.str(t.Title)
		e.str(t.Product)
		e.strs(t.Symptoms)
		e.str(t.Start)
		e.str(t.Origin)
		e.str(t.Owner)
		e.str(t.Reviewed)
		e.pos(t.Pos)
		e.uint(len(t.Nodes))
		for _, n := range t.Nodes {
			for _, s := range []string{n.ID, n.Kind, n.Text, n.Help, n.Check, n.Verdict, n.VerdictLabel} {
				e.str(s)
			}
			e.strs(n.Steps)
			e.strs(n.Entries)
			e.pos(n.Pos)
			e.uint(len(n.Options))
			for _, o := range n.Options {
				e.str(o.ID)
				e.str(o.Label)
				e.str(o.Next)
				e.pos(o.Pos)
			}
			e.uint(len(n.Outcomes))
			for _, o := range n.Outcomes {
				e.str(o.Result)
				e.str(o.Next)
				e.pos(o.Pos)
			}
		}
	}
	return e.b
}

var errCorrupt = errors.New("corrupt cache")

type decoderBin struct {
	s   string // the whole file, once
	off int
	err error
}

func (d *decoderBin) uint() int {
	if d.err != nil {
		return 0
	}
	var v uint64
	for shift := uint(0); ; shift += 7 {
		if d.off >= len(d.s) || shift > 56 {
			d.err = errCorrupt
			return 0
		}
		c := d.s[d.off]
		d.off++
		v |= uint64(c&0x7f) << shift
		if c < 0x80 {
			break
		}
	}
	if v > uint64(len(d.s)) {
		d.err = errCorrupt
		return 0
	}
	return int(v)
}

func (d *decoderBin) str() string {
	n := d.uint()
	if d.err != nil || n > len(d.s)-d.off {
		d.err = errCorrupt
		return ""
	}
	s := d.s[d.off : d.off+n]
	d.off += n
	return s
}

func (d *decoderBin) strs() []string {
	n := d.uint()
	if n == 0 || d.err != nil {
		return nil
	}
	out := make([]string, n-1)
	for i := range out {
		out[i] = d.str()
	}
	return out
}

func (d *decoderBin) pos() Pos { return Pos{File: d.str(), Line: d.uint(), Col: d.uint()} }

// count reads a list length, bounded by what the remaining bytes can hold.
func (d *decoderBin) count() int {
	n := d.uint()
	if n > len(d.s)-d.off {
		d.err = errCorrupt
		return 0
	}
	return n
}

func decodeLayer(data []byte) (Layer, error) {
	if !strings.HasPrefix(string(data[:min(len(data), len(cacheMagic))]), cacheMagic) {
		return Layer{}, errCorrupt
	}
	// The strings of the layer are substrings of the file's bytes, which
	// nothing writes after this point: no second 15 MB copy.
	d := &decoderBin{s: unsafe.String(unsafe.SliceData(data), len(data)), off: len(cacheMagic)}
	var l Layer
	l.Entries = make([]*Entry, d.count())
	for i := range l.Entries {
		x := &Entry{ID: d.str(), Title: d.str(), Answer: d.str(), Product: d.str(), Theme: d.str(), Keywords: d.strs(), LostLinks: d.strs(), Note: d.str(),
			Origin: d.str(), Owner: d.str(), Reviewed: d.str(), Pos: d.pos()}
		x.Sources = make([]Source, d.count())
		for j := range x.Sources {
			x.Sources[j] = Source{Seed: d.str(), Block: d.uint(), Quote: d.str(), Published: d.str(), Pos: d.pos()}
		}
		l.Entries[i] = x
	}
	l.Trees = make([]*Tree, d.count())
	for i := range l.Trees {
		t := &Tree{ID: d.str(), Title: d.str(), Product: d.str(), Symptoms: d.strs(), Start: d.str(),
			Origin: d.str(), Owner: d.str(), Reviewed: d.str(), Pos: d.pos()}
		t.Nodes = make([]*Node, d.count())
		for j := range t.Nodes {
			n := &Node{ID: d.str(), Kind: d.str(), Text: d.str(), Help: d.str(), Check: d.str(), Verdict: d.str(), VerdictLabel: d.str(),
				Steps: d.strs(), Entries: d.strs(), Pos: d.pos()}
			if c := d.count(); c > 0 {
				n.Options = make([]Option, c)
				for k := range n.Options {
					n.Options[k] = Option{ID: d.str(), Label: d.str(), Next: d.str(), Pos: d.pos()}
				}
			}
			if c := d.count(); c > 0 {
				n.Outcomes = make([]Outcome, c)
				for k := range n.Outcomes {
					n.Outcomes[k] = Outcome{Result: d.str(), Next: d.str(), Pos: d.pos()}
				}
			}
			t.Nodes[j] = n
		}
		l.Trees[i] = t
	}
	if d.err != nil || d.off != len(d.s) {
		return Layer{}, errCorrupt
	}
	return l, nil
}
