package kb

import (
	"sort"
	"strconv"
	"strings"
	"time"
)

// CheckKinds are the identifier kinds a check node may ask for: auto and
// the kinds of diagnose's registry (kb cannot import diagnose; a test
// there keeps the two lists equal).
var CheckKinds = []string{"auto", "idnat", "rpps", "adeli", "siret", "finess", "rpps-rang"}

// CheckResults are the results a check node may map: valid, invalid (the
// fallback for any problem) and the checker's precise problem codes, as
// diagnose's registry lists them. An empty input is none: it asks again.
var CheckResults = []string{"valid", "invalid", "letters", "missing-prefix", "bad-prefix", "bad-length", "bad-key", "other-kind", "phone"}

// validID reports whether id is kebab-case: ^[a-z0-9]+(-[a-z0-9]+)*$ (a
// hand-written check: a regexp compiled at init would cost every start-up).
func validID(id string) bool {
	if id == "" || id[0] == '-' || id[len(id)-1] == '-' {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		switch {
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
		case c == '-' && id[i-1] != '-':
		default:
			return false
		}
	}
	return true
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func sortStrings(s []string) { sort.Strings(s) }

// Merge lays over on top of base: a known id replaces the base value (and
// is noted), a new id is added. Duplicates inside one layer are errors.
func Merge(base, over Layer) (*KB, Problems) {
	var probs Problems
	probs = append(probs, dupIDs(base)...)
	probs = append(probs, dupIDs(over)...)

	var shadowed []*Entry
	entries := overlay(base.Entries, over.Entries, "entry", func(e *Entry) (string, Pos, *bool, bool) { return e.ID, e.Pos, &e.Overrides, e.IsTeam() },
		func(old, e *Entry) {
			if e.IsTeam() {
				shadowed = append(shadowed, old)
			}
		}, &probs)
	trees := overlay(base.Trees, over.Trees, "tree", func(t *Tree) (string, Pos, *bool, bool) { return t.ID, t.Pos, &t.Overrides, t.IsTeam() },
		func(_, _ *Tree) {}, &probs)
	k := New(entries, trees)
	k.shadowed = shadowed
	probs = append(probs, k.validate(base.reported.union(over.reported))...)
	return k, probs
}

// overlay appends over to base, except that an item whose id is a base
// item's replaces it (with a note, which says so louder for team knowledge
// taking an official id). Only a base item can be overridden: a second
// item of one id inside over is a duplicate, reported by dupIDs.
func overlay[T any](base, over []T, kind string, meta func(T) (id string, pos Pos, overrides *bool, team bool), replaced func(old, new T), probs *Problems) []T {
	out := append([]T(nil), base...)
	idx := map[string]int{}
	for i, x := range base {
		id, _, _, _ := meta(x)
		if _, ok := idx[id]; !ok {
			idx[id] = i
		}
	}
	for _, x := range over {
		id, pos, overrides, team := meta(x)
		if i, ok := idx[id]; ok && i < len(base) && id != "" {
			if _, old, done, oldTeam := meta(out[i]); !*done {
				if team && !oldTeam {
					probs.note(pos, "team %s %q overrides the official %s of %s:%d: it is shown as « %s — remplace %s »",
						kind, id, kind, old.File, old.Line, LabelTeam, map[string]string{"entry": "la réponse officielle", "tree": "l'arbre officiel"}[kind])
				} else {
					probs.note(pos, "%s %q overrides the %s of %s:%d", kind, id, kind, old.File, old.Line)
				}
				*overrides = true
				replaced(out[i], x)
				out[i] = x
				continue
			}
		}
		idx[id] = len(out)
		out = append(out, x)
	}
	return out
}

func dupIDs(l Layer) Problems {
	var probs Problems
	seenE := map[string]*Entry{}
	for _, e := range l.Entries {
		if e.ID == "" {
			continue
		}
		if first, ok := seenE[e.ID]; ok {
			probs.add(e.Pos, "entry %q: duplicate id (first defined at %s:%d)", e.ID, first.Pos.File, first.Pos.Line)
			continue
		}
		seenE[e.ID] = e
	}
	seenT := map[string]*Tree{}
	for _, t := range l.Trees {
		if t.ID == "" {
			continue
		}
		if first, ok := seenT[t.ID]; ok {
			probs.add(t.Pos, "tree %q: duplicate id (first defined at %s:%d)", t.ID, first.Pos.File, first.Pos.Line)
			continue
		}
		seenT[t.ID] = t
	}
	return probs
}

// Validate checks what needs no seed: ids, required fields, facets and the
// structure of every tree (references, reachability, cycles).
func (k *KB) Validate() Problems { return k.validate(nil) }

// validate is Validate, except for the fields whose problem decoding
// already reported (rep): a title of the wrong type is not also empty.
func (k *KB) validate(rep reportedSet) Problems {
	var probs Problems
	for _, e := range k.Entries {
		probs = append(probs, k.validateEntry(e, rep)...)
	}
	for _, t := range k.Trees {
		probs = append(probs, k.validateTree(t, rep)...)
	}
	return probs
}

func (k *KB) validateEntry(e *Entry, rep reportedSet) Problems {
	var probs Problems
	what := "entry"
	if e.ID == "" {
		if !rep.has(e, "id") {
			probs.add(e.Pos, "entry: missing id")
		}
	} else {
		what = "entry " + quote(e.ID)
		if !validID(e.ID) {
			probs.add(e.Pos, "%s: id must be kebab-case (a-z, 0-9, single dashes)", what)
		}
	}
	if strings.TrimSpace(e.Title) == "" && !rep.has(e, "title") {
		probs.add(e.Pos, "%s: empty title", what)
	}
	if strings.TrimSpace(e.Answer) == "" && !rep.has(e, "answer") {
		probs.add(e.Pos, "%s: empty answer", what)
	}
	switch {
	case rep.has(e, "product"):
	case e.Product == "":
		probs.add(e.Pos, "%s: missing product (one of %s)", what, strings.Join(Products, ", "))
	case !KnownProduct(e.Product):
		probs.add(e.Pos, "%s: unknown product %q (one of %s)", what, e.Product, strings.Join(Products, ", "))
	}
	if strings.TrimSpace(e.Theme) == "" && !rep.has(e, "theme") {
		probs.add(e.Pos, "%s: empty theme", what)
	}
	team := e.IsTeam()
	probs = append(probs, validateOrigin(e.Pos, what, "entry", e.Origin, e.Owner, e.Reviewed)...)
	switch {
	case team && len(e.Sources) > 0:
		probs.add(e.Sources[0].Pos, "%s: a team entry (origin: team) cites no seed: remove its sources, or its origin to make it official", what)
	case !team && len(e.Sources) == 0 && !rep.has(e, "sources") && e.Origin == "":
		probs.add(e.Pos, "%s: no source: every official entry cites the seed answer it comes from (a team's own answer says origin: team, with owner and reviewed)", what)
	}
	for i, s := range e.Sources {
		sw := what + ", source " + strconv.Itoa(i+1)
		blockBad := s.Block < 1 && rep.hasItem(e, "sources", i+1, "block")
		switch {
		case s.Seed == "":
			if !rep.hasItem(e, "sources", i+1, "seed") {
				probs.add(s.Pos, "%s: missing seed", sw)
			}
		case blockBad:
			// A block out of range or not a number: reported at the value.
		case s.Block == 0 && s.Quote == "":
			if !rep.hasItem(e, "sources", i+1, "quote") {
				probs.add(s.Pos, "%s: needs a block number or a quote", sw)
			}
		case s.Block != 0 && s.Quote != "":
			probs.add(s.Pos, "%s: has both a block and a quote; cite one", sw)
		case s.Block < 0:
			probs.add(s.Pos, "%s: block %d out of range (blocks count from 1)", sw, s.Block)
		}
	}
	for _, at := range e.LostLinks {
		switch n := strings.Count(e.Answer, at); {
		case strings.TrimSpace(at) == "":
			probs.add(e.Pos, "%s: empty lost_links item (the text of the answer after which a link or image was lost)", what)
		case n == 0:
			probs.add(e.Pos, "%s: lost_links %q is not a text of the answer", what, at)
		case n > 1:
			probs.add(e.Pos, "%s: lost_links %q occurs %d times in the answer: quote a longer text", what, at, n)
		}
	}
	return probs
}

// validateOrigin checks the origin fields of an entry or a tree: origin is
// team or absent; a team's knowledge has an owner and a review date; an
// official one has neither.
func validateOrigin(pos Pos, what, kind, origin, owner, reviewed string) Problems {
	var probs Problems
	switch origin {
	case "":
		if owner != "" || reviewed != "" {
			probs.add(pos, "%s: owner and reviewed are for team knowledge: add origin: team (an official %s cites the seeds)", what, kind)
		}
		return probs
	case OriginTeam:
	default:
		probs.add(pos, "%s: origin %q: the only origin is team (official knowledge has no origin field)", what, origin)
		return probs
	}
	if strings.TrimSpace(owner) == "" {
		probs.add(pos, "%s: a team %s needs an owner (who answers for it)", what, kind)
	}
	if strings.TrimSpace(reviewed) == "" {
		probs.add(pos, "%s: a team %s needs reviewed: DATE (its last review, YYYY-MM-DD)", what, kind)
	} else if _, err := time.Parse(ReviewedLayout, reviewed); err != nil {
		probs.add(pos, "%s: reviewed %q is not a date YYYY-MM-DD", what, reviewed)
	}
	return probs
}

func (k *KB) validateTree(t *Tree, rep reportedSet) Problems {
	var probs Problems
	what := "tree"
	if t.ID == "" {
		if !rep.has(t, "id") {
			probs.add(t.Pos, "tree: missing id")
		}
	} else {
		what = "tree " + quote(t.ID)
		if !validID(t.ID) {
			probs.add(t.Pos, "%s: id must be kebab-case (a-z, 0-9, single dashes)", what)
		}
	}
	if strings.TrimSpace(t.Title) == "" && !rep.has(t, "title") {
		probs.add(t.Pos, "%s: empty title", what)
	}
	if !KnownProduct(t.Product) && !rep.has(t, "product") {
		probs.add(t.Pos, "%s: unknown product %q (one of %s)", what, t.Product, strings.Join(Products, ", "))
	}
	probs = append(probs, validateOrigin(t.Pos, what, "tree", t.Origin, t.Owner, t.Reviewed)...)
	if !t.IsTeam() && t.Origin == "" {
		// An official tree concludes on official answers only; the team
		// entry that took an official id is shown as replacing it.
		for _, n := range t.Nodes {
			for _, id := range n.Entries {
				if e := k.Entry(id); e != nil && e.IsTeam() && !e.Overrides {
					probs.add(n.Pos, "%s, node %q: cites the team entry %q: a tree citing team knowledge is team knowledge (origin: team, owner, reviewed)", what, n.ID, id)
				}
			}
		}
	}
	if len(t.Nodes) == 0 {
		if !rep.has(t, "nodes") {
			probs.add(t.Pos, "%s: no nodes", what)
		}
		return probs
	}
	seen := map[string]*Node{}
	for _, n := range t.Nodes {
		if n.ID == "" {
			if !rep.has(n, "id") {
				probs.add(n.Pos, "%s: node without id", what)
			}
			continue
		}
		if first, ok := seen[n.ID]; ok {
			probs.add(n.Pos, "node %q: duplicate node id (first at line %d)", n.ID, first.Pos.Line)
			continue
		}
		if !validID(n.ID) {
			probs.add(n.Pos, "%s, node %q: id must be kebab-case (a-z, 0-9, single dashes)", what, n.ID)
		}
		seen[n.ID] = n
	}
	if t.Start == "" {
		if !rep.has(t, "start") {
			probs.add(t.Pos, "%s: missing start", what)
		}
	} else if seen[t.Start] == nil {
		probs.add(t.Pos, "%s: start %q is not a node of this tree", what, t.Start)
	}
	for _, n := range t.Nodes {
		probs = append(probs, k.validateNode(n, seen, rep)...)
	}
	// Reachability and cycles, from start, over the edges that exist.
	if s := seen[t.Start]; s != nil {
		state := map[string]int{} // 1 visiting, 2 done
		var visit func(n *Node, via string)
		visit = func(n *Node, via string) {
			state[n.ID] = 1
			for _, next := range edges(n) {
				m := seen[next.id]
				if m == nil {
					continue
				}
				switch state[m.ID] {
				case 1:
					probs.add(next.pos, "node %q, %s: next %q makes a cycle", n.ID, next.via, m.ID)
				case 0:
					visit(m, next.via)
				}
			}
			state[n.ID] = 2
		}
		visit(s, "")
		// An edge the decoder could not read may be what reaches a node.
		edgesKnown := true
		for _, n := range t.Nodes {
			if edgesReported(n, rep) {
				edgesKnown = false
			}
		}
		for _, n := range t.Nodes {
			if edgesKnown && n.ID != "" && state[n.ID] == 0 && seen[n.ID] == n {
				probs.add(n.Pos, "node %q: unreachable from start %q", n.ID, t.Start)
			}
		}
	}
	return probs
}

// edgesReported reports whether the decoder reported a problem with one of
// n's edges (its options or outcomes, or their next).
func edgesReported(n *Node, rep reportedSet) bool {
	if len(rep) == 0 {
		return false
	}
	if rep.has(n, "options") || rep.has(n, "outcomes") {
		return true
	}
	for i := range n.Options {
		if rep.hasItem(n, "options", i+1, "next") {
			return true
		}
	}
	for i := range n.Outcomes {
		if rep.hasItem(n, "outcomes", i+1, "next") {
			return true
		}
	}
	return false
}

type edge struct {
	id  string
	via string
	pos Pos
}

func edges(n *Node) []edge {
	var out []edge
	for _, o := range n.Options {
		out = append(out, edge{o.Next, "option " + quote(o.ID), o.Pos})
	}
	for _, o := range n.Outcomes {
		out = append(out, edge{o.Next, "outcome " + quote(o.Result), o.Pos})
	}
	return out
}

func (k *KB) validateNode(n *Node, nodes map[string]*Node, rep reportedSet) Problems {
	var probs Problems
	what := "node " + quote(n.ID)
	// ref checks the next of item i (from 1) of list (options or outcomes).
	ref := func(pos Pos, list string, i int, via, next string) {
		if next == "" {
			if !rep.hasItem(n, list, i, "next") {
				probs.add(pos, "%s, %s: missing next", what, via)
			}
		} else if nodes[next] == nil {
			probs.add(pos, "%s, %s: next %q is not a node of this tree", what, via, next)
		}
	}
	switch n.Kind {
	case KindQuestion:
		if strings.TrimSpace(n.Text) == "" && !rep.has(n, "text") {
			probs.add(n.Pos, "%s: question without text", what)
		}
		if len(n.Options) < 2 && !rep.has(n, "options") {
			probs.add(n.Pos, "%s: a question needs at least 2 options, has %d", what, len(n.Options))
		}
		ids := map[string]bool{}
		for i, o := range n.Options {
			via := "option " + quote(o.ID)
			switch {
			case o.ID == "":
				via = "option " + strconv.Itoa(i+1)
				if !rep.hasItem(n, "options", i+1, "id") {
					probs.add(o.Pos, "%s, %s: missing id", what, via)
				}
			case ids[o.ID]:
				if !rep.hasItem(n, "options", i+1, "id") { // else reported at the id by the decoder
					probs.add(o.Pos, "%s: duplicate option id %q", what, o.ID)
				}
			case !validID(o.ID):
				probs.add(o.Pos, "%s, %s: id must be kebab-case", what, via)
			}
			ids[o.ID] = true
			if strings.TrimSpace(o.Label) == "" && !rep.hasItem(n, "options", i+1, "label") {
				probs.add(o.Pos, "%s, %s: empty label", what, via)
			}
			ref(o.Pos, "options", i+1, via, o.Next)
		}
		if len(n.Outcomes) > 0 || len(n.Entries) > 0 || n.Verdict != "" {
			probs.add(n.Pos, "%s: a question has options only (no outcomes, verdict or entries)", what)
		}
	case KindCheck:
		if !contains(CheckKinds, n.Check) && !rep.has(n, "check") {
			probs.add(n.Pos, "%s: check %q is not an identifier kind (one of %s)", what, n.Check, strings.Join(CheckKinds, ", "))
		}
		if strings.TrimSpace(n.Text) == "" && !rep.has(n, "text") {
			probs.add(n.Pos, "%s: check without text (the prompt)", what)
		}
		results := map[string]bool{}
		// undecoded: an outcome list or result the decoder reported, which
		// may be the missing valid or invalid one.
		undecoded := rep.has(n, "outcomes")
		for i, o := range n.Outcomes {
			via := "outcome " + quote(o.Result)
			switch {
			case rep.hasItem(n, "outcomes", i+1, "result"):
				undecoded = true
			case !contains(CheckResults, o.Result):
				probs.add(o.Pos, "%s, %s: unknown result (one of %s)", what, via, strings.Join(CheckResults, ", "))
			case results[o.Result]:
				probs.add(o.Pos, "%s: duplicate outcome %q", what, o.Result)
			}
			results[o.Result] = true
			ref(o.Pos, "outcomes", i+1, via, o.Next)
		}
		for _, need := range []string{"valid", "invalid"} {
			if !results[need] && !undecoded {
				probs.add(n.Pos, "%s: a check needs an outcome for %q", what, need)
			}
		}
		if len(n.Options) > 0 {
			probs.add(n.Pos, "%s: a check has outcomes, not options", what)
		}
	case KindConclusion:
		if _, ok := Verdicts[n.Verdict]; !ok && !rep.has(n, "verdict") {
			probs.add(n.Pos, "%s: verdict %q is not one of %s", what, n.Verdict, strings.Join(verdictNames(), ", "))
		} else if l := Verdicts[n.Verdict]; ok && n.VerdictLabel != "" && !strings.HasPrefix(n.VerdictLabel, l) {
			probs.add(n.Pos, "%s: verdict_label %q must begin with the verdict's label %q", what, n.VerdictLabel, l)
		}
		if strings.TrimSpace(n.Text) == "" && !rep.has(n, "text") {
			probs.add(n.Pos, "%s: conclusion without text", what)
		}
		if len(n.Entries) == 0 && !rep.has(n, "entries") {
			probs.add(n.Pos, "%s: a conclusion cites no entry", what)
		}
		for _, id := range n.Entries {
			if k.Entry(id) == nil {
				probs.add(n.Pos, "%s: cites entry %q, which does not exist", what, id)
			}
		}
		if len(n.Options) > 0 || len(n.Outcomes) > 0 {
			probs.add(n.Pos, "%s: a conclusion ends the tree (no options or outcomes)", what)
		}
	case "":
		if !rep.has(n, "kind") {
			probs.add(n.Pos, "%s: missing kind (question, check or conclusion)", what)
		}
	default:
		probs.add(n.Pos, "%s: unknown kind %q (question, check or conclusion)", what, n.Kind)
	}
	return probs
}

func verdictNames() []string {
	names := make([]string, 0, len(Verdicts))
	for v := range Verdicts {
		names = append(names, v)
	}
	sort.Strings(names)
	return names
}

func quote(s string) string { return `"` + s + `"` }
