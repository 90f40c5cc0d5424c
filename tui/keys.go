package tui

import (
	"github.com/charmbracelet/bubbles/key"
)

// KeyMap holds every key binding of the UI. Bindings are enabled and
// disabled (setFor) according to the current screen and focus, so that
// key.Matches only fires for what works now and the generated help
// (ShortHelp, FullHelp) only lists it.
type KeyMap struct {
	Up, Down         key.Binding
	PageUp, PageDown key.Binding
	Open             key.Binding // enter: open / choose / check
	Pick             key.Binding // 1–9
	AltPick          key.Binding // alt+1–9, while typing in the search field
	Back             key.Binding // ←, backspace: previous step / up a level
	Forward          key.Binding // →: open (browse)
	Restart          key.Binding // r
	Crumbs           key.Binding // b: change an earlier answer
	Leave            key.Binding // esc
	Focus            key.Binding // tab: search field ↔ list
	Search           key.Binding // /: back to the search field
	Browse           key.Binding // p: browse the answers
	Edit             key.Binding // i: type in the check field again
	Export           key.Binding // e
	Copy             key.Binding // c
	Yes, No          key.Binding // confirmation
	Help             key.Binding // ?
	Quit             key.Binding // q
	ForceQuit        key.Binding // ctrl+c

	// backFirst puts "retour" first in the footer (answer, browse).
	backFirst bool
	// narrow: the footer ends with "? aide" only ("q quitter" is in it).
	narrow bool
}

func newKeyMap() *KeyMap {
	nb := key.NewBinding
	k := &KeyMap{
		Up:        nb(key.WithKeys("up", "k"), key.WithHelp("↑/k", "monter")),
		Down:      nb(key.WithKeys("down", "j"), key.WithHelp("↓/j", "descendre")),
		PageUp:    nb(key.WithKeys("pgup"), key.WithHelp("pgup", "page précédente")),
		PageDown:  nb(key.WithKeys("pgdown", " "), key.WithHelp("pgdn/espace", "page suivante")),
		Open:      nb(key.WithKeys("enter"), key.WithHelp("entrée", "ouvrir")),
		Pick:      nb(key.WithKeys("1", "2", "3", "4", "5", "6", "7", "8", "9"), key.WithHelp("1–9", "choisir")),
		AltPick:   nb(key.WithKeys("alt+1", "alt+2", "alt+3", "alt+4", "alt+5", "alt+6", "alt+7", "alt+8", "alt+9"), key.WithHelp("alt+1–9", "choisir")),
		Back:      nb(key.WithKeys("left", "backspace"), key.WithHelp("←", "retour")),
		Forward:   nb(key.WithKeys("right", "l"), key.WithHelp("→", "ouvrir")),
		Restart:   nb(key.WithKeys("r"), key.WithHelp("r", "recommencer")),
		Crumbs:    nb(key.WithKeys("b"), key.WithHelp("b", "changer une réponse")),
		Leave:     nb(key.WithKeys("esc"), key.WithHelp("échap", "retour")),
		Focus:     nb(key.WithKeys("tab", "shift+tab"), key.WithHelp("tab", "liste")),
		Search:    nb(key.WithKeys("/"), key.WithHelp("/", "rechercher")),
		Browse:    nb(key.WithKeys("p"), key.WithHelp("p", "parcourir les réponses")),
		Edit:      nb(key.WithKeys("i", "tab"), key.WithHelp("i", "saisir")),
		Export:    nb(key.WithKeys("e"), key.WithHelp("e", "exporter (.md)")),
		Copy:      nb(key.WithKeys("c"), key.WithHelp("c", "copier")),
		Yes:       nb(key.WithKeys("o", "y"), key.WithHelp("o", "oui")),
		No:        nb(key.WithKeys("n", "esc"), key.WithHelp("n", "non")),
		Help:      nb(key.WithKeys("?"), key.WithHelp("?", "aide")),
		Quit:      nb(key.WithKeys("q"), key.WithHelp("q", "quitter")),
		ForceQuit: nb(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quitter")),
	}
	return k
}

// all lists every binding (for disabling them all at once).
func (k *KeyMap) all() []*key.Binding {
	return []*key.Binding{
		&k.Up, &k.Down, &k.PageUp, &k.PageDown, &k.Open, &k.Pick, &k.AltPick,
		&k.Back, &k.Forward, &k.Restart, &k.Crumbs, &k.Leave, &k.Focus, &k.Search,
		&k.Browse, &k.Edit, &k.Export, &k.Copy, &k.Yes, &k.No, &k.Help, &k.Quit,
		&k.ForceQuit,
	}
}

// reset disables every binding but ctrl+c.
func (k *KeyMap) reset() {
	*k = *newKeyMap() // screens may have changed keys or help texts
	for _, b := range k.all() {
		b.SetEnabled(false)
	}
	k.ForceQuit.SetEnabled(true)
}

// enable enables bindings, optionally changing their help description.
func enable(b *key.Binding, desc string) {
	b.SetEnabled(true)
	if desc != "" {
		h := b.Help()
		b.SetHelp(h.Key, desc)
	}
}

// ShortHelp lists the main keys of the current screen, the most useful
// first; the footer shows as many as fit, then tailHelp (aide, quitter).
func (k *KeyMap) ShortHelp() []key.Binding {
	var out []key.Binding
	add := func(bs ...key.Binding) {
		for _, b := range bs {
			if b.Enabled() {
				out = append(out, b)
			}
		}
	}
	add(k.Yes, k.No)
	if k.backFirst {
		add(k.Back)
	}
	// "1–9/entrée ouvrir" when both do the same.
	if k.Pick.Enabled() && k.Open.Enabled() && k.Pick.Help().Desc == k.Open.Help().Desc {
		out = append(out, key.NewBinding(key.WithKeys("enter"), key.WithHelp("1–9/entrée", k.Open.Help().Desc)))
	} else if k.AltPick.Enabled() && k.Open.Enabled() && k.AltPick.Help().Desc == k.Open.Help().Desc {
		out = append(out, key.NewBinding(key.WithKeys("enter"), key.WithHelp("entrée/alt+1–9", k.Open.Help().Desc)))
	} else {
		add(k.Open, k.Pick, k.AltPick)
	}
	if !k.backFirst {
		add(k.Back)
	}
	add(k.Edit, k.Export, k.Copy, k.Crumbs, k.Leave, k.Focus, k.Browse, k.Search)
	return out
}

// tailHelp are the bindings the footer always ends with.
func (k *KeyMap) tailHelp() []key.Binding {
	var out []key.Binding
	if k.Help.Enabled() {
		out = append(out, k.Help)
	}
	if k.Quit.Enabled() && (!k.narrow || !k.Help.Enabled()) {
		out = append(out, k.Quit)
	}
	if !k.Quit.Enabled() {
		out = append(out, k.ForceQuit)
	}
	return out
}

// FullHelp is the "?" help: every enabled binding, grouped.
func (k *KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Up, k.Down, k.PageUp, k.PageDown, k.Pick, k.AltPick, k.Open, k.Forward},
		{k.Back, k.Crumbs, k.Restart, k.Edit, k.Export, k.Copy, k.Focus, k.Search, k.Browse},
		{k.Yes, k.No, k.Leave, k.Help, k.Quit, k.ForceQuit},
	}
}
