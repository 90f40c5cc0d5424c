package search

import (
	"math/bits"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Hit is one ranked document.
type Hit struct {
	Kind  DocKind
	ID    string
	Title string
	// Score: higher is better, comparable only within one Results. It is
	// the reciprocal-rank-fusion score when both rankers ran, otherwise the
	// score of the ranker that ran (BM25 or fuzzy).
	Score float64
	// Matched lists the query words, as typed (unfolded), that matched the
	// document, deduplicated, in query order: the "why" of the hit.
	Matched []string
	// TitleMatches are rune indexes of Title to highlight, ascending: the
	// letters matched by the fuzzy ranker and the title words whose stem
	// matched a query term. May be empty.
	TitleMatches []int
	// Band: whether this hit addresses the question (see Band).
	Band Band
	// Evidence is the weight of the domain words of the query the hit
	// explains (sum of their IDF; vague and generic words excluded).
	Evidence float64
	// Coverage is the share of the query's question words known to the
	// knowledge (neither vague, generic nor product names) the hit
	// explains; 1 when there are none.
	Coverage float64
	// Unexplained are the words carrying the question the hit does not
	// explain.
	Unexplained []string
}

// Results of a query. Trees and Entries are ranked separately, each cut to
// the limit.
type Results struct {
	Query   string
	Trees   []Hit
	Entries []Hit
	// Weak is set when nothing matched well: no fuzzy match of acceptable
	// shape, and no BM25 match on a discriminating term (a term found in at
	// most half of the documents). Trees and Entries are then empty: the
	// caller should say that nothing matched rather than show noise.
	Weak bool
	// Band judges the whole result: the best band of the first tree and
	// the first entry (each Hit has its own). BandNone goes with Weak.
	Band Band
	// Gaps are the known gaps (kb/vocab) the query asks about: the result
	// is BandLow at best, and the caller says what the base does not cover.
	Gaps []GapHit
	// Aliases are the product and tree names or descriptions the query
	// used (« l'appli de la carte pro »), for the "why".
	Aliases []AliasHit
	// Unexplained are the words carrying the question (perdue, Chrome,
	// prix…) that the best hit does not explain.
	Unexplained []string
}

const (
	rrfK = 60.0
	// rankWindow is the least number of documents per kind of each
	// ranking that take part in the fusion when there is a limit.
	rankWindow = 100
	// bm25Tail drops BM25 hits scoring below this fraction of the best.
	bm25Tail = 0.25
	// weights of query terms found by typo correction and by prefix (the
	// word being typed in Filter).
	typoWeight   = 0.7
	prefixWeight = 0.8
	// aliasWeight of the terms a product's or tree's description stands
	// for.
	aliasWeight = 1.0
	// describedWeight scales, in BM25, the words inside a product's
	// description (qterm.only).
	describedWeight = 0.3
	// maxPrefix bounds the vocabulary words a prefix expands to.
	maxPrefix = 64
	// Search fuses with the fuzzy ranker for queries of at most
	// shortTokens tokens on one line.
	shortTokens = 4
	// queryTokens: text of one line, without sentence punctuation and of
	// at most this many tokens, is a query typed in a search box, where
	// every word counts (a word no
	// answer knows means the answers do not answer it); in a ticket,
	// names, places and small talk are words no answer knows.
	queryTokens = 6
)

// Filter ranks documents as the user types. The fuzzy ranker runs on every
// call; BM25 joins, fused by reciprocal rank fusion, as soon as the query
// has a complete token (one followed by a space or punctuation). The word
// being typed then counts for BM25 as a prefix of vocabulary words (when it
// has at least 3 letters).
//
// An empty query returns every document in KB order, limit applied. limit
// ≤ 0 means no limit.

func (ix *Index) Filter(query string, limit int) Results {
	qf := Fold(query)
	if qf.Text == "" {
		return ix.all(query, limit)
	}
	words := ix.fuzzyWords(query, qf)
	fz := ix.fuzzyRank(words, ix.fuzzyCandidates(words))
	partial := EndsInWord(query)
	an := analyze(getScratch(), query, qf)
	defer an.release()
	an.filter = true
	qt := ix.queryTerms(query, qf, partial, an)
	var bm []bmHit
	if qt.full > 0 {
		bm = ix.bm25(an.sc, qt.terms)
	}
	return ix.assemble(query, words, fz, true, qt, bm, qt.full > 0, limit, an)
}

// Search ranks documents for free text — a few words, a sentence or a
// ticket of several lines — with BM25 over titles, keywords, answers and
// tree symptoms. Queries of at most 4 tokens on one line are also ranked
// by the fuzzy ranker, and the two rankings fused. limit ≤ 0 means no
// limit.
func (ix *Index) Search(text string, limit int) Results {
	sc := getScratch()
	qf := fold(text, &sc.runeOf) // a ticket's largest allocation, 4 bytes a byte
	an := analyze(sc, text, qf)
	defer an.release()
	qt := ix.queryTerms(text, qf, false, an)
	if qt.tokens == 0 {
		return weak(text, an, false)
	}
	bm := ix.bm25(sc, qt.terms)
	var words []fzWord
	var fz []fzHit
	short := qt.tokens <= shortTokens && !strings.ContainsAny(strings.TrimSpace(text), "\n\r")
	an.query = qt.tokens <= queryTokens && !strings.ContainsAny(strings.TrimSpace(text), "\n\r?!.,;:")
	if len(qt.terms) >= 2 && !corroborated(bm) && !(an.defines && qt.anchored) {
		// Text with several words the knowledge base knows, of which
		// each document matches one only ("le wifi du cabinet ne marche
		// plus": "cabinet" here, "marche" there), matches nothing well.
		// Words it does not know ("wifi", "samsung") do not count. A
		// question of definition placed in the domain (« c'est quoi
		// exactement la e-CPS ? ») is ranked: only an answer that says
		// what the thing is can be judged high (see judge).
		return weak(text, an, qt.anchored)
	}
	if short {
		words = ix.fuzzyWords(text, qf)
		fz = dropVague(ix.fuzzyRank(words, ix.fuzzyCandidates(words)), words)
	}
	return ix.assemble(text, words, fz, short, qt, bm, true, limit, an)
}

// weak is the result of a query that matches nothing well; a known gap
// it asks about, in a query placed in the domain, still makes it BandLow
// (« la base ne traite pas de… »).
func weak(text string, an *analysis, anchored bool) Results {
	r := Results{Query: text, Weak: true, Band: BandNone}
	if anchored && len(an.gaps) > 0 {
		r.Band, r.Gaps = BandLow, an.gaps
	}
	return r
}

// corroborated reports whether a document matched two query terms or
// more, one of them discriminating.
func corroborated(bm []bmHit) bool {
	for _, h := range bm {
		if !h.strong {
			continue
		}
		n := 0
		for _, b := range h.terms {
			n += bits.OnesCount64(b)
		}
		if n >= 2 {
			return true
		}
	}
	return false
}

// dropVague keeps the fuzzy hits that matched a word other than a vague
// one: free text that only says "ne marche plus" matches nothing well.
// (Filter keeps them: a word being typed is not yet a query.)
func dropVague(fz []fzHit, words []fzWord) []fzHit {
	var telling uint64
	for i, w := range words {
		if base, _ := fuzzyBase(w.text); w.required && !isVague(base) {
			telling |= 1 << i
		}
	}
	out := fz[:0]
	for _, h := range fz {
		if h.words&telling != 0 {
			out = append(out, h)
		}
	}
	return out
}

// EndsInWord reports whether the last rune of s is part of a word (the user
// is still typing it).
func EndsInWord(s string) bool {
	for len(s) > 0 {
		r, n := utf8.DecodeLastRuneInString(s)
		if isMark(r) {
			s = s[:len(s)-n]
			continue
		}
		return unicode.IsLetter(r) || unicode.IsDigit(r)
	}
	return false
}

func isMark(r rune) bool { return r >= 0x300 && unicode.Is(unicode.Mn, r) }

// all returns every document, in KB order.
func (ix *Index) all(query string, limit int) Results {
	res := Results{Query: query}
	for _, d := range ix.docs {
		h := Hit{Kind: d.kind, ID: d.id, Title: d.title}
		if d.kind == DocTree {
			if limit <= 0 || len(res.Trees) < limit {
				res.Trees = append(res.Trees, h)
			}
		} else if limit <= 0 || len(res.Entries) < limit {
			res.Entries = append(res.Entries, h)
		}
	}
	return res
}

// qterm is a query term for BM25: one stem, or for a prefix several stems
// of which a document counts the best.
type qterm struct {
	stems  []int32
	infos  []stemInfo // of stems
	weight float64
	words  []int // indexes in queryTerms.words
	// generic: an everyday office-IT word (see genericWordList), no
	// evidence of the domain.
	generic bool
	// product: a product's name (e-CPS, INSi, MSSanté…): it says what
	// the question is about, not what it asks.
	product bool
	// anchor: a word that places the query in the domain — the
	// knowledge's jargon (RPPS, e-CPS, IGC, rooté: words no French
	// dictionary has, see frwords.txt) or a product's or tree's name or
	// description (kb/vocab). A query without one is about something else.
	anchor bool
	// only: a product whose description (an alias) holds every
	// occurrence of the term: « le portail où l'on dépose le dossier
	// Ségur » is Convergence, and its « Ségur » and « dossier » are
	// evidence for Convergence's documents only (see describedIn).
	only string
	// strong: an anchor that names the domain on its own — a product's
	// or tree's name or description, or jargon that looks it (see
	// strongAnchor) — rather than an ordinary word the domain uses
	// (« activer », « identifiant ») or a word merely missing from the
	// dictionary (« server »).
	strong bool
}

type qword struct {
	orig     string
	pos, end int // bytes of the folded query
	// alias: the span of a product's or tree's name or description; it
	// stands, in the "why", for the words it covers.
	alias bool
}

type queryTerms struct {
	terms  []qterm
	words  []qword
	tokens int // tokens of the query (stop words excluded)
	full   int // complete tokens (all but a word being typed)
	// anchored: some term is an anchor (see qterm.anchor).
	anchored bool
	// strong: some term is a strong anchor (see qterm.strong).
	strong bool
	// knownQ are the question words (indexes in words) some document
	// knows.
	knownQ []int
	// unknown are the question words (indexes in words) that no document
	// knows, even after typo correction (« tentatives », « amelipro »).
	unknown []int
	// questionWords counts the complete tokens that may carry the question:
	// neither vague, nor generic, nor a product's name, known to the
	// knowledge or not (« tentatives », « amelipro »).
	questionWords int
	// wordAt maps the byte offset of a word of the query to its index
	// in words (the first word starting there).
	wordAt map[int]int
}

// wordLex is what queryTerms knows of a word of a folded query whatever
// its place (see lexer), and its token's tokInfo once needed.
type wordLex struct {
	tok  string
	stop bool
	ti   *tokInfo
}

// tokInfo is what queryTerms knows of a token whatever its place: its
// canonical words (the synonym table) and, for each, what the judgement
// and BM25 need. A long ticket repeats its words: this is computed once
// per distinct token.
type tokInfo struct {
	canon []string
	cs    []canonInfo
	// class: 0 no question word, 1 a known one, 2 an unknown one
	class uint8
}

type canonInfo struct {
	// generic: an office-IT word; product: a product's name; jargon: a
	// word of the knowledge no ordinary French word is; domain: a domain
	// word, or a word of the team's own titles and keywords.
	generic, product, jargon, domain bool
	known                            bool // sid is its stem in the index
	sid                              int32
	// fix: when not known, the typo correction (Index.typoFix), or ""
	fix string
}

func (ix *Index) tokenInfo(lx *lexicon, tok string) tokInfo {
	ti := tokInfo{canon: expand(tok)}
	if ti.canon == nil {
		ti.canon = []string{tok}
	}
	if ix.questionWord(tok, ti.canon) {
		ti.class = 1
		if len(tok) >= 3 && !ix.hasStemOrFix(tok, ti.canon) {
			ti.class = 2
		}
	}
	stTok := Stem(tok)
	ti.cs = make([]canonInfo, len(ti.canon))
	for i, c := range ti.canon {
		stC := stTok
		if c != tok {
			stC = Stem(c)
		}
		ci := &ti.cs[i]
		ci.generic = lx.isGeneric(c, stC) || lx.isGeneric(tok, stTok)
		ci.product = lx.product.has(stC)
		ci.jargon = jargon(c)
		ci.domain = lx.domain.has(stC) || lx.domain.has(stTok) || ix.team[c] || ix.team[tok]
		ci.sid, ci.known = ix.stem(stC)
		if !ci.known {
			ci.fix = ix.typoFix(c)
		}
	}
	return ti
}

// typoFix is the correction of a word of 5 letters or more that is no
// ordinary French word (Index.closest), or "".
func (ix *Index) typoFix(w string) string {
	if len(w) < 5 || ordinaryWord(w) {
		return ""
	}
	fix, _ := ix.closest(w)
	return fix
}

// queryTerms tokenizes the query like the documents (glued elisions split
// against the index vocabulary), maps tokens through the synonym table and
// stems them. A token whose stem is not in the index is replaced, when it
// has at least 5 letters, by the vocabulary word at edit distance 1; the
// last token, when partial, by the vocabulary words it prefixes. an is
// the query's analysis (analyze), whose scratch it uses.
func (ix *Index) queryTerms(q string, qf Folded, partialLast bool, an *analysis) queryTerms {
	sc := an.sc // its maps and slices (see scratch)
	qt := queryTerms{words: sc.qwords[:0], terms: sc.terms[:0], knownQ: sc.knownQ[:0], unknown: sc.unknown[:0]}
	one := func(sid int32) []int32 { s := carve(&sc.sids, 1); s[0] = sid; return s }
	qc := &runeCursor{s: q} // the words as typed (origSpan)
	byKey := sc.byKey
	lx := lexOnce()
	var keyBuf []byte // the key of a term's stems in byKey
	if sc.tokIx != ix {
		sc.toks.reset()
		sc.tokIx = ix
	}
	// What is known of a word whatever its place, from this search and
	// the last ones: one lookup tells a stop word, a glued elision and
	// the token's tokInfo. cur is the last word looked up (scanTokens
	// calls fn right after the lookup of its word).
	toks := &sc.toks
	ixLex := lexAgainst(ix.known)
	var cur *wordLex
	lex := func(w string) (string, bool) {
		wl, ok := toks.get(w)
		if !ok {
			tok, stop := ixLex(w)
			if toks.keeps() {
				tok, w = strings.Clone(tok), strings.Clone(w) // kept: not slices of the ticket
			}
			wl = &wordLex{tok: tok, stop: stop}
			toks.put(w, wl)
		}
		cur = wl
		return wl.tok, wl.stop
	}
	var generic, anchor, product, strong bool
	addTerm := func(stems []int32, weight float64, w int) {
		if len(stems) == 0 {
			return
		}
		keyBuf = keyBuf[:0]
		for _, sid := range stems {
			keyBuf = strconv.AppendInt(append(keyBuf, ' '), int64(sid), 10)
		}
		if i, ok := byKey[string(keyBuf)]; ok {
			t := &qt.terms[i]
			t.weight = max(t.weight, weight)
			t.generic = t.generic && generic
			t.anchor = t.anchor || anchor
			t.strong = t.strong || strong
			t.product = t.product && product
			if t.words[len(t.words)-1] != w { // w only grows
				t.words = append(t.words, w)
			}
			return
		}
		byKey[string(keyBuf)] = len(qt.terms)
		infos := carve(&sc.infos, len(stems))
		for i, sid := range stems {
			infos[i] = ix.stems[sid]
		}
		words := carve(&sc.ints, 1)
		words[0] = w
		qt.terms = append(qt.terms, qterm{stems: stems, infos: infos, weight: weight, words: words, generic: generic, anchor: anchor, product: product, strong: strong})
	}
	scanTokens(qf.Text, lex, true, func(tok string, s, e int) bool {
		if an.negatedAt(s) {
			return true // « pas Firefox »: ruled out, no evidence
		}
		qt.tokens++
		partial := partialLast && e == len(qf.Text)
		if !partial {
			qt.full++
		}
		w := len(qt.words)
		qt.words = append(qt.words, qword{orig: oneLine(origSpan(qc, qf, s, e)), pos: s, end: e})
		if cur.ti == nil {
			ti := ix.tokenInfo(lx, tok)
			cur.ti = &ti
		}
		ti := cur.ti
		canon := ti.canon
		if !partial {
			switch ti.class {
			case 1:
				qt.questionWords++
				qt.knownQ = append(qt.knownQ, w)
			case 2:
				qt.questionWords++
				qt.unknown = append(qt.unknown, w)
			}
		}
		// a word expanded to several (mdp → mot passe) counts as one
		share := 1 / float64(len(canon))
		homonym := an.homonym[s]
		for i, c := range canon {
			ci := &ti.cs[i]
			generic, product = ci.generic, ci.product
			isJargon := !generic && !homonym && ci.jargon
			anchor = !generic && !homonym && (isJargon || ci.domain)
			strong = anchor && strongAnchor(c, qt.words[w].orig, isJargon)
			if ci.known {
				addTerm(one(ci.sid), share, w)
				continue
			}
			if partial {
				if len(c) >= 3 {
					var stems []int32
					for _, id := range ix.withPrefix(c, maxPrefix) {
						if sid := ix.surfStem[id]; !slices.Contains(stems, sid) {
							stems = append(stems, sid)
						}
					}
					addTerm(stems, prefixWeight*share, w)
				}
				continue
			}
			if fix := ci.fix; fix != "" {
				canon2 := expand(fix)
				if canon2 == nil {
					canon2 = []string{fix}
				}
				for _, c2 := range canon2 {
					// a typo of jargon, or of a word of the domain (« certifcat »)
					anchor = !generic && (jargon(c2) && jargon(c) || lx.domain.has(Stem(c2)))
					strong = anchor && strongAnchor(c2, c2, true)
					if sid, ok := ix.stem(Stem(c2)); ok {
						addTerm(one(sid), typoWeight*share, w)
					}
				}
			}
		}
		return true
	})
	// The products and trees the query names or describes: their terms
	// count as words of the query, explained by the user's words.
	generic, anchor, strong = false, true, true
	for _, a := range an.aliases {
		product = a.g.Product != "" // a tree's description says what is asked
		w := len(qt.words)
		// A product's description is named whole in the why; a tree's is
		// told by its words.
		qt.words = append(qt.words, qword{orig: a.text, pos: a.pos, end: a.end, alias: product})
		for _, t := range a.g.Terms {
			if sid, ok := ix.stem(Stem(FoldString(t.Value))); ok {
				addTerm(one(sid), aliasWeight, w)
			}
		}
	}
	for _, t := range qt.terms {
		qt.anchored = qt.anchored || t.anchor
		qt.strong = qt.strong || t.strong
	}
	describedIn(&qt, an)
	sc.qwords, sc.terms, sc.knownQ, sc.unknown = qt.words, qt.terms, qt.knownQ, qt.unknown // grown: kept for the next search
	qt.wordAt = sc.wordAt
	for i, w := range qt.words {
		if _, ok := qt.wordAt[w.pos]; !ok {
			qt.wordAt[w.pos] = i
		}
	}
	return qt
}

// describedIn sets qterm.only: the product of the descriptions that hold
// all of a term's words, when they are of one product.
func describedIn(qt *queryTerms, an *analysis) {
	for i := range qt.terms {
		t := &qt.terms[i]
		only := ""
		for _, w := range t.words {
			qw := qt.words[w]
			if qw.alias {
				only = ""
				break
			}
			p := ""
			for _, a := range an.aliases {
				if a.g.Product != "" && a.pos <= qw.pos && qw.end <= a.end {
					p = a.g.Product
					break
				}
			}
			if p == "" || only != "" && p != only {
				only = ""
				break
			}
			only = p
		}
		t.only = only
	}
}

type bmHit struct {
	doc    int32
	score  float64
	terms  []uint64 // bit set of matched term indexes
	strong bool     // a discriminating term matched
}

func byScore[T any](score func(*T) float64, doc func(*T) int32) func(a, b T) int {
	return func(a, b T) int {
		sa, sb := score(&a), score(&b)
		switch {
		case sa > sb:
			return -1
		case sa < sb:
			return 1
		}
		return int(doc(&a) - doc(&b))
	}
}

// bm25 scores the documents containing at least one term. A term is
// discriminating ("strong") when at most half of the documents contain it
// and it is not a vague word ("marche", "problème": see vagueWordList).
func (ix *Index) bm25(sc *scratch, terms []qterm) []bmHit {
	if len(terms) == 0 {
		return nil
	}
	nd := len(ix.docs)
	slot := zeroed(&sc.slot, nd) // hit index + 1
	nb := (len(terms) + 63) / 64
	est := 0
	for _, t := range terms {
		for _, si := range t.infos {
			est += len(si.post)
		}
	}
	est = min(est, nd)
	hits, bits := sc.bmHits[:0], sc.bmBits[:0]
	defer func() { sc.bmHits, sc.bmBits = hits[:0], bits[:0] }()
	half := max(1, nd/2)
	add := func(d int32, c float64, ti int, strong bool) {
		i := int(slot[d]) - 1
		if i < 0 {
			i = len(hits)
			slot[d] = int32(i + 1)
			hits = append(hits, bmHit{doc: d})
			for range nb {
				bits = append(bits, 0)
			}
		}
		h := &hits[i]
		h.score += c
		bits[i*nb+ti/64] |= 1 << (ti % 64)
		h.strong = h.strong || strong
	}
	contrib := func(si *stemInfo, p posting, weight float64) float64 {
		tf := float64(p.tf)
		return weight * si.idf * tf * (bm25K1 + 1) / (tf + ix.docNorm[p.doc])
	}
	var group []float64 // per document, best contribution of a prefix group
	var groupStrong []bool
	touched := sc.touched[:0]
	defer func() { sc.touched = touched[:0] }()
	for ti, t := range terms {
		if t.only != "" {
			// the words of a product's description name the product
			// (its terms are added for them): they rank its documents
			// little, or « l'appli carte pro sur le téléphone » puts
			// the tree about the phone itself first (t is a copy)
			t.weight *= describedWeight
		}
		if len(t.infos) == 1 {
			si := &t.infos[0]
			strong := si.df <= half && !si.vague
			for _, p := range si.post {
				if t.only == "" || ix.docs[p.doc].product == t.only {
					add(p.doc, contrib(si, p, t.weight), ti, strong)
				}
			}
			continue
		}
		if group == nil {
			group, groupStrong = zeroed(&sc.group, nd), zeroed(&sc.groupStrong, nd)
		}
		touched = touched[:0]
		for i := range t.infos {
			si := &t.infos[i]
			strong := si.df <= half && !si.vague
			for _, p := range si.post {
				if t.only != "" && ix.docs[p.doc].product != t.only {
					continue
				}
				c := contrib(si, p, t.weight)
				if group[p.doc] == 0 {
					touched = append(touched, p.doc)
				}
				group[p.doc] = max(group[p.doc], c)
				groupStrong[p.doc] = groupStrong[p.doc] || strong
			}
		}
		for _, d := range touched {
			add(d, group[d], ti, groupStrong[d])
			group[d], groupStrong[d] = 0, false
		}
	}
	top := 0.0
	for _, h := range hits {
		top = max(top, h.score)
	}
	out := hits[:0]
	for i, h := range hits {
		if h.score >= bm25Tail*top {
			h.terms = bits[i*nb : (i+1)*nb]
			out = append(out, h)
		}
	}
	return out // unsorted: assemble ranks
}

// judged is a hit judged, and its scores.
type judged struct {
	h Hit
	a *agg
}

type agg struct {
	doc        int32
	fz, bm     float64
	rrf        float64
	fzHit      *fzHit
	bmHit      *bmHit
	score      float64
	inFz, inBM bool
}

// assemble fuses the rankings per kind, decides Weak, cuts to limit and
// explains each hit.
func (ix *Index) assemble(query string, words []fzWord, fz []fzHit, fzRan bool,
	qt queryTerms, bm []bmHit, bmRan bool, limit int, an *analysis) Results {
	res := Results{Query: query}
	strong := false
	for _, h := range bm {
		strong = strong || h.strong
	}
	if len(fz) == 0 && !strong {
		r := weak(query, an, qt.anchored)
		r.Query = query
		return r
	}
	// Rank each list per kind. With a limit, each ranking contributes only
	// its first depth = max(rankWindow, 2·limit+rrfK) documents to the
	// fusion, like Elasticsearch's rank_window_size: this spares sorting
	// long lists. A document below depth in both lists scores less than
	// 1/(rrfK+limit), the score of each of the first limit documents of
	// one list, so it could not be shown anyway; a document below depth in
	// one list only loses less than 1/(rrfK+depth). Results are therefore
	// the same for every limit up to (rankWindow-rrfK)/2 = 20. Without a
	// limit, the lists are used whole; with fewer than depth matches per
	// kind (any KB of up to 100 entries), the cut changes nothing.
	depth := 0
	if limit > 0 {
		depth = max(rankWindow, 2*limit+int(rrfK))
	}
	sc := an.sc
	slot := zeroed(&sc.slot, len(ix.docs)) // index in aggs + 1
	aggs := sc.aggs[:0]
	defer func() { sc.aggs = aggs }()
	get := func(d int32) *agg {
		i := int(slot[d]) - 1
		if i < 0 {
			i = len(aggs)
			slot[d] = int32(i + 1)
			aggs = append(aggs, agg{doc: d})
		}
		return &aggs[i]
	}
	fzKind := [2][]fzHit{sc.fzKind[0][:0], sc.fzKind[1][:0]}
	for _, h := range fz {
		k := ix.docs[h.doc].kind
		fzKind[k] = append(fzKind[k], h)
	}
	bmKind := [2][]bmHit{sc.bmKind[0][:0], sc.bmKind[1][:0]}
	for _, h := range bm {
		k := ix.docs[h.doc].kind
		bmKind[k] = append(bmKind[k], h)
	}
	sc.fzKind, sc.bmKind = fzKind, bmKind
	for k := range 2 {
		l := topN(fzKind[k], depth, byScore(func(h *fzHit) float64 { return h.score }, func(h *fzHit) int32 { return h.doc }))
		for i := range l {
			h := &l[i]
			a := get(h.doc)
			a.fz, a.fzHit, a.inFz = h.score, h, true
			a.rrf += 1 / (rrfK + float64(i+1))
		}
		m := topN(bmKind[k], depth, byScore(func(h *bmHit) float64 { return h.score }, func(h *bmHit) int32 { return h.doc }))
		for i := range m {
			h := &m[i]
			a := get(h.doc)
			a.bm, a.bmHit, a.inBM = h.score, h, true
			a.rrf += 1 / (rrfK + float64(i+1))
		}
	}
	fused := fzRan && bmRan
	lists := [2][]*agg{sc.lists[0][:0], sc.lists[1][:0]}
	defer func() { sc.lists = lists }()
	buf := &sc.explain
	for i := range aggs {
		a := &aggs[i]
		switch {
		case fused:
			a.score = a.rrf
		case bmRan:
			a.score = a.bm
		default:
			a.score = a.fz
		}
		k := ix.docs[a.doc].kind
		lists[k] = append(lists[k], a)
	}
	for k := range lists {
		l := lists[k]
		slices.SortFunc(l, func(a, b *agg) int {
			switch {
			case a.score != b.score:
				return cmpDesc(a.score, b.score)
			case a.bm != b.bm:
				return cmpDesc(a.bm, b.bm)
			case a.fz != b.fz:
				return cmpDesc(a.fz, b.fz)
			}
			return int(a.doc - b.doc)
		})
		// Judge the first ones (beyond limit·2 they could not climb back),
		// and put those that address the question first.
		if n := 2 * max(limit, 5); len(l) > n {
			l = l[:n]
		}
		// The matched words are told of the hits shown only.
		js := sc.judged[:0]
		for _, a := range l {
			d := &ix.docs[a.doc]
			js = append(js, judged{Hit{Kind: d.kind, ID: d.id, Title: d.title, Score: a.score}, a})
			ix.judge(&js[len(js)-1].h, a, words, qt, an)
		}
		sc.judged = js
		slices.SortStableFunc(js, func(a, b judged) int { return int(b.h.Band) - int(a.h.Band) })
		if limit > 0 && len(js) > limit {
			js = js[:limit]
		}
		hits := make([]Hit, len(js))
		for i := range js {
			hits[i] = js[i].h
			ix.explain(&hits[i], js[i].a, words, qt, buf)
		}
		if k == int(DocTree) {
			res.Trees = hits
		} else {
			res.Entries = hits
		}
	}
	res.finish(an, qt.anchored)
	return res
}

// finish sets the band of the whole result from its best hits.
func (res *Results) finish(an *analysis, anchored bool) {
	res.Band = BandNone
	if anchored {
		res.Gaps = an.gaps
	}
	var best *Hit
	for _, l := range [][]Hit{res.Trees, res.Entries} {
		if len(l) > 0 && (best == nil || l[0].Band > best.Band || l[0].Band == best.Band && l[0].Evidence > best.Evidence) {
			best = &l[0]
		}
	}
	if best != nil {
		res.Band, res.Unexplained = best.Band, best.Unexplained
	}
	for _, a := range an.aliases {
		res.Aliases = append(res.Aliases, AliasHit{Label: a.g.Label(), Tree: a.g.Tree != "", Text: a.text})
	}
	if res.Band == BandNone && !an.filter {
		res.Weak, res.Trees, res.Entries = true, nil, nil
		if len(res.Gaps) > 0 {
			res.Band = BandLow
		}
	}
}

// topN reorders s so that its n first elements in the order cmp (a total
// order) are first, sorted, and returns them; all of s, sorted, when n ≤ 0.
// Quickselect, then a sort of n elements.
func topN[T any](s []T, n int, cmp func(a, b T) int) []T {
	if n > 0 && n < len(s) {
		lo, hi := 0, len(s)
		for hi-lo > 1 {
			mid := lo + (hi-lo)/2
			s[mid], s[hi-1] = s[hi-1], s[mid]
			pivot := s[hi-1]
			store := lo
			for i := lo; i < hi-1; i++ {
				if cmp(s[i], pivot) < 0 {
					s[i], s[store] = s[store], s[i]
					store++
				}
			}
			s[store], s[hi-1] = s[hi-1], s[store]
			switch {
			case store == n || store == n-1:
				lo = hi // done
			case store < n:
				lo = store + 1
			default:
				hi = store
			}
		}
		s = s[:n]
	}
	slices.SortFunc(s, cmp)
	return s
}

func cmpDesc(a, b float64) int {
	if a > b {
		return -1
	}
	return 1
}

// matchSpan is a query word a hit matched (explain).
type matchSpan struct {
	orig     string
	pos, end int // bytes of the folded query
	alias    bool
}

// explainBuf holds explain's slices, reused from one hit to the next of a
// search (a batch explains twenty hits a ticket).
type explainBuf struct {
	ms, spans []matchSpan
	runes     []int
	stems     []int32
}

// explain tells h, the hit of a, its matched query words and title
// highlights.
func (ix *Index) explain(h *Hit, a *agg, words []fzWord, qt queryTerms, buf *explainBuf) {
	d := &ix.docs[a.doc]
	type m = matchSpan
	ms := buf.ms[:0]
	runes := buf.runes[:0]
	defer func() { buf.ms, buf.runes = ms[:0], runes[:0] }()
	if fh := a.fzHit; fh != nil {
		for wi := range words {
			if fh.words&(1<<wi) != 0 && words[wi].required {
				ms = append(ms, m{words[wi].orig, words[wi].pos, words[wi].pos + len(words[wi].text), false})
			}
		}
		for _, b := range fh.title {
			if b < len(d.titleF.RuneOf) {
				runes = append(runes, int(d.titleF.RuneOf[b]))
			}
		}
	}
	if bh := a.bmHit; bh != nil {
		stems := buf.stems[:0]
		defer func() { buf.stems = stems[:0] }()
		for ti := range qt.terms {
			if bh.terms[ti/64]&(1<<(ti%64)) == 0 {
				continue
			}
			t := &qt.terms[ti]
			stems = append(stems, t.stems...)
			seen := map[string]bool{} // a long ticket repeats its words
			for _, w := range t.words {
				if o := qt.words[w].orig; !seen[o] {
					seen[o] = true
					ms = append(ms, m{o, qt.words[w].pos, qt.words[w].end, qt.words[w].alias})
				}
			}
		}
		for _, tt := range d.titleToks {
			if slices.Contains(stems, ix.surfStem[tt.surf]) {
				for r := tt.start; r < tt.end; r++ {
					runes = append(runes, int(r))
				}
			}
		}
	}
	// An alias stands for the words it covers.
	spans := buf.spans[:0]
	defer func() { buf.spans = spans[:0] }()
	for _, x := range ms {
		if x.alias {
			spans = append(spans, x)
		}
	}
	if len(spans) > 0 {
		ms = slices.DeleteFunc(ms, func(x m) bool {
			for _, a := range spans {
				if !x.alias && a.pos <= x.pos && x.end <= a.end {
					return true
				}
			}
			return false
		})
	}
	slices.SortStableFunc(ms, func(a, b m) int { return a.pos - b.pos })
	// One word once: the fuzzy ranker names "l’appli" where BM25 names
	// "appli" (its elision split off), at overlapping positions of the
	// folded query; the shorter, the word itself, is kept.
	end := -1
	for _, x := range ms {
		if x.orig == "" {
			continue
		}
		n := len(h.Matched)
		if n > 0 && x.pos < end {
			if len(x.orig) < len(h.Matched[n-1]) && !x.alias {
				h.Matched[n-1] = x.orig
			}
			continue
		}
		if !slices.Contains(h.Matched, x.orig) {
			h.Matched = append(h.Matched, x.orig)
			end = x.end
		}
	}
	slices.Sort(runes)
	if runes = slices.Compact(runes); len(runes) > 0 {
		h.TitleMatches = slices.Clone(runes)
	}
}

// oneLine collapses the white space of a word as typed: "e-CPS" joined
// over a line break (« e\n-CPS ») is shown on one line in the why.
func oneLine(s string) string {
	if strings.IndexFunc(s, unicode.IsSpace) < 0 {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}
