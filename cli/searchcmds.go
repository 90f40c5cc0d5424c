package cli

import (
	"fmt"
	"io"
	"strings"

	"ecps-assist/diagnose"
	"ecps-assist/kb"
	"ecps-assist/kb/search"
)

func cmdSearch(c *ctx, args []string) int {
	fs := c.flags("search", "QUERY... [--limit N] [--json]", "Search the decision trees and the answers (accents, case and small typos do not matter).")
	limit := fs.Int("limit", 5, "results per kind (trees, answers)")
	asJSON := fs.Bool("json", false, "print JSON")
	pos, code, ok := parse(fs, args)
	if !ok {
		return code
	}
	query := strings.TrimSpace(strings.Join(pos, " "))
	if query == "" {
		return usageErr(c, fs, "expected a query")
	}
	if *limit < 1 {
		return usageErr(c, fs, "--limit must be at least 1, got %d", *limit)
	}
	k := c.kb()
	if k == nil {
		return ExitFail
	}
	f := diagnose.Search(search.NewIndex(k), k, query, *limit)
	if *asJSON {
		return writeJSON(c.env.Stdout, f)
	}
	writeFindings(c.env.Stdout, f, false)
	return ExitOK
}

func cmdTriage(c *ctx, args []string) int {
	fs := c.flags("triage", "[FILE|-] [--limit N] [--json]", "Triage a support ticket read from FILE or stdin: which decision tree to open, which answers apply, and why.")
	limit := fs.Int("limit", 3, "results per kind (trees, answers)")
	asJSON := fs.Bool("json", false, "print JSON")
	pos, code, ok := parse(fs, args)
	if !ok {
		return code
	}
	if len(pos) > 1 {
		return usageErr(c, fs, "expected one file (or - for stdin), got %d", len(pos))
	}
	if *limit < 1 {
		return usageErr(c, fs, "--limit must be at least 1, got %d", *limit)
	}
	name := "-"
	if len(pos) == 1 {
		name = pos[0]
	}
	c.stdinHint("ecps-assist triage", name)
	text, err := readInput(c.env.Stdin, name)
	if err != nil {
		fmt.Fprintf(c.env.Stderr, "ecps-assist triage: %v\n", err)
		return ExitFail
	}
	if strings.TrimSpace(text) == "" {
		fmt.Fprintf(c.env.Stderr, "ecps-assist triage: the ticket is empty (give a file, or pipe the text on stdin)\n")
		return ExitUsage
	}
	k := c.kb()
	if k == nil {
		return ExitFail
	}
	f := diagnose.Triage(search.NewIndex(k), k, text, *limit)
	if *asJSON {
		return writeJSON(c.env.Stdout, f)
	}
	writeFindings(c.env.Stdout, f, true)
	return ExitOK
}

func writeFindings(w io.Writer, f diagnose.Findings, ticket bool) {
	q := kb.InertLine(kb.Normalize(f.Query))
	if r := []rune(q); len(r) > 100 {
		q = string(r[:99]) + "…"
	}
	if ticket {
		fmt.Fprintf(w, "Ticket : « %s »\n\n", q)
	}
	if len(f.Identifiers) > 0 {
		fmt.Fprintln(w, "Identifiants repérés")
		for _, r := range f.Identifiers {
			fmt.Fprintf(w, "  « %s »\n", kb.InertLine(r.Input))
			writeIDResult(w, r, "     ")
		}
		fmt.Fprintln(w)
	}
	if f.Weak || (len(f.Trees) == 0 && len(f.Entries) == 0) {
		fmt.Fprintf(w, "Aucun résultat pertinent pour « %s ».\n", q)
		fmt.Fprintln(w, "Essayez d'autres mots (ex. « activation », « certificat », « firefox ») ou parcourez : ecps-assist trees, ecps-assist list.")
		return
	}
	if len(f.Trees) > 0 {
		if ticket {
			fmt.Fprintf(w, "Arbre conseillé : %s — %s\n", f.Trees[0].ID, kb.InertLine(f.Trees[0].Title))
			if why := f.Trees[0].Why(); why != "" {
				fmt.Fprintf(w, "  %s\n", kb.InertLine(why))
			}
			fmt.Fprintf(w, "  ouvrir : ecps-assist %s\n\n", f.Trees[0].ID)
		}
		fmt.Fprintln(w, "Arbres de diagnostic")
		for i, m := range f.Trees {
			fmt.Fprintf(w, "  %d. %-26s %s\n", i+1, m.ID, kb.InertLine(m.Title))
			if why := m.Why(); len(m.Matched) == 0 && why != "" {
				fmt.Fprintf(w, "     %s\n", kb.InertLine(why)) // no score: proposed for an identifier
			} else if why != "" {
				fmt.Fprintf(w, "     %s (score %.3f)\n", kb.InertLine(why), m.Score)
			}
		}
		fmt.Fprintln(w)
	}
	if len(f.Entries) > 0 {
		fmt.Fprintln(w, "Réponses")
		for i, m := range f.Entries {
			fmt.Fprintf(w, "  %d. %s\n     [%s]", i+1, kb.InertLine(m.Title), m.ID)
			if why := m.Why(); why != "" {
				fmt.Fprintf(w, " %s (score %.3f)", kb.InertLine(why), m.Score)
			}
			fmt.Fprintln(w)
			for _, s := range m.Sources {
				fmt.Fprintf(w, "     %s\n", kb.InertLine(s.Label()))
			}
		}
	}
}
