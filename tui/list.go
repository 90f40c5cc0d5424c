package tui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
)

type itemKind int

const (
	itemTree itemKind = iota
	itemEntry
	itemOther
)

// item is one row of a selectable list: a title (with matched runes to
// highlight), an optional dim second line, and an optional heading shown
// before it.
type item struct {
	kind    itemKind
	id      string
	title   string
	matches []int
	sub     string // second line, dim
	heading string // section heading before this item
	index   int    // screen-specific (e.g. step index)
}

// list is a selectable list of items, numbered 1–9, that scrolls to keep
// the selection visible.
type list struct {
	items []item
	// unnumbered is how many first items carry no number (« Reprendre »):
	// the digits keep choosing the same trees whether or not a diagnosis
	// waits to be resumed.
	unnumbered int
	sel        int
	sc         scroller
	follow     bool // scroll to the selection on next render
	// twoLines keeps the second line of items on its own line even when
	// the list scrolls (triage: the "pourquoi" matters).
	twoLines bool
}

func (l *list) set(items []item) {
	l.items = items
	l.unnumbered = 0
	l.sel = 0
	l.sc.offset = 0
	l.follow = true
}

func (l *list) move(d int) {
	if len(l.items) == 0 {
		return
	}
	l.sel = min(max(l.sel+d, 0), len(l.items)-1)
	l.follow = true
}

// navigate moves the selection for the list keys (↑/↓, page up/down) and
// reports whether msg was one of them.
func (l *list) navigate(msg tea.KeyMsg, k *KeyMap) bool {
	switch {
	case key.Matches(msg, k.Up):
		l.move(-1)
	case key.Matches(msg, k.Down):
		l.move(1)
	case key.Matches(msg, k.PageUp):
		l.move(-5)
	case key.Matches(msg, k.PageDown):
		l.move(5)
	case key.Matches(msg, k.Top):
		l.move(-len(l.items))
	case key.Matches(msg, k.Bottom):
		l.move(len(l.items))
	default:
		return false
	}
	return true
}

// wheel moves the selection with the mouse wheel.
func (l *list) wheel(msg tea.MouseMsg) {
	switch msg.Button {
	case tea.MouseButtonWheelUp:
		l.move(-1)
	case tea.MouseButtonWheelDown:
		l.move(1)
	}
}

func (l *list) selected() (item, bool) {
	if l.sel < 0 || l.sel >= len(l.items) {
		return item{}, false
	}
	return l.items[l.sel], true
}

// pick selects the i-th item (0-based) and reports whether it exists.
func (l *list) pick(i int) bool {
	i += l.unnumbered
	if i < l.unnumbered || i >= len(l.items) {
		return false
	}
	l.sel = i
	return true
}

// render renders the items after the given leading lines, keeping the
// selection visible in h lines.
func (l *list) render(st *Styles, lead []string, w, h int, active bool) []string {
	// Dense layout (second line on the first, no blank line between
	// sections) when the full one would scroll and the width allows it.
	dense := false
	if w >= 60 && !l.twoLines {
		n := len(lead)
		for i, it := range l.items {
			if it.heading != "" {
				if n > 0 || i > 0 {
					n++
				}
				n++
			}
			n++
			if it.sub != "" {
				n++
			}
		}
		dense = n > h
	}
	lines := append([]string(nil), lead...)
	from, to := -1, -1
	for i, it := range l.items {
		if it.heading != "" {
			if len(lines) > 0 && !dense {
				lines = append(lines, "")
			}
			if i == l.sel {
				from = len(lines)
			}
			lines = append(lines, line(st.Heading.Render(it.heading), w))
		}
		if i == l.sel && from < 0 {
			from = len(lines)
		}
		if dense {
			lines = append(lines, renderItemDense(st, it, i-l.unnumbered, i == l.sel, active, w))
		} else {
			lines = append(lines, renderItem(st, it, i-l.unnumbered, i == l.sel, active, w))
			if it.sub != "" {
				lines = append(lines, line("     "+st.Dim.Render(it.sub), w))
			}
		}
		if i == l.sel {
			to = len(lines) - 1
		}
	}
	if i := l.sel; i == 0 && len(lead) > 0 {
		from = 0 // show what comes before the first item
	}
	if !l.follow {
		from, to = -1, -1
	}
	l.follow = false
	return l.sc.window(lines, h, from, to)
}

// renderItem renders the main line of an item: cursor, number, title.
func renderItem(st *Styles, it item, i int, selected, active bool, w int) string {
	cursor := "  "
	base := lipgloss.NewStyle()
	if selected {
		cursor = st.Cursor.Render("›") + " "
		if active || st.Mono {
			base = st.Selected
		}
	}
	n := st.Number.Render(num(i)) + " "
	title := highlight(it.title, it.matches, base, st.Match)
	return ansi.Truncate(cursor+n+title, w, "…")
}

// renderItemDense renders an item on one line: the title, then the second
// line dimmed, cut to the width.
func renderItemDense(st *Styles, it item, i int, selected, active bool, w int) string {
	s := renderItem(st, it, i, selected, active, w)
	if it.sub == "" || ansi.StringWidth(s)+6 > w {
		return s
	}
	return ansi.Truncate(s+st.Faint.Render(" — ")+st.Dim.Render(it.sub), w, "…")
}

// separator is a faint horizontal rule.
func separator(st *Styles, w int) string {
	return st.Faint.Render(strings.Repeat("─", w))
}
