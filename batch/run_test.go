package batch

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"ecps-assist/bench/ticketgen"
	"ecps-assist/diagnose"
)

// TestRunKeepsOrderAndGivesTriageResults runs 300 generated tickets with
// a bad line in the middle on 4 workers: one line per input line, in
// order, each ticket's trees, entries and identifiers exactly those of
// diagnose.Triage (the objects of triage --json).
func TestRunKeepsOrderAndGivesTriageResults(t *testing.T) {
	k, ix := embedded()
	var in bytes.Buffer
	g := ticketgen.New(9)
	var texts []string
	for i := range 300 {
		if i == 150 {
			in.WriteString("{\"id\": \"broken\", \"text\": \n")
			texts = append(texts, "")
			continue
		}
		tk := g.Ticket(i)
		b, _ := json.Marshal(tk)
		in.Write(append(b, '\n'))
		texts = append(texts, tk.Text)
	}
	var out, problems bytes.Buffer
	sum := NewSummary()
	st, err := Run(context.Background(), NewJSONLReader(&in, DefaultFields), &out,
		Options{KB: k, Jobs: 4, Problems: &problems, Summary: sum})
	if err != nil {
		t.Fatal(err)
	}
	if st.Tickets != 299 || st.Bad != 1 {
		t.Errorf("stats %+v", st)
	}
	if !strings.HasPrefix(problems.String(), "line 151: invalid JSON") {
		t.Errorf("problems: %q", problems.String())
	}
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	if len(lines) != 300 {
		t.Fatalf("%d output lines", len(lines))
	}
	for i, l := range lines {
		var r Result
		if err := json.Unmarshal([]byte(l), &r); err != nil {
			t.Fatalf("line %d: %v", i+1, err)
		}
		if r.Line != i+1 {
			t.Fatalf("output line %d is input line %d", i+1, r.Line)
		}
		if i == 150 {
			if r.ErrorKind != BadJSON || r.Confidence != "" || strings.Contains(l, "trees") {
				t.Errorf("bad line written as %s", l)
			}
			continue
		}
		if want := fmt.Sprintf("T-%07d", i+1); r.ID != want {
			t.Fatalf("line %d: id %s, want %s", i+1, r.ID, want)
		}
		if i%10 == 0 {
			f := diagnose.Triage(ix, k, texts[i], 3)
			var want Result
			b, _ := json.Marshal(Result{Line: r.Line, ID: r.ID, Confidence: f.Confidence, Trees: f.Trees, Entries: f.Entries,
				Identifiers: f.Identifiers, Gaps: f.Gaps, Unexplained: f.Unexplained, Parts: f.Parts})
			json.Unmarshal(b, &want)
			r.Words = nil
			if !reflect.DeepEqual(r, want) {
				t.Errorf("line %d differs from diagnose.Triage:\n got %s\nwant %s", i+1, l, b)
			}
		}
	}
	rep := sum.Report()
	if rep.Tickets != 299 || rep.BadLines != 1 || len(rep.Bad) != 1 || rep.Bad[0].Key != BadJSON {
		t.Errorf("report counts: %+v", rep)
	}
	n := 0
	for _, b := range rep.Bands {
		n += b.Count
	}
	if n != 299 {
		t.Errorf("bands sum to %d", n)
	}
}

type failWriter struct{ n int }

func (f *failWriter) Write(p []byte) (int, error) {
	f.n++
	return 0, errors.New("disk full")
}

func TestRunStopsOnWriteErrorAndCancel(t *testing.T) {
	k, _ := embedded()
	in := benchTickets(3000)
	_, err := Run(context.Background(), NewJSONLReader(bytes.NewReader(in), DefaultFields), &failWriter{}, Options{KB: k, Jobs: 2})
	if err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Errorf("write error: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	st, err := Run(ctx, NewJSONLReader(bytes.NewReader(in), DefaultFields), io.Discard, Options{KB: k, Jobs: 2})
	if !errors.Is(err, context.Canceled) || st.Tickets == 3000 {
		t.Errorf("cancelled: %v, %+v", err, st)
	}
}

// sampleReport is a summary of hand-made results, one hostile tree title.
func sampleReport() Report {
	s := NewSummary()
	hostile := diagnose.Match{ID: "evil", Title: "</text><script>alert(1)</script> | *gras* \x1b[31m https://x.example"}
	ok := diagnose.Match{ID: "cps-firefox", Title: "La carte CPS n'est pas reconnue dans Firefox"}
	for i := range 10 {
		r := Result{Line: i + 1, Confidence: diagnose.ConfHigh, Trees: []diagnose.Match{ok}}
		if i >= 7 {
			r = Result{Line: i + 1, Confidence: diagnose.ConfLow, Trees: []diagnose.Match{hostile}, Words: []string{"imprimante", "toner"},
				Gaps: []diagnose.Gap{{ID: "cps-lost", Topic: "carte CPS perdue ou volée"}}}
		}
		if i == 9 {
			r = Result{Line: i + 1, Confidence: diagnose.ConfNone, Trees: []diagnose.Match{}, Words: []string{"imprimante"}}
		}
		if i < 3 {
			r.Identifiers = []diagnose.IDResult{diagnose.CheckID("10000123455", diagnose.KindAuto)}
		}
		s.Add(&r)
	}
	s.Add(&Result{Line: 11, ErrorKind: BadUTF8, Error: "invalid UTF-8"})
	return s.Report()
}

func TestReportCounts(t *testing.T) {
	r := sampleReport()
	if r.Tickets != 10 || r.BadLines != 1 || r.Unanswered != 3 {
		t.Fatalf("%+v", r)
	}
	if r.Bands[0].Key != "high" || r.Bands[0].Count != 7 || r.Bands[1].Count != 2 || r.Bands[2].Count != 1 || r.Bands[0].Share != 0.7 {
		t.Errorf("bands %+v", r.Bands)
	}
	if r.Trees[0].Key != "cps-firefox" || r.Trees[0].Count != 7 || *r.Trees[0].High != 7 || r.Trees[1].Key != "evil" || r.Trees[2].Key != NoTreeKey {
		t.Errorf("trees %+v", r.Trees)
	}
	if r.Identifiers.Found != 3 || r.Identifiers.Invalid != 3 || len(r.Identifiers.Problems) != 1 || r.Identifiers.Problems[0].Count != 3 {
		t.Errorf("identifiers %+v", r.Identifiers)
	}
	if r.Words[0].Key != "imprimante" || r.Words[0].Count != 3 || r.Words[1].Key != "toner" || r.Words[1].Count != 2 {
		t.Errorf("words %+v", r.Words)
	}
	if len(r.Gaps) != 1 || r.Gaps[0].Key != "cps-lost" || r.Gaps[0].Count != 2 {
		t.Errorf("gaps %+v", r.Gaps)
	}
	if strings.ContainsRune(r.Trees[1].Label, 0x1b) {
		t.Errorf("title not made inert: %q", r.Trees[1].Label)
	}
}

func TestReportTextFitsTheWidth(t *testing.T) {
	r := sampleReport()
	for _, w := range []int{40, 80, 132} {
		txt := r.Text(w)
		for _, l := range strings.Split(txt, "\n") {
			if ansi.StringWidth(l) > w {
				t.Errorf("width %d: line of %d columns: %q", w, ansi.StringWidth(l), l)
			}
		}
		if !strings.Contains(txt, "cps-firefox") || !strings.Contains(txt, "70,0 %") || !strings.Contains(txt, "█") {
			t.Errorf("width %d:\n%s", w, txt)
		}
	}
}

func TestReportMarkdownEscapes(t *testing.T) {
	md := sampleReport().Markdown()
	if strings.Contains(md, "| *gras*") || strings.Contains(md, "<script>") || !strings.Contains(md, `\| \*gras\*`) {
		t.Errorf("markdown not escaped:\n%s", md)
	}
	for _, l := range strings.Split(md, "\n") {
		if strings.HasPrefix(l, "| evil") && strings.Count(l, " | ") != 4 {
			t.Errorf("a pipe in a title breaks the table: %s", l)
		}
	}
}

func TestReportJSON(t *testing.T) {
	var b bytes.Buffer
	if err := sampleReport().Write(&b, FormatJSON, 0); err != nil {
		t.Fatal(err)
	}
	var back Report
	if err := json.Unmarshal(b.Bytes(), &back); err != nil || back.Tickets != 10 || len(back.Trees) != 3 {
		t.Errorf("%v %+v", err, back)
	}
}

// TestReportHTMLIsSelfContained: well-formed (it parses as XML), an SVG
// chart per section, no script, no reference outside the file, the
// hostile title escaped.
func TestReportHTMLIsSelfContained(t *testing.T) {
	var b bytes.Buffer
	if err := sampleReport().HTML(&b); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	d := xml.NewDecoder(strings.NewReader(page))
	d.Strict = true
	svgs, rects := 0, 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("not well-formed: %v\n%s", err, page)
		}
		if se, ok := tok.(xml.StartElement); ok {
			switch strings.ToLower(se.Name.Local) {
			case "script", "link", "img", "iframe", "object", "embed":
				t.Errorf("element <%s> in the report", se.Name.Local)
			case "svg":
				svgs++
			case "rect":
				rects++
			}
			for _, a := range se.Attr {
				v := strings.ToLower(a.Value)
				if a.Name.Local == "href" || a.Name.Local == "src" || strings.HasPrefix(strings.ToLower(a.Name.Local), "on") ||
					strings.Contains(v, "http:") || strings.Contains(v, "https:") || strings.Contains(v, "url(") {
					t.Errorf("external reference or handler: %s=%q", a.Name.Local, a.Value)
				}
			}
		}
	}
	if svgs < 4 || rects < 8 {
		t.Errorf("%d svg charts, %d bars", svgs, rects)
	}
	lower := strings.ToLower(page)
	for _, bad := range []string{"<script", "@import", "url("} {
		if strings.Contains(lower, bad) {
			t.Errorf("the page contains %q", bad)
		}
	}
	if !strings.Contains(page, "&lt;script&gt;alert(1)&lt;/script&gt;") {
		t.Error("hostile title not escaped as text")
	}
}

func TestProgressLine(t *testing.T) {
	got := progressLine(5000, 2e9, 250, 1000)
	if got != "5000 tickets · 2500/s · 25 % · about 6s left" {
		t.Errorf("%q", got)
	}
	if got := progressLine(10, 1e9, 50, 0); got != "10 tickets · 10/s" {
		t.Errorf("unknown size: %q", got)
	}
}

func TestWords(t *testing.T) {
	got := Words("Bonjour, l'imprimante du 2e étage imprime 810000123454 pages blanches, l'imprimante !\nCordialement", 3)
	if strings.Join(got, " ") != "imprimante etage imprime" {
		t.Errorf("%q", got)
	}
}

func TestEncodeEscapesC1(t *testing.T) {
	got := string(encode(Result{ID: "a\u009b31mb é", Trees: []diagnose.Match{}}))
	if !strings.Contains(got, `"id":"a\u009b31mb é"`) {
		t.Errorf("%s", got)
	}
	var back Result
	if err := json.Unmarshal([]byte(got), &back); err != nil || back.ID != "a\u009b31mb é" {
		t.Errorf("%v %q", err, back.ID)
	}
}
