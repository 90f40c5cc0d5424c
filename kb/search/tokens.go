package search

import (
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/kljensen/snowball/french"
)

// Tokens folds s and returns its words: elisions split (l'appli → appli,
// and a glued "lappli" → appli when "appli" is a known word of the synonym
// table), "e" joined to the next word (e-CPS → ecps, e-mail → email), stop
// words (French, English, SMS and greetings: bjr, svp, dr…) and single
// letters removed. Tokens are neither stemmed nor mapped through the synonym
// table: the index does that (see Stem and the synonyms table).
func Tokens(s string) []string {
	var out []string
	EachToken(s, func(tok string) bool {
		out = append(out, tok)
		return true
	})
	return out
}

// EachToken calls fn with each of Tokens(s) until fn returns false.
func EachToken(s string, fn func(tok string) bool) {
	scanTokens(FoldString(s), lexAgainst(knownWord), true, func(tok string, _, _ int) bool { return fn(tok) })
}

// Stem returns the snowball French stem of a folded token. The stems of
// the embedded knowledge's and the vocabulary's words are computed at
// build time (stems_gen.go): stemming them was most of the start of a
// search. Other stems are cached process-wide (up to maxStemCache words):
// a ticket's words recur from one ticket to the next, and stemming was
// 40 % of a triage.
func Stem(tok string) string {
	if stemRecord != nil {
		stemRecord(tok)
	}
	if st, ok := builtStem(tok); ok {
		return st
	}
	if v, ok := stemCache.Load(tok); ok {
		return v.(string)
	}
	st := french.Stem(tok, true)
	if stemCacheN.Add(1) <= maxStemCache {
		stemCache.Store(strings.Clone(tok), st)
	}
	return st
}

// builtStems holds the stem of every word stemmed while indexing the
// embedded knowledge and compiling the vocabulary, computed at build
// time: stems_gen.go, written by TestStemTable, which checks it is
// complete; `go test ./kb/search -run TestStemTable -update` writes it
// (go generate runs it, after kb and kb/vocab). It is a table laid out by
// the linker: nothing to build at start-up. Without that file (deleted
// before a change of table's type), every word is stemmed.
//
//go:generate go test -run TestStemTable -update .
var builtStems *table[string]

func builtStem(tok string) (string, bool) {
	if builtStems == nil {
		return "", false
	}
	return builtStems.get(tok)
}

// stemRecord, when set (by TestStemTable), sees every word Stem is
// given.
var stemRecord func(string)

const maxStemCache = 1 << 16

var (
	stemCache  sync.Map // folded word → stem
	stemCacheN atomic.Int64
)

// isSep reports whether c separates words in folded text.
func isSep(c byte) bool { return c == ' ' || c == '\'' }

// lexer says of a word of folded text whether it is a stop word, and the
// token it stands for: itself, or without a glued elision (see
// lexAgainst).
type lexer func(w string) (tok string, stop bool)

func stopWord(lex lexer, w string) bool {
	_, stop := lex(w)
	return stop
}

// plainLex: every word stands for itself.
func plainLex(w string) (string, bool) { return w, isStopWord(w) }

// lexAgainst splits glued elisions (lappli → appli) against a
// vocabulary: a word it does not know whose rest it knows.
func lexAgainst(known func(string) bool) lexer {
	return func(w string) (string, bool) {
		if !known(w) {
			if rest, ok := stripGluedElision(w); ok && known(rest) {
				return rest, isStopWord(w)
			}
		}
		return w, isStopWord(w)
	}
}

// scanTokens calls fn for each token of the folded text f, with its byte
// range in f (for "e"+word joins, the range covers both words; for a
// split glued elision, the elision too). lex tells stop words and glued
// elisions; its last call before fn is for the word fn is called for.
// query is set for text people write (queries and tickets): "arriver à"
// + a verb is then dropped (see modalArriver). It stops when fn returns
// false.
func scanTokens(f string, lex lexer, query bool, fn func(tok string, start, end int) bool) {
	i := 0
	next := func() (string, int, int) {
		for i < len(f) && isSep(f[i]) {
			i++
		}
		s := i
		for i < len(f) && !isSep(f[i]) {
			i++
		}
		return f[s:i], s, i
	}
	for {
		w, s, e := next()
		if w == "" {
			return
		}
		if w == "e" {
			// e-CPS, e-mail, e-santé: join with the next word
			save := i
			if w2, _, e2 := next(); w2 != "" && !stopWord(lex, w2) {
				w, e = "e"+w2, e2
			} else {
				i = save
			}
		}
		tok, stop := lex(w)
		if stop {
			continue
		}
		if len(w) == 1 && !(w[0] >= '0' && w[0] <= '9') {
			continue
		}
		if query && modalArriver(w, f[i:]) {
			continue
		}
		if !fn(tok, s, e) {
			return
		}
	}
}

// modalArriver reports whether w, followed by the folded text rest, is
// "arriver à" + an infinitive: "je n'arrive pas à activer ma e-CPS" means
// "I cannot manage to", not that something does not arrive (the QR-code
// mail that "n'arrive pas"). Between them may come a negation or an adverb
// ("pas", "plus", "toujours"), and before the verb an object pronoun
// ("à me connecter"); the verb is told by its ending (-er, -ir, -re, -oir),
// so "arrivé à échéance" keeps its sense.
func modalArriver(w, rest string) bool {
	switch w {
	case "arrive", "arrives", "arrivent", "arrivons", "arrivez", "arriver", "arrivais", "arrivait", "arrivaient":
	default:
		return false
	}
	words := nextWords(rest, 8)
	i := 0
	for i < len(words) && i < 3 {
		switch words[i] {
		case "pas", "plus", "jamais", "toujours", "vraiment", "meme", "point":
			i++
			continue
		}
		break
	}
	if i >= len(words) || words[i] != "a" {
		return false
	}
	i++
	for i < len(words) {
		switch words[i] {
		case "me", "m", "te", "t", "se", "s", "le", "la", "les", "l", "lui", "leur", "y", "en", "nous", "vous":
			i++
			continue
		}
		break
	}
	if i >= len(words) {
		return false
	}
	v := words[i]
	return len(v) > 3 && (strings.HasSuffix(v, "er") || strings.HasSuffix(v, "ir") || strings.HasSuffix(v, "re") || strings.HasSuffix(v, "oir"))
}

// nextWords returns the first n words of folded text (separated by spaces
// and apostrophes), reading no further: modalArriver runs at every form of
// « arriver » of a ticket, so splitting the whole rest would make a long
// ticket quadratic.
func nextWords(f string, n int) []string {
	var out []string
	i := 0
	for len(out) < n {
		for i < len(f) && isSep(f[i]) {
			i++
		}
		s := i
		for i < len(f) && !isSep(f[i]) {
			i++
		}
		if s == i {
			break
		}
		out = append(out, f[s:i])
	}
	return out
}

// stripGluedElision returns w without a leading elided article or pronoun
// written without apostrophe (lappli, dapplication, jai), when what remains
// starts with a vowel or h and has at least 3 bytes (after l or d only,
// when 3: « lins » is « l'INS », « sens » no « s'ENS »).
func stripGluedElision(w string) (string, bool) {
	if len(w) < 4 || len(w) == 4 && w[0] != 'l' && w[0] != 'd' {
		return "", false
	}
	switch w[0] {
	case 'l', 'd', 'j', 'n', 's', 'c', 'm', 't':
	default:
		return "", false
	}
	switch w[1] {
	case 'a', 'e', 'i', 'o', 'u', 'y', 'h':
		return w[1:], true
	}
	return "", false
}

// knownWord is the vocabulary used by Tokens without an index: the words of
// the synonym table.
func knownWord(w string) bool {
	t := tables()
	return t.syn.has(w) || t.synValues.has(w)
}

func isStopWord(w string) bool {
	return tables().stop.has(w)
}

// stopWords, folded. French function words (the snowball list and more),
// greetings, SMS abbreviations and courtesy titles of tickets (bjr, svp,
// cdt, dr…), the filler verbs of tickets ("ça me dit erreur", "je mets mon
// identifiant", "ça fait une erreur") and common English function words.
const stopWordList = `
a au aux avec ce ces cet cette dans de des du elle elles en et eux il ils je
la le les leur leurs lui ma mais me meme mes moi mon ne ni nos notre nous on
ou par pas pour qu que qui quoi sa se ses son sur ta te tes toi ton tu un une
vos votre vous y ete etre est sont suis es etait etaient etais sera serait
ai as avons avez ont avoir avait avais eu aurait ayant
c d j l m n s t qu jusqu lorsqu puisqu quoiqu presqu jusque lorsque puisque
plus tres bien aussi alors donc car si comme tout tous toute toutes ca cela
ceci ici quand comment pourquoi quel quelle quels quelles dont chez vers
entre encore deja jamais rien peu etc puis ainsi afin celui celle ceux ailleurs
celles cet voici voila apres avant depuis pendant lors sous
bjr bonjour bonsoir slt salut coucou svp stp merci mrc cdt cdlt cordialement
bonne journee madame monsieur mme mlle mr dr dre docteur docteure
jai cest ya qd ds pr tt bcp jsuis chui ke ki pk pq oui ok
dit dis disent disait met mets mettre mettent fait fais font faire
the an is are was were be been to of and or in at for with my i it its this
that these those not no does doesnt dont do did can cant cannot when what
how why from by as have has had anymore any some we you your our there here
but if then just get got hello hi thanks thx please pls regards doesn isn
don can won didn wasn
`

// vagueWordList, folded and canonical (after synonyms: "marche" is
// "fonctionne"): the words of a ticket that say something goes wrong, or
// ask for help, without saying what. They rank like any word ("ma carte ne
// marche pas" still finds the card answers) but never make a match
// discriminating on their own: "le wifi du cabinet ne marche plus" or
// "imprimante bloquée" match nothing well, and are said so.
const vagueWordList = `
fonctionne fonctionner fonctionnent probleme problemes souci soucis bloque
bloquee bloques bloquees bloquer impossible aide aider aidez besoin urgent
urgence pouvez pouvoir peux peut pourriez possible help issue
faut falloir souhaite souhaiterais souhaitons voudrais voudrait voulons veut
veux refaire retour rapide rapidement support idee fail fails failed failing
`

// isVague reports whether a folded word is a vague word, or a variant of
// one ("marche" of "fonctionne").
func isVague(w string) bool {
	vs := &tables().vague
	if vs.has(Stem(w)) {
		return true
	}
	for _, c := range expand(w) {
		if vs.has(Stem(c)) {
			return true
		}
	}
	return false
}

// synonymList maps a canonical folded word (or words) to its variants
// (abbreviation, SMS spelling, English term, variant). Tokens are mapped to
// their canonical words before stemming, both when indexing and when
// querying, so that "tel", "portable" and "téléphone" index and match alike.
var synonymList = [...][2]string{
	{"telephone", "tel tels portable portables smartphone smartphones mobile mobiles phone phones cellphone gsm"},
	{"application", "appli applis app apps apli applications"},
	{"sim", "puce puces simcard"},
	{"mot passe", "mdp password passwords passwd pwd motdepasse"},
	{"certificat", "certif certifs certificate certificates cert certs"},
	{"mail", "mel mels mails email emails courriel courriels"},
	{"roote", "rooted root rootes rootee rootees rooter jailbreak jailbreake jailbroken jailbreaked"},
	{"carte", "card cards smartcard"},
	{"erreur", "error errors err"},
	{"authentification", "auth authent authentication"},
	{"login", "logins signin username logger loguer logguer"},
	{"lecteur", "reader readers"},
	{"navigateur", "browser browsers"},
	{"firefox", "mozilla"},
	{"installer", "install installed installing"},
	{"desinstaller", "uninstall uninstalled"},
	{"reinstaller", "reinstall reinstalled"},
	{"mise jour", "maj update updates updated"},
	{"activer", "activate activated"},
	{"reactiver", "reactivate reactivated"},
	{"fonctionne", "marche marchent marcher work works working"},
	{"probleme", "pb pbs pbm prob problem problems"},
	{"numero", "num number"},
	{"identifiant", "id identifier"},
	{"ordinateur", "ordi pc computer laptop"},
	{"pro sante connect", "psc"},
	{"change", "changed changing"},
	{"appareil", "device devices"},
	{"integrite", "integrity"},
	{"bloque", "blocked locked"},
	{"expire", "expired"},
	{"revoque", "revoked"},
	{"renouveler", "renew renewal"},
}

// wordTables are the word tables of the tokenizer. They do not depend on
// the knowledge: snapshot_gen.go holds them (snapshotTables), and
// makeTables builds them without it.
type wordTables struct {
	stop numbering // stop words
	// syn: variant → canonical words; its list, the variants, is sorted
	syn       table[[]string]
	synValues numbering // every canonical word
	vague     numbering // the stems of vagueWordList
}

// snapshotTables, set by snapshot_gen.go, returns makeTables' tables as
// Go literals.
var snapshotTables func() *wordTables

var tables = sync.OnceValue(func() *wordTables {
	if snapshotTables != nil {
		return snapshotTables()
	}
	return makeTables()
})

func makeTables() *wordTables {
	t := &wordTables{stop: toSet(stopWordList)}
	syn := map[string][]string{"idnat": {"identifiant", "national"}}
	for _, sv := range synonymList {
		canonToks := strings.Fields(sv[0])
		for _, v := range strings.Fields(sv[1]) {
			syn[v] = canonToks
		}
		for _, c := range canonToks {
			t.synValues.add(c)
		}
	}
	t.synValues.add("national")
	for _, w := range strings.Fields(vagueWordList) {
		t.vague.add(Stem(w))
	}
	keys := make([]string, 0, len(syn))
	for k := range syn {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		t.syn.set(k, syn[k])
	}
	return t
}

// expand returns the canonical words of a token (itself when it has no
// synonym).
func expand(tok string) []string {
	return tables().syn.at(tok)
}

func toSet(s string) numbering {
	var m numbering
	for _, w := range strings.Fields(s) {
		m.add(w)
	}
	return m
}
