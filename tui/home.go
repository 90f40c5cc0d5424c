package tui

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"ecps-assist/diagnose"
	"ecps-assist/kb/search"
	"ecps-assist/kb/vocab"
)

// filterLimit bounds the trees and the answers listed while typing.
const filterLimit = 20

// homeScreen is the start screen: a search field and, under it, the trees
// by product, or the trees and answers matching what is typed.
//
// Focus: the search field has it at start; letters and digits go to the
// field, ↑/↓ move the selection, Enter opens it, alt+1–9 open the N-th
// item. Tab (or Échap) moves the focus to the list, where j/k, 1–9, p
// (browse), q and ? work; Tab or / go back to the field.
type homeScreen struct {
	c         *common
	input     textinput.Model
	focusList bool
	query     string
	list      list
	none      bool // a query matched nothing

	// The band of the results, once the query has a complete word: low
	// (neighbours only) and none are said above the list, and Enter in
	// the field then does not open the first one as if it were the answer.
	judged bool
	band   search.Band
	gaps   []search.GapHit

	ids []diagnose.IDResult // identifiers typed in the field, checked
}

func newTextInput(st *Styles, prompt, placeholder string, limit int) textinput.Model {
	ti := textinput.New()
	ti.Prompt = prompt
	ti.Placeholder = placeholder
	ti.CharLimit = limit
	ti.PromptStyle = st.Prompt
	ti.TextStyle = st.Input
	ti.PlaceholderStyle = st.Holder
	ti.Cursor.SetMode(cursor.CursorStatic)
	ti.Focus()
	return ti
}

func newHome(c *common) *homeScreen {
	h := &homeScreen{c: c}
	h.input = newTextInput(c.st, "Rechercher › ", "symptôme, mot-clé, n° RPPS à vérifier…", 200)
	h.refilter()
	return h
}

func (h *homeScreen) title() string     { return "Accueil" }
func (h *homeScreen) typing() bool      { return !h.focusList }
func (h *homeScreen) scroll() *scroller { return &h.list.sc }

func (h *homeScreen) setKeys(k *KeyMap) {
	open := len(h.list.items) > 0 // nothing to open: no key says so
	if h.focusList {
		if open {
			enable(&k.Pick, "ouvrir")
		}
		enable(&k.Focus, "recherche")
		enable(&k.Search, "rechercher")
		enable(&k.Browse, "parcourir")
		if h.query != "" {
			enable(&k.Leave, "effacer la recherche")
		}
	} else {
		k.Up.SetKeys("up")
		k.Up.SetHelp("↑", "")
		k.Down.SetKeys("down")
		k.Down.SetHelp("↓", "")
		if open {
			enable(&k.AltPick, "ouvrir")
		}
		enable(&k.Focus, "liste")
		enable(&k.Leave, "quitter le champ")
	}
	enable(&k.Up, "précédent")
	enable(&k.Down, "suivant")
	enable(&k.PageUp, "")
	enable(&k.PageDown, "")
	if h.focusList {
		enable(&k.Top, "")
		enable(&k.Bottom, "")
	} else {
		k.browseHint = true
	}
	if open {
		enable(&k.Open, "ouvrir")
	}
	if !h.focusList {
		k.PageDown.SetKeys("pgdown") // space is text in the field
		k.PageDown.SetHelp("pgdn", "page suivante")
	}
}

func (h *homeScreen) refilter() {
	h.query = h.input.Value()
	h.none, h.judged, h.gaps = false, false, nil
	h.ids = diagnose.QueryIDs(h.query)
	h.ids = h.ids[:min(len(h.ids), 2)] // the list stays in view
	if search.FoldString(h.query) == "" {
		items := h.withJournal(h.treeItems())
		h.list.set(items)
		h.list.unnumbered = 0
		for _, it := range items {
			if it.kind != itemResume {
				break
			}
			h.list.unnumbered++
		}
		return
	}
	// Long numbers are checked, not searched: their digits would match
	// the numbers of the answers ("12 chiffres", "IEPS.08").
	var res search.Results
	if q := diagnose.MaskNumbers(h.query); search.FoldString(q) != "" {
		res = h.c.ix.Filter(q, filterLimit)
	}
	var items []item
	// A word is complete once followed by a space or another word.
	h.judged = len(h.ids) == 0 && (len(strings.Fields(h.query)) > 1 || !search.EndsInWord(h.query))
	h.band, h.gaps = res.Band, res.Gaps
	treesHead, entriesHead := "Arbres de diagnostic", "Réponses officielles"
	switch {
	case h.judged && h.band == search.BandLow:
		treesHead, entriesHead = "Arbres voisins", "Réponses voisines"
	case h.judged && h.band == search.BandNone:
		treesHead, entriesHead = "Arbres (sans rapport probable)", "Réponses (sans rapport probable)"
	}
	for i, t := range res.Trees {
		it := item{kind: itemTree, id: t.ID, title: t.Title, matches: t.TitleMatches}
		if tr := h.c.kb.Tree(t.ID); tr != nil {
			it.sub = withOrigin(tr.Product, tr.IsTeam(), tr.OriginLabel())
		}
		if i == 0 {
			it.heading = treesHead
		}
		items = append(items, it)
	}
	// Then the trees that check an identifier typed, as search does.
	for _, t := range diagnose.IDTrees(h.c.kb, h.ids) {
		if slices.ContainsFunc(res.Trees, func(r search.Hit) bool { return r.ID == t.ID }) {
			continue
		}
		it := item{kind: itemTree, id: t.ID, title: t.Title, sub: "vérifie cet identifiant"}
		if len(items) == 0 {
			it.heading = "Arbres qui vérifient cet identifiant"
		}
		items = append(items, it)
	}
	var entryIDs []string
	for _, e := range res.Entries {
		entryIDs = append(entryIDs, e.ID)
	}
	for i, e := range res.Entries {
		it := item{kind: itemEntry, id: e.ID, title: e.Title, matches: e.TitleMatches}
		if en := h.c.kb.Entry(e.ID); en != nil {
			it.sub = withOrigin(en.Product+" · "+en.Theme, en.IsTeam(), en.OriginLabel())
		}
		if i == 0 {
			it.heading = answersHeading(h.c.kb, entryIDs, entriesHead)
		}
		items = append(items, it)
	}
	h.none = len(items) == 0 && len(h.ids) == 0
	h.judged = h.judged && !h.none
	h.list.set(items)
	// The selection starts on the best judged hit: when an answer
	// addresses the question and no tree does (« c'est quoi la e-CPS ? »),
	// Enter opens that answer, not a neighbouring tree.
	if h.judged && len(res.Trees) > 0 && len(res.Entries) > 0 && res.Trees[0].Band < res.Entries[0].Band {
		for i, it := range items {
			if it.kind == itemEntry {
				h.list.sel = i
				break
			}
		}
	}
}

// treeItems lists every tree, grouped by product, with a symptom.
func (h *homeScreen) treeItems() []item {
	var items []item
	prev := "\x00"
	for _, t := range h.c.trees {
		it := item{kind: itemTree, id: t.ID, title: t.Title}
		if len(t.Symptoms) > 0 {
			it.sub = "« " + t.Symptoms[0] + " »"
		}
		if t.Product != prev {
			it.heading = t.Product
			prev = t.Product
		}
		items = append(items, it)
	}
	return items
}

// carried are identifiers a check node offers, with where they come from
// (the hint shown under the field: "Repris du ticket").
type carried struct {
	ids  []diagnose.IDResult
	from string
}

// open opens an item of a list: a tree walk or an answer. A tree's check
// node offers the ticket's identifiers.
func (c *common) open(it item) { c.openCarrying(it, c.ticketIDs) }

// openCarrying opens it; a tree's check node offers the identifiers ids.
func (c *common) openCarrying(it item, ids carried) {
	switch it.kind {
	case itemTree:
		if t := c.kb.Tree(it.id); t != nil {
			c.push(newTreeScreen(c, t, ids))
		}
	case itemEntry:
		if e := c.kb.Entry(it.id); e != nil {
			c.push(newAnswer(c, e))
		}
	}
}

// open opens it; an identifier typed in the field is offered by the check
// node of the tree, else the ticket's.
func (h *homeScreen) open(it item) {
	if h.openJournal(it) {
		return
	}
	if len(h.ids) > 0 {
		h.c.openCarrying(it, carried{ids: h.ids, from: "Repris de la recherche"})
		return
	}
	h.c.open(it)
}

func (h *homeScreen) update(msg tea.Msg) tea.Cmd {
	k := h.c.keys
	switch msg := msg.(type) {
	case tea.MouseMsg:
		h.list.wheel(msg)
		return nil
	case tea.KeyMsg:
		if h.list.navigate(msg, k) {
			return nil
		}
		switch {
		case key.Matches(msg, k.Open):
			if !h.focusList && h.judged && h.band != search.BandHigh {
				// No official answer to this precise question: the
				// agent chooses a neighbour deliberately.
				h.setFocusList(true)
				h.c.setStatus(statusInfo, "Pas de réponse officielle précise : choisissez une réponse voisine (↑/↓, Entrée).")
				return nil
			}
			if it, ok := h.list.selected(); ok {
				h.open(it)
			}
			return nil
		case key.Matches(msg, k.Pick), key.Matches(msg, k.AltPick):
			if h.list.pick(digit(msg.String())) {
				it, _ := h.list.selected()
				h.open(it)
			}
			return nil
		case key.Matches(msg, k.Focus), key.Matches(msg, k.Search):
			h.setFocusList(!h.focusList)
			return nil
		case key.Matches(msg, k.Leave):
			if h.focusList {
				h.input.SetValue("")
				h.refilter()
			} else {
				h.setFocusList(true)
			}
			return nil
		case key.Matches(msg, k.Browse):
			h.c.push(newBrowse(h.c))
			return nil
		}
		if h.focusList {
			// A letter that is no key of the list does nothing: Tab or /
			// go back to the field (typing there by mistake would replace
			// the agent's search).
			if msg.Type == tea.KeyRunes && !msg.Paste {
				h.c.setStatus(statusInfo, "Tab ou / : revenir à la recherche.")
			}
			return nil
		}
		var cmd tea.Cmd
		n := utf8.RuneCountInString(h.input.Value())
		h.input, cmd = inputUpdate(h.input, msg)
		if got := utf8.RuneCountInString(h.input.Value()); msg.Type == tea.KeyRunes && got < n+len(msg.Runes) && got >= h.input.CharLimit {
			// the field is full: what did not fit is not searched
			h.c.setStatus(statusWarn, fmt.Sprintf("La recherche tient en %d caractères : la fin du texte n'y est pas. Pour un ticket entier : ecps-assist --ticket FICHIER.", h.input.CharLimit))
		}
		if h.input.Value() != h.query {
			h.refilter()
		}
		return cmd
	}
	return nil
}

func (h *homeScreen) setFocusList(on bool) {
	h.focusList = on
	if on {
		h.input.Blur()
	} else {
		h.input.Focus()
	}
}

func (h *homeScreen) view(w, hgt int) []string {
	st := h.c.st
	var lead []string
	if h.c.warn != "" {
		for _, l := range wrapLimit("⚠ "+h.c.warn, w, 2) {
			lead = append(lead, st.Warn.Render(l))
		}
	}
	setFieldWidth(&h.input, w)
	if h.focusList {
		h.input.PromptStyle = st.Dim
	} else {
		h.input.PromptStyle = st.Prompt
	}
	lead = append(lead, line(h.input.View(), w))
	if len(h.ids) > 0 {
		lead = append(lead, identifierLines(st, h.ids, w, hgt < 14)...)
	}
	if h.none && len(h.gaps) > 0 {
		// nothing near, but a known gap: say what the base does not cover
		lead = append(lead, "")
		lead = append(lead, bandLines(st, search.BandLow, h.gaps, h.c.render.EscalationText(), w, hgt < 14, false)...)
	} else if h.none {
		lead = append(lead, "")
		lead = append(lead, wrapStyled("Aucun résultat pour « "+h.query+" ».", w, st.Warn)...)
		lead = append(lead, wrapStyled("Essayez d'autres mots, ou Tab puis p pour parcourir les réponses par produit.", w, st.Dim)...)
		if hgt >= 14 {
			lead = append(lead, wrapStyled("Recours : "+strings.TrimSuffix(h.c.render.EscalationText(), ".")+".", w, st.Dim)...)
		}
	} else if h.judged {
		lead = append(lead, bandLines(st, h.band, h.gaps, h.c.render.EscalationText(), w, hgt < 14, true)...)
	}
	// The field stays visible: only the list scrolls under it.
	rest := hgt - len(lead)
	if rest < 1 {
		return lead[:hgt]
	}
	return append(lead, h.list.render(st, nil, w, rest, h.focusList)...)
}

// bandLines say, above a list, that the knowledge does not answer the
// question precisely (low: the gaps it does not cover) or at all (none:
// the team's escalation line). Nothing for high. near: the list below has
// neighbours to show.
func bandLines(st *Styles, b search.Band, gaps []search.GapHit, escalation string, w int, compact, near bool) []string {
	var out []string
	switch b {
	case search.BandHigh:
		return nil
	case search.BandLow:
		if near {
			out = append(out, wrapStyled("⚠ Aucune réponse officielle ne correspond précisément ; voici les plus proches.", w, st.Warn)...)
		} else {
			out = append(out, wrapStyled("⚠ Aucune réponse officielle ne correspond à cette question.", w, st.Warn)...)
		}
		for i, g := range gaps {
			if compact && i > 0 {
				break
			}
			out = append(out, wrapStyled(vocab.NotCovered(g.Topic), w, st.Dim)...)
		}
	default:
		out = append(out, wrapStyled("⚠ Rien dans la base ne concerne cette question.", w, st.Warn)...)
	}
	if !compact {
		out = append(out, wrapStyled("Recours : "+strings.TrimSuffix(escalation, ".")+".", w, st.Dim)...)
	}
	return out
}
