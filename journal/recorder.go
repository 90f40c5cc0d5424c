package journal

import (
	"strconv"
	"strings"
	"time"

	"ecps-assist/diagnose"
	"ecps-assist/kb"
)

// Recorder turns a walk of a tree (a diagnose.Session) into the Diagnosis
// to save after each change: it keeps the diagnosis's identity, its
// revision and the time of each answer from one save to the next. It does
// no I/O.
type Recorder struct {
	UID     string
	ID      int64 // known once a save returned it
	Rev     int
	Started time.Time

	tree, hash string
	sig        string
	stepSig    []string
	at         []time.Time
}

// Extra is what the agent adds to a diagnosis besides the answers.
type Extra struct {
	Helpful               *bool // the « utile ? » vote (kept at a conclusion only)
	Comment, Ticket, Note string
	Pending               string // typed at the current check node, not checked yet
	Left                  bool   // the agent left the tree before a conclusion
}

// Stamp makes d a new save made at now: its revision, its update time,
// and its end when it is over. The revision is the time in milliseconds,
// or one above the last revision when that is later. Two windows that
// resumed the same diagnosis start from the same revision; counting from
// there, a window's save could carry the revision the other had already
// stored, and be ignored (a conclusion lost). By time, the later save
// wins; within one window revisions still only grow.
func (r *Recorder) Stamp(d *Diagnosis, now time.Time) {
	r.Rev = max(r.Rev+1, int(now.UnixMilli()))
	d.Rev, d.Updated = r.Rev, now
	if d.State != StateOpen {
		d.Ended = now
	}
}

// NewRecorder starts recording a new diagnosis.
func NewRecorder(now time.Time) *Recorder {
	return &Recorder{UID: NewUID(), Started: now}
}

// ResumeRecorder goes on recording d, whose first n steps were replayed:
// they keep their times.
func ResumeRecorder(d Diagnosis, n int) *Recorder {
	r := &Recorder{UID: d.UID, ID: d.ID, Rev: d.Rev, Started: d.Started}
	for _, s := range d.Steps[:min(n, len(d.Steps))] {
		r.stepSig = append(r.stepSig, stepSig(s))
		r.at = append(r.at, s.At)
	}
	return r
}

func stepSig(s Step) string { return s.Node + "\x00" + s.Answer + "\x00" + s.Input }

// Snapshot is the diagnosis as sess and x stand now; changed is false
// when nothing changed since the last snapshot (nothing to save), or when
// nothing was answered yet in a new diagnosis.
func (r *Recorder) Snapshot(sess *diagnose.Session, x Extra, now time.Time) (d Diagnosis, changed bool) {
	path := sess.Path()
	if len(path) == 0 && r.ID == 0 && r.Rev == 0 && x.Helpful == nil && x.Ticket == "" && x.Note == "" && x.Pending == "" {
		return Diagnosis{}, false
	}
	if r.tree != sess.Tree.ID || r.hash == "" {
		r.tree, r.hash = sess.Tree.ID, TreeHash(sess.Tree)
	}
	sigs := make([]string, len(path))
	steps := make([]Step, len(path))
	for i, st := range path {
		s := Step{Node: st.Node.ID, Answer: st.AnswerID()}
		if st.Result != nil {
			s.Input = st.Input
			s.Verdict = st.Result.Message
		}
		sigs[i] = stepSig(s)
		steps[i] = s
	}
	// A step keeps its time while it stays the same answer.
	keep := 0
	for keep < len(sigs) && keep < len(r.stepSig) && sigs[keep] == r.stepSig[keep] {
		keep++
	}
	r.at = r.at[:keep]
	for len(r.at) < len(sigs) {
		r.at = append(r.at, now)
	}
	for i := range steps {
		steps[i].At = r.at[i]
	}
	d = Diagnosis{UID: r.UID, ID: r.ID, Tree: sess.Tree.ID, KBHash: r.hash, Started: r.Started, Steps: steps,
		Ticket: x.Ticket, Note: x.Note, State: StateOpen}
	if n := sess.Current(); n != nil {
		d.Node = n.ID
		if n.Kind == kb.KindCheck {
			d.Pending = x.Pending
		}
	}
	if c := sess.Conclusion(); c != nil {
		d.State, d.Verdict, d.Helpful, d.Comment = StateConcluded, c.Verdict, x.Helpful, x.Comment
	} else if x.Left {
		d.State = StateAbandoned
	}
	vote := "-"
	if d.Helpful != nil {
		vote = strconv.FormatBool(*d.Helpful)
	}
	sig := strings.Join([]string{strings.Join(sigs, "\x01"), d.Node, d.State, d.Verdict, vote, d.Comment, d.Ticket, d.Note, d.Pending}, "\x02")
	if sig == r.sig {
		return d, false
	}
	r.sig, r.stepSig = sig, sigs
	r.Stamp(&d, now)
	return d, true
}
