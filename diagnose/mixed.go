package diagnose

import (
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"ecps-assist/kb"
	"ecps-assist/kb/search"
)

// A ticket may carry two problems (« Deux choses : 1) l'appli refuse mon
// téléphone 2) je peux mettre mon adresse gmail ? »). Triage then proposes
// a tree for each, the blocking one first — an error that stops the user
// before a question of configuration, then the one the user says matters
// most (« et surtout ») — and says which words point to which.

// Part is one problem of a ticket that carries several.
type Part struct {
	// N counts from 1, in the order proposed (blocking first).
	N int `json:"n"`
	// Text is the part of the ticket, shortened.
	Text string `json:"text"`
	// Blocking: the part reports an error that stops the user.
	Blocking bool `json:"blocking"`
	// Tree and Entry are the ids proposed for this part ("" when none).
	Tree  string `json:"tree,omitempty"`
	Entry string `json:"entry,omitempty"`
}

var (
	// announce: « deux choses : », which is no problem by itself.
	announce = lazyRe(`(?i)\b(deux|2|trois|3|plusieurs)\s+(choses|soucis|points|questions|problèmes|problemes|demandes|sujets)\b\s*:?`)
	// manyProblems: the ticket says it has several problems, or numbers them.
	manyProblems = lazyRe(`(?i)\b(deux|2|trois|3|plusieurs)\s+(choses|soucis|points|questions|problèmes|problemes|demandes|sujets)\b|(^|\s)1\s*[).]\s|\bet aussi\b|\bautre (chose|question)\b|\bpar ailleurs\b|\bd'autre part\b|\bquestion (bonus|annexe|subsidiaire)\b|\bau passage\b|\bj'en profite\b|\balso\b|\banother question\b|\bside question\b`)
	// problemBreak: where a new problem starts.
	problemBreak = lazyRe(`(?i)(^|\s)[1-9]\s*[).]\s|\bet aussi\b|\baussi\b|\bet est-ce que\b|\bet est ce que\b|\?\s+|\s\+\s|\bautre (chose|question)\b|\bpar ailleurs\b|\bd'autre part\b|\bensuite\b|\bquestion (bonus|annexe|subsidiaire)\b|\b(et )?au passage\b|\bj'en profite\b|\balso\b|\banother question\b|\bside question\b|\n\s*\n`)
	// blockingWords: the user is stopped (an error, a refusal, an expiry).
	blockingWords = lazyRe(`(?i)\b(erreur|error|impossible|refus|refuse|refusé|refusée|bloqu\w*|expir\w*|plus aucun|ne (marche|fonctionne) plus|marche plus|n'arrive (pas|jamais|plus)|arrive pas|jamais reçu|pas reçu|plant\w*|panne|invalide|inconnu|rejet\w*|ne reconna[iî]t pas|pas reconnue?|ne (lit|détecte|voit|trouve) (pas|plus)|n'est (pas|plus) lue?|ne (peux|peut|pouvons) plus|can't|cannot|can not|unable|fails?|failed|denied|rejected|wrong credentials|doesn't work|not working)\b|\btombée?s?(\s|[.,;:!?)]|$)`) // \b fails after « é »
	// priority: the user says which problem matters most (« et surtout »).
	priority = lazyRe(`(?i)\b(surtout|en priorité|le plus urgent|above all|mainly|most importantly)\b`)
)

// mayAnnounce is a cheap test before manyProblems, true whenever it may
// match: a ticket without one of its literal strings announces nothing
// (the regexp costs a tenth of a triage otherwise).
func mayAnnounce(t string) bool {
	var got uint8
	for i := 0; i < len(t); i++ {
		if i > 0 && asciiWord(t[i-1]) {
			continue // manyProblems has \b before each literal
		}
		for _, n := range announceLiterals[lowerASCII(t[i])] {
			if len(n.s) > 1 && (i+1 == len(t) || lowerASCII(t[i+1]) != n.s[1]) {
				continue // most tries end here, without a call
			}
			if hasPrefixASCIIFold(t[i:], n.s) {
				got |= n.kind
			}
		}
		if got&announceAlone != 0 || got&(announceCount|announceWhat) == announceCount|announceWhat {
			return true
		}
	}
	return numbered(t)
}

// asciiWord reports whether c is a character of \w ([0-9A-Za-z_]).
func asciiWord(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '_'
}

func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// hasPrefixASCIIFold reports whether s starts with p, a lower-case ASCII
// string, ASCII letters of s compared in either case.
func hasPrefixASCIIFold(s, p string) bool {
	if len(s) < len(p) {
		return false
	}
	for i := range len(p) {
		if lowerASCII(s[i]) != p[i] {
			return false
		}
	}
	return true
}

// The literals of manyProblems, by kind: a count and what is counted
// (« deux choses ») announce together; the others alone. Their ASCII
// letters are lower case, so that a ticket is compared without being
// lowered; « problèmes » is there with both cases of « è ». (A shorter
// « probl » would match the singular of most tickets and run the regexp
// on them: twice the instructions of a triage.)
const (
	announceCount uint8 = 1 << iota
	announceWhat
	announceAlone
)

// announceLiterals are the literals by first byte: mayAnnounce reads a
// ticket once, not once for each of them.
var announceLiterals = func() (t [256][]struct {
	s    string
	kind uint8
}) {
	for _, k := range []struct {
		kind uint8
		list []string
	}{
		{announceCount, []string{"deux", "2", "trois", "3", "plusieurs"}},
		{announceWhat, []string{"choses", "soucis", "points", "questions", "problemes", "problèmes", "problÈmes", "demandes", "sujets"}},
		{announceAlone, []string{"et aussi", "autre chose", "autre question", "par ailleurs", "d'autre part", "question bonus",
			"question annexe", "question subsidiaire", "au passage", "j'en profite", "also", "another question", "side question"}},
	} {
		kind := k.kind
		for _, s := range k.list {
			t[s[0]] = append(t[s[0]], struct {
				s    string
				kind uint8
			}{s, kind})
		}
	}
	return t
}()

// blockingLiterals: one of them is in any text blockingWords matches,
// lower-cased (see blocks).
var blockingLiterals = []string{"err", "impossible", "refus", "bloqu", "expir", "plus aucun", "marche plus",
	"fonctionne plus", "n'arrive", "arrive pas", "reçu", "plant", "panne", "tombé", "invalide", "inconnu", "rejet",
	"reject", "reconna", "reconnu", "ne lit", "ne détecte", "ne voit", "ne trouve", "n'est", "ne peu", "ne pouvons",
	"can", "unable", "fail", "denied", "wrong credentials", "doesn't work", "not working"}

// blocks reports whether a text says the user is stopped (blockingWords).
// A match holds one of blockingLiterals: the regexp runs only on the
// words around each of them (whole words: the window starts and ends at
// a space), never over a whole ticket, where it cost a tenth of a
// triage.
func blocks(t string) bool {
	l := strings.ToLower(t)
	re := blockingWords()
	for _, s := range blockingLiterals {
		for from := 0; ; {
			i := strings.Index(l[from:], s)
			if i < 0 {
				break
			}
			i += from
			if re.MatchString(around(l, i, i+len(s))) {
				return true
			}
			from = i + 1
		}
	}
	return false
}

// blockingReach is more than the length of any of blockingWords's
// alternatives, in bytes.
const blockingReach = 48

// around is l[i:j] widened by blockingReach bytes each side, then to the
// spaces (or the ends of l) beyond: the regexp sees the same word
// boundaries as in l.
func around(l string, i, j int) string {
	s, e := max(0, i-blockingReach), min(len(l), j+blockingReach)
	if k := strings.LastIndexAny(l[:s], " \t\n\r"); k >= 0 {
		s = k + 1
	} else {
		s = 0
	}
	if k := strings.IndexAny(l[e:], " \t\n\r"); k >= 0 {
		e += k
	} else {
		e = len(l)
	}
	return l[s:e]
}

// numbered reports whether a « 1 » that starts the text or follows a
// space is followed, after spaces, by « ) » or « . » and a space
// (« 1) », « 1 . »): what manyProblems looks for in a numbered list. The
// « 1. » ending an identifier (« …4561. ») is not.
func numbered(l string) bool {
	space := func(c byte) bool {
		return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
	}
	for i := strings.IndexByte(l, '1'); i >= 0; {
		j := i + 1
		for j < len(l) && space(l[j]) {
			j++
		}
		if (i == 0 || space(l[i-1])) && j+1 < len(l) && (l[j] == ')' || l[j] == '.') && space(l[j+1]) {
			return true
		}
		k := strings.IndexByte(l[i+1:], '1')
		if k < 0 {
			return false
		}
		i += 1 + k
	}
	return false
}

// lazyRe is a regexp compiled on first use: a process that never
// triages (list, show) does not pay for these at start-up.
func lazyRe(expr string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}

// minPartWords: shorter pieces (« Deux choses : ») are no problem.
const minPartWords = 3

// problem is one problem of a ticket: the text searched, its
// announcement left out, and the quote shown, the ticket's own words
// (« Bonjour, j'ai deux problèmes : l'appli… » is searched as « Bonjour,
// j'ai l'appli… » and quoted « l'appli… », never as a sentence the user
// did not write).
type problem struct{ text, quote string }

// splitProblems cuts a ticket that announces or numbers several problems
// into them; nil when it does not.
func splitProblems(ticket string) []problem {
	if !mayAnnounce(ticket) || !manyProblems().MatchString(ticket) {
		return nil
	}
	var parts []string
	last := 0
	for _, m := range problemBreak().FindAllStringIndex(ticket, -1) {
		parts = append(parts, ticket[last:m[0]])
		last = m[0]
		if strings.HasPrefix(ticket[m[0]:m[1]], "?") {
			parts[len(parts)-1] += "?"
			last = m[1]
		}
	}
	parts = append(parts, ticket[last:])
	var out []problem
	for _, p := range parts {
		quote := strings.TrimSpace(p)
		// a short preamble and the announcement are not quoted; a longer
		// one is, with the announcement, as written
		if loc := announce().FindStringIndex(quote); loc != nil && len(strings.Fields(quote[:loc[0]])) < minPartWords {
			quote = strings.TrimSpace(quote[loc[1]:])
		}
		p = strings.TrimSpace(announce().ReplaceAllString(p, " "))
		if len(strings.Fields(p)) >= minPartWords {
			out = append(out, problem{text: p, quote: quote})
		}
	}
	if len(out) < 2 {
		return nil
	}
	return out
}

// mixed reorders f for a ticket carrying several problems: the best tree
// and answer of each problem first, the blocking problem's first. It
// leaves f alone when the ticket has one problem, or when its problems
// point to the same tree.
func (f *Findings) mixed(ix *search.Index, k *kb.KB, ticket string, limit int) {
	texts := splitProblems(ticket)
	if len(texts) < 2 {
		return
	}
	type found struct {
		part  Part
		tree  *Match
		entry *Match
		first bool // the user's priority
	}
	// The product the ticket is about, for a part that does not name it.
	context := ""
	if len(f.Trees) > 0 {
		if t := k.Tree(f.Trees[0].ID); t != nil {
			context = t.Product
		}
	}
	var fs []found
	seen := map[string]bool{} // the tree, or the entry, of each part
	for _, pb := range texts {
		t := pb.text
		// A part may name its product only in the other part (« notre
		// certificat IGC a expiré et aussi : sur quel numéro commander ? »):
		// a neighbour (low) is enough, the whole ticket being high.
		r := findings(k, ix.Search(MaskNumbers(t), limit))
		if r.Confidence == ConfNone && context != "" {
			// « je peux mettre mon adresse gmail ? » is about the product
			// the other part names.
			r = findings(k, ix.Search(context+" "+MaskNumbers(t), limit))
			dropContext(r.Trees, context)
			dropContext(r.Entries, context)
		}
		if r.Confidence == ConfNone {
			continue
		}
		r.blockingFirst(k, t) // a part is read as a ticket of its own
		fd := found{part: Part{Text: shorten(pb.quote, 80), Blocking: blocks(t)}, first: priority().MatchString(t)}
		if len(r.Trees) > 0 && r.Trees[0].Confidence != ConfNone {
			fd.tree = &r.Trees[0]
			fd.part.Tree = fd.tree.ID
		}
		if len(r.Entries) > 0 && r.Entries[0].Confidence != ConfNone {
			fd.entry = &r.Entries[0]
			fd.part.Entry = fd.entry.ID
		}
		if fd.tree == nil && fd.entry == nil {
			continue
		}
		key := fd.part.Entry
		if fd.tree != nil {
			key = fd.tree.ID
		}
		if seen[key] {
			continue // the same problem again
		}
		seen[key] = true
		fs = append(fs, fd)
	}
	if len(fs) < 2 {
		return
	}
	slices.SortStableFunc(fs, func(a, b found) int {
		switch {
		case a.part.Blocking && !b.part.Blocking:
			return -1
		case b.part.Blocking && !a.part.Blocking:
			return 1
		case a.first && !b.first:
			return -1
		case b.first && !a.first:
			return 1
		}
		return 0
	})
	var headT, headE []Match
	for i := range fs {
		fs[i].part.N = i + 1
		f.Parts = append(f.Parts, fs[i].part)
		if m := fs[i].tree; m != nil && !slices.ContainsFunc(headT, func(x Match) bool { return x.ID == m.ID }) {
			m.Part = i + 1
			headT = append(headT, *m)
		}
		if m := fs[i].entry; m != nil && !slices.ContainsFunc(headE, func(x Match) bool { return x.ID == m.ID }) {
			m.Part = i + 1
			headE = append(headE, *m)
		}
	}
	f.Trees = prepend(headT, f.Trees, limit)
	f.Entries = prepend(headE, f.Entries, limit)
}

// dropContext removes from the why of ms the product name mixed added.
func dropContext(ms []Match, context string) {
	for i := range ms {
		m := &ms[i]
		m.Matched = slices.DeleteFunc(m.Matched, func(w string) bool { return strings.EqualFold(w, context) })
		m.Via = slices.DeleteFunc(m.Via, func(a Alias) bool { return strings.EqualFold(a.Text, context) })
	}
}

// prepend puts head before the matches of rest it does not hold, cut to
// limit (≤ 0: no limit).
func prepend(head, rest []Match, limit int) []Match {
	out := append([]Match(nil), head...)
	for _, m := range rest {
		if !slices.ContainsFunc(head, func(x Match) bool { return x.ID == m.ID }) {
			out = append(out, m)
		}
	}
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return out
}

// shorten cuts s to n runes on a word boundary, with an ellipsis.
func shorten(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)[:n]
	if i := strings.LastIndexByte(string(r), ' '); i > n/2 {
		return string(r)[:i] + "…"
	}
	return string(r) + "…"
}
