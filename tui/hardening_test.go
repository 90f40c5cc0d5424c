package tui

import (
	"runtime"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
)

// Found by the monkey test: ansi.Wrap leaves " word" one cell too wide
// when the word is longer than the width (a status with a path, an
// answer paragraph starting with a space).
func TestWrapLeadingSpaceLongWord(t *testing.T) {
	for _, s := range []string{" " + strings.Repeat("x", 100), "  " + strings.Repeat("é", 100), "a\n " + strings.Repeat("漢", 60)} {
		for _, w := range []int{1, 2, 10, 39, 84} {
			for _, l := range wrap(s, w) {
				if lw := ansi.StringWidth(l); lw > w && !(w == 1 && lw == 2) {
					t.Errorf("wrap(%q, %d): line %q is %d wide", s[:8], w, l, lw)
				}
			}
		}
	}
	h := newHarness(t, Options{TreeID: "ecps-device-integrity"}, 84, 24)
	h.send(exportDoneMsg{from: h.tree(), path: "\n" + strings.Repeat("x", 120)}) // checkFrame: every line fits
}

// Found by the monkey test: alt+d (delete the next word) with the cursor
// on the last character panicked inside bubbles' textinput.
func TestAltDeleteOnLastCharacter(t *testing.T) {
	altD := tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("d"), Alt: true}
	altDel := tea.KeyMsg{Type: tea.KeyDelete, Alt: true}
	for _, k := range []tea.KeyMsg{altD, altDel} {
		h := newHarness(t, Options{}, 80, 24)
		h.typeText("carte")
		h.keys("left")
		h.send(k)
		h.expect("Rechercher › cart")
		h.send(k) // at the end: nothing to delete
		h.expect("Rechercher › cart")

		h = newHarness(t, Options{TreeID: "ecps-activation-error"}, 80, 24)
		h.keys("1", "1")
		h.typeText("81000 1")
		h.keys("left")
		h.send(k)
		h.expect("Identifiant › 81000")
		h.keys("left", "left", "left")
		h.send(k) // in the middle: the word after the cursor goes
		h.expect("Identifiant › 81")
	}
}

// A ticket as long as the CLI allows (1 MiB) is wrapped once per size,
// not at every key: a key on the triage screen allocates little.
func TestLongTicketKeysAreCheap(t *testing.T) {
	ticket := strings.Repeat("Bonjour, mon téléphone est rooté et la e-CPS refuse de s'activer.\n", 16000)
	h := newHarness(t, Options{Ticket: ticket}, 80, 24)
	h.expect("Ticket", "Bonjour, mon téléphone est rooté", "…")
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	for i := 0; i < 10; i++ {
		h.keys("down")
	}
	runtime.ReadMemStats(&after)
	if per := (after.TotalAlloc - before.TotalAlloc) / 10; per > 256<<10 {
		t.Errorf("a key on the triage of a %d KiB ticket allocates %d KiB", len(ticket)>>10, per>>10)
	}
}

// « e-CPS » is never cut at its hyphen; a hyphen between spaces still
// wraps as text.
func TestWrapKeepsHyphenatedWords(t *testing.T) {
	for _, tc := range []struct {
		in   string
		w    int
		want []string
	}{
		{"aaaa e-CPS", 7, []string{"aaaa", "e-CPS"}},
		{"la e-CPS ?", 8, []string{"la", "e-CPS ?"}},
		{"a - b", 3, []string{"a -", "b"}},
	} {
		if got := wrap(tc.in, tc.w); strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("wrap(%q, %d) = %q, want %q", tc.in, tc.w, got, tc.want)
		}
	}
}
