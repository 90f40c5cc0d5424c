package search

import "sync"

// scratch holds the maps and slices of one search, reused by the next: a
// batch triages a ticket every tenth of a millisecond, and allocating
// them afresh was about half of its garbage. Nothing a search returns
// points into them.
type scratch struct {
	// analyze
	words            []rawWord
	byStem, byLight  [][]int // by lexicon.stemID and lightID
	stemsAt, lightAt []int32 // the ids whose lists are not empty
	homonym, negated map[int]bool
	// raw: what analyze knows of a folded word (rawWord, its place
	// aside)
	raw      cache[rawWord]
	ints     []int    // where byStem's and byLight's lists start (see occur)
	present  []uint64 // analysis.present
	idx, seq []int    // ruleMatch's and anySequence's words
	// queryTerms
	qwords []qword
	terms  []qterm
	// toks: what queryTerms knows of a word (wordLex) in index tokIx
	toks   cache[*wordLex]
	tokIx  *Index
	byKey  map[string]int
	wordAt map[int]int
	// Fold, bm25 and assemble
	runeOf      []int32
	slot        []int32
	bmHits      []bmHit
	bmBits      []uint64
	group       []float64
	groupStrong []bool
	touched     []int32
	fzKind      [2][]fzHit
	bmKind      [2][]bmHit
	aggs        []agg
	lists       [2][]*agg
	judged      []judged
	explain     explainBuf
	explained   []bool
	// queryTerms' lists, and blocks its terms' short lists are carved
	// from (see carve)
	knownQ, unknown []int
	infos           []stemInfo
	sids            []int32
}

// carve returns n elements of the block *arena, a new block when it is
// full (the lists carved from the old one keep it). A search's many short
// lists then cost no allocation each.
func carve[T any](arena *[]T, n int) []T {
	if len(*arena)+n > cap(*arena) {
		*arena = make([]T, 0, max(256, 2*cap(*arena), n))
	}
	l := len(*arena)
	*arena = (*arena)[:l+n]
	return (*arena)[l : l+n : l+n]
}

// zeroed is *buf as n zero values, grown when short.
func zeroed[T any](buf *[]T, n int) []T {
	if cap(*buf) < n {
		*buf = make([]T, n)
	}
	s := (*buf)[:n]
	clear(s)
	return s
}

func getScratch() *scratch { return scratchPool.Get().(*scratch) }

var scratchPool = sync.Pool{New: func() any {
	return &scratch{
		homonym: map[int]bool{}, negated: map[int]bool{},
		raw: newCache[rawWord](), toks: newCache[*wordLex](),
		byKey: map[string]int{}, wordAt: map[int]int{},
	}
}}

// maxScratch: a search of more words (a long ticket) lets its scratch go
// rather than keep it, and its maps, large for the next ones.
const maxScratch = 4096

// release gives the analysis's scratch back for the next search; the
// analysis (and the queryTerms made with it) must not be used after.
func (an *analysis) release() {
	sc := an.sc
	if sc == nil {
		return
	}
	an.sc, an.words, an.byStem, an.byLight, an.homonym, an.negated = nil, nil, nil, nil, nil, nil
	if cap(sc.words) > maxScratch || cap(sc.qwords) > maxScratch || len(sc.byKey) > maxScratch {
		// a fresh scratch, with what was learnt of words (else the next
		// long ticket would learn its words again: 74 -> 87 ms for 1 MiB)
		fresh := scratchPool.New().(*scratch)
		fresh.raw, fresh.toks, fresh.tokIx = sc.raw, sc.toks, sc.tokIx
		fresh.raw.next()
		fresh.toks.next()
		scratchPool.Put(fresh)
		return
	}
	for _, id := range sc.stemsAt {
		sc.byStem[id] = nil
	}
	for _, id := range sc.lightAt {
		sc.byLight[id] = nil
	}
	clear(sc.present)
	sc.stemsAt, sc.lightAt = sc.stemsAt[:0], sc.lightAt[:0]
	clear(sc.homonym)
	clear(sc.negated)
	sc.raw.next()
	sc.toks.next()
	clear(sc.byKey)
	clear(sc.wordAt)
	clear(sc.words) // no strings kept alive (beyond len: cleared before)
	clear(sc.qwords)
	clear(sc.terms)
	clear(sc.aggs) // pointers into the last search's hits
	clear(sc.lists[0])
	clear(sc.lists[1])
	clear(sc.judged)
	clear(sc.fzKind[0])
	clear(sc.fzKind[1])
	sc.aggs, sc.judged = sc.aggs[:0], sc.judged[:0]
	clear(sc.infos) // pointers into the index only, but of any index
	sc.infos, sc.sids = sc.infos[:0], sc.sids[:0]
	sc.words, sc.qwords, sc.terms, sc.ints = sc.words[:0], sc.qwords[:0], sc.terms[:0], sc.ints[:0]
	scratchPool.Put(sc)
}

// size makes the lists by id as long as lx numbers them.
func (sc *scratch) size(lx *lexicon) {
	if len(sc.byLight) != lx.lightID.size() || len(sc.byStem) != lx.stemID.size() {
		sc.byStem, sc.byLight = make([][]int, lx.stemID.size()), make([][]int, lx.lightID.size())
		sc.present = make([]uint64, (lx.lightID.size()+63)/64)
	}
}

// cache is what the searches of a scratch know of words: the first
// maxCached words met are kept from one search to the next (a batch's
// tickets repeat each other's words, and the ones that recur are met
// early), the others for the current search only (a ticket repeats its
// own).
type cache[V any] struct{ kept, now map[string]V }

func newCache[V any]() cache[V] { return cache[V]{kept: map[string]V{}, now: map[string]V{}} }

func (c *cache[V]) get(w string) (V, bool) {
	if v, ok := c.kept[w]; ok {
		return v, true
	}
	v, ok := c.now[w]
	return v, ok
}

// put stores v for w, which must not be a slice of the search's text
// when keeps() (it is then kept beyond the search).
func (c *cache[V]) put(w string, v V) {
	if c.keeps() {
		c.kept[w] = v
	} else {
		c.now[w] = v
	}
}

// keeps reports whether the next word put is kept beyond this search.
func (c *cache[V]) keeps() bool { return len(c.kept) < maxCached }

// next forgets the current search's words.
func (c *cache[V]) next() {
	if len(c.now) > maxScratch {
		c.now = map[string]V{} // a long ticket's: not kept at its size
	} else {
		clear(c.now)
	}
}

// reset forgets every word.
func (c *cache[V]) reset() {
	clear(c.kept)
	clear(c.now)
}

// maxCached bounds cache.kept: a million tickets of names, numbers and
// typos would otherwise grow it without end. At 65,536 (shared by all
// searches, for raw words and tokens) the two took 35 MB, over the
// batch's soft memory limit with the rest: 100,000 tickets ran in 53 s
// instead of 20 (the collector ran without a pause), RSS 144 MB.
const maxCached = 1 << 13

// occur appends word i to post[id] (id -1: none), up to maxOccurrences,
// and a new list's id to at. A stem's first list has room for 4 in
// sc.ints (most stems occur less often): the lists of a search cost no
// allocation.
func (sc *scratch) occur(post [][]int, at *[]int32, id int32, i int) {
	if id < 0 {
		return
	}
	l := post[id]
	if l == nil {
		*at = append(*at, id)
		const room = 4
		if len(sc.ints)+room > cap(sc.ints) {
			sc.ints = make([]int, 0, max(1024, 2*cap(sc.ints))) // the old block stays with its lists
		}
		n := len(sc.ints)
		sc.ints = sc.ints[:n+room]
		l = sc.ints[n : n : n+room]
	}
	if len(l) < maxOccurrences {
		post[id] = append(l, i)
	}
}
