package tui

import (
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
)

// feedbackQuestion ends every answer of the seeds.
const feedbackQuestion = "Cette réponse vous a-t-elle été utile ?"

// lineField is a one-line text typed by the agent (a comment, a note, a
// ticket reference), edited in place: Entrée keeps it, Échap cancels.
type lineField struct {
	value   string
	input   textinput.Model
	editing bool
}

const maxField = 200

func (f *lineField) start(st *Styles, prompt, placeholder string) {
	f.input = newTextInput(st, prompt, placeholder, maxField)
	f.input.SetValue(f.value)
	f.input.CursorEnd()
	f.editing = true
}

func (f *lineField) setKeys(k *KeyMap) {
	enable(&k.Open, "enregistrer")
	enable(&k.Leave, "annuler")
}

// update handles a key while editing.
func (f *lineField) update(msg tea.KeyMsg, k *KeyMap) tea.Cmd {
	switch {
	case key.Matches(msg, k.Open):
		f.value = f.input.Value()
		f.editing = false
		return nil
	case key.Matches(msg, k.Leave):
		f.editing = false
		return nil
	}
	var cmd tea.Cmd
	f.input, cmd = inputUpdate(f.input, msg)
	return cmd
}

func (f *lineField) view(st *Styles, w int) string {
	setFieldWidth(&f.input, w)
	return line(f.input.View(), w)
}

// feedback is « Cette réponse vous a-t-elle été utile ? » with its vote
// (o / n, one key each) and an optional comment (s). Never modal: the
// agent may ignore it.
type feedback struct {
	vote    *bool
	comment lineField
}

func (f *feedback) typing() bool { return f.comment.editing }

// setKeys enables the feedback keys; while the comment is being typed
// only its keys work.
func (f *feedback) setKeys(k *KeyMap) {
	if f.comment.editing {
		f.comment.setKeys(k)
		return
	}
	enable(&k.Useful, "")
	enable(&k.Useless, "")
	enable(&k.Comment, "")
}

// update handles a feedback key; ok is false for other keys.
func (f *feedback) update(st *Styles, msg tea.KeyMsg, k *KeyMap) (tea.Cmd, bool) {
	if f.comment.editing {
		return f.comment.update(msg, k), true
	}
	switch {
	case key.Matches(msg, k.Useful):
		v := true
		f.vote = &v
	case key.Matches(msg, k.Useless):
		v := false
		f.vote = &v
	case key.Matches(msg, k.Comment):
		f.comment.start(st, "Commentaire › ", "court, facultatif (Entrée : enregistrer)")
	default:
		return nil, false
	}
	return nil, true
}

// lines renders the question, the vote and the comment.
func (f *feedback) lines(st *Styles, w int) []string {
	if f.comment.editing {
		return []string{line(st.Dim.Render(feedbackQuestion), w), f.comment.view(st, w)}
	}
	var ans string
	switch {
	case f.vote == nil:
		ans = st.Number.Render("o") + st.Faint.Render(" oui · ") + st.Number.Render("n") + st.Faint.Render(" non")
	case *f.vote:
		ans = st.Success.Render("oui ✓") + st.Faint.Render(" (o/n pour changer)")
	default:
		ans = st.Warn.Render("non ✓") + st.Faint.Render(" (o/n pour changer)")
	}
	q := st.Dim.Render(feedbackQuestion)
	out := []string{line(q+" "+ans, w)}
	if ansi.StringWidth(out[0]) < ansi.StringWidth(q+" "+ans) { // narrow: the answer keys on their own line
		out = []string{line(q, w), line(ans, w)}
	}
	if f.comment.value != "" {
		out = append(out, line(st.Faint.Render("Commentaire : « ")+f.comment.value+st.Faint.Render(" » (s pour modifier)"), w))
	} else if f.vote != nil {
		out = append(out, line(st.Faint.Render("s : ajouter un commentaire (facultatif)"), w))
	}
	return out
}
