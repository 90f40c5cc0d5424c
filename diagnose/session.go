// Package diagnose walks decision trees (the engine shared by the TUI and
// the CLI), checks identifiers, triages tickets and renders transcripts.
// It imports kb and no UI package.
package diagnose

import (
	"fmt"
	"strings"

	"ecps-assist/kb"
)

// Step is one answered node of a session: a question with the option
// chosen, or a check with the value typed and the checker's verdict.
type Step struct {
	Node   *kb.Node
	Option *kb.Option // question nodes
	Input  string     // check nodes
	Result *IDResult  // check nodes
	Next   string     // the node this answer led to
}

// AnswerID is the option id, or the check's outcome key.
func (s Step) AnswerID() string {
	if s.Option != nil {
		return s.Option.ID
	}
	if s.Result != nil {
		return s.Result.Outcome()
	}
	return ""
}

// AnswerLabel is the option label, or the value typed with the verdict.
func (s Step) AnswerLabel() string {
	if s.Option != nil {
		return s.Option.Label
	}
	if s.Result != nil {
		return fmt.Sprintf("%s → %s", s.Input, s.Result.Message)
	}
	return ""
}

// Session is a walk through one tree. It is a plain value holder: every
// method is fast and does no I/O.
type Session struct {
	Tree  *kb.Tree
	steps []Step
	cur   *kb.Node
}

// Error values of the engine name what was wrong and the valid choices.
type Error struct{ Msg string }

func (e *Error) Error() string { return e.Msg }

// ErrEmptyInput is returned by Input for a value with nothing to check
// (empty, or only spaces and separators): the check node asks again, it
// never concludes.
var ErrEmptyInput = &Error{"nothing typed: the check node still waits for an identifier"}

// NewSession starts a walk of tree id.
func NewSession(k *kb.KB, id string) (*Session, error) {
	t := k.Tree(id)
	if t == nil {
		ids := make([]string, len(k.Trees))
		for i, t := range k.Trees {
			ids[i] = t.ID
		}
		return nil, &Error{fmt.Sprintf("unknown tree %q; trees: %s", id, strings.Join(ids, ", "))}
	}
	return Start(t), nil
}

// Start begins a walk of t at its start node.
func Start(t *kb.Tree) *Session {
	return &Session{Tree: t, cur: t.Node(t.Start)}
}

// Current is the node awaiting an answer (or the conclusion reached).
func (s *Session) Current() *kb.Node { return s.cur }

// Done reports whether a conclusion is reached.
func (s *Session) Done() bool { return s.cur != nil && s.cur.Kind == kb.KindConclusion }

// Conclusion is the conclusion reached, or nil.
func (s *Session) Conclusion() *kb.Node {
	if s.Done() {
		return s.cur
	}
	return nil
}

// Path is the steps answered so far (a copy).
func (s *Session) Path() []Step { return append([]Step(nil), s.steps...) }

// Depth is the number of steps answered.
func (s *Session) Depth() int { return len(s.steps) }

// Answer chooses the option of the current question by id.
func (s *Session) Answer(optionID string) error {
	n := s.cur
	if n == nil || n.Kind != kb.KindQuestion {
		return &Error{fmt.Sprintf("node %q is not a question", nodeID(n))}
	}
	for i := range n.Options {
		if n.Options[i].ID == optionID {
			return s.choose(&n.Options[i])
		}
	}
	return &Error{fmt.Sprintf("node %q has no option %q; options: %s", n.ID, optionID, strings.Join(OptionIDs(n), ", "))}
}

// Choose chooses the i-th option (0-based) of the current question.
func (s *Session) Choose(i int) error {
	n := s.cur
	if n == nil || n.Kind != kb.KindQuestion {
		return &Error{fmt.Sprintf("node %q is not a question", nodeID(n))}
	}
	if i < 0 || i >= len(n.Options) {
		return &Error{fmt.Sprintf("node %q has %d options, not %d", n.ID, len(n.Options), i+1)}
	}
	return s.choose(&n.Options[i])
}

func (s *Session) choose(o *kb.Option) error {
	next := s.Tree.Node(o.Next)
	if next == nil {
		return &Error{fmt.Sprintf("option %q leads to unknown node %q", o.ID, o.Next)}
	}
	s.steps = append(s.steps, Step{Node: s.cur, Option: o, Next: o.Next})
	s.cur = next
	return nil
}

// Input gives the value typed at the current check node, runs the checker
// and moves on according to the check's outcomes. The value enters here,
// from the TUI's field or the CLI's --input: the checker sees it as typed
// (it names invisible characters), then the value and the verdict are made
// inert (one line) once, for the screens and every transcript.
func (s *Session) Input(value string) (IDResult, error) {
	n := s.cur
	if n == nil || n.Kind != kb.KindCheck {
		return IDResult{}, &Error{fmt.Sprintf("node %q is not a check", nodeID(n))}
	}
	kind, err := ParseIDKind(n.Check)
	if err != nil {
		kind = KindAuto
	}
	value = kb.InertLine(value) // typed input enters here
	res := CheckID(value, kind)
	if res.Problem == ProblemEmpty {
		return res, ErrEmptyInput
	}
	nextID := OutcomeNext(n, res)
	next := s.Tree.Node(nextID)
	if next == nil {
		return res, &Error{fmt.Sprintf("check %q has no outcome for %q", n.ID, res.Outcome())}
	}
	r := res
	s.steps = append(s.steps, Step{Node: n, Input: value, Result: &r, Next: nextID})
	s.cur = next
	return res, nil
}

// OutcomeNext maps a check result to the next node id: the precise
// problem code first, then "invalid" (or "valid").
func OutcomeNext(n *kb.Node, res IDResult) string {
	key := res.Outcome()
	for _, o := range n.Outcomes {
		if o.Result == key {
			return o.Next
		}
	}
	fallback := "invalid"
	if res.Valid {
		fallback = "valid"
	}
	for _, o := range n.Outcomes {
		if o.Result == fallback {
			return o.Next
		}
	}
	return ""
}

// Back undoes the last answer; it reports false at the start.
func (s *Session) Back() bool {
	if len(s.steps) == 0 {
		return false
	}
	last := s.steps[len(s.steps)-1]
	s.steps = s.steps[:len(s.steps)-1]
	s.cur = last.Node
	return true
}

// BackTo returns to step i (0-based) so that its answer can be changed:
// the node of step i becomes current and later answers are dropped.
func (s *Session) BackTo(i int) bool {
	if i < 0 || i >= len(s.steps) {
		return false
	}
	s.cur = s.steps[i].Node
	s.steps = s.steps[:i]
	return true
}

// Restart goes back to the start node.
func (s *Session) Restart() {
	s.steps = nil
	s.cur = s.Tree.Node(s.Tree.Start)
}

// Clone returns an independent copy of the session.
func (s *Session) Clone() *Session {
	c := *s
	c.steps = append([]Step(nil), s.steps...)
	return &c
}

// OptionIDs lists the option ids of a question.
func OptionIDs(n *kb.Node) []string {
	ids := make([]string, len(n.Options))
	for i, o := range n.Options {
		ids[i] = o.ID
	}
	return ids
}

func nodeID(n *kb.Node) string {
	if n == nil {
		return ""
	}
	return n.ID
}
