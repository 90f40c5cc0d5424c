package tui

import (
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"ecps-assist/diagnose"
	"ecps-assist/kb/search"
)

// triageLimit bounds the trees and answers proposed for a ticket.
const triageLimit = 5

// triageScreen shows a ticket's excerpt, the identifiers it quotes with
// the checker's verdict, and the trees and answers that fit it, with the
// terms that matched ("pourquoi").
type triageScreen struct {
	c      *common
	ticket string
	res    diagnose.Findings
	list   list

	idW     int // width idLines were wrapped for
	idLines []string

	// The excerpt of the ticket, wrapped for a width and a line count:
	// wrapping a long ticket (up to the 1 MiB the CLI allows) at every
	// frame made each key take tens of milliseconds.
	exW, exN int
	exLines  []string
}

func newTriage(c *common, ticket string) *triageScreen {
	t := &triageScreen{c: c, ticket: ticket}
	t.res = diagnose.Triage(c.ix, c.kb, ticket, triageLimit)
	c.ticketIDs = carried{ids: t.res.Identifiers, from: "Repris du ticket"}
	var items []item
	treesHead, entriesHead := "Arbres proposés", "Réponses officielles"
	if t.res.Confidence != diagnose.ConfHigh {
		treesHead, entriesHead = "Arbres voisins", "Réponses voisines"
	} else if len(t.res.Trees) > 0 && t.res.Trees[0].Confidence != diagnose.ConfHigh {
		treesHead = "Arbres voisins" // an answer addresses it, no tree
	}
	for i, h := range t.res.Trees {
		it := item{kind: itemTree, id: h.ID, title: h.Title, matches: h.TitleMatches, sub: why(h)}
		if tr := c.kb.Tree(h.ID); tr != nil {
			it.sub = withOrigin(it.sub, tr.IsTeam(), tr.OriginLabel())
		}
		if i == 0 {
			it.heading = treesHead
		}
		items = append(items, it)
	}
	var entryIDs []string
	for _, h := range t.res.Entries {
		entryIDs = append(entryIDs, h.ID)
	}
	for i, h := range t.res.Entries {
		it := item{kind: itemEntry, id: h.ID, title: h.Title, matches: h.TitleMatches, sub: why(h)}
		if e := c.kb.Entry(h.ID); e != nil {
			it.sub = withOrigin(it.sub, e.IsTeam(), e.OriginLabel())
		}
		if i == 0 {
			it.heading = answersHeading(c.kb, entryIDs, entriesHead)
		}
		items = append(items, it)
	}
	t.list.set(items)
	t.list.twoLines = true
	// As on home: an answer that addresses the ticket when no tree does
	// is where the selection starts.
	if len(t.res.Trees) > 0 && len(t.res.Entries) > 0 &&
		t.res.Trees[0].Confidence != diagnose.ConfHigh && t.res.Entries[0].Confidence == diagnose.ConfHigh {
		t.list.sel = len(t.res.Trees)
	}
	return t
}

func why(m diagnose.Match) string {
	w := m.WhyWith("")
	if m.Part > 0 {
		w = "problème " + strconv.Itoa(m.Part) + " · " + w
	}
	if w != "" {
		return "pourquoi : " + w
	}
	return ""
}

func (t *triageScreen) title() string     { return "Tri du ticket" }
func (t *triageScreen) typing() bool      { return false }
func (t *triageScreen) scroll() *scroller { return &t.list.sc }

func (t *triageScreen) setKeys(k *KeyMap) {
	k.scrollKeys("")
	enable(&k.Ticket, "")
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
		case key.Matches(msg, k.Ticket):
			t.c.push(newTicketScreen(t.c, t.ticket))
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
	if t.exCut() && h >= 14 {
		lead = append(lead, line("  "+st.Faint.Render("t : lire tout le ticket"), w))
	}
	if len(t.res.Identifiers) > 0 {
		if t.idLines == nil || t.idW != w {
			t.idW, t.idLines = w, identifierLines(st, t.res.Identifiers, w, h < 14)
		}
		lead = append(lead, t.idLines...)
	}
	esc := t.c.render.EscalationText()
	switch {
	case t.res.Confidence == diagnose.ConfNone || len(t.list.items) == 0 && len(t.res.Gaps) == 0:
		lead = append(lead, "")
		lead = append(lead, wrapStyled("⚠ Rien dans la base ne concerne ce ticket.", w, st.Warn)...)
		lead = append(lead, wrapStyled("Recours : "+strings.TrimSuffix(esc, ".")+". Ou cherchez (/), parcourez les réponses (p).", w, st.Dim)...)
	case t.res.Confidence == diagnose.ConfLow:
		lead = append(lead, "")
		var gaps []search.GapHit
		for _, g := range t.res.Gaps {
			gaps = append(gaps, search.GapHit{ID: g.ID, Topic: g.Topic})
		}
		lead = append(lead, bandLines(st, search.BandLow, gaps, esc, w, h < 14, len(t.list.items) > 0)...)
	case len(t.res.Parts) > 0 && h >= 14:
		lead = append(lead, "")
		lead = append(lead, st.Heading.Render("Plusieurs problèmes dans ce ticket"))
		for _, p := range t.res.Parts {
			s := strconv.Itoa(p.N) + ". "
			if p.Blocking {
				s += "(bloquant) "
			}
			lead = append(lead, wrapLimit(s+"« "+p.Text+" »", w-2, 1)...)
		}
	}
	return t.list.render(st, lead, w, h, true)
}

// exCut reports whether the excerpt leaves part of the ticket out.
func (t *triageScreen) exCut() bool {
	n := len(t.exLines)
	return n > 0 && strings.HasSuffix(t.exLines[n-1], "…") || strings.Contains(strings.TrimSpace(t.ticket), "\n")
}

// identifierLines renders the identifiers found in a ticket with the
// checker's verdict; compact (small terminals) keeps one line each.
func identifierLines(st *Styles, ids []diagnose.IDResult, w int, compact bool) []string {
	out := []string{st.Heading.Render("Identifiants repérés")}
	if !compact {
		out = append([]string{""}, out...)
	}
	for _, r := range ids {
		mark, sty := "✓ ", st.Valid
		if !r.Valid {
			mark, sty = "✗ ", st.Invalid
		}
		// The kind is said once, in the head: drop the checker's "Type
		// deviné : …." lead.
		msg := r.Message
		if r.Guessed {
			msg = strings.TrimPrefix(msg, "Type deviné : "+r.KindLabel+". ")
		}
		if compact {
			out = append(out, line(sty.Render(mark)+sty.Render("« "+r.Input+" » : "+msg), w))
			continue
		}
		head := "« " + r.Input + " » " + r.KindLabel + " : " + msg
		out = append(out, hang(sty.Render(mark), head, w, sty)...)
		if r.Fix != "" {
			out = append(out, hang("  ", "Correction : "+r.Fix, w, lipgloss.NewStyle())...)
		}
	}
	return out
}
