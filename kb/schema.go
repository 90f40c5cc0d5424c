// Package kb holds the knowledge base of ecps-assist: the schema of answers
// (entries) and decision trees, the embedded YAML, loading with positioned
// validation errors, lint against the seed documents, and the search index.
//
// kb imports no UI package; diagnose and tui build on it.
package kb

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
	Pos   Pos    `json:"-"`
}

// Label is the French citation of a source, e.g.
// "seeds/000_….txt, réponse n° 2".
func (s Source) Label() string {
	if s.Quote != "" {
		q := []rune(Normalize(s.Quote))
		if len(q) > 80 {
			q = append(q[:77], '…')
		}
		return SeedDir + s.Seed + ", extrait : « " + string(q) + " »"
	}
	return SeedDir + s.Seed + ", réponse n° " + itoa(s.Block)
}

// Entry is one official answer with the question a user would ask.
type Entry struct {
	ID       string   `json:"id"`
	Title    string   `json:"title"`
	Answer   string   `json:"answer"`
	Product  string   `json:"product"`
	Theme    string   `json:"theme"`
	Keywords []string `json:"keywords"`
	Sources  []Source `json:"sources"`
	Pos      Pos      `json:"-"`
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

// Verdicts a conclusion may carry.
const (
	VerdictResolved      = "resolved"
	VerdictEscalate      = "escalate"
	VerdictApplicable    = "applicable"
	VerdictNotApplicable = "not-applicable"
	VerdictInfo          = "info"
)

// Verdicts lists the valid verdicts with their French labels.
var Verdicts = map[string]string{
	VerdictResolved:      "Résolu",
	VerdictEscalate:      "À escalader",
	VerdictApplicable:    "Applicable",
	VerdictNotApplicable: "Non applicable",
	VerdictInfo:          "Information",
}

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
	Steps    []string  `json:"steps,omitempty"`
	Entries  []string  `json:"entries,omitempty"`
	Pos      Pos       `json:"-"`
}

// Tree is a guided diagnosis.
type Tree struct {
	ID       string   `json:"id"`
	Title    string   `json:"title"`
	Product  string   `json:"product"`
	Symptoms []string `json:"symptoms"`
	Start    string   `json:"start"`
	Nodes    []*Node  `json:"nodes"`
	Pos      Pos      `json:"-"`
	// Overrides is set when this tree came from a --kb file and replaced a
	// tree of the same id.
	Overrides bool `json:"-"`

	byID map[string]*Node
}

// Node returns the node with the given id, or nil.
func (t *Tree) Node(id string) *Node {
	if t.byID == nil {
		t.byID = make(map[string]*Node, len(t.Nodes))
		for _, n := range t.Nodes {
			if _, dup := t.byID[n.ID]; !dup {
				t.byID[n.ID] = n
			}
		}
	}
	return t.byID[id]
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
