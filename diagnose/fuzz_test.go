package diagnose

import (
	"strings"
	"testing"
	"time"

	"ecps-assist/kb"
	"ecps-assist/kb/kbtest"
)

// FuzzTranscript drives a tree with arbitrary choices and typed values and
// renders every transcript: no panic, and nothing that could drive a
// terminal (ESC, BEL, C1) ever reaches the output.
func FuzzTranscript(f *testing.F) {
	f.Add(uint8(0), []byte{0, 0, 0}, "10000123454")
	f.Add(uint8(1), []byte{1, 2, 3, 4}, "\x1b[2J\x1b]52;c;aGk=\x07")
	f.Add(uint8(7), []byte{9, 9}, "\u009b31m 8 1000 0123 454")
	k := kbtest.Embedded()
	at := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	f.Fuzz(func(t *testing.T, tree uint8, choices []byte, input string) {
		s := Start(k.Trees[int(tree)%len(k.Trees)])
		for _, c := range choices {
			n := s.Current()
			switch {
			case n.Kind == kb.KindQuestion:
				_ = s.Choose(int(c) % (len(n.Options) + 1)) // out of range is refused
			case n.Kind == kb.KindCheck:
				_, _ = s.Input(input)
			case c%3 == 0:
				s.Back()
			}
		}
		for _, out := range []string{Markdown(k, s, at), Text(k, s)} {
			if strings.ContainsAny(out, "\x1b\x07\u009b\u009d\r") {
				t.Fatalf("control character in transcript: %q", out)
			}
		}
	})
}

// FuzzTicketIDs: whatever the ticket, the identifiers found are bounded,
// each is a piece of the ticket, and masking only blanks out digits and
// their separators.
func FuzzTicketIDs(f *testing.F) {
	for _, s := range []string{"RPPS 10000123454", "8 1000 0123 454.", "tel +33 6 12 34 56 78", "2A0780195", "idnat 0612345678", "1-2-3-4-5-6-7-8-9", "\u00a09\u202f9"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ids := TicketIDs(s, MaxTicketIDs)
		if len(ids) > MaxTicketIDs {
			t.Fatalf("%d identifiers", len(ids))
		}
		for _, r := range ids {
			if r.Input == "" || !strings.Contains(s, r.Input) {
				t.Fatalf("identifier %q is not a piece of %q", r.Input, s)
			}
		}
		m := MaskNumbers(s)
		if len(m) > len(s) {
			t.Fatalf("masking grew %q to %q", s, m)
		}
		if strings.Map(keepOther, m) != strings.Map(keepOther, s) {
			t.Fatalf("masking %q changed more than numbers: %q", s, m)
		}
	})
}

// keepOther keeps what masking must never touch: letters and symbols other
// than digits and number separators.
func keepOther(r rune) rune {
	switch {
	case r >= '0' && r <= '9', r == ' ', r == '.', r == '-', r == '\u00a0', r == '\u202f', r == 'a', r == 'A', r == 'b', r == 'B':
		return -1
	}
	return r
}
