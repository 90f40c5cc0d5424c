package batch

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"ecps-assist/diagnose"
	"ecps-assist/kb"
	"ecps-assist/kb/search"
)

// Result is one line of a batch's output: the verdict on a ticket, or the
// bad line (Error and ErrorKind set, nothing else but Line and ID).
type Result struct {
	Line        int                 `json:"line"`
	ID          string              `json:"id"`
	Confidence  diagnose.Confidence `json:"confidence,omitempty"`
	Trees       []diagnose.Match    `json:"trees"`
	Entries     []diagnose.Match    `json:"entries"`
	Identifiers []diagnose.IDResult `json:"identifiers"`
	// Gaps, Unexplained and Parts are those of triage --json, omitted
	// when empty.
	Gaps        []diagnose.Gap  `json:"gaps,omitempty"`
	Unexplained []string        `json:"unexplained,omitempty"`
	Parts       []diagnose.Part `json:"parts,omitempty"`
	// Words are the distinct words of a ticket the knowledge does not
	// answer (confidence low or none), at most MaxWords, first seen
	// first: what the report counts to tell what to write next.
	Words     []string `json:"words,omitempty"`
	Error     string   `json:"error,omitempty"`
	ErrorKind string   `json:"error_kind,omitempty"`
}

// badResult is how a bad line is written: no empty verdict fields.
type badResult struct {
	Line      int    `json:"line"`
	ID        string `json:"id,omitempty"`
	Error     string `json:"error"`
	ErrorKind string `json:"error_kind"`
}

// MaxWords bounds Result.Words.
const MaxWords = 32

// Options of a batch run.
type Options struct {
	KB *kb.KB
	// Index, when not nil, is shared by the workers; else each worker
	// builds its own from KB (see Run).
	Index *search.Index
	Limit int // trees and entries per ticket; 3 when ≤ 0
	Jobs  int // workers; runtime.NumCPU() when ≤ 0
	// Problems receives one line per bad input line ("line N: …"); nil
	// discards them (they are counted and written to the output anyway).
	Problems io.Writer
	// Progress, when not nil (stderr on a terminal), receives a progress
	// line rewritten in place; Size is the input's size in bytes when
	// known (for the time left), else 0.
	Progress io.Writer
	Size     int64
	// Summary, when not nil, is fed every result, in input order.
	Summary *Summary
}

// Stats are the counts of a run.
type Stats struct {
	Tickets int // triaged
	Bad     int // bad lines
}

// chunk is a run of consecutive records, triaged by one worker: handing
// records over one by one costs a goroutine wake-up each, which on a busy
// machine waits for the OS scheduler.
type chunk struct {
	recs []Record
	res  []Result
	out  [][]byte
	done chan struct{}
}

// Chunks hold up to chunkRecords records, or chunkBytes of text.
const (
	chunkRecords = 64
	chunkBytes   = 256 << 10
)

// Run triages every record of r and writes one JSON line per record to w,
// in input order, with opts.Jobs workers. Memory is bounded: at most
// 4·jobs+4 chunks of records are in flight. It stops early when ctx is
// done or w fails, returning the error; bad records never stop it.
func Run(ctx context.Context, r Reader, w io.Writer, opts Options) (Stats, error) {
	jobs := opts.Jobs
	if jobs <= 0 {
		jobs = runtime.NumCPU()
	}
	limit := opts.Limit
	if limit <= 0 {
		limit = 3
	}
	// One index for every worker: it is read-only once built.
	ix := opts.Index
	if ix == nil {
		ix = search.NewIndex(opts.KB)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	work := make(chan *chunk, jobs)
	order := make(chan *chunk, 4*jobs+4)
	var wg sync.WaitGroup
	for range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for c := range work {
				for _, rec := range c.recs {
					res, out := triage(ix, opts.KB, rec, limit)
					c.res, c.out = append(c.res, res), append(c.out, out)
				}
				close(c.done)
			}
		}()
	}
	go func() { // reader
		defer close(order)
		defer close(work)
		for {
			c := &chunk{done: make(chan struct{})}
			size := 0
			for len(c.recs) < chunkRecords && size < chunkBytes && ctx.Err() == nil {
				rec, ok := r.Next()
				if !ok {
					break
				}
				c.recs = append(c.recs, rec)
				size += len(rec.Text)
			}
			if len(c.recs) == 0 {
				return
			}
			select {
			case order <- c:
			case <-ctx.Done():
				return
			}
			work <- c
		}
	}()

	var st Stats
	var done atomic.Int64
	stopProgress := startProgress(opts.Progress, &done, r, opts.Size)
	bw := bufio.NewWriterSize(w, 64<<10)
	var werr error
	for c := range order {
		<-c.done
		for i := range c.recs {
			if werr != nil {
				break // drain
			}
			rec := &c.recs[i]
			if rec.Problem != "" {
				st.Bad++
				if opts.Problems != nil {
					id := ""
					if rec.ID != "" {
						id = fmt.Sprintf(" (id %s)", rec.ID)
					}
					fmt.Fprintf(opts.Problems, "line %d%s: %s\n", rec.Line, id, rec.Err)
				}
			} else {
				st.Tickets++
			}
			if opts.Summary != nil {
				opts.Summary.Add(&c.res[i])
			}
			if _, err := bw.Write(c.out[i]); err != nil {
				werr = err
				cancel()
			}
			done.Add(1)
		}
	}
	wg.Wait()
	stopProgress()
	if werr == nil {
		werr = bw.Flush()
	}
	if werr == nil {
		werr = r.Err()
	}
	if werr == nil {
		werr = ctx.Err()
		if err := context.Cause(ctx); werr != nil && err != nil {
			werr = err
		}
	}
	return st, werr
}

// triage makes the result of one record and its JSON line.
func triage(ix *search.Index, k *kb.KB, rec Record, limit int) (Result, []byte) {
	if rec.Problem != "" {
		res := Result{Line: rec.Line, ID: rec.ID, Error: rec.Err, ErrorKind: rec.Problem}
		return res, encode(badResult{Line: rec.Line, ID: rec.ID, Error: rec.Err, ErrorKind: rec.Problem})
	}
	f := diagnose.Triage(ix, k, rec.Text, limit)
	res := Result{
		Line: rec.Line, ID: rec.ID, Confidence: f.Confidence,
		Trees: f.Trees, Entries: f.Entries, Identifiers: f.Identifiers,
		Gaps: f.Gaps, Unexplained: f.Unexplained, Parts: f.Parts,
	}
	if f.Confidence != diagnose.ConfHigh {
		res.Words = Words(rec.Text, MaxWords)
	}
	return res, encode(res)
}

// Words returns the distinct words of a ticket worth counting, first seen
// first, at most max: its tokens (folded, stop words, greetings and
// numbers removed) of 3 letters or more; max > 0.
func Words(text string, max int) []string {
	var out []string
	search.EachToken(diagnose.MaskNumbers(text), func(t string) bool {
		if utf8.RuneCountInString(t) < 3 || strings.ContainsAny(t, "0123456789") || slices.Contains(out, t) {
			return true
		}
		out = append(out, t)
		return len(out) < max // the rest of a long ticket is not read
	})
	return out
}

// encode is one JSON line. encoding/json escapes C0 controls but writes
// C1 controls (U+0080–U+009F) raw: the ticket's text was made inert where
// it entered, but titles come from the knowledge (a --kb directory), so
// C1 controls are escaped here too, as triage --json does.
func encode(v any) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return []byte(fmt.Sprintf("{\"error\":%q,\"error_kind\":\"internal\"}\n", err.Error()))
	}
	return kb.EscapeC1JSON(buf.Bytes())
}

// startProgress rewrites a progress line on w every 250 ms: tickets done,
// rate, and the time left when the input's size is known. The returned
// function stops it and clears the line.
func startProgress(w io.Writer, done *atomic.Int64, r Reader, size int64) func() {
	if w == nil {
		return func() {}
	}
	stop := make(chan struct{})
	finished := make(chan struct{})
	start := time.Now()
	go func() {
		defer close(finished)
		t := time.NewTicker(250 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-stop:
				fmt.Fprint(w, "\r\x1b[K")
				return
			case <-t.C:
				fmt.Fprint(w, "\r"+progressLine(done.Load(), time.Since(start), r.Offset(), size)+"\x1b[K")
			}
		}
	}()
	return func() { close(stop); <-finished }
}

// progressLine is "12 345 tickets · 6 100/s · 42 % · about 9 s left".
func progressLine(n int64, elapsed time.Duration, off, size int64) string {
	s := fmt.Sprintf("%d tickets", n)
	secs := elapsed.Seconds()
	if secs > 0 {
		s += fmt.Sprintf(" · %.0f/s", float64(n)/secs)
	}
	if size > 0 && off > 0 && off <= size {
		frac := float64(off) / float64(size)
		s += fmt.Sprintf(" · %.0f %%", 100*frac)
		if frac > 0.01 {
			left := time.Duration(secs*(1-frac)/frac) * time.Second
			s += fmt.Sprintf(" · about %s left", left.Round(time.Second))
		}
	}
	return s
}
