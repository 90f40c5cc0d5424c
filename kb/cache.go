package kb

import (
	"bytes"
	"crypto/sha256"
	"encoding/gob"
	"encoding/hex"
	"os"
	"path/filepath"
	"strconv"
)

// CacheMinBytes is the size from which an override directory's parsed
// form is cached: below it, parsing is cheaper than caching.
const CacheMinBytes = 1 << 20

// cacheVersion changes whenever the schema or the decoder changes, so a
// stale cache is never read.
const cacheVersion = "kb-cache-v2"

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

func cacheKey(files []file) string {
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

// cachedParse parses files, reading and writing the cache for large sets.
// Only a problem-free parse is cached; a cache that cannot be read or
// written is ignored (the parse result is the same).
func cachedParse(files []file) (Layer, Problems) {
	total := 0
	for _, f := range files {
		total += len(f.data)
	}
	dir := CacheDir()
	if total < CacheMinBytes || dir == "" {
		return parseFiles(files)
	}
	path := filepath.Join(dir, "kb-"+cacheKey(files)+".gob")
	if data, err := os.ReadFile(path); err == nil {
		var l Layer
		if gob.NewDecoder(bytes.NewReader(data)).Decode(&l) == nil {
			return l, nil
		}
	}
	l, probs := parseFiles(files)
	if len(probs) == 0 {
		var buf bytes.Buffer
		if gob.NewEncoder(&buf).Encode(&l) == nil && os.MkdirAll(dir, 0o700) == nil {
			if tmp, err := os.CreateTemp(dir, "kb-*.tmp"); err == nil {
				_, werr := tmp.Write(buf.Bytes())
				cerr := tmp.Close()
				if werr == nil && cerr == nil {
					_ = os.Rename(tmp.Name(), path)
				} else {
					_ = os.Remove(tmp.Name())
				}
			}
		}
	}
	return l, probs
}
