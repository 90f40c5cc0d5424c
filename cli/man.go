package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// The man page is generated from the command tree itself (commands, their
// help, their flags with the value names and defaults -h shows) and the
// tables of the help topics, so it cannot drift from -h. It is written in
// roff by hand: the format needs only its escapes (below), not a
// dependency.

// ManOptions prints the man page.
type ManOptions struct {
	IO   *IOStreams
	Root *cobra.Command
}

func newCmdMan(f *factory, runF func(*ManOptions) error) *cobra.Command {
	opts := &ManOptions{IO: f.io}
	return &cobra.Command{
		Use:   "man",
		Short: "print the man page (roff), generated from the command tree",
		Long: "Print the man page of ecps-assist in roff, generated from the commands and flags themselves\n" +
			"(it says what -h says). Read it with \"ecps-assist man | man -l -\"; install it with\n" +
			"\"ecps-assist man > ~/.local/share/man/man1/ecps-assist.1\".",
		ValidArgsFunction: noFiles,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				return usageErrorf("unexpected argument %q", args[0])
			}
			opts.Root = cmd.Root()
			if runF != nil {
				return runF(opts)
			}
			return manRun(opts)
		},
	}
}

func manRun(opts *ManOptions) error {
	io.WriteString(opts.IO.Out, manPage(opts.Root)) // a write error is sticky in the buffered stdout: Run reports it
	return nil
}

// manPage renders the page of root.
func manPage(root *cobra.Command) string {
	var b strings.Builder
	name := root.Name()
	fmt.Fprintf(&b, ".TH %s 1 \"\" %s \"User Commands\"\n", strings.ToUpper(name), roffQuote(name+" "+Version()))
	fmt.Fprintf(&b, ".SH NAME\n%s \\- %s\n", roffEscape(name), roffEscape(root.Short))
	b.WriteString(".SH SYNOPSIS\n")
	fmt.Fprintf(&b, "\\fB%s\\fR [\\fIflags\\fR] [\\fITREE\\-ID\\fR]\n.br\n", roffEscape(name))
	fmt.Fprintf(&b, "\\fB%s\\fR \\fICOMMAND\\fR [\\fIflags\\fR] [\\fIARGS\\fR]\n", roffEscape(name))
	b.WriteString(".SH DESCRIPTION\n")
	// The first paragraph of Long repeats NAME.
	long := root.Long
	if _, rest, ok := strings.Cut(long, "\n\n"); ok {
		long = rest
	}
	b.WriteString(roffText(long))
	b.WriteString(".SH OPTIONS\n")
	b.WriteString(roffFlags(root.NonInheritedFlags()))
	b.WriteString(".SH COMMANDS\n")
	var topics []*cobra.Command
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		for _, sub := range c.Commands() {
			if sub.Hidden {
				continue
			}
			if !sub.Runnable() && !sub.HasAvailableSubCommands() {
				topics = append(topics, sub)
				continue
			}
			fmt.Fprintf(&b, ".SS %s\n", roffQuote(c.CommandPath()+" "+sub.Use))
			text := sub.Long
			if text == "" || c != root {
				text = sub.Short // completion's shells: their Long is the install text of one shell
			}
			b.WriteString(roffText(text))
			if fl := sub.NonInheritedFlags(); fl.HasAvailableFlags() {
				b.WriteString(roffFlags(fl))
			}
			walk(sub)
		}
	}
	walk(root)
	if root.Example != "" {
		b.WriteString(".SH EXAMPLES\n.nf\n.RS 4\n")
		for _, l := range strings.Split(root.Example, "\n") {
			b.WriteString(roffLine(strings.TrimSpace(l)) + "\n")
		}
		b.WriteString(".RE\n.fi\n")
	}
	b.WriteString(".SH EXIT STATUS\n")
	for _, e := range exitCodes {
		fmt.Fprintf(&b, ".TP\n\\fB%d\\fR\n%s\n", e.Code, roffEscape(plain(e.Meaning)))
	}
	b.WriteString(".SH ENVIRONMENT\n")
	for _, e := range envVars {
		fmt.Fprintf(&b, ".TP\n\\fB%s\\fR\n%s\n", roffEscape(e.Name), roffEscape(plain(e.Effect)))
	}
	b.WriteString(".SH FILES\n")
	b.WriteString(roffText("The configuration file is $XDG_CONFIG_HOME/ecps-assist/config.yaml (default ~/.config/ecps-assist/config.yaml). " +
		"\"ecps-assist paths\" prints every path the tool reads or writes and whether each exists."))
	if len(topics) > 0 {
		b.WriteString(".SH SEE ALSO\n")
		var refs []string
		for _, t := range topics {
			refs = append(refs, fmt.Sprintf("\\fB%s help %s\\fR (%s)", roffEscape(name), roffEscape(t.Name()), roffEscape(t.Short)))
		}
		b.WriteString(strings.Join(refs, ",\n") + "\n")
	}
	return b.String()
}

// roffFlags lists flags as -h does: names, value name, usage, default.
func roffFlags(fs *pflag.FlagSet) string {
	var b strings.Builder
	fs.VisitAll(func(f *pflag.Flag) {
		if f.Hidden || f.Name == "help" {
			return
		}
		varname, usage := pflag.UnquoteUsage(f)
		tag := "\\fB\\-\\-" + roffEscape(f.Name) + "\\fR"
		if f.Shorthand != "" {
			tag = "\\fB\\-" + roffEscape(f.Shorthand) + "\\fR, " + tag
		}
		if varname != "" && f.NoOptDefVal == "" {
			tag += " \\fI" + roffEscape(varname) + "\\fR"
		}
		switch f.DefValue {
		case "", "false", "[]", "0":
		default:
			usage += fmt.Sprintf(" (default %s)", f.DefValue)
		}
		fmt.Fprintf(&b, ".TP\n%s\n%s\n", tag, roffEscape(strings.Join(strings.Fields(usage), " ")))
	})
	return b.String()
}

// roffText renders help text: paragraphs (blank-line separated) are
// filled by the formatter; lines indented by two spaces or more stay as
// they are.
func roffText(s string) string {
	var b strings.Builder
	for _, para := range strings.Split(strings.TrimSpace(s), "\n\n") {
		b.WriteString(".PP\n")
		var filled []string
		flush := func() {
			if len(filled) > 0 {
				b.WriteString(roffLine(strings.Join(filled, " ")) + "\n")
				filled = nil
			}
		}
		for _, l := range strings.Split(para, "\n") {
			if strings.HasPrefix(l, "  ") {
				flush()
				b.WriteString(".nf\n" + roffLine(l) + "\n.fi\n")
				continue
			}
			filled = append(filled, strings.TrimSpace(l))
		}
		flush()
	}
	return b.String()
}

// roffEscape escapes text for roff: backslashes and hyphens (minus signs,
// which man pages must write \-, so that a copied flag works).
func roffEscape(s string) string {
	s = strings.ReplaceAll(s, `\`, `\e`)
	return strings.ReplaceAll(s, "-", `\-`)
}

// roffLine escapes a whole line: a leading . or ' would be a request.
func roffLine(s string) string {
	s = roffEscape(s)
	if strings.HasPrefix(s, ".") || strings.HasPrefix(s, "'") {
		s = `\&` + s
	}
	return s
}

// roffQuote is a quoted argument of a request.
func roffQuote(s string) string {
	return `"` + strings.ReplaceAll(roffEscape(s), `"`, `\(dq`) + `"`
}
