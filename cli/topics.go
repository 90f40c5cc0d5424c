package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"
)

// exitCodes is the table of `help exit-codes`, and of the README (a test
// keeps the two equal).
var exitCodes = []struct {
	Code    int
	Meaning string
}{
	{ExitOK, "success: done; `check-id`: the identifier is valid; `diagnose`: a conclusion is reached; `lint`: no problem"},
	{ExitFail, "problems found or failure: `lint` found problems; `check-id`: the identifier is invalid; a file could not be read (`triage FILE`, `--ticket FILE`); stdout could not be written; the interactive assistant failed"},
	{ExitUsage, "usage: unknown command, flag, entry, tree, option or `--kind`; a missing or extra argument; an empty ticket; no terminal for the interactive assistant"},
	{ExitPending, "pending: `diagnose` stopped before a conclusion (the answers end at a question or a check node)"},
	{ExitInterrupted, "interrupted: `triage --batch` stopped by SIGINT (Ctrl+C); its output is incomplete (`--out` leaves the file untouched)"},
	{ExitTerminated, "terminated: `triage --batch` stopped by SIGTERM; its output is incomplete"},
}

// envVars is the table of `help environment`, and of the README.
var envVars = []struct {
	Name, Effect string
}{
	{"XDG_CONFIG_HOME", "the configuration file is `$XDG_CONFIG_HOME/ecps-assist/config.yaml` (default `~/.config/ecps-assist/config.yaml`)"},
	{"XDG_STATE_HOME", "the journal lives in `$XDG_STATE_HOME/ecps-assist/` (default `~/.local/state/ecps-assist/`)"},
	{"XDG_CACHE_HOME", "decoded knowledge directories are cached in `$XDG_CACHE_HOME/ecps-assist/` (default `~/.cache/ecps-assist/`), keyed on their content"},
	{"ECPS_ASSIST_EXPORT_DIR", "where transcripts are exported, before the `export_dir` key of the configuration; default `~/ecps-assist/transcripts`"},
	{"HOME", "the base of every default above"},
	{"NO_COLOR", "any non-empty value: the interactive assistant is monochrome (bold, reverse, underline only)"},
	{"COLORFGBG", "with `theme: auto` (the default), a background of 7 or 9–15 selects the light theme"},
	{"ACCESSIBLE", "any value but `0`/`false`: the accessible mode (as `--accessible`)"},
	{"TMUX, TERM", "inside tmux or screen, the OSC 52 clipboard copy is wrapped so that it reaches the outer terminal"},
	{"GOGC, GOMEMLIMIT", "Go's garbage collector settings; when neither is set, `triage --batch` lets its heap grow to 64 MiB before collecting (faster; the peak RSS stays under 100 MB)"},
	{"ECPS_ASSIST_FAULT", "tests only: `panic` makes F12 panic inside the interface (the end-to-end test checks the terminal is restored)"},
}

// plain drops the Markdown backquotes of a table cell, for the terminal.
func plain(s string) string { return strings.ReplaceAll(s, "`", "") }

func exitCodesText() string {
	var b strings.Builder
	b.WriteString("Exit codes of every ecps-assist command:\n\n")
	// The codes right-aligned on the widest (130, 143), the meanings in
	// one column.
	w := 0
	for _, e := range exitCodes {
		w = max(w, len(fmt.Sprint(e.Code)))
	}
	indent := strings.Repeat(" ", 2+w+2)
	for _, e := range exitCodes {
		fmt.Fprintf(&b, "  %*d  %s\n", w, e.Code, wrap(plain(e.Meaning), 79-len(indent), indent))
	}
	b.WriteString("\nA usage error prints \"ecps-assist COMMAND: what is wrong\" and the usage\non stderr.")
	return b.String()
}

func environmentText() string {
	var b strings.Builder
	b.WriteString("Environment variables ecps-assist reads (it never writes any):\n\n")
	for _, e := range envVars {
		fmt.Fprintf(&b, "  %s\n      %s\n", e.Name, wrap(plain(e.Effect), 70, "      "))
	}
	b.WriteString("\n\"ecps-assist paths\" prints the paths these resolve to and whether each exists.")
	return b.String()
}

// wrap breaks s into lines of at most width runes, the lines after the
// first prefixed by indent.
func wrap(s string, width int, indent string) string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(s) {
		if line != "" && len([]rune(line))+1+len([]rune(w)) > width {
			lines = append(lines, line)
			line = w
			continue
		}
		if line != "" {
			line += " "
		}
		line += w
	}
	lines = append(lines, line)
	return strings.Join(lines, "\n"+indent)
}

// newTopics are the help topics: commands that only have help. Their
// text is written when it is asked for, not at every start.
func newTopics() []*cobra.Command {
	topic := func(use, short string, long func() string) *cobra.Command {
		c := &cobra.Command{Use: use, Short: short}
		c.SetHelpFunc(func(cmd *cobra.Command, args []string) {
			cmd.Long = long()
			cmd.SetHelpFunc(nil) // the inherited help, from now on
			cmd.HelpFunc()(cmd, args)
		})
		return c
	}
	return []*cobra.Command{
		topic("exit-codes", "the exit codes of every command", exitCodesText),
		topic("environment", "the environment variables ecps-assist reads", environmentText),
	}
}
