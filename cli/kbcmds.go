package cli

import (
	"fmt"
	"io"
	"io/fs"
	"slices"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"ecps-assist/config"
	"ecps-assist/diagnose"
	"ecps-assist/kb"
	"ecps-assist/kb/search"
	"ecps-assist/kb/vocab"
)

// ListOptions lists every answer.
type ListOptions struct {
	IO   *IOStreams
	KB   func() (*kb.KB, error)
	JSON bool
}

func newCmdList(f *factory, runF func(*ListOptions) error) *cobra.Command {
	opts := &ListOptions{IO: f.io, KB: f.KB}
	cmd := &cobra.Command{
		Use:   "list",
		Short: "list every answer, grouped by product",
		Long:  "List every answer of the knowledge base, grouped by product.",
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				return usageErrorf("unexpected argument %q", args[0])
			}
			if runF != nil {
				return runF(opts)
			}
			return listRun(opts)
		},
	}
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "print JSON (every entry field)")
	return cmd
}

func listRun(opts *ListOptions) error {
	k, err := opts.KB()
	if err != nil {
		return err
	}
	entries := k.SortedEntries()
	if opts.JSON {
		return writeJSON(opts.IO.Out, entries)
	}
	w := opts.IO.Out
	rows := make([]row, len(entries))
	team := 0
	for i, e := range entries {
		rows[i] = row{e.Product, e.ID, originTitle(e.Title, e.IsTeam(), e.OriginLabel())}
		if e.IsTeam() {
			team++
		}
	}
	writeGrouped(w, rows, true)
	fmt.Fprintf(w, "\n%d réponses%s\n", len(entries), teamCount(len(entries), team, "officielle", "interne"))
	return nil
}

// originTitle marks the title of team knowledge with its origin (official
// titles are listed as they are: « Officiel (ANS) » is the default).
func originTitle(title string, team bool, label string) string {
	if team {
		return title + " [" + label + "]"
	}
	return title
}

// teamCount says how many of n are official and how many team knowledge,
// when any is a team's.
func teamCount(n, team int, official, internal string) string {
	if team == 0 {
		return ""
	}
	return fmt.Sprintf(" (%d %s (ANS), %d %s (équipe))", n-team, plural(n-team, official), team, plural(team, internal))
}

func plural(n int, word string) string {
	if n > 1 {
		return word + "s"
	}
	return word
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
			header := r.group
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
		fmt.Fprintf(w, "  %-*s  %s\n", width, r.id, r.title)
	}
}

// Formats of show --format.
var showFormats = []string{"text", "json", "reply"}

// ShowOptions prints one answer.
type ShowOptions struct {
	IO   *IOStreams
	KB   func() (*kb.KB, error)
	ID   string
	JSON bool
	// Format is text, json or reply (--json is --format json).
	Format string
	// Name fills {nom} of the reply (--name).
	Name   string
	Config func() config.Config
}

func newCmdShow(f *factory, runF func(*ShowOptions) error) *cobra.Command {
	opts := &ShowOptions{IO: f.io, KB: f.KB, Config: f.Config}
	cmd := &cobra.Command{
		Use:   "show ID",
		Short: "print one answer: title, answer, facets, sources",
		Long:  "Print one answer: its question, the official answer, its facets and its sources.",
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usageErrorf("expected one entry id, got %d arguments", len(args))
			}
			opts.ID = args[0]
			if opts.JSON {
				// As diagnose: --json is --format json, and another
				// --format would be ignored silently.
				if cmd.Flags().Changed("format") && opts.Format != "json" {
					return usageErrorf("--json and --format %s exclude each other", opts.Format)
				}
				opts.Format = "json"
			}
			if !slices.Contains(showFormats, opts.Format) {
				return usageErrorf("unknown --format %q (text, json or reply)", opts.Format)
			}
			opts.JSON = opts.Format == "json"
			if runF != nil {
				return runF(opts)
			}
			return showRun(opts)
		},
	}
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "print JSON (every entry field)")
	cmd.Flags().StringVar(&opts.Format, "format", "text", "output `format`: text, json or reply (the reply to send)")
	cmd.Flags().StringVar(&opts.Name, "name", "", "the correspondent's `NAME`, for {nom} in reply.greeting/signature")
	return cmd
}

func showRun(opts *ShowOptions) error {
	k, err := opts.KB()
	if err != nil {
		return err
	}
	e := k.Entry(opts.ID)
	if e == nil {
		msg := fmt.Sprintf("no entry %q", opts.ID) + didYouMean(opts.ID, entryIDs(k))
		return &Error{Code: ExitUsage, Msg: msg + "\n(ecps-assist list shows every id)"}
	}
	if opts.Format == "reply" {
		t := replyTemplate(opts.Config(), opts.Name)
		writeReply(opts.IO, diagnose.EntryReply(e, t), t)
		return nil
	}
	if opts.JSON {
		return writeJSON(opts.IO.Out, e)
	}
	writeEntry(opts.IO.Out, e)
	return nil
}

func writeEntry(w io.Writer, e *kb.Entry) {
	fmt.Fprintf(w, "%s\n", e.Title)
	fmt.Fprintf(w, "%s\n\n", strings.Repeat("─", min(72, len([]rune(e.Title)))))
	fmt.Fprintf(w, "%s\n\n", e.MarkedAnswer())
	if e.Note != "" {
		fmt.Fprintf(w, "Note de l'équipe : %s\n\n", e.Note)
	}
	fmt.Fprintf(w, "Identifiant : %s\n", e.ID)
	fmt.Fprintf(w, "Produit     : %s\n", e.Product)
	fmt.Fprintf(w, "Thème       : %s\n", e.Theme)
	if len(e.Keywords) > 0 {
		fmt.Fprintf(w, "Mots-clés   : %s\n", strings.Join(e.Keywords, ", "))
	}
	fmt.Fprintf(w, "Origine     : %s\n", e.OriginLabel())
	if e.IsTeam() {
		fmt.Fprintf(w, "Responsable : %s\n", e.Owner)
		fmt.Fprintf(w, "Revu le     : %s\n", kb.FrenchDate(e.Reviewed))
		return
	}
	fmt.Fprintf(w, "Sources     :\n")
	for _, s := range e.Sources {
		fmt.Fprintf(w, "  - %s\n", s.Label())
	}
}

func entryIDs(k *kb.KB) []string {
	ids := make([]string, len(k.Entries))
	for i, e := range k.Entries {
		ids[i] = e.ID
	}
	return ids
}

// didYouMean is "; did you mean: a, b" with the ids close to id (nearIDs),
// or "" when none is: the one wording of every suggestion.
func didYouMean(id string, ids []string) string {
	near := nearIDs(id, ids)
	if len(near) == 0 {
		return ""
	}
	return "; did you mean: " + strings.Join(near, ", ")
}

// nearIDs suggests at most 5 of ids, closest first, for a mistyped id. It
// counts edits (optimal string alignment distance: insertions, deletions,
// substitutions and swaps of two adjacent characters), allowing a third of
// id's length, at least 1 and at most 4. First come the ids within that
// distance of id, then those whose start is within half that distance (id
// typed short: "cps-firefx" for cps-firefox-config), then those containing
// id (3 characters or more); ties keep the order of ids.
//
// The cost is bounded whatever the input: an id longer than maxNearInput
// runes is no typo of an id and gets no suggestion, and each candidate is
// compared on at most its first len(id)+limit runes unless the whole of it
// is within reach (a 100,000-character argument against 10k ids took 106 s
// before the cap).
func nearIDs(id string, ids []string) []string {
	low := []rune(strings.ToLower(strings.TrimSpace(id)))
	if len(low) == 0 || len(low) > maxNearInput {
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
		rx := []rune(lx)
		var full, prefix int
		if len(rx) > len(low)+limit {
			// Too long to be within reach: only its start can match;
			// the length difference (a lower bound of the distance)
			// orders it among the ids that contain id.
			_, prefix = editDistance(low, rx[:len(low)+limit])
			full = len(rx) - len(low)
		} else {
			full, prefix = editDistance(low, rx)
		}
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
// maxNearInput bounds the ids nearIDs looks at: ids are short (the longest
// embedded one has 35 characters).
const maxNearInput = 100

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

// LintOptions validates the knowledge base.
type LintOptions struct {
	IO     *IOStreams
	KBDirs []string // configured kb, then --kb
	Seeds  fs.FS
}

func newCmdLint(f *factory, runF func(*LintOptions) error) *cobra.Command {
	opts := &LintOptions{IO: f.io, Seeds: f.env.Seeds}
	cmd := &cobra.Command{
		Use:   "lint",
		Short: "validate the knowledge base against the seeds",
		Long: "Validate the knowledge base (embedded, plus the configured kb and --kb overrides)\n" +
			"against the seed documents. Exit 0 when clean, 1 with every problem as file:line:col\n" +
			"otherwise.",
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				return usageErrorf("unexpected argument %q", args[0])
			}
			opts.KBDirs = f.KBDirs()
			if runF != nil {
				return runF(opts)
			}
			return lintRun(opts)
		},
	}
	return cmd
}

func lintRun(opts *LintOptions) error {
	w := opts.IO.Out
	probs, summary := Lint(opts.KBDirs, opts.Seeds)
	for _, p := range probs.Notes() {
		fmt.Fprintln(w, p.String())
	}
	errs := probs.Errors()
	if len(errs) > 0 {
		for _, p := range errs {
			fmt.Fprintln(w, p.String())
		}
		fmt.Fprintf(w, "lint: %d problem(s)\n", len(errs))
		return exitCode(ExitFail)
	}
	fmt.Fprintln(w, summary)
	return nil
}

// Lint loads the KB with the overrides of dirs (without falling back to
// the embedded KB) and checks it against the seeds. It returns the
// problems, sorted, and a one-line summary.
func Lint(dirs []string, seedFS fs.FS) (kb.Problems, string) {
	k, probs := kb.LoadMergedDirs(dirs)
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
	teamE, teamT := 0, 0
	for _, e := range k.Entries {
		if e.IsTeam() {
			teamE++
		}
	}
	for _, t := range k.Trees {
		if t.IsTeam() {
			teamT++
		}
	}
	if teamE+teamT > 0 {
		summary += fmt.Sprintf("; team knowledge (origin: team): %d entries, %d trees", teamE, teamT)
	}
	return probs, summary
}
