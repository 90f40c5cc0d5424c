// Package cli implements the ecps-assist command line on cobra: the
// scriptable commands (list, show, lint, trees, diagnose, check-id, search,
// triage, version…) and the launch of the TUI. main only hands it the
// process.
//
// Every command follows one pattern (that of cli/cli's pkg/cmd):
//
//   - an XOptions struct holding its flags, its arguments and what it needs
//     from the process (IO, the knowledge loader);
//   - newCmdX(f, runF) builds the cobra command, checks the arguments and
//     calls runF(opts) (tests pass their own runF to check parsing alone),
//     else xRun(opts);
//   - xRun(opts) does the work, writes to opts.IO and returns an error, never
//     an exit code: nil, or an *Error carrying the code.
//
// Errors are turned into stderr output and an exit code in one place, Run.
package cli

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
	"syscall"
	"unicode/utf8"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"ecps-assist/config"
	"ecps-assist/diagnose"
	"ecps-assist/journal"
	"ecps-assist/kb"
)

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
	// Getenv reads the environment (os.Getenv); nil is an empty
	// environment: no configuration file, no home.
	Getenv func(string) string
}

// TUIOptions tells the TUI where to open.
type TUIOptions struct {
	KB *kb.KB
	// Load, when KB is nil, loads the knowledge once the interface is on
	// screen (k, the warning to show, or the error to exit with).
	Load   func() (k *kb.KB, warn string, err error)
	TreeID string
	Ticket string // ticket text to triage, when --ticket was given
	Warn   string // a warning to show (e.g. a broken --kb override)
	Theme  string // --theme: auto, light, dark ("" reads the configuration)
	// Config is the configuration read (defaults for what it lacks).
	Config config.Config
	// ExportDir is where transcripts go: ECPS_ASSIST_EXPORT_DIR, else the
	// export_dir key, else ~/ecps-assist/transcripts ("" without a home).
	ExportDir string
	// Reply is the template of the « Réponse au client » (greeting,
	// signature and agent from the configuration).
	Reply diagnose.ReplyTemplate
	// Journal is the journal as configured; Resume, a diagnosis to reopen.
	Journal journal.Spec
	Resume  int64
}

// Exit codes.
const (
	ExitOK      = 0
	ExitFail    = 1 // lint problems, invalid identifier, unreadable file, write error…
	ExitUsage   = 2
	ExitPending = 3 // diagnose: no conclusion reached yet
	// triage --batch stopped by a signal (128 + its number, as shells say).
	ExitInterrupted = 130 // SIGINT
	ExitTerminated  = 143 // SIGTERM
)

// Error is the one error type of the command line: what to say on stderr
// and the exit code. Run prints Msg as "ecps-assist CMD: Msg" (nothing when
// Msg is empty: the command already said it, or the code says it all),
// then the command's usage when Usage is set.
type Error struct {
	Code  int
	Msg   string
	Usage bool
}

func (e *Error) Error() string { return e.Msg }

// usageErrorf is a usage error (exit 2, the usage follows).
func usageErrorf(format string, a ...any) error {
	return &Error{Code: ExitUsage, Msg: fmt.Sprintf(format, a...), Usage: true}
}

// failf is a failure (exit 1) with a message.
func failf(format string, a ...any) error {
	return &Error{Code: ExitFail, Msg: fmt.Sprintf(format, a...)}
}

// exitCode is a silent exit with a code: the output said it all (lint
// problems, an invalid identifier, a pending diagnosis).
func exitCode(code int) error { return &Error{Code: code} }

// IOStreams are the streams a command reads and writes. Out is buffered by
// Run and flushed once at the end.
type IOStreams struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer
	// InIsTerminal: reading a ticket from In says so first.
	InIsTerminal bool
}

// stdinHint tells, on stderr, that a ticket is about to be read from stdin
// when stdin is a terminal (else the command would wait silently for
// input); a pipe or a file is read silently.
func (s *IOStreams) stdinHint(prefix, name string) {
	if s.InIsTerminal && (name == "-" || name == "") {
		fmt.Fprintf(s.ErrOut, "%s: reading the ticket from stdin; end with Ctrl+D\n", prefix)
	}
}

// factory holds what the commands share: the streams, the process, the
// configuration and the knowledge base, each loaded once on first use.
type factory struct {
	env    Env
	io     *IOStreams
	getenv config.Env
	kbDir  string // --kb

	cfg       config.Config
	cfgLoaded bool
	// quiet: configuration problems are not printed (shell completion).
	quiet bool

	k      *kb.KB
	kbErr  error
	loaded bool
	// ignored counts the problems of extra knowledge that was ignored.
	ignored int
}

// Config reads the configuration file once. Its problems (unknown keys,
// wrong types, as file:line:col) are printed once on stderr and the tool
// goes on with the defaults for those keys.
func (f *factory) Config() config.Config {
	if f.cfgLoaded {
		return f.cfg
	}
	f.cfgLoaded = true
	cfg, probs := config.Load(config.Path(f.getenv))
	f.cfg = cfg
	if !f.quiet {
		for _, p := range probs {
			fmt.Fprintf(f.io.ErrOut, "ecps-assist: warning: %s (ignored: default used)\n", p)
		}
	}
	return cfg
}

// KBDirs are the extra knowledge directories: the configured ones (kb:),
// then --kb.
func (f *factory) KBDirs() []string {
	dirs := f.Config().KBDirs(f.getenv)
	if f.kbDir != "" {
		dirs = append(dirs, f.kbDir)
	}
	return dirs
}

// kbLabel names the extra knowledge for messages: "--kb DIR", "configured
// kb DIR, DIR", or both.
func (f *factory) kbLabel() string {
	var parts []string
	if cfg := f.Config().KBDirs(f.getenv); len(cfg) > 0 {
		parts = append(parts, "configured kb "+strings.Join(cfg, ", "))
	}
	if f.kbDir != "" {
		parts = append(parts, "--kb "+f.kbDir)
	}
	return strings.Join(parts, " and ")
}

// lintHint is the command that lists the problems of the extra knowledge.
func (f *factory) lintHint() string {
	if f.kbDir != "" {
		return "ecps-assist --kb " + f.kbDir + " lint"
	}
	return "ecps-assist lint"
}

// Ignored is the number of problems of extra knowledge that KB set aside.
func (f *factory) Ignored() int { return f.ignored }

// KB loads the knowledge base once. Broken extra knowledge is reported on
// stderr and ignored (the embedded KB is used); lint reports it in full.
func (f *factory) KB() (*kb.KB, error) {
	if f.loaded {
		return f.k, f.kbErr
	}
	f.loaded = true
	k, probs, fallback := kb.LoadDirsCached(f.KBDirs(), config.CacheDir(f.getenv))
	if fallback {
		errs := probs.Errors()
		f.ignored = len(errs)
		if !f.quiet {
			fmt.Fprintf(f.io.ErrOut, "ecps-assist: warning: %s ignored: %d problem(s); first: %s\n  run \"%s\" for the full list\n",
				f.kbLabel(), len(errs), errs[0], f.lintHint())
		}
	} else if errs := probs.Errors(); len(errs) > 0 {
		f.kbErr = failf("the embedded knowledge base is invalid:\n%s", errs.Error())
		return nil, f.kbErr
	}
	f.k = k
	return k, nil
}

// Run executes the command line and returns the exit code.
func Run(env Env) (code int) {
	out := bufio.NewWriterSize(env.Stdout, 64<<10)
	// stderr carries messages only (errors, warnings, hints, a batch's
	// report): it is made inert here, once, whatever they quote (a file
	// name, an argument, an error of the system). The progress line of a
	// batch, which moves the cursor, writes to env.Stderr itself.
	errOut := &inertWriter{w: env.Stderr}
	defer errOut.Flush()
	defer func() {
		if r := recover(); r != nil {
			out.Flush()
			fmt.Fprintf(errOut, "ecps-assist: internal error: %v\n", r)
			code = ExitFail
		}
	}()
	getenv := env.Getenv
	if getenv == nil {
		getenv = func(string) string { return "" }
	}
	f := &factory{env: env, getenv: getenv, io: &IOStreams{In: env.Stdin, Out: out, ErrOut: errOut, InIsTerminal: env.StdinIsTerminal}}
	root := newRoot(f, env.Args)
	root.SetArgs(normalizeArgs(root, env.Args))
	cmd, err := root.ExecuteC()
	werr := out.Flush()
	code = report(errOut, cmd, err)
	if werr != nil {
		if errors.Is(werr, syscall.EPIPE) {
			// The reader went away (| head): not worth a message.
			return ExitFail
		}
		fmt.Fprintf(errOut, "ecps-assist: cannot write the output: %s\n", unwrapErr(werr))
		return ExitFail
	}
	return code
}

// report is the one place errors become output and exit codes; w is
// Run's inert stderr. An error
// that is not an *Error comes from cobra's parsing (an unknown flag, a
// flag's bad value): a usage error.
func report(w io.Writer, cmd *cobra.Command, err error) int {
	if err == nil {
		return ExitOK
	}
	var e *Error
	if !errors.As(err, &e) {
		e = &Error{Code: ExitUsage, Msg: err.Error(), Usage: true}
	}
	prefix := "ecps-assist"
	if cmd != nil {
		prefix = cmd.CommandPath()
	}
	if e.Msg != "" {
		fmt.Fprintf(w, "%s: %s\n", prefix, e.Msg)
	}
	if e.Usage && cmd != nil {
		fmt.Fprintf(w, "\n%s", cmd.UsageString())
	}
	return e.Code
}

// normalizeArgs keeps the flags of the standard flag package working: a
// long flag written with one dash (-json, -kb=DIR) becomes --json,
// --kb=DIR, as does any other word of one dash and several letters (the
// only shorthands, -h and -v, take no value and are not combined), so
// that an unknown one is reported as --name. A flag's value is left as
// it is (--name -x), as is everything after "--". The flags that take a
// value are those of root and of the command the line names, the ones
// cobra will parse.
func normalizeArgs(root *cobra.Command, args []string) []string {
	single := false // an argument -xy… before any --
	for _, a := range args {
		if a == "--" {
			break
		}
		single = single || len(a) > 2 && a[0] == '-' && a[1] != '-'
	}
	if !single {
		return args // nothing to rewrite
	}
	sets := []*pflag.FlagSet{root.Flags(), root.PersistentFlags()}
	if name := commandWord(root, args); name != "" {
		for _, c := range root.Commands() {
			if c.Name() == name {
				sets = append(sets, c.Flags(), c.PersistentFlags())
			}
		}
	}
	takesValue := func(name string) bool {
		for _, fs := range sets {
			if fl := fs.Lookup(name); fl != nil {
				return fl.NoOptDefVal == ""
			}
		}
		return false
	}
	out := make([]string, 0, len(args))
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			return append(out, args[i:]...)
		}
		if name, _, _ := strings.Cut(a, "="); len(name) > 2 && a[0] == '-' && a[1] != '-' {
			a = "-" + a // not -v=true, a shorthand's
		}
		out = append(out, a)
		if name, _, hasValue := strings.Cut(strings.TrimPrefix(a, "--"), "="); strings.HasPrefix(a, "--") && !hasValue && takesValue(name) && i+1 < len(args) {
			i++
			out = append(out, args[i]) // its value, as written
		}
	}
	return out
}

// writeJSON prints v as indented JSON. encoding/json escapes C0 controls
// (ESC becomes \u001b) but writes C1 controls (U+0080–U+009F, e.g. the
// one-character CSI U+009B) raw: those are escaped too, so JSON printed on a
// terminal is as inert as the text output.
func writeJSON(w io.Writer, v any) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return failf("cannot encode JSON: %v", err)
	}
	out := kb.EscapeC1JSON(buf.Bytes())
	w.Write(out) // a write error is sticky in the buffered stdout: Run reports it
	return nil
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
			return "", fmt.Errorf("cannot read %s: %v", name, unwrapErr(err))
		}
		defer f.Close()
		r = f
	}
	data, err := io.ReadAll(io.LimitReader(r, MaxTicket+1))
	if err != nil {
		return "", fmt.Errorf("cannot read %s: %v", name, unwrapErr(err))
	}
	if len(data) > MaxTicket {
		return "", fmt.Errorf("%s is larger than %d bytes: paste the relevant part of the ticket", name, MaxTicket)
	}
	// a ticket enters here: made inert once for every output
	return kb.Inert(strings.ReplaceAll(string(data), "\r\n", "\n")), nil
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

// inertWriter writes what it is given made inert (kb.Inert): the one exit
// of stderr. A UTF-8 sequence cut between two writes is kept for the
// next; Flush writes what is left of one.
type inertWriter struct {
	w     io.Writer
	carry []byte
}

func (w *inertWriter) Write(p []byte) (int, error) {
	b := append(w.carry, p...)
	cut := len(b)
	for i := len(b) - 1; i >= 0 && i >= len(b)-utf8.UTFMax+1; i-- {
		if utf8.RuneStart(b[i]) {
			if !utf8.FullRune(b[i:]) {
				cut = i
			}
			break
		}
	}
	w.carry = append([]byte(nil), b[cut:]...)
	if _, err := io.WriteString(w.w, kb.Inert(string(b[:cut]))); err != nil {
		return 0, err
	}
	return len(p), nil
}

// Flush writes a UTF-8 sequence left incomplete by the last write.
func (w *inertWriter) Flush() error {
	if len(w.carry) == 0 {
		return nil
	}
	s := kb.Inert(string(w.carry))
	w.carry = nil
	_, err := io.WriteString(w.w, s)
	return err
}
