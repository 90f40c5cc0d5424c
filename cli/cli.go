// Package cli implements the ecps-assist command line: the scriptable
// commands (list, show, lint, trees, diagnose, check-id, search, triage,
// version) and the launch of the TUI. main only hands it the process.
package cli

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"

	"ecps-assist/journal"
	"ecps-assist/kb"
)

// Version of ecps-assist.
const Version = "0.1.0"

// Env is what the CLI needs from the process.
type Env struct {
	Args   []string
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	// Seeds holds the seed documents (embedded by main), for lint.
	Seeds fs.FS
	// IsTerminal reports whether stdout is a terminal (the TUI draws there).
	IsTerminal bool
	// StdinIsTerminal reports whether stdin is a terminal: reading a ticket
	// from it then says so (a pipe is read silently).
	StdinIsTerminal bool
	// RunTUI starts the interactive UI; nil when not available.
	RunTUI func(opts TUIOptions) error
}

// TUIOptions tells the TUI where to open.
type TUIOptions struct {
	KB     *kb.KB
	TreeID string
	Ticket string // ticket text to triage, when --ticket was given
	Warn   string // a warning to show (e.g. a broken --kb override)
	Theme  string // --theme: auto, light, dark ("" reads the configuration)
	// Journal is the journal as configured; Resume, a diagnosis to reopen.
	Journal journal.Spec
	Resume  int64
}

// Exit codes.
const (
	ExitOK       = 0
	ExitFail     = 1 // lint problems, invalid identifier, …
	ExitUsage    = 2
	ExitPending  = 3 // diagnose: no conclusion reached yet
	exitInternal = 1
)

type command struct {
	name    string
	args    string
	summary string
	run     func(c *ctx, args []string) int
}

var commands []command

func init() {
	commands = []command{
		{"list", "[--json]", "list every answer, grouped by product", cmdList},
		{"show", "ID [--json]", "print one answer: title, answer, facets, sources", cmdShow},
		{"search", "QUERY... [--limit N] [--json]", "search answers and trees", cmdSearch},
		{"triage", "[FILE|-] [--limit N] [--json]", "which tree and answers fit a ticket (stdin by default)", cmdTriage},
		{"trees", "[--json]", "list the decision trees", cmdTrees},
		{"diagnose", "TREE [--answers id1,id2,...] [--input VALUE] [--format text|md|json]", "replay a decision tree", cmdDiagnose},
		{"check-id", "VALUE [--kind idnat|rpps|adeli|siret|finess|rpps-rang] [--json]", "check an identifier", cmdCheckID},
		{"lint", "", "validate the knowledge base against the seeds", cmdLint},
		{"version", "", "print the version", cmdVersion},
		{"history", "[--today|--since DATE] [--tree ID] [--verdict V] [--json] | --purge [--before DATE]", "the diagnoses of the journal, newest first", cmdHistory},
		{"resume", "[ID]", "reopen an unfinished diagnosis at its last question", cmdResume},
		{"stats", "[--since DATE] [--format text|md|json] [--from FILE...]", "how trees end, helpful votes, searches without an answer", cmdStats},
	}
}

type ctx struct {
	env    Env
	kbDir  string
	ui     uiFlags
	k      *kb.KB
	loaded bool
	// ignored counts the problems of a --kb override that was ignored.
	ignored int
	resume  int64 // resume: the diagnosis to reopen
}

// usage writes the top-level usage.
func usage(w io.Writer) {
	fmt.Fprintf(w, `ecps-assist — troubleshooting assistant for French health-IT support (offline)

Usage:
  ecps-assist [--kb DIR]                  open the interactive assistant
  ecps-assist [--kb DIR] TREE-ID          open the assistant on a decision tree
  ecps-assist [--kb DIR] --ticket FILE|-  open the assistant on the triage of a ticket
  ecps-assist [--kb DIR] COMMAND [ARGS]

Commands:
`)
	for _, c := range commands {
		fmt.Fprintf(w, "  %-9s %s\n            %s\n", c.name, c.args, c.summary)
	}
	fmt.Fprintf(w, `
Global flags:
  --kb DIR      load extra knowledge YAML from DIR on top of the embedded one
                (a known id overrides, a new id adds)
  --theme auto|light|dark
                colours of the assistant (default: the theme key of the
                configuration file; auto reads COLORFGBG, else dark)
  --accessible  plain line-by-line prompts for screen readers, on stdin and
                stdout (also ACCESSIBLE=1)
  -h, --help    this help; COMMAND -h for a command's help

Run "ecps-assist COMMAND -h" for the flags of a command.
`)
}

// Run executes the command line and returns the exit code.
func Run(env Env) (code int) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(env.Stderr, "ecps-assist: internal error: %v\n", r)
			code = exitInternal
		}
	}()
	c := &ctx{env: env}
	global := flag.NewFlagSet("ecps-assist", flag.ContinueOnError)
	global.SetOutput(io.Discard)
	global.StringVar(&c.kbDir, "kb", "", "")
	ticket := global.String("ticket", "", "")
	global.BoolVar(&c.ui.accessible, "accessible", false, "")
	global.StringVar(&c.ui.theme, "theme", "", "")
	if err := global.Parse(env.Args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			usage(env.Stdout)
			return ExitOK
		}
		fmt.Fprintf(env.Stderr, "ecps-assist: %s\n\n", kb.InertLine(err.Error()))
		usage(env.Stderr)
		return ExitUsage
	}
	rest := global.Args()
	if err := c.ui.checkTheme(); err != nil {
		fmt.Fprintf(env.Stderr, "ecps-assist: %v\n\n", err)
		usage(env.Stderr)
		return ExitUsage
	}
	if *ticket != "" {
		if len(rest) > 0 {
			fmt.Fprintf(env.Stderr, "ecps-assist: --ticket takes no other argument, got %q\n\n", rest[0])
			usage(env.Stderr)
			return ExitUsage
		}
		return c.openTUI("", *ticket)
	}
	if len(rest) == 0 {
		return c.openTUI("", "")
	}
	name := rest[0]
	for _, cmd := range commands {
		if cmd.name == name {
			return cmd.run(c, rest[1:])
		}
	}
	if name == "help" {
		usage(env.Stdout)
		return ExitOK
	}
	// A tree id opens the TUI on that tree.
	k := c.kb()
	if k != nil && k.Tree(name) != nil {
		if len(rest) > 1 {
			fmt.Fprintf(env.Stderr, "ecps-assist: unexpected argument %q after tree id\n", rest[1])
			return ExitUsage
		}
		return c.openTUI(name, "")
	}
	fmt.Fprintf(env.Stderr, "ecps-assist: unknown command or tree %q", kb.InertLine(name))
	names := []string{"help"}
	for _, cmd := range commands {
		names = append(names, cmd.name)
	}
	if k != nil {
		names = append(names, treeIDs(k)...)
	}
	if near := nearIDs(name, names); len(near) > 0 {
		fmt.Fprintf(env.Stderr, "; did you mean: %s", strings.Join(near, ", "))
	}
	fmt.Fprint(env.Stderr, "\n\n")
	usage(env.Stderr)
	return ExitUsage
}

func (c *ctx) openTUI(treeID, ticketPath string) int {
	if c.ui.accessibleOn() {
		return c.runAccessible(treeID, ticketPath)
	}
	if !c.env.IsTerminal || c.env.RunTUI == nil {
		fmt.Fprintln(c.env.Stderr, "ecps-assist: not a terminal: the interactive assistant needs one; use a command")
		fmt.Fprintln(c.env.Stderr)
		usage(c.env.Stderr)
		return ExitUsage
	}
	k := c.kb()
	if k == nil {
		return ExitFail
	}
	opts := TUIOptions{KB: k, TreeID: treeID, Theme: c.ui.theme, Journal: journalSpec(os.Getenv), Resume: c.resume}
	if ticketPath != "" {
		c.stdinHint("ecps-assist", ticketPath)
		text, err := readInput(c.env.Stdin, ticketPath)
		if err != nil {
			fmt.Fprintf(c.env.Stderr, "ecps-assist: --ticket: %v\n", err)
			return ExitFail
		}
		opts.Ticket = text
	}
	if c.ignored > 0 {
		opts.Warn = fmt.Sprintf("--kb %s ignoré : %d problème(s), voir « ecps-assist --kb %s lint »", c.kbDir, c.ignored, c.kbDir)
	}
	if err := c.env.RunTUI(opts); err != nil {
		fmt.Fprintf(c.env.Stderr, "ecps-assist: %v\n", err)
		return ExitFail
	}
	return ExitOK
}

// kb loads the knowledge base once. A broken override is reported on
// stderr and ignored (the embedded KB is used); lint reports it in full.
func (c *ctx) kb() *kb.KB {
	if c.loaded {
		return c.k
	}
	c.loaded = true
	k, probs, fallback := kb.Load(c.kbDir)
	if fallback {
		errs := probs.Errors()
		c.ignored = len(errs)
		fmt.Fprintf(c.env.Stderr, "ecps-assist: warning: --kb %s ignored: %d problem(s); first: %s\n  run \"ecps-assist --kb %s lint\" for the full list\n",
			kb.InertLine(c.kbDir), len(errs), kb.InertLine(errs[0].String()), kb.InertLine(c.kbDir))
	} else if errs := probs.Errors(); len(errs) > 0 {
		fmt.Fprintf(c.env.Stderr, "ecps-assist: the embedded knowledge base is invalid:\n%s\n", kb.Inert(errs.Error()))
		return nil
	}
	c.k = k
	return k
}

// flags makes a subcommand's flag set; --kb is accepted there too.
func (c *ctx) flags(name, args, help string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(helpOut{c.env.Stderr, c.env.Stdout})
	fs.StringVar(&c.kbDir, "kb", c.kbDir, "load extra knowledge YAML from `DIR`")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: ecps-assist %s %s\n\n%s\n\nFlags:\n", name, args, help)
		fs.PrintDefaults()
	}
	return fs
}

// parse parses flags placed anywhere among the arguments (so that
// "show ID --json" works) and returns the positional arguments. -h prints
// the command's help on stdout and exits 0; a bad flag prints
// "ecps-assist CMD: what is wrong" and the help on stderr and exits 2, as
// every other usage error does.
func parse(fs *flag.FlagSet, args []string) ([]string, int, bool) {
	out, usageFn := fs.Output(), fs.Usage
	fs.SetOutput(io.Discard) // the flag package's own messages lack the prefix
	fs.Usage = func() {}
	defer func() { fs.SetOutput(out); fs.Usage = usageFn }()
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				help := out
				if o, ok := out.(helpOut); ok {
					help = o.stdout
				}
				fs.SetOutput(help)
				usageFn()
				return nil, ExitOK, false
			}
			fmt.Fprintf(out, "ecps-assist %s: %s\n\n", fs.Name(), kb.InertLine(err.Error()))
			fs.SetOutput(out)
			usageFn()
			return nil, ExitUsage, false
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, 0, true
		}
		if args[0] == "--" {
			return append(pos, args[1:]...), 0, true
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// helpOut is a subcommand's flag output: stderr, knowing the stdout that
// -h writes to.
type helpOut struct {
	io.Writer
	stdout io.Writer
}

// Write makes the flag package's messages inert: they quote the bad flag
// as typed.
func (h helpOut) Write(p []byte) (int, error) {
	if _, err := io.WriteString(h.Writer, kb.Inert(string(p))); err != nil {
		return 0, err
	}
	return len(p), nil
}

func usageErr(c *ctx, fs *flag.FlagSet, format string, a ...any) int {
	fmt.Fprintf(c.env.Stderr, "ecps-assist %s: %s\n\n", fs.Name(), kb.InertLine(fmt.Sprintf(format, a...)))
	fs.Usage()
	return ExitUsage
}

// writeJSON prints v as indented JSON. encoding/json escapes C0 controls
// (ESC becomes \u001b) but writes C1 controls (U+0080–U+009F, e.g. the
// one-character CSI U+009B) raw: those are escaped too, so JSON printed on a
// terminal is as inert as the text output.
func writeJSON(w io.Writer, v any) int {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return ExitFail
	}
	out := buf.Bytes()
	if bytes.IndexByte(out, 0xC2) >= 0 {
		var esc bytes.Buffer
		for i := 0; i < len(out); i++ {
			if out[i] == 0xC2 && i+1 < len(out) && out[i+1] >= 0x80 && out[i+1] <= 0x9F {
				fmt.Fprintf(&esc, "\\u%04x", out[i+1])
				i++
				continue
			}
			esc.WriteByte(out[i])
		}
		out = esc.Bytes()
	}
	if _, err := w.Write(out); err != nil {
		return ExitFail
	}
	return ExitOK
}

// stdinHint tells, on stderr, that a ticket is about to be read from stdin
// when stdin is a terminal (else the command would wait silently for
// input); a pipe or a file is read silently.
func (c *ctx) stdinHint(prefix, name string) {
	if c.env.StdinIsTerminal && (name == "-" || name == "") {
		fmt.Fprintf(c.env.Stderr, "%s: reading the ticket from stdin; end with Ctrl+D\n", prefix)
	}
}

// readInput reads a file, or stdin for "-", bounded in size.
func readInput(stdin io.Reader, name string) (string, error) {
	var r io.Reader
	if name == "-" || name == "" {
		r = stdin
		name = "stdin"
	} else {
		f, err := os.Open(name)
		if err != nil {
			return "", fmt.Errorf("cannot read %s: %v", kb.InertLine(name), unwrapErr(err))
		}
		defer f.Close()
		r = f
	}
	data, err := io.ReadAll(io.LimitReader(r, MaxTicket+1))
	if err != nil {
		return "", fmt.Errorf("cannot read %s: %v", kb.InertLine(name), unwrapErr(err))
	}
	if len(data) > MaxTicket {
		return "", fmt.Errorf("%s is larger than %d bytes: paste the relevant part of the ticket", kb.InertLine(name), MaxTicket)
	}
	return strings.ReplaceAll(string(data), "\r\n", "\n"), nil
}

// MaxTicket bounds a ticket's size: a ticket is a few paragraphs; 1 MiB is
// generous and keeps triage instant.
const MaxTicket = 1 << 20

func unwrapErr(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func cmdVersion(c *ctx, args []string) int {
	fs := c.flags("version", "", "Print the version and the size of the knowledge base.")
	if _, code, ok := parse(fs, args); !ok {
		return code
	}
	k := c.kb()
	if k == nil {
		return ExitFail
	}
	fmt.Fprintf(c.env.Stdout, "ecps-assist %s (knowledge: %d entries, %d trees)\n", Version, len(k.Entries), len(k.Trees))
	return ExitOK
}
