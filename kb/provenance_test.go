package kb_test

import (
	"io/fs"
	"os"
	"regexp"
	"strings"
	"testing"

	"ecps-assist/kb"
)

// This file proves that the embedded knowledge base loses nothing and
// invents nothing: it re-reads seeds/ with its own small splitter (not
// kb.ParseSeed), cross-checks kb.ParseSeed against it, and checks every
// entry of the embedded KB against the blocks and the article.

const provSeparator = "Cette réponse vous a-t-elle été utile ?"

var provSkipLine = regexp.MustCompile(`^(Votre question concerne .*|[0-9]+ résultats|[0-9]+ questions / réponses)$`)

// provBlock is one answer of a FAQ seed, as split by the test.
type provBlock struct {
	seed string
	n    int    // 1-based
	line int    // first line of the answer in the seed
	text string // whitespace-normalised
}

type provSeed struct {
	name    string
	article bool
	body    string // article only: normalised text before "Avez-vous apprécié ce contenu ?"
	blocks  []provBlock
}

func provNorm(s string) string { return strings.Join(strings.Fields(s), " ") }

// provSplit splits a seed independently of kb.ParseSeed.
func provSplit(t *testing.T, name, text string) provSeed {
	t.Helper()
	sd := provSeed{name: name}
	lines := strings.Split(text, "\n")
	hasSep := false
	for _, l := range lines {
		if strings.TrimSpace(l) == provSeparator {
			hasSep = true
			break
		}
	}
	if !hasSep {
		sd.article = true
		body := text
		if i := strings.Index(body, "Avez-vous apprécié ce contenu ?"); i >= 0 {
			body = body[:i]
		}
		sd.body = provNorm(body)
		return sd
	}
	var cur []string
	first := 0
	for i, l := range lines {
		tl := strings.TrimSpace(l)
		switch {
		case tl == provSeparator:
			txt := provNorm(strings.Join(cur, "\n"))
			if txt == "" {
				t.Errorf("%s:%d: empty answer before the separator", name, i+1)
			}
			sd.blocks = append(sd.blocks, provBlock{seed: name, n: len(sd.blocks) + 1, line: first, text: txt})
			cur, first = nil, 0
		case provSkipLine.MatchString(tl), tl == "":
			// not knowledge (facet prompts, counters) or blank
		default:
			if first == 0 {
				first = i + 1
			}
			cur = append(cur, l)
		}
	}
	if len(cur) > 0 {
		t.Errorf("%s:%d: text after the last separator belongs to no answer: %q", name, first, provNorm(strings.Join(cur, " ")))
	}
	return sd
}

func provReadSeeds(t *testing.T) []provSeed {
	t.Helper()
	fsys := os.DirFS("../seeds")
	names, err := fs.Glob(fsys, "*.txt")
	if err != nil || len(names) == 0 {
		t.Fatalf("no seeds in ../seeds: %v", err)
	}
	var out []provSeed
	for _, n := range names {
		b, err := fs.ReadFile(fsys, n)
		if err != nil {
			t.Fatal(err)
		}
		text := strings.ReplaceAll(string(b), "\r\n", "\n")
		sd := provSplit(t, n, text)

		// Cross-check kb.ParseSeed against the independent split.
		ps := kb.ParseSeed(n, string(b))
		if ps.Article != sd.article {
			t.Errorf("%s: kb.ParseSeed article=%v, test splitter article=%v", n, ps.Article, sd.article)
		}
		if len(ps.Blocks) != len(sd.blocks) {
			t.Errorf("%s: kb.ParseSeed finds %d blocks, test splitter %d", n, len(ps.Blocks), len(sd.blocks))
		} else {
			for i, pb := range ps.Blocks {
				want := sd.blocks[i]
				if pb.N != want.n || pb.Line != want.line {
					t.Errorf("%s: block %d: kb.ParseSeed says n=%d line=%d, test splitter n=%d line=%d", n, i+1, pb.N, pb.Line, want.n, want.line)
				}
				if got := provNorm(pb.Text); got != want.text {
					t.Errorf("%s: block %d: kb.ParseSeed text\n  %q\ntest splitter\n  %q", n, i+1, got, want.text)
				}
			}
		}
		out = append(out, sd)
	}
	return out
}

type provKey struct {
	seed string
	n    int
}

func TestProvenanceNothingLostNothingInvented(t *testing.T) {
	seeds := provReadSeeds(t)

	blocks := map[provKey]provBlock{}
	bySeed := map[string]provSeed{}
	var all []provBlock
	for _, sd := range seeds {
		bySeed[sd.name] = sd
		for _, b := range sd.blocks {
			blocks[provKey{b.seed, b.n}] = b
			all = append(all, b)
		}
	}
	articles := 0
	for _, sd := range seeds {
		if sd.article {
			articles++
			if !strings.HasPrefix(sd.name, "002_") {
				t.Errorf("unexpected article seed %s", sd.name)
			}
		}
	}
	if articles != 1 {
		t.Errorf("%d article seeds, want 1 (002_…)", articles)
	}

	// 51 answers, 47 distinct: 4 answers appear twice.
	if len(all) != 51 {
		t.Errorf("%d answer blocks in the FAQ seeds, want 51", len(all))
	}
	groups := map[string][]provKey{}
	var order []string
	for _, b := range all {
		if groups[b.text] == nil {
			order = append(order, b.text)
		}
		groups[b.text] = append(groups[b.text], provKey{b.seed, b.n})
	}
	if len(groups) != 47 {
		t.Errorf("%d distinct answers, want 47", len(groups))
	}
	dups := 0
	for _, txt := range order {
		if g := groups[txt]; len(g) > 1 {
			dups++
			if len(g) != 2 {
				t.Errorf("answer %.40q appears %d times, want at most 2", txt, len(g))
			}
		}
	}
	if dups != 4 {
		t.Errorf("%d duplicated answers, want 4", dups)
	}

	k, probs, fallback := kb.Load("")
	if errs := probs.Errors(); len(errs) > 0 || fallback {
		t.Fatalf("embedded KB invalid (fallback=%v):\n%s", fallback, errs.Error())
	}

	citedBy := map[provKey][]string{}
	blockEntries, quoteEntries := 0, 0
	for _, e := range k.Entries {
		if len(e.Sources) == 0 {
			t.Errorf("entry %q cites no source: invented", e.ID)
			continue
		}
		var quotes []string
		hasBlock := false
		for i, s := range e.Sources {
			sd, ok := bySeed[s.Seed]
			if !ok {
				t.Errorf("entry %q, source %d: seed %q not in seeds/", e.ID, i+1, s.Seed)
				continue
			}
			switch {
			case s.Quote != "" && s.Block != 0:
				t.Errorf("entry %q, source %d: both a block and a quote", e.ID, i+1)
			case s.Quote != "":
				q := provNorm(s.Quote)
				if sd.article {
					if q == "" || !strings.Contains(sd.body, q) {
						t.Errorf("entry %q, source %d: quote not in the article %s: %q", e.ID, i+1, s.Seed, q)
					}
				} else {
					found := false
					for _, b := range sd.blocks {
						found = found || strings.Contains(b.text, q)
					}
					if !found {
						t.Errorf("entry %q, source %d: quote not in any answer of %s: %q", e.ID, i+1, s.Seed, q)
					}
				}
				quotes = append(quotes, s.Quote)
			default:
				b, ok := blocks[provKey{s.Seed, s.Block}]
				if !ok {
					t.Errorf("entry %q, source %d: %s has no block %d", e.ID, i+1, s.Seed, s.Block)
					continue
				}
				hasBlock = true
				citedBy[provKey{s.Seed, s.Block}] = append(citedBy[provKey{s.Seed, s.Block}], e.ID)
				if got := provNorm(e.Answer); got != b.text {
					t.Errorf("entry %q: answer differs from block %d of %s (line %d):\n  entry: %q\n  seed:  %q", e.ID, s.Block, s.Seed, b.line, got, b.text)
				}
			}
		}
		switch {
		case hasBlock:
			blockEntries++
		case len(quotes) > 0:
			quoteEntries++
			if got, want := provNorm(e.Answer), provNorm(strings.Join(quotes, "\n")); got != want {
				t.Errorf("entry %q: answer of a quoted entry is not its quote(s):\n  entry: %q\n  quote: %q", e.ID, got, want)
			}
		}
	}

	// Nothing lost: every block is cited, and every distinct answer is the
	// answer of exactly one entry (duplicates merged into one entry citing
	// both blocks).
	for _, b := range all {
		if len(citedBy[provKey{b.seed, b.n}]) == 0 {
			t.Errorf("seeds/%s:%d: block %d is cited by no entry: %.60q", b.seed, b.line, b.n, b.text)
		}
	}
	for _, txt := range order {
		ids := map[string]bool{}
		for _, key := range groups[txt] {
			for _, id := range citedBy[key] {
				ids[id] = true
			}
		}
		if len(ids) > 1 {
			t.Errorf("answer %.50q (blocks %v) is the answer of %d entries, want 1: %v", txt, groups[txt], len(ids), ids)
		}
		if g := groups[txt]; len(g) > 1 && len(ids) == 1 {
			for id := range ids {
				e := k.Entry(id)
				for _, key := range g {
					cites := false
					for _, s := range e.Sources {
						cites = cites || (s.Seed == key.seed && s.Block == key.n)
					}
					if !cites {
						t.Errorf("entry %q merges a duplicated answer but does not cite block %d of %s", id, key.n, key.seed)
					}
				}
			}
		}
	}
	if blockEntries != 47 {
		t.Errorf("%d entries cite FAQ blocks, want 47 (one per distinct answer)", blockEntries)
	}
	if blockEntries+quoteEntries != len(k.Entries) {
		t.Errorf("%d entries cite blocks and %d only quotes, but the KB has %d entries", blockEntries, quoteEntries, len(k.Entries))
	}
}
