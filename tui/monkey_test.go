package tui

import (
	"errors"
	"fmt"
	"math/rand"
	"os"
	"runtime/debug"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"ecps-assist/kb"
)

// The monkey test sends random messages (keys, pastes, mouse, resizes) to
// the root model through every screen and checks, after each one, that
// nothing panics and the frame fits the terminal and is inert.
//
//	ECPS_MONKEY_SEED=n   run with this seed too (exploration)
//	ECPS_MONKEY_N=n      messages per seed (default 20000; .ci/run
//	                     sets 100000)
const (
	monkeySeed    = 20250314
	monkeyDefault = 20_000
	monkeyPer     = 100_000
)

// monkeyScreens must each be visited at least monkeyMinVisits times per
// 100,000 messages.
var monkeyScreens = []string{
	"home", "browse", "tree-question", "tree-check", "tree-conclusion",
	"tree-confirm", "tree-crumbs", "tree-restart", "answer", "triage", "help", "too-small",
}

const monkeyMinVisits = 500

func TestMonkey(t *testing.T) {
	n := monkeyDefault
	if s := os.Getenv("ECPS_MONKEY_N"); s != "" {
		v, err := strconv.Atoi(s)
		if err != nil || v < 1 {
			t.Fatalf("ECPS_MONKEY_N=%q", s)
		}
		n = v
	}
	seeds := []int64{monkeySeed}
	if s := os.Getenv("ECPS_MONKEY_SEED"); s != "" {
		v, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			t.Fatalf("ECPS_MONKEY_SEED=%q", s)
		}
		seeds = append(seeds, v)
	}
	// Rendering allocates a lot, and little stays: collect less often.
	defer debug.SetGCPercent(debug.SetGCPercent(400))
	t.Setenv("ECPS_ASSIST_EXPORT_DIR", t.TempDir())
	defer lipgloss.SetColorProfile(termenv.Ascii)
	hostile := hostileKB(t, strings.Join(func() []string {
		var p []string
		for _, hk := range hostileKinds {
			p = append(p, hk.payload)
		}
		return p
	}(), " "))
	for _, seed := range seeds {
		t.Run("seed="+strconv.FormatInt(seed, 10), func(t *testing.T) {
			mk := newMonkey(t, seed, hostile)
			start := time.Now()
			mk.run(n)
			el := time.Since(start)
			t.Logf("%d messages in %v (%.0f msg/s), %d models, %d quits, %d exports/copies run",
				n, el.Round(time.Millisecond), float64(n)/el.Seconds(), mk.models, mk.quits, mk.cmdsRun)
			t.Logf("visits: %s", mk.visitReport())
			want := monkeyMinVisits * n / monkeyPer
			for _, s := range monkeyScreens {
				if mk.visits[s] < want {
					t.Errorf("screen %s visited %d times in %d messages, want ≥ %d", s, mk.visits[s], n, want)
				}
			}
		})
	}
}

type monkey struct {
	t       *testing.T
	r       *rand.Rand
	seed    int64
	k       *kb.KB
	hostile *kb.KB
	m       *Model
	step    int
	clock   time.Time
	last    []any // the last messages, for the failure report
	visits  map[string]int
	// checkTree is a tree with a check node, typed in the search field
	// to get there.
	checkTree string
	models    int
	quits     int
	cmdsRun   int
}

func newMonkey(t *testing.T, seed int64, hostile *kb.KB) *monkey {
	mk := &monkey{t: t, r: rand.New(rand.NewSource(seed)), seed: seed, k: loadKB(t), hostile: hostile,
		visits: map[string]int{}, clock: testNow}
	for _, tr := range mk.k.Trees {
		if towardsCheck(tr, tr.Node(tr.Start)) >= 0 && mk.checkTree == "" {
			mk.checkTree = tr.ID
		}
	}
	if mk.checkTree == "" {
		t.Fatal("no tree has a check node")
	}
	return mk
}

// towardsCheck is the option of question n on the shortest path to a
// check node, or -1.
func towardsCheck(t *kb.Tree, n *kb.Node) int {
	if n == nil || n.Kind != kb.KindQuestion {
		return -1
	}
	best, bestD := -1, 0
	for i, o := range n.Options {
		if i >= 9 {
			break
		}
		// Breadth-first from the option's target.
		seen := map[*kb.Node]bool{}
		frontier := []*kb.Node{t.Node(o.Next)}
		for d := 0; len(frontier) > 0 && (best < 0 || d < bestD); d++ {
			var next []*kb.Node
			for _, x := range frontier {
				if x == nil || seen[x] {
					continue
				}
				seen[x] = true
				if x.Kind == kb.KindCheck {
					best, bestD = i, d
					next = nil
					break
				}
				for _, p := range x.Options {
					next = append(next, t.Node(p.Next))
				}
			}
			if best == i {
				break
			}
			frontier = next
		}
	}
	return best
}

// fresh starts a new model: home, a tree, a ticket, on the embedded KB
// or on the hostile override; the triage screen is only reachable so.
func (mk *monkey) fresh(ticket bool) {
	o := Options{KB: mk.k}
	if mk.r.Intn(5) == 0 {
		o.KB = mk.hostile
	}
	switch c := mk.r.Intn(10); {
	case ticket || c < 3:
		o.Ticket = mk.ticket()
	case c < 6:
		o.TreeID = o.KB.Trees[mk.r.Intn(len(o.KB.Trees))].ID
	case c == 6:
		o.TreeID = "no-such-tree"
	}
	if mk.r.Intn(8) == 0 {
		o.Warn = mk.text(60)
	}
	prof := termenv.Ascii
	if mk.r.Intn(4) == 0 {
		prof = termenv.TrueColor // SGR sequences in the frame
	}
	lipgloss.SetColorProfile(prof)
	m := newModel(o, NewStyles())
	m.now = func() time.Time { mk.clock = mk.clock.Add(time.Second); return mk.clock }
	m.clipboard = discard{}
	m.getenv = testEnv
	mk.m = m
	mk.models++
	mk.last = append(mk.last[:0], fmt.Sprintf("new model %+v (profile %v)", struct{ TreeID, Ticket, Warn string }{o.TreeID, short(o.Ticket), short(o.Warn)}, prof))
	sizes := [][2]int{{80, 24}, {40, 12}, {120, 40}, {60, 20}}
	sz := sizes[mk.r.Intn(len(sizes))]
	mk.send(tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }

func short(s string) string {
	if len(s) > 40 {
		return s[:40] + "…"
	}
	return s
}

func (mk *monkey) run(n int) {
	mk.fresh(false)
	next := mk.episode()
	for mk.step = 0; mk.step < n; mk.step++ {
		if mk.step == next {
			mk.fresh(false)
			next = mk.step + mk.episode()
		}
		var msg tea.Msg
		if mk.r.Intn(3) == 0 {
			msg = mk.steer()
		}
		if msg == nil {
			msg = mk.msg()
		}
		mk.send(msg)
		mk.visits[mk.screen()]++
	}
}

// steer returns a key that leads towards the screen furthest below its
// share of the visits so far (nil to let the random generator choose), so
// that every screen gets random input.
func (mk *monkey) steer() tea.Msg {
	target, worst := "", 1.0
	for _, s := range monkeyScreens {
		share := 0.03
		if s == "triage" {
			share = 0.01 // a new model each time: costly
		}
		q := float64(mk.step+1) * share
		if r := float64(mk.visits[s]) / q; r < worst {
			target, worst = s, r
		}
	}
	if target == "" {
		return nil
	}
	m := mk.m
	cur := mk.screen()
	if cur == target {
		return nil
	}
	switch {
	case target == "too-small":
		return tea.WindowSizeMsg{Width: mk.r.Intn(40), Height: mk.r.Intn(30)}
	case cur == "too-small" || cur == "blank":
		return tea.WindowSizeMsg{Width: 40 + mk.r.Intn(100), Height: 12 + mk.r.Intn(40)}
	case target == "triage":
		mk.fresh(true)
		return nil
	case cur == "help":
		return keyMsg("?")
	case target == "help":
		if m.top().typing() {
			return keyMsg("esc")
		}
		return keyMsg("?")
	}
	home, _ := m.top().(*homeScreen)
	tree, _ := m.top().(*treeScreen)
	switch {
	case tree != nil && tree.mode == modeConfirm:
		if strings.HasPrefix(target, "tree-") {
			return keyMsg("n")
		}
		return keyMsg("o")
	case tree != nil && tree.mode == modeRestart:
		return keyMsg("o") // r was pressed to restart
	case tree != nil && tree.mode == modeCrumbs:
		return keyMsg("esc")
	case tree != nil && tree.typing():
		if target == "tree-check" {
			return nil
		}
		return keyMsg("enter")
	}
	switch target {
	case "home":
		return keyMsg("esc")
	case "browse":
		switch {
		case home != nil && home.typing():
			return keyMsg("esc")
		case home != nil:
			return keyMsg("p")
		}
		return keyMsg("esc")
	case "answer":
		switch {
		case home != nil && home.typing():
			return keyMsg("esc")
		case home != nil:
			return keyMsg("p")
		case cur == "browse":
			return keyMsg("enter")
		case cur == "tree-conclusion":
			return keyMsg("1")
		}
		return keyMsg("esc")
	case "tree-check":
		switch {
		case home != nil && (home.focusList || home.query != mk.checkTree):
			if home.focusList {
				return keyMsg("/")
			}
			if home.query != "" {
				return tea.KeyMsg{Type: tea.KeyCtrlU}
			}
			return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(mk.checkTree), Paste: true}
		case home != nil:
			return keyMsg("enter")
		case tree == nil:
			return keyMsg("esc")
		}
		if i := towardsCheck(tree.sess.Tree, tree.node()); i >= 0 {
			return keyMsg(string(rune('1' + i)))
		}
		if tree.sess.Depth() > 0 {
			return keyMsg("r")
		}
		return keyMsg("esc")
	case "tree-question", "tree-conclusion":
		switch {
		case home != nil && home.typing():
			return keyMsg("alt+" + string(rune('1'+mk.r.Intn(3))))
		case home != nil:
			return keyMsg(string(rune('1' + mk.r.Intn(9))))
		case tree == nil:
			return keyMsg("esc")
		case target == "tree-question" || (cur == "tree-conclusion" && mk.r.Intn(2) == 0):
			return keyMsg("r")
		case cur == "tree-conclusion":
			return keyMsg("esc")
		case cur == "tree-check":
			return keyMsg("i")
		}
		return keyMsg(string(rune('1' + mk.r.Intn(2))))
	case "tree-confirm", "tree-crumbs", "tree-restart":
		switch {
		case home != nil && home.typing():
			return keyMsg("alt+1")
		case home != nil:
			return keyMsg("1")
		case tree == nil:
			return keyMsg("esc")
		case tree.sess.Depth() == 0:
			return keyMsg("1")
		case target == "tree-confirm":
			return keyMsg("esc")
		case target == "tree-restart":
			return keyMsg("r")
		}
		return keyMsg("b")
	}
	return nil
}

func (mk *monkey) episode() int { return 300 + mk.r.Intn(2000) }

// send delivers a message, runs the commands known to be safe, and checks
// the frame.
func (mk *monkey) send(msg tea.Msg) {
	mk.t.Helper()
	if len(mk.last) >= 30 {
		mk.last = mk.last[1:]
	}
	mk.last = append(mk.last, msg) // described only on failure
	before := mk.m.top()
	// Export (e) and copy (c) at a conclusion are the only commands run:
	// they write to the temporary export dir and to a discard writer.
	// Other commands (quit, the text field's clipboard paste…) are not.
	runCmd := false
	if km, ok := msg.(tea.KeyMsg); ok && km.Type == tea.KeyRunes && len(km.Runes) == 1 && !km.Alt && !km.Paste {
		if s, ok := before.(*treeScreen); ok && s.sess.Done() && s.mode == modeNodes &&
			!mk.m.showHelp && !mk.m.tooSmall() && (km.Runes[0] == 'e' || km.Runes[0] == 'c') {
			runCmd = true
		}
	}
	var cmd tea.Cmd
	func() {
		defer func() {
			if r := recover(); r != nil {
				mk.fail(fmt.Sprintf("panic: %v\n%s", r, debug.Stack()))
			}
		}()
		_, cmd = mk.m.Update(msg)
	}()
	if mk.m.quitting {
		// A quit does not stop the monkey: the program would have ended
		// here; keep the model running.
		mk.quits++
		mk.m.quitting = false
		mk.m.refresh()
	}
	mk.check()
	if runCmd && cmd != nil {
		mk.cmdsRun++
		var out tea.Msg
		if mk.cmdsRun <= 200 {
			out = cmd()
		} else if s, ok := before.(*treeScreen); ok { // enough files written
			out = exportDoneMsg{from: s, path: "/tmp/x.md"}
		}
		switch out.(type) {
		case exportDoneMsg, clipDoneMsg:
		default:
			mk.fail(fmt.Sprintf("e/c at a conclusion gave %T", out))
		}
		mk.send(out)
	}
}

func (mk *monkey) fail(what string) {
	mk.t.Helper()
	var last []string
	for _, msg := range mk.last {
		if d, ok := msg.(string); ok {
			last = append(last, d)
		} else {
			last = append(last, fmt.Sprintf("%T %q", msg, short(fmt.Sprint(msg))))
		}
	}
	mk.t.Fatalf("seed %d, message %d, screen %s: %s\nlast messages:\n  %s\nframe:\n%s",
		mk.seed, mk.step, mk.screen(), what, strings.Join(last, "\n  "), ansi.Strip(mk.m.View()))
}

// check: every line fits the width, the frame is the height, and no
// hostile sequence is in it.
func (mk *monkey) check() {
	mk.t.Helper()
	v := mk.m.View()
	w, h := mk.m.width, mk.m.height
	if v == "" {
		if w > 0 && h > 0 {
			mk.fail("empty frame")
		}
		return
	}
	if w < 1 || h < 1 {
		mk.fail(fmt.Sprintf("a frame for a %d×%d terminal", w, h))
	}
	lines := strings.Split(v, "\n")
	if len(lines) != h { // exactly: as the scripted tests' checkFrame
		mk.fail(fmt.Sprintf("%d lines, terminal %d", len(lines), h))
	}
	for i, l := range lines {
		if lw := lipgloss.Width(l); lw > w {
			mk.fail(fmt.Sprintf("line %d is %d cells wide, terminal %d: %q", i+1, lw, w, ansi.Strip(l)))
		}
	}
	if bad := hostileIn(v); bad != "" {
		mk.fail(fmt.Sprintf("%q in the frame", bad))
	}
}

// screen names the current screen, from the model's state.
func (mk *monkey) screen() string {
	m := mk.m
	switch {
	case m.width == 0 || m.height == 0:
		return "blank"
	case m.tooSmall():
		return "too-small"
	case m.showHelp:
		return "help"
	}
	switch s := m.top().(type) {
	case *homeScreen:
		return "home"
	case *browseScreen:
		return "browse"
	case *answerScreen:
		return "answer"
	case *triageScreen:
		return "triage"
	case *treeScreen:
		switch {
		case s.mode == modeConfirm:
			return "tree-confirm"
		case s.mode == modeRestart:
			return "tree-restart"
		case s.mode == modeCrumbs:
			return "tree-crumbs"
		}
		if n := s.node(); n != nil {
			return "tree-" + n.Kind
		}
		return "tree-nil"
	}
	return fmt.Sprintf("%T", m.top())
}

func (mk *monkey) visitReport() string {
	var names []string
	for s := range mk.visits {
		names = append(names, s)
	}
	sort.Strings(names)
	var b strings.Builder
	for _, s := range names {
		fmt.Fprintf(&b, "%s=%d ", s, mk.visits[s])
	}
	return b.String()
}

// --- the generator ---

var (
	monkeyNav     = []string{"1", "1", "1", "2", "2", "3", "4", "9", "enter", "enter", "enter", "esc", "esc", "tab", "left", "right", "backspace", "up", "down", "pgup", "pgdown", " ", "?", "q", "p", "b", "r", "e", "c", "a", "m", "v", "d", "i", "o", "y", "n", "/", "h", "j", "k", "l", "alt+1", "alt+2", "alt+5", "alt+9", "shift+tab", "ctrl+c"}
	monkeySpecial = []tea.KeyType{tea.KeyEnter, tea.KeyEsc, tea.KeyTab, tea.KeyShiftTab, tea.KeyBackspace, tea.KeyDelete,
		tea.KeyUp, tea.KeyDown, tea.KeyLeft, tea.KeyRight, tea.KeyPgUp, tea.KeyPgDown, tea.KeyHome, tea.KeyEnd,
		tea.KeySpace, tea.KeyCtrlA, tea.KeyCtrlE, tea.KeyCtrlK, tea.KeyCtrlU, tea.KeyCtrlW, tea.KeyCtrlV, tea.KeyCtrlC,
		tea.KeyCtrlLeft, tea.KeyCtrlRight, tea.KeyShiftUp, tea.KeyF1, tea.KeyF12, tea.KeyInsert, tea.KeyNull, tea.KeyCtrlAt}
	monkeyRunes = []string{"a", "z", "é", "È", "ç", "œ", "ß", "0", "8", " ", "-", "'", "«", "»", "…", "€",
		"😀", "👍🏽", "👨‍👩‍👧", "🇫🇷", "漢", "字", "ｗ", "e\u0301", "\u200b", "\u00ad", "\t", "\n", "\r",
		"\x1b", "\x07", "\x00", "\x7f", "\u009b", "\u009d", "\u202e", "\ufeff", "\U0010ffff", "\ufffd",
		"carte", "sim", "rooté", "activation", "firefox", "certificat", "810000123454", "10000123454"}
	monkeySizes = [][2]int{{1, 1}, {0, 0}, {0, 24}, {80, 0}, {300, 100}, {40, 12}, {39, 11}, {39, 12}, {40, 11},
		{80, 24}, {80, 24}, {80, 24}, {120, 40}, {60, 16}, {59, 15}, {41, 13}, {200, 12}, {40, 60}, {2, 2}, {5, 40}}
)

func (mk *monkey) msg() tea.Msg {
	r := mk.r
	if (mk.m.width == 0 || mk.m.height == 0 || mk.m.tooSmall()) && r.Intn(10) == 0 {
		return tea.WindowSizeMsg{Width: 40 + r.Intn(100), Height: 12 + r.Intn(40)}
	}
	switch p := r.Intn(1000); {
	case p < 450: // navigation keys: what gets through the screens
		return keyMsg(monkeyNav[r.Intn(len(monkeyNav))])
	case p < 600:
		k := tea.KeyMsg{Type: monkeySpecial[r.Intn(len(monkeySpecial))], Alt: r.Intn(10) == 0}
		return k
	case p < 780: // runes, one or several in one message
		var rs []rune
		for n := 1 + r.Intn(3); n > 0; n-- {
			rs = append(rs, []rune(monkeyRunes[r.Intn(len(monkeyRunes))])...)
		}
		return tea.KeyMsg{Type: tea.KeyRunes, Runes: rs, Alt: r.Intn(20) == 0}
	case p < 810: // pastes
		return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(mk.text(1 + r.Intn(3000))), Paste: true}
	case p < 900: // mouse
		buttons := []tea.MouseButton{tea.MouseButtonWheelUp, tea.MouseButtonWheelDown, tea.MouseButtonWheelUp, tea.MouseButtonWheelDown,
			tea.MouseButtonLeft, tea.MouseButtonRight, tea.MouseButtonNone, tea.MouseButtonWheelLeft}
		actions := []tea.MouseAction{tea.MouseActionPress, tea.MouseActionPress, tea.MouseActionRelease, tea.MouseActionMotion}
		return tea.MouseMsg{X: r.Intn(120) - 5, Y: r.Intn(50) - 5, Button: buttons[r.Intn(len(buttons))], Action: actions[r.Intn(len(actions))]}
	case p < 930: // resizes: the listed sizes, or any (mostly usable)
		if r.Intn(3) == 0 {
			return tea.WindowSizeMsg{Width: 30 + r.Intn(190), Height: 10 + r.Intn(60)}
		}
		sz := monkeySizes[r.Intn(len(monkeySizes))]
		return tea.WindowSizeMsg{Width: sz[0], Height: sz[1]}
	case p < 940: // the results of commands, as Bubble Tea would deliver them
		if s, ok := mk.m.top().(*treeScreen); ok {
			var err error
			if r.Intn(2) == 0 {
				err = errors.New(mk.text(200))
			}
			if r.Intn(2) == 0 {
				return exportDoneMsg{from: s, path: mk.text(300), err: err}
			}
			return clipDoneMsg{from: s, done: "Réponse copiée", oscErr: err, sysErr: err}
		}
		return tea.FocusMsg{}
	case p < 950: // messages the UI does not know
		others := []tea.Msg{tea.BlurMsg{}, tea.FocusMsg{}, nil, struct{}{}, "text", 42, tea.QuitMsg{}}
		return others[r.Intn(len(others))]
	default: // a word that leads somewhere in the search
		return keyMsg([]string{"tab", "/", "esc", "down", "enter"}[r.Intn(5)])
	}
}

// text is random text up to n bytes: words, newlines, wide and combining
// characters and escape sequences.
func (mk *monkey) text(n int) string {
	r := mk.r
	parts := []string{"Bonjour", " ", " ", "\n", "\r\n", "\t", "carte", "e-CPS", "téléphone rooté", "漢字", "😀",
		"e\u0301", "\x1b[2J", "\x1b[H", "\x1b]52;c;ZXZpbA==\x07", "\x1b]8;;http://x\x1b\\lien\x1b]8;;\x1b\\",
		"\x07", "\u009b31m", "\u009d0;titre\u009c", "\x1bP+q\x1b\\", "\x00", "\xff\xfe", strings.Repeat("x", 90)}
	var b strings.Builder
	for b.Len() < n {
		b.WriteString(parts[r.Intn(len(parts))])
	}
	return b.String()
}

func (mk *monkey) ticket() string {
	base := []string{
		"Bonjour, mon téléphone est rooté et l'appli e-CPS refuse de s'activer.",
		"la dr a changé de puce et lappli marche plus",
		"Firefox ne reconnaît pas la carte CPS",
		"certificat IGC-Santé à renouveler",
		"zzqxw vbnmk",
		"",
	}
	t := base[mk.r.Intn(len(base))]
	if mk.r.Intn(2) == 0 {
		t += " " + mk.text(mk.r.Intn(2000))
	}
	if strings.TrimSpace(t) == "" {
		t = "?"
	}
	return t
}
