package tui

import (
	"io"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
)

// Issue 13 (AZERTY): the unshifted digit row chooses like the digits, on
// every list, without Shift: home → tree → conclusion with no digit.
func TestAzertyRowChooses(t *testing.T) {
	h := newHarness(t, Options{}, 80, 24)
	h.keys("tab", "'") // ' is the 4 of the AZERTY row
	h.expect("Le téléphone est-il rooté")
	h.keys("&") // 1: Oui
	h.expect("Résolu", "Le téléphone rooté est incompatible avec la e-CPS.")
	h.keys("&") // the first cited answer
	h.expect("Pourquoi l'application e-CPS refuse-t-elle mon téléphone ?")

	// A question: é answers the second option; b then & goes back to step 1.
	h = newHarness(t, Options{TreeID: "ecps-device-integrity"}, 80, 24)
	h.keys("é")
	h.expect("→ Non ou ne sait pas", "store officiel")
	h.keys("b", "&")
	h.expect("Retour à l'étape 1")

	// In the search field é is text; alt+é opens the second result.
	h = newHarness(t, Options{}, 80, 24)
	h.typeText("é")
	h.expect("Rechercher › é")
	h.keys("backspace", "alt+'")
	h.expect("Le téléphone est-il rooté")

	// Triage and browse.
	h = newHarness(t, Options{Ticket: "mon téléphone est rooté, l'appli e-CPS refuse"}, 80, 24)
	h.keys("&")
	h.expect("Diagnostic ·")
	h = newHarness(t, Options{}, 80, 24)
	h.keys("tab", "p", "&")
	h.expect("e-CPS — choisissez une thématique")
}

// Issue 13: the 10th item has a key (0, à on AZERTY).
func TestTenthItemHasAKey(t *testing.T) {
	h := newHarness(t, Options{}, 80, 24)
	h.keys("tab", "p")
	h.expect("0 Référentiels")
	h.keys("à")
	h.expect("Référentiels — choisissez une thématique")
	h.keys("esc", "0")
	h.expect("Référentiels — choisissez une thématique")
	if digit("ç") != 8 || digit("alt+é") != 1 || digit("x") != -1 {
		t.Errorf("digit: ç=%d alt+é=%d x=%d", digit("ç"), digit("alt+é"), digit("x"))
	}
}

// fastTypist is a key clock where keys come 100 ms apart ("4⏎" typed as
// one gesture).
func fastTypist() func() time.Time {
	t := testNow
	return func() time.Time { t = t.Add(100 * time.Millisecond); return t }
}

// Issue 13: "4 then Enter" in list mode opened the tree and answered its
// first question. The digit opens; the Enter of the same gesture does
// nothing more. An Enter typed later (after reading) acts.
func TestDigitThenEnterIsOneAction(t *testing.T) {
	h := newHarness(t, Options{}, 80, 24)
	h.m.keyClock = fastTypist()
	h.keys("tab", "4", "enter")
	h.expect("Le téléphone est-il rooté", "Entrée ignorée")
	if d := h.tree().sess.Depth(); d != 0 {
		t.Fatalf("4 then Enter answered %d question(s)", d)
	}
	// Same on a question: 2⏎ answers once.
	h.keys("2", "enter")
	if d := h.tree().sess.Depth(); d != 1 {
		t.Fatalf("2 then Enter: depth %d, want 1", d)
	}
	// Enter a second later (the agent read the question) answers.
	h.m.keyClock = slowTypist()
	h.keys("enter")
	if d := h.tree().sess.Depth(); d != 2 {
		t.Fatalf("a later Enter: depth %d, want 2", d)
	}
	// A digit that did nothing (no 9th option) arms nothing.
	h.m.keyClock = fastTypist()
	h.keys("left", "9", "enter")
	if d := h.tree().sess.Depth(); d != 2 {
		t.Fatalf("9 (no such option) then Enter: depth %d, want 2", d)
	}
}

// Newlines inside one message are spaces, never Enter (a guard: the old
// code passed it too; the bug was the unbracketed paste, tested below
// through the program).
func TestNewlinesInOneMessageAreNotEnter(t *testing.T) {
	h := newHarness(t, Options{}, 80, 24)
	h.send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("rooté\nmerci"), Paste: true})
	h.expect("Rechercher › rooté merci")
	if _, ok := h.m.top().(*homeScreen); !ok {
		t.Fatalf("a paste opened %T", h.m.top())
	}
	h = newHarness(t, Options{TreeID: "ecps-device-integrity"}, 80, 24)
	h.send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("oui\r\n")})
	if d := h.tree().sess.Depth(); d != 0 {
		t.Fatalf("runes with a newline answered %d question(s)", d)
	}
}

// Issue 13: a paste the terminal does not bracket arrives as one read
// with its newlines; through the real program it must stay text. Before,
// "rooté\r" typed the word then opened the tree on the \r.
func TestUnbracketedPasteThroughTheProgram(t *testing.T) {
	for _, c := range []struct {
		opts  Options
		paste string
		check func(m *Model) string
	}{
		{Options{}, "mon téléphone est rooté\r", func(m *Model) string {
			if h, ok := m.top().(*homeScreen); !ok || h.input.Value() != "mon téléphone est rooté " {
				return "home field not holding the pasted text"
			}
			return ""
		}},
		{Options{TreeID: "ecps-device-integrity"}, "\r\r", func(m *Model) string {
			if s, ok := m.top().(*treeScreen); !ok || s.sess.Depth() != 0 {
				return "pasted blank lines answered the question"
			}
			return ""
		}},
		{Options{TreeID: "ecps-activation-error"}, "1\r1\r", func(m *Model) string {
			if s, ok := m.top().(*treeScreen); !ok || s.sess.Depth() != 0 {
				return "a pasted \"1⏎1⏎\" answered"
			}
			return ""
		}},
	} {
		m := newModel(Options{KB: loadKB(t), TreeID: c.opts.TreeID}, NewStyles())
		pr, pw := io.Pipe()
		p := tea.NewProgram(m, tea.WithInput(&burstReader{r: pr}), tea.WithOutput(io.Discard),
			tea.WithoutSignalHandler(), tea.WithoutRenderer())
		done := make(chan error, 1)
		go func() { _, err := p.Run(); done <- err }()
		p.Send(tea.WindowSizeMsg{Width: 80, Height: 24})
		if _, err := pw.Write([]byte(c.paste)); err != nil {
			t.Fatal(err)
		}
		time.Sleep(50 * time.Millisecond) // let the read loop deliver it
		p.Quit()
		if err := <-done; err != nil {
			t.Fatal(err)
		}
		pw.Close()
		if why := c.check(m); why != "" {
			t.Errorf("paste %q: %s\n%s", c.paste, why, m.View())
		}
	}
}

func TestBurstReader(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"a", "a"},
		{"\r", "\r"},
		{"ab\rc", pasteStart + "ab\rc" + pasteEnd},
		{"2\r", "2\r"},     // a key and Enter typed ahead: no paste
		{"é\r\n", "é\r\n"}, // one rune: a key
		{"2\r3", pasteStart + "2\r3" + pasteEnd},
		{"\r\r", pasteStart + "\r\r" + pasteEnd}, // blank lines pasted
		{"\x1b[A\r", "\x1b[A\r"},                 // keys, not text
		{"\x03\r", "\x03\r"},                     // ^C
		{pasteStart + "x\ry" + pasteEnd, pasteStart + "x\ry" + pasteEnd}, // bracketed already
	} {
		b := &burstReader{r: strings.NewReader(c.in)}
		buf := make([]byte, 256)
		n, _ := b.Read(buf)
		if got := string(buf[:n]); got != c.want {
			t.Errorf("%q → %q, want %q", c.in, got, c.want)
		}
	}
	// A rune cut by the read is kept for the next read.
	b := &burstReader{r: io.MultiReader(strings.NewReader("aé\r\xc3"), strings.NewReader("\xa9"))}
	buf := make([]byte, 256)
	n, _ := b.Read(buf)
	if got := string(buf[:n]); got != pasteStart+"aé\r"+pasteEnd {
		t.Errorf("first read %q", got)
	}
	n, _ = b.Read(buf)
	if got := string(buf[:n]); got != "é" {
		t.Errorf("second read %q, want é", got)
	}
}

// Issue 13: F1 opens help on every screen, in a field too; ? opens it
// outside a field; the home footer names help and browse.
func TestHelpEverywhere(t *testing.T) {
	h := newHarness(t, Options{}, 80, 24)
	h.expect("F1 aide", "tab p parcourir")
	h.keys("?")
	h.expect("Rechercher › ?") // text in the field
	h.keys("f1")
	h.expect("Touches de cet écran", "alt+1–9")
	h.keys("f1")
	h.expect("Rechercher › ?")
	h.keys("backspace", "tab")
	h.expect("p parcourir")
	for _, o := range []Options{{}, {TreeID: "ecps-device-integrity"}, {TreeID: "ecps-activation-error"}, {Ticket: "carte CPS firefox"}} {
		h = newHarness(t, o, 80, 24)
		if o.TreeID == "ecps-activation-error" {
			h.keys("1", "1") // the check field has the focus
		}
		h.keys("f1")
		h.expect("Touches de cet écran")
		h.keys("esc")
		h.reject("Touches de cet écran")
	}
}

// Issue 13: Ctrl+Z suspends with Bubble Tea's suspend (the program
// restores the terminal, stops, and restores raw mode on fg).
func TestCtrlZSuspends(t *testing.T) {
	h := newHarness(t, Options{}, 80, 24)
	cmd := h.keys("ctrl+z")
	if cmd == nil {
		t.Fatal("ctrl+z returned no command")
	}
	if _, ok := cmd().(tea.SuspendMsg); !ok {
		t.Fatal("ctrl+z is not tea.Suspend")
	}
	suspending.Store(false)
	h.send(tea.ResumeMsg{})
	h.expect("Rechercher")
}

// Issue 13 (reading): g/G/Home/End on every scrollable screen.
func TestTopAndBottom(t *testing.T) {
	h := newHarness(t, Options{}, 80, 24)
	h.keys("tab", "G")
	hs := h.m.top().(*homeScreen)
	if hs.list.sel != len(hs.list.items)-1 {
		t.Errorf("G: selection %d of %d", hs.list.sel, len(hs.list.items))
	}
	h.keys("g")
	if hs.list.sel != 0 {
		t.Errorf("g: selection %d", hs.list.sel)
	}
	h.keys("end", "home")
	if hs.list.sel != 0 {
		t.Errorf("end, home: selection %d", hs.list.sel)
	}
	// An answer.
	h = newHarness(t, Options{TreeID: "ecps-device-integrity"}, 80, 12)
	h.keys("1", "1")
	a := h.m.top().(*answerScreen)
	h.keys("G")
	if a.sc.below || !a.sc.above {
		t.Error("G: the answer is not at its end")
	}
	h.keys("g")
	if a.sc.above || !a.sc.below {
		t.Error("g: the answer is not at its top")
	}
	// A conclusion.
	h = newHarness(t, Options{TreeID: "ecps-device-integrity"}, 80, 12)
	h.keys("1", "end")
	if s := h.tree(); s.sc.below || s.sc.offset == 0 {
		t.Errorf("end: the conclusion's end not shown (offset %d)\n%s", s.sc.offset, h.screen())
	}
	h.keys("home")
	h.expect("Résolu")
	// A question: G selects the last option.
	h = newHarness(t, Options{TreeID: "ecps-device-integrity"}, 80, 24)
	h.keys("G", "enter")
	h.expect("→ Non ou ne sait pas")
	// Help and browse.
	h.keys("?", "G", "g", "?", "esc", "esc")
	h = newHarness(t, Options{}, 80, 24)
	h.keys("tab", "p", "G", "enter")
	h.expect("Référentiels — choisissez une thématique")
}

// Issue 13 (reading): at 200 columns an answer and a conclusion wrap at
// about 100.
func TestReadingWidth(t *testing.T) {
	h := newHarness(t, Options{TreeID: "ecps-device-integrity"}, 200, 50)
	h.keys("1")
	widest := 0
	for _, l := range strings.Split(h.screen(), "\n")[1:] {
		if w := len([]rune(strings.TrimRight(l, " "))); w > widest && !strings.Contains(l, " · ") {
			widest = w
		}
	}
	if widest > readWidth || widest < 60 {
		t.Errorf("conclusion lines up to %d cells at 200 columns, want ≤ %d", widest, readWidth)
	}
	h.keys("1")
	for _, l := range strings.Split(h.screen(), "\n")[1 : h.m.height-1] {
		if w := len([]rune(strings.TrimRight(l, " "))); w > readWidth {
			t.Errorf("answer line of %d cells: %q", w, l)
		}
	}
}

// Issue 13 (reading): the whole ticket is readable from the triage screen.
func TestWholeTicket(t *testing.T) {
	ticket := "Bonjour,\nle Dr Martin a changé de téléphone.\n" + strings.Repeat("Il a tout essayé. ", 30) + "\nFIN DU TICKET"
	h := newHarness(t, Options{Ticket: ticket}, 80, 24)
	h.reject("FIN DU TICKET")
	h.expect("t : lire tout le ticket")
	h.keys("t")
	h.expect("Ticket entier", "Bonjour,", "le Dr Martin a changé de téléphone.")
	h.keys("G")
	h.expect("FIN DU TICKET")
	h.keys("esc")
	h.expect("Tri du ticket")
}
