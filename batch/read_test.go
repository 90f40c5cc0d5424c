package batch

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"ecps-assist/bench/ticketgen"
)

func readAll(t *testing.T, r Reader) []Record {
	t.Helper()
	var out []Record
	for {
		rec, ok := r.Next()
		if !ok {
			break
		}
		out = append(out, rec)
	}
	if err := r.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestJSONLBadLinesAreReportedAndSkipped(t *testing.T) {
	huge := strings.Repeat("a", 5<<20)
	big := strings.Repeat("é", MaxText/2+1)
	in := strings.Join([]string{
		`{"id": "A", "text": "ma carte CPS n'est pas vue dans firefox"}`,
		`{"id": "B", "text": "pas fermé"`,
		"{\"id\": \"C\", \"text\": \"caf\xe9\"}",
		`{"id": "D", "text": "` + huge + `"}`,
		``,
		`{"id": 42, "text": "certificat expiré"}`,
		`{"id": "F", "text": "` + big + `"}`,
		`{"id": "G", "body": "no text field"}`,
		`{"id": "H", "text": "   "}`,
		`["not", "an object"]`,
		`{"id": "J", "text": 12}`,
		"{\"id\": \"K\", \"text\": \"fin de ligne CRLF\"}\r",
		`{"id": "L", "text": "sans fin de ligne"}`,
	}, "\n")
	recs := readAll(t, NewJSONLReader(strings.NewReader(in), DefaultFields))
	want := []struct {
		line    int
		id      string
		problem string
	}{
		{1, "A", ""}, {2, "", BadJSON}, {3, "", BadUTF8}, {4, "", BadTooLong}, {6, "42", ""},
		{7, "F", BadTooLong}, {8, "G", BadNoText}, {9, "H", BadEmpty}, {10, "", BadJSON}, {11, "J", BadJSON},
		{12, "K", ""}, {13, "L", ""},
	}
	if len(recs) != len(want) {
		t.Fatalf("got %d records, want %d: %+v", len(recs), len(want), recs)
	}
	for i, w := range want {
		r := recs[i]
		if r.Line != w.line || r.ID != w.id || r.Problem != w.problem {
			t.Errorf("record %d: line %d id %q problem %q (%s), want line %d id %q problem %q",
				i, r.Line, r.ID, r.Problem, r.Err, w.line, w.id, w.problem)
		}
		if (r.Problem == "") != (r.Err == "") || (r.Problem == "") == (r.Text == "") {
			t.Errorf("record %d: problem %q, err %q, text %d bytes", i, r.Problem, r.Err, len(r.Text))
		}
	}
	if recs[10].Text != "fin de ligne CRLF" {
		t.Errorf("CRLF line: text %q", recs[10].Text)
	}
}

func TestJSONLFieldsJoinedAndSanitised(t *testing.T) {
	in := `{"ref": "X-1", "subject": "Carte CPS", "body": "firefox ne la voit pas\u001b[2J", "other": "ignored"}` + "\n" +
		`{"ref": "X-2", "body": "seulement le corps"}` + "\n"
	recs := readAll(t, NewJSONLReader(strings.NewReader(in), Fields{ID: "ref", Text: []string{"subject", "body"}}))
	if len(recs) != 2 {
		t.Fatalf("%d records", len(recs))
	}
	if recs[0].ID != "X-1" || recs[0].Text != "Carte CPS\n\nfirefox ne la voit pas␛[2J" {
		t.Errorf("record 1: %+v", recs[0])
	}
	if recs[1].Problem != "" || recs[1].Text != "seulement le corps" {
		t.Errorf("record 2: %+v", recs[1])
	}
}

func TestCSVQuotingAndBadRecords(t *testing.T) {
	in := "\ufeffID,Subject,Text\r\n" +
		"1,Carte,\"ligne un\r\nligne deux, avec virgule et \"\"guillemets\"\"\"\r\n" +
		"2,trop,de,champs\r\n" +
		"3,ba\"re,texte\n" +
		"\n" +
		"4,\"fermé\"x,texte\n" +
		"5,,\"certificat\"\n" +
		"6,\"caf\xe9\",texte\n" +
		"7,\"jamais fermé,texte\n"
	c, err := NewCSVReader(strings.NewReader(in), Fields{ID: "id", Text: []string{"subject", "text"}})
	if err != nil {
		t.Fatal(err)
	}
	recs := readAll(t, c)
	want := []struct {
		line    int
		id      string
		problem string
	}{{2, "1", ""}, {4, "", BadCSV}, {5, "", BadCSV}, {7, "", BadCSV}, {8, "5", ""}, {9, "", BadUTF8}, {10, "", BadCSV}}
	if len(recs) != len(want) {
		t.Fatalf("got %d records, want %d: %+v", len(recs), len(want), recs)
	}
	for i, w := range want {
		r := recs[i]
		if r.Line != w.line || r.ID != w.id || r.Problem != w.problem {
			t.Errorf("record %d: line %d id %q problem %q (%s), want line %d id %q problem %q",
				i, r.Line, r.ID, r.Problem, r.Err, w.line, w.id, w.problem)
		}
	}
	if got := recs[0].Text; got != "Carte\n\nligne un\nligne deux, avec virgule et \"guillemets\"" {
		t.Errorf("multi-line cell: %q", got)
	}
	if recs[4].Text != "certificat" {
		t.Errorf("empty subject: %q", recs[4].Text)
	}
}

func TestCSVHeaderProblems(t *testing.T) {
	if _, err := NewCSVReader(strings.NewReader(""), DefaultFields); err == nil {
		t.Error("empty input: no error")
	}
	_, err := NewCSVReader(strings.NewReader("id,body\n1,x\n"), DefaultFields)
	if err == nil || !strings.Contains(err.Error(), "no column text") || !strings.Contains(err.Error(), "id, body") {
		t.Errorf("no text column: %v", err)
	}
}

// TestCSVAgreesWithEncodingCSV reads generated tickets written by
// encoding/csv: the same fields, the same line numbers.
func TestCSVAgreesWithEncodingCSV(t *testing.T) {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.UseCRLF = true
	w.Write([]string{"id", "subject", "text"})
	g := ticketgen.New(4)
	for i := range 300 {
		tk := g.Ticket(i)
		w.Write([]string{tk.ID, tk.Subject, tk.Text})
	}
	w.Flush()
	std := csv.NewReader(bytes.NewReader(buf.Bytes()))
	std.Read()
	c, err := NewCSVReader(bytes.NewReader(buf.Bytes()), Fields{ID: "id", Text: []string{"text"}})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 300 {
		want, err := std.Read()
		if err != nil {
			t.Fatal(err)
		}
		line, _ := std.FieldPos(0)
		rec, ok := c.Next()
		if !ok || rec.Problem != "" {
			t.Fatalf("record %d: %v %+v", i, ok, rec)
		}
		if rec.ID != want[0] || rec.Text != strings.ReplaceAll(want[2], "\r\n", "\n") || rec.Line != line {
			t.Fatalf("record %d: id %q line %d, want %q line %d; text equal: %v", i, rec.ID, rec.Line, want[0], line, rec.Text == want[2])
		}
	}
	if _, ok := c.Next(); ok {
		t.Error("a record after the last")
	}
	if c.Offset() != int64(buf.Len()) {
		t.Errorf("offset %d, want %d", c.Offset(), buf.Len())
	}
}

// A bad CSV record's message does not repeat the line its record starts
// on (Record.Line says it, and the problem line prints "line N: …"); the
// line of the error is added when the record spans several.
func TestCSVErrorsDoNotRepeatTheLine(t *testing.T) {
	in := "id,text\n" +
		"1,\"fermé\"x\n" +
		"2,ba\"re\n" +
		"3,\"une\nautre\"y\n" +
		"4,\"a\nb\nc\"d\"\n"
	c, err := NewCSVReader(strings.NewReader(in), DefaultFields)
	if err != nil {
		t.Fatal(err)
	}
	recs := readAll(t, c)
	want := []struct {
		line int
		err  string
	}{
		{2, "'x' after a closing quote"},
		{3, "a quote inside an unquoted field (quote the field and double the quote)"},
		{4, "'y' after a closing quote (line 5)"},
		{6, "'d' after a closing quote (line 8)"},
	}
	if len(recs) != len(want) {
		t.Fatalf("got %d records, want %d: %+v", len(recs), len(want), recs)
	}
	for i, w := range want {
		if r := recs[i]; r.Line != w.line || r.Err != w.err || r.Problem != BadCSV {
			t.Errorf("record %d: line %d %s %q, want line %d %q", i, r.Line, r.Problem, r.Err, w.line, w.err)
		}
	}
	_, err = NewCSVReader(strings.NewReader("id,\"text\"x\n"), DefaultFields)
	if err == nil || err.Error() != "line 1: bad CSV header: 'x' after a closing quote" {
		t.Errorf("bad header: %v", err)
	}
}

// parseObject, the one-pass reading of a valid line, gives the record
// that decoding the line gives, or leaves it to decoding.
func TestParseObjectAgreesWithDecoding(t *testing.T) {
	lines := []string{
		`{"id": 1, "text": "carte CPS bloquée"}`,
		` { "text" : "a" , "id" : "x-1" } `,
		`{"id":"a","text":"é\u00e9\n\"q\"","subject":"sujet"}`,
		`{"text":"premier","text":"second"}`,
		`{"te\u0078t":"clé échappée","id":2}`,
		`{"id":{"n":[1,{"x":"}"}]},"text":"objet en id"}`,
		`{"id":[1,2],"text":null}`,
		`{"id":null,"text":""}`,
		`{"text":12}`,
		`{"text":["a"]}`,
		`{"text":true,"id":false}`,
		`{"id":-1.5e3,"text":"nombre"}`,
		`{"meta":{"text":"imbriqué"},"text":"dehors"}`,
		`{"body":"corps","subject":"sujet"}`,
		`{}`,
		`[{"text":"tableau"}]`,
		`"texte"`,
		`{"text":"\ud800"}`,
		`{"text":"\ud83d\ude00 \ud83d \ud83dx \ude00\ud83d \ud83d\u00e9 \u00E9\/\b\f\r\t\\"}`,
		`{"text":"tab\tdans"}`,
	}
	for _, f := range []Fields{DefaultFields, {ID: "id", Text: []string{"subject", "body", "text"}}} {
		for _, l := range lines {
			checkParseObject(t, f, []byte(l))
		}
	}
}

func checkParseObject(t *testing.T, f Fields, line []byte) {
	t.Helper()
	j := NewJSONLReader(strings.NewReader(""), f)
	var fast, slow Record
	if !json.Valid(line) || badUTF8(line) >= 0 || !j.parseObject(&fast, line) {
		return
	}
	j.parseDecoded(&slow, line)
	if !reflect.DeepEqual(fast, slow) {
		t.Errorf("%s: one pass %+v, decoded %+v", line, fast, slow)
	}
}

func FuzzParseObject(f *testing.F) {
	f.Add([]byte(`{"id": 1, "text": "carte CPS bloquée"}`))
	f.Add([]byte(`{"id":{"n":[1,{"x":"}"}]},"text":"a\"b"}`))
	f.Fuzz(func(t *testing.T, line []byte) {
		checkParseObject(t, DefaultFields, line)
		checkParseObject(t, Fields{ID: "subject", Text: []string{"body", "text"}}, line)
	})
}
