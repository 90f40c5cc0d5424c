// Package kb holds the knowledge base of ecps-assist: the schema of answers
// (entries) and decision trees, the embedded YAML, loading with positioned
// validation errors, lint against the seed documents, and the search index.
//
// kb imports no UI package; diagnose and tui build on it.
package kb

import (
	"strconv"
	"strings"
)

// Pos locates a value in a YAML file, for messages of the form
// file:line:col: what is wrong.
type Pos struct {
	File string `json:"-"`
	Line int    `json:"-"`
	Col  int    `json:"-"`
}

// Source cites where an entry's answer comes from: either a block of a FAQ
// seed (the N-th answer, counting from 1) or a verbatim quote of the article
// seed, which has no blocks.
type Source struct {
	Seed  string `json:"seed"`
	Block int    `json:"block,omitempty"`
	Quote string `json:"quote,omitempty"`
	// Published names the outlet and date of an article seed, as the
	// article gives them ("DSIH, 14 juin 2022"): its figures and
	// announcements are of that date. Lint requires it on article quotes.
	Published string `json:"published,omitempty"`
	Pos       Pos    `json:"-"`
}

// Label is the French citation of a source, e.g.
// "seeds/000_….txt, réponse n° 2".
func (s Source) Label() string {
	if s.Quote != "" {
		q := []rune(Normalize(s.Quote))
		if len(q) > 80 {
			q = append(q[:77], '…')
		}
		pub := ""
		if s.Published != "" {
			pub = ", " + s.Published
		}
		return SeedDir + s.Seed + pub + ", extrait : « " + string(q) + " »"
	}
	return SeedDir + s.Seed + ", réponse n° " + strconv.Itoa(s.Block)
}

// Entry is one answer with the question a user would ask: official (the
// default) or a team's own (see origin.go).
type Entry struct {
	ID       string   `json:"id"`
	Title    string   `json:"title"`
	Answer   string   `json:"answer"`
	Product  string   `json:"product"`
	Theme    string   `json:"theme"`
	Keywords []string `json:"keywords"`
	Sources  []Source `json:"sources"`
	// LostLinks are the places of the answer where the source page had a
	// link or an image that the seed text lost ("… document ci-dessous :"):
	// each is a text of the answer, the marker goes right after it. See
	// MarkedAnswer.
	LostLinks []string `json:"lost_links,omitempty"`
	// Note is the team's editorial note on the entry (shown labelled as
	// such, never as the official answer), e.g. two figures of one article
	// that seem to disagree.
	Note string `json:"note,omitempty"`
	// Origin is "" for an official answer (it cites the seeds) and
	// OriginTeam for a team's own (Owner and Reviewed instead of sources).
	Origin   string `json:"origin,omitempty"`
	Owner    string `json:"owner,omitempty"`    // who answers for a team entry
	Reviewed string `json:"reviewed,omitempty"` // its last review, YYYY-MM-DD
	Pos      Pos    `json:"-"`
	// Overrides is set when this entry came from a --kb file and replaced an
	// entry of the same id.
	Overrides bool `json:"-"`
}

// Node kinds of a decision tree.
const (
	KindQuestion   = "question"
	KindCheck      = "check"
	KindConclusion = "conclusion"
)

// Verdicts a conclusion may carry. They name what the agent does next:
//   - resolved: the official answer settles it;
//   - escalate: the agent transmits the case (« À transmettre »), e.g. to
//     the service client e-CPS the seed names;
//   - refer: the agent orients the caller to someone else the seed names,
//     whom the caller contacts himself (« À orienter », e.g. his ARS);
//   - applicable / not-applicable: a requirement applies or not;
//   - info: information only, with the team's escalation line.
const (
	VerdictResolved      = "resolved"
	VerdictEscalate      = "escalate"
	VerdictRefer         = "refer"
	VerdictApplicable    = "applicable"
	VerdictNotApplicable = "not-applicable"
	VerdictInfo          = "info"
)

// Verdicts lists the valid verdicts with their French labels. A
// conclusion may refine its label with verdict_label, which must begin
// with this one (« À orienter (ARS) »).
var Verdicts = map[string]string{
	VerdictResolved:      "Résolu",
	VerdictEscalate:      "À transmettre",
	VerdictRefer:         "À orienter",
	VerdictApplicable:    "Applicable",
	VerdictNotApplicable: "Non applicable",
	VerdictInfo:          "Information",
}

// Hands reports whether a verdict hands the case on or leaves it open
// (info, escalate, refer): there, the team's escalation line is shown.
func Hands(verdict string) bool {
	return verdict == VerdictInfo || verdict == VerdictEscalate || verdict == VerdictRefer
}

// VerdictText is the French badge of a conclusion: its verdict_label, or
// the label of its verdict, or the verdict itself when unknown.
func (n *Node) VerdictText() string {
	if n.VerdictLabel != "" {
		return n.VerdictLabel
	}
	if l, ok := Verdicts[n.Verdict]; ok {
		return l
	}
	return n.Verdict
}

// LostLinkMarker marks, wherever an answer is shown, copied or exported,
// the place where the source page had a link or an image the seed lost.
const LostLinkMarker = "[lien absent de la source]"

// MarkedAnswer is the answer, trimmed, with LostLinkMarker right after
// each of its LostLinks: the text every display, copy and export uses.
func (e *Entry) MarkedAnswer() string {
	a := strings.TrimSpace(e.Answer)
	for _, at := range e.LostLinks {
		if at == "" {
			continue
		}
		if i := strings.Index(a, at); i >= 0 {
			j := i + len(at)
			a = a[:j] + " " + LostLinkMarker + a[j:]
		}
	}
	return a
}

// HasLostLink reports whether the answer lost a link or an image of its
// source.
func (e *Entry) HasLostLink() bool { return len(e.LostLinks) > 0 }

// Option is one answer to a question node.
type Option struct {
	ID    string `json:"id"`
	Label string `json:"label"`
	Next  string `json:"next"`
	Pos   Pos    `json:"-"`
}

// Outcome maps a check result (valid, invalid or a precise problem code of
// the checker) to the next node.
type Outcome struct {
	Result string `json:"result"`
	Next   string `json:"next"`
	Pos    Pos    `json:"-"`
}

// Node is a step of a decision tree. Kind selects which fields apply:
//   - question: Text and Options;
//   - check: Text (the prompt), Check (the identifier kind to check, e.g.
//     idnat) and Outcomes;
//   - conclusion: Verdict, Text, Steps and Entries.
type Node struct {
	ID       string    `json:"id"`
	Kind     string    `json:"kind"`
	Text     string    `json:"text"`
	Help     string    `json:"help,omitempty"`
	Options  []Option  `json:"options,omitempty"`
	Check    string    `json:"check,omitempty"`
	Outcomes []Outcome `json:"outcomes,omitempty"`
	Verdict  string    `json:"verdict,omitempty"`
	// VerdictLabel refines the verdict's French badge for this conclusion
	// (« À orienter (ARS) »); it begins with Verdicts[Verdict].
	VerdictLabel string   `json:"verdict_label,omitempty"`
	Steps        []string `json:"steps,omitempty"`
	Entries      []string `json:"entries,omitempty"`
	Pos          Pos      `json:"-"`
}

// Tree is a guided diagnosis.
type Tree struct {
	ID       string   `json:"id"`
	Title    string   `json:"title"`
	Product  string   `json:"product"`
	Symptoms []string `json:"symptoms"`
	Start    string   `json:"start"`
	Nodes    []*Node  `json:"nodes"`
	// Origin, Owner, Reviewed: as for Entry.
	Origin   string `json:"origin,omitempty"`
	Owner    string `json:"owner,omitempty"`
	Reviewed string `json:"reviewed,omitempty"`
	Pos      Pos    `json:"-"`
	// Overrides is set when this tree came from a --kb file and replaced a
	// tree of the same id.
	Overrides bool `json:"-"`
}

// Node returns the first node with the given id, or nil. A scan: a tree
// has tens of nodes, and a Tree is never written once loaded (the
// embedded trees are shared package data).
func (t *Tree) Node(id string) *Node {
	for _, n := range t.Nodes {
		if n.ID == id {
			return n
		}
	}
	return nil
}

// Products are the known product facets, in display order.
var Products = []string{
	"e-CPS",
	"CPS/CPx",
	"Pro Santé Connect",
	"IGC-Santé",
	"INSi",
	"Convergence",
	"Ségur",
	"HDS",
	"MSSanté",
	"Référentiels",
}

// KnownProduct reports whether p is one of Products.
func KnownProduct(p string) bool {
	for _, q := range Products {
		if p == q {
			return true
		}
	}
	return false
}
