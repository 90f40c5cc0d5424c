package diagnose

import (
	"bytes"
	"html"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"

	"ecps-assist/kb"
)

// mdFields are the texts a transcript interpolates, as a fuzz case.
type mdFields struct {
	treeID, title, question, option, check, conclusion, step, entryID, entryTitle, input string
}

// mdSession builds a one-tree KB out of the fields and walks it to its
// conclusion: the question (answered with the option), the check node
// (given the input), the conclusion citing the entry.
func mdSession(t testing.TB, f mdFields, conclude bool) (*kb.KB, *Session) {
	// knowledge as the loader makes it (kb/decode.go): inert, one-line
	// fields on one line; the input enters at Session.Input
	for _, p := range []*string{&f.treeID, &f.title, &f.option, &f.entryID, &f.entryTitle} {
		*p = kb.InertLine(*p)
	}
	for _, p := range []*string{&f.question, &f.check, &f.conclusion, &f.step} {
		*p = kb.Inert(*p)
	}
	e := &kb.Entry{ID: f.entryID, Title: f.entryTitle, Answer: "R", Product: "e-CPS", Theme: "T",
		Sources: []kb.Source{{Seed: "000_50255237a135427a.txt", Block: 1}}}
	tr := &kb.Tree{ID: f.treeID, Title: f.title, Product: "e-CPS", Start: "q", Nodes: []*kb.Node{
		{ID: "q", Kind: kb.KindQuestion, Text: f.question, Options: []kb.Option{{ID: "a", Label: f.option, Next: "k"}, {ID: "b", Label: "Autre", Next: "c"}}},
		{ID: "k", Kind: kb.KindCheck, Check: "idnat", Text: f.check, Outcomes: []kb.Outcome{{Result: "valid", Next: "c"}, {Result: "invalid", Next: "c"}}},
		{ID: "c", Kind: kb.KindConclusion, Verdict: kb.VerdictInfo, Text: f.conclusion, Steps: []string{f.step}, Entries: []string{f.entryID, "absente"}},
	}}
	k := kb.New([]*kb.Entry{e}, []*kb.Tree{tr})
	s := Start(k.Tree(f.treeID))
	if err := s.Choose(0); err != nil {
		t.Fatal(err)
	}
	if conclude {
		// A blank value (ErrEmptyInput) leaves the check node waiting.
		if _, err := s.Input(f.input); err != nil && err != ErrEmptyInput {
			t.Fatal(err)
		}
	}
	return k, s
}

// ticketMarkdown parses Markdown as ticket systems do (CommonMark with
// GitHub's tables, strikethrough and task lists).
var ticketMarkdown = goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.TaskList))

var tags = regexp.MustCompile(`<[^>]*>`)

// checkMarkdown parses a transcript and fails on what no field may make:
// a link, an image, an autolink or HTML (the template makes none), a
// heading the template did not start with #, a code span other than the
// template's (codes). Every field must read as itself in the rendered
// text (whitespace aside): escaping loses nothing.
func checkMarkdown(t testing.TB, md string, codes []string, fields []string) {
	t.Helper()
	src := []byte(md)
	doc := ticketMarkdown.Parser().Parse(text.NewReader(src))
	headings := 0
	for _, l := range strings.Split(md, "\n") {
		if strings.HasPrefix(l, "#") {
			headings++
		}
	}
	err := ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link, *ast.Image, *ast.AutoLink, *ast.RawHTML, *ast.HTMLBlock:
			t.Fatalf("a field made a %s:\n%s", n.Kind(), md)
		case *ast.Heading:
			headings--
		case *ast.CodeSpan:
			var b strings.Builder
			for c := n.FirstChild(); c != nil; c = c.NextSibling() {
				if tx, ok := c.(*ast.Text); ok {
					b.Write(tx.Segment.Value(src))
				}
			}
			got := strings.Join(strings.Fields(b.String()), " ")
			ok := false
			for _, c := range codes {
				ok = ok || got == strings.Join(strings.Fields(kb.InertLine(c)), " ")
			}
			if !ok {
				t.Fatalf("code span %q is none of the template's %q:\n%s", got, codes, md)
			}
		}
		return ast.WalkContinue, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if headings != 0 {
		t.Fatalf("%d heading(s) not started by the template's #:\n%s", -headings, md)
	}
	var out bytes.Buffer
	if err := ticketMarkdown.Renderer().Render(&out, src, doc); err != nil {
		t.Fatal(err)
	}
	rendered := strings.Join(strings.Fields(html.UnescapeString(tags.ReplaceAllString(out.String(), " "))), " ")
	for _, f := range fields {
		want := strings.Join(strings.Fields(kb.InertLine(f)), " ")
		if !strings.Contains(rendered, want) {
			t.Fatalf("%q does not read as itself in the rendered transcript:\n%s\n--- rendered:\n%s", want, md, rendered)
		}
	}
}

func (f mdFields) all() []string {
	return []string{f.treeID, f.title, f.question, f.option, f.check, f.conclusion, f.step, f.entryID, f.entryTitle, f.input}
}

var mdAt = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)

// M2: knowledge text with a link, an image or HTML, and a typed value
// breaking out of its code span, all come out as text.
func TestMarkdownTranscriptIsInert(t *testing.T) {
	hostile := mdFields{
		treeID:     "arbre`[x](https://evil.example)`",
		title:      "Titre [clic](https://evil.example) <b>gras</b>",
		question:   "Question ![](https://evil.example/t.png) ?",
		option:     "# Oui <img src=x onerror=alert(1)>",
		check:      "Saisir <https://evil.example> et [ref]\n\n[ref]: https://evil.example",
		conclusion: "Fin\n\n<script>alert(1)</script>\n- liste\n1. numérotée\n===\n    code\n> citation",
		step:       "Étape *gras* _it_ ~~barré~~ | a | b |",
		entryID:    "e`` `x",
		entryTitle: "Titre &lt;img&gt; \\[échappé\\] www.evil.example",
		input:      "8100`<img src=x onerror=alert(1)>`",
	}
	for _, conclude := range []bool{false, true} {
		k, s := mdSession(t, hostile, conclude)
		md := Markdown(k, s, mdAt)
		codes := []string{hostile.treeID, hostile.entryID, "absente"}
		fields := []string{hostile.treeID, hostile.title, hostile.question, hostile.option}
		if conclude {
			codes = append(codes, hostile.input)
			fields = hostile.all()
		}
		checkMarkdown(t, md, codes, fields)
	}
}

// FuzzMarkdownTranscript renders transcripts of fuzzed knowledge and input
// through a Markdown parser: no field makes a link, image, autolink, HTML,
// heading or code span, and every field reads as itself.
func FuzzMarkdownTranscript(f *testing.F) {
	f.Add("t", "[clic](https://x)", "![](https://x/t.png)", "<img onerror=alert(1)>", "`", "a\n# b", "1. c", "e", "*x*", "8100`<img src=x>`")
	f.Add("t`", "<https://x>", "&amp;", "\\", "---", "===\n- x", "_a_b_", "``", "[x]: y", "```")
	f.Add("a-b", "Titre", "Question ?", "Oui", "Saisir", "Fin.", "Étape.", "e-1", "Réponse", "10000123454")
	f.Fuzz(func(t *testing.T, treeID, title, question, option, check, conclusion, step, entryTitle, entryID, input string) {
		if treeID == "" || entryID == "" || entryID == "absente" {
			return // an id names something; the entry "absente" is the missing one
		}
		in := mdFields{treeID, title, question, option, check, conclusion, step, entryID, entryTitle, input}
		k, s := mdSession(t, in, true)
		md := Markdown(k, s, mdAt)
		if !s.Done() { // a blank value: the check node waits
			checkMarkdown(t, md, []string{treeID}, []string{treeID, title, question, option, check})
			return
		}
		checkMarkdown(t, md, []string{treeID, entryID, "absente", input}, in.all())
	})
}
