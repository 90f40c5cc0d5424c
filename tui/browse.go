package tui

import (
	"sort"
	"strconv"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// browseScreen lists the answers like the FAQ site's filters: products,
// then the themes of a product, then the answers of a theme.
type browseScreen struct {
	c       *common
	level   int // 0 products, 1 themes, 2 answers
	product string
	theme   string
	list    list
	saved   [3]int // selection per level, restored on the way back
}

func newBrowse(c *common) *browseScreen {
	b := &browseScreen{c: c}
	b.load()
	return b
}

func (b *browseScreen) title() string {
	switch b.level {
	case 1:
		return "Réponses › " + b.product
	case 2:
		return "Réponses › " + b.product + " › " + b.theme
	}
	return "Réponses par produit"
}

func (b *browseScreen) typing() bool      { return false }
func (b *browseScreen) scroll() *scroller { return &b.list.sc }

func (b *browseScreen) setKeys(k *KeyMap) {
	k.scrollKeys("")
	enable(&k.Pick, "ouvrir")
	enable(&k.Open, "ouvrir")
	enable(&k.Forward, "ouvrir")
	k.backFirst = true
	k.Back.SetKeys("left", "backspace", "h", "esc")
	k.Back.SetHelp("←/échap", "")
	if b.level > 0 {
		enable(&k.Back, "niveau précédent")
	} else {
		enable(&k.Back, "accueil")
	}
	enable(&k.Search, "rechercher")
}

// load fills the list for the current level.
func (b *browseScreen) load() {
	var items []item
	entries := b.c.kb.SortedEntries()
	switch b.level {
	case 0:
		count := map[string]int{}
		var order []string
		for _, e := range entries {
			if count[e.Product] == 0 {
				order = append(order, e.Product)
			}
			count[e.Product]++
		}
		for _, p := range order {
			items = append(items, item{kind: itemOther, id: p, title: p, sub: plural(count[p], "réponse", "réponses")})
		}
	case 1:
		count := map[string]int{}
		var order []string
		for _, e := range entries {
			if e.Product != b.product {
				continue
			}
			if count[e.Theme] == 0 {
				order = append(order, e.Theme)
			}
			count[e.Theme]++
		}
		sort.Strings(order)
		for _, t := range order {
			items = append(items, item{kind: itemOther, id: t, title: t, sub: plural(count[t], "réponse", "réponses")})
		}
	case 2:
		for _, e := range entries {
			if e.Product == b.product && e.Theme == b.theme {
				items = append(items, item{kind: itemEntry, id: e.ID, title: e.Title})
			}
		}
	}
	b.list.set(items)
	b.list.sel = min(b.saved[b.level], max(len(items)-1, 0))
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

func (b *browseScreen) enter() {
	it, ok := b.list.selected()
	if !ok {
		return
	}
	b.saved[b.level] = b.list.sel
	switch b.level {
	case 0:
		b.product, b.level = it.id, 1
		b.saved[1] = 0
		b.load()
	case 1:
		b.theme, b.level = it.id, 2
		b.saved[2] = 0
		b.load()
	case 2:
		b.c.open(it)
	}
}

func (b *browseScreen) up() {
	if b.level == 0 {
		b.c.pop()
		return
	}
	b.level--
	b.load()
}

func (b *browseScreen) update(msg tea.Msg) tea.Cmd {
	k := b.c.keys
	switch msg := msg.(type) {
	case tea.MouseMsg:
		b.list.wheel(msg)
	case tea.KeyMsg:
		if b.list.navigate(msg, k) {
			return nil
		}
		switch {
		case key.Matches(msg, k.Pick):
			if b.list.pick(digit(msg.String())) {
				b.enter()
			}
		case key.Matches(msg, k.Open), key.Matches(msg, k.Forward):
			b.enter()
		case key.Matches(msg, k.Back):
			b.up()
		case key.Matches(msg, k.Search):
			b.c.home()
			if h, ok := b.c.top().(*homeScreen); ok {
				h.setFocusList(false)
			}
		}
	}
	return nil
}

func (b *browseScreen) view(w, h int) []string {
	st := b.c.st
	var lead []string
	switch b.level {
	case 0:
		lead = wrapStyled("Choisissez un produit :", w, st.Dim)
	case 1:
		lead = wrapStyled(b.product+" — choisissez une thématique :", w, st.Dim)
	case 2:
		lead = wrapStyled(b.product+" › "+b.theme, w, st.Dim)
	}
	return b.list.render(st, lead, w, h, true)
}
