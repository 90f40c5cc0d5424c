package tui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"ecps-assist/kb/search"
)

// triageLimit bounds the trees and answers proposed for a ticket.
const triageLimit = 5

// triageScreen shows a ticket's excerpt and the trees and answers that fit
// it, with the terms that matched ("pourquoi").
type triageScreen struct {
	c      *common
	ticket string
	res    search.Results
	list   list

	// The excerpt of the ticket, wrapped for a width and a line count:
	// wrapping a long ticket (up to the 1 MiB the CLI allows) at every
	// frame made each key take tens of milliseconds.
	exW, exN int
	exLines  []string
}

func newTriage(c *common, ticket string) *triageScreen {
	t := &triageScreen{c: c, ticket: ticket}
	t.res = c.ix.Search(ticket, triageLimit)
	var items []item
	for i, h := range t.res.Trees {
		it := item{kind: itemTree, id: h.ID, title: h.Title, matches: h.TitleMatches, sub: why(h.Matched)}
		if i == 0 {
			it.heading = "Arbres proposés"
		}
		items = append(items, it)
	}
	for i, h := range t.res.Entries {
		it := item{kind: itemEntry, id: h.ID, title: h.Title, matches: h.TitleMatches, sub: why(h.Matched)}
		if i == 0 {
			it.heading = "Réponses officielles"
		}
		items = append(items, it)
	}
	t.list.set(items)
	t.list.twoLines = true
	return t
}

func why(terms []string) string {
	if len(terms) == 0 {
		return ""
	}
	return "pourquoi : " + strings.Join(terms, ", ")
}

func (t *triageScreen) title() string     { return "Tri du ticket" }
func (t *triageScreen) typing() bool      { return false }
func (t *triageScreen) scroll() *scroller { return &t.list.sc }

func (t *triageScreen) setKeys(k *KeyMap) {
	enable(&k.Up, "")
	enable(&k.Down, "")
	enable(&k.PageUp, "")
	enable(&k.PageDown, "")
	if len(t.list.items) > 0 {
		enable(&k.Pick, "ouvrir")
		enable(&k.Open, "ouvrir")
	}
	enable(&k.Search, "rechercher")
	enable(&k.Browse, "parcourir les réponses")
	enable(&k.Leave, "accueil")
}

func (t *triageScreen) update(msg tea.Msg) tea.Cmd {
	k := t.c.keys
	switch msg := msg.(type) {
	case tea.MouseMsg:
		t.list.wheel(msg)
	case tea.KeyMsg:
		if t.list.navigate(msg, k) {
			return nil
		}
		switch {
		case key.Matches(msg, k.Pick):
			if t.list.pick(digit(msg.String())) {
				it, _ := t.list.selected()
				t.c.open(it)
			}
		case key.Matches(msg, k.Open):
			if it, ok := t.list.selected(); ok {
				t.c.open(it)
			}
		case key.Matches(msg, k.Browse):
			t.c.push(newBrowse(t.c))
		case key.Matches(msg, k.Search):
			t.c.pop()
			if h, ok := t.c.top().(*homeScreen); ok {
				h.setFocusList(false)
			}
		case key.Matches(msg, k.Leave):
			t.c.pop()
		}
	}
	return nil
}

func (t *triageScreen) view(w, h int) []string {
	st := t.c.st
	lead := []string{st.Heading.Render("Ticket")}
	maxLines := 3
	if h < 14 {
		maxLines = 1
	}
	if t.exLines == nil || t.exW != w || t.exN != maxLines {
		t.exW, t.exN = w, maxLines
		t.exLines = wrapLimit(strings.Join(strings.Fields(t.ticket), " "), w-2, maxLines)
	}
	for _, l := range t.exLines {
		lead = append(lead, "  "+st.Dim.Render(l))
	}
	if len(t.list.items) == 0 {
		lead = append(lead, "")
		lead = append(lead, wrapStyled("Aucun arbre ni aucune réponse ne correspond à ce ticket : cherchez (/) ou parcourez les réponses (p).", w, st.Warn)...)
	} else if t.res.Weak {
		lead = append(lead, "")
		lead = append(lead, wrapStyled("Correspondance faible : vérifiez avant de suivre une proposition.", w, st.Warn)...)
	}
	return t.list.render(st, lead, w, h, true)
}
