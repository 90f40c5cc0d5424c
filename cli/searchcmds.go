package cli

import (
	"fmt"
	"io"
	"strings"
	"unicode"

	"github.com/spf13/cobra"

	"ecps-assist/diagnose"
	"ecps-assist/kb"
	"ecps-assist/kb/search"
	"ecps-assist/kb/vocab"
)

// SearchOptions ranks trees and answers for a query.
type SearchOptions struct {
	IO    *IOStreams
	KB    func() (*kb.KB, error)
	Query string
	Limit int
	JSON  bool
	// Scores shows each hit's rank score.
	Scores bool
	// Escalation is the team's escalation line (configuration).
	Escalation string
}

func newCmdSearch(f *factory, runF func(*SearchOptions) error) *cobra.Command {
	opts := &SearchOptions{IO: f.io, KB: f.KB}
	cmd := &cobra.Command{
		Use:   "search QUERY...",
		Short: "search answers and trees",
		Long:  "Search the decision trees and the answers (accents, case and small typos do not matter).",
		RunE: func(cmd *cobra.Command, args []string) error {
			// typed text enters here: made inert once for every output
			opts.Query = kb.Inert(strings.TrimSpace(strings.Join(args, " ")))
			if opts.Query == "" {
				return usageErrorf("expected a query")
			}
			if err := checkLimit(opts.Limit); err != nil {
				return err
			}
			opts.Escalation = f.Config().Escalation()
			if runF != nil {
				return runF(opts)
			}
			return searchRun(opts)
		},
	}
	cmd.Flags().IntVar(&opts.Limit, "limit", 5, "`N` results per kind (trees, answers)")
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "print JSON")
	cmd.Flags().BoolVar(&opts.Scores, "scores", false, "show each hit's rank score (comparable within one result only)")
	return cmd
}

func searchRun(opts *SearchOptions) error {
	k, err := opts.KB()
	if err != nil {
		return err
	}
	f := diagnose.Search(search.NewIndex(k), k, opts.Query, opts.Limit)
	if opts.JSON {
		return writeJSON(opts.IO.Out, f)
	}
	writeFindings(opts.IO.Out, k, f, findingsOpts{scores: opts.Scores, escalation: opts.Escalation})
	return nil
}

// TriageOptions triages a ticket.
type TriageOptions struct {
	IO    *IOStreams
	KB    func() (*kb.KB, error)
	File  string // "-" for stdin
	Limit int
	JSON  bool
	// Scores shows each hit's rank score.
	Scores bool
	// Escalation is the team's escalation line (configuration).
	Escalation string
}

func newCmdTriage(f *factory, runF func(*TriageOptions) error) *cobra.Command {
	opts := &TriageOptions{IO: f.io, KB: f.KB}
	var bopts *BatchOptions // --batch (cli/batchcmds.go)
	cmd := &cobra.Command{
		Use:   "triage [FILE|-]",
		Short: "which tree and answers fit a ticket (stdin by default)",
		Long:  "Triage a support ticket read from FILE or stdin: which decision tree to open, which answers apply, and why.",
		RunE: func(cmd *cobra.Command, args []string) error {
			if bopts.Batch {
				return triageBatch(bopts, args, opts.Limit)
			}
			if err := checkBatchOnly(cmd); err != nil {
				return err
			}
			if len(args) > 1 {
				return usageErrorf("expected one file (or - for stdin), got %d", len(args))
			}
			if err := checkLimit(opts.Limit); err != nil {
				return err
			}
			opts.File = "-"
			if len(args) == 1 {
				opts.File = args[0]
			}
			opts.Escalation = f.Config().Escalation()
			if runF != nil {
				return runF(opts)
			}
			return triageRun(opts)
		},
	}
	cmd.Flags().IntVar(&opts.Limit, "limit", 3, "`N` results per kind (trees, answers)")
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "print JSON")
	cmd.Flags().BoolVar(&opts.Scores, "scores", false, "show each hit's rank score (comparable within one result only)")
	bopts = addBatchFlags(cmd, f)
	return cmd
}

func triageRun(opts *TriageOptions) error {
	opts.IO.stdinHint("ecps-assist triage", opts.File)
	text, err := readInput(opts.IO.In, opts.File)
	if err != nil {
		return failf("%v", err)
	}
	if strings.TrimSpace(text) == "" {
		return &Error{Code: ExitUsage, Msg: "the ticket is empty (give a file, or pipe the text on stdin)"}
	}
	k, err := opts.KB()
	if err != nil {
		return err
	}
	f := diagnose.Triage(search.NewIndex(k), k, text, opts.Limit)
	if opts.JSON {
		// The ticket as read ends with the newline of its last line
		// (echo, a file): not part of the query a script compares.
		f.Query = strings.TrimRightFunc(f.Query, unicode.IsSpace)
		return writeJSON(opts.IO.Out, f)
	}
	writeFindings(opts.IO.Out, k, f, findingsOpts{ticket: true, scores: opts.Scores, escalation: opts.Escalation})
	return nil
}

// findingsOpts shape the text output of search and triage.
type findingsOpts struct {
	ticket bool // a ticket: quote it, recommend a tree
	scores bool // show rank scores
	// escalation is the team's escalation line, said when the base has no
	// answer.
	escalation string
}

func writeFindings(w io.Writer, k *kb.KB, f diagnose.Findings, o findingsOpts) {
	treeTitle := func(m diagnose.Match) string {
		if t := k.Tree(m.ID); t != nil {
			return originTitle(m.Title, t.IsTeam(), t.OriginLabel())
		}
		return m.Title
	}
	q := kb.Normalize(f.Query)
	if r := []rune(q); len(r) > 100 {
		q = string(r[:99]) + "…"
	}
	if o.ticket {
		fmt.Fprintf(w, "Ticket : « %s »\n\n", q)
	}
	if len(f.Identifiers) > 0 {
		fmt.Fprintln(w, "Identifiants repérés")
		for _, r := range f.Identifiers {
			fmt.Fprintf(w, "  « %s »\n", r.Input)
			writeIDResult(w, r, "     ")
		}
		fmt.Fprintln(w)
	}
	if f.Confidence == diagnose.ConfNone || len(f.Trees) == 0 && len(f.Entries) == 0 && len(f.Gaps) == 0 {
		fmt.Fprintf(w, "Rien dans la base ne concerne « %s ». %s.\n", q, strings.TrimSuffix(o.escalation, "."))
		return
	}
	high := f.Confidence == diagnose.ConfHigh
	if high {
		what := "une réponse officielle correspond"
		if len(f.Entries) > 0 {
			if e := k.Entry(f.Entries[0].ID); e != nil && e.IsTeam() {
				what = "une réponse interne (équipe) correspond"
			}
		}
		fmt.Fprintf(w, "Confiance : élevée — %s.\n", what)
	} else {
		fmt.Fprintln(w, "Confiance : faible — Pas de réponse officielle à cette question précise dans la base.")
		for _, g := range f.Gaps {
			fmt.Fprintf(w, "  %s (%s)\n", vocab.NotCovered(g.Topic), quoteWords(g.Words))
		}
		if len(f.Unexplained) > 0 {
			fmt.Fprintf(w, "  Les réponses proches n'expliquent pas : %s.\n", quoteWords(f.Unexplained))
		}
		fmt.Fprintf(w, "  Si la question persiste : %s.\n", strings.TrimSuffix(o.escalation, "."))
	}
	fmt.Fprintln(w)
	if len(f.Parts) > 0 {
		fmt.Fprintln(w, "Plusieurs problèmes dans ce ticket")
		for _, p := range f.Parts {
			block := ""
			if p.Blocking {
				block = " (bloquant)"
			}
			fmt.Fprintf(w, "  %d.%s « %s »", p.N, block, p.Text)
			if p.Tree != "" {
				fmt.Fprintf(w, " → %s", p.Tree)
			} else if p.Entry != "" {
				fmt.Fprintf(w, " → [%s]", p.Entry)
			}
			fmt.Fprintln(w)
		}
		fmt.Fprintln(w)
	}
	if len(f.Trees) > 0 {
		if o.ticket && high && f.Trees[0].Confidence == diagnose.ConfHigh {
			fmt.Fprintf(w, "Arbre conseillé : %s — %s\n", f.Trees[0].ID, treeTitle(f.Trees[0]))
			if why := f.Trees[0].Why(); why != "" {
				fmt.Fprintf(w, "  %s\n", why)
			}
			fmt.Fprintf(w, "  ouvrir : ecps-assist %s\n\n", f.Trees[0].ID)
		}
		if high {
			fmt.Fprintln(w, "Arbres de diagnostic")
		} else {
			fmt.Fprintln(w, "Arbres voisins")
		}
		for i, m := range f.Trees {
			fmt.Fprintf(w, "  %d. %-26s %s\n", i+1, m.ID, treeTitle(m))
			if why := m.Why(); why != "" {
				fmt.Fprintf(w, "     %s%s\n", why, scoreOf(m, o.scores))
			}
		}
		fmt.Fprintln(w)
	}
	if len(f.Entries) > 0 {
		if high {
			fmt.Fprintln(w, "Réponses")
		} else {
			fmt.Fprintln(w, "Réponses voisines")
		}
		for i, m := range f.Entries {
			fmt.Fprintf(w, "  %d. %s\n     [%s]", i+1, m.Title, m.ID)
			if why := m.Why(); why != "" {
				fmt.Fprintf(w, " %s%s", why, scoreOf(m, o.scores))
			}
			fmt.Fprintln(w)
			if e := k.Entry(m.ID); e != nil {
				fmt.Fprintf(w, "     %s\n", e.Citation())
			}
		}
	}
}

// scoreOf is " (score S)" with --scores, for a ranked hit.
func scoreOf(m diagnose.Match, show bool) string {
	if !show || len(m.Matched) == 0 {
		return ""
	}
	return fmt.Sprintf(" (score %.3f)", m.Score)
}

func quoteWords(ws []string) string {
	q := make([]string, len(ws))
	for i, w := range ws {
		q[i] = "« " + w + " »"
	}
	return strings.Join(q, ", ")
}
