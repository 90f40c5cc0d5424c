package cli

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"ecps-assist/config"
	"ecps-assist/journal"
	"ecps-assist/kb"
)

// newRoot builds the command tree.
func newRoot(f *factory, args []string) *cobra.Command {
	opts := &RootOptions{IO: f.io, KB: f.KB, RunTUI: f.env.RunTUI, IsTerminal: f.env.IsTerminal,
		ExtraKB: func() bool { return len(f.KBDirs()) > 0 },
		KBQuiet: func() (*kb.KB, error) {
			q := f.quiet
			f.quiet = true
			defer func() { f.quiet = q }()
			return f.KB()
		}}
	root := &cobra.Command{
		Use:   "ecps-assist [TREE-ID]",
		Short: "troubleshooting assistant for French health-IT support (offline)",
		Long: `ecps-assist — troubleshooting assistant for French health-IT support (offline)

Without a command, opens the interactive assistant (it needs a terminal):
on a decision tree when a TREE-ID is given, on the triage of a ticket with
--ticket FILE (- for stdin). The commands below are for scripts and quick
answers; their domain output is in French.`,
		Example: `  ecps-assist search telephone roote
  echo "la carte CPS n'est pas vue dans firefox" | ecps-assist triage
  ecps-assist diagnose ecps-activation-error --answers android,bas --format md
  ecps-assist check-id 10000123454
  ecps-assist --kb DIR lint`,
		Args:          cobra.ArbitraryArgs,
		SilenceErrors: true,
		SilenceUsage:  true,
		// Suggestions are ours (nearIDs, over commands and tree ids).
		DisableSuggestions: true,
		PersistentPreRun: func(cmd *cobra.Command, args []string) {
			// Every command reads the configuration, so that its problems
			// are said once whatever the command; completion says nothing.
			if strings.HasPrefix(cmd.Name(), "__complete") {
				f.quiet = true
			}
			f.Config()
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Args = args
			opts.KBLabel = f.kbLabel
			opts.LintHint = f.lintHint
			opts.Config = f.Config()
			opts.ExportDir = opts.Config.ExportDir(f.getenv)
			opts.Journal = journal.FromConfig(opts.Config, f.getenv)
			opts.Ignored = func() int { return f.ignored }
			opts.Commands = commandNames(cmd)
			if opts.Version {
				if len(args) > 0 {
					return usageErrorf("--version takes no argument, got %q", args[0])
				}
				return versionRun(&VersionOptions{IO: f.io, KB: f.KB, KBDirs: f.KBDirs(), Ignored: f.Ignored})
			}
			return rootRun(opts)
		},
	}
	root.PersistentFlags().Var(&onceString{p: &f.kbDir}, "kb", "extra knowledge YAML in `DIR` (or one .yaml file) over the\nembedded one: a known id overrides, a new id adds")
	root.Flags().BoolVar(&opts.UI.accessible, "accessible", false, "plain line-by-line prompts for screen readers (stdin,\nstdout; also ACCESSIBLE=1)")
	root.Flags().StringVar(&opts.UI.theme, "theme", "", "`THEME` of the assistant: auto, light or dark (default:\nthe configuration's theme key; auto reads COLORFGBG)")
	root.Flags().BoolVarP(&opts.Version, "version", "v", false, "print the version (as the version command)")
	root.Flags().StringVar(&opts.Ticket, "ticket", "", "open the assistant on the triage of the ticket in `FILE`\n(- for stdin)")
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error {
		msg := err.Error()
		// pflag quotes strconv: "…flag: strconv.ParseInt: parsing "x": invalid syntax".
		if i := strings.Index(msg, ": strconv.ParseInt"); i >= 0 {
			msg = msg[:i] + ": expected a whole number"
		} else if i := strings.Index(msg, ": strconv.ParseBool"); i >= 0 {
			msg = msg[:i] + ": expected true or false"
		}
		return &Error{Code: ExitUsage, Msg: msg, Usage: true}
	})
	// cobra's completion command takes its output when it is made.
	root.SetIn(f.io.In)
	root.SetOut(f.io.Out)
	root.SetErr(f.io.ErrOut)
	commands := []struct {
		name string
		make func() *cobra.Command
	}{
		{"list", func() *cobra.Command { return newCmdList(f, nil) }},
		{"show", func() *cobra.Command { return newCmdShow(f, nil) }},
		{"search", func() *cobra.Command { return newCmdSearch(f, nil) }},
		{"triage", func() *cobra.Command { return newCmdTriage(f, nil) }},
		{"report", func() *cobra.Command { return newCmdReport(f, nil) }},
		{"trees", func() *cobra.Command { return newCmdTrees(f, nil) }},
		{"diagnose", func() *cobra.Command { return newCmdDiagnose(f, nil) }},
		{"check-id", func() *cobra.Command { return newCmdCheckID(f, nil) }},
		{"lint", func() *cobra.Command { return newCmdLint(f, nil) }},
		{"version", func() *cobra.Command { return newCmdVersion(f, nil) }},
		{"man", func() *cobra.Command { return newCmdMan(f, nil) }},
		{"paths", func() *cobra.Command { return newCmdPaths(f, nil) }},
		{"history", func() *cobra.Command { return newCmdHistory(f) }},
		{"stats", func() *cobra.Command { return newCmdStats(f) }},
		{"resume", func() *cobra.Command { return newCmdResume(f, opts) }},
	}
	// A process runs one command: when the command line names one that
	// reads no other (not man, which documents them all), only that one is
	// made. Making every command with its flags, their completions and
	// cobra's completion command was half of what --help cost.
	if name := commandWord(root, args); name != "" && name != "man" {
		for _, c := range commands {
			if c.name == name {
				root.AddCommand(c.make())
				root.CompletionOptions.DisableDefaultCmd = true // ExecuteC would make it
				return root
			}
		}
	}
	for _, c := range commands {
		root.AddCommand(c.make())
	}
	root.AddCommand(newTopics()...)
	root.SetHelpCommand(newCmdHelp())
	root.InitDefaultCompletionCmd()
	for _, c := range root.Commands() {
		if c.Name() == "completion" {
			c.Short = "print the shell completion script (bash, zsh, fish, powershell)"
			c.Args = cobra.ArbitraryArgs
			c.RunE = func(cmd *cobra.Command, args []string) error {
				if len(args) > 0 {
					return usageErrorf("unknown shell %q (bash, zsh, fish or powershell)", args[0])
				}
				return cmd.Help()
			}
		}
	}
	registerCompletions(f, root)
	return root
}

// commandWord returns the first argument of args that is neither a flag of
// root nor the value of one, read as cobra reads them (after
// normalizeArgs: one dash before several letters is two); "" when there
// is none, after "--", or after a flag root does not know (cobra then
// prints root's usage, which lists every command).
func commandWord(root *cobra.Command, args []string) string {
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			return ""
		}
		if !strings.HasPrefix(a, "-") || a == "-" {
			return a
		}
		var fl *pflag.Flag
		name, _, hasValue := strings.Cut(a[1:], "=")
		switch {
		case strings.HasPrefix(name, "-"): // --name
			name = name[1:]
			if name != "" && name[0] != '-' {
				fl = lookupFlag(root, name)
			}
		case len(name) == 1:
			fl = root.Flags().ShorthandLookup(name)
		default:
			fl = lookupFlag(root, name)
		}
		if fl == nil {
			return ""
		}
		if !hasValue && fl.NoOptDefVal == "" {
			i++ // its value
		}
	}
	return ""
}

// lookupFlag finds a long flag of root, its own or persistent.
func lookupFlag(root *cobra.Command, name string) *pflag.Flag {
	if fl := root.Flags().Lookup(name); fl != nil {
		return fl
	}
	return root.PersistentFlags().Lookup(name)
}

// commandNames lists the names of root's commands and help topics.
func commandNames(root *cobra.Command) []string {
	names := []string{"help"}
	for _, c := range root.Commands() {
		if !c.Hidden && c.Name() != "help" {
			names = append(names, c.Name())
		}
	}
	return names
}

// RootOptions opens the interactive assistant.
type RootOptions struct {
	IO *IOStreams
	KB func() (*kb.KB, error)
	// ExtraKB reports whether knowledge directories are configured: the
	// interface then loads them after its first frame, with KBQuiet (KB
	// without the warning on stderr, which would draw over the screen;
	// the interface shows it).
	ExtraKB    func() bool
	KBQuiet    func() (*kb.KB, error)
	RunTUI     func(TUIOptions) error
	IsTerminal bool
	KBLabel    func() string // names the extra knowledge ("--kb DIR"…)
	LintHint   func() string // the lint command for it
	Config     config.Config
	ExportDir  string
	Ignored    func() int // problems of ignored extra knowledge, known once KB ran
	Commands   []string   // for suggestions
	Args       []string
	Ticket     string
	UI         uiFlags // --accessible, --theme
	Version    bool    // --version
	// Journal is the journal as configured; Resume, a diagnosis to reopen
	// (the resume command).
	Journal journal.Spec
	Resume  int64
}

func rootRun(opts *RootOptions) error {
	if err := opts.UI.checkTheme(); err != nil {
		return usageErrorf("%v", err)
	}
	if opts.Ticket != "" {
		if len(opts.Args) > 0 {
			return usageErrorf("--ticket takes no other argument, got %q", opts.Args[0])
		}
		return openTUI(opts, "")
	}
	if len(opts.Args) == 0 {
		return openTUI(opts, "")
	}
	name := opts.Args[0]
	// A tree id opens the TUI on that tree.
	k, err := opts.KB()
	if err != nil {
		return err
	}
	if k.Tree(name) != nil {
		if len(opts.Args) > 1 {
			return usageErrorf("unexpected argument %q after tree id", opts.Args[1])
		}
		return openTUI(opts, name)
	}
	msg := fmt.Sprintf("unknown command or tree %q", name) + didYouMean(name, append(opts.Commands, treeIDs(k)...))
	return &Error{Code: ExitUsage, Msg: msg, Usage: true}
}

func openTUI(opts *RootOptions, treeID string) error {
	if opts.UI.accessibleOn() {
		return runAccessible(opts, treeID)
	}
	if !opts.IsTerminal || opts.RunTUI == nil {
		return usageErrorf("not a terminal: the interactive assistant needs one; use a command")
	}
	theme := opts.UI.theme
	if theme == "" {
		theme = opts.Config.Theme()
	}
	tuiOpts := TUIOptions{TreeID: treeID, Theme: theme, Config: opts.Config, ExportDir: opts.ExportDir,
		Reply: replyTemplate(opts.Config, ""), Journal: opts.Journal, Resume: opts.Resume}
	if opts.Ticket != "" {
		opts.IO.stdinHint("ecps-assist", opts.Ticket)
		text, err := readInput(opts.IO.In, opts.Ticket)
		if err != nil {
			return failf("--ticket: %v", err)
		}
		tuiOpts.Ticket = text
	}
	warn := func() string {
		if n := opts.Ignored(); n > 0 {
			return fmt.Sprintf("%s ignoré : %d problème(s), voir « %s »", opts.KBLabel(), n, opts.LintHint())
		}
		return ""
	}
	if treeID == "" && opts.ExtraKB != nil && opts.ExtraKB() && opts.KBQuiet != nil {
		// A team directory may take a few hundred milliseconds to
		// load: the interface draws its first frame meanwhile.
		tuiOpts.Load = func() (*kb.KB, string, error) {
			k, err := opts.KBQuiet()
			if err != nil {
				return nil, "", err
			}
			return k, warn(), nil
		}
	} else {
		k, err := opts.KB()
		if err != nil {
			return err
		}
		tuiOpts.KB, tuiOpts.Warn = k, warn()
	}
	if err := opts.RunTUI(tuiOpts); err != nil {
		var ce *Error
		if errors.As(err, &ce) {
			return err // from Load
		}
		return failf("%v", err)
	}
	return nil
}

// newCmdHelp is "help [COMMAND|TOPIC]": cobra's own would take an unknown
// topic for the root (which takes tree ids) and exit 0.
func newCmdHelp() *cobra.Command {
	return &cobra.Command{
		Use:   "help [COMMAND|TOPIC]",
		Short: "help about a command or a topic",
		RunE: func(cmd *cobra.Command, args []string) error {
			root := cmd.Root()
			if len(args) == 0 {
				return root.Help()
			}
			c, rest, err := root.Find(args)
			if err != nil || c == root || len(rest) > 0 {
				msg := fmt.Sprintf("unknown help topic %q", strings.Join(args, " ")) + didYouMean(args[0], commandNames(root))
				return &Error{Code: ExitUsage, Msg: msg, Usage: true}
			}
			return c.Help()
		},
		ValidArgsFunction: func(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
			if len(args) > 0 {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			var out []cobra.Completion
			for _, c := range cmd.Root().Commands() {
				if !c.Hidden && strings.HasPrefix(c.Name(), toComplete) {
					out = append(out, cobra.CompletionWithDesc(c.Name(), c.Short))
				}
			}
			return out, cobra.ShellCompDirectiveNoFileComp
		},
	}
}

// onceString is a string flag that may be given once: a second --kb would
// silently replace the first.
type onceString struct {
	p   *string
	set bool
}

func (o *onceString) String() string {
	if o.p == nil {
		return ""
	}
	return *o.p
}

func (o *onceString) Set(v string) error {
	if o.set {
		return errors.New("given twice: several knowledge directories go in the configuration's kb: list")
	}
	o.set, *o.p = true, v
	return nil
}

func (o *onceString) Type() string { return "string" }
