package tui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
)

// The keys that choose the N-th item of a list: the digits, and the
// unshifted digit row of a French AZERTY keyboard (an agent never needs
// Shift to choose). Index i chooses item i (0-based); "0" and "à" choose
// the 10th item.
var (
	digitRow  = []string{"1", "2", "3", "4", "5", "6", "7", "8", "9", "0"}
	azertyRow = []string{"&", "é", "\"", "'", "(", "-", "è", "_", "ç", "à"}
)

// pickHelp is how the help names the choosing keys (pickHelpShort in the
// footer and the key column).
const (
	pickHelp      = "1–9 (ou &é\"'(-è_ç)"
	pickHelpShort = "1–9/&é\"…"
)

// pickKeys are the key names of Pick and AltPick, built once (the key map
// is rebuilt at every message).
var (
	pickKeys    = keyRow("")
	altPickKeys = keyRow("alt+")
)

// keyRow lists the choosing keys with a prefix ("alt+").
func keyRow(prefix string) []string {
	var out []string
	for i := range digitRow {
		out = append(out, prefix+digitRow[i], prefix+azertyRow[i])
	}
	return out
}

// digit returns the item index (0–9) a choosing key selects, with or
// without alt, or -1.
func digit(k string) int {
	k = strings.TrimPrefix(k, "alt+")
	for i := range digitRow {
		if k == digitRow[i] || k == azertyRow[i] {
			return i
		}
	}
	return -1
}

// num is the label of the i-th item (0-based): "1".."9", "0" for the
// 10th, blank beyond.
func num(i int) string {
	if i >= 0 && i < len(digitRow) {
		return digitRow[i]
	}
	return " "
}

// KeyMap holds every key binding of the UI. Bindings are enabled and
// disabled (setFor) according to the current screen and focus, so that
// key.Matches only fires for what works now and the generated help
// (ShortHelp, FullHelp) only lists it.
type KeyMap struct {
	Up, Down         key.Binding
	PageUp, PageDown key.Binding
	Top, Bottom      key.Binding // g/home, G/end
	Open             key.Binding // enter: open / choose / check
	Pick             key.Binding // 1–9, 0, and the AZERTY row &é"'(-è_ç à
	AltPick          key.Binding // the same with alt, while typing in the search field
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
	Copy             key.Binding // c: copy the reply
	CopyOfficial     key.Binding // a: copy the official answer text alone
	CopyTranscript   key.Binding // m: copy the transcript (Markdown; conclusion)
	Preview          key.Binding // v: scroll to the reply preview
	ReplyName        key.Binding // d: the correspondent's name ({nom}), d for destinataire
	Ticket           key.Binding // t: the whole ticket (triage)
	Yes, No          key.Binding // confirmation
	Help             key.Binding // ?, f1 (f1 only while typing)
	Quit             key.Binding // q
	ForceQuit        key.Binding // ctrl+c
	Suspend          key.Binding // ctrl+z

	// The journal (tui/journal.go, tui/feedback.go).
	Useful, Useless key.Binding // o / n: « utile ? » oui / non
	Comment         key.Binding // m: comment on the vote, or note at a question
	TicketRef       key.Binding // f: ticket reference

	// backFirst puts "retour" first in the footer (answer, browse).
	backFirst bool
	// narrow: the footer ends with "? aide" only ("q quitter" is in it).
	narrow bool
	// browseHint: the footer names "tab p parcourir" (home, in the field,
	// where p is text).
	browseHint bool
}

func newKeyMap() *KeyMap {
	nb := key.NewBinding
	k := &KeyMap{
		Up:        nb(key.WithKeys("up", "k"), key.WithHelp("↑/k", "monter")),
		Down:      nb(key.WithKeys("down", "j"), key.WithHelp("↓/j", "descendre")),
		PageUp:    nb(key.WithKeys("pgup"), key.WithHelp("pg↑", "page précédente")),
		PageDown:  nb(key.WithKeys("pgdown", " "), key.WithHelp("pg↓/espace", "page suivante")),
		Top:       nb(key.WithKeys("g", "home"), key.WithHelp("g/début", "tout en haut")),
		Bottom:    nb(key.WithKeys("G", "end"), key.WithHelp("G/fin", "tout en bas")),
		Open:      nb(key.WithKeys("enter"), key.WithHelp("entrée", "ouvrir")),
		Pick:      nb(key.WithKeys(pickKeys...), key.WithHelp(pickHelpShort, "choisir")),
		AltPick:   nb(key.WithKeys(altPickKeys...), key.WithHelp("alt+1–9", "choisir")),
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
		Copy:      nb(key.WithKeys("c"), key.WithHelp("c", "copier la réponse")),
		Ticket:    nb(key.WithKeys("t"), key.WithHelp("t", "lire tout le ticket")),
		Yes:       nb(key.WithKeys("o", "y"), key.WithHelp("o", "oui")),
		No:        nb(key.WithKeys("n", "esc"), key.WithHelp("n", "non")),
		Help:      nb(key.WithKeys("?", "f1"), key.WithHelp("?/F1", "aide")),
		Quit:      nb(key.WithKeys("q"), key.WithHelp("q", "quitter")),
		ForceQuit: nb(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quitter")),
		Suspend:   nb(key.WithKeys("ctrl+z"), key.WithHelp("ctrl+z", "suspendre")),

		// a, m, v, d: unshifted letters at the same place on AZERTY and
		// QWERTY but m; none is a key of another action.
		CopyOfficial:   nb(key.WithKeys("a"), key.WithHelp("a", "copier le texte officiel")),
		CopyTranscript: nb(key.WithKeys("m"), key.WithHelp("m", "copier la transcription")),
		Preview:        nb(key.WithKeys("v"), key.WithHelp("v", "voir la réponse")),
		ReplyName:      nb(key.WithKeys("d"), key.WithHelp("d", "nom du destinataire")),
		// « utile ? » and the journal's fields (s: saisir un commentaire).
		Useful:    nb(key.WithKeys("o"), key.WithHelp("o", "utile : oui")),
		Useless:   nb(key.WithKeys("n"), key.WithHelp("n", "utile : non")),
		Comment:   nb(key.WithKeys("s"), key.WithHelp("s", "commentaire")),
		TicketRef: nb(key.WithKeys("f"), key.WithHelp("f", "réf. ticket")),
	}
	return k
}

// all lists every binding (for disabling them all at once).
func (k *KeyMap) all() []*key.Binding {
	return []*key.Binding{
		&k.Up, &k.Down, &k.PageUp, &k.PageDown, &k.Top, &k.Bottom, &k.Open, &k.Pick, &k.AltPick,
		&k.Back, &k.Forward, &k.Restart, &k.Crumbs, &k.Leave, &k.Focus, &k.Search,
		&k.Browse, &k.Edit, &k.Export, &k.Copy, &k.Ticket, &k.Yes, &k.No, &k.Help, &k.Quit,
		&k.ForceQuit, &k.Suspend, &k.CopyOfficial, &k.CopyTranscript, &k.Preview, &k.ReplyName,
		&k.Useful, &k.Useless, &k.Comment, &k.TicketRef,
	}
}

// reset disables every binding but ctrl+c, ctrl+z and F1.
func (k *KeyMap) reset() {
	*k = *newKeyMap() // screens may have changed keys or help texts
	for _, b := range k.all() {
		b.SetEnabled(false)
	}
	k.ForceQuit.SetEnabled(true)
	k.Suspend.SetEnabled(true)
	// F1 is no text: help opens from every screen, field or not; ? is
	// added when no field has the focus.
	k.Help.SetKeys("f1")
	k.Help.SetHelp("F1", "aide")
	k.Help.SetEnabled(true)
}

// helpAnywhere adds ? to F1 (no text field has the focus).
func (k *KeyMap) helpAnywhere() {
	k.Help.SetKeys("?", "f1")
	k.Help.SetHelp("?/F1", "aide")
}

// scrollKeys enables the keys of a scrollable screen: arrows, pages, top
// and bottom.
func (k *KeyMap) scrollKeys(updown string) {
	enable(&k.Up, updown)
	enable(&k.Down, updown)
	enable(&k.PageUp, "")
	enable(&k.PageDown, "")
	enable(&k.Top, "")
	enable(&k.Bottom, "")
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
	// "c/a copier réponse/officiel" when both copies work
	// (narrow: the reply only; ? lists both).
	if k.Copy.Enabled() && k.CopyOfficial.Enabled() && !k.narrow {
		out = append(out, key.NewBinding(key.WithKeys("c"), key.WithHelp("c/a", "copier réponse/officiel")))
	} else {
		add(k.Copy)
	}
	// "1–9/&é"…/entrée ouvrir" when both do the same.
	if k.Pick.Enabled() && k.Open.Enabled() && k.Pick.Help().Desc == k.Open.Help().Desc {
		out = append(out, key.NewBinding(key.WithKeys("enter"), key.WithHelp(pickHelpShort+"/entrée", k.Open.Help().Desc)))
	} else if k.AltPick.Enabled() && k.Open.Enabled() && k.AltPick.Help().Desc == k.Open.Help().Desc {
		out = append(out, key.NewBinding(key.WithKeys("enter"), key.WithHelp("entrée/alt+1–9", k.Open.Help().Desc)))
	} else {
		add(k.Open, k.Pick, k.AltPick)
	}
	if !k.backFirst {
		add(k.Back)
	}
	add(k.Edit, k.Export, k.Ticket, k.Crumbs, k.Focus)
	if k.browseHint {
		out = append(out, key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab p", "parcourir")))
	}
	add(k.Browse, k.Search, k.Leave, k.Preview, k.ReplyName, k.CopyTranscript)
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
		{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom, k.Pick, k.AltPick, k.Open, k.Forward},
		{k.Back, k.Crumbs, k.Restart, k.Edit, k.Copy, k.CopyOfficial, k.Preview, k.ReplyName, k.Export, k.CopyTranscript, k.Ticket, k.Focus, k.Search, k.Browse},
		{k.Useful, k.Useless, k.Comment, k.TicketRef},
		{k.Yes, k.No, k.Leave, k.Help, k.Quit, k.ForceQuit, k.Suspend},
	}
}
