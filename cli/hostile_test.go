package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"ecps-assist/kb"
)

// hostileKinds are terminal control sequences that must never reach the
// text output of a command, whatever carries them: a --kb override, a
// ticket, an argument.
var hostileKinds = []struct{ name, payload string }{
	{"clear-screen", "\x1b[2J\x1b[H"},
	{"osc52-clipboard", "\x1b]52;c;ZXZpbA==\x07"},
	{"osc8-hyperlink", "\x1b]8;;https://evil.example\x1b\\clic\x1b]8;;\x1b\\"},
	{"bel", "\x07\x07"},
	{"c1-csi", "\u009b2J\u009bH"},
	{"c1-osc", "\u009d52;c;ZXZpbA==\u009c"},
	{"bidi-override", "\u202eevil\u2066x\u2069\u200f"},
	{"tag-characters", "\U000e0041\U000e0042"},
	{"carriage-return", "\rEFFACÉ"},
}

// controlIn reports the first character in s that kb.Inert replaces (a
// C0 control but newline and tab, DEL, C1, a bidi control, a tag
// character, a line separator; or invalid UTF-8, which an 8-bit terminal
// may read as C1), or "".
func controlIn(s string) string {
	if !utf8.ValidString(s) {
		return "invalid UTF-8"
	}
	for i, r := range s {
		if kb.Inert(string(r)) != string(r) {
			return fmt.Sprintf("%U at byte %d: …%q…", r, i, s[max(0, i-30):min(len(s), i+30)])
		}
	}
	return ""
}

// yamlQuote is a double-quoted YAML scalar: JSON's escapes, plus C1
// controls escaped (YAML forbids them raw).
func yamlQuote(s string) string {
	js, _ := json.Marshal(s)
	var b strings.Builder
	for _, r := range string(js) {
		if r >= 0x80 && r < 0xa0 {
			fmt.Fprintf(&b, "\\u%04x", r)
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// hostileOverride writes a valid override whose every text carries
// payload (and "zorglub"), in a directory whose name carries it too.
func hostileOverride(t *testing.T, payload string) string {
	t.Helper()
	q := func(s string) string { return yamlQuote(s + " " + payload + " zorglub") }
	yaml := `entries:
  - id: local-hostile
    title: ` + q("Titre") + `
    product: e-CPS
    theme: ` + q("Thème") + `
    keywords: [` + q("mot") + `, zorglub]
    sources:
      - {seed: 000_50255237a135427a.txt, block: 10}
    answer: ` + q("Réponse") + `
trees:
  - id: local-hostile-tree
    title: ` + q("Arbre") + `
    product: e-CPS
    symptoms: [` + q("symptôme") + `]
    start: q
    nodes:
      - id: q
        kind: question
        text: ` + q("Question") + `
        help: ` + q("Aide") + `
        options:
          - {id: a, label: ` + q("Option") + `, next: c}
          - {id: b, label: ` + q("Vérifier") + `, next: k}
      - id: k
        kind: check
        check: idnat
        text: ` + q("Saisir") + `
        outcomes:
          - {result: valid, next: c}
          - {result: invalid, next: c}
      - id: c
        kind: conclusion
        verdict: info
        text: ` + q("Fin") + `
        steps: [` + q("Étape") + `]
        entries: [local-hostile]
`
	name := strings.NewReplacer("/", "_", "\\", "_").Replace("kb " + payload)
	dir := filepath.Join(t.TempDir(), name)
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "hostile.yaml"), []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// brokenHostileOverride is invalid: ids, fields and values carry payload,
// so lint and the fallback warning have to quote it.
func brokenHostileOverride(t *testing.T, payload string) string {
	t.Helper()
	p := yamlQuote(payload)
	yaml := `entries:
  - id: ` + p + `
    title: ` + p + `
    product: ` + p + `
    theme: ` + p + `
    ` + p + `: 1
    sources:
      - {seed: ` + p + `, block: 1, quote: ` + p + `}
    answer: ` + p + `
trees:
  - id: ` + p + `
    product: ` + p + `
    start: ` + p + `
    nodes:
      - {id: ` + p + `, kind: ` + p + `, text: ` + p + `, verdict: ` + p + `, check: ` + p + `,
         options: [{id: ` + p + `, label: ` + p + `, next: ` + p + `}], entries: [` + p + `]}
`
	dir := filepath.Join(t.TempDir(), strings.NewReplacer("/", "_", "\\", "_").Replace("broken "+payload))
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	name := strings.NewReplacer("/", "_", "\\", "_").Replace(payload) + ".yaml"
	if err := os.WriteFile(filepath.Join(dir, name), []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func assertNoControl(t *testing.T, args []string, out, errs string) {
	t.Helper()
	for _, s := range []struct{ name, text string }{{"stdout", out}, {"stderr", errs}} {
		if bad := controlIn(s.text); bad != "" {
			t.Errorf("%q: %s has %s", args, s.name, bad)
		}
	}
}

// Text output of every command, with a hostile --kb override, ticket,
// input or argument: no ESC, BEL or C1 at all.
func TestHostileTextOutputs(t *testing.T) {
	for _, hk := range hostileKinds {
		t.Run(hk.name, func(t *testing.T) {
			p := hk.payload
			dir := hostileOverride(t, p)
			ticketFile := filepath.Join(t.TempDir(), "ticket.txt")
			ticket := "Bonjour " + p + " zorglub, mon téléphone est rooté " + p + "\nmerci " + p
			if err := os.WriteFile(ticketFile, []byte(ticket), 0o644); err != nil {
				t.Fatal(err)
			}
			type tc struct {
				args  []string
				stdin string
				want  string // in stdout: the hostile text was shown (inert)
			}
			cases := []tc{
				{args: []string{"list"}, want: "Titre"},
				{args: []string{"show", "local-hostile"}, want: "Réponse"},
				{args: []string{"trees"}, want: "Arbre"},
				{args: []string{"search", "zorglub"}, want: "Titre"},
				{args: []string{"search", "zorglub", p}, want: "Titre"},
				{args: []string{"triage"}, stdin: ticket, want: "Ticket"},
				{args: []string{"triage", ticketFile}, want: "Ticket"},
				{args: []string{"triage", "-"}, stdin: ticket, want: "Ticket"},
				{args: []string{"version"}},
				{args: []string{"lint"}, want: "lint:"},
				{args: []string{"check-id", p}, want: "INVALIDE"},
				{args: []string{"check-id", "8100" + p + "00123454"}},
				{args: []string{"check-id", "--kind", "rpps", p}},
				{args: []string{"show", p}},
				{args: []string{"diagnose", p}},
				{args: []string{"triage", filepath.Join(t.TempDir(), "nope "+strings.ReplaceAll(p, "/", "_"))}},
			}
			for _, f := range []string{"text", "md"} {
				cases = append(cases,
					tc{args: []string{"diagnose", "local-hostile-tree", "--format", f}, want: "Question"},
					tc{args: []string{"diagnose", "local-hostile-tree", "--answers", "a", "--format", f}, want: "Fin"},
					tc{args: []string{"diagnose", "local-hostile-tree", "--answers", "b", "--input", p, "--format", f}, want: "Fin"},
					tc{args: []string{"diagnose", "local-hostile-tree", "--answers", "b", "--input", "8100" + p + "00123454", "--format", f}, want: "Fin"},
					tc{args: []string{"diagnose", "ecps-activation-error", "--answers", "android,ecps", "--input", p, "--format", f}},
					tc{args: []string{"diagnose", "local-hostile-tree", "--answers", "a," + p, "--format", f}},
					tc{args: []string{"diagnose", "local-hostile-tree", "--answers", p, "--format", f}},
				)
			}
			for _, c := range cases {
				args := append([]string{"--kb", dir}, c.args...)
				out, errs, _ := run(t, c.stdin, args...)
				assertNoControl(t, args, out, errs)
				if strings.Contains(errs, "ignored") {
					t.Fatalf("%q: the override was not loaded:\n%s", args, errs)
				}
				if c.want != "" && !strings.Contains(out, c.want) {
					t.Errorf("%q: stdout lacks %q:\n%s", args, c.want, out)
				}
			}
			// An invalid override: lint lists its problems, every command
			// warns and falls back.
			broken := brokenHostileOverride(t, p)
			for _, args := range [][]string{{"--kb", broken, "lint"}, {"--kb", broken, "list"}, {"lint", "--kb", broken}, {"--kb", broken, "diagnose", "ecps-device-integrity"}} {
				out, errs, _ := run(t, "", args...)
				assertNoControl(t, args, out, errs)
				if !strings.Contains(out+errs, "broken ") {
					t.Errorf("%q: the broken override is not named:\n%s\n%s", args, out, errs)
				}
			}
			// Arguments and flags the user got wrong are quoted inert too.
			for _, args := range [][]string{{p}, {"--" + p}, {"list", "--" + p}, {"--kb", p + "nope", "list"}, {"diagnose", "--format", p, "x"}, {"check-id", "--kind", p, "1"}, {"search", "--limit", p, "x"}} {
				out, errs, _ := run(t, "", args...)
				assertNoControl(t, args, out, errs)
			}
		})
	}
}

// The --ticket of the interactive assistant is bounded like triage's
// (see bombs_test.go); its errors are inert.
func TestHostileTicketPath(t *testing.T) {
	for _, hk := range hostileKinds {
		var out, errb bytes.Buffer
		name := filepath.Join(t.TempDir(), strings.ReplaceAll("nope "+hk.payload, "/", "_"))
		code := Run(Env{Args: []string{"--ticket", name}, Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb,
			IsTerminal: true, RunTUI: func(TUIOptions) error { t.Fatal("the TUI started"); return nil }})
		if code != ExitFail {
			t.Errorf("%s: exit %d", hk.name, code)
		}
		assertNoControl(t, []string{"--ticket", name}, out.String(), errb.String())
	}
}

// stderr is made inert at its one exit, a UTF-8 sequence cut between two
// writes kept whole.
func TestInertWriter(t *testing.T) {
	var b bytes.Buffer
	w := &inertWriter{w: &b}
	msg := "erreur « é » \x1b[2J\u202e\n"
	for i := 0; i < len(msg); i++ {
		w.Write([]byte{msg[i]}) // byte by byte: every sequence cut
	}
	w.Write([]byte("fin \xc3"))
	w.Flush()
	if want := "erreur « é » ␛[2J\uFFFD\nfin \uFFFD"; b.String() != want {
		t.Errorf("got %q, want %q", b.String(), want)
	}
}

// File names from the environment are shown inert by paths and version,
// and in every error that quotes them.
func TestHostileEnvironment(t *testing.T) {
	for _, hk := range hostileKinds {
		base := filepath.Join(t.TempDir(), strings.ReplaceAll(hk.payload, "/", "_"))
		env := map[string]string{"XDG_CONFIG_HOME": base + "c", "XDG_STATE_HOME": base + "s", "HOME": base + "h"}
		for _, args := range [][]string{{"paths"}, {"version"}, {"history"}, {"--kb", base + "kb", "list"}} {
			out, errs, _ := runEnv(t, env, args...)
			assertNoControl(t, append([]string{hk.name}, args...), out, errs)
		}
	}
}
