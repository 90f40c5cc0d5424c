package diagnose

import (
	"strings"
	"testing"
	"time"

	"ecps-assist/kb"
)

// FuzzTranscript drives a tree with arbitrary choices and typed values and
// renders every transcript: no panic, and nothing that could drive a
// terminal (ESC, BEL, C1) ever reaches the output.
func FuzzTranscript(f *testing.F) {
	f.Add(uint8(0), []byte{0, 0, 0}, "10000123454")
	f.Add(uint8(1), []byte{1, 2, 3, 4}, "\x1b[2J\x1b]52;c;aGk=\x07")
	f.Add(uint8(7), []byte{9, 9}, "\u009b31m 8 1000 0123 454")
	k := kb.MustEmbedded()
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
