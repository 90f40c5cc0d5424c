package kb

import (
	"fmt"
	"strings"
)

// SeedDir is how seed files are named in messages.
const SeedDir = "seeds/"

// Lint checks the KB against the seed documents: every source cites a seed
// and block that exist (or a quote found in its seed), every answer is the
// verbatim text of what it cites, and every answer of every FAQ seed is
// cited by some entry. Team entries (origin: team) cite no seed: only their
// structure is checked, by Validate. The structural problems are not repeated here:
// Merge (and so LoadMerged) already reports them.
func (k *KB) Lint(seeds Seeds) Problems {
	var probs Problems
	cited := map[string]map[int]bool{}
	for _, e := range k.Entries {
		if e.IsTeam() {
			continue // no seed to compare with
		}
		var blocks, quotes []string
		for i, s := range e.Sources {
			sw := fmt.Sprintf("entry %q, source %d", e.ID, i+1)
			sd := seeds[s.Seed]
			if s.Seed == "" {
				continue // reported by Validate
			}
			if sd == nil {
				probs.add(s.Pos, "%s: seed %q does not exist (seeds: %s)", sw, s.Seed, strings.Join(seeds.Names(), ", "))
				continue
			}
			switch {
			case s.Quote != "":
				if sd.Article {
					if !sd.Contains(s.Quote) {
						probs.add(s.Pos, "%s: quote not found in seed %s", sw, s.Seed)
					}
				} else if !strings.Contains(Normalize(joinBlocks(sd)), Normalize(s.Quote)) {
					probs.add(s.Pos, "%s: quote not found in seed %s", sw, s.Seed)
				}
				quotes = append(quotes, s.Quote)
			case s.Block > 0:
				if sd.Article {
					probs.add(s.Pos, "%s: seed %s is an article without blocks: cite it with a quote", sw, s.Seed)
					continue
				}
				if s.Block > len(sd.Blocks) {
					probs.add(s.Pos, "%s: seed %s has %d blocks, not %d", sw, s.Seed, len(sd.Blocks), s.Block)
					continue
				}
				if cited[s.Seed] == nil {
					cited[s.Seed] = map[int]bool{}
				}
				cited[s.Seed][s.Block] = true
				blocks = append(blocks, sd.Blocks[s.Block-1].Text)
				// An empty answer is reported as such by Validate, not
				// also as differing from every block it cites.
				if !emptyAnswer(e) && Normalize(e.Answer) != Normalize(sd.Blocks[s.Block-1].Text) {
					probs.add(s.Pos, "%s: the answer differs from block %d of %s: %s", sw, s.Block, s.Seed,
						firstDiff(Normalize(e.Answer), Normalize(sd.Blocks[s.Block-1].Text)))
				}
			}
		}
		if len(blocks) == 0 && len(quotes) > 0 && !emptyAnswer(e) {
			if Normalize(e.Answer) != Normalize(strings.Join(quotes, "\n")) {
				probs.add(e.Pos, "entry %q: the answer of a quoted entry must be its quote(s): %s", e.ID,
					firstDiff(Normalize(e.Answer), Normalize(strings.Join(quotes, " "))))
			}
		}
	}
	for _, e := range k.shadowed {
		for _, s := range e.Sources {
			if sd := seeds[s.Seed]; sd != nil && s.Block > 0 && s.Block <= len(sd.Blocks) {
				if cited[s.Seed] == nil {
					cited[s.Seed] = map[int]bool{}
				}
				cited[s.Seed][s.Block] = true
			}
		}
	}
	probs = append(probs, k.lintFidelity(seeds)...)
	for _, name := range seeds.Names() {
		sd := seeds[name]
		for _, b := range sd.Blocks {
			if !cited[name][b.N] {
				probs.add(Pos{File: SeedDir + name, Line: b.Line, Col: 1}, "block %d is cited by no entry", b.N)
			}
		}
	}
	return probs
}

func emptyAnswer(e *Entry) bool { return strings.TrimSpace(e.Answer) == "" }

func joinBlocks(s *Seed) string {
	parts := make([]string, len(s.Blocks))
	for i, b := range s.Blocks {
		parts[i] = b.Text
	}
	return strings.Join(parts, "\n")
}

// firstDiff shows where two normalised texts part, with some context.
func firstDiff(got, want string) string {
	g, w := []rune(got), []rune(want)
	i := 0
	for i < len(g) && i < len(w) && g[i] == w[i] {
		i++
	}
	from := i - 20
	if from < 0 {
		from = 0
	}
	clip := func(r []rune) string {
		to := i + 30
		if to > len(r) {
			to = len(r)
		}
		if from >= len(r) {
			return "(end)"
		}
		return string(r[from:to])
	}
	return fmt.Sprintf("at character %d, has %q, seed has %q", i+1, clip(g), clip(w))
}
