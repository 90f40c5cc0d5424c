package tui

// The journal in the TUI. Screens do no I/O: after every message the root
// model compares what the screens show with what was last handed to the
// journal (journalHook) and returns the commands that write the difference.
// The journal is opened by the command Init returns; what it says comes
// back as journal messages.

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"ecps-assist/diagnose"
	"ecps-assist/journal"
	"ecps-assist/kb"
)

// resumeWindow: the home screen offers to resume the unfinished diagnoses
// updated this recently.
const resumeWindow = 24 * time.Hour

// jstate is the TUI's side of the journal, shared by the screens.
type jstate struct {
	spec   journal.Spec
	j      *journal.Journal // nil when off or unavailable
	resume int64            // Options.Resume: reopen this diagnosis at start

	ready    bool
	reported bool // the status line said once why the journal is unavailable

	unfinished []journal.Diagnosis // of the last 24 hours, for « Reprendre »
	todayCount int

	live   []*treeScreen // tree screens with a diagnosis being recorded
	search pendingLookup // the home search or triage not recorded yet
	views  map[*answerScreen]*viewRec
}

type viewRec struct {
	uid  string
	sig  string
	vote *bool
}

type pendingLookup struct {
	kind, query string
	src         screen // home or triage screen it comes from
	done        bool
}

// messages

type journalReadyMsg struct {
	j          *journal.Journal
	err        error
	notice     string
	unfinished []journal.Diagnosis
	today      int
	resume     *journal.Diagnosis
}

type journalErrMsg struct{ err error }

type journalSavedMsg struct {
	s  *treeScreen
	id int64
}

type historyLoadedMsg struct {
	h    *historyScreen
	list []journal.Diagnosis
	err  error
}

func newJState(spec journal.Spec, resume int64) *jstate {
	return &jstate{spec: spec, resume: resume, views: map[*answerScreen]*viewRec{}}
}

// on reports whether the journal is configured at all (a zero Spec, as in
// tests, means no journal and nothing said about it).
func (js *jstate) on() bool { return js != nil && js.spec.Path != "" && !js.spec.Off }

// initCmd opens the journal (migrations, retention) and reads what the
// home screen offers.
func (m *Model) journalInit() tea.Cmd {
	js := m.jr
	if js == nil || (!js.on() && !(js.spec.Off && js.spec.Path == "")) {
		return nil
	}
	spec, resume, now := js.spec, js.resume, m.now
	return func() tea.Msg {
		j, err := spec.Open()
		if err != nil {
			return journalReadyMsg{err: err}
		}
		msg := journalReadyMsg{j: j, notice: j.Notice()}
		t := now()
		if msg.unfinished, err = j.Unfinished(t.Add(-resumeWindow), 5); err != nil {
			return journalReadyMsg{j: j, err: err}
		}
		if msg.today, err = j.Count(midnight(t)); err != nil {
			return journalReadyMsg{j: j, err: err}
		}
		if resume != 0 {
			if d, ok, err := j.Get(resume); err == nil && ok {
				msg.resume = &d
			}
		}
		return msg
	}
}

func midnight(t time.Time) time.Time {
	y, mo, d := t.Date()
	return time.Date(y, mo, d, 0, 0, 0, 0, t.Location())
}

// journalMsg handles the journal's messages; ok is false for others.
func (m *Model) journalMsg(msg tea.Msg) (tea.Cmd, bool) {
	js := m.jr
	switch msg := msg.(type) {
	case journalReadyMsg:
		js.ready = true
		js.j = msg.j
		if msg.err != nil {
			m.journalFailed(msg.err)
		} else if msg.notice != "" {
			m.setStatus(statusWarn, msg.notice)
		}
		js.unfinished, js.todayCount = msg.unfinished, msg.today
		if h, ok := m.stack[0].(*homeScreen); ok && h.query == "" {
			h.refilter()
		}
		if msg.resume != nil {
			m.resumeDiagnosis(*msg.resume)
		}
		return m.journalHook(), true
	case journalErrMsg:
		m.journalFailed(msg.err)
		return nil, true
	case journalSavedMsg:
		if msg.s.rec != nil {
			if msg.s.rec.ID == 0 && msg.id != 0 {
				// a new diagnosis of today: home counts it
				js.todayCount++
				if h, ok := m.stack[0].(*homeScreen); ok && h.query == "" {
					h.refilter()
				}
			}
			msg.s.rec.ID = msg.id
		}
		return nil, true
	case historyLoadedMsg:
		msg.h.loaded(msg.list, msg.err)
		return nil, true
	}
	return nil, false
}

// journalFailed says once, in the status line, why the journal is
// unavailable.
func (m *Model) journalFailed(err error) {
	js := m.jr
	if js.reported {
		return
	}
	js.reported = true
	why := err.Error()
	if je, ok := err.(*journal.Error); ok {
		if je.Kind == journal.Disabled && js.spec.Path != "" {
			return // turned off on purpose: nothing to say
		}
		why = je.French()
	}
	m.setStatus(statusWarn, "Journal indisponible : "+why+". Tout le reste fonctionne ; rien n'est enregistré.")
}

// write returns a command running fn against the journal, reporting a
// failure as a journalErrMsg.
func (js *jstate) write(fn func(j *journal.Journal) (tea.Msg, error)) tea.Cmd {
	j := js.j
	if j == nil {
		return nil
	}
	return func() tea.Msg {
		msg, err := fn(j)
		if err != nil {
			return journalErrMsg{err}
		}
		return msg
	}
}

// journalHook returns the commands that record what changed since the
// last message: answers, conclusions, votes and notes of the tree screens,
// trees left, answers viewed and their votes, searches and triages.
func (m *Model) journalHook() tea.Cmd {
	js := m.jr
	if js == nil || !js.ready || js.j == nil {
		return nil
	}
	var cmds []tea.Cmd
	// Lookups: the home search (or the triage) ends when something is
	// opened from it, when its query is cleared or on quit.
	cmds = append(cmds, m.lookupHook())
	for _, s := range m.stack {
		switch s := s.(type) {
		case *treeScreen:
			if !slices.Contains(js.live, s) {
				js.live = append(js.live, s)
			}
		case *answerScreen:
			cmds = append(cmds, js.viewCmd(s, m.now()))
		case *historyScreen:
			cmds = append(cmds, s.load())
		}
	}
	// Tree screens that left the stack before a conclusion are abandoned.
	live := js.live[:0]
	for _, s := range js.live {
		inStack := slices.Contains(m.stack, screen(s))
		if !inStack && !s.sess.Done() {
			s.leftAt = m.now()
		}
		cmds = append(cmds, js.saveCmd(s, m.now()))
		if inStack {
			live = append(live, s)
		}
	}
	js.live = live
	for a := range js.views {
		if !slices.Contains(m.stack, screen(a)) {
			delete(js.views, a)
		}
	}
	return tea.Batch(cmds...)
}

// snapshot is the diagnosis as the tree screen shows it now.
func (s *treeScreen) snapshot(now time.Time) (journal.Diagnosis, bool) {
	if s.rec == nil {
		s.rec = journal.NewRecorder(now)
	}
	return s.rec.Snapshot(s.sess, journal.Extra{Helpful: s.fb.vote, Comment: s.fb.comment.value,
		Ticket: s.ticket.value, Note: s.note.value, Pending: s.input.Value(), Left: !s.leftAt.IsZero()}, now)
}

func vote(b *bool) string {
	if b == nil {
		return "-"
	}
	return fmt.Sprint(*b)
}

func (js *jstate) saveCmd(s *treeScreen, now time.Time) tea.Cmd {
	d, changed := s.snapshot(now)
	if !changed {
		return nil
	}
	return js.write(func(j *journal.Journal) (tea.Msg, error) {
		id, err := j.Save(d)
		return journalSavedMsg{s: s, id: id}, err
	})
}

func (js *jstate) viewCmd(a *answerScreen, now time.Time) tea.Cmd {
	v := js.views[a]
	if v == nil {
		v = &viewRec{uid: journal.NewUID()}
		js.views[a] = v
	}
	sig := vote(a.fb.vote) + "\x00" + a.fb.comment.value
	if sig == v.sig {
		return nil
	}
	v.sig = sig
	rec := journal.View{UID: v.uid, At: now, Entry: a.e.ID, Helpful: a.fb.vote, Comment: a.fb.comment.value}
	return js.write(func(j *journal.Journal) (tea.Msg, error) { return nil, j.SaveView(rec) })
}

// lookupHook records the home search or the triage when it ends: when a
// tree or an answer is opened from it, when its query is cleared or its
// screen closed (and on quit, see journalClose).
func (m *Model) lookupHook() tea.Cmd {
	p := &m.jr.search
	var cur pendingLookup
	if h, ok := m.stack[0].(*homeScreen); ok && strings.TrimSpace(h.query) != "" {
		cur = pendingLookup{kind: journal.LookupSearch, query: h.query, src: h}
	}
	for _, s := range m.stack {
		if t, ok := s.(*triageScreen); ok {
			cur = pendingLookup{kind: journal.LookupTriage, query: t.ticket, src: t}
		}
	}
	var cmd tea.Cmd
	if p.kind != "" && !p.done {
		inStack := slices.Contains(m.stack, p.src)
		switch {
		case inStack && m.top() != p.src:
			if opened := openedID(m.top()); opened != "" {
				cmd = m.lookupCmd(*p, opened)
				p.done = true
			}
		case !inStack, cur.src != p.src:
			cmd = m.lookupCmd(*p, "")
			p.done = true
		default:
			p.query = cur.query // still being typed
		}
	}
	if cur.kind != "" && (p.kind == "" || p.src != cur.src || p.done && cur.query != p.query) {
		*p = cur
	}
	if cur.kind == "" && p.done {
		*p = pendingLookup{}
	}
	return cmd
}

func openedID(s screen) string {
	switch t := s.(type) {
	case *treeScreen:
		return t.sess.Tree.ID
	case *answerScreen:
		return t.e.ID
	}
	return ""
}

func (m *Model) lookupCmd(p pendingLookup, opened string) tea.Cmd {
	k, ix, now := m.kb, m.ix, m.now()
	return m.jr.write(func(j *journal.Journal) (tea.Msg, error) {
		var conf diagnose.Confidence
		var words string
		if p.kind == journal.LookupTriage {
			conf = diagnose.Triage(ix, k, p.query, triageLimit).Confidence
			words = journal.TicketWords(k, p.query)
		} else {
			conf = diagnose.Filter(ix, k, p.query, filterLimit).Confidence
			words = journal.QueryWords(p.query)
		}
		return nil, j.AddLookup(journal.Lookup{At: now, Kind: p.kind, Words: words, Confidence: string(conf), Opened: opened})
	})
}

// journalClose runs when the program has ended (q, Ctrl+C, SIGTERM): it
// saves, synchronously, what the last commands may not have written, and
// returns what to tell the agent about an unfinished diagnosis.
func (m *Model) journalClose() string {
	js := m.jr
	if js == nil || js.j == nil {
		return ""
	}
	defer js.j.Close()
	var farewell string
	now := m.now()
	for _, s := range js.live {
		// Saved again whole: idempotent, and it gives the number when
		// the command that saved it last did not report back.
		d, changed := s.snapshot(now)
		if s.rec != nil && (changed || s.rec.ID == 0 && d.UID != "") {
			if !changed {
				s.rec.Stamp(&d, now)
			}
			if id, err := js.j.Save(d); err == nil {
				s.rec.ID = id
			}
		}
		if s.rec != nil && s.rec.ID != 0 && !s.sess.Done() && s.sess.Depth() > 0 && s.leftAt.IsZero() {
			farewell = fmt.Sprintf("Diagnostic n° %d conservé (%s, %s) : reprenez-le avec « ecps-assist resume %d » ou « Reprendre » à l'accueil.",
				s.rec.ID, s.sess.Tree.ID, plural(s.sess.Depth(), "réponse", "réponses"), s.rec.ID)
		}
	}
	if p := js.search; p.kind != "" && !p.done {
		if cmd := m.lookupCmd(p, ""); cmd != nil {
			cmd()
		}
	}
	return farewell
}

// resumeDiagnosis reopens d on a tree screen at its last question, its
// answers replayed as breadcrumbs.
func (m *Model) resumeDiagnosis(d journal.Diagnosis) {
	s, err := resumedTree(m.common, d)
	if s == nil {
		m.setStatus(statusErr, "Impossible de reprendre le diagnostic n° "+strconv.Itoa(int(d.ID))+" : "+err)
		return
	}
	m.home()
	m.push(s)
	if err != "" {
		m.setStatus(statusWarn, "Repris en partie : "+err)
	} else {
		m.setStatus(statusInfo, "Diagnostic n° "+strconv.Itoa(int(d.ID))+" repris : "+plural(s.sess.Depth(), "réponse déjà donnée", "réponses déjà données")+".")
	}
}

// resumedTree replays d's answers on a new tree screen; problem says what
// could not be replayed (the tree changed since).
func resumedTree(c *common, d journal.Diagnosis) (*treeScreen, string) {
	t := c.kb.Tree(d.Tree)
	if t == nil {
		return nil, "l'arbre " + d.Tree + " n'existe plus"
	}
	s := newTreeScreen(c, t, carried{})
	problem := ""
	replayed := 0
	for _, st := range d.Steps {
		n := s.sess.Current()
		if n == nil || n.ID != st.Node {
			problem = "l'arbre a changé depuis ; réponses reprises jusqu'à « " + st.Node + " »"
			break
		}
		var err error
		if n.Kind == kb.KindCheck {
			_, err = s.sess.Input(st.Input)
		} else {
			err = s.sess.Answer(st.Answer)
		}
		if err != nil {
			problem = err.Error()
			break
		}
		replayed++
	}
	s.entered()
	if n := s.sess.Current(); n != nil && n.Kind == kb.KindCheck && problem == "" && d.Pending != "" {
		// typed before quitting, not checked yet
		s.input.SetValue(d.Pending)
		s.input.CursorEnd()
		s.prefilled = ""
	}
	s.rec = journal.ResumeRecorder(d, replayed)
	s.ticket.value, s.note.value = d.Ticket, d.Note
	if d.Helpful != nil && s.sess.Done() {
		v := *d.Helpful
		s.fb.vote = &v
		s.fb.comment.value = d.Comment
	}
	// The first snapshot writes it back as open (it may have been left).
	return s, problem
}

// --- home: « Reprendre » and today's history ---

const (
	itemResume itemKind = 100 + iota
	itemHistory
)

// withJournal adds the journal's items to the home list of trees: first
// « Reprendre » for the unfinished diagnoses (only when there are: the
// trees keep their numbers otherwise), last « Historique du jour ».
func (h *homeScreen) withJournal(trees []item) []item {
	js := h.c.jr
	if js == nil || js.j == nil {
		return trees
	}
	var items []item
	now := h.c.now()
	for i, d := range js.unfinished {
		// Read from the journal: the ids enter here, made inert.
		title, q := d.Tree, d.Node
		if t := h.c.kb.Tree(d.Tree); t != nil {
			title = t.Title
			if n := t.Node(d.Node); n != nil {
				q = flat(n.Text)
			}
		}
		it := item{kind: itemResume, index: i, title: title,
			sub: ago(now.Sub(d.Updated)) + " · " + plural(len(d.Steps), "réponse", "réponses") + " · « " + q + " »"}
		if i == 0 {
			it.heading = "Reprendre"
		}
		items = append(items, it)
	}
	items = append(items, trees...)
	if js.todayCount > 0 {
		items = append(items, item{kind: itemHistory, heading: "Journal", title: "Historique du jour",
			sub: plural(js.todayCount, "diagnostic", "diagnostics")})
	}
	return items
}

// openJournal opens a journal item of the home list; ok is false for the
// other items.
func (h *homeScreen) openJournal(it item) bool {
	js := h.c.jr
	switch it.kind {
	case itemResume:
		if js != nil && it.index < len(js.unfinished) {
			d := js.unfinished[it.index]
			s, problem := resumedTree(h.c, d)
			if s == nil {
				h.c.setStatus(statusErr, "Impossible de reprendre : "+problem)
				return true
			}
			h.c.push(s)
			if problem != "" {
				h.c.setStatus(statusWarn, "Repris en partie : "+problem)
			} else {
				h.c.setStatus(statusInfo, "Diagnostic n° "+strconv.Itoa(int(d.ID))+" repris : "+plural(len(d.Steps), "réponse donnée", "réponses données")+".")
			}
			// Not offered again: it is on screen now.
			js.unfinished = slices.Delete(slices.Clone(js.unfinished), it.index, it.index+1)
			h.refilter()
			h.c.stack = append(h.c.stack[:1], s)
		}
		return true
	case itemHistory:
		h.c.push(newHistory(h.c))
		return true
	}
	return false
}

func ago(d time.Duration) string {
	switch {
	case d < time.Minute:
		return "à l'instant"
	case d < time.Hour:
		return "il y a " + strconv.Itoa(int(d/time.Minute)) + " min"
	default:
		return "il y a " + strconv.Itoa(int(d/time.Hour)) + " h"
	}
}
