// Package batch triages ticket exports: JSON lines or CSV in, one JSON
// verdict a line out, in input order, on every core, with bounded memory;
// and the report of a batch (counts per tree and confidence band,
// identifier problems, the words of the tickets the knowledge does not
// answer) as text, Markdown, JSON or a self-contained HTML page.
//
// It is a pure filter, free of UI imports: the CLI wires it (cli/batchcmds.go).
package batch

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync/atomic"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"ecps-assist/kb"
)

// Limits of one input record.
const (
	// MaxText bounds a ticket's text (its text fields joined), like the
	// triage of one ticket.
	MaxText = 1 << 20
	// MaxRecord bounds one input line (JSON lines) or record (CSV): what
	// is longer is skipped without being held in memory.
	MaxRecord = 4 << 20
)

// Kinds of bad records (Record.Problem, the "error_kind" of the output).
const (
	BadJSON    = "invalid-json"
	BadUTF8    = "invalid-utf8"
	BadCSV     = "invalid-csv"
	BadTooLong = "too-long"
	BadNoText  = "no-text"
	BadEmpty   = "empty-text"
)

// Record is one ticket read from the input, or a bad line.
type Record struct {
	Line int // line of the input where the record starts, from 1
	ID   string
	Text string
	// Problem is set for a bad record (one of the Bad* kinds), Err says
	// what is wrong, in English, for the developer running the batch.
	Problem string
	Err     string
}

// Reader reads records. Next returns false at the end of the input or on
// a read error (Err then tells it); bad records are records, not errors.
type Reader interface {
	Next() (Record, bool)
	Err() error
	// Offset is the number of bytes consumed so far (for progress).
	Offset() int64
}

// Fields names the fields of a record: the id, and the text fields,
// joined with a blank line when several are present.
type Fields struct {
	ID   string
	Text []string
}

// DefaultFields are {"id", "text"}.
var DefaultFields = Fields{ID: "id", Text: []string{"text"}}

// finish checks and builds the text of a record from its text parts
// (absent parts are nil).
func finish(rec *Record, f Fields, parts []*string) {
	var b strings.Builder
	present := false
	for _, p := range parts {
		if p == nil {
			continue
		}
		present = true
		if strings.TrimSpace(*p) == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteString("\n\n")
		}
		b.WriteString(*p)
	}
	switch {
	case !present:
		rec.Problem, rec.Err = BadNoText, fmt.Sprintf("no text field (%s)", strings.Join(f.Text, ", "))
	case strings.TrimSpace(b.String()) == "":
		rec.Problem, rec.Err = BadEmpty, "empty text"
	case b.Len() > MaxText:
		rec.Problem, rec.Err = BadTooLong, fmt.Sprintf("text of %d bytes, over the limit of %d", b.Len(), MaxText)
	default:
		// sanitised once, here: control sequences become inert symbols
		rec.Text = kb.Inert(strings.ReplaceAll(b.String(), "\r\n", "\n"))
	}
}

// badUTF8 returns the offset of the first invalid UTF-8 byte of b, or -1.
func badUTF8(b []byte) int {
	if utf8.Valid(b) {
		return -1
	}
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return -1
}

// JSONLReader reads JSON lines: one object a line, blank lines skipped.
type JSONLReader struct {
	r      *bufio.Reader
	f      Fields
	line   int
	off    atomic.Int64
	err    error
	buf    []byte
	parts  []*string
	fields map[string]json.RawMessage
	raws   [][]byte // parseObject's text fields and id
}

// NewJSONLReader reads JSON lines from r with the fields f.
func NewJSONLReader(r io.Reader, f Fields) *JSONLReader {
	return &JSONLReader{r: bufio.NewReaderSize(r, 64<<10), f: f}
}

// Err is the read error that ended the input, if any.
func (j *JSONLReader) Err() error { return j.err }

// Offset is the number of bytes read so far.
func (j *JSONLReader) Offset() int64 { return j.off.Load() }

// readLine reads the next line, without its end of line, into j.buf; a
// line over MaxRecord is consumed but not kept (long is then its length).
func (j *JSONLReader) readLine() (line []byte, long int64, ok bool) {
	j.buf = j.buf[:0]
	var n int64
	for {
		chunk, err := j.r.ReadSlice('\n')
		n += int64(len(chunk))
		if n <= MaxRecord {
			j.buf = append(j.buf, chunk...)
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		j.off.Add(n)
		if err != nil && err != io.EOF {
			j.err = err
			return nil, 0, false
		}
		if n == 0 {
			return nil, 0, false
		}
		j.line++
		if n > MaxRecord {
			return nil, n, true
		}
		return bytes.TrimRight(j.buf, "\r\n"), 0, true
	}
}

// Next returns the next record.
func (j *JSONLReader) Next() (Record, bool) {
	for {
		line, long, ok := j.readLine()
		if !ok {
			return Record{}, false
		}
		rec := Record{Line: j.line}
		if long > 0 {
			rec.Problem, rec.Err = BadTooLong, fmt.Sprintf("line of %d bytes, over the limit of %d", long, MaxRecord)
			return rec, true
		}
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		j.parse(&rec, line)
		return rec, true
	}
}

func (j *JSONLReader) parse(rec *Record, line []byte) {
	if i := badUTF8(line); i >= 0 {
		rec.Problem, rec.Err = BadUTF8, fmt.Sprintf("invalid UTF-8 at byte %d", i+1)
		return
	}
	if json.Valid(line) && j.parseObject(rec, line) {
		return
	}
	j.parseDecoded(rec, line)
}

// parseDecoded is parse by decoding the line into a map.
func (j *JSONLReader) parseDecoded(rec *Record, line []byte) {
	clear(j.fields)
	if j.fields == nil {
		j.fields = map[string]json.RawMessage{}
	}
	if err := json.Unmarshal(line, &j.fields); err != nil {
		rec.Problem, rec.Err = BadJSON, "invalid JSON: "+jsonErr(err)
		return
	}
	if raw, ok := j.fields[j.f.ID]; ok {
		rec.ID = rawID(raw)
	}
	j.parts = j.parts[:0]
	for _, name := range j.f.Text {
		raw, ok := j.fields[name]
		if !ok || string(raw) == "null" {
			j.parts = append(j.parts, nil)
			continue
		}
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			rec.Problem, rec.Err = BadJSON, fmt.Sprintf("field %q is not a string", name)
			return
		}
		j.parts = append(j.parts, &s)
	}
	finish(rec, j.f, j.parts)
}

// parseObject is parse for a valid JSON line that is an object whose keys
// hold no escape: its members are read in one pass, not decoded into a
// map and the text fields decoded again (that was a tenth of a batch). It
// returns false, having set nothing, for any other line: parse's decoding
// then decides, with its messages.
func (j *JSONLReader) parseObject(rec *Record, line []byte) bool {
	want := len(j.f.Text) + 1 // the text fields, then the id
	if cap(j.raws) < want {
		j.raws = make([][]byte, want)
	}
	raws := j.raws[:want]
	clear(raws)
	i := skipSpace(line, 0)
	if line[i] != '{' {
		return false
	}
	i = skipSpace(line, i+1)
	for line[i] != '}' {
		ke, esc := stringEnd(line, i)
		if esc {
			return false
		}
		key := line[i+1 : ke-1]
		vs := skipSpace(line, skipSpace(line, ke)+1) // after the colon
		ve := valueEnd(line, vs)
		for k, name := range j.f.Text {
			if string(key) == name {
				raws[k] = line[vs:ve] // the last of a repeated key, as in a map
			}
		}
		if string(key) == j.f.ID {
			raws[want-1] = line[vs:ve]
		}
		i = skipSpace(line, ve)
		if line[i] == ',' {
			i = skipSpace(line, i+1)
		}
	}
	if raw := raws[want-1]; raw != nil {
		rec.ID = rawID(raw)
	}
	j.parts = j.parts[:0]
	for k, name := range j.f.Text {
		raw := raws[k]
		if raw == nil || string(raw) == "null" {
			j.parts = append(j.parts, nil)
			continue
		}
		if raw[0] != '"' {
			rec.Problem, rec.Err = BadJSON, fmt.Sprintf("field %q is not a string", name)
			return true
		}
		s := unquote(raw)
		j.parts = append(j.parts, &s)
	}
	finish(rec, j.f, j.parts)
	return true
}

// unquote is the value of a valid JSON string, decoded as encoding/json
// does (a lone surrogate becomes U+FFFD).
func unquote(raw []byte) string {
	raw = raw[1 : len(raw)-1]
	i := bytes.IndexByte(raw, '\\')
	if i < 0 {
		return string(raw)
	}
	b := make([]byte, 0, len(raw))
	for i >= 0 {
		b = append(b, raw[:i]...)
		c := raw[i+1]
		raw = raw[i+2:]
		switch c {
		case 'b':
			b = append(b, '\b')
		case 'f':
			b = append(b, '\f')
		case 'n':
			b = append(b, '\n')
		case 'r':
			b = append(b, '\r')
		case 't':
			b = append(b, '\t')
		case 'u':
			r := hex4(raw)
			raw = raw[4:]
			if utf16.IsSurrogate(r) {
				first := r
				r = unicode.ReplacementChar
				if len(raw) >= 6 && raw[0] == '\\' && raw[1] == 'u' {
					if pair := utf16.DecodeRune(first, hex4(raw[2:])); pair != unicode.ReplacementChar {
						r = pair
						raw = raw[6:]
					}
				}
			}
			b = utf8.AppendRune(b, r)
		default: // " \ /
			b = append(b, c)
		}
		i = bytes.IndexByte(raw, '\\')
	}
	return string(append(b, raw...))
}

// hex4 is the rune of the 4 hex digits that start b.
func hex4(b []byte) rune {
	var r rune
	for _, c := range b[:4] {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c = c - 'a' + 10
		default:
			c = c - 'A' + 10
		}
		r = r<<4 | rune(c)
	}
	return r
}

// skipSpace returns the index of the first byte of b from i that is not
// JSON white space.
func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// stringEnd returns the index after the JSON string starting at b[i] (a
// quote), and whether it holds an escape.
func stringEnd(b []byte, i int) (int, bool) {
	esc := false
	for i++; i < len(b); i++ {
		switch b[i] {
		case '\\':
			esc = true
			i++
		case '"':
			return i + 1, esc
		}
	}
	return i, esc
}

// valueEnd returns the index after the valid JSON value starting at b[i].
func valueEnd(b []byte, i int) int {
	switch b[i] {
	case '"':
		e, _ := stringEnd(b, i)
		return e
	case '{', '[':
		depth := 0
		for i < len(b) {
			switch b[i] {
			case '"':
				i, _ = stringEnd(b, i)
				continue
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return i + 1
				}
			}
			i++
		}
		return i
	}
	for i < len(b) && !strings.ContainsRune(",}] \t\r\n", rune(b[i])) {
		i++
	}
	return i
}

// rawID is an id as text: a JSON string's value, another value as written
// (a number keeps its digits).
func rawID(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	if string(raw) == "null" {
		return ""
	}
	return kb.InertLine(string(raw))
}

func jsonErr(err error) string {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Sprintf("%s (at byte %d)", se.Error(), se.Offset)
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return "not a JSON object"
	}
	return err.Error()
}

// CSVReader reads CSV with a header line (RFC 4180: fields separated by
// commas, quoted with double quotes, "" for a quote, line breaks allowed
// inside quotes; CRLF or LF line ends). Columns are found by name in the
// header, case-insensitively.
type CSVReader struct {
	r       *bufio.Reader
	f       Fields
	line    int // lines consumed
	off     int64
	pub     atomic.Int64 // off, published after each record
	err     error
	eof     bool
	buf     []byte
	ends    []int // end offsets of the fields in buf
	idCol   int
	textCol []int
	ncol    int
}

// NewCSVReader reads the header of r and returns a reader of its records.
// An error says the header is missing or names none of the text fields.
func NewCSVReader(r io.Reader, f Fields) (*CSVReader, error) {
	c := &CSVReader{r: bufio.NewReaderSize(r, 64<<10), f: f, idCol: -1}
	start, problem, msg := c.record()
	for !c.eof && c.err == nil && problem == "" && len(c.ends) == 0 {
		start, problem, msg = c.record() // blank lines before the header
	}
	if c.err != nil {
		return nil, c.err
	}
	if c.eof && len(c.ends) == 0 {
		return nil, errors.New("empty CSV input: a header line is expected")
	}
	if problem != "" {
		return nil, fmt.Errorf("line %d: bad CSV header: %s", start, msg)
	}
	var names []string
	for i := range c.ends {
		name := strings.TrimSpace(string(c.field(i)))
		if i == 0 {
			name = strings.TrimPrefix(name, "\ufeff")
		}
		names = append(names, name)
	}
	c.ncol = len(names)
	find := func(want string) int {
		for i, n := range names {
			if strings.EqualFold(n, want) {
				return i
			}
		}
		return -1
	}
	c.idCol = find(f.ID)
	found := false
	for _, t := range f.Text {
		i := find(t)
		c.textCol = append(c.textCol, i)
		found = found || i >= 0
	}
	if !found {
		return nil, fmt.Errorf("the CSV header has no column %s (columns: %s)",
			strings.Join(f.Text, ", "), strings.Join(names, ", "))
	}
	return c, nil
}

// Err is the read error that ended the input, if any.
func (c *CSVReader) Err() error { return c.err }

// Offset is the number of bytes read so far.
func (c *CSVReader) Offset() int64 { return c.pub.Load() }

func (c *CSVReader) field(i int) []byte {
	s := 0
	if i > 0 {
		s = c.ends[i-1]
	}
	return c.buf[s:c.ends[i]]
}

// Next returns the next record.
func (c *CSVReader) Next() (Record, bool) {
	for {
		if c.eof || c.err != nil {
			return Record{}, false
		}
		start, problem, msg := c.record()
		if c.err != nil {
			return Record{}, false
		}
		if problem == "" && len(c.ends) == 0 {
			continue // blank line, or the end
		}
		rec := Record{Line: start}
		if problem != "" {
			rec.Problem, rec.Err = problem, msg
			return rec, true
		}
		if i := badUTF8(c.buf); i >= 0 {
			rec.Problem, rec.Err = BadUTF8, fmt.Sprintf("invalid UTF-8 at byte %d of the record", i+1)
			return rec, true
		}
		if len(c.ends) != c.ncol {
			rec.Problem, rec.Err = BadCSV, fmt.Sprintf("%d fields, the header has %d", len(c.ends), c.ncol)
			return rec, true
		}
		if c.idCol >= 0 {
			rec.ID = kb.InertLine(string(c.field(c.idCol)))
		}
		parts := make([]*string, len(c.textCol))
		for k, col := range c.textCol {
			if col >= 0 {
				s := string(c.field(col))
				parts[k] = &s
			}
		}
		finish(&rec, c.f, parts)
		return rec, true
	}
}

// at is where in a record an error is, for its message: nothing on the
// line the record starts on (the record's line says it: "line 5: …"), else
// " (line 7)" for a record whose quoted cells span lines.
func (c *CSVReader) at(start int) string {
	if c.line+1 == start {
		return ""
	}
	return fmt.Sprintf(" (line %d)", c.line+1)
}

// record reads one CSV record into c.buf and c.ends and returns the line
// it starts on; a bad record is consumed up to its end (the end of the
// line where the error is) and reported as problem and msg.
func (c *CSVReader) record() (start int, problem, msg string) {
	c.buf, c.ends = c.buf[:0], c.ends[:0]
	start = c.line + 1
	const (
		fieldStart = iota
		unquoted
		quoted
		quoteInQuoted // a quote seen inside a quoted field
	)
	state := fieldStart
	size := 0
	defer func() { c.pub.Store(c.off) }()
	fail := func(p, m string) {
		if problem == "" {
			problem, msg = p, m
		}
	}
	for {
		b, err := c.r.ReadByte()
		if err != nil {
			if err != io.EOF {
				c.err = err
				return
			}
			c.eof = true
			if state == quoted {
				fail(BadCSV, "quoted field not closed at the end of the input")
			}
			if size > 0 || len(c.ends) > 0 || state != fieldStart {
				c.ends = append(c.ends, len(c.buf))
			}
			return
		}
		c.off++
		size++
		if size > MaxRecord && problem == "" {
			fail(BadTooLong, fmt.Sprintf("record over the limit of %d bytes", MaxRecord))
			c.buf = c.buf[:0]
		}
		keep := problem == ""
		if b == '\n' {
			c.line++
		}
		if problem != "" && state != quoted {
			// skip to the end of the line
			if b == '\n' {
				c.ends = c.ends[:0]
				return
			}
			continue
		}
		switch state {
		case fieldStart, unquoted:
			switch b {
			case ',':
				c.ends = append(c.ends, len(c.buf))
				state = fieldStart
			case '\n':
				if n := len(c.buf); state == unquoted && n > 0 && c.buf[n-1] == '\r' {
					c.buf = c.buf[:n-1]
				}
				if len(c.ends) == 0 && len(c.buf) == 0 {
					return // blank line
				}
				c.ends = append(c.ends, len(c.buf))
				return
			case '"':
				if state == fieldStart {
					state = quoted
				} else {
					fail(BadCSV, "a quote inside an unquoted field (quote the field and double the quote)"+c.at(start))
				}
			default:
				if keep {
					c.buf = append(c.buf, b)
				}
				state = unquoted
			}
		case quoted:
			if b == '"' {
				state = quoteInQuoted
			} else if keep {
				c.buf = append(c.buf, b)
			}
		case quoteInQuoted:
			switch b {
			case '"':
				if keep {
					c.buf = append(c.buf, '"')
				}
				state = quoted
			case ',':
				c.ends = append(c.ends, len(c.buf))
				state = fieldStart
			case '\n':
				c.ends = append(c.ends, len(c.buf))
				return
			case '\r':
				// CRLF after a closing quote
			default:
				fail(BadCSV, strconv.QuoteRune(rune(b))+" after a closing quote"+c.at(start))
			}
		}
	}
}
