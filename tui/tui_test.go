package tui

import (
	"bytes"
	"encoding/base64"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"ecps-assist/config"
	"ecps-assist/kb"
	"ecps-assist/kb/synth"
)

// -update rewrites the golden files in testdata/. The flag is shared with
// charmbracelet/x/exp/golden (imported by teatest), which defines it too.
var _ = func() bool {
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite the golden files in testdata/")
	}
	return true
}()

func updateGolden() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

var testNow = time.Date(2025, 3, 14, 9, 26, 53, 0, time.Local)

var (
	kbOnce sync.Once
	testKB *kb.KB
)

// loadKB returns the fixture knowledge of testdata/kb, loaded alone (not
// on top of the embedded knowledge): the UI tests do not change when
// kb/data does.
func loadKB(t testing.TB) *kb.KB {
	kbOnce.Do(func() {
		k, probs := fixtureKB(kb.Layer{})
		if errs := probs.Errors(); len(errs) > 0 {
			panic("tui fixture knowledge: " + errs.Error())
		}
		testKB = k
	})
	return testKB
}

// fixtureDir is absolute: a test may change the working directory.
var fixtureDir, _ = filepath.Abs(filepath.Join("testdata", "kb"))

// fixtureKB is the fixture knowledge with over laid on top, as --kb lays
// a directory on the embedded knowledge.
func fixtureKB(over kb.Layer) (*kb.KB, kb.Problems) {
	base, probs := kb.DirLayer(fixtureDir)
	k, p := kb.Merge(base, over)
	return k, append(probs, p...)
}

// testEnv is the environment of the UI under test: the export directory
// (set by the tests with t.Setenv) and HOME, nothing else (no TMUX, TERM…).
func testEnv(k string) string {
	if k == config.ExportDirEnv || k == "HOME" {
		return os.Getenv(k)
	}
	return ""
}

// harness drives a root model the way Bubble Tea does.
type harness struct {
	t    testing.TB
	m    *Model
	clip *bytes.Buffer
}

func newHarness(t testing.TB, o Options, w, h int) *harness {
	t.Helper()
	lipgloss.SetColorProfile(termenv.Ascii)
	if o.KB == nil {
		o.KB = loadKB(t)
	}
	m := newModel(o, NewStyles())
	clip := &bytes.Buffer{}
	m.now = func() time.Time { return testNow }
	m.keyClock = slowTypist()
	m.clipboard = clip
	m.sysClip = nil // no system clipboard (tests set one)
	m.getenv = testEnv
	hs := &harness{t: t, m: m, clip: clip}
	hs.send(tea.WindowSizeMsg{Width: w, Height: h})
	return hs
}

// slowTypist is a key clock where each key comes a second after the
// previous one (no key is part of the previous key's gesture).
func slowTypist() func() time.Time {
	t := testNow
	return func() time.Time { t = t.Add(time.Second); return t }
}

// send delivers a message and returns the command Update returned.
func (h *harness) send(msg tea.Msg) tea.Cmd {
	h.t.Helper()
	_, cmd := h.m.Update(msg)
	h.checkFrame()
	return cmd
}

// run runs a command (as Bubble Tea would) and feeds its message back.
func (h *harness) run(cmd tea.Cmd) {
	h.t.Helper()
	if cmd == nil {
		h.t.Fatal("no command")
	}
	if msg := cmd(); msg != nil {
		h.send(msg)
	}
}

func keyMsg(s string) tea.KeyMsg {
	if k, ok := keyTypes[s]; ok {
		return tea.KeyMsg{Type: k}
	}
	if alt, ok := strings.CutPrefix(s, "alt+"); ok && alt != "" {
		k := keyMsg(alt)
		k.Alt = true
		return k
	}
	if utf8.RuneCountInString(s) != 1 {
		// A misspelt key name must not be typed as text unnoticed.
		panic("keyMsg: unknown key name " + strconv.Quote(s) + " (type text with typeText)")
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)}
}

// keyTypes maps bubbletea's key names ("enter", "shift+tab", "pgup"…)
// to their types, so that tests name keys the way KeyMsg.String does.
var keyTypes = func() map[string]tea.KeyType {
	m := map[string]tea.KeyType{}
	for k := tea.KeyType(-200); k < 256; k++ {
		if k == tea.KeyRunes || k == tea.KeySpace {
			continue // " " is typed as a rune
		}
		if name := k.String(); name != "" {
			m[name] = k
		}
	}
	return m
}()

// keys sends named keys ("enter", "esc", …) or single characters.
func (h *harness) keys(keys ...string) tea.Cmd {
	h.t.Helper()
	var cmd tea.Cmd
	for _, k := range keys {
		cmd = h.send(keyMsg(k))
	}
	return cmd
}

// typeText sends each rune of s as a key press.
func (h *harness) typeText(s string) {
	h.t.Helper()
	for _, r := range s {
		h.send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
	}
}

func (h *harness) screen() string { return ansi.Strip(h.m.View()) }

func (h *harness) expect(subs ...string) {
	h.t.Helper()
	s := h.screen()
	for _, sub := range subs {
		if !strings.Contains(s, sub) {
			h.t.Fatalf("screen lacks %q:\n%s", sub, s)
		}
	}
}

func (h *harness) reject(subs ...string) {
	h.t.Helper()
	s := h.screen()
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			h.t.Fatalf("screen shows %q:\n%s", sub, s)
		}
	}
}

// checkFrame asserts the frame fits the terminal: exactly height lines,
// none wider than the width.
func (h *harness) checkFrame() {
	h.t.Helper()
	v := h.m.View()
	if v == "" || h.m.quitting {
		return
	}
	lines := strings.Split(v, "\n")
	if len(lines) != h.m.height {
		h.t.Fatalf("frame has %d lines, terminal %d:\n%s", len(lines), h.m.height, ansi.Strip(v))
	}
	for i, l := range lines {
		if w := lipgloss.Width(l); w > h.m.width {
			h.t.Fatalf("line %d is %d cells wide, terminal %d: %q", i+1, w, h.m.width, ansi.Strip(l))
		}
	}
}

func (h *harness) tree() *treeScreen {
	h.t.Helper()
	s, ok := h.m.top().(*treeScreen)
	if !ok {
		h.t.Fatalf("current screen is %T, not a tree", h.m.top())
	}
	return s
}

func isQuit(cmd tea.Cmd) bool {
	if cmd == nil {
		return false
	}
	_, ok := cmd().(tea.QuitMsg)
	return ok
}

// --- walks ---

func TestRootedPhoneInTwoKeysAfterTyping(t *testing.T) {
	h := newHarness(t, Options{}, 80, 24)
	h.expect("Rechercher", "L'application e-CPS refuse le téléphone", "e-CPS", "IGC-Santé")
	h.typeText("roote")
	// The best match is selected: Enter opens it.
	if it, _ := h.m.stack[0].(*homeScreen).list.selected(); it.id != "ecps-device-integrity" {
		t.Fatalf("best match selected = %q, want ecps-device-integrity\n%s", it.id, h.screen())
	}
	h.keys("enter", "1") // the two keys of the test's name, nothing more
	h.expect("Résolu", "Le téléphone rooté est incompatible avec la e-CPS.",
		"1 Le téléphone est-il rooté", "→ Oui",
		"Pourquoi l'application e-CPS refuse-t-elle mon téléphone ?",
		"seeds/000_50255237a135427a.txt, réponse n° 2")
	if !h.tree().sess.Done() {
		t.Fatal("no conclusion")
	}
}

func TestAccentInsensitiveHighlight(t *testing.T) {
	h := newHarness(t, Options{}, 80, 24)
	h.typeText("telephone")
	h.expect("L'application e-CPS refuse le téléphone")
	// With colours, the matched letters (é included) are styled.
	lipgloss.SetColorProfile(termenv.ANSI256)
	defer lipgloss.SetColorProfile(termenv.Ascii)
	h.m.refresh()
	if !regexp.MustCompile(`\x1b\[[0-9;]*m(t|té|tél)`).MatchString(h.m.View()) {
		t.Errorf("no highlighted match in %q", h.m.View())
	}
}

func TestBackAndChangeAnswer(t *testing.T) {
	h := newHarness(t, Options{TreeID: "ecps-device-integrity"}, 80, 24)
	h.expect("Le téléphone est-il rooté")
	h.keys("2") // non
	h.expect("Une application qui ne provient pas d'un store officiel", "→ Non ou ne sait pas")
	h.keys("left")
	h.expect("Le téléphone est-il rooté")
	h.reject("→ Non ou ne sait pas")
	if s := h.tree(); s.sel != 1 {
		t.Errorf("after ←, selected option %d, want the previous answer (2)", s.sel+1)
	}
	h.keys("up", "enter") // change to oui
	h.expect("Le téléphone rooté est incompatible", "→ Oui")

	// Backspace at the conclusion goes back too.
	h.keys("backspace")
	h.expect("Le téléphone est-il rooté")
}

func TestBreadcrumbJump(t *testing.T) {
	h := newHarness(t, Options{TreeID: "ecps-device-integrity"}, 80, 24)
	h.keys("2", "2", "2") // non, non, non → sim-changed
	h.expect("1 Le téléphone est-il rooté", "2 Une application", "3 Un store alternatif", "L'utilisateur a-t-il changé de carte SIM")
	h.keys("b")
	h.expect("Changer quelle réponse ?")
	h.keys("1")
	h.expect("Le téléphone est-il rooté", "Retour à l'étape 1")
	if d := h.tree().sess.Depth(); d != 0 {
		t.Fatalf("depth after b 1 = %d, want 0", d)
	}
	h.keys("1")
	h.expect("Le téléphone rooté est incompatible")

	// b then Esc cancels.
	h.keys("b", "esc")
	h.expect("Résolu")
}

func TestRestartAndLeave(t *testing.T) {
	h := newHarness(t, Options{TreeID: "ecps-device-integrity"}, 80, 24)
	// r asks before clearing the answers; n keeps them
	h.keys("2", "r")
	h.expect("Recommencer ce diagnostic ? La réponse donnée sera effacée.")
	h.keys("n")
	if d := h.tree().sess.Depth(); d != 1 {
		t.Fatalf("depth after r n = %d, want 1", d)
	}
	h.keys("r", "o")
	h.expect("Le téléphone est-il rooté", "recommencé")
	// at the first question, r has nothing to clear and asks nothing
	h.keys("r")
	if h.tree().mode != modeNodes {
		t.Fatalf("r at the start asked: mode %d", h.tree().mode)
	}
	// Esc at the start leaves at once.
	h.keys("esc")
	h.expect("Rechercher ›")
	// Esc mid-tree asks first.
	h.keys("tab", "4", "2", "esc")
	h.expect("Quitter ce diagnostic ?")
	h.keys("n")
	h.expect("Une application qui ne provient pas")
	h.keys("esc", "o")
	h.expect("Rechercher ›")
}

func TestCheckNode(t *testing.T) {
	h := newHarness(t, Options{TreeID: "ecps-activation-error"}, 80, 24)
	h.keys("1", "1") // android, e-CPS
	h.expect("Saisissez l'identifiant national", "Identifiant ›")
	if !h.m.top().typing() {
		t.Fatal("the check field does not have the focus")
	}
	// q and ? are text in the field.
	h.typeText("q?")
	h.expect("Identifiant › q?")
	h.keys("backspace", "backspace")
	h.typeText("10000123454")
	h.keys("enter")
	h.expect("il manque le préfixe 8", "810000123454", "L'identifiant a été saisi sans le préfixe 8.",
		"→ 10000123454 → 11 chiffres saisis")
	// Back to the check: the value typed is there to fix.
	h.keys("left")
	h.expect("Identifiant › 10000123454")
}

func TestCheckFieldEscThenQuit(t *testing.T) {
	h := newHarness(t, Options{TreeID: "ecps-activation-error"}, 80, 24)
	h.keys("2") // iphone → check
	if cmd := h.keys("q"); isQuit(cmd) {
		t.Fatal("q quit while typing")
	}
	h.keys("backspace", "esc")
	if h.m.top().typing() {
		t.Fatal("Esc did not leave the field")
	}
	h.keys("i")
	if !h.m.top().typing() {
		t.Fatal("i did not focus the field")
	}
	h.keys("esc")
	if cmd := h.keys("q"); !isQuit(cmd) {
		t.Fatal("q did not quit outside the field")
	}
}

func TestQuitKeys(t *testing.T) {
	h := newHarness(t, Options{}, 80, 24)
	if cmd := h.keys("q"); isQuit(cmd) {
		t.Fatal("q quit while typing in the search field")
	}
	h.expect("Rechercher › q")
	if cmd := h.keys("ctrl+c"); !isQuit(cmd) {
		t.Fatal("ctrl+c did not quit")
	}
	h = newHarness(t, Options{}, 80, 24)
	h.keys("esc") // leave the field
	if cmd := h.keys("q"); !isQuit(cmd) {
		t.Fatal("q did not quit from the list")
	}
}

func TestHomeFocusAndDigits(t *testing.T) {
	h := newHarness(t, Options{}, 80, 24)
	// Typing digits goes to the field.
	h.typeText("8")
	h.expect("Rechercher › 8")
	h.keys("backspace")
	// alt+digit opens from the field.
	h.keys("alt+4")
	h.expect("Le téléphone est-il rooté")
	h.keys("esc")
	// Tab then a digit opens from the list.
	h.keys("tab", "5")
	h.expect("La carte CPS n'est pas reconnue dans Firefox")
	h.keys("esc")
	// From the list, a letter that is no key stays there (it used to
	// jump into the field: « Rechercher › Gjjg »); / goes back.
	h.keys("a")
	h.reject("Rechercher › a")
	h.expect("Tab ou / : revenir à la recherche.")
	if h.m.top().typing() {
		t.Error("typing a letter in the list focused the field")
	}
	h.keys("/", "a")
	h.expect("Rechercher › a")
}

func TestExportAndCopy(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("ECPS_ASSIST_EXPORT_DIR", dir)
	h := newHarness(t, Options{TreeID: "ecps-device-integrity"}, 80, 24)
	h.keys("1")
	cmd := h.keys("e")
	h.run(cmd)
	want := filepath.Join(dir, "diagnostic-ecps-device-integrity-20250314-092653.md")
	h.expect("Transcription enregistrée")
	if !strings.Contains(h.m.status, want) {
		t.Errorf("status %q does not name %s", h.m.status, want)
	}
	data, err := os.ReadFile(want)
	if err != nil {
		t.Fatal(err)
	}
	md := string(data)
	for _, sub := range []string{
		"# Diagnostic : L'application e-CPS refuse le téléphone",
		"**Le téléphone est-il rooté (accès administrateur débloqué) ?** → Oui",
		"## Conclusion : Résolu",
		"Le téléphone rooté est incompatible avec la e-CPS.",
		"(`ecps-device-incompatible`) — seeds/000_50255237a135427a.txt, réponse n° 2",
	} {
		if !strings.Contains(md, sub) {
			t.Errorf("export lacks %q:\n%s", sub, md)
		}
	}
	// A second export the same second does not overwrite.
	h.run(h.keys("e"))
	if _, err := os.Stat(strings.TrimSuffix(want, ".md") + "-2.md"); err != nil {
		t.Errorf("second export: %v", err)
	}
	// m copies the transcript: OSC 52, and a confirmation.
	h.run(h.keys("m"))
	h.expect("Transcription copiée (OSC 52")
	if got := osc52Payload(t, h); got != md {
		t.Errorf("OSC 52 payload = %q; want the transcript", got)
	}
	// After an export, Esc leaves without asking.
	h.keys("esc")
	h.expect("Rechercher ›")
}

func TestExportError(t *testing.T) {
	f := filepath.Join(t.TempDir(), "file")
	os.WriteFile(f, nil, 0o600)
	t.Setenv("ECPS_ASSIST_EXPORT_DIR", filepath.Join(f, "sub"))
	h := newHarness(t, Options{TreeID: "ecps-device-integrity"}, 80, 24)
	h.keys("1")
	h.run(h.keys("e"))
	h.expect("Export impossible : impossible de créer le dossier", "(un élément du chemin", "Résolu", "m pour la copier")
	h.reject("cannot", "not a directory") // French on the screen
	// The transcript is kept: copy still works, Esc asks before leaving.
	h.run(h.keys("c"))
	h.expect("copiée")
	if !strings.Contains(h.clip.String(), "\x1b]52;c;") {
		t.Error("no OSC 52 after a failed export")
	}
}

// osc52Payload decodes the OSC 52 sequence written since the last call.
func osc52Payload(t *testing.T, h *harness) string {
	t.Helper()
	seq := h.clip.String()
	h.clip.Reset()
	if !strings.HasPrefix(seq, "\x1b]52;c;") {
		t.Fatalf("clipboard got %q", seq)
	}
	b64 := strings.TrimSuffix(strings.TrimPrefix(seq, "\x1b]52;c;"), "\x07")
	dec, err := base64.StdEncoding.DecodeString(b64)
	if err != nil {
		t.Fatalf("OSC 52 payload %q: %v", b64, err)
	}
	return string(dec)
}

// With HOME unset and no export directory configured, e refuses with a
// message instead of writing to a relative directory.
func TestExportWithoutHome(t *testing.T) {
	t.Chdir(t.TempDir())
	t.Setenv("HOME", "")
	t.Setenv(config.ExportDirEnv, "")
	h := newHarness(t, Options{TreeID: "ecps-device-integrity"}, 80, 24)
	h.keys("1")
	h.run(h.keys("e"))
	h.expect("Export impossible : aucun dossier d'export : HOME n'est pas défini", "Résolu")
	if left, _ := os.ReadDir("."); len(left) > 0 {
		t.Errorf("the export wrote to the working directory: %v", left)
	}
}

func TestOSC52InTmux(t *testing.T) {
	seq := osc52Sequence("hé", func(k string) string {
		if k == "TMUX" {
			return "/tmp/tmux-0/default,1,0"
		}
		return ""
	})
	if !strings.HasPrefix(seq, "\x1b]52;c;aMOp\x07") || !strings.Contains(seq, "\x1bPtmux;") {
		t.Errorf("tmux sequence = %q", seq)
	}
}

func TestCitedAnswerAndRelated(t *testing.T) {
	h := newHarness(t, Options{TreeID: "ecps-device-integrity"}, 80, 24)
	h.keys("1", "1")
	h.expect("Ce message peut avoir plusieurs causes", "Source", "seeds/000_50255237a135427a.txt, réponse n° 2", "Voir aussi")
	// The related tree is listed and opens; the reply preview follows.
	h.keys("down", "down", "down", "down")
	h.expect("1 L'application e-CPS refuse le téléphone")
	h.keys("esc")
	h.expect("Résolu")
}

func TestBrowse(t *testing.T) {
	h := newHarness(t, Options{}, 80, 24)
	h.keys("tab", "p")
	h.expect("Choisissez un produit", "e-CPS", "réponses")
	h.keys("enter")
	h.expect("e-CPS — choisissez une thématique", "Activation")
	h.keys("enter")
	h.expect("Réponses › e-CPS › Activation", "Pourquoi ai-je un message d'erreur")
	h.keys("down", "enter")
	h.expect("Source", "Voir aussi")
	h.keys("esc")
	h.expect("Réponses › e-CPS › Activation")
	h.keys("esc", "esc", "esc")
	h.expect("Rechercher ›")
}

func TestTicketTriage(t *testing.T) {
	ticket := "Bonjour, mon téléphone est rooté et l'appli e-CPS refuse de s'activer.\nMerci"
	h := newHarness(t, Options{Ticket: ticket}, 80, 24)
	h.expect("Ticket", "Bonjour, mon téléphone est rooté", "Arbres proposés", "pourquoi :",
		"L'application e-CPS refuse le téléphone")
	h.keys("enter")
	h.expect("Diagnostic ·")
}

// The identifiers a ticket quotes are checked on the triage screen, and
// the check node of the tree opened from there offers the ticket's value.
func TestTicketIdentifierFlowsIntoTheCheckNode(t *testing.T) {
	ticket := "Bonjour, le Dr n'arrive pas à activer sa e-CPS sur Android, il tape son RPPS 10000123454.\nRappel au 06 12 34 56 78"
	h := newHarness(t, Options{Ticket: ticket}, 80, 24)
	h.expect("Identifiants repérés", "✗ « 10000123454 » identifiant national (RPPS) : 11 chiffres saisis",
		"Correction : Saisir l'identifiant national 810000123454", "› 1 Message d'erreur à l'activation de la e-CPS")
	h.reject("« 06 12 34 56 78 »", "Type deviné")
	h.keys("1", "1", "1") // the tree, Android, the e-CPS app
	h.expect("Identifiant › 10000123454", "Repris du ticket · Entrée : vérifier")
	h.keys("enter")
	h.expect("Conclusion ·", "il manque le préfixe 8", "810000123454")
	// Editing the value drops the hint; trees opened without a ticket
	// start empty.
	h.keys("left") // back to the check node, the value kept
	h.expect("Identifiant › 10000123454", "Repris du ticket")
	h.keys("home", "8")
	h.expect("Identifiant › 810000123454")
	h.reject("Repris du ticket")
	h.keys("enter") // valid: on to the Annuaire Santé question
	h.expect("→ 810000123454", "Identifiant national valide", "1 Oui, il apparaît")
	h = newHarness(t, Options{TreeID: "ecps-activation-error"}, 80, 24)
	h.keys("1", "1")
	h.expect("Identifiant › ")
	h.reject("Repris du ticket", "10000123454")
	// At 40×12 the verdict still shows, on one line.
	h = newHarness(t, Options{Ticket: ticket}, 40, 12)
	h.expect("✗ « 10000123454 » : 11 chiffres")
}

func TestWarn(t *testing.T) {
	h := newHarness(t, Options{Warn: "--kb /x ignoré : 2 problème(s)\x1b[31m"}, 80, 24)
	h.expect("⚠ --kb /x ignoré : 2 problème(s)␛[31m")
}

func TestMouseWheel(t *testing.T) {
	h := newHarness(t, Options{}, 80, 24)
	h.send(tea.MouseMsg{Button: tea.MouseButtonWheelDown, Action: tea.MouseActionPress})
	h.send(tea.MouseMsg{Button: tea.MouseButtonWheelDown, Action: tea.MouseActionPress})
	if sel := h.m.stack[0].(*homeScreen).list.sel; sel != 2 {
		t.Errorf("after two wheel steps, selection = %d, want 2", sel)
	}
	h = newHarness(t, Options{TreeID: "ecps-device-integrity"}, 80, 12)
	h.keys("1", "1") // an answer
	a := h.m.top().(*answerScreen)
	h.send(tea.MouseMsg{Button: tea.MouseButtonWheelDown, Action: tea.MouseActionPress})
	if a.sc.offset == 0 && len(a.lines) > a.height {
		t.Error("the wheel did not scroll the answer")
	}
}

func TestHelpToggle(t *testing.T) {
	h := newHarness(t, Options{TreeID: "ecps-device-integrity"}, 80, 24)
	h.keys("?")
	h.expect("Touches de cet écran", "répondre", "quitter l'arbre")
	h.reject("exporter") // not available on a question
	h.keys("?")
	h.expect("Le téléphone est-il rooté")
}

// --- terminal size, colours, hostile text ---

func TestTooSmall(t *testing.T) {
	for _, sz := range [][2]int{{39, 11}, {39, 24}, {80, 11}, {10, 3}} {
		h := newHarness(t, Options{}, sz[0], sz[1])
		if sz[0] >= 38 {
			h.expect("Agrandissez le terminal (40×12 minimum)")
		}
		h.reject("Rechercher")
		for i, l := range strings.Split(h.m.View(), "\n") {
			if lipgloss.Width(l) > sz[0] {
				t.Errorf("%dx%d line %d too wide: %q", sz[0], sz[1], i, l)
			}
		}
		if cmd := h.keys("q"); !isQuit(cmd) {
			t.Errorf("%dx%d: q does not quit", sz[0], sz[1])
		}
	}
	// Growing back restores the UI.
	h := newHarness(t, Options{}, 39, 11)
	h.send(tea.WindowSizeMsg{Width: 40, Height: 12})
	h.expect("Rechercher")
}

func TestEveryScreenFitsEverySize(t *testing.T) {
	sizes := [][2]int{{40, 12}, {41, 13}, {57, 15}, {80, 24}, {120, 40}, {200, 60}}
	for _, sz := range sizes {
		h := newHarness(t, Options{}, sz[0], sz[1]) // checkFrame runs on every message
		h.typeText("carte sim")
		h.keys("esc", "esc", "p", "enter", "enter", "enter", "esc", "esc", "esc", "esc")
		h.keys("tab", "1", "1", "1")
		h.typeText("8 1000 0123 454")
		h.keys("enter", "?", "?", "b", "esc", "2", "pgdown", "pgdown", "esc", "o")
		h = newHarness(t, Options{Ticket: strings.Repeat("J'ai changé de carte SIM, la e-CPS ne marche plus. ", 20)}, sz[0], sz[1])
		h.keys("down", "down", "enter", "2", "2", "2", "1", "1")
		for _, s := range [][2]int{{40, 12}, {100, 12}, {40, 50}} {
			h.send(tea.WindowSizeMsg{Width: s[0], Height: s[1]})
		}
	}
}

func TestNoColorIsMonochrome(t *testing.T) {
	colour := regexp.MustCompile(`\x1b\[[0-9;]*(3[0-9]|4[0-9]|9[0-7]|10[0-7])[;m]`)
	render := func(st *Styles) string {
		lipgloss.SetColorProfile(termenv.ANSI256)
		defer lipgloss.SetColorProfile(termenv.Ascii)
		m := newModel(Options{KB: loadKB(t), TreeID: "ecps-device-integrity"}, st)
		m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
		m.Update(keyMsg("1"))
		return m.View()
	}
	if v := render(NewStyles()); !colour.MatchString(v) {
		t.Fatalf("coloured styles render no colour: %q", v)
	}
	mono := render(NewMonoStyles())
	if loc := colour.FindStringIndex(mono); loc != nil {
		t.Errorf("monochrome render has a colour code: %q", mono[max(0, loc[0]-20):loc[1]])
	}
	if !strings.Contains(mono, "\x1b[") {
		t.Error("monochrome render has no emphasis at all")
	}
}

func TestSetupColorsNoColor(t *testing.T) {
	t.Setenv("NO_COLOR", "1")
	if st := setupColors("light", os.Getenv); !st.Mono {
		t.Error("NO_COLOR=1 did not select the monochrome styles")
	}
	t.Setenv("NO_COLOR", "")
	if st := setupColors("auto", os.Getenv); st.Mono {
		t.Error("monochrome without NO_COLOR")
	}
	lipgloss.SetColorProfile(termenv.Ascii)
}

// Knowledge (through the loader), a ticket, a warning and typed input,
// all hostile: nothing reaches the screen raw.
func TestHostileTextIsInert(t *testing.T) {
	evil := "Pwn \x1b]52;c;ZXZpbA==\x07\x1b[2J\u202e\x9b31m\u009b2J\u200f\U000E0041"
	k := hostileKB(t, evil)
	for _, o := range []Options{{KB: k}, {KB: k, TreeID: "local-hostile-tree"}, {KB: k, Ticket: "zorglub " + evil, Warn: evil}} {
		h := newHarness(t, o, 80, 24)
		clean := func() {
			t.Helper()
			if v := h.m.View(); strings.ContainsAny(v, "\x1b\x07\u202e\u009b\u200f\U000E0041") {
				t.Fatalf("control sequence reached the screen: %q", v)
			}
		}
		clean()
		h.typeText("zorglub")
		clean()
		h.keys("enter")
		clean()
		h.keys("2")
		h.typeText("1\x1b[2J\u202e")
		clean()
		h.keys("enter")
		clean()
		h.keys("1")
		clean()
	}
}

func TestRunesInOneMessage(t *testing.T) {
	h := newHarness(t, Options{TreeID: "ecps-activation-error"}, 80, 24)
	// "11" then an identifier, each arriving as one message.
	h.send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("11")})
	h.send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("10000123454")})
	h.keys("enter")
	h.expect("il manque le préfixe 8")
	// A paste goes to the field as a whole.
	h = newHarness(t, Options{}, 80, 24)
	h.send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("carte q?"), Paste: true})
	h.expect("Rechercher › carte q?")
}

// The letters highlighted are those of the title the search matched,
// accents included (TitleMatches are rune indexes).
func TestHighlightRuneIndexes(t *testing.T) {
	lipgloss.SetColorProfile(termenv.ANSI)
	defer lipgloss.SetColorProfile(termenv.Ascii)
	k := loadKB(t)
	ix := newIndex(k)
	res := ix.Filter("telephone", 10)
	var found bool
	for _, hit := range res.Trees {
		if hit.ID != "ecps-device-integrity" {
			continue
		}
		found = true
		out := highlight(hit.Title, hit.TitleMatches, lipgloss.NewStyle(), lipgloss.NewStyle().Reverse(true))
		var marked []string
		for _, m := range regexp.MustCompile(`\x1b\[7m([^\x1b]*)\x1b\[0m`).FindAllStringSubmatch(out, -1) {
			marked = append(marked, m[1])
		}
		if got := strings.Join(marked, ""); got != "téléphone" {
			t.Errorf("highlighted %q in %q, want téléphone", got, ansi.Strip(out))
		}
	}
	if !found {
		t.Fatal("telephone does not find ecps-device-integrity")
	}
}

// A number typed in the home search field is checked as the agent types,
// above the answers; text with an identifier in it is checked as a ticket.
func TestHomeChecksTypedIdentifiers(t *testing.T) {
	h := newHarness(t, Options{}, 80, 24)
	h.typeText("1000012345")
	h.expect("✗ « 1000012345 »")
	h.typeText("4")
	h.expect("✗ « 10000123454 » identifiant national (RPPS) : 11 chiffres saisis",
		"Correction : Saisir l'identifiant national 810000123454")
	h.reject("Aucun résultat")
	h.keys("home")
	h.typeText("8")
	h.expect("✓ « 810000123454 »")
	h.reject("✗", "Correction")
	// Words around the number: identifiers are found as in a ticket,
	// and the answers still rank.
	h.keys("ctrl+u")
	h.typeText("rpps 10000123454 e-cps")
	h.expect("✗ « 10000123454 »", "e-CPS")
	// Short numbers and plain words check nothing.
	h.keys("ctrl+u")
	h.typeText("IEPS.05")
	h.reject("✗", "✓")
	// At 40×12 the verdict holds on one line.
	h = newHarness(t, Options{}, 40, 12)
	h.typeText("10000123454")
	h.expect("✗ « 10000123454 » : 11 chiffres")
}

// An identifier typed on the home screen is offered by the check node of
// the tree opened from there, as a ticket's is.
func TestHomeIdentifierFlowsIntoTheCheckNode(t *testing.T) {
	h := newHarness(t, Options{}, 80, 24)
	h.typeText("10000123454")
	h.expect("Arbres qui vérifient cet identifiant", "› 1 Message d'erreur à l'activation de la e-CPS")
	h.reject("Réponses officielles") // its digits match no answer
	h.keys("enter", "1", "1")        // the tree, Android, the e-CPS app
	h.expect("Identifiant › 10000123454", "Repris de la recherche · Entrée : vérifier")
	h.keys("enter")
	h.expect("Conclusion ·", "il manque le préfixe 8")
	// Back home with the field cleared, trees open with an empty field.
	h.keys("esc", "y")
	h.expect("Rechercher › 10000123454")
	h.keys("ctrl+u", "enter", "1", "1")
	h.expect("Identifiant › ")
	h.reject("Repris", "10000123454")
}

// A query that hits a known gap with nothing near (a large team base
// where « carte » is everywhere) says what the base does not cover, not
// « Aucun résultat ».
func TestHomeGapWithoutNeighbours(t *testing.T) {
	h := newHarness(t, Options{KB: synth.KB(nil, 300, 1)}, 80, 24)
	h.typeText("carte perdue ")
	h.expect("Aucune réponse officielle ne correspond à cette question",
		"La base ne traite pas ", "Recours : ")
	h.reject("Aucun résultat")
}

// The same on the triage screen: no « voici les plus proches » above an
// empty list.
func TestTriageGapWithoutNeighbours(t *testing.T) {
	h := newHarness(t, Options{KB: synth.KB(nil, 300, 1), Ticket: "Bonjour, j'ai perdu ma carte hier, que faire ?"}, 80, 24)
	h.expect("Aucune réponse officielle ne correspond à cette question", "La base ne traite pas ", "Recours : ")
	h.reject("voici les plus proches")
}

// « c'est quoi la e-CPS ? »: the answer that says what it is is selected,
// not the first tree, which only mentions the product.
func TestHomeSelectsTheAnswerOfADefinition(t *testing.T) {
	h := newHarness(t, Options{}, 80, 24)
	h.typeText("c'est quoi la e-cps ")
	h.expect("› 5 Qu'est-ce que la e-CPS ?")
}

// The same on the triage screen.
func TestTriageSelectsTheAnswerOfADefinition(t *testing.T) {
	h := newHarness(t, Options{Ticket: "Bonjour, c'est quoi exactement la e-CPS ? Merci"}, 80, 24)
	h.expect("› 5 Qu'est-ce que la e-CPS ?", "Arbres voisins")
	h.reject("Arbres proposés")
}

// A verdict label longer than the terminal is wide wraps inside its
// badge (found by the monkey test at 40 columns: a 49-cell line).
func TestLongVerdictWraps(t *testing.T) {
	h := newHarness(t, Options{TreeID: "hds-certification"}, 40, 12)
	h.keys("4", "1", "1") // aucun de ces organismes, tiers, GHT
	h.expect("Information : obligation")
	for i, l := range strings.Split(h.screen(), "\n") {
		if w := lipgloss.Width(l); w > 40 {
			t.Errorf("line %d is %d cells wide: %q", i, w, l)
		}
	}
}
