package search

import (
	"math"
	"slices"
	"sort"
	"strings"

	"ecps-assist/kb"
	"ecps-assist/kb/vocab"
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
	product   string // its product (kb), for the words of a description
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
// NewIndex folds and tokenizes every document, builds postings per folded
// surface word (after the synonym table), stems every surface word and
// merges the postings of each stem, and sorts the vocabulary for prefixes
// and typos. Nothing of that is filled on demand afterwards; what its
// searches learn of a word is kept in each search's scratch (see
// scratch.toks), so an Index is safe for concurrent use.
type Index struct {
	docs     []doc
	fz       []fzField
	surf     numbering // the surface words, numbered
	surfPost [][]posting
	avgLen   [2]float64
	nKind    [2]int
	docNorm  []float64 // k1·(1-b+b·len/avgLen) per document
	lex      table[int32]
	synSurfs [][]int32
	// team holds the folded words of team knowledge's titles, keywords
	// and symptoms: a team's own vocabulary anchors a query in the
	// domain as the official jargon does.
	team map[string]bool

	surfStem []int32 // stem id of each surface
	stemID   numbering
	stems    []stemInfo
	sorted   []int32        // surface ids in lexical order, for prefixes
	byLen    [][]int32      // surface ids by byte length, each in lexical order
	tails    table[[]int32] // surface ids by all but their first byte
}

// stemInfo is what BM25 needs of a stem.
type stemInfo struct {
	post  []posting // sorted by document
	idf   float64
	df    int
	vague bool // a vague word (see vagueWordList): never discriminating
}

// Lexicon codes of folded words at index time: a surface id (≥ 0),
// lexStop, or lexSyn-k for the k-th synonym group of Index.synSurfs.
const (
	lexStop = -1
	lexSyn  = -2
)

type indexBuilder struct {
	ix      *Index
	tfAcc   []float32
	touched []int32
	length  float32
	word    []byte // scratch for "e"+word
	buf     []byte // scratch for foldWords
	trip    []triple
}

// triple is a posting of a surface, before postings are grouped by surface.
type triple struct {
	surf int32
	p    posting
}

// NewIndex indexes the entries and trees of k: entries by title, keywords
// and answer; trees by title and symptoms, and by the text and options of
// their questions (weighted as an answer: "e-CPS BAS (Bac à Sable)").
func NewIndex(k *kb.KB) *Index {
	if k.EmbeddedOnly() && snapshotIndex != nil {
		return snapshotIndex()
	}
	return buildIndex(k)
}

// snapshotIndex and snapshotLexicon, set by snapshot_gen.go, return the
// index of the embedded knowledge and the compiled embedded vocabulary as
// they were built at go generate time, as Go literals: a command that
// searches once (search, triage, the first keystroke) would otherwise
// spend half of its run building them. TestSnapshotIsFresh checks they
// are what buildIndex and compileLexicon make.
var (
	snapshotIndex   func() *Index
	snapshotLexicon func(v *vocab.Vocabulary) *lexicon
)

// buildIndex is NewIndex without the snapshot.
func buildIndex(k *kb.KB) *Index {
	n := len(k.Entries) + len(k.Trees)
	size := 0 // bytes of text, to size the tables
	for _, e := range k.Entries {
		size += len(e.Title) + len(e.Answer)
		for _, kw := range e.Keywords {
			size += len(kw)
		}
	}
	for _, t := range k.Trees {
		size += len(t.Title)
		for _, s := range t.Symptoms {
			size += len(s)
		}
	}
	// Distinct words grow slower than text; these hints fit French FAQ
	// text of up to a few hundred kilobytes and merely start smaller maps
	// beyond.
	words := min(size/16, 1<<16)
	ix := &Index{
		docs: make([]doc, 0, n),
		surf: newNumbering(words),
		lex:  table[int32]{numbering: newNumbering(words + 256)},
	}
	b := &indexBuilder{ix: ix, trip: make([]triple, 0, size/12)}
	ix.team = map[string]bool{}
	addTeam := func(texts ...string) {
		for _, t := range texts {
			scanTokens(FoldString(t), plainLex, false, func(tok string, _, _ int) bool {
				if !isStopWord(tok) && !isVague(tok) {
					ix.team[tok] = true
				}
				return true
			})
		}
	}
	for _, e := range k.Entries {
		if e.IsTeam() {
			addTeam(append([]string{e.Title}, e.Keywords...)...)
		}
	}
	for _, t := range k.Trees {
		if t.IsTeam() {
			addTeam(append([]string{t.Title}, t.Symptoms...)...)
		}
	}
	for _, e := range k.Entries {
		b.begin(DocEntry, e.ID, e.Title)
		b.product(e.Product)
		for _, kw := range e.Keywords {
			f := FoldString(kw)
			b.fuzzyFolded(f, fKeyword)
			b.folded(f, fKeyword)
		}
		b.text(e.Answer, fAnswer)
		b.end()
	}
	for _, t := range k.Trees {
		b.begin(DocTree, t.ID, t.Title)
		b.product(t.Product)
		for _, s := range t.Symptoms {
			f := FoldString(s)
			b.fuzzyFolded(f, fSymptom)
			b.folded(f, fSymptom)
		}
		for _, n := range t.Nodes {
			if n.Kind != kb.KindQuestion {
				continue
			}
			b.text(n.Text, fAnswer)
			for _, o := range n.Options {
				b.text(o.Label, fAnswer)
			}
		}
		b.end()
	}
	// group the postings by surface, in one array
	ix.surfPost = make([][]posting, len(ix.surf.list))
	count := make([]int32, len(ix.surf.list)+1)
	for _, t := range b.trip {
		count[t.surf+1]++
	}
	for i := 1; i < len(count); i++ {
		count[i] += count[i-1]
	}
	flat := make([]posting, len(b.trip))
	next := count[:len(ix.surf.list)]
	for _, t := range b.trip {
		flat[next[t.surf]] = t.p
		next[t.surf]++
	}
	start := int32(0)
	for id := range ix.surf.list {
		ix.surfPost[id] = flat[start:next[id]:next[id]]
		start = next[id]
	}
	for kind := range 2 {
		if ix.nKind[kind] > 0 {
			ix.avgLen[kind] /= float64(ix.nKind[kind])
		}
		if ix.avgLen[kind] <= 0 {
			ix.avgLen[kind] = 1
		}
	}
	ix.docNorm = make([]float64, len(ix.docs))
	for i, d := range ix.docs {
		ix.docNorm[i] = bm25K1 * (1 - bm25B + bm25B*float64(d.length)/ix.avgLen[d.kind])
	}
	ix.stemAll()
	ix.sortVocabulary()
	return ix
}

func (b *indexBuilder) begin(kind DocKind, id, title string) {
	ix := b.ix
	ix.docs = append(ix.docs, doc{kind: kind, id: id, title: title, titleF: Fold(title)})
	dp := &ix.docs[len(ix.docs)-1]
	dp.fz0 = int32(len(ix.fz))
	b.length = 0
	b.fuzzyFolded(dp.titleF.Text, fTitle)
	// title tokens, with their rune ranges for highlighting
	tf := dp.titleF
	scanTokens(tf.Text, plainLex, true, func(tok string, s, e int) bool {
		rs, re := tf.RuneOf[s], tf.RuneOf[e-1]+1
		b.addWord(tok, fTitle, func(surf int32) {
			dp.titleToks = append(dp.titleToks, titleTok{start: rs, end: re, surf: surf})
		})
		return true
	})
}

// product indexes the document's product name as a keyword ("segur" for
// every Ségur answer, whether or not its text names it).
func (b *indexBuilder) product(p string) {
	b.ix.docs[len(b.ix.docs)-1].product = p
	if p != "" {
		b.folded(FoldString(p), fKeyword)
	}
}

func (b *indexBuilder) fuzzyFolded(f string, kind field) {
	if f == "" {
		return
	}
	ix := b.ix
	ix.fz = append(ix.fz, fzField{text: f, mask: charMask(f), doc: int32(len(ix.docs) - 1), kind: kind})
}

// folded indexes the words of the folded text f, kept by the index (the
// words are substrings of f).
func (b *indexBuilder) folded(f string, kind field) {
	scanTokens(f, plainLex, true, func(tok string, _, _ int) bool { b.addWord(tok, kind, nil); return true })
}

// text indexes the words of s: it folds and splits in one pass (foldWords)
// and gives the same tokens as scanTokens(FoldString(s), nil, false, …), e joined
// to the next word included.
func (b *indexBuilder) text(s string, kind field) {
	pendingE := false
	b.buf = foldWords(s, b.buf, func(w []byte) {
		if pendingE {
			pendingE = false
			if !isStopWord(string(w)) {
				b.word = append(append(b.word[:0], 'e'), w...)
				b.addWord(string(b.word), kind, nil)
				return
			}
		}
		if len(w) == 1 && w[0] == 'e' {
			pendingE = true
			return
		}
		b.addWordBytes(w, kind)
	})
}

// addWordBytes is addWord for a scratch byte slice: the lexicon look-up
// allocates nothing for a word of up to 32 bytes (the conversion's stack
// buffer), nearly every word.
func (b *indexBuilder) addWordBytes(w []byte, kind field) {
	if code, ok := b.ix.lex.get(string(w)); ok {
		b.addCode(code, kind, nil)
		return
	}
	b.addWord(string(w), kind, nil)
}

// Words and surfaces are kept as given, without copy: they are fresh
// strings or substrings of folded titles, which the index keeps anyway.

// addWord counts a folded word in the current document: nothing for a
// stop word or a single letter, its canonical words for a synonym, itself
// otherwise.
func (b *indexBuilder) addWord(w string, kind field, seen func(surf int32)) {
	ix := b.ix
	code, ok := ix.lex.get(w)
	if !ok {
		switch {
		case isStopWord(w) || len(w) == 1 && !(w[0] >= '0' && w[0] <= '9'):
			code = lexStop
		case tables().syn.at(w) != nil:
			var ids []int32
			for _, c := range tables().syn.at(w) {
				ids = append(ids, ix.surface(c))
			}
			code = lexSyn - int32(len(ix.synSurfs))
			ix.synSurfs = append(ix.synSurfs, ids)
		default:
			code = ix.surface(w)
		}
		ix.lex.set(w, code)
	}
	b.addCode(code, kind, seen)
}

func (b *indexBuilder) addCode(code int32, kind field, seen func(surf int32)) {
	switch {
	case code >= 0:
		b.count(code, kind, seen)
	case code <= lexSyn:
		for _, id := range b.ix.synSurfs[lexSyn-code] {
			b.count(id, kind, seen)
		}
	}
}

// surface returns the id of the surface word c, creating it.
func (ix *Index) surface(c string) int32 {
	id, _ := ix.surf.add(c)
	return id
}

func (b *indexBuilder) count(id int32, kind field, seen func(surf int32)) {
	for int(id) >= len(b.tfAcc) {
		b.tfAcc = append(b.tfAcc, 0)
	}
	w := fieldWeight[kind]
	if b.tfAcc[id] == 0 {
		b.touched = append(b.touched, id)
	}
	b.tfAcc[id] += w
	b.length += w
	if seen != nil {
		seen(id)
	}
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
		b.trip = append(b.trip, triple{surf: id, p: posting{doc: di, tf: b.tfAcc[id]}})
		b.tfAcc[id] = 0
	}
	b.touched = b.touched[:0]
}

// stemAll stems every surface word and makes the stems: their postings
// merged and their IDF.
func (ix *Index) stemAll() {
	ix.surfStem = make([]int32, len(ix.surf.list))
	ix.stemID = newNumbering(len(ix.surf.list) / 2)
	var members [][]int32
	for id, w := range ix.surf.list {
		sid, added := ix.stemID.add(Stem(w))
		if added {
			members = append(members, nil)
		}
		ix.surfStem[id] = sid
		members[sid] = append(members[sid], int32(id))
	}
	vague := &tables().vague
	ix.stems = make([]stemInfo, len(members))
	n := float64(len(ix.docs))
	for sid, st := range ix.stemID.list {
		m := members[sid]
		var ps []posting
		if len(m) == 1 {
			ps = ix.surfPost[m[0]]
		} else {
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
			ps = out
		}
		df := float64(len(ps))
		v := vague.has(st)
		ix.stems[sid] = stemInfo{post: ps, df: len(ps), idf: math.Log(1 + (n-df+0.5)/(df+0.5)), vague: v}
	}
}

// stem returns the stem id of a folded word's stem st.
func (ix *Index) stem(st string) (int32, bool) {
	sid := ix.stemID.id(st)
	return sid, sid >= 0
}

// sortVocabulary builds the prefix and typo tables.
func (ix *Index) sortVocabulary() {
	ns := len(ix.surf.list)
	ix.sorted = make([]int32, ns)
	for i := range ix.sorted {
		ix.sorted[i] = int32(i)
	}
	slices.SortFunc(ix.sorted, func(a, b int32) int { return strings.Compare(ix.surf.list[a], ix.surf.list[b]) })
	ix.tails = table[[]int32]{numbering: newNumbering(ns)}
	for _, id := range ix.sorted {
		s := ix.surf.list[id]
		for len(ix.byLen) <= len(s) {
			ix.byLen = append(ix.byLen, nil)
		}
		ix.byLen[len(s)] = append(ix.byLen[len(s)], id)
		if s != "" {
			t := ix.tails.ref(s[1:])
			*t = append(*t, id)
		}
	}
}

// known reports whether w is a word of the index vocabulary or of the
// synonym table.
func (ix *Index) known(w string) bool {
	return ix.surf.has(w) || tables().syn.has(w)
}

// knownPrefix reports whether some vocabulary or synonym word starts with p.
func (ix *Index) knownPrefix(p string) bool {
	i := sort.Search(len(ix.sorted), func(i int) bool { return ix.surf.list[ix.sorted[i]] >= p })
	if i < len(ix.sorted) && strings.HasPrefix(ix.surf.list[ix.sorted[i]], p) {
		return true
	}
	keys := tables().syn.list
	j := sort.SearchStrings(keys, p)
	return j < len(keys) && strings.HasPrefix(keys[j], p)
}

// withPrefix returns up to max surface ids starting with p, in lexical order.
func (ix *Index) withPrefix(p string, max int) []int32 {
	i := sort.Search(len(ix.sorted), func(i int) bool { return ix.surf.list[ix.sorted[i]] >= p })
	var out []int32
	for ; i < len(ix.sorted) && len(out) < max; i++ {
		id := ix.sorted[i]
		if !strings.HasPrefix(ix.surf.list[id], p) {
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
//
// An edit either keeps the first byte, and the candidates are the words of
// length len(w)±1 with that first byte (a range of byLen), or is at the
// first byte, and the candidate is a lookup: w without it, w with its
// first two bytes swapped, or a word whose tail is w[1:] (substitution) or
// w (insertion).
func (ix *Index) closest(w string) (string, bool) {
	if w == "" {
		return "", false
	}
	best, bestDF := "", -1
	consider := func(id int32) {
		s := ix.surf.list[id]
		if !within1(w, s) {
			return
		}
		df := len(ix.surfPost[id])
		if df > bestDF || df == bestDF && s < best {
			best, bestDF = s, df
		}
	}
	for l := len(w) - 1; l <= len(w)+1; l++ {
		if l < 1 || l >= len(ix.byLen) {
			continue
		}
		ids := ix.byLen[l]
		i := sort.Search(len(ids), func(i int) bool { return ix.surf.list[ids[i]][0] >= w[0] })
		for ; i < len(ids) && ix.surf.list[ids[i]][0] == w[0]; i++ {
			consider(ids[i])
		}
	}
	if id := ix.surf.id(w[1:]); id >= 0 {
		consider(id)
	}
	if len(w) >= 2 {
		if id := ix.surf.id(w[1:2] + w[:1] + w[2:]); id >= 0 {
			consider(id)
		}
	}
	for _, id := range ix.tails.at(w[1:]) {
		consider(id)
	}
	for _, id := range ix.tails.at(w) {
		consider(id)
	}
	if bestDF >= 0 {
		return best, true
	}
	for _, k := range tables().syn.list {
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
