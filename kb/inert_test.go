package kb_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"ecps-assist/kb"
	"ecps-assist/kb/kbtest"
)

func TestInert(t *testing.T) {
	cases := []struct{ name, in, want string }{
		{"plain", "Bonjour", "Bonjour"},
		{"accents and typography", "Ségur « e-CPS » — l’activation à 100 %", "Ségur « e-CPS » — l’activation à 100 %"},
		{"newlines and tabs kept", "ligne 1\nligne 2\n\t- item", "ligne 1\nligne 2\n\t- item"},
		{"clear screen", "\x1b[2Javant", "␛[2Javant"},
		{"cursor move and colour", "\x1b[H\x1b[31mrouge\x1b[0m", "␛[H␛[31mrouge␛[0m"},
		{"OSC 52 clipboard", "\x1b]52;c;cm0gLXJmIH4=\x07", "␛]52;c;cm0gLXJmIH4=␇"},
		{"OSC 8 link", "\x1b]8;;https://evil.example\x1b\\clic\x1b]8;;\x1b\\", "␛]8;;https://evil.example␛\\clic␛]8;;␛\\"},
		{"bell", "ding\a", "ding␇"},
		{"backspace", "abc\b\b\bxyz", "abc␈␈␈xyz"},
		{"carriage return", "visible\rcaché", "visible␍caché"},
		{"NUL", "a\x00b", "a␀b"},
		{"DEL", "a\x7fb", "a␡b"},
		{"C1 CSI", "\u009b2J", "\uFFFD2J"},
		{"C1 OSC and ST", "\u009d52;c;AAAA\u009c", "\uFFFD52;c;AAAA\uFFFD"},
		{"bidi override", "abc\u202edcb", "abc\uFFFDdcb"},
		{"bidi embeddings and overrides", "\u202a\u202b\u202c\u202d\u202e", "\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD"},
		{"bidi isolates", "a\u2066b\u2067c\u2068d\u2069", "a\uFFFDb\uFFFDc\uFFFDd\uFFFD"},
		{"bidi marks", "\u200eLRM \u200fRLM \u061cALM", "\uFFFDLRM \uFFFDRLM \uFFFDALM"},
		{"tag characters", "ok\U000E0001\U000E0069\U000E0067\U000E007F", "ok\uFFFD\uFFFD\uFFFD\uFFFD"},
		{"arabic and hebrew text kept", "مرحبا שלום", "مرحبا שלום"},
		{"zero-width joiner kept (emoji)", "👨\u200d👩", "👨\u200d👩"},
		{"line separator", "a\u2028b", "a\uFFFDb"},
		{"invalid UTF-8", "a\xffb\xc3", "a\uFFFDb\uFFFD"},
		{"NBSP kept", "100\u00a0%", "100\u00a0%"},
		{"empty", "", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := kb.Inert(tc.in)
			if got != tc.want {
				t.Errorf("Inert(%q) = %q, want %q", tc.in, got, tc.want)
			}
			assertInert(t, got, true)
			if again := kb.Inert(got); again != got {
				t.Errorf("Inert is not idempotent: %q then %q", got, again)
			}
		})
	}
}

func TestInertLine(t *testing.T) {
	cases := []struct{ name, in, want string }{
		{"plain", "Pourquoi ma e-CPS ?", "Pourquoi ma e-CPS ?"},
		{"newline", "ligne 1\nligne 2", "ligne 1 ligne 2"},
		{"tab", "a\tb", "a b"},
		{"CRLF", "a\r\nb", "a␍ b"},
		{"escape", "titre\x1b[2J", "titre␛[2J"},
		{"OSC 52", "\x1b]52;c;AAAA\x07", "␛]52;c;AAAA␇"},
		{"accents", "Référentiels", "Référentiels"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := kb.InertLine(tc.in)
			if got != tc.want {
				t.Errorf("InertLine(%q) = %q, want %q", tc.in, got, tc.want)
			}
			assertInert(t, got, false)
		})
	}
}

// assertInert: valid UTF-8, no C0 (but \n and \t when multiline), no DEL, no C1.
func assertInert(t *testing.T, s string, multiline bool) {
	t.Helper()
	if !utf8.ValidString(s) {
		t.Errorf("not valid UTF-8: %q", s)
	}
	for _, r := range s {
		if multiline && (r == '\n' || r == '\t') {
			continue
		}
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			t.Errorf("control character %U left in %q", r, s)
		}
	}
}

// The embedded knowledge needs no neutralising: Inert leaves every text
// field as is (so what is shown is what is in the YAML).
func TestInertEmbeddedUnchanged(t *testing.T) {
	k := kbtest.Embedded()
	check := func(where, s string) {
		if kb.Inert(s) != s {
			t.Errorf("%s: text changed by Inert: %q", where, s)
		}
	}
	for _, e := range k.Entries {
		for _, s := range append([]string{e.ID, e.Title, e.Answer, e.Product, e.Theme}, e.Keywords...) {
			check("entry "+e.ID, s)
		}
	}
	for _, tr := range k.Trees {
		check("tree "+tr.ID, tr.Title+strings.Join(tr.Symptoms, "\n"))
		for _, n := range tr.Nodes {
			check("tree "+tr.ID+", node "+n.ID, n.Text+n.Help+strings.Join(n.Steps, "\n"))
			for _, o := range n.Options {
				check("tree "+tr.ID+", node "+n.ID, o.Label)
			}
		}
	}
}

func FuzzInert(f *testing.F) {
	for _, s := range []string{"\x1b[2J", "\x1b]52;c;AAAA\x07", "\u009b", "é\n\t", "\xff\xfe", "\u202e"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		assertInert(t, kb.Inert(s), true)
		assertInert(t, kb.InertLine(s), false)
	})
}

// Knowledge is made inert where it enters, when a file is decoded: every
// text field of what ParseFile returns is inert, and one-line fields
// (titles, labels, products, themes, keywords, symptoms, verdicts) hold
// no newline. Screens and outputs need not sanitise it again.
func TestKnowledgeIsInertWhenLoaded(t *testing.T) {
	evil := `\e[2J\e]52;c;ZXZpbA==\a\u009b31m\u202e\U000E0041 x\ty\nz`
	q := func(s string) string { return `"` + s + " " + evil + `"` }
	yaml := "entries:\n  - {id: " + q("e") + ", title: " + q("T") + ", answer: " + q("R") + ", product: " + q("P") +
		", theme: " + q("Th") + ", keywords: [" + q("k") + "], sources: [{seed: " + q("s") + ", quote: " + q("c") + "}]}\n" +
		"trees:\n  - {id: " + q("t") + ", title: " + q("T") + ", product: " + q("P") + ", symptoms: [" + q("s") + "], start: " + q("q") +
		", nodes: [{id: " + q("q") + ", kind: " + q("k") + ", text: " + q("x") + ", help: " + q("h") + ", check: " + q("c") +
		", verdict: " + q("v") + ", steps: [" + q("s") + "], entries: [" + q("e") + "], options: [{id: " + q("o") + ", label: " + q("l") +
		", next: " + q("n") + "}], outcomes: [{result: " + q("r") + ", next: " + q("n") + "}]}]}\n"
	var l kb.Layer
	var probs kb.Problems
	l.ParseFile("evil.yaml", []byte(yaml), &probs)
	if len(probs) > 0 || len(l.Entries) != 1 || len(l.Trees) != 1 {
		t.Fatalf("%v: %d entries, %d trees", probs, len(l.Entries), len(l.Trees))
	}
	e, tr := l.Entries[0], l.Trees[0]
	n := tr.Nodes[0]
	multi := []string{e.ID, e.Answer, e.Sources[0].Seed, e.Sources[0].Quote, tr.ID, tr.Start, n.ID, n.Kind, n.Text, n.Help, n.Check,
		n.Steps[0], n.Entries[0], n.Options[0].ID, n.Options[0].Next, n.Outcomes[0].Result, n.Outcomes[0].Next}
	one := []string{e.Title, e.Product, e.Theme, e.Keywords[0], tr.Title, tr.Product, tr.Symptoms[0], n.Verdict, n.Options[0].Label}
	for _, s := range append(multi, one...) {
		if !strings.Contains(s, "␛[2J") {
			t.Fatalf("payload lost: %q", s)
		}
		assertInert(t, s, true)
		if strings.ContainsAny(s, "\u202e\U000E0041") {
			t.Errorf("bidi or tag character kept: %q", s)
		}
	}
	for _, s := range one {
		assertInert(t, s, false)
	}
}

func TestEscapeC1JSON(t *testing.T) {
	in := []byte("{\"t\":\"a\u009b31mb\u0085é\"}")
	if got := string(kb.EscapeC1JSON(in)); got != `{"t":"a\u009b31mb\u0085é"}` {
		t.Errorf("EscapeC1JSON = %q", got)
	}
	plain := []byte(`{"t":"é"}`)
	if got := kb.EscapeC1JSON(plain); &got[0] != &plain[0] {
		t.Error("no C1: a copy was made")
	}
}
