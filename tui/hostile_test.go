package tui

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"ecps-assist/kb"
)

// hostileKinds are terminal control sequences that text from a --kb
// override, a ticket or the keyboard must never deliver to the terminal.
var hostileKinds = []struct{ name, payload string }{
	{"clear-screen", "\x1b[2J\x1b[H"},
	{"osc52-clipboard", "\x1b]52;c;ZXZpbA==\x07"},
	{"osc8-hyperlink", "\x1b]8;;https://evil.example\x1b\\clic\x1b]8;;\x1b\\"},
	{"bel", "\x07\x07"},
	{"c1-csi", "\u009b2J\u009bH"},
	{"c1-osc", "\u009d52;c;ZXZpbA==\u009c"},
}

// hostileIn reports what hostile sequence the raw frame holds, or "".
// ansi.Strip is not used: it would hide the very sequences looked for.
func hostileIn(v string) string {
	for _, bad := range []string{"\x1b]", "\x07", "\u009b", "\u009d", "\u009c", "\x1b[2J", "\x1b[H", "\x1bP", "\u202e"} {
		if strings.Contains(v, bad) {
			return bad
		}
	}
	// Every other ESC must start a styling (SGR) sequence: ESC [ 0-9;: m.
	for rest := v; ; {
		i := strings.IndexByte(rest, 0x1b)
		if i < 0 {
			return ""
		}
		rest = rest[i:]
		j := 2
		for j < len(rest) && (rest[j] >= '0' && rest[j] <= '9' || rest[j] == ';' || rest[j] == ':') {
			j++
		}
		if len(rest) < 2 || rest[1] != '[' || j >= len(rest) || rest[j] != 'm' {
			return rest[:min(len(rest), 12)]
		}
		rest = rest[j+1:]
	}
}

// writeHostileOverride writes a valid --kb override whose texts all carry
// payload: an entry (title, theme, answer, keywords) and a tree (title,
// symptom, question, help, options, check text, conclusion, steps). Every
// text also holds "zorglub", to find them by search. It returns the dir.
func writeHostileOverride(t testing.TB, payload string) string {
	t.Helper()
	p := func(s string) string { return s + " " + payload + " zorglub" }
	doc := map[string]any{
		"entries": []any{map[string]any{
			"id": "local-hostile", "title": p("Titre"), "product": "e-CPS", "theme": p("Thème"),
			"keywords": []string{p("mot"), "zorglub"},
			"answer":   p("Réponse") + "\n- " + p("puce") + "\n",
			"sources":  []any{map[string]any{"seed": "000_50255237a135427a.txt", "block": 10}},
		}},
		"trees": []any{map[string]any{
			"id": "local-hostile-tree", "title": p("Arbre"), "product": "e-CPS",
			"symptoms": []string{p("symptôme")}, "start": "q",
			"nodes": []any{
				map[string]any{"id": "q", "kind": "question", "text": p("Question"), "help": p("Aide"),
					"options": []any{
						map[string]any{"id": "a", "label": p("Option"), "next": "c"},
						map[string]any{"id": "b", "label": p("Vérifier"), "next": "k"},
					}},
				map[string]any{"id": "k", "kind": "check", "check": "idnat", "text": p("Saisir"), "help": p("Aide"),
					"outcomes": []any{
						map[string]any{"result": "valid", "next": "c"},
						map[string]any{"result": "invalid", "next": "c"},
					}},
				map[string]any{"id": "c", "kind": "conclusion", "verdict": "info", "text": p("Fin"),
					"steps": []string{p("Étape")}, "entries": []string{"local-hostile", "ecps-one-per-person"}},
			},
		}},
	}
	// YAML is a superset of JSON: the escapes (\u001b…) are kept. C1
	// controls, which YAML forbids raw, are escaped too (\u009b).
	js, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, r := range string(js) {
		if r >= 0x80 && r < 0xa0 {
			fmt.Fprintf(&b, "\\u%04x", r)
		} else {
			b.WriteRune(r)
		}
	}
	data := []byte(b.String())
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "hostile.yaml"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// hostileKB reads the override as --kb does and lays it on the fixture
// knowledge; it must be accepted.
func hostileKB(t testing.TB, payload string) *kb.KB {
	t.Helper()
	over, probs := kb.DirLayer(writeHostileOverride(t, payload))
	k, p := fixtureKB(over)
	if errs := append(probs, p...).Errors(); len(errs) > 0 || k.Entry("local-hostile") == nil || k.Tree("local-hostile-tree") == nil {
		t.Fatalf("hostile override rejected:\n%s", errs.Error())
	}
	// Loading made it inert, and kept it visible.
	if !strings.Contains(k.Entry("local-hostile").Title, kb.InertLine(payload)) || !strings.Contains(k.Tree("local-hostile-tree").Node("q").Text, kb.Inert(payload)) {
		t.Fatalf("the payload is not in the loaded text, inert: %q", k.Entry("local-hostile").Title)
	}
	return k
}

// clean fails when the raw frame holds a hostile sequence.
func (h *harness) clean(step string) {
	h.t.Helper()
	if bad := hostileIn(h.m.View()); bad != "" {
		h.t.Fatalf("%s: %q reached the terminal:\n%q", step, bad, h.m.View())
	}
}

// The detector itself: each payload is caught raw, styling is not.
func TestHostileInDetects(t *testing.T) {
	for _, hk := range hostileKinds {
		if hostileIn("a \x1b[1mb\x1b[0m "+hk.payload) == "" {
			t.Errorf("%s: not detected", hk.name)
		}
		if hostileIn(kb.Inert("a "+hk.payload)) != "" {
			t.Errorf("%s: detected once inert", hk.name)
		}
	}
	if bad := hostileIn("\x1b[38;5;214mx\x1b[0m\x1b[7m \x1b[m"); bad != "" {
		t.Errorf("SGR flagged: %q", bad)
	}
	for _, s := range []string{"\x1b", "a\x1b[", "\x1b[1", "\x1b[1;2H", "\x1b[?25l", "\x1bc", "\x1b[0m\x1b[K"} {
		if hostileIn(s) == "" {
			t.Errorf("%q not flagged", s)
		}
	}
}

// With colours (SGR allowed) and without (no escape at all), every
// surface of the UI showing override text stays inert.
func TestHostileOverrideTextIsInert(t *testing.T) {
	for _, hk := range hostileKinds {
		t.Run(hk.name, func(t *testing.T) {
			k := hostileKB(t, hk.payload)
			for _, prof := range []termenv.Profile{termenv.Ascii, termenv.ANSI256} {
				h := newHarness(t, Options{KB: k}, 80, 24)
				lipgloss.SetColorProfile(prof)
				h.m.refresh()
				h.clean("home")
				h.typeText("zorglub")
				h.clean("search results")
				h.keys("enter") // the tree comes first
				if s, ok := h.m.top().(*treeScreen); !ok || s.sess.Tree.ID != "local-hostile-tree" {
					t.Fatalf("enter did not open the hostile tree:\n%s", h.screen())
				}
				h.clean("question")
				h.keys("?")
				h.clean("help")
				h.keys("?", "2")
				h.clean("check")
				h.typeText("123")
				h.keys("enter")
				h.clean("conclusion")
				h.expect("Fin")
				h.keys("b")
				h.clean("breadcrumbs")
				h.keys("esc", "1")
				if _, ok := h.m.top().(*answerScreen); !ok {
					t.Fatalf("1 did not open the cited answer:\n%s", h.screen())
				}
				h.clean("answer")
				for range 10 {
					h.keys("pgdown")
					h.clean("answer, scrolled")
				}
				h.keys("esc", "esc", "o")
				h.clean("home again")
				// Browse: the hostile theme, then its answer.
				h.keys("esc", "esc", "p")
				h.clean("browse products")
				h.keys("enter")
				b := h.m.top().(*browseScreen)
				for i, it := range b.list.items {
					if strings.Contains(it.title, "zorglub") {
						b.list.sel = i
					}
				}
				h.send(tea.MouseMsg{Button: tea.MouseButtonWheelDown, Action: tea.MouseActionPress})
				h.send(tea.MouseMsg{Button: tea.MouseButtonWheelUp, Action: tea.MouseActionPress})
				h.clean("browse themes")
				h.keys("enter")
				h.clean("browse answers")
				h.keys("enter")
				h.clean("browsed answer")
				lipgloss.SetColorProfile(termenv.Ascii)
			}
		})
	}
}

func TestHostileTicketIsInert(t *testing.T) {
	for _, hk := range hostileKinds {
		t.Run(hk.name, func(t *testing.T) {
			ticket := "Bonjour " + hk.payload + " mon téléphone est rooté " + hk.payload + "\nl'appli e-CPS refuse " + hk.payload
			for _, prof := range []termenv.Profile{termenv.Ascii, termenv.ANSI256} {
				h := newHarness(t, Options{Ticket: ticket, Warn: "--kb " + hk.payload + " ignoré"}, 80, 24)
				lipgloss.SetColorProfile(prof)
				h.m.refresh()
				h.expect("Ticket", "Bonjour")
				h.clean("triage")
				for _, sz := range [][2]int{{40, 12}, {120, 40}} {
					h.send(tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
					h.clean("triage, resized")
				}
				h.keys("?")
				h.clean("help")
				h.keys("?", "enter")
				h.clean("tree from the triage")
				lipgloss.SetColorProfile(termenv.Ascii)
			}
		})
	}
}

func TestHostileTypedInputIsInert(t *testing.T) {
	for _, hk := range hostileKinds {
		t.Run(hk.name, func(t *testing.T) {
			for _, prof := range []termenv.Profile{termenv.Ascii, termenv.ANSI256} {
				// The search field: typed rune by rune, in one message, pasted.
				h := newHarness(t, Options{}, 80, 24)
				lipgloss.SetColorProfile(prof)
				h.typeText("carte " + hk.payload)
				h.clean("search field, typed")
				h.keys("esc", "esc", "tab")
				h.send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(hk.payload + "sim")})
				h.clean("search field, one message")
				h.send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(hk.payload + "\npuce\r\n" + hk.payload), Paste: true})
				h.clean("search field, pasted")

				// The check field, then everything that echoes the value.
				h = newHarness(t, Options{TreeID: "ecps-activation-error"}, 80, 24)
				lipgloss.SetColorProfile(prof)
				h.keys("1", "1")
				if !h.m.top().typing() {
					t.Fatal("not in the check field")
				}
				h.typeText("8100" + hk.payload)
				h.clean("check field, typed")
				h.send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(hk.payload + "00123454"), Paste: true})
				h.clean("check field, pasted")
				h.keys("enter")
				h.clean("verdict")
				h.keys("b")
				h.clean("breadcrumbs with the value")
				h.keys("esc", "left")
				h.clean("back in the field")
				lipgloss.SetColorProfile(termenv.Ascii)
			}
		})
	}
}
