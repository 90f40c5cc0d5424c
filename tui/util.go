package tui

import (
	"strings"
	"unicode"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"ecps-assist/kb"
)

// flat puts inert text that may span lines (a question) on one line.
func flat(s string) string {
	return strings.NewReplacer("\n", " ", "\t", " ").Replace(s)
}

// wrap wraps text to w display cells (never by bytes): paragraphs
// (newlines) are kept, long words are broken. Text is inert already: it
// was made so where it entered (knowledge load, ticket, field, status).
func wrap(text string, w int) []string {
	text = strings.TrimRight(text, "\n")
	text = strings.ReplaceAll(text, "\t", "    ")
	if w < 1 {
		w = 1
	}
	var out []string
	for _, para := range strings.Split(text, "\n") {
		if para == "" {
			out = append(out, "")
			continue
		}
		para = glueHyphens(frenchSpaces.Replace(para))
		for _, l := range strings.Split(ansi.Wrap(para, w, ""), "\n") {
			l = strings.ReplaceAll(strings.ReplaceAll(strings.TrimRight(l, " "), "\u00a0", " "), "\u2011", "-")
			if ansi.StringWidth(l) > w {
				// ansi.Wrap leaves a leading space before a word longer
				// than w on the word's line (w+1 cells): break it.
				out = append(out, strings.Split(ansi.Hardwrap(l, w, true), "\n")...)
				continue
			}
			out = append(out, l)
		}
	}
	return out
}

// glueHyphens makes a hyphen between two letters non-breaking (U+2011)
// while wrapping: « e-CPS » is never cut into « e- » and « CPS ». A word
// longer than the line is still broken (Hardwrap).
func glueHyphens(s string) string {
	if !strings.Contains(s, "-") {
		return s
	}
	r := []rune(s)
	for i := 1; i+1 < len(r); i++ {
		if r[i] == '-' && unicode.IsLetter(r[i-1]) && unicode.IsLetter(r[i+1]) {
			r[i] = '\u2011'
		}
	}
	return string(r)
}

// frenchSpaces makes the spaces of French typography (before ; : ? ! »
// and after «) non-breaking while wrapping, so that no line starts with
// "; " or ends with "« ". They are shown as plain spaces.
var frenchSpaces = strings.NewReplacer(
	" ;", "\u00a0;", " :", "\u00a0:", " ?", "\u00a0?", " !", "\u00a0!", " »", "\u00a0»", "« ", "«\u00a0",
)

// wrapLimit is wrap keeping at most n lines (the last one ends with …).
func wrapLimit(text string, w, n int) []string {
	lines := wrap(text, w)
	if len(lines) > n {
		lines = lines[:n]
		last := lines[n-1]
		if ansi.StringWidth(last)+1 > w {
			last = ansi.Truncate(last, w-1, "")
		}
		lines[n-1] = last + "…"
	}
	return lines
}

// wrapStyled wraps text and styles each line.
func wrapStyled(text string, w int, st lipgloss.Style) []string {
	lines := wrap(text, w)
	for i, l := range lines {
		if l != "" {
			lines[i] = st.Render(l)
		}
	}
	return lines
}

// hang wraps text with a first-line prefix (e.g. "1. ") and the following
// lines indented to match; prefix is rendered as is (it may be styled).
func hang(prefix string, text string, w int, st lipgloss.Style) []string {
	pw := ansi.StringWidth(prefix)
	lines := wrap(text, max(w-pw, 10))
	pad := strings.Repeat(" ", pw)
	for i, l := range lines {
		p := pad
		if i == 0 {
			p = prefix
		}
		if l != "" {
			l = st.Render(l)
		}
		lines[i] = ansi.Truncate(p+l, w, "…")
	}
	if len(lines) == 0 {
		lines = []string{prefix}
	}
	return lines
}

// line truncates one line (already inert, maybe styled) to w cells.
func line(s string, w int) string { return ansi.Truncate(s, w, "…") }

// scroller keeps a window of lines and remembers the offset.
type scroller struct {
	offset       int
	above, below bool
}

// window returns at most h lines from offset; when from ≥ 0 the offset is
// moved (minimally) so that lines from..to are visible.
func (s *scroller) window(lines []string, h int, from, to int) []string {
	if h < 1 {
		s.above, s.below = false, false
		return nil
	}
	if from >= 0 {
		if to < from {
			to = from
		}
		if to >= s.offset+h {
			s.offset = to - h + 1
		}
		if from < s.offset {
			s.offset = from
		}
	}
	maxOff := max(0, len(lines)-h)
	s.offset = min(max(s.offset, 0), maxOff)
	end := min(len(lines), s.offset+h)
	s.above = s.offset > 0
	s.below = end < len(lines)
	return lines[s.offset:end]
}

// highlight renders title with the runes at the given indexes (rune
// indexes of title, e.g. search TitleMatches) in the match style, the rest
// in base. Titles are inert and one line since the knowledge was loaded.
func highlight(title string, matches []int, base, match lipgloss.Style) string {
	if len(matches) == 0 {
		return base.Render(title)
	}
	hit := make(map[int]bool, len(matches))
	for _, i := range matches {
		hit[i] = true
	}
	match = match.Inherit(base)
	var b, seg strings.Builder
	cur := false
	flush := func() {
		if seg.Len() == 0 {
			return
		}
		if cur {
			b.WriteString(match.Render(seg.String()))
		} else {
			b.WriteString(base.Render(seg.String()))
		}
		seg.Reset()
	}
	i := 0
	for _, r := range title {
		if h := hit[i]; h != cur {
			flush()
			cur = h
		}
		seg.WriteRune(r)
		i++
	}
	flush()
	return b.String()
}

// setFieldWidth sizes a field to w cells, prompt and cursor included.
// bubbles v1.0.0 takes Width without the prompt for a value but with it
// for the placeholder: an empty field gets the prompt's width back, or
// its placeholder is cut (« tel que sa… » at 40 columns).
func setFieldWidth(ti *textinput.Model, w int) {
	pw := ansi.StringWidth(ti.Prompt)
	ti.Width = max(w-pw-1, 1)
	if ti.Value() == "" {
		ti.Width += pw
	}
}

// inputUpdate is textinput's Update, minus a panic of bubbles v1.0.0:
// alt+d (delete the word after the cursor) with the cursor on the last
// character indexes past the value. There it deletes that character.
func inputUpdate(ti textinput.Model, msg tea.Msg) (textinput.Model, tea.Cmd) {
	if km, ok := msg.(tea.KeyMsg); ok && key.Matches(km, ti.KeyMap.DeleteWordForward) {
		if v := []rune(ti.Value()); len(v) > 0 && ti.Position() == len(v)-1 {
			ti.SetValue(string(v[:len(v)-1]))
			ti.CursorEnd()
			return ti, nil
		}
	}
	ti, cmd := ti.Update(msg)
	// Typed and pasted text enters here, for every field: made inert
	// (and one line) once, so nothing downstream sanitises it again.
	if v := ti.Value(); v != kb.InertLine(v) {
		ti.SetValue(kb.InertLine(v))
	}
	return ti, cmd
}
