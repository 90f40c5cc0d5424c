// Package colorinit sets the colour profile of lipgloss from the
// environment, and a dark background, as soon as the program starts.
//
// Bubble Tea v1 calls lipgloss.HasDarkBackground in its init function,
// which asks the terminal for its background colour and waits up to 5
// seconds for an answer that some terminals (and SSH links) never give.
// This package only imports lipgloss and termenv, and its import path
// ("ecps-assist/…") sorts before "github.com/charmbracelet/bubbletea", so
// by the package initialisation order of the Go specification (go ≥ 1.21)
// its init runs first: the background is then already set and nothing is
// queried. tui imports it for that side effect; nothing else ever queries
// the terminal (no lipgloss.AdaptiveColor, no HasDarkBackground).
package colorinit

import (
	"os"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

func init() { Setup() }

// NoColor reports whether NO_COLOR (any non-empty value) asks for a
// monochrome UI.
func NoColor() bool { return os.Getenv("NO_COLOR") != "" }

// Profile is the colour profile from the environment (TERM, COLORTERM,
// NO_COLOR, CLICOLOR_FORCE and whether stdout is a terminal). With
// NO_COLOR it is ANSI rather than Ascii, so that bold, reverse and
// underline still show: the monochrome styles carry no colour.
func Profile() termenv.Profile {
	if NoColor() {
		p := termenv.NewOutput(os.Stdout).ColorProfile() // ignores NO_COLOR
		if p != termenv.Ascii {
			p = termenv.ANSI
		}
		return p
	}
	return termenv.EnvColorProfile()
}

// Setup applies Profile and a dark background to lipgloss's default
// renderer, without querying the terminal.
func Setup() {
	lipgloss.SetHasDarkBackground(true)
	lipgloss.SetColorProfile(Profile())
}
