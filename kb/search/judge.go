package search

import (
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"ecps-assist/kb"
	"ecps-assist/kb/vocab"
)

// Band is how well a hit, or a whole result, answers the question.
type Band int8

const (
	// BandNone: nothing relevant.
	BandNone Band = iota
	// BandLow: the knowledge covers the topic, but nothing answers this
	// precise question (a known gap, or a word that carries the question
	// and that the answer does not explain).
	BandLow
	// BandHigh: the hit addresses the question.
	BandHigh
)

// GapHit is a known gap (kb/vocab) the query asks about.
type GapHit struct {
	ID, Topic string
	// Words are the query words, as typed, that matched.
	Words []string
	// at: the byte offsets of those words in the folded query.
	at []int
	// asked: one of those words is in a sentence that ends with « ? ».
	asked bool
}

// AliasHit is a product or tree name or description the query used.
type AliasHit struct {
	// Label is the product, or the tree id.
	Label string
	// Tree is set for a tree's alias.
	Tree bool
	// Text is the query's words, as typed.
	Text string
}

// Word classes of the query, for the judgement. A word is evidence that
// the question is in the domain unless it is vague (see vagueWordList) or
// generic: the everyday vocabulary of a medical practice's office IT,
// which the answers use too (« mot de passe », « mise à jour »,
// « cabinet ») but which says nothing of the domain on its own.
const genericWordList = `
mot passe mise jour sauvegarde sauvegarder sauvegardes backup licence licences
imprimante imprimantes imprimer impression scanner scanne photocopieuse toner
wifi reseau internet box routeur fibre outlook windows office word excel
microsoft logiciel logiciels ordinateur ordinateurs ecran clavier souris
cabinet patient patients secretaire secretariat nouveau nouvelle nouvel
passer passe changer change renouveler facture factures
abonnement installer installe telecharger site page lien bouton fichier
dossier document documents message messages mail adresse semaine jour jours
matin soir hier demain aujourd heure heures temps fois personne collegue
medecin docteur infirmier infirmiere pharmacien pharmacie kine service
recette ligne lignes pc ordi laptop antivirus backup sms web https pdf
google admin perso config default false scan scanne telecharger upload
application appli app apps telephone smartphone gsm sim android iphone ios
password login username signin error update install
device reader card browser work stats visio webinaire num number id fr
`

// carrierWordList: words that carry the question — what is asked about
// the topic. A hit that does not explain such a word of the query does not
// answer it (« carte CPS perdue » is not answered by the Firefox tree),
// nor a question about a limit, a size or a frequency the knowledge does
// not give (« durée maximale de suspension des alertes »).
const carrierWordList = `
perdu perdue perdus perte perdre vol vole volee voler egare egaree oublie
oubliee oubli oublier pin puk prix tarif tarifs cout coute payant gratuit
tablette ipad macbook macos linux ubuntu retraite deces annuler resilier
chromebook chromeos huawei harmonyos smartwatch
taille longueur frequence maximal maximale maximum minimal minimale minimum sanction sanctions
`

// negatableWordList: names a ticket may rule out (« pas Firefox, on
// utilise Chrome »): such a name right after a negation is no evidence.
const negatableWordList = `
firefox mozilla chrome edge safari opera brave chromium android iphone ios
windows mac macos linux ecps cps cpx insi convergence igc hds segur
`

// negationWords come right before a ruled-out name (« pas Firefox »,
// « sauf Chrome »); "plutot que", "autre que" and "au lieu de" too. « Ça ne
// marche pas sur Firefox » does not rule Firefox out: the name must follow
// the negation directly.
var negationWords = map[string]bool{"pas": true, "sauf": true, "sans": true, "non": true, "hors": true, "ni": true}

// refusedVerbs come between a negation and a ruled-out name (« pas
// utiliser Firefox »).
var refusedVerbs = map[string]bool{"utiliser": true, "installer": true, "prendre": true, "passer": true}

// comparedIn: « comme pour Firefox », « comme dans Chrome ».
var comparedIn = map[string]bool{"pour": true, "dans": true, "sur": true, "sous": true, "avec": true, "en": true}

type lexicon struct {
	generic, carrier numbering // stems
	genericWords     numbering // genericWordList's words and light stems
	domain           numbering // stems of vocab domain.words
	product          numbering // stems of the products' names and terms
	homonyms         [][]int32 // light stems (lightID), adjacent
	// homonymDomain: light stems of the domain words that are not the
	// first of a homonym (« intrusion » in « alarme anti-intrusion »)
	homonymDomain []int32
	negatable     numbering // folded words
	spelling      spelling  // see spellingOf
	names         []nameRule
	namesByFirst  table[[]int] // names by their first word
	phrases       []phraseRule
	rules         []groupRule
	gaps          []gapRule
	// lightID numbers the light stems the rules, gaps and homonyms name,
	// and stemID the stems the phrases name: a text's analysis lists its
	// words under these numbers (analysis.byLight, byStem), and the rules
	// are matched on them, not on strings.
	lightID, stemID numbering
}

type nameRule struct {
	words []string // folded, adjacent
	g     *vocab.Group
}

type phraseRule struct {
	stems []int32 // content words' stems (stemID), any order
	g     *vocab.Group
}

type groupRule struct {
	slots [][][]int32 // slot → alternative → light stems (see altStems)
	g     *vocab.Group
}

type gapRule struct {
	gap    *vocab.Gap
	rules  [][][][]int32 // rule → slot → alternative → light stems
	unless [][]int32
}

var lexOnce = sync.OnceValue(func() *lexicon {
	v, _ := vocab.Embedded()
	if snapshotLexicon != nil {
		return snapshotLexicon(v)
	}
	return compileLexicon(v)
})

// namedAfter reports whether the word after ws[i] (« de » aside) is a
// product's name or says the card is a professional's: « carte CPS »,
// « carte pro », « carte de professionnel ».
func (lx *lexicon) namedAfter(ws []rawWord, i int) bool {
	j := i + 1
	if j < len(ws) && (ws[j].w == "de" || ws[j].w == "d") {
		j++
	}
	if j >= len(ws) {
		return false
	}
	return lx.product.has(ws[j].stem) || strings.HasPrefix(ws[j].w, "professionn") // pro: a product's stem
}

// isGeneric reports whether a folded word, of stem st, is of
// genericWordList: its stem is one of the list's, and it is an ordinary
// word or one of the list's own (« outlook »). Jargon that merely shares
// a stem (« passi » with « passe ») is not.
func (lx *lexicon) isGeneric(w, st string) bool {
	return lx.generic.has(st) && (lx.genericWords.has(w) || lx.genericWords.has(lightStem(w)) || ordinaryWord(w))
}

func stemSet(list string) numbering {
	var m numbering
	for _, w := range strings.Fields(list) {
		m.add(Stem(w))
	}
	return m
}

// lightSet is the light stems of a list's words, and with words the
// words too.
func lightSet(list string, words bool) numbering {
	var m numbering
	for _, w := range strings.Fields(list) {
		m.add(lightStem(w))
		if words {
			m.add(w)
		}
	}
	return m
}

// lightStem folds the inflections of a folded word that matter for
// matching the short lists of kb/vocab and the carrier words: plural and
// feminine endings (perdues → perdu, volée → vole). Snowball stems are too
// strong there (opéra and opérateur share one).
func lightStem(w string) string {
	for _, suf := range []string{"es", "s", "e"} {
		if len(w) > len(suf)+2 && strings.HasSuffix(w, suf) {
			return w[:len(w)-len(suf)]
		}
	}
	return w
}

// compileLexicon folds and stems the vocabulary.
func compileLexicon(v *vocab.Vocabulary) *lexicon {
	lx := &lexicon{
		generic:      stemSet(genericWordList),
		genericWords: lightSet(genericWordList, true),
		carrier:      lightSet(carrierWordList, false),
		spelling:     spellingOf(v),
	}
	for _, w := range strings.Fields(negatableWordList) {
		lx.negatable.add(w)
	}
	if v == nil {
		return lx
	}
	for _, g := range v.Products {
		for _, t := range g.Terms {
			lx.product.add(Stem(FoldString(t.Value)))
		}
		for _, n := range g.Names {
			for _, w := range strings.Fields(strings.ReplaceAll(FoldString(n.Value), "'", " ")) {
				if len(w) > 1 && !isStopWord(w) {
					lx.product.add(Stem(w))
				}
			}
		}
	}
	for _, p := range kb.Products {
		for _, w := range strings.Fields(FoldString(p)) {
			if len(w) > 1 {
				lx.product.add(Stem(w))
			}
		}
	}
	for _, w := range []string{"ecps", "cps", "cpx", "carte"} { // e-CPS, carte CPS
		lx.product.add(Stem(w))
	}
	for _, w := range v.Domain.Words {
		lx.domain.add(Stem(FoldString(w.Value)))
	}
	for _, h := range v.Domain.Homonyms {
		var seq []int32
		for k, w := range strings.Fields(strings.ReplaceAll(FoldString(h.Value), "'", " ")) {
			seq = append(seq, number(&lx.lightID, lightStem(w)))
			if k > 0 && lx.domain.has(Stem(w)) {
				lx.homonymDomain = append(lx.homonymDomain, seq[k]) // « alarme anti-intrusion »
			}
		}
		lx.homonyms = append(lx.homonyms, seq)
	}
	for _, g := range v.Groups() {
		for _, n := range g.Names {
			if ws := strings.Fields(strings.ReplaceAll(FoldString(n.Value), "'", " ")); len(ws) > 0 {
				lx.names = append(lx.names, nameRule{words: ws, g: g})
			}
		}
		for _, p := range g.Phrases {
			if st := contentStems(p.Value); len(st) > 0 {
				ids := make([]int32, len(st))
				for i, s := range st {
					ids[i] = number(&lx.stemID, s)
				}
				lx.phrases = append(lx.phrases, phraseRule{stems: ids, g: g})
			}
		}
		for _, rule := range g.When {
			var slots [][][]int32
			for _, slot := range rule {
				slots = append(slots, lx.altIDs(slot.Value))
			}
			lx.rules = append(lx.rules, groupRule{slots: slots, g: g})
		}
	}
	for i, n := range lx.names {
		ns := lx.namesByFirst.ref(n.words[0])
		*ns = append(*ns, i)
	}
	for _, gp := range v.Gaps {
		r := gapRule{gap: gp}
		for _, rule := range gp.When {
			var slots [][][]int32
			for _, slot := range rule {
				slots = append(slots, lx.altIDs(slot.Value))
			}
			r.rules = append(r.rules, slots)
		}
		r.unless = lx.altIDs(gp.Unless.Value)
		lx.gaps = append(lx.gaps, r)
	}
	return lx
}

// number is the number of st in ids, numbered next when new.
func number(ids *numbering, st string) int32 {
	id, _ := ids.add(st)
	return id
}

// altIDs is altStems of a slot, its light stems numbered (lightID).
func (lx *lexicon) altIDs(slot string) [][]int32 {
	var out [][]int32
	for _, alt := range altStems(slot) {
		ids := make([]int32, len(alt))
		for i, st := range alt {
			ids[i] = number(&lx.lightID, st)
		}
		out = append(out, ids)
	}
	return out
}

// numbered numbers a word's stems by m (lightID or stemID), -1 for those the
// lexicon does not name.
func numbered(m *numbering, stems []string) []int32 {
	out := make([]int32, len(stems))
	for i, st := range stems {
		out[i] = m.id(st)
	}
	return out
}

// spelling is the long folded words of the groups' names, phrases and
// rules, and of the gaps' rules (at least spellMin letters, and under 255
// bytes, the most a spellHead length holds: no vocabulary word comes near
// it, and a query word that long is corrected toward none), toward which
// a misspelt word is read, found as in Index.closest: by length and first
// byte, and by all but their first byte for an edit there.
type spelling struct {
	words  numbering
	byHead table[[]string] // by spellHead
	tails  table[[]string]
}

// spellHead is the key of byHead: a length and a first byte.
func spellHead(n int, c byte) string { return string([]byte{byte(min(n, 255)), c}) }

// spellingOf compiles the words of v.
func spellingOf(v *vocab.Vocabulary) spelling {
	var sp spelling
	if v == nil {
		return sp
	}
	add := func(s string) {
		for _, w := range strings.FieldsFunc(FoldString(s), func(r rune) bool { return r == ' ' || r == '\'' || r == '|' }) {
			if len(w) < spellMin || len(w) >= 255 || sp.words.has(w) {
				continue
			}
			sp.words.add(w)
			h := sp.byHead.ref(spellHead(len(w), w[0]))
			*h = append(*h, w)
			t := sp.tails.ref(w[1:])
			*t = append(*t, w)
		}
	}
	for _, g := range v.Groups() {
		for _, n := range append(append([]vocab.Str(nil), g.Names...), g.Phrases...) {
			add(n.Value)
		}
		for _, rule := range g.When {
			for _, slot := range rule {
				add(slot.Value)
			}
		}
	}
	for _, gp := range v.Gaps {
		for _, rule := range gp.When {
			for _, slot := range rule {
				add(slot.Value)
			}
		}
	}
	return sp
}

// SpellingWords returns the words toward which a misspelt word is read
// (see spelling), for frgen: the ordinary French words one letter from
// them must be in frwords.txt.
func SpellingWords() []string {
	out := slices.Clone(lexOnce().spelling.words.list)
	sort.Strings(out)
	return out
}

// spellMin: see spelling.
const spellMin = 6

// respelt returns the word of the vocabulary a long word that is neither
// one of them nor an ordinary French word misspells by one letter (the
// first in alphabetical order when several are).
func (lx *lexicon) respelt(w string) (string, bool) {
	if len(w) < spellMin {
		return "", false
	}
	if ordinaryWord(w) {
		return "", false // before spelling: most queries never build it
	}
	sp := &lx.spelling
	if sp.words.has(w) {
		return "", false
	}
	best := ""
	try := func(vs []string) {
		for _, v := range vs {
			if (best == "" || v < best) && within1(w, v) {
				best = v
			}
		}
	}
	for n := len(w) - 1; n <= len(w)+1; n++ {
		try(sp.byHead.at(spellHead(n, w[0]))) // the same first byte
	}
	try(sp.tails.at(w[1:]))  // the first byte replaced
	try(sp.tails.at(w))      // a byte missing before w
	if sp.words.has(w[1:]) { // a byte too many at its start
		try([]string{w[1:]})
	}
	return best, best != ""
}

// contentStems returns the stems of the words of s that are not stop
// words.
func contentStems(s string) []string {
	var out []string
	for _, w := range strings.Fields(strings.ReplaceAll(FoldString(s), "'", " ")) {
		if isStopWord(w) || len(w) == 1 {
			continue
		}
		out = append(out, Stem(w))
	}
	return out
}

// altStems compiles a slot: alternatives of words, light-stemmed. A
// one-word alternative matches that word; a longer one matches its words
// in order, each at most two words after the previous (« mot passe »
// matches « mot de passe »), stop words included (« quels logiciels » is
// not « logiciel »).
func altStems(slot string) [][]string {
	var out [][]string
	for _, alt := range vocab.Alternatives(slot) {
		var st []string
		ws := strings.Fields(strings.ReplaceAll(FoldString(strings.Join(alt, " ")), "'", " "))
		for i, w := range ws {
			if len(ws) > 1 && i > 0 && elided[w] {
				continue // « délai d'obtention » matches « délai obtention » too
			}
			st = append(st, lightStem(w))
		}
		if len(st) > 0 {
			out = append(out, st)
		}
	}
	return out
}

// elided are the letters an apostrophe leaves of a word (d', l', qu'…):
// inside an alternative, the words around them may be written without.
var elided = map[string]bool{"d": true, "l": true, "j": true, "n": true, "s": true, "c": true, "m": true, "t": true, "qu": true}

// rawWord is a word of the folded query, stop words included.
type rawWord struct {
	w    string
	stem string // its own stem
	// sids: its stem and its synonyms' stems (lexicon.stemID, -1 for a
	// stem no phrase names); lids: its light stem and its synonyms'
	// (lexicon.lightID)
	sids, lids []int32
	names      []int // the lexicon's names that start with w (namesByFirst)
	pos, end   int   // bytes of the folded query
	negated    bool
	// negatable: a name a ticket may rule out (negatableWordList);
	// carrier: its first light stem is a carrier word's
	negatable, carrier bool
}

// analysis is what the judgement needs of a query beyond its terms.
type analysis struct {
	sc    *scratch // where its maps and slices come from (see release)
	words []rawWord
	// byStem and byLight: the non-negated words by stem and light stem
	// (lexicon.stemID, lightID)
	byStem, byLight [][]int
	// homonym: byte offsets of the words inside a homonym of the domain's
	// words: no anchor there.
	homonym map[int]bool
	// present: bit i is set when the text holds (not negated) light stem
	// number i (lexicon.lightID)
	present []uint64
	negated map[int]bool // byte offsets of ruled-out names
	// filter: the text is being typed (Index.Filter): hits are judged
	// but kept, whatever their band.
	filter bool
	// query: a short query of one line (see queryTokens).
	query   bool
	aliases []aliasMatch
	gaps    []GapHit
	carrier []int // indexes in words of carrier words
	// defines: the text asks what a thing is (« c'est quoi », « à quoi
	// sert »): its name is the question.
	defines bool
	// definesThing: the text asks what a named thing is (« c'est quoi la
	// e-CPS », « qu'est-ce que l'INSi »), not what to do (« qu'est-ce que
	// je dois faire »).
	definesThing bool
}

type aliasMatch struct {
	g        *vocab.Group
	pos, end int
	text     string // as typed
}

func (an *analysis) negatedAt(pos int) bool { return an.negated[pos] }

// lostPerson reports whether ws[i] is « perdu » said of the writer or the
// reader: « je suis (un peu, complètement…) perdu », « nous sommes
// perdus », « je me sens perdue ». « La carte est perdue » is a loss.
func lostPerson(ws []rawWord, i int) bool {
	switch ws[i].w {
	case "perdu", "perdue", "perdus", "perdues":
	default:
		return false
	}
	j := i - 1
	for j >= 0 && lossDegree[ws[j].w] {
		j--
	}
	if j >= 0 && ws[j].w == "peu" && j >= 1 && ws[j-1].w == "un" {
		j -= 2
	}
	return j >= 0 && (atLossVerb[ws[j].w] || j >= 1 && (ws[j].w == "sens" || ws[j].w == "sentons") && (ws[j-1].w == "me" || ws[j-1].w == "nous"))
}

// atLossVerb: « être » said of the writer or the reader (suis, sommes,
// es, êtes; « est » is said of a card as well).
var atLossVerb = map[string]bool{"suis": true, "sommes": true, "es": true, "etes": true}

var lossDegree = map[string]bool{"completement": true, "totalement": true, "vraiment": true, "assez": true, "tres": true, "bien": true, "toujours": true, "encore": true}

// analyze splits the folded query into words, marks ruled-out names, and
// finds the aliases, gaps and carrier words it holds. Its tables come from
// sc, which its release gives back.
func analyze(sc *scratch, q string, qf Folded) *analysis {
	lx := lexOnce()
	text := qf.Text
	sc.size(lx)
	an := &analysis{sc: sc, byStem: sc.byStem, byLight: sc.byLight, homonym: sc.homonym, negated: sc.negated,
		words: sc.words[:0]}
	raw := &sc.raw // what is known of a word whatever its place
	for i := 0; i < len(text) && len(an.words) < maxAnalyzed; {
		for i < len(text) && isSep(text[i]) {
			i++
		}
		s := i
		for i < len(text) && !isSep(text[i]) {
			i++
		}
		if s == i {
			break
		}
		w := text[s:i]
		var rw rawWord
		if v, ok := raw.get(w); ok {
			rw = v
		} else {
			if raw.keeps() {
				w = strings.Clone(w) // kept: not a slice of the ticket
			}
			stems, light := []string{Stem(w)}, []string{lightStem(w)}
			rw = rawWord{w: w, stem: stems[0], negatable: lx.negatable.has(w)}
			rw.carrier = lx.carrier.has(light[0])
			c := w
			if !knownWord(w) {
				if rest, ok := stripGluedElision(w); ok && knownWord(rest) {
					stems = append(stems, Stem(rest)) // lappli
					light = append(light, lightStem(rest))
					c = rest
				}
			}
			for _, x := range expand(c) {
				stems = append(stems, Stem(x))
				light = append(light, lightStem(x))
			}
			if len(stems) == 1 {
				if x, ok := lx.respelt(w); ok {
					rw.w = x // « test d'intrustion »
					stems = append(stems, Stem(x))
					light = append(light, lightStem(x))
				}
			}
			rw.sids, rw.lids = numbered(&lx.stemID, stems), numbered(&lx.lightID, light)
			rw.names = lx.namesByFirst.at(rw.w)
			raw.put(w, rw)
		}
		rw.pos, rw.end = s, i
		an.words = append(an.words, rw)
	}
	an.defines = asksDefinition(text, an.words)
	// asksWhatThingIs's phrasings are all definition asks
	an.definesThing = an.defines && asksWhatThingIs(text)
	sc.words = an.words // grown: kept for the next search
	ws := an.words
	for i := 0; i+1 < len(ws); i++ {
		if ws[i].w == "e" && !isStopWord(ws[i+1].w) {
			// « e-CPS » is not « CPS »: the word after "e" is matched
			// with it (gap rules write « ecps »)
			l := lightStem("e" + ws[i+1].w)
			ws[i+1].lids = numbered(&lx.lightID, []string{l})
			ws[i+1].carrier = lx.carrier.has(l)
		}
	}
	for i := range ws {
		if !ws[i].negatable && !(ws[i].w == "e" && i+1 < len(ws) && lx.negatable.has("e"+ws[i+1].w)) {
			continue
		}
		j, k := i-1, i+1
		if ws[i].w == "e" {
			k++
		}
		switch {
		case j >= 0 && negationWords[ws[j].w]:
		// « je ne veux pas utiliser Firefox »
		case j >= 1 && negationWords[ws[j-1].w] && refusedVerbs[ws[j].w]:
		case j >= 1 && ws[j].w == "que" && (ws[j-1].w == "plutot" || ws[j-1].w == "autre"):
		case j >= 1 && (ws[j].w == "de" || ws[j].w == "d") && ws[j-1].w == "lieu":
		// a comparison: « une config comme pour Firefox », « ça marche
		// sous Firefox mais pas sous Edge »: the name is what works,
		// not what is asked about
		case j >= 0 && ws[j].w == "comme":
		case j >= 1 && ws[j-1].w == "comme" && comparedIn[ws[j].w]:
		case k+1 < len(ws) && ws[k].w == "mais" && (ws[k+1].w == "pas" || ws[k+1].w == "non"):
		default:
			continue
		}
		ws[i].negated = true
		an.negated[ws[i].pos] = true
		if ws[i].w == "e" && i+1 < len(ws) {
			ws[i+1].negated = true
			an.negated[ws[i+1].pos] = true
		}
	}
	for i := range ws {
		if lostPerson(ws, i) {
			// « je suis perdu »: the writer is at a loss, nothing is
			// lost; like a ruled-out name, no evidence
			ws[i].negated = true
			an.negated[ws[i].pos] = true
		}
	}
	for i, w := range ws {
		if w.negated {
			continue
		}
		for _, id := range w.sids {
			sc.occur(an.byStem, &sc.stemsAt, id, i)
		}
		for _, id := range w.lids {
			sc.occur(an.byLight, &sc.lightAt, id, i)
		}
		if w.carrier {
			an.carrier = append(an.carrier, i)
		}
	}
	an.present = sc.present
	for _, id := range sc.lightAt {
		an.present[id>>6] |= 1 << (id & 63)
	}
	// homonyms: adjacent words
	var heads []int32
	for _, h := range lx.homonyms {
		for _, i := range an.byLight[h[0]] {
			if i+len(h) > len(ws) {
				continue
			}
			ok := true
			for k, st := range h {
				if !slices.Contains(ws[i+k].lids, st) {
					ok = false
					break
				}
			}
			if ok {
				for k, st := range h {
					an.homonym[ws[i+k].pos] = true
					if k > 0 && slices.Contains(lx.homonymDomain, st) && !slices.Contains(heads, st) {
						heads = append(heads, st)
					}
				}
				if !slices.Contains(heads, h[0]) {
					heads = append(heads, h[0])
				}
			}
		}
	}
	// A text that uses a domain word in another sense (« la carte
	// bancaire ») uses it so throughout (« … la carte est refusée »),
	// unless a product's name follows (« changé de carte SIM… l'appli
	// qui me sert de carte pro »).
	for _, st := range heads {
		for _, i := range an.byLight[st] {
			if !lx.namedAfter(ws, i) {
				an.homonym[ws[i].pos] = true
			}
		}
	}
	qc := &runeCursor{s: q}
	orig := func(s, e int) string { return origSpan(qc, qf, s, e) }
	// names: adjacent folded words
	for i := range ws {
		for _, ni := range ws[i].names {
			n := &lx.names[ni]
			if i+len(n.words) > len(ws) || an.hasAlias(n.g) {
				continue
			}
			ok := true
			for k, nw := range n.words {
				if ws[i+k].w != nw || ws[i+k].negated {
					ok = false
					break
				}
			}
			if ok {
				an.addAlias(n.g, ws[i].pos, ws[i+len(n.words)-1].end, orig)
			}
		}
	}
	// phrases: every stem within a window
	for _, p := range lx.phrases {
		if s, e, ok := an.window(p.stems, 3*len(p.stems)+3); ok {
			an.addAlias(p.g, s, e, orig)
		}
	}
	// rules: kinds of words near each other
	for _, r := range lx.rules {
		if an.hasAlias(r.g) {
			continue
		}
		if idx, ok := an.ruleMatch(r.slots, aliasWindow); ok {
			lo, hi := idx[0], idx[0]
			for _, i := range idx {
				lo, hi = min(lo, i), max(hi, i)
			}
			an.addAlias(r.g, ws[lo].pos, ws[hi].end, orig)
		}
	}
	// A product's name inside another product's description is part of
	// it: « le portail où l'on dépose le dossier Ségur » is Convergence.
	if len(an.aliases) > 1 {
		all := slices.Clone(an.aliases)
		an.aliases = slices.DeleteFunc(an.aliases, func(a aliasMatch) bool {
			for _, b := range all {
				if b.g != a.g && a.g.Product != "" && b.g.Product != "" && b.pos <= a.pos && a.end <= b.end && b.end-b.pos > a.end-a.pos {
					return true
				}
			}
			return false
		})
	}
	// gaps (ruleMatch rejects most at their first slot, by bits)
	var sentOf []int
	var asks []bool
	for _, g := range lx.gaps {
		var hitWords []int
		matched := false
		for _, rule := range g.rules {
			if idx, ok := an.ruleMatch(rule, gapWindow); ok {
				matched, hitWords = true, idx
				break
			}
		}
		if !matched {
			continue
		}
		if sentOf == nil {
			sentOf, asks = sentences(q, qf, ws)
		}
		unless := false
		for _, alt := range g.unless {
			if an.anySequence(alt) || an.aliasFor(alt) {
				unless = true
			}
		}
		if unless {
			continue
		}
		gh := GapHit{ID: g.gap.ID, Topic: g.gap.Topic}
		seen := map[int]bool{}
		for _, i := range hitWords {
			if !seen[i] {
				seen[i] = true
				gh.Words = append(gh.Words, orig(ws[i].pos, ws[i].end))
				gh.at = append(gh.at, ws[i].pos)
			}
		}
		for _, i := range hitWords {
			gh.asked = gh.asked || asks[sentOf[i]]
		}
		an.gaps = append(an.gaps, gh)
	}
	return an
}

// sentences numbers the sentences of q (ends: « ? », « ! », « … », a line
// break, a full stop before a space) up to the one of the last word of
// ws, and returns each word's sentence, and which sentences ask (end
// with « ? »).
func sentences(q string, qf Folded, ws []rawWord) (of []int, asks []bool) {
	of = make([]int, len(ws))
	n, wi, r := 0, 0, 0 // sentence, next word, rune index
	for i, c := range q {
		for wi < len(ws) && int(qf.RuneOf[ws[wi].pos]) <= r {
			of[wi] = n
			wi++
		}
		r++
		end := c == '?' || c == '!' || c == '\n' || c == '…'
		if c == '.' {
			next, _ := utf8.DecodeRuneInString(q[i+1:])
			end = i+1 == len(q) || unicode.IsSpace(next)
		}
		if !end {
			continue
		}
		if len(asks) == n {
			asks = append(asks, c == '?')
		}
		if i+1 < len(q) && strings.ContainsRune("?!.", rune(q[i+1])) {
			continue // « ?! », « ... »
		}
		n++
		if wi == len(ws) {
			return of, asks
		}
	}
	for ; wi < len(ws); wi++ {
		of[wi] = n
	}
	if len(asks) == n {
		asks = append(asks, false)
	}
	return of, asks
}

// definitionAsks are folded phrasings of « what is it », « what is it
// for ».
var definitionAsks = []string{"c'est quoi", "c est quoi", "qu'est ce", "qu est ce", "quoi sert",
	"sert a quoi", "ca sert", "what is", "what's", "what does", "kesako", "ca consiste", "en quoi consiste",
	"veut dire", "signifie", "definition", "signification", "meaning of", "stands for"}

// definitionHit reports whether a hit is an answer that says what a
// thing is, or what it is for (its title asks so).
func definitionHit(h *Hit) bool {
	if h.Kind != DocEntry {
		return false
	}
	t := FoldString(h.Title)
	for _, p := range []string{"qu'est ce", "qu est ce", "a quoi sert", "quels sont les enjeux"} {
		if strings.HasPrefix(t, p) {
			return true
		}
	}
	return false
}

// asksWhatThingIs is asksDefinition without the phrasings that also ask
// what to do: « qu'est-ce que » counts only before an article, and a text
// that asks for a procedure (« c'est quoi la démarche pour… ») does not.
func asksWhatThingIs(folded string) bool {
	for _, p := range []string{"procedure", "demarche", "marche a suivre", "comment", "que faire", "dois faire", "faut faire", "etapes"} {
		if strings.Contains(folded, p) {
			return false
		}
	}
	for _, p := range []string{"c'est quoi", "c est quoi", "a quoi sert", "sert a quoi", "what is", "kesako", "en quoi consiste",
		"veut dire", "signifie", "definition", "signification", "meaning of", "stands for",
		"qu'est ce qu'un", "qu est ce qu un", "qu'est ce que le ", "qu'est ce que la ", "qu'est ce que l'", "qu'est ce que les ",
		"qu'est ce que un", "qu est ce que le ", "qu est ce que la ", "qu est ce que l ", "qu est ce que les "} {
		if strings.Contains(folded, p) {
			return true
		}
	}
	return false
}

// asksDefinition reports whether one of definitionAsks starts at one of
// the words ws of folded (a ticket reads every word once, not every
// phrasing over the whole text).
func asksDefinition(folded string, ws []rawWord) bool {
	for _, w := range ws {
		for _, p := range definitionAsksBy[folded[w.pos]] {
			if strings.HasPrefix(folded[w.pos:], p) {
				return true
			}
		}
	}
	return false
}

// definitionAsksBy are definitionAsks by first byte (an array: a map
// lookup a word was a twentieth of a triage).
var definitionAsksBy = func() (t [256][]string) {
	for _, p := range definitionAsks {
		t[p[0]] = append(t[p[0]], p)
	}
	return t
}()

// wordsIn estimates the words of a folded text (its separators), at most
// maxAnalyzed: the size to give the tables of its analysis and terms.
func wordsIn(folded string) int {
	return min(strings.Count(folded, " ")+strings.Count(folded, "'")+1, maxAnalyzed)
}

// maxAnalyzed words of a text are analysed for names, descriptions, gaps
// and carrier words: what a ticket asks is in its first pages, and a
// 1 MiB ticket stays cheap.
const maxAnalyzed = 4096

// maxOccurrences of a stem are kept for matching phrases and gaps: the
// matching stays linear in the text's length (a 10 MB ticket repeating one
// word), and a ticket's first occurrences are the ones that tell.
const maxOccurrences = 32

// aliasWindow: the words of a product's rule must occur within this many
// words (a long clause: « l'espace en ligne de l'Agence où nous suivons nos
// candidatures de financement »).
const aliasWindow = 12

// gapWindow: the words of a gap's rule must occur within this many words
// (about a sentence): « accès refusé » to INSi and, three lines down, the
// « messagerie sécurisée » are not a question about MSSanté access.
const gapWindow = 12

// ruleMatch finds, for each slot of a rule, a word (or the words of an
// alternative) so that all lie within n consecutive words. It tries each
// occurrence of the first slot as the centre. The words it returns are
// valid until its next call.
func (an *analysis) ruleMatch(rule [][][]int32, n int) ([]int, bool) {
	if len(rule) == 0 {
		return nil, false
	}
	// Every slot needs a word of the text: most rules fail here, once,
	// rather than at each centre (a bit of an.present per first stem).
	for k := len(rule) - 1; k >= 0; k-- {
		present := false
		for _, alt := range rule[k] {
			if id := alt[0]; an.present[id>>6]&(1<<(id&63)) != 0 {
				present = true
				break
			}
		}
		if !present {
			return nil, false
		}
	}
	idx := an.sc.idx[:0]
	defer func() { an.sc.idx = idx[:0] }()
	for _, alt := range rule[0] {
		for _, c := range an.byLight[alt[0]] {
			idx = idx[:0]
			ok := true
			for _, slot := range rule {
				found := false
				for _, alt := range slot {
					if idx, found = an.allNear(idx, alt, c, n); found {
						break
					}
				}
				if !found {
					ok = false
					break
				}
			}
			if ok {
				return idx, true
			}
		}
	}
	return nil, false
}

// allNear appends to dst the words of an alternative (see altStems)
// found within n words of word c.
func (an *analysis) allNear(dst []int, stems []int32, c, n int) ([]int, bool) {
	for _, j := range an.byLight[stems[0]] {
		if abs(j-c) > n {
			continue
		}
		if seq, ok := an.sequenceAt(dst, stems, j); ok {
			return seq, true
		}
	}
	return dst, false
}

// sequenceAt matches stems in order from word j, each at most two words
// after the previous, and appends their words to dst (dst when they do
// not match).
func (an *analysis) sequenceAt(dst []int, stems []int32, j int) ([]int, bool) {
	out := append(dst, j)
	prev := j
	for _, st := range stems[1:] {
		found := -1
		for k := prev + 1; k <= prev+2 && k < len(an.words); k++ {
			if !an.words[k].negated && slices.Contains(an.words[k].lids, st) {
				found = k
				break
			}
		}
		if found < 0 {
			return out[:len(dst)], false
		}
		out = append(out, found)
		prev = found
	}
	return out, true
}

// aliasFor reports whether the query describes a product or tree one of
// whose terms is the one-word alternative alt (« le navigateur au
// renard » stands for firefox).
func (an *analysis) aliasFor(alt []int32) bool {
	if len(alt) != 1 {
		return false
	}
	lx := lexOnce()
	for _, a := range an.aliases {
		for _, t := range a.g.Terms {
			if id := lx.lightID.id(lightStem(FoldString(t.Value))); id >= 0 && id == alt[0] {
				return true
			}
		}
	}
	return false
}

// anySequence reports whether the alternative occurs anywhere.
func (an *analysis) anySequence(stems []int32) bool {
	for _, j := range an.byLight[stems[0]] {
		seq, ok := an.sequenceAt(an.sc.seq[:0], stems, j)
		an.sc.seq = seq[:0]
		if ok {
			return true
		}
	}
	return false
}

// window finds words having each of the stems within n consecutive words;
// it returns the byte span they cover.
func (an *analysis) window(stems []int32, n int) (int, int, bool) {
	first := an.byStem[stems[0]]
	for _, i := range first {
		lo, hi := i, i
		ok := true
		for _, st := range stems[1:] {
			best := -1
			for _, j := range an.byStem[st] {
				if j >= i-n && j <= i+n && (best < 0 || abs(j-i) < abs(best-i)) {
					best = j
				}
			}
			if best < 0 {
				ok = false
				break
			}
			lo, hi = min(lo, best), max(hi, best)
		}
		if ok && hi-lo < n {
			return an.words[lo].pos, an.words[hi].end, true
		}
	}
	return 0, 0, false
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

func (an *analysis) hasAlias(g *vocab.Group) bool {
	for _, a := range an.aliases {
		if a.g == g {
			return true
		}
	}
	return false
}

// addAlias records the first match of g (one is all the terms and the
// "why" need).
func (an *analysis) addAlias(g *vocab.Group, s, e int, orig func(s, e int) string) {
	for _, a := range an.aliases {
		if a.g == g {
			return
		}
	}
	for p := range an.homonym {
		if s <= p && p < e {
			return // « l'établissement réclame un certificat de scolarité »
		}
	}
	// A description may span lines of a ticket: the why is one line.
	an.aliases = append(an.aliases, aliasMatch{g: g, pos: s, end: e, text: strings.Join(strings.Fields(orig(s, e)), " ")})
}

// judge sets the band of h: BandHigh when it explains a word that places
// the query in the domain (an anchor) and the query asks no known gap and
// carries no word h leaves unexplained; BandLow when it explains other
// words only, or leaves the question unanswered; BandNone when it
// explains nothing but generic or vague words, or the query has no anchor
// at all, or (a ticket) only weak anchors (see qterm.strong).
func (ix *Index) judge(h *Hit, a *agg, words []fzWord, qt queryTerms, an *analysis) {
	explained := zeroed(&an.sc.explained, len(qt.words))
	ev, anchors := 0.0, 0
	told, strong, named := 0, 0, 0 // terms explained (generic ones aside), strong anchors, product words
	besides := 0                   // terms explained other than the products' names (and vague words)
	if bh := a.bmHit; bh != nil {
		for ti := range qt.terms {
			if bh.terms[ti/64]&(1<<(ti%64)) == 0 {
				continue
			}
			t := &qt.terms[ti]
			for _, w := range t.words {
				explained[w] = true
			}
			if t.generic {
				continue
			}
			idf := 0.0
			for _, si := range t.infos {
				if !si.vague {
					idf = max(idf, si.idf)
				}
			}
			ev += t.weight * idf
			told++
			if !t.product || !t.strong && !namePart(qt, t) || qt.words[t.words[0]].alias {
				if idf > 0 {
					besides++
				}
			}
			if t.anchor && idf > 0 {
				anchors++
				if t.strong {
					strong++
				}
				if t.product {
					named++
				}
			}
		}
	}
	if fh := a.fzHit; fh != nil {
		lx := lexOnce()
		for wi := range words {
			fw := &words[wi]
			if fh.words&(1<<wi) == 0 || !fw.required {
				continue
			}
			base, _ := fuzzyBase(fw.text)
			counted := false
			for p := fw.pos; p < fw.pos+len(fw.text); p++ {
				if qi, ok := qt.wordAt[p]; ok {
					counted = counted || explained[qi]
					explained[qi] = true
				}
			}
			if !counted && !isVague(base) && !lx.isGeneric(base, Stem(base)) && !isStopWord(base) {
				ev += 1 // a word (being typed) only the fuzzy ranker matched
				told++
				besides++
				if jargon(base) {
					anchors++
					if strongAnchor(base, base, true) {
						strong++
					}
				}
			}
		}
	}
	h.Evidence = ev
	h.Coverage = 1
	if n := len(qt.knownQ); n > 0 {
		got := 0
		for _, wi := range qt.knownQ {
			if explained[wi] {
				got++
			}
		}
		h.Coverage = float64(got) / float64(n)
	}
	switch {
	case ev <= 0 || !qt.anchored:
		h.Band = BandNone
		return
	case anchors == 0:
		h.Band = BandLow
	default:
		h.Band = BandHigh
	}
	if !an.query && !an.filter && strong == 0 && (told <= 1 || !qt.strong && anchors <= 1 && named == 0) {
		// Weak anchors only: a ticket of which the hit explains one word
		// (generic ones aside) and no strong anchor (« connection lost »,
		// « server down »), or one ordinary domain word that names no
		// product in a ticket with no strong anchor at all (« activer la
		// garantie de l'écran », « identifiant de la box »), is about
		// something else. Short queries, and text being typed, are
		// judged by their words (see below).
		h.Band = BandNone
		return
	}
	if besides == 0 && !(an.defines && definitionHit(h)) && askedBesides(qt, explained) {
		// The hit explains the product's name and nothing of what is
		// asked about it (« la e-CPS marche-t-elle sur un iPhone 6 ? »,
		// « les messages MSSanté sont archivés combien de temps ? »):
		// the knowledge knows the product, not this question. « C'est
		// quoi la e-CPS ? » asks about the product itself: an answer
		// that says what it is (« Qu'est-ce que la e-CPS ? ») answers
		// it, no other.
		h.Band = min(h.Band, BandLow)
	}
	if h.Kind == DocTree && an.definesThing {
		// « c'est quoi l'IGC-Santé ? » asks what a thing is; a tree is a
		// procedure about it, never the answer.
		h.Band = min(h.Band, BandLow)
	}
	if !namesProduct(qt, explained) {
		// The query names a product (« MSSanté », « l'appli de la carte
		// pro ») and the hit explains none of those it names: it answers
		// about something else.
		h.Band = min(h.Band, BandLow)
	}
	for _, ci := range an.carrier {
		rw := an.words[ci]
		qi, ok := qt.wordAt[rw.pos]
		if w := ix.origWord(qt, rw); (!ok || !explained[qi]) && !slices.Contains(h.Unexplained, w) {
			h.Unexplained = append(h.Unexplained, w)
		}
	}
	if len(h.Unexplained) > 0 || len(an.gaps) > 0 && !answersBesides(explained, qt, an.gaps) {
		h.Band = min(h.Band, BandLow)
	}
	// In a query, a word no answer knows is a question no answer
	// answers (« e-CPS bloquée trop de tentatives »). It counts when the
	// question words the hit leaves unexplained, known or not, outnumber
	// those it explains (« carte CPS pas vue dans firefox » is answered;
	// « convergence nombre max utilisateurs » is not).
	if an.query && len(qt.unknown) > 0 {
		told := 0
		for _, wi := range qt.knownQ {
			if explained[wi] {
				told++
			}
		}
		if len(qt.unknown)+len(qt.knownQ)-told > told {
			for _, wi := range qt.unknown {
				if w := qt.words[wi].orig; !slices.Contains(h.Unexplained, w) {
					h.Unexplained = append(h.Unexplained, w)
				}
			}
			h.Band = min(h.Band, BandLow)
		}
	}
}

// namePart reports whether every occurrence of a product's weak word is
// the first word of a product's name (« carte » in « carte CPS »): it then
// names the product, and asks nothing (« quelle carte faut-il ? » does).
func namePart(qt queryTerms, t *qterm) bool {
	for _, w := range t.words {
		if w+1 >= len(qt.words) || qt.words[w+1].alias || qt.words[w+1].pos > qt.words[w].end+1 || !strongProduct(qt, w+1) {
			return false
		}
	}
	return true
}

// strongProduct reports whether word w of the query is a product's name
// (a strong product term).
func strongProduct(qt queryTerms, w int) bool {
	for i := range qt.terms {
		t := &qt.terms[i]
		if t.product && t.strong && slices.Contains(t.words, w) {
			return true
		}
	}
	return false
}

// askedBesides reports whether the query has a question word the hit
// does not explain (known to the knowledge or not).
func askedBesides(qt queryTerms, explained []bool) bool {
	if len(qt.unknown) > 0 {
		return true
	}
	for _, wi := range qt.knownQ {
		if !explained[wi] {
			return true
		}
	}
	return false
}

// namesProduct reports whether a hit explains one of the products the
// query names strongly (a product's name or description), or the query
// names none.
func namesProduct(qt queryTerms, explained []bool) bool {
	named := false
	for i := range qt.terms {
		t := &qt.terms[i]
		if !t.product || !t.strong || t.generic {
			continue
		}
		named = true
		for _, w := range t.words {
			if explained[w] {
				return true
			}
		}
	}
	return !named
}

// answersBesides reports whether a hit explains at least besidesGap
// question words of the query outside the words of its gaps, and no gap
// is asked: the ticket asks something the knowledge answers, and the gap
// is a note (« je n'ai pas encore reçu ma carte CPS. En attendant,
// puis-je activer ma e-CPS autrement ? »). A gap with a word in a
// sentence that asks is the question (« … il nous faut une déclaration
// sur l'honneur. Existe-t-il un modèle officiel ? »).
func answersBesides(explained []bool, qt queryTerms, gaps []GapHit) bool {
	inGap := map[int]bool{}
	for _, g := range gaps {
		if g.asked {
			return false
		}
		for _, p := range g.at {
			inGap[p] = true
		}
	}
	n := 0
	for _, wi := range qt.knownQ {
		if explained[wi] && !inGap[qt.words[wi].pos] {
			n++
		}
	}
	return n >= besidesGap
}

// besidesGap: see answersBesides.
const besidesGap = 4

// origWord is the query's text of a raw word, as typed when it is a
// token of qt, else folded.
func (ix *Index) origWord(qt queryTerms, rw rawWord) string {
	if qi, ok := qt.wordAt[rw.pos]; ok {
		return qt.words[qi].orig
	}
	return rw.w
}

// jargon reports whether a folded word is the knowledge's own vocabulary
// rather than ordinary French (or English: the synonyms map it to French
// first): acronyms, product names, technical terms. Numbers are not.
func jargon(w string) bool {
	if ordinaryWord(w) || len(w) < 2 || numberWithUnit(w) {
		return false
	}
	for i := 0; i < len(w); i++ {
		if w[i] < '0' || w[i] > '9' {
			return !lexOnce().isGeneric(w, Stem(w))
		}
	}
	return false
}

// unitSuffixes follow a number in ordinary writing: ordinals (2e, 1er,
// 3ème), hours (17h), durations and sizes (15min, 3j, 10mo).
var unitSuffixes = map[string]bool{"e": true, "er": true, "ere": true, "eme": true, "em": true, "nd": true,
	"nde": true, "h": true, "min": true, "mn": true, "j": true, "x": true, "km": true, "m": true, "kg": true,
	"mo": true, "go": true, "ko": true, "ans": true, "an": true, "mois": true, "s": true}

// numberWithUnit reports whether a folded word is digits then one of
// unitSuffixes (« 2e étage », « 17h »), or digits, « h », digits (10h30).
func numberWithUnit(w string) bool {
	i := 0
	for i < len(w) && w[i] >= '0' && w[i] <= '9' {
		i++
	}
	if i == 0 || i == len(w) {
		return false
	}
	if unitSuffixes[w[i:]] {
		return true
	}
	j := i + 1
	for j < len(w) && w[j] >= '0' && w[j] <= '9' {
		j++
	}
	return w[i] == 'h' && j == len(w) && j > i+1
}

// questionWord reports whether a token (and its canonical words) may
// carry the question: not vague, not generic, not a product's name.
func (ix *Index) questionWord(tok string, canon []string) bool {
	lx := lexOnce()
	if len(tok) < 2 || isVague(tok) {
		return false
	}
	for _, c := range canon {
		st := Stem(c)
		if lx.isGeneric(c, st) || lx.product.has(st) || isVague(c) {
			return false
		}
	}
	st := Stem(tok)
	return !lx.isGeneric(tok, st) && !lx.product.has(st)
}

// hasStemOrFix reports whether a token, or one of its canonical words, has
// a stem of the index, or a typo correction (Index.typoFix).
func (ix *Index) hasStemOrFix(tok string, canon []string) bool {
	if _, ok := ix.stem(Stem(tok)); ok {
		return true
	}
	for _, c := range canon {
		if _, ok := ix.stem(Stem(c)); ok {
			return true
		}
	}
	return ix.typoFix(tok) != ""
}

// Vocabulary returns the folded surface words of the index and the
// variants of the synonym table, sorted.
func (ix *Index) Vocabulary() []string {
	out := make([]string, 0, len(ix.sorted)+len(tables().syn.list))
	for _, id := range ix.sorted {
		out = append(out, ix.surf.list[id])
	}
	out = append(out, tables().syn.list...)
	slices.Sort(out)
	return slices.Compact(out)
}

// HasStem reports whether a folded word's stem is a stem of the index.
func (ix *Index) HasStem(w string) bool {
	_, ok := ix.stem(Stem(w))
	return ok
}

// Within1 reports whether two folded words are at edit distance at most 1
// (for kb/search/frgen).
func Within1(a, b string) bool { return within1(a, b) }

// strongAnchor reports whether an anchor (a canonical word c, typed
// orig; isJargon: jargon(c)) names the domain on its own: a product's one-word name (INSi,
// HDS, e-CPS), or jargon that looks it — short (RPPS, IGC, TSP), with
// digits, or typed with capitals inside (WebExtension). A longer word
// that is merely missing from the dictionary (« server », « connection »,
// « consult ») or an ordinary word of the domain (« activer »,
// « identifiant ») is an anchor, but a weak one: see judge.
func strongAnchor(c, orig string, isJargon bool) bool {
	if strongProducts()[c] {
		return true
	}
	if !isJargon {
		return false
	}
	if len(c) <= 5 {
		return true
	}
	for i, r := range orig {
		if r >= '0' && r <= '9' || i > 0 && unicode.IsUpper(r) {
			return true
		}
	}
	return false
}

// strongProducts are the folded one-word names of the products, and
// the cards' names.
var strongProducts = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{"ecps": true, "cps": true, "cpx": true, "igc": true}
	for _, p := range kb.Products {
		if ws := strings.Fields(strings.ReplaceAll(strings.ReplaceAll(FoldString(p), "-", ""), "/", " ")); len(ws) == 1 {
			m[ws[0]] = true
		}
	}
	return m
})
