package cli

// triage --batch and report: the flags and the I/O; the work is in
// package batch. Wiring: addBatchFlags and the Batch test in newCmdTriage,
// newCmdReport in newRoot.

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"syscall"

	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"ecps-assist/batch"
	"ecps-assist/kb"
)

// BatchOptions are the flags of triage --batch.
type BatchOptions struct {
	IO *IOStreams
	KB func() (*kb.KB, error)
	// Stdout and Stderr are the process's own (IO buffers stdout), to
	// tell a terminal.
	Stdout, Stderr io.Writer

	Batch         bool
	Input         string // file, or "-" for stdin
	Format        string // jsonl or csv
	IDField       string
	TextField     string // comma-separated
	Out           string // "" for stdout
	Jobs, Limit   int
	Summary       bool
	SummaryFormat string
	// Getenv reads GOGC and GOMEMLIMIT (see tuneGC); nil: none set.
	Getenv func(string) string
}

// addBatchFlags adds the flags of --batch to the triage command.
func addBatchFlags(cmd *cobra.Command, f *factory) *BatchOptions {
	o := &BatchOptions{IO: f.io, KB: f.KB, Stdout: f.env.Stdout, Stderr: f.env.Stderr, Getenv: f.getenv}
	fl := cmd.Flags()
	fl.BoolVar(&o.Batch, "batch", false, "triage a ticket export: JSON lines ({\"id\", \"text\"}) or CSV with a header,\none JSON verdict a line out, in input order; bad lines are reported\non stderr with their number, written as {\"line\", \"error\",\n\"error_kind\"}, and make the exit code 1")
	fl.StringVar(&o.Format, "format", "jsonl", "--batch input `FORMAT`: jsonl or csv")
	fl.StringVar(&o.IDField, "id-field", "id", "--batch: the id `FIELD` (JSON key or CSV column)")
	fl.StringVar(&o.TextField, "text-field", "text", "--batch: the text `FIELDS`, comma-separated, joined with a blank line")
	fl.StringVar(&o.Out, "out", "", "--batch: write the lines to `FILE` (a temporary file renamed at the end)")
	fl.IntVar(&o.Jobs, "jobs", 0, fmt.Sprintf("--batch: `N` workers, 1 to %d; 0 (the default): one per CPU", maxJobs))
	fl.BoolVar(&o.Summary, "summary", false, "--batch: print the report of the batch, on stderr (on stdout with --out)")
	fl.StringVar(&o.SummaryFormat, "summary-format", "text", "--batch: report `FORMAT`: text, md, json or html")
	return o
}

// batchOnlyFlags are the flags addBatchFlags adds that mean nothing
// without --batch, in the order of the help.
var batchOnlyFlags = []string{"format", "id-field", "text-field", "out", "jobs", "summary", "summary-format"}

// checkBatchOnly refuses a flag of --batch given without it: triage of one
// ticket would silently ignore it (--out would write nothing, --format csv
// would read the CSV as a ticket).
func checkBatchOnly(cmd *cobra.Command) error {
	for _, name := range batchOnlyFlags {
		if cmd.Flags().Changed(name) {
			return usageErrorf("--%s needs --batch", name)
		}
	}
	return nil
}

// checkLimit checks --limit (search, triage, triage --batch).
func checkLimit(limit int) error {
	if limit < 1 {
		return usageErrorf("--limit %d: expected at least 1", limit)
	}
	return nil
}

// maxJobs bounds --jobs: each worker holds chunks of tickets in flight.
const maxJobs = 256

// errBadLines says the run went through but some input lines were bad.
var errBadLines = errors.New("bad lines")

// errStdout wraps an error writing stdout: Run reports it when it flushes
// stdout (the error is sticky there), so the batch says nothing more.
var errStdout = errors.New("stdout could not be written")

// stdoutWriter keeps the first error of writing stdout, to tell it from the
// other errors of a batch (reading the input, writing --out).
type stdoutWriter struct {
	w   io.Writer
	err error
}

func (s *stdoutWriter) Write(p []byte) (int, error) {
	n, err := s.w.Write(p)
	if err != nil && s.err == nil {
		s.err = err
	}
	return n, err
}

// triageBatch checks the flags of triage --batch and runs it.
func triageBatch(o *BatchOptions, args []string, limit int) error {
	if len(args) > 1 {
		return usageErrorf("expected one file (or - for stdin), got %d", len(args))
	}
	if o.Format != "jsonl" && o.Format != "csv" {
		return usageErrorf("--format must be jsonl or csv, got %q", o.Format)
	}
	if o.Jobs < 0 || o.Jobs > maxJobs {
		return usageErrorf("--jobs %d: expected 0 (one per CPU) to %d", o.Jobs, maxJobs)
	}
	if err := checkLimit(limit); err != nil {
		return err
	}
	if !slices.Contains(batch.Formats, o.SummaryFormat) {
		return usageErrorf("--summary-format must be one of %s, got %q", strings.Join(batch.Formats, ", "), o.SummaryFormat)
	}
	if len(o.fields().Text) == 0 {
		return usageErrorf("--text-field names no field")
	}
	o.Limit = limit
	o.Input = "-"
	if len(args) == 1 {
		o.Input = args[0]
	}
	k, err := o.KB()
	if err != nil {
		return err
	}
	o.IO.stdinHint("ecps-assist triage --batch", o.Input)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(sigs)
	caught := make(chan os.Signal, 1)
	go func() {
		select {
		case s := <-sigs:
			caught <- s
			cancel()
		case <-ctx.Done():
		}
	}()
	err = runTriageBatch(ctx, k, o)
	select {
	case s := <-caught:
		// Interrupted: not « bad lines » (1), which wrappers accept.
		fmt.Fprintf(o.IO.ErrOut, "ecps-assist triage --batch: interrupted (%v): the output is incomplete\n", s)
		if s == syscall.SIGTERM {
			return exitCode(ExitTerminated)
		}
		return exitCode(ExitInterrupted)
	default:
	}
	switch {
	case err == nil:
		return nil
	case errors.Is(err, errBadLines):
		return exitCode(ExitFail)
	case errors.Is(err, syscall.EPIPE):
		return exitCode(ExitFail) // the reader went away (| head)
	case errors.Is(err, errStdout):
		// Run says it once: "cannot write the output: …".
		return exitCode(ExitFail)
	}
	return failf("%v", err)
}

func (o *BatchOptions) fields() batch.Fields {
	f := batch.Fields{ID: strings.TrimSpace(o.IDField)}
	for _, t := range strings.Split(o.TextField, ",") {
		if t = strings.TrimSpace(t); t != "" {
			f.Text = append(f.Text, t)
		}
	}
	return f
}

// terminal reports whether w is a terminal, and its width (0 if not).
func terminal(w io.Writer) (bool, int) {
	f, ok := w.(*os.File)
	if !ok || !term.IsTerminal(f.Fd()) {
		return false, 0
	}
	width, _, err := term.GetSize(f.Fd())
	if err != nil {
		return true, 0
	}
	return true, width
}

// runTriageBatch runs a batch: it returns errBadLines when it went
// through with bad lines, another error when it could not.
func runTriageBatch(ctx context.Context, k *kb.KB, o *BatchOptions) (err error) {
	sw := &stdoutWriter{w: o.IO.Out}
	defer func() {
		if err != nil && sw.err != nil && errors.Is(err, sw.err) {
			err = fmt.Errorf("%w: %w", errStdout, err)
		}
	}()
	stdout, stderr := io.Writer(sw), o.IO.ErrOut
	in, size := o.IO.In, int64(0)
	if o.Input != "-" {
		f, err := os.Open(o.Input)
		if err != nil {
			return fmt.Errorf("cannot read %s: %v", o.Input, unwrapErr(err))
		}
		defer f.Close()
		if st, err := f.Stat(); err == nil && st.Mode().IsRegular() {
			size = st.Size()
		}
		in = f
	}
	var r batch.Reader
	if o.Format == "csv" {
		cr, err := batch.NewCSVReader(in, o.fields())
		if err != nil {
			return err
		}
		r = cr
	} else {
		r = batch.NewJSONLReader(in, o.fields())
	}
	opts := batch.Options{KB: k, Limit: o.Limit, Jobs: o.Jobs, Problems: stderr, Size: size}
	if progress, _ := terminal(o.Stderr); progress {
		// the progress line moves the cursor (\r, erase to the end of
		// the line): it writes to the terminal itself, not through the
		// inert stderr that carries the messages
		opts.Progress = o.Stderr
	}
	if o.Summary {
		opts.Summary = batch.NewSummary()
	}
	w, commit, abort, err := output(o.Out, stdout)
	if err != nil {
		return err
	}
	defer tuneGC(o.Getenv)()
	st, err := batch.Run(ctx, r, w, opts)
	if err != nil {
		abort()
		return err
	}
	if err := commit(); err != nil {
		return err
	}
	if o.Summary {
		dst, tty := stderr, o.Stderr
		if o.Out != "" {
			dst, tty = stdout, o.Stdout
		}
		_, width := terminal(tty)
		if err := opts.Summary.Report().Write(dst, o.SummaryFormat, width); err != nil {
			return err
		}
	}
	if st.Bad > 0 {
		fmt.Fprintf(stderr, "ecps-assist triage --batch: %d tickets, %d bad lines\n", st.Tickets, st.Bad)
		return errBadLines
	}
	return nil
}

// output is stdout, or a temporary file next to path that commit renames
// to path (abort removes it): the file appears whole or not at all.
func output(path string, stdout io.Writer) (w io.Writer, commit func() error, abort func(), err error) {
	if path == "" {
		return stdout, func() error { return nil }, func() {}, nil
	}
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, "."+base+".tmp-*")
	if err != nil {
		return nil, nil, nil, fmt.Errorf("cannot write %s: %v", path, unwrapErr(err))
	}
	abort = func() { f.Close(); os.Remove(f.Name()) }
	commit = func() error {
		if err := f.Sync(); err != nil {
			abort()
			return fmt.Errorf("cannot write %s: %v", path, unwrapErr(err))
		}
		if err := f.Close(); err != nil {
			os.Remove(f.Name())
			return fmt.Errorf("cannot write %s: %v", path, unwrapErr(err))
		}
		if err := os.Rename(f.Name(), path); err != nil {
			os.Remove(f.Name())
			return fmt.Errorf("cannot write %s: %v", path, unwrapErr(err))
		}
		return nil
	}
	return f, commit, abort, nil
}

// ReportOptions are the flags of report.
type ReportOptions struct {
	IO     *IOStreams
	Stdout io.Writer // the process's own, to tell a terminal
	Input  string    // a batch's output, or "-"
	Format string
}

func newCmdReport(f *factory, runF func(*ReportOptions) error) *cobra.Command {
	opts := &ReportOptions{IO: f.io, Stdout: f.env.Stdout}
	cmd := &cobra.Command{
		Use:   "report [FILE.jsonl|-]",
		Short: "report on the output of triage --batch",
		Long: "Report on the output of triage --batch: counts and shares per tree and confidence band, identifier problems\n" +
			"by kind, known questions the answers do not cover, the most frequent words of the tickets the knowledge does\n" +
			"not answer. html is one self-contained page (inline CSS and SVG, no script).",
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) > 1 {
				return usageErrorf("expected one file (or - for stdin), got %d", len(args))
			}
			if !slices.Contains(batch.Formats, opts.Format) {
				return usageErrorf("--format must be one of %s, got %q", strings.Join(batch.Formats, ", "), opts.Format)
			}
			opts.Input = "-"
			if len(args) == 1 {
				opts.Input = args[0]
			}
			if runF != nil {
				return runF(opts)
			}
			return reportRun(opts)
		},
	}
	cmd.Flags().StringVar(&opts.Format, "format", "text", "`FORMAT`: text, md, json or html")
	return cmd
}

// reportRun reads a batch's output and writes its report; lines that are
// not results are said on stderr and make the exit code 1.
func reportRun(o *ReportOptions) error {
	in := o.IO.In
	if o.Input != "-" {
		f, err := os.Open(o.Input)
		if err != nil {
			return failf("cannot read %s: %v", o.Input, unwrapErr(err))
		}
		defer f.Close()
		in = f
	}
	s := batch.NewSummary()
	bad, err := batch.ReadResults(in, s, o.IO.ErrOut)
	if err != nil {
		return failf("%v", err)
	}
	_, width := terminal(o.Stdout)
	if err := s.Report().Write(o.IO.Out, o.Format, width); err != nil {
		return failf("%v", err)
	}
	if bad > 0 {
		return failf("%d lines were not batch results", bad)
	}
	return nil
}

// tuneGC lets a batch's heap grow to 64 MiB before collecting, unless
// GOGC or GOMEMLIMIT say otherwise: a batch allocates a few hundred
// kilobytes a ticket, almost all short-lived, and the default (collect
// when the heap doubles a live heap of ~15 MB) spent a quarter of the
// run collecting. The peak RSS stays under the 100 MB target. It returns
// the function that restores the previous settings.
func tuneGC(getenv func(string) string) func() {
	if getenv != nil && (getenv("GOGC") != "" || getenv("GOMEMLIMIT") != "") {
		return func() {}
	}
	limit := debug.SetMemoryLimit(batchHeapLimit)
	pct := debug.SetGCPercent(batchGCPercent)
	return func() {
		debug.SetGCPercent(pct)
		debug.SetMemoryLimit(limit)
	}
}

const (
	batchHeapLimit = 64 << 20
	batchGCPercent = 400
)
