// Package accessible is the plain-text mode of ecps-assist for screen
// readers (ACCESSIBLE=1 or --accessible): instead of the full-screen
// interface, one prompt per line on standard output, one answer per line
// on standard input, as huh's accessible mode does. It covers the path of
// the interactive assistant: a search or a ticket, numbered choices, each
// question of a tree, the identifier checks, the conclusion, and the
// transcript the TUI exports.
//
// It writes no escape sequence (no colour, no cursor movement, no
// alternate screen): every text from the knowledge base, a ticket or the
// input is made inert before it is written. It is driven by package
// diagnose and imports no UI package.
package accessible

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"ecps-assist/config"
	"ecps-assist/diagnose"
	"ecps-assist/kb"
	"ecps-assist/kb/search"
)

// Options tells the accessible mode where to start and where to talk.
type Options struct {
	KB     *kb.KB
	In     io.Reader
	Out    io.Writer
	TreeID string // start on this tree
	Ticket string // start on the triage of this ticket
	Warn   string // a warning to say first (a broken --kb ignored)
	// Now dates the transcript (time.Now when nil).
	Now func() time.Time
	// ExportDir is where "e" writes the transcript (config's ExportDir
	// from the environment when empty).
	ExportDir string
	// Reply is the template of the « Réponse au client » ("r" says it).
	Reply diagnose.ReplyTemplate
	// Record, when set, is called with the walk of a tree before each
	// question and at its conclusion (the journal records it).
	Record func(*diagnose.Session)
}

// limit bounds the trees and the answers proposed.
const limit = 5

// maxLine bounds one line of input (a pasted ticket line).
const maxLine = 1 << 20

// errQuit ends the session (q, or the end of the input).
var errQuit = errors.New("quit")

type session struct {
	o   Options
	k   *kb.KB
	ix  *search.Index
	in  *bufio.Reader
	out io.Writer
	err error // the first write error

	ids  []diagnose.IDResult // identifiers of the ticket or the search, offered by check nodes
	from string              // where ids come from
}

// Run talks with the agent until q or the end of the input.
func Run(o Options) error {
	if o.KB == nil {
		return errors.New("no knowledge base")
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	s := &session{o: o, k: o.KB, ix: search.NewIndex(o.KB), in: bufio.NewReaderSize(o.In, 64<<10), out: o.Out}
	s.say("ecps-assist, mode accessible : une question par ligne ; tapez votre réponse puis Entrée. q quitte à tout moment.")
	if o.Warn != "" {
		s.say("Attention : " + o.Warn)
	}
	err := s.start()
	if errors.Is(err, errQuit) {
		s.say("Fin de la session.")
		err = nil
	}
	if err == nil {
		err = s.err
	}
	return err
}

func (s *session) start() error {
	switch {
	case s.o.TreeID != "":
		t := s.k.Tree(s.o.TreeID)
		if t == nil {
			s.say("Arbre inconnu : " + s.o.TreeID + ".")
			break
		}
		if err := s.walk(t); err != nil {
			return err
		}
	case s.o.Ticket != "":
		if err := s.triage(s.o.Ticket); err != nil {
			return err
		}
	}
	for {
		if err := s.home(); err != nil {
			return err
		}
	}
}

// say writes one or more lines, made inert (no escape sequence can reach
// the screen reader or the terminal): the one exit of the session, so
// nothing it says is made inert elsewhere.
func (s *session) say(text string) {
	if s.err != nil {
		return
	}
	_, s.err = io.WriteString(s.out, kb.Inert(strings.TrimRight(text, "\n"))+"\n")
}

// ask writes a prompt and reads one line; q (or the end of the input)
// ends the session.
func (s *session) ask(prompt string) (string, error) {
	s.say(prompt)
	if s.err != nil {
		return "", s.err
	}
	l, err := s.readLine()
	if err != nil {
		return "", err
	}
	if strings.EqualFold(l, "q") || strings.EqualFold(l, "quitter") {
		return "", errQuit
	}
	return l, nil
}

func (s *session) readLine() (string, error) {
	var b strings.Builder
	for {
		chunk, err := s.in.ReadSlice('\n')
		if b.Len()+len(chunk) <= maxLine {
			b.Write(chunk)
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		if err != nil && b.Len() == 0 {
			if errors.Is(err, io.EOF) {
				return "", errQuit
			}
			return "", err
		}
		return strings.TrimSpace(strings.TrimRight(b.String(), "\r\n")), nil
	}
}

// home asks for a search or a ticket.
func (s *session) home() error {
	s.ids, s.from = nil, ""
	q, err := s.ask("Recherche : décrivez le problème en quelques mots, ou tapez « ticket » pour coller un ticket.")
	if err != nil {
		return err
	}
	switch {
	case q == "":
		return nil
	case strings.EqualFold(q, "ticket"):
		s.say("Collez le ticket, puis une ligne avec seulement un point.")
		var lines []string
		for {
			l, err := s.readLine()
			if errors.Is(err, errQuit) || l == "." {
				break
			}
			if err != nil {
				return err
			}
			lines = append(lines, l)
		}
		return s.triage(strings.Join(lines, "\n"))
	}
	f := diagnose.Search(s.ix, s.k, q, limit)
	s.ids, s.from = f.Identifiers, "repris de la recherche"
	return s.choose(f)
}

// triage proposes the trees and answers of a ticket.
func (s *session) triage(ticket string) error {
	f := diagnose.Triage(s.ix, s.k, ticket, limit)
	s.ids, s.from = f.Identifiers, "repris du ticket"
	return s.choose(f)
}

type choice struct {
	tree  *kb.Tree
	entry *kb.Entry
}

// choose lists the findings, numbered, and opens the one chosen.
func (s *session) choose(f diagnose.Findings) error {
	for _, r := range f.Identifiers {
		s.say("Identifiant repéré : « " + r.Input + " », " + r.KindLabel + " : " + r.Message)
		if r.Fix != "" {
			s.say("Correction : " + r.Fix)
		}
	}
	var cs []choice
	var lines []string
	for _, m := range f.Trees {
		if t := s.k.Tree(m.ID); t != nil {
			cs = append(cs, choice{tree: t})
			lines = append(lines, fmt.Sprintf("%d. Arbre de diagnostic : %s (%s)", len(cs), t.Title, t.Product))
		}
	}
	for _, m := range f.Entries {
		if e := s.k.Entry(m.ID); e != nil {
			cs = append(cs, choice{entry: e})
			lines = append(lines, fmt.Sprintf("%d. Réponse officielle : %s (%s)", len(cs), e.Title, e.Product))
		}
	}
	if len(cs) == 0 {
		s.say("Aucun arbre ni aucune réponse ne correspond : " + f.Confidence.Label() + ". Essayez d'autres mots.")
		return nil
	}
	s.say(fmt.Sprintf("%d résultats (%s) :", len(cs), f.Confidence.Label()))
	for _, l := range lines {
		s.say(l)
	}
	for {
		a, err := s.ask(fmt.Sprintf("Votre choix : un numéro de 1 à %d, ou Entrée seule pour une nouvelle recherche.", len(cs)))
		if err != nil || a == "" {
			return err
		}
		i, ok := number(a, len(cs))
		if !ok {
			s.say(fmt.Sprintf("Choix non compris : « %s ». Tapez un numéro de 1 à %d.", a, len(cs)))
			continue
		}
		if c := cs[i]; c.tree != nil {
			return s.walk(c.tree)
		}
		s.read(cs[i].entry)
	}
}

// azertyDigits is the unshifted digit row of a French AZERTY keyboard,
// 1 to 9 then 0: an agent may type « & » for 1 without Shift, as in the
// TUI.
var azertyDigits = []string{"&", "é", "\"", "'", "(", "-", "è", "_", "ç", "à"}

// number parses "1".."n" (or the AZERTY key of a digit) into 0..n-1.
func number(a string, n int) (int, bool) {
	for d, k := range azertyDigits {
		if a == k {
			a = strconv.Itoa((d + 1) % 10)
		}
	}
	i, err := strconv.Atoi(strings.TrimSuffix(a, "."))
	if err != nil || i < 1 || i > n {
		return 0, false
	}
	return i - 1, true
}

// read says an official answer and its sources.
func (s *session) read(e *kb.Entry) {
	s.say("Réponse officielle : " + e.Title)
	s.say(e.Product + ", " + e.Theme + ".")
	s.say(strings.TrimSpace(e.Answer))
	for _, src := range e.Sources {
		s.say("Source : " + src.Label())
	}
	s.say("Fin de la réponse.")
}

// walk asks the questions of a tree up to its conclusion.
func (s *session) walk(t *kb.Tree) error {
	sess := diagnose.Start(t)
	s.say("Diagnostic : " + t.Title + ".")
	for {
		if s.o.Record != nil {
			s.o.Record(sess)
		}
		n := sess.Current()
		if n == nil {
			s.say("Erreur de l'arbre : nœud introuvable.")
			return nil
		}
		if n.Kind == kb.KindConclusion {
			return s.conclude(sess)
		}
		s.say(fmt.Sprintf("Question %d : %s", sess.Depth()+1, strings.TrimSpace(n.Text)))
		if n.Help != "" {
			s.say(strings.TrimSpace(n.Help))
		}
		var err error
		if n.Kind == kb.KindCheck {
			err = s.check(sess, n)
		} else {
			err = s.question(sess, n)
		}
		if err != nil {
			return err
		}
	}
}

var errBack = errors.New("back")

func (s *session) question(sess *diagnose.Session, n *kb.Node) error {
	for i, o := range n.Options {
		s.say(fmt.Sprintf("%d. %s", i+1, strings.TrimSpace(o.Label)))
	}
	back := ""
	if sess.Depth() > 0 {
		back = " ; r : question précédente"
	}
	for {
		a, err := s.ask(fmt.Sprintf("Réponse : un numéro de 1 à %d, ou les mots de la réponse%s.", len(n.Options), back))
		if err != nil {
			return err
		}
		if s.back(sess, a) {
			return nil
		}
		i, ok := option(n, a)
		if !ok {
			s.say(fmt.Sprintf("Réponse non comprise : « %s ». Tapez un numéro de 1 à %d.", a, len(n.Options)))
			continue
		}
		if err := sess.Choose(i); err != nil {
			s.say("Erreur de l'arbre : " + err.Error())
			continue
		}
		s.say("Réponse : " + strings.TrimSpace(n.Options[i].Label) + ".")
		return nil
	}
}

// back handles r (the previous question): the question asked next is
// the previous one, or the same one when there is none.
func (s *session) back(sess *diagnose.Session, a string) bool {
	if !strings.EqualFold(a, "r") && !strings.EqualFold(a, "retour") {
		return false
	}
	if sess.Back() {
		s.say("Retour à la question précédente.")
	} else {
		s.say("Pas de question précédente.")
	}
	return true
}

// option finds the option an answer names: its number, its id, or its
// label (accents, case and surrounding punctuation ignored), or the one
// option whose label starts with the answer.
func option(n *kb.Node, a string) (int, bool) {
	if i, ok := number(a, len(n.Options)); ok {
		return i, true
	}
	fa := fold(a)
	if fa == "" {
		return 0, false
	}
	found := -1
	for i, o := range n.Options {
		fl := fold(o.Label)
		if fa == fl || fa == fold(o.ID) {
			return i, true
		}
		if strings.HasPrefix(fl, fa) {
			if found >= 0 {
				return 0, false // ambiguous
			}
			found = i
		}
	}
	return found, found >= 0
}

func fold(s string) string {
	return strings.Join(strings.Fields(search.FoldString(strings.Trim(s, " «»\"'.!?"))), " ")
}

// check asks for the identifier of a check node and says the verdict.
func (s *session) check(sess *diagnose.Session, n *kb.Node) error {
	offered := s.offered(n)
	prompt := "Identifiant, tel que l'utilisateur l'a saisi"
	if offered != "" {
		prompt += " ; Entrée seule : « " + offered + " », " + s.from
	}
	if sess.Depth() > 0 {
		prompt += " ; r : question précédente"
	}
	for {
		a, err := s.ask(prompt + ".")
		if err != nil {
			return err
		}
		if s.back(sess, a) {
			return nil
		}
		if a == "" {
			a = offered
		}
		if a == "" {
			s.say("Aucun identifiant saisi.")
			continue
		}
		r, err := sess.Input(a)
		if err != nil {
			s.say("Erreur de l'arbre : " + err.Error())
			continue
		}
		verdict := "Non valide"
		if r.Valid {
			verdict = "Valide"
		}
		s.say("Vérification (" + r.KindLabel + ") de « " + a + " » : " + verdict + ". " + r.Message)
		if r.Fix != "" {
			s.say("Correction : " + r.Fix)
		}
		for _, note := range r.Notes {
			s.say("Note : " + note)
		}
		return nil
	}
}

// offered is the identifier of the ticket or the search that suits the
// check node n, as the TUI offers it.
func (s *session) offered(n *kb.Node) string {
	want, err := diagnose.ParseIDKind(n.Check)
	for _, r := range s.ids {
		if err != nil || want == diagnose.KindAuto || r.Kind == want ||
			want == diagnose.KindRPPS && r.Kind == diagnose.KindIDNat {
			return r.Input
		}
	}
	return ""
}

// conclude says the conclusion and the transcript, then offers to export
// it, read a cited answer, or search again.
func (s *session) conclude(sess *diagnose.Session) error {
	n := sess.Conclusion()
	label := kb.Verdicts[n.Verdict]
	if label == "" {
		label = n.Verdict
	}
	s.say("Conclusion : " + label + ".")
	s.say(strings.TrimSpace(n.Text))
	for i, st := range n.Steps {
		s.say(fmt.Sprintf("À faire, étape %d : %s", i+1, strings.TrimSpace(st)))
	}
	var cited []*kb.Entry
	for _, id := range n.Entries {
		if e := s.k.Entry(id); e != nil {
			cited = append(cited, e)
			s.say(fmt.Sprintf("Réponse officielle citée %d : %s", len(cited), e.Title))
		}
	}
	at := s.o.Now()
	// said as text: a screen reader would read Markdown's marks (#, **,
	// backticks) aloud; the file e writes is Markdown, for ticket systems
	transcript := diagnose.Markdown(s.k, sess, at)
	s.say("Transcription :")
	s.say(diagnose.Text(s.k, sess))
	s.say("Fin de la transcription.")
	for {
		prompt := "Ensuite : r pour lire la réponse au client, e pour enregistrer la transcription"
		switch len(cited) {
		case 0:
		case 1:
			prompt += ", 1 pour lire la réponse citée"
		default:
			prompt += fmt.Sprintf(", un numéro de 1 à %d pour lire une réponse citée", len(cited))
		}
		a, err := s.ask(prompt + ", Entrée seule pour une nouvelle recherche.")
		if err != nil || a == "" {
			return err
		}
		if strings.EqualFold(a, "e") {
			dir := s.o.ExportDir
			if dir == "" {
				// "" still when HOME is unset: Export refuses and says so.
				dir = config.Config{}.ExportDir(os.Getenv)
			}
			p, err := diagnose.Export(dir, sess.Tree.ID, at, transcript)
			if err != nil {
				why := err.Error()
				var ee *diagnose.ExportError
				if errors.As(err, &ee) {
					why = ee.French()
				}
				s.say("Export impossible : " + why)
				continue
			}
			s.say("Transcription enregistrée : " + p)
			continue
		}
		if strings.EqualFold(a, "r") {
			r := diagnose.SessionReply(s.k, sess, s.o.Reply)
			if n := r.DroppedNotice(); n != "" {
				s.say(n + ".")
			}
			s.say("Réponse au client :")
			s.say(strings.TrimRight(r.Text(), "\n"))
			s.say("Fin de la réponse au client.")
			continue
		}
		if i, ok := number(a, len(cited)); ok {
			s.read(cited[i])
			continue
		}
		s.say("Choix non compris : « " + a + " ».")
	}
}
