package tui

import (
	"bytes"
	"io"
	"os"
	"unicode/utf8"
)

// burstReader reads the terminal's input and turns a burst of text that
// holds a line break (what a paste looks like when the terminal does not
// bracket pastes: one read of "text\rmore") into a bracketed paste, so
// that Bubble Tea delivers it as one Paste message: text for a field,
// never a series of Enter. A key typed alone (one read per key, Enter
// included) is passed as it is; so is anything holding an escape or
// another control character (keys, mouse reports, ^C), and a paste the
// terminal bracketed itself.
type burstReader struct {
	r       io.Reader
	buf     [512]byte
	tail    []byte // an incomplete UTF-8 sequence, kept for the next read
	inPaste bool   // inside a paste the terminal bracketed
}

const (
	pasteStart = "\x1b[200~"
	pasteEnd   = "\x1b[201~"
)

// Read converts one read of the underlying input. It never keeps converted
// bytes for later (the caller waits for the terminal to be readable before
// calling again): it reads at most what fits in p once bracketed.
func (b *burstReader) Read(p []byte) (int, error) {
	room := len(p) - len(pasteStart) - len(pasteEnd) - len(b.tail)
	if room < 1 {
		return b.r.Read(p)
	}
	n, err := b.r.Read(b.buf[:min(room, len(b.buf))])
	chunk := append(b.tail, b.buf[:n]...)
	b.tail = nil
	if n == 0 {
		return copy(p, chunk), err
	}
	if b.inPaste || !isBurst(chunk) {
		b.track(chunk)
		return copy(p, chunk), err
	}
	if i := lastRuneStart(chunk); err == nil && !utf8.FullRune(chunk[i:]) {
		b.tail = append([]byte(nil), chunk[i:]...)
		chunk = chunk[:i]
	}
	out := append(append(append(p[:0], pasteStart...), chunk...), pasteEnd...)
	return len(out), err
}

// track follows the terminal's own paste brackets.
func (b *burstReader) track(chunk []byte) {
	s, e := bytes.LastIndex(chunk, []byte(pasteStart)), bytes.LastIndex(chunk, []byte(pasteEnd))
	switch {
	case s > e:
		b.inPaste = true
	case e > s:
		b.inPaste = false
	}
}

func lastRuneStart(b []byte) int {
	i := len(b) - 1
	for i > 0 && len(b)-i < utf8.UTFMax && !utf8.RuneStart(b[i]) {
		i--
	}
	return max(i, 0)
}

// isBurst reports whether one read is text with a line break in it: more
// than one byte, a CR or LF, and no other control character (an escape
// sequence is a key or a mouse report, ^C is a key). One character then
// Enter is no paste: a key and Enter typed ahead, or sent together over
// a slow link (« 2⏎ » answers option 2).
func isBurst(chunk []byte) bool {
	if len(chunk) < 2 || !bytes.ContainsAny(chunk, "\r\n") {
		return false
	}
	if r, n := utf8.DecodeRune(chunk); r != '\r' && r != '\n' && n < len(chunk) {
		switch string(chunk[n:]) {
		case "\r", "\n", "\r\n":
			return false
		}
	}
	for _, c := range chunk {
		if c < 0x20 && c != '\r' && c != '\n' && c != '\t' || c == 0x7f {
			return false
		}
	}
	return true
}

// burstFile is a burstReader over the terminal device: Bubble Tea still
// sees a terminal (raw mode, suspend, cancellable reads on its Fd).
type burstFile struct {
	burstReader
	f *os.File
}

func newBurstFile(f *os.File) *burstFile {
	return &burstFile{burstReader: burstReader{r: f}, f: f}
}

func (b *burstFile) Write(p []byte) (int, error) { return b.f.Write(p) }
func (b *burstFile) Close() error                { return b.f.Close() }
func (b *burstFile) Fd() uintptr                 { return b.f.Fd() }
func (b *burstFile) Name() string                { return b.f.Name() }
