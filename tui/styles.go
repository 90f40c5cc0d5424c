package tui

import (
	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/lipgloss"

	"ecps-assist/kb"
)

// palette is the set of colours of the coloured UI, one per theme. The
// theme is chosen at start-up (theme key, --theme, COLORFGBG: see
// lightBackground), never by querying the terminal. TestPaletteContrast
// checks every colour in true colour and as a 256-colour terminal shows it
// (termenv maps greys to the 6×6×6 cube: #6C6C6C is shown #5F5F5F): WCAG
// text ≥ 4.5:1 on the background, badges ≥ 3:1 and their text ≥ 4.5:1.
type palette struct {
	bg                                                    lipgloss.Color // the background the theme is made for
	accent, dim, faint, match, warn, err, ok, info, muted lipgloss.Color
	badgeFg                                               lipgloss.Color // text of the verdict badges
}

var darkPalette = palette{
	bg:      lipgloss.Color("#000000"),
	accent:  lipgloss.Color("#5FAFFF"),
	dim:     lipgloss.Color("#8A8A8A"),
	faint:   lipgloss.Color("#767676"),
	match:   lipgloss.Color("#FFAF00"),
	warn:    lipgloss.Color("#FFD75F"),
	err:     lipgloss.Color("#FF5F5F"),
	ok:      lipgloss.Color("#5FD75F"),
	info:    lipgloss.Color("#5FD7D7"),
	muted:   lipgloss.Color("#B2B2B2"),
	badgeFg: lipgloss.Color("#000000"),
}

var lightPalette = palette{
	bg:      lipgloss.Color("#FFFFFF"),
	accent:  lipgloss.Color("#005FAF"),
	dim:     lipgloss.Color("#5F5F5F"),
	faint:   lipgloss.Color("#6C6C6C"),
	match:   lipgloss.Color("#AF5F00"),
	warn:    lipgloss.Color("#875F00"),
	err:     lipgloss.Color("#AF0000"),
	ok:      lipgloss.Color("#008700"),
	info:    lipgloss.Color("#005F87"),
	muted:   lipgloss.Color("#4E4E4E"),
	badgeFg: lipgloss.Color("#FFFFFF"),
}

// textColors are the colours of the palette used for text, badges the
// backgrounds of the verdict badges (for the contrast test).
func (p palette) textColors() map[string]lipgloss.Color {
	return map[string]lipgloss.Color{"accent": p.accent, "dim": p.dim, "faint": p.faint, "match": p.match,
		"warn": p.warn, "err": p.err, "ok": p.ok, "info": p.info, "muted": p.muted}
}

func (p palette) badges() map[string]lipgloss.Color {
	return map[string]lipgloss.Color{kb.VerdictResolved: p.ok, kb.VerdictEscalate: p.err, kb.VerdictApplicable: p.accent,
		kb.VerdictNotApplicable: p.muted, kb.VerdictInfo: p.info}
}

// Styles are all the styles of the UI, built once from a palette (or in
// monochrome for NO_COLOR).
type Styles struct {
	Mono bool

	AppTitle  lipgloss.Style // "ecps-assist" in the header
	ScreenTit lipgloss.Style // screen name in the header
	Heading   lipgloss.Style // section and product headings
	Question  lipgloss.Style // question text of a tree node
	Dim       lipgloss.Style // help text, symptoms, sources
	Faint     lipgloss.Style // separators, scroll hints
	Number    lipgloss.Style // "1" of numbered items
	Selected  lipgloss.Style // the selected row
	Cursor    lipgloss.Style // the "›" marker
	Match     lipgloss.Style // matched characters in titles
	Crumb     lipgloss.Style // breadcrumbs
	CrumbNum  lipgloss.Style
	Warn      lipgloss.Style
	Error     lipgloss.Style
	Success   lipgloss.Style
	Prompt    lipgloss.Style // text field prompt
	Input     lipgloss.Style
	Holder    lipgloss.Style // text field placeholder
	Verdict   map[string]lipgloss.Style
	Valid     lipgloss.Style // check verdict: valid
	Invalid   lipgloss.Style // check verdict: invalid
	Help      help.Styles
	FocusMark lipgloss.Style // the focused pane marker
}

// NewStyles builds the coloured styles of the dark theme (the default).
func NewStyles() *Styles { return newStyles(darkPalette) }

// NewLightStyles builds the coloured styles of the light theme.
func NewLightStyles() *Styles { return newStyles(lightPalette) }

func newStyles(p palette) *Styles {
	s := lipgloss.NewStyle
	st := &Styles{
		AppTitle:  s().Bold(true).Foreground(p.accent),
		ScreenTit: s().Foreground(p.muted),
		Heading:   s().Bold(true).Foreground(p.accent),
		Question:  s().Bold(true),
		Dim:       s().Foreground(p.dim),
		Faint:     s().Foreground(p.faint),
		Number:    s().Foreground(p.accent),
		Selected:  s().Bold(true).Foreground(p.accent),
		Cursor:    s().Bold(true).Foreground(p.accent),
		Match:     s().Bold(true).Underline(true).Foreground(p.match),
		Crumb:     s().Foreground(p.dim),
		CrumbNum:  s().Foreground(p.accent),
		Warn:      s().Foreground(p.warn),
		Error:     s().Bold(true).Foreground(p.err),
		Success:   s().Foreground(p.ok),
		Prompt:    s().Bold(true).Foreground(p.accent),
		Input:     s(),
		Holder:    s().Foreground(p.faint),
		Valid:     s().Bold(true).Foreground(p.ok),
		Invalid:   s().Bold(true).Foreground(p.err),
		FocusMark: s().Bold(true).Foreground(p.accent),
		Verdict:   map[string]lipgloss.Style{},
		Help: help.Styles{
			ShortKey:       s().Foreground(p.muted),
			ShortDesc:      s().Foreground(p.dim),
			ShortSeparator: s().Foreground(p.faint),
			Ellipsis:       s().Foreground(p.faint),
			FullKey:        s().Bold(true).Foreground(p.accent),
			FullDesc:       s(),
			FullSeparator:  s().Foreground(p.faint),
		},
	}
	for v, bg := range p.badges() {
		st.Verdict[v] = s().Bold(true).Foreground(p.badgeFg).Background(bg).Padding(0, 1)
	}
	return st
}

// NewMonoStyles builds the monochrome styles used when NO_COLOR is set:
// no colour at all; selection and emphasis use reverse, bold and underline.
func NewMonoStyles() *Styles {
	s := lipgloss.NewStyle
	v := s().Bold(true).Reverse(true).Padding(0, 1)
	return &Styles{
		Mono:      true,
		AppTitle:  s().Bold(true),
		ScreenTit: s(),
		Heading:   s().Bold(true).Underline(true),
		Question:  s().Bold(true),
		Dim:       s().Faint(true),
		Faint:     s().Faint(true),
		Number:    s(),
		Selected:  s().Reverse(true),
		Cursor:    s().Bold(true),
		Match:     s().Bold(true).Underline(true),
		Crumb:     s(),
		CrumbNum:  s().Bold(true),
		Warn:      s().Bold(true),
		Error:     s().Bold(true).Reverse(true),
		Success:   s().Bold(true),
		Prompt:    s().Bold(true),
		Input:     s(),
		Holder:    s().Faint(true),
		Valid:     s().Bold(true),
		Invalid:   s().Bold(true).Underline(true),
		FocusMark: s().Bold(true),
		Verdict: map[string]lipgloss.Style{
			kb.VerdictResolved:      v,
			kb.VerdictEscalate:      v,
			kb.VerdictApplicable:    v,
			kb.VerdictNotApplicable: v,
			kb.VerdictInfo:          v,
		},
		Help: help.Styles{
			ShortKey:       s().Bold(true),
			ShortDesc:      s(),
			ShortSeparator: s(),
			Ellipsis:       s(),
			FullKey:        s().Bold(true),
			FullDesc:       s(),
			FullSeparator:  s(),
		},
	}
}

// verdictStyle is the badge style of a verdict.
func (s *Styles) verdictStyle(v string) lipgloss.Style {
	if st, ok := s.Verdict[v]; ok {
		return st
	}
	return s.Verdict[kb.VerdictInfo]
}
