package cli

import (
	"fmt"
	"io"
	"io/fs"
	"sort"
	"strings"

	"ecps-assist/kb"
	"ecps-assist/kb/search"
	"ecps-assist/kb/vocab"
)

func cmdList(c *ctx, args []string) int {
	fs := c.flags("list", "[--json]", "List every answer of the knowledge base, grouped by product.")
	asJSON := fs.Bool("json", false, "print JSON (every entry field)")
	pos, code, ok := parse(fs, args)
	if !ok {
		return code
	}
	if len(pos) > 0 {
		return usageErr(c, fs, "unexpected argument %q", pos[0])
	}
	k := c.kb()
	if k == nil {
		return ExitFail
	}
	entries := k.SortedEntries()
	if *asJSON {
		return writeJSON(c.env.Stdout, entries)
	}
	w := c.env.Stdout
	rows := make([]row, len(entries))
	for i, e := range entries {
		rows[i] = row{e.Product, e.ID, e.Title}
	}
	writeGrouped(w, rows, true)
	fmt.Fprintf(w, "\n%d réponses\n", len(entries))
	return ExitOK
}

// row is one line of a listing grouped by product.
type row struct{ group, id, title string }

// writeGrouped prints rows (already ordered by group) under a header per
// group, ids aligned; counts adds the group's size to its header.
func writeGrouped(w io.Writer, rows []row, counts bool) {
	width := 0
	for _, r := range rows {
		width = max(width, len(r.id))
	}
	for i, r := range rows {
		if i == 0 || r.group != rows[i-1].group {
			if i > 0 {
				fmt.Fprintln(w)
			}
			header := kb.InertLine(r.group)
			if counts {
				n := 0
				for _, x := range rows {
					if x.group == r.group {
						n++
					}
				}
				header = fmt.Sprintf("%s (%d)", header, n)
			}
			fmt.Fprintln(w, header)
		}
		fmt.Fprintf(w, "  %-*s  %s\n", width, kb.InertLine(r.id), kb.InertLine(r.title))
	}
}

func cmdShow(c *ctx, args []string) int {
	fs := c.flags("show", "ID [--json] [--format text|json|reply] [--name NAME]", "Print one answer: its question, the official answer, its facets and its sources.")
	asJSON := fs.Bool("json", false, "print JSON (every entry field)")
	format := fs.String("format", "text", "output format: text, json or reply (the reply to send)")
	name := fs.String("name", "", "the correspondent's name, for {nom} in reply.greeting/signature")
	pos, code, ok := parse(fs, args)
	if !ok {
		return code
	}
	if len(pos) != 1 {
		return usageErr(c, fs, "expected one entry id, got %d arguments", len(pos))
	}
	switch *format {
	case "text", "json", "reply":
	default:
		return usageErr(c, fs, "unknown --format %q (text, json or reply)", *format)
	}
	k := c.kb()
	if k == nil {
		return ExitFail
	}
	e := k.Entry(pos[0])
	if e == nil {
		fmt.Fprintf(c.env.Stderr, "ecps-assist show: no entry %q", kb.InertLine(pos[0]))
		if near := nearIDs(pos[0], entryIDs(k)); len(near) > 0 {
			fmt.Fprintf(c.env.Stderr, "; did you mean: %s", strings.Join(near, ", "))
		}
		fmt.Fprintln(c.env.Stderr, "\n(ecps-assist list shows every id)")
		return ExitUsage
	}
	if *format == "reply" {
		return RunShowReply(ReplyOptions{Name: *name, Stdout: c.env.Stdout, Stderr: c.env.Stderr}, e)
	}
	if *asJSON || *format == "json" {
		return writeJSON(c.env.Stdout, e)
	}
	writeEntry(c.env.Stdout, e)
	return ExitOK
}

func writeEntry(w io.Writer, e *kb.Entry) {
	fmt.Fprintf(w, "%s\n", kb.InertLine(e.Title))
	fmt.Fprintf(w, "%s\n\n", strings.Repeat("─", min(72, len([]rune(e.Title)))))
	fmt.Fprintf(w, "%s\n\n", kb.Inert(e.MarkedAnswer()))
	if e.Note != "" {
		fmt.Fprintf(w, "Note de l'équipe : %s\n\n", kb.Inert(e.Note))
	}
	fmt.Fprintf(w, "Identifiant : %s\n", kb.InertLine(e.ID))
	fmt.Fprintf(w, "Produit     : %s\n", kb.InertLine(e.Product))
	fmt.Fprintf(w, "Thème       : %s\n", kb.InertLine(e.Theme))
	if len(e.Keywords) > 0 {
		fmt.Fprintf(w, "Mots-clés   : %s\n", kb.InertLine(strings.Join(e.Keywords, ", ")))
	}
	fmt.Fprintf(w, "Sources     :\n")
	for _, s := range e.Sources {
		fmt.Fprintf(w, "  - %s\n", kb.InertLine(s.Label()))
	}
}

func entryIDs(k *kb.KB) []string {
	ids := make([]string, len(k.Entries))
	for i, e := range k.Entries {
		ids[i] = e.ID
	}
	return ids
}

// nearIDs suggests at most 5 of ids, closest first, for a mistyped id. It
// counts edits (optimal string alignment distance: insertions, deletions,
// substitutions and swaps of two adjacent characters), allowing a third of
// id's length, at least 1 and at most 4. First come the ids within that
// distance of id, then those whose start is within half that distance (id
// typed short: "cps-firefx" for cps-firefox-config), then those containing
// id (3 characters or more); ties keep the order of ids.
func nearIDs(id string, ids []string) []string {
	low := []rune(strings.ToLower(strings.TrimSpace(id)))
	if len(low) == 0 {
		return nil
	}
	limit := min(max(len(low)/3, 1), 4)
	type cand struct {
		id          string
		class, dist int
	}
	var cands []cand
	for _, x := range ids {
		lx := strings.ToLower(x)
		full, prefix := editDistance(low, []rune(lx))
		switch {
		case full <= limit:
			cands = append(cands, cand{x, 0, full})
		case len(low) >= 4 && prefix <= max(limit/2, 1):
			cands = append(cands, cand{x, 1, prefix})
		case len(low) >= 3 && strings.Contains(lx, string(low)):
			cands = append(cands, cand{x, 2, full})
		}
	}
	sort.SliceStable(cands, func(i, j int) bool {
		if cands[i].class != cands[j].class {
			return cands[i].class < cands[j].class
		}
		return cands[i].dist < cands[j].dist
	})
	var out []string
	for _, c := range cands[:min(len(cands), 5)] {
		out = append(out, c.id)
	}
	return out
}

// editDistance returns the optimal string alignment distance between a and
// b (Levenshtein plus the swap of two adjacent characters), and the
// smallest distance between a and a prefix of b.
func editDistance(a, b []rune) (full, prefix int) {
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	prefix = prev[0]
	for _, d := range prev {
		prefix = min(prefix, d)
	}
	return prev[len(b)], prefix
}

func cmdLint(c *ctx, args []string) int {
	fs := c.flags("lint", "", "Validate the knowledge base (embedded, plus --kb overrides) against the seed documents.\nExit 0 when clean, 1 with every problem as file:line:col otherwise.")
	pos, code, ok := parse(fs, args)
	if !ok {
		return code
	}
	if len(pos) > 0 {
		return usageErr(c, fs, "unexpected argument %q", pos[0])
	}
	probs, summary := Lint(c.kbDir, c.env.Seeds)
	for _, p := range probs.Notes() {
		fmt.Fprintln(c.env.Stdout, kb.InertLine(p.String()))
	}
	errs := probs.Errors()
	if len(errs) > 0 {
		for _, p := range errs {
			fmt.Fprintln(c.env.Stdout, kb.InertLine(p.String()))
		}
		fmt.Fprintf(c.env.Stdout, "lint: %d problem(s)\n", len(errs))
		return ExitFail
	}
	fmt.Fprintln(c.env.Stdout, summary)
	return ExitOK
}

// Lint loads the KB with the overrides of dir (without falling back to the
// embedded KB) and checks it against the seeds. It returns the problems,
// sorted, and a one-line summary.
func Lint(dir string, seedFS fs.FS) (kb.Problems, string) {
	k, probs := kb.LoadMerged(dir)
	seeds, err := kb.ReadSeeds(seedFS)
	if err != nil {
		probs = append(probs, kb.Problem{Pos: kb.Pos{File: kb.SeedDir}, Msg: fmt.Sprintf("cannot read the seeds: %v", err)})
	} else {
		probs = append(probs, k.Lint(seeds)...)
	}
	v, vprobs := vocab.Embedded()
	probs = append(probs, vprobs...)
	probs = append(probs, search.LintVocab(k, v)...)
	probs.Sort()
	sources, blocks := 0, 0
	for _, e := range k.Entries {
		sources += len(e.Sources)
	}
	for _, s := range seeds {
		blocks += len(s.Blocks)
	}
	nodes := 0
	for _, t := range k.Trees {
		nodes += len(t.Nodes)
	}
	summary := fmt.Sprintf("lint: ok — %d entries, %d trees (%d nodes), %d sources citing %d seeds (%d answer blocks)",
		len(k.Entries), len(k.Trees), nodes, sources, len(seeds), blocks)
	return probs, summary
}
