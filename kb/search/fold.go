// Package search is the search core of ecps-assist: text folding, French
// tokenization (stop words, elisions, synonyms, snowball stemming), and two
// rankers over a kb.KB — a fuzzy "as you type" ranker (sahilm/fuzzy over
// titles, keywords, tree titles and symptoms) and a BM25 free-text ranker
// (title, keywords, answers, symptoms) — fused by reciprocal rank fusion.
//
// The package imports no UI code.
package search

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Folded is text folded for matching, with a map from each byte of Text back
// to the rune index in the original.
//
// Folding, applied alike to indexed text and to queries: lower case; accents
// and other diacritics removed (é→e, ç→c, also combining marks); ligatures
// expanded (œ→oe, æ→ae, ß→ss, ﬁ→fi); typographic apostrophes (’ ‘ ʼ ´ `)
// unified to ' when they join two letters (l’appli → l'appli), dropped to a
// space otherwise; every other character that is neither a letter nor a digit
// (punctuation, quotes « » “ ”, symbols, spaces) becomes a space; runs of
// spaces are collapsed and the result is trimmed.
//
// len(RuneOf) == len(Text). A byte produced by an expansion (œ→oe) maps to the
// rune it came from, so several bytes may share one rune index.
type Folded struct {
	Text   string
	RuneOf []int32 // int32: a ticket's text is folded once per search, and this is its largest allocation
}

// Fold folds s and records, for each byte of the result, the index of the
// rune of s it comes from.
func Fold(s string) Folded {
	runeOf := make([]int32, 0, len(s))
	return fold(s, &runeOf)
}

// fold is Fold with the rune map in *runeOf, reused.
func fold(s string, runeOf *[]int32) Folded {
	var b strings.Builder
	b.Grow(len(s))
	*runeOf = (*runeOf)[:0]
	foldInto(s, &b, runeOf)
	return Folded{Text: b.String(), RuneOf: *runeOf}
}

// FoldString returns Fold(s).Text without building the rune map.
func FoldString(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	foldInto(s, &b, nil)
	return b.String()
}

// foldInto appends the folding of s to b and, when runeOf is not nil, the
// rune index of each appended byte to *runeOf.
func foldInto(s string, b *strings.Builder, runeOf *[]int32) {
	start := b.Len()
	// pending is the rune index of the first separator seen since the last
	// emitted byte, or -1; the collapsed space maps to it.
	pending := -1
	prevAlnum := false // the last emitted byte is a letter or digit
	ri := -1           // rune index in s
	emit := func(str string, idx int) {
		if pending >= 0 && b.Len() > start {
			b.WriteByte(' ')
			if runeOf != nil {
				*runeOf = append(*runeOf, int32(pending))
			}
		}
		pending = -1
		b.WriteString(str)
		if runeOf != nil {
			for range len(str) {
				*runeOf = append(*runeOf, int32(idx))
			}
		}
	}
	emitByte := func(c byte, idx int) {
		if pending >= 0 && b.Len() > start {
			b.WriteByte(' ')
			if runeOf != nil {
				*runeOf = append(*runeOf, int32(pending))
			}
		}
		pending = -1
		b.WriteByte(c)
		if runeOf != nil {
			*runeOf = append(*runeOf, int32(idx))
		}
	}
	ft := foldTable()
	sep := func(idx int) {
		if pending < 0 {
			pending = idx
		}
	}
	for i := 0; i < len(s); {
		ri++
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
				emitByte(c, ri)
				prevAlnum = true
			case 'A' <= c && c <= 'Z':
				emitByte(c+'a'-'A', ri)
				prevAlnum = true
			case c == '\'' || c == '`':
				if prevAlnum && pending < 0 && nextIsAlnum(s[i:]) {
					emitByte('\'', ri)
				} else {
					sep(ri)
				}
				prevAlnum = false
			default:
				sep(ri)
				prevAlnum = false
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if isApostrophe(r) {
			if prevAlnum && pending < 0 && nextIsAlnum(s[i:]) {
				emitByte('\'', ri)
			} else {
				sep(ri)
			}
			prevAlnum = false
			continue
		}
		if rep, ok := ft[r]; ok {
			emit(rep, ri)
			prevAlnum = true
			continue
		}
		if unicode.Is(unicode.Mn, r) {
			// combining diacritic (decomposed é = e + U+0301): dropped
			continue
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			lr := unicode.ToLower(r)
			if rep, ok := ft[lr]; ok {
				emit(rep, ri)
			} else {
				var buf [utf8.UTFMax]byte
				n := utf8.EncodeRune(buf[:], lr)
				emit(string(buf[:n]), ri)
			}
			prevAlnum = true
			continue
		}
		sep(ri)
		prevAlnum = false
	}
}

// nextIsAlnum reports whether the first rune of s folds to a letter or digit.
// It must agree with foldInto's loop: an apostrophe-like rune (ʹ is a
// modifier letter to unicode) folds to a separator, so it is not alnum.
func nextIsAlnum(s string) bool {
	if s == "" {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s)
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	if isApostrophe(r) {
		return false
	}
	if _, ok := foldTable()[r]; ok {
		return true
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

func isApostrophe(r rune) bool {
	switch r {
	case '\u2019', '\u2018', '\u201B', '\u02BC', '\u02B9', '\u00B4', '\u2032', '\uFF07':
		return true
	}
	return false
}

// foldTable maps lower- and upper-case letters with diacritics and ligatures
// to their plain ASCII folding.
//
// It is built on first use, not at start-up.
var foldTable = sync.OnceValue(func() map[rune]string {
	groups := map[string]string{
		"a":   "àáâãäåāăąǎȁȃȧ",
		"c":   "çćĉċč",
		"d":   "ďđð",
		"e":   "èéêëēĕėęěȅȇᵉ",
		"g":   "ĝğġģ",
		"h":   "ĥħ",
		"i":   "ìíîïĩīĭįıǐȉȋ",
		"j":   "ĵ",
		"k":   "ķ",
		"l":   "ĺļľŀł",
		"n":   "ñńņňŉ",
		"o":   "òóôõöøōŏőǒȍȏ",
		"r":   "ŕŗřʳ",
		"s":   "śŝşšș",
		"t":   "ţťŧț",
		"u":   "ùúûüũūŭůűųǔ",
		"w":   "ŵ",
		"y":   "ýÿŷ",
		"z":   "źżž",
		"oe":  "œ",
		"ae":  "æ",
		"ss":  "ß",
		"th":  "þ",
		"fi":  "ﬁ",
		"fl":  "ﬂ",
		"ff":  "ﬀ",
		"ffi": "ﬃ",
		"ffl": "ﬄ",
		"st":  "ﬅﬆ",
	}
	m := make(map[rune]string, 256)
	for rep, rs := range groups {
		for _, r := range rs {
			m[r] = rep
			if u := unicode.ToUpper(r); u != r {
				m[u] = rep
			}
		}
	}
	return m
})

// foldWords calls fn with each word of the folding of s — the runs of bytes
// between spaces and apostrophes of FoldString(s) — without building the
// folded string. The slice passed to fn is buf, reused: foldWords returns
// it for the next call.
func foldWords(s string, buf []byte, fn func(w []byte)) []byte {
	w := buf[:0]
	ft := foldTable()
	flush := func() {
		if len(w) > 0 {
			fn(w)
			w = w[:0]
		}
	}
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
				w = append(w, c)
			case 'A' <= c && c <= 'Z':
				w = append(w, c+'a'-'A')
			default:
				flush()
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if isApostrophe(r) {
			flush()
			continue
		}
		if rep, ok := ft[r]; ok {
			w = append(w, rep...)
			continue
		}
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			lr := unicode.ToLower(r)
			if rep, ok := ft[lr]; ok {
				w = append(w, rep...)
			} else {
				w = utf8.AppendRune(w, lr)
			}
			continue
		}
		flush()
	}
	flush()
	return w
}
