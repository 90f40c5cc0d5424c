package tui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"

	tea "github.com/charmbracelet/bubbletea"
)

// nameScreen asks the correspondent's name, which fills {nom} in the
// reply's greeting and signature. It is pushed over the conclusion or
// answer screen and pops back to it.
type nameScreen struct {
	c     *common
	input textinput.Model
}

func newNameScreen(c *common) *nameScreen {
	n := &nameScreen{c: c}
	n.input = newTextInput(c.st, "Nom › ", "ex. Docteur Martin", 120)
	n.input.SetValue(c.reply.Name)
	n.input.CursorEnd()
	return n
}

func (n *nameScreen) title() string { return "Réponse · nom du destinataire" }

func (n *nameScreen) typing() bool { return true }

func (n *nameScreen) setKeys(k *KeyMap) {
	enable(&k.Open, "valider")
	enable(&k.Leave, "annuler")
}

func (n *nameScreen) update(msg tea.Msg) tea.Cmd {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return nil
	}
	k := n.c.keys
	switch {
	case key.Matches(km, k.Open):
		name := strings.TrimSpace(n.input.Value())
		n.c.reply.Name = name
		n.c.pop()
		switch {
		case name == "":
			n.c.setStatus(statusInfo, "Nom du destinataire effacé.")
		case n.c.reply.NameNotice() != "":
			// the default « Bonjour, » has no {nom}: say why the reply
			// does not change
			n.c.setStatus(statusWarn, n.c.reply.NameNotice())
		default:
			n.c.setStatus(statusOK, "Nom du destinataire : "+name)
		}
		return nil
	case key.Matches(km, k.Leave):
		n.c.pop()
		return nil
	}
	var cmd tea.Cmd
	n.input, cmd = inputUpdate(n.input, km)
	return cmd
}

func (n *nameScreen) view(w, h int) []string {
	st := n.c.st
	lines := wrapStyled("Nom du destinataire, pour {nom} dans la formule d'appel ou la signature de la réponse (configuration : reply.greeting, reply.signature).", w, st.Dim)
	lines = append(lines, "")
	setFieldWidth(&n.input, w)
	lines = append(lines, line(n.input.View(), w))
	lines = append(lines, line(st.Faint.Render("Entrée : valider · Échap : annuler"), w))
	if len(lines) > h {
		lines = lines[len(lines)-h:]
	}
	return lines
}
