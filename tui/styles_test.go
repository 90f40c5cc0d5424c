package tui

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

// luminance is the WCAG 2 relative luminance of a colour as the terminal
// shows it with profile p (a 256-colour terminal shows the nearest xterm
// colour).
func luminance(t *testing.T, c lipgloss.Color, p termenv.Profile) float64 {
	t.Helper()
	tc := p.Color(string(c))
	if tc == nil {
		t.Fatalf("colour %q not understood", c)
	}
	rgb := termenv.ConvertToRGB(tc)
	lin := func(v float64) float64 {
		if v <= 0.04045 {
			return v / 12.92
		}
		return math.Pow((v+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(rgb.R) + 0.7152*lin(rgb.G) + 0.0722*lin(rgb.B)
}

// contrast is the WCAG 2 contrast ratio of two colours.
func contrast(t *testing.T, a, b lipgloss.Color, p termenv.Profile) float64 {
	la, lb := luminance(t, a, p), luminance(t, b, p)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// Issue 13: on white, headings reached 2.3:1, the « Résolu » badge 1.85:1.
// Every text colour of each theme must reach 4.5:1 (WCAG AA) on the
// background it is made for, every badge 3:1 against it and 4.5:1 for
// its own text; in true colour and on a 256-colour terminal.
func TestPaletteContrast(t *testing.T) {
	if c := contrast(t, "#FFFFFF", "#000000", termenv.TrueColor); math.Abs(c-21) > 0.01 {
		t.Fatalf("white on black = %.2f, want 21", c)
	}
	if c := contrast(t, "#777777", "#FFFFFF", termenv.TrueColor); math.Abs(c-4.48) > 0.01 {
		t.Fatalf("#777 on white = %.2f, want 4.48", c)
	}
	for _, th := range []struct {
		name string
		p    palette
		bg   lipgloss.Color
	}{{"dark", darkPalette, "#000000"}, {"light", lightPalette, "#FFFFFF"}} {
		if th.p.bg != th.bg {
			t.Errorf("%s: made for %s, want %s", th.name, th.p.bg, th.bg)
		}
		for _, prof := range []termenv.Profile{termenv.TrueColor, termenv.ANSI256} {
			for name, c := range th.p.textColors() {
				if r := contrast(t, c, th.bg, prof); r < 4.5 {
					t.Errorf("%s %s: text %s (%s) on %s = %.2f:1, want ≥ 4.5", th.name, prof.Name(), name, c, th.bg, r)
				}
			}
			for v, c := range th.p.badges() {
				if r := contrast(t, c, th.bg, prof); r < 3 {
					t.Errorf("%s %s: badge %s (%s) on %s = %.2f:1, want ≥ 3", th.name, prof.Name(), v, c, th.bg, r)
				}
				if r := contrast(t, th.p.badgeFg, c, prof); r < 4.5 {
					t.Errorf("%s %s: badge %s text %s on %s = %.2f:1, want ≥ 4.5", th.name, prof.Name(), v, th.p.badgeFg, c, r)
				}
			}
		}
	}
}

// The light theme was the dark one: the old palette fails on white.
func TestOldPaletteFailsOnWhite(t *testing.T) {
	old := map[string]lipgloss.Color{"accent": "#5FAFFF", "muted": "#B2B2B2", "err": "#FF5F5F", "ok": "#5FD75F"}
	for name, c := range old {
		if r := contrast(t, c, "#FFFFFF", termenv.TrueColor); r >= 3.1 {
			t.Errorf("old %s = %.2f:1 on white; the test above would not catch it", name, r)
		}
	}
}

func TestThemeChoice(t *testing.T) {
	env := func(v string) func(string) string {
		return func(k string) string {
			if k == "COLORFGBG" {
				return v
			}
			return ""
		}
	}
	for _, c := range []struct {
		theme, fgbg string
		light       bool
	}{
		{"auto", "", false}, {"auto", "0;15", true}, {"auto", "15;0", false}, {"auto", "0;default;15", true},
		{"auto", "12;8", false}, {"auto", "0;7", true}, {"auto", "garbage", false},
		{"light", "15;0", true}, {"dark", "0;15", false}, {"", "0;15", true},
	} {
		if got := lightBackground(c.theme, env(c.fgbg)); got != c.light {
			t.Errorf("theme %q COLORFGBG %q: light = %v, want %v", c.theme, c.fgbg, got, c.light)
		}
	}
	// The theme key of the configuration file, unless --theme says.
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "ecps-assist"), 0o700)
	os.WriteFile(filepath.Join(dir, "ecps-assist", "config.yaml"), []byte("theme: light\n"), 0o600)
	getenv := func(k string) string {
		if k == "XDG_CONFIG_HOME" {
			return dir
		}
		return ""
	}
	if got := themeName("", getenv); got != "light" {
		t.Errorf("theme from config = %q, want light", got)
	}
	if got := themeName("dark", getenv); got != "dark" {
		t.Errorf("--theme dark over config light = %q", got)
	}
	if got := themeName("", func(string) string { return "" }); got != "auto" {
		t.Errorf("no config: %q, want auto", got)
	}
}

// A golden screen of each theme at 80×24, in 256 colours: the conclusion
// (badge, headings, dim sources, footer).
func TestGoldenThemes(t *testing.T) {
	for _, th := range []struct {
		name string
		st   *Styles
	}{{"dark", NewStyles()}, {"light", NewLightStyles()}} {
		t.Run(th.name, func(t *testing.T) {
			lipgloss.SetColorProfile(termenv.ANSI256)
			defer lipgloss.SetColorProfile(termenv.Ascii)
			m := newModel(Options{KB: loadKB(t), TreeID: "ecps-device-integrity"}, th.st)
			m.keyClock = slowTypist()
			m.Update(sizeMsg(80, 24))
			m.Update(keyMsg("1"))
			got := m.View()
			if !strings.Contains(got, "\x1b[") {
				t.Fatal("no colour in the themed screen")
			}
			path := filepath.Join("testdata", "theme-"+th.name+"-80x24.golden")
			if updateGolden() {
				if err := os.WriteFile(path, []byte(got+"\n"), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (go test ./tui -run TestGoldenThemes -update)", err)
			}
			if string(want) != got+"\n" {
				t.Errorf("%s differs (-update to accept):\n%q\nwant\n%q", path, got, want)
			}
		})
	}
}

func sizeMsg(w, h int) tea.WindowSizeMsg { return tea.WindowSizeMsg{Width: w, Height: h} }
