package kb

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"
)

// Inert makes text safe to print on a terminal: control characters that
// could move the cursor, clear the screen, write the clipboard (OSC 52),
// make links (OSC 8) or ring the bell are replaced by visible symbols.
// Newlines and tabs are kept; invalid UTF-8 becomes U+FFFD.
//
// Knowledge from --kb overrides, tickets and typed input all pass through
// it before reaching the terminal.
func Inert(s string) string {
	clean := true
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf { // most of a ticket: no decoding
			if c < 0x20 && c != '\n' && c != '\t' || c == 0x7f {
				clean = false
				break
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && size == 1) || unsafeRune(r) {
			clean = false
			break
		}
		i += size
	}
	if clean {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == utf8.RuneError && size == 1:
			b.WriteRune('\uFFFD')
		case !unsafeRune(r):
			b.WriteRune(r)
		case r < 0x20:
			// Control Pictures block: ESC shows as ␛, BEL as ␇, …
			b.WriteRune(0x2400 + r)
		case r == 0x7f:
			b.WriteRune('\u2421')
		default:
			b.WriteRune('\uFFFD')
		}
	}
	return b.String()
}

// InertLine is Inert for one-line fields: newlines and tabs become spaces.
func InertLine(s string) string {
	s = Inert(s)
	if strings.ContainsAny(s, "\n\r\t") {
		s = strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ", "\t", " ").Replace(s)
	}
	return s
}

func unsafeRune(r rune) bool {
	switch {
	case r == '\n' || r == '\t':
		return false
	case r < 0x20 || r == 0x7f:
		return true
	case r >= 0x80 && r < 0xa0: // C1 controls (CSI, OSC, ST as single code points)
		return true
	case r == '\u2028' || r == '\u2029':
		return true // line and paragraph separators
	case r >= '\u202a' && r <= '\u202e', r >= '\u2066' && r <= '\u2069', r == '\u200e', r == '\u200f', r == '\u061c':
		// Bidi embeddings, overrides, isolates and marks: they reorder
		// what is shown (a "Trojan Source" identifier reads reversed).
		return true
	case r >= 0xe0000 && r <= 0xe007f:
		return true // tag characters: invisible, they smuggle text
	}
	return false
}

// EscapeC1JSON escapes, in JSON text, the C1 controls (U+0080–U+009F)
// that encoding/json writes raw, so that JSON printed on a terminal is as
// inert as the text output. It returns b itself when there is none.
func EscapeC1JSON(b []byte) []byte {
	if bytes.IndexByte(b, 0xC2) < 0 {
		return b
	}
	out := make([]byte, 0, len(b)+16)
	for i := 0; i < len(b); i++ {
		if b[i] == 0xC2 && i+1 < len(b) && b[i+1] >= 0x80 && b[i+1] <= 0x9F {
			out = fmt.Appendf(out, "\\u%04x", b[i+1])
			i++
			continue
		}
		out = append(out, b[i])
	}
	return out
}
