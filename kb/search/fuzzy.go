package search

import (
	"strings"
	"unicode/utf8"

	"github.com/sahilm/fuzzy"
)

// Fuzzy ranker ("as you type").
//
// The folded query is split on spaces into words; every word that is not a
// stop word is required, stop words (and single letters before the last
// word) are optional. A word matches a document when one of its
// alternatives — the word itself, the word after an elision (l'appli →
// appli, lappli → appli), and the canonical form from the synonym table
// (portable → telephone; a one-word synonym must be found as is) — is
// found by sahilm/fuzzy in one of the
// document's fuzzy fields (folded title, keywords, tree title, symptoms)
// with an acceptable shape:
//   - a 1- or 2-letter pattern, or one of several words ("e cps", "mot
//     passe"), must be found at the start of a word;
//   - the letters skipped inside words, plus 1 for each jump to a later
//     word, may total at most (len(pattern)-1)/3 (so "telphone" and
//     "lappli" match "telephone" and "l'application", but "rpps" does not
//     match "reçois pas par sms", and patterns of up to 3 letters must be
//     found as is);
//   - a jump to a later word must follow a run of letters that starts a
//     word ("idnat" ~ "identifiant national", not "tel" ~ "carte le").
//
// A match scores (Σ per letter: 1, +1 when adjacent to the previous one,
// +1 at a word start) / (3·len), +0.25 when contiguous from a word start,
// +0.25 more when the whole word is matched; times the field weight (title
// 1, keyword 0.95, symptom 0.9) and 0.9 for a synonym alternative. A
// document's score is the sum of its required words' best matches plus 0.3
// times its optional words' best matches; all required words must match.

var fuzzyFieldWeight = [...]float64{fTitle: 1, fKeyword: 0.95, fSymptom: 0.9, fAnswer: 0}

const (
	// maxFuzzyWords: words of a query beyond this count (a pasted ticket)
	// are left to BM25.
	maxFuzzyWords       = 64
	fuzzyOptionalWeight = 0.3
	fuzzySynonymWeight  = 0.9
)

type fzAlt struct {
	text   string
	mask   uint64
	weight float64
	exact  bool // matches only as a substring (a one-word synonym)
}

type fzWord struct {
	text     string // folded
	alts     []fzAlt
	required bool
	orig     string // as typed
	pos      int    // byte offset in the folded query
}

type fzHit struct {
	doc   int32
	score float64
	words uint64 // bit set of the query words that matched
	title []int  // matched byte offsets in the folded title
}

// fuzzyWords splits the folded query qf of q into fuzzy words.
func (ix *Index) fuzzyWords(q string, qf Folded) []fzWord {
	var ws []fzWord
	text := qf.Text
	qc := &runeCursor{s: q} // the words as typed (origSpan)
	for i := 0; i < len(text); {
		s := i
		for i < len(text) && text[i] != ' ' {
			i++
		}
		if text[s:i] == "e" && i+1 < len(text) {
			// e-CPS, e-mail: one word "e cps", as folded in the documents
			for i++; i < len(text) && text[i] != ' '; i++ {
			}
		}
		w := text[s:i]
		i++ // skip the space
		if len(ws) == maxFuzzyWords {
			break
		}
		fw := fzWord{text: w, orig: oneLine(origSpan(qc, qf, s, s+len(w))), pos: s}
		base, elided := fuzzyBase(w)
		add := func(a string, weight float64) {
			for _, x := range fw.alts {
				if x.text == a {
					return
				}
			}
			// A one-word synonym was not typed: typo tolerance makes no
			// sense for it (and would be costly on long words).
			exact := weight == fuzzySynonymWeight && strings.IndexByte(a, ' ') < 0
			fw.alts = append(fw.alts, fzAlt{text: a, mask: charMask(a), weight: weight, exact: exact})
		}
		add(w, 1)
		if elided && len(base) >= 2 {
			add(base, 1)
		}
		if !ix.known(base) {
			if rest, ok := stripGluedElision(base); ok && (ix.known(rest) || ix.knownPrefix(rest)) {
				add(rest, 1)
			}
		}
		for _, a := range fw.alts {
			if c := expand(a.text); c != nil {
				add(strings.Join(c, " "), fuzzySynonymWeight)
			}
		}
		isLast := i >= len(text)
		fw.required = !isStopWord(base) && !isStopWord(w) &&
			(len(base) > 1 || isLast || base[0] >= '0' && base[0] <= '9')
		ws = append(ws, fw)
	}
	any := false
	for _, w := range ws {
		any = any || w.required
	}
	if !any {
		for i := range ws {
			ws[i].required = true
		}
	}
	return ws
}

// fuzzyBase is the word of a fuzzy word w without its elision ("l'appli":
// "appli") or the "e " of "e cps"; elided tells whether an elision went.
func fuzzyBase(w string) (base string, elided bool) {
	base = w
	if k := strings.LastIndexByte(w, '\''); k >= 0 {
		base, elided = w[k+1:], true
	}
	if k := strings.LastIndexByte(base, ' '); k >= 0 {
		base = base[k+1:] // the word after "e "
	}
	return base, elided
}

// origSpan returns the text of the original query behind bytes [s, e) of
// its folding, including trailing combining marks: a slice of the query,
// found through c (spans asked in order cost one pass over the query).
func origSpan(c *runeCursor, qf Folded, s, e int) string {
	if s >= e || e > len(qf.RuneOf) {
		return ""
	}
	bs, be := c.byteOf(int(qf.RuneOf[s])), c.byteOf(int(qf.RuneOf[e-1])+1)
	for be < len(c.s) {
		r, n := utf8.DecodeRuneInString(c.s[be:])
		if !isMark(r) {
			break
		}
		be += n
	}
	return c.s[bs:be]
}

// runeCursor finds the byte offset of a rune index of s, walking from
// the last one asked (forward, or from the start when asked behind it).
type runeCursor struct {
	s    string
	r, b int // rune index r starts at byte b
}

func (c *runeCursor) byteOf(r int) int {
	if r < c.r {
		c.r, c.b = 0, 0
	}
	for c.r < r && c.b < len(c.s) {
		_, n := utf8.DecodeRuneInString(c.s[c.b:])
		c.b += n
		c.r++
	}
	return c.b
}

// isSubseq reports whether the bytes of p appear in order in s.
func isSubseq(p, s string) bool {
	j := 0
	for i := 0; i < len(s) && j < len(p); i++ {
		if s[i] == p[j] {
			j++
		}
	}
	return j == len(p)
}

// rawMatch reports whether document d has a fuzzy field containing the
// bytes of one of w's alternatives in order. It is the predicate of the
// narrowing cache: it can only become false when a word is extended.
func (ix *Index) rawMatch(d int32, w *fzWord) bool {
	doc := &ix.docs[d]
	for fi := doc.fz0; fi < doc.fz1; fi++ {
		f := &ix.fz[fi]
		for _, a := range w.alts {
			if a.mask&^f.mask == 0 && isSubseq(a.text, f.text) {
				return true
			}
		}
	}
	return false
}

// fuzzyCandidates returns the documents that raw-match every required
// word.
func (ix *Index) fuzzyCandidates(words []fzWord) []int32 {
	out := make([]int32, 0, len(ix.docs))
docs:
	for d := range ix.docs {
		for i := range words {
			if words[i].required && !ix.rawMatch(int32(d), &words[i]) {
				continue docs
			}
		}
		out = append(out, int32(d))
	}
	return out
}

// fuzzyRank scores the candidates and returns those whose required words
// all match acceptably, best first.
func (ix *Index) fuzzyRank(words []fzWord, cand []int32) []fzHit {
	nw := len(words)
	if nw == 0 || len(cand) == 0 {
		return nil
	}
	slot := make([]int32, len(ix.docs))
	for i, d := range cand {
		slot[d] = int32(i)
	}
	best := make([]float64, len(cand)*nw)
	titleBest := make([]float64, len(cand)*nw)
	titleIdx := make([][]int, len(cand)*nw)
	strs := make([]string, 0, len(cand))
	refs := make([]int32, 0, len(cand))
	record := func(fi int32, q float64, idx func() []int, w int, alt *fzAlt) {
		f := &ix.fz[fi]
		sc := q * alt.weight * fuzzyFieldWeight[f.kind]
		k := int(slot[f.doc])*nw + w
		if sc > best[k] {
			best[k] = sc
		}
		if f.kind == fTitle && sc > titleBest[k] {
			titleBest[k] = sc
			titleIdx[k] = idx()
		}
	}
	recordIdx := func(fi int32, idx []int, w int, alt *fzAlt) bool {
		q, ok := fuzzyQuality(ix.fz[fi].text, idx)
		if ok {
			record(fi, q, func() []int { return idx }, w, alt)
		}
		return ok
	}
	for wi := range words {
		for ai := range words[wi].alts {
			alt := &words[wi].alts[ai]
			n := len(alt.text)
			// A substring is the best match there is: take it directly.
			// Patterns of 1 or 2 bytes match only that way, at a word
			// start. Other fields go to sahilm/fuzzy in one batch, unless
			// the document already has a substring match for this word
			// (no fuzzy match can score as high: best ≥ 1).
			strs, refs = strs[:0], refs[:0]
			for _, d := range cand {
				doc := &ix.docs[d]
				k := int(slot[d])*nw + wi
				for fi := doc.fz0; fi < doc.fz1; fi++ {
					f := &ix.fz[fi]
					if alt.mask&^f.mask != 0 {
						continue
					}
					if p := substringAt(f.text, alt.text); p >= 0 {
						if q, ok := contiguousQuality(f.text, p, n); ok {
							record(fi, q, func() []int { return contiguous(f.text, p, n) }, wi, alt)
							continue
						}
					}
					if n > 3 && !alt.exact && best[k] < 1 && mayMatch(f.text, alt.text) && isSubseq(alt.text, f.text) {
						strs = append(strs, f.text)
						refs = append(refs, fi)
					}
				}
			}
			if len(strs) == 0 {
				continue
			}
			for _, m := range fuzzy.FindNoSort(alt.text, strs) {
				fi := refs[m.Index]
				if recordIdx(fi, m.MatchedIndexes, wi, alt) {
					continue
				}
				// sahilm commits early to the first letters it meets: retry
				// from the next few word starts with the pattern's first
				// letter.
				text := ix.fz[fi].text
				tries := 0
				for p := 1; p < len(text) && tries < maxRetries; p++ {
					if text[p] != alt.text[0] || !isSep(text[p-1]) {
						continue
					}
					tries++
					ms := fuzzy.FindNoSort(alt.text, []string{text[p:]})
					if len(ms) == 0 {
						break // no match from here on: none further right either
					}
					idx := ms[0].MatchedIndexes
					for k := range idx {
						idx[k] += p
					}
					if recordIdx(fi, idx, wi, alt) {
						break
					}
				}
			}
		}
	}
	hits := make([]fzHit, 0, len(cand))
	for ci, d := range cand {
		h := fzHit{doc: d}
		ok := true
		for wi := range words {
			b := best[ci*nw+wi]
			if b == 0 {
				if words[wi].required {
					ok = false
					break
				}
				continue
			}
			h.words |= 1 << wi
			if words[wi].required {
				h.score += b
			} else {
				h.score += fuzzyOptionalWeight * b
			}
			if words[wi].required {
				h.title = append(h.title, titleIdx[ci*nw+wi]...)
			}
		}
		if ok && h.score > 0 {
			hits = append(hits, h)
		}
	}
	return hits // unsorted: assemble ranks
}

// maxRetries bounds the sahilm/fuzzy retries from later word starts.
const maxRetries = 4

// substringAt returns the offset of p in s, preferring an occurrence at a
// word start, or -1.
func substringAt(s, p string) int {
	first := strings.Index(s, p)
	if first <= 0 {
		return first
	}
	for i := first; i >= 0; {
		if isWordStart(s, i) {
			return i
		}
		j := strings.Index(s[i+1:], p)
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return first
}

// contiguous returns the byte offsets of the runes of s[p:p+n].
func contiguous(s string, p, n int) []int {
	var idx []int
	for i := p; i < p+n; i += runeLen(s, i) {
		idx = append(idx, i)
	}
	return idx
}

func isWordStart(s string, i int) bool { return i == 0 || isSep(s[i-1]) }

// fuzzyQuality scores a match of a pattern in s at byte offsets idx (one
// per pattern rune) and tells whether its shape is acceptable.
func fuzzyQuality(s string, idx []int) (float64, bool) {
	l := len(idx)
	if l == 0 {
		return 0, false
	}
	if l <= 2 && !isWordStart(s, idx[0]) {
		return 0, false
	}
	if l == 2 && idx[1] != idx[0]+runeLen(s, idx[0]) {
		return 0, false
	}
	if !isWordStart(s, idx[0]) {
		for _, p := range idx {
			if s[p] == ' ' {
				return 0, false // a pattern of several words starts a word
			}
		}
	}
	gaps, pts := 0, 0
	contiguous := true
	segAtWord := isWordStart(s, idx[0]) // the current run starts a word
	for i, p := range idx {
		pts++
		ws := isWordStart(s, p)
		if ws {
			pts++
		}
		if i == 0 {
			continue
		}
		prevEnd := idx[i-1] + runeLen(s, idx[i-1])
		if p == prevEnd {
			pts++
			continue
		}
		contiguous = false
		switch {
		case ws && !segAtWord:
			// a jump to a later word after a run starting mid-word
			// ("tel" ~ "carTE Le")
			return 0, false
		case ws && s[idx[i-1]] == ' ':
			// the pattern has a space here (mot passe ~ mot de passe)
		case ws:
			gaps++
		default:
			gaps += p - prevEnd
		}
		segAtWord = ws
	}
	allow := (l - 1) / 3
	if gaps > allow {
		return 0, false
	}
	q := float64(pts) / float64(3*l)
	if contiguous && isWordStart(s, idx[0]) {
		q += 0.25
		end := idx[l-1] + runeLen(s, idx[l-1])
		if end == len(s) || isSep(s[end]) {
			q += 0.25
		}
	}
	return q, true
}

// hasRun is a quick necessary condition for an acceptable fuzzy match of p
// in s: such a match has at most (len(p)-1)/3 gaps, hence a run of at least
// ⌈len(p)/runs⌉ contiguous letters of p found in s, runs = gaps+1.
func hasRun(s, p string) bool {
	runs := (len(p)-1)/3 + 1
	r := (len(p) + runs - 1) / runs
	for i := 0; i+r <= len(p); i++ {
		if strings.Contains(s, p[i:i+r]) {
			return true
		}
	}
	return false
}

// mayMatch is a quick necessary condition for an acceptable, not
// contiguous, fuzzy match of p (4 bytes or more) in s. Up to 6 bytes, such
// a match has one gap, so p is two substrings of s in order; longer
// patterns (or with a space) are checked by hasRun.
func mayMatch(s, p string) bool {
	if len(p) > 6 || strings.IndexByte(p, ' ') >= 0 {
		return hasRun(s, p)
	}
	for k := 1; k < len(p); k++ {
		i := strings.Index(s, p[:k])
		if i < 0 {
			return false // no longer prefix either
		}
		if strings.Contains(s[i+k:], p[k:]) {
			return true
		}
	}
	return false
}

// contiguousQuality is fuzzyQuality for the match of the n bytes at p.
func contiguousQuality(s string, p, n int) (float64, bool) {
	ws := isWordStart(s, p)
	runes, pts := 0, 0
	for i := p; i < p+n; i += runeLen(s, i) {
		runes++
		pts += 2 // matched, adjacent to the previous (or word start below)
		if i > p && isWordStart(s, i) {
			pts++
		}
	}
	if !ws && (runes <= 2 || strings.IndexByte(s[p:p+n], ' ') >= 0) {
		return 0, false
	}
	pts-- // the first letter has no previous one
	if ws {
		pts++
	}
	q := float64(pts)/float64(3*runes) + 0.25*b2f(ws)
	if ws && (p+n == len(s) || isSep(s[p+n])) {
		q += 0.25
	}
	return q, true
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

func runeLen(s string, i int) int {
	c := s[i]
	switch {
	case c < 0x80:
		return 1
	case c < 0xE0:
		return 2
	case c < 0xF0:
		return 3
	}
	return 4
}
