package tui

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"ecps-assist/kb"
)

// goldenScreens drives the UI to each screen of the golden files.
var goldenScreens = []struct {
	name string
	opts Options
	keys []string
	text string // typed after keys
	then []string
}{
	{name: "home"},
	{name: "question", opts: Options{TreeID: "ecps-activation-error"}, keys: []string{"1"}},
	{name: "check", opts: Options{TreeID: "ecps-activation-error"}, keys: []string{"1", "1"}, text: "10000123454"},
	{name: "conclusion", opts: Options{TreeID: "ecps-activation-error"}, keys: []string{"1", "1"}, text: "10000123454", then: []string{"enter"}},
	{name: "help", opts: Options{TreeID: "ecps-device-integrity"}, keys: []string{"2", "1", "?"}},
}

func goldenHarness(t testing.TB, i int, w, h int) *harness {
	g := goldenScreens[i]
	hs := newHarness(t, g.opts, w, h)
	hs.keys(g.keys...)
	hs.typeText(g.text)
	hs.keys(g.then...)
	return hs
}

func TestGolden(t *testing.T) {
	for i, g := range goldenScreens {
		for _, sz := range [][2]int{{80, 24}, {40, 12}} {
			name := g.name + "-" + strconv.Itoa(sz[0]) + "x" + strconv.Itoa(sz[1])
			t.Run(name, func(t *testing.T) {
				h := goldenHarness(t, i, sz[0], sz[1])
				got := h.m.View()
				if strings.Contains(got, "\x1b") {
					t.Fatalf("escape sequence with the ASCII profile: %q", got)
				}
				for n, l := range strings.Split(got, "\n") {
					if w := ansi.StringWidth(l); w > sz[0] {
						t.Errorf("line %d: width %d > %d", n+1, w, sz[0])
					}
				}
				path := filepath.Join("testdata", name+".golden")
				if updateGolden() {
					if err := os.WriteFile(path, []byte(got+"\n"), 0o644); err != nil {
						t.Fatal(err)
					}
					return
				}
				want, err := os.ReadFile(path)
				if err != nil {
					t.Fatalf("%v (run go test ./tui -run TestGolden -update)", err)
				}
				if string(want) != got+"\n" {
					t.Errorf("%s differs (go test ./tui -run TestGolden -update to accept):\n--- got\n%s\n--- want\n%s", path, got, want)
				}
			})
		}
	}
}

// --- benchmarks (target: ≤ 1 ms each at 80×24) ---

// embeddedKB is the knowledge the tool ships, for the benchmarks whose
// cost grows with its size (the tests use the fixture, loadKB).
func embeddedKB(b testing.TB) *kb.KB {
	k, probs, _ := kb.Load("")
	if errs := probs.Errors(); len(errs) > 0 {
		b.Fatal(errs)
	}
	return k
}

func BenchmarkView(b *testing.B) {
	for i, g := range goldenScreens {
		b.Run(g.name, func(b *testing.B) {
			h := goldenHarness(b, i, 80, 24)
			b.ResetTimer()
			for b.Loop() {
				_ = h.m.View()
			}
		})
	}
}

// BenchmarkRender is the work behind View: the frame is rendered in Update
// (refresh) after every message, so this is the real per-message cost.
func BenchmarkRender(b *testing.B) {
	for _, p := range []termenv.Profile{termenv.Ascii, termenv.TrueColor} {
		for i, g := range goldenScreens {
			b.Run(g.name+"-"+p.Name(), func(b *testing.B) {
				h := goldenHarness(b, i, 80, 24)
				lipgloss.SetColorProfile(p)
				defer lipgloss.SetColorProfile(termenv.Ascii)
				b.ResetTimer()
				for b.Loop() {
					h.m.refresh()
				}
			})
		}
	}
}

// BenchmarkFilterKeystroke types one more letter in the search field and
// renders the result (a whole Update), alternating with its deletion.
func BenchmarkFilterKeystroke(b *testing.B) {
	h := newHarness(b, Options{KB: embeddedKB(b)}, 80, 24)
	lipgloss.SetColorProfile(termenv.TrueColor)
	defer lipgloss.SetColorProfile(termenv.Ascii)
	h.typeText("telephone roo")
	add, del := keyMsg("t"), keyMsg("backspace")
	b.ResetTimer()
	n := 0
	for b.Loop() {
		if n%2 == 0 {
			h.m.Update(add)
		} else {
			h.m.Update(del)
		}
		n++
	}
}

func BenchmarkStartup(b *testing.B) {
	k := embeddedKB(b)
	for b.Loop() {
		m := newModel(Options{KB: k}, NewStyles())
		m.now = time.Now
	}
}
