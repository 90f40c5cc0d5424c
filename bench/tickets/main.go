// Command tickets writes seeded synthetic support tickets, as a ticketing
// tool would export them: JSON lines (default) or CSV with a header, fields
// id, date, category, expected_tree, subject, text. The tickets are French, written the
// way people write (greetings, signatures, typos, missing accents, SMS
// style, identifiers and phone numbers), 30 to 300 words long, in three
// known shares: 70 % in-domain (the topics of the decision trees), 15 %
// near-miss (health IT the knowledge does not cover: carte Vitale, DMP,
// ordonnances…) and 15 % off-topic (printer, wifi, invoices). category says
// which, and expected_tree the tree an agent would open for an in-domain
// ticket: labels for measurements, never read by the triage.
//
//	go run ./bench/tickets -n 1000 -seed 1 [-format jsonl|csv] > tickets.jsonl
//
// The templates are written for this generator; none is copied from the
// seed answers.
package main

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"

	"ecps-assist/bench/ticketgen"
)

func main() {
	n := flag.Int("n", 1000, "number of tickets")
	seed := flag.Uint64("seed", 1, "random seed (same seed, same tickets)")
	format := flag.String("format", "jsonl", "output format: jsonl or csv")
	flag.Parse()
	if *n < 0 || (*format != "jsonl" && *format != "csv") || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: tickets [-n N] [-seed S] [-format jsonl|csv]")
		os.Exit(2)
	}
	w := bufio.NewWriterSize(os.Stdout, 1<<16)
	if err := write(w, *n, *seed, *format); err != nil {
		fmt.Fprintln(os.Stderr, "tickets:", err)
		os.Exit(1)
	}
	if err := w.Flush(); err != nil {
		fmt.Fprintln(os.Stderr, "tickets:", err)
		os.Exit(1)
	}
}

// write writes n tickets of the given seed in format (jsonl or csv).
func write(w io.Writer, n int, seed uint64, format string) error {
	g := ticketgen.New(seed)
	if format == "csv" {
		cw := csv.NewWriter(w)
		if err := cw.Write([]string{"id", "date", "category", "expected_tree", "subject", "text"}); err != nil {
			return err
		}
		for i := range n {
			t := g.Ticket(i)
			if err := cw.Write([]string{t.ID, t.Date, t.Category, t.Tree, t.Subject, t.Text}); err != nil {
				return err
			}
		}
		cw.Flush()
		return cw.Error()
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for i := range n {
		if err := enc.Encode(g.Ticket(i)); err != nil {
			return err
		}
	}
	return nil
}
