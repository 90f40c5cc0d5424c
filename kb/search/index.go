package search

import (
	"math"
	"slices"
	"sort"
	"strings"
	"sync"

	"ecps-assist/kb"
)

// DocKind tells an entry (answer) from a decision tree.
type DocKind int

// Kinds of indexed documents.
const (
	DocEntry DocKind = iota
	DocTree
)

// field is the part of a document a token or a fuzzy string comes from.
type field uint8

const (
	fTitle field = iota
	fKeyword
	fSymptom
	fAnswer
)

// BM25F field weights: a token of a title or of a tree symptom counts as
// three tokens of an answer body, a keyword as two.
var fieldWeight = [...]float32{fTitle: 3, fKeyword: 2, fSymptom: 3, fAnswer: 1}

// BM25 parameters.
const (
	bm25K1 = 1.2
	bm25B  = 0.75
)

type posting struct {
	doc int32
	tf  float32 // field-weighted term frequency
}

// titleTok locates a token of a title, for highlighting BM25 matches.
type titleTok struct {
	start, end int32 // rune range in the title, end exclusive
	surf       int32
}

type doc struct {
	kind      DocKind
	id, title string
	titleF    Folded
	fz0, fz1  int32 // range of this document's fuzzy fields in Index.fz
	length    float32
	titleToks []titleTok
}

// fzField is a folded string the fuzzy ranker matches: a title, a keyword,
// a symptom. Answers are not fuzzy-matched.
type fzField struct {
	text string
	mask uint64 // charMask(text), to skip fields quickly
	doc  int32
	kind field
}

// Index is the search index of a KB. Build it with NewIndex; it does not
// change afterwards (a new KB needs a new Index).
//
// NewIndex folds and tokenizes every document and builds postings per
// folded surface word; the snowball stems, the stem postings and the tables
// for prefix and typo look-ups are derived lazily, once, on the first query
// (or by Warm), so that start-up stays cheap.
//
// Methods may be called concurrently: the lazy part is guarded by a
// sync.Once and Filter's narrowing cache by a mutex.
type Index struct {
	docs     []doc
	fz       []fzField
	surfID   map[string]int32
	surfs    []string
	surfPost [][]posting
	avgLen   [2]float64
	nKind    [2]int

	warmOnce sync.Once
	surfStem []int32
	stemID   map[string]int32
	stemPost [][]posting
	stemIDF  []float64
	stemDF   []int
	docNorm  []float64 // k1·(1-b+b·len/avgLen) per document
	sorted   []int32   // surface ids in lexical order, for prefixes
	byLen    [][]int32 // surface ids by byte length, for typos
	synKeys  []string  // sorted keys of the synonym table

	mu   sync.Mutex
	last filterCache
}

type indexBuilder struct {
	ix      *Index
	tfAcc   []float32
	touched []int32
	length  float32
}

// NewIndex indexes the entries and trees of k: entries by title, keywords
// and answer; trees by title and symptoms.
func NewIndex(k *kb.KB) *Index {
	n := len(k.Entries) + len(k.Trees)
	ix := &Index{
		docs:   make([]doc, 0, n),
		surfID: make(map[string]int32, 256+8*n),
	}
	b := &indexBuilder{ix: ix}
	for _, e := range k.Entries {
		b.begin(DocEntry, e.ID, e.Title)
		for _, kw := range e.Keywords {
			f := FoldString(kw)
			b.fuzzyFolded(f, fKeyword)
			b.tokens(f, fKeyword)
		}
		b.tokens(FoldString(e.Answer), fAnswer)
		b.end()
	}
	for _, t := range k.Trees {
		b.begin(DocTree, t.ID, t.Title)
		for _, s := range t.Symptoms {
			f := FoldString(s)
			b.fuzzyFolded(f, fSymptom)
			b.tokens(f, fSymptom)
		}
		b.end()
	}
	for kind := range 2 {
		if ix.nKind[kind] > 0 {
			ix.avgLen[kind] /= float64(ix.nKind[kind])
		}
		if ix.avgLen[kind] <= 0 {
			ix.avgLen[kind] = 1
		}
	}
	return ix
}

func (b *indexBuilder) begin(kind DocKind, id, title string) {
	ix := b.ix
	d := doc{kind: kind, id: id, title: title, titleF: Fold(title)}
	d.fz0 = int32(len(ix.fz))
	ix.docs = append(ix.docs, d)
	b.length = 0
	b.fuzzyFolded(d.titleF.Text, fTitle)
	// title tokens, with their rune ranges for highlighting
	dp := &ix.docs[len(ix.docs)-1]
	tf := dp.titleF
	scanTokens(tf.Text, nil, func(tok string, s, e int) {
		rs, re := int32(tf.RuneOf[s]), int32(tf.RuneOf[e-1]+1)
		b.addToken(tok, fTitle, func(surf int32) {
			dp.titleToks = append(dp.titleToks, titleTok{start: rs, end: re, surf: surf})
		})
	})
}

func (b *indexBuilder) fuzzyFolded(f string, kind field) {
	if f == "" {
		return
	}
	ix := b.ix
	ix.fz = append(ix.fz, fzField{text: f, mask: charMask(f), doc: int32(len(ix.docs) - 1), kind: kind})
}

func (b *indexBuilder) tokens(f string, kind field) {
	scanTokens(f, nil, func(tok string, _, _ int) { b.addToken(tok, kind, nil) })
}

// addToken maps tok through the synonym table and counts each canonical
// word in the current document.
func (b *indexBuilder) addToken(tok string, kind field, seen func(surf int32)) {
	w := fieldWeight[kind]
	add := func(c string) {
		ix := b.ix
		id, ok := ix.surfID[c]
		if !ok {
			id = int32(len(ix.surfs))
			c = strings.Clone(c)
			ix.surfID[c] = id
			ix.surfs = append(ix.surfs, c)
			ix.surfPost = append(ix.surfPost, nil)
			b.tfAcc = append(b.tfAcc, 0)
		}
		if b.tfAcc[id] == 0 {
			b.touched = append(b.touched, id)
		}
		b.tfAcc[id] += w
		b.length += w
		if seen != nil {
			seen(id)
		}
	}
	if canon := expand(tok); canon != nil {
		for _, c := range canon {
			add(c)
		}
		return
	}
	add(tok)
}

func (b *indexBuilder) end() {
	ix := b.ix
	di := int32(len(ix.docs) - 1)
	d := &ix.docs[di]
	d.fz1 = int32(len(ix.fz))
	d.length = b.length
	ix.nKind[d.kind]++
	ix.avgLen[d.kind] += float64(b.length)
	for _, id := range b.touched {
		ix.surfPost[id] = append(ix.surfPost[id], posting{doc: di, tf: b.tfAcc[id]})
		b.tfAcc[id] = 0
	}
	b.touched = b.touched[:0]
}

// Warm builds the lazily derived tables (stems, stem postings, IDF, prefix
// and typo tables) now rather than at the first query. It is cheap to call
// several times; a UI may call it in a goroutine right after NewIndex.
func (ix *Index) Warm() { ix.warmOnce.Do(ix.warm) }

func (ix *Index) warm() {
	ns := len(ix.surfs)
	ix.surfStem = make([]int32, ns)
	ix.stemID = make(map[string]int32, ns)
	var members [][]int32
	for id, s := range ix.surfs {
		st := Stem(s)
		sid, ok := ix.stemID[st]
		if !ok {
			sid = int32(len(members))
			ix.stemID[st] = sid
			members = append(members, nil)
		}
		ix.surfStem[id] = sid
		members[sid] = append(members[sid], int32(id))
	}
	ix.stemPost = make([][]posting, len(members))
	for sid, m := range members {
		if len(m) == 1 {
			ix.stemPost[sid] = ix.surfPost[m[0]]
			continue
		}
		var ps []posting
		for _, id := range m {
			ps = append(ps, ix.surfPost[id]...)
		}
		slices.SortFunc(ps, func(a, b posting) int { return int(a.doc - b.doc) })
		out := ps[:0]
		for _, p := range ps {
			if len(out) > 0 && out[len(out)-1].doc == p.doc {
				out[len(out)-1].tf += p.tf
				continue
			}
			out = append(out, p)
		}
		ix.stemPost[sid] = out
	}
	n := float64(len(ix.docs))
	ix.stemIDF = make([]float64, len(members))
	ix.stemDF = make([]int, len(members))
	for sid, ps := range ix.stemPost {
		df := float64(len(ps))
		ix.stemDF[sid] = len(ps)
		ix.stemIDF[sid] = math.Log(1 + (n-df+0.5)/(df+0.5))
	}
	ix.docNorm = make([]float64, len(ix.docs))
	for i, d := range ix.docs {
		ix.docNorm[i] = bm25K1 * (1 - bm25B + bm25B*float64(d.length)/ix.avgLen[d.kind])
	}
	ix.sorted = make([]int32, ns)
	for i := range ix.sorted {
		ix.sorted[i] = int32(i)
	}
	slices.SortFunc(ix.sorted, func(a, b int32) int { return strings.Compare(ix.surfs[a], ix.surfs[b]) })
	for id, s := range ix.surfs {
		for len(ix.byLen) <= len(s) {
			ix.byLen = append(ix.byLen, nil)
		}
		ix.byLen[len(s)] = append(ix.byLen[len(s)], int32(id))
	}
	ix.synKeys = synonymKeys
}

// synonymKeys are the keys of the synonym table, sorted.
var synonymKeys = func() []string {
	ks := make([]string, 0, len(synonyms))
	for k := range synonyms {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}()

// known reports whether w is a word of the index vocabulary or of the
// synonym table.
func (ix *Index) known(w string) bool {
	if _, ok := ix.surfID[w]; ok {
		return true
	}
	_, ok := synonyms[w]
	return ok
}

// knownPrefix reports whether some vocabulary or synonym word starts with p.
func (ix *Index) knownPrefix(p string) bool {
	ix.Warm()
	i := sort.Search(len(ix.sorted), func(i int) bool { return ix.surfs[ix.sorted[i]] >= p })
	if i < len(ix.sorted) && strings.HasPrefix(ix.surfs[ix.sorted[i]], p) {
		return true
	}
	j := sort.SearchStrings(ix.synKeys, p)
	return j < len(ix.synKeys) && strings.HasPrefix(ix.synKeys[j], p)
}

// withPrefix returns up to max surface ids starting with p, in lexical order.
func (ix *Index) withPrefix(p string, max int) []int32 {
	i := sort.Search(len(ix.sorted), func(i int) bool { return ix.surfs[ix.sorted[i]] >= p })
	var out []int32
	for ; i < len(ix.sorted) && len(out) < max; i++ {
		id := ix.sorted[i]
		if !strings.HasPrefix(ix.surfs[id], p) {
			break
		}
		out = append(out, id)
	}
	return out
}

// closest returns the vocabulary surface or synonym key at edit distance 1
// (substitution, insertion, deletion or transposition of two adjacent
// letters) from w, preferring the most frequent surface; ok is false when
// there is none.
func (ix *Index) closest(w string) (string, bool) {
	best, bestDF := "", -1
	for l := len(w) - 1; l <= len(w)+1; l++ {
		if l < 0 || l >= len(ix.byLen) {
			continue
		}
		for _, id := range ix.byLen[l] {
			s := ix.surfs[id]
			if !within1(w, s) {
				continue
			}
			df := len(ix.surfPost[id])
			if df > bestDF || df == bestDF && s < best {
				best, bestDF = s, df
			}
		}
	}
	if bestDF >= 0 {
		return best, true
	}
	for _, k := range ix.synKeys {
		if len(k) >= len(w)-1 && len(k) <= len(w)+1 && within1(w, k) {
			return k, true
		}
	}
	return "", false
}

// within1 reports whether a and b are at optimal string alignment distance
// at most 1 (bytes).
func within1(a, b string) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	if len(b)-len(a) > 1 {
		return false
	}
	i := 0
	for i < len(a) && a[i] == b[i] {
		i++
	}
	if i == len(a) {
		return true // equal, or b has one more byte at the end
	}
	if len(a) == len(b) {
		if a[i+1:] == b[i+1:] {
			return true // substitution
		}
		return i+1 < len(a) && a[i] == b[i+1] && a[i+1] == b[i] && a[i+2:] == b[i+2:]
	}
	return a[i:] == b[i+1:] // insertion in b
}

// charMask has a bit per ASCII letter and digit, one for the apostrophe and
// one for any non-ASCII byte.
func charMask(s string) uint64 {
	var m uint64
	for i := 0; i < len(s); i++ {
		m |= charBit(s[i])
	}
	return m
}

func charBit(c byte) uint64 {
	switch {
	case 'a' <= c && c <= 'z':
		return 1 << (c - 'a')
	case '0' <= c && c <= '9':
		return 1 << (26 + c - '0')
	case c == '\'':
		return 1 << 36
	case c == ' ':
		return 1 << 37
	case c >= 0x80:
		return 1 << 38
	}
	return 0
}
