package tui

import (
	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/lipgloss"

	"ecps-assist/kb"
)

// palette is the set of colours of the coloured UI. Colours are fixed (no
// lipgloss.AdaptiveColor): the background is never queried.
type palette struct {
	accent, dim, faint, match, warn, err, ok, info, muted lipgloss.Color
}

var defaultPalette = palette{
	accent: lipgloss.Color("#5FAFFF"),
	dim:    lipgloss.Color("#8A8A8A"),
	faint:  lipgloss.Color("#626262"),
	match:  lipgloss.Color("#FFAF00"),
	warn:   lipgloss.Color("#FFD75F"),
	err:    lipgloss.Color("#FF5F5F"),
	ok:     lipgloss.Color("#5FD75F"),
	info:   lipgloss.Color("#5FD7D7"),
	muted:  lipgloss.Color("#B2B2B2"),
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

// NewStyles builds the coloured styles.
func NewStyles() *Styles { return newStyles(defaultPalette) }

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
		Verdict: map[string]lipgloss.Style{
			kb.VerdictResolved:      s().Bold(true).Foreground(lipgloss.Color("#000000")).Background(p.ok).Padding(0, 1),
			kb.VerdictEscalate:      s().Bold(true).Foreground(lipgloss.Color("#000000")).Background(p.err).Padding(0, 1),
			kb.VerdictApplicable:    s().Bold(true).Foreground(lipgloss.Color("#000000")).Background(p.accent).Padding(0, 1),
			kb.VerdictNotApplicable: s().Bold(true).Foreground(lipgloss.Color("#000000")).Background(p.muted).Padding(0, 1),
			kb.VerdictInfo:          s().Bold(true).Foreground(lipgloss.Color("#000000")).Background(p.info).Padding(0, 1),
		},
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
