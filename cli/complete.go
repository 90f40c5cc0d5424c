package cli

import (
	"strings"

	"github.com/spf13/cobra"

	"ecps-assist/batch"
	"ecps-assist/diagnose"
	"ecps-assist/kb"
)

// Shell completion: cobra's completion command writes the script for
// bash, zsh, fish or powershell; the script calls the hidden __complete
// command, which asks the functions below for ids. Tree and entry ids come
// with their titles as descriptions (zsh, fish and powershell show them).

// completion formats an id and its title for the shell: the title made
// inert and on one line (a tab separates the description).
func completion(id, title string) cobra.Completion {
	title = strings.ReplaceAll(title, "\t", " ")
	return cobra.CompletionWithDesc(id, title)
}

// completeTrees completes the first argument with tree ids.
func completeTrees(f *factory) cobra.CompletionFunc { return completeIDs(f, treeList) }

// treeList lists the tree ids and their titles, for completion.
func treeList(k *kb.KB) (ids, titles []string) {
	for _, t := range k.SortedTrees() {
		ids, titles = append(ids, t.ID), append(titles, t.Title)
	}
	return ids, titles
}

// completeEntries completes the first argument with entry ids.
func completeEntries(f *factory) cobra.CompletionFunc {
	return completeIDs(f, func(k *kb.KB) (ids, titles []string) {
		for _, e := range k.SortedEntries() {
			ids, titles = append(ids, e.ID), append(titles, e.Title)
		}
		return ids, titles
	})
}

// completeIDs completes the first argument with the ids list gives, their
// titles as descriptions.
func completeIDs(f *factory, list func(*kb.KB) (ids, titles []string)) cobra.CompletionFunc {
	ids := completeIDValues(f, list)
	return func(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		if len(args) > 0 {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		return ids(cmd, args, toComplete)
	}
}

// completeTreeFlag completes a flag's value with tree ids (history --tree),
// whatever the arguments.
func completeTreeFlag(f *factory) cobra.CompletionFunc { return completeIDValues(f, treeList) }

// completeIDValues completes with the ids list gives, their titles as
// descriptions.
func completeIDValues(f *factory, list func(*kb.KB) (ids, titles []string)) cobra.CompletionFunc {
	return func(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		k, err := f.KB()
		if err != nil {
			return nil, cobra.ShellCompDirectiveError
		}
		ids, titles := list(k)
		var out []cobra.Completion
		for i, id := range ids {
			if strings.HasPrefix(id, toComplete) {
				out = append(out, completion(id, titles[i]))
			}
		}
		return out, cobra.ShellCompDirectiveNoFileComp
	}
}

// completeAnswers completes --answers of diagnose: the answers typed so
// far (comma-separated) are replayed on the tree, and the options of the
// question reached are offered after them.
func completeAnswers(f *factory) cobra.CompletionFunc {
	return func(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		if len(args) == 0 {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		k, err := f.KB()
		if err != nil {
			return nil, cobra.ShellCompDirectiveError
		}
		s, err := diagnose.NewSession(k, args[0])
		if err != nil {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		done, last := "", toComplete
		if i := strings.LastIndex(toComplete, ","); i >= 0 {
			done, last = toComplete[:i+1], toComplete[i+1:]
			for _, a := range strings.Split(done[:i], ",") {
				if s.Current().Kind != kb.KindQuestion || s.Answer(strings.TrimSpace(a)) != nil {
					return nil, cobra.ShellCompDirectiveNoFileComp
				}
			}
		}
		n := s.Current()
		if n.Kind != kb.KindQuestion {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		var out []cobra.Completion
		for _, o := range n.Options {
			if strings.HasPrefix(o.ID, last) {
				out = append(out, completion(done+o.ID, o.Label))
			}
		}
		return out, cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveNoSpace
	}
}

// fixedValues completes a flag with fixed values and their meaning.
func fixedValues(pairs ...string) cobra.CompletionFunc {
	return func(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		var out []cobra.Completion
		for i := 0; i+1 < len(pairs); i += 2 {
			if !strings.HasPrefix(pairs[i], toComplete) {
				continue
			}
			if pairs[i+1] == "" {
				out = append(out, pairs[i])
			} else {
				out = append(out, cobra.CompletionWithDesc(pairs[i], pairs[i+1]))
			}
		}
		return out, cobra.ShellCompDirectiveNoFileComp
	}
}

// noFiles is for commands whose arguments are not files.
func noFiles(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	return nil, cobra.ShellCompDirectiveNoFileComp
}

// kbPaths completes --kb with directories and .yaml/.yml files.
func kbPaths(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	return []cobra.Completion{"yaml", "yml"}, cobra.ShellCompDirectiveFilterFileExt
}

// registerCompletions attaches the completion functions to the tree.
func registerCompletions(f *factory, root *cobra.Command) {
	sub := map[string]*cobra.Command{}
	for _, c := range root.Commands() {
		sub[c.Name()] = c
	}
	root.ValidArgsFunction = completeTrees(f)
	_ = root.RegisterFlagCompletionFunc("kb", kbPaths)
	_ = root.RegisterFlagCompletionFunc("theme", fixedValues("auto", "from the terminal (COLORFGBG), else dark", "light", "", "dark", ""))
	_ = root.RegisterFlagCompletionFunc("ticket", func(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
		return nil, cobra.ShellCompDirectiveDefault // files
	})
	sub["show"].ValidArgsFunction = completeEntries(f)
	sub["diagnose"].ValidArgsFunction = completeTrees(f)
	_ = sub["diagnose"].RegisterFlagCompletionFunc("answers", completeAnswers(f))
	// Every --format takes one of a fixed set of values.
	_ = sub["diagnose"].RegisterFlagCompletionFunc("format", fixedValues(
		"text", "plain text", "md", "Markdown transcript", "json", "JSON report", "reply", "the reply to send"))
	_ = sub["show"].RegisterFlagCompletionFunc("format", fixedValues(
		"text", "plain text", "json", "every entry field", "reply", "the reply to send"))
	_ = sub["stats"].RegisterFlagCompletionFunc("format", fixedValues(
		"text", "bars for the terminal", "md", "Markdown tables", "json", "the figures"))
	_ = sub["triage"].RegisterFlagCompletionFunc("format", fixedValues(
		"jsonl", "--batch input: JSON lines", "csv", "--batch input: CSV with a header"))
	reportFormats := fixedValues(
		batch.FormatText, "bars for the terminal", batch.FormatMD, "Markdown tables",
		batch.FormatJSON, "the figures", batch.FormatHTML, "one self-contained page")
	_ = sub["triage"].RegisterFlagCompletionFunc("summary-format", reportFormats)
	_ = sub["report"].RegisterFlagCompletionFunc("format", reportFormats)
	_ = sub["history"].RegisterFlagCompletionFunc("tree", completeTreeFlag(f))
	verdicts := []string{}
	for _, v := range verdictNames() {
		verdicts = append(verdicts, v, kb.Verdicts[v])
	}
	_ = sub["history"].RegisterFlagCompletionFunc("verdict", fixedValues(verdicts...))
	_ = sub["diagnose"].RegisterFlagCompletionFunc("input", noFiles)
	kinds := []string{"auto", "guess the kind (default)"}
	for _, k := range idKindNames() {
		kinds = append(kinds, k, "")
	}
	_ = sub["check-id"].RegisterFlagCompletionFunc("kind", fixedValues(kinds...))
	for _, name := range []string{"list", "trees", "lint", "version", "search", "check-id", "paths"} {
		sub[name].ValidArgsFunction = noFiles
	}
	for _, name := range []string{"search", "triage"} {
		_ = sub[name].RegisterFlagCompletionFunc("limit", noFiles)
	}
}
