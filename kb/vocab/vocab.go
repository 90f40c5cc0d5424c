// Package vocab holds how users name the products and trees (names and
// descriptive phrases) and the frequent questions the official answers do
// not cover (known gaps), from kb/vocab/vocabulary.yaml. It is team
// knowledge that only helps the search find and judge: it adds no answer.
//
// The package decodes and checks the format; kb/search compiles and
// matches it (folding, stems).
package vocab

import (
	"bytes"
	_ "embed"
	"fmt"
	"regexp"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"

	"ecps-assist/kb"
)

// File is the name the embedded vocabulary is reported under.
const File = "kb/vocab/vocabulary.yaml"

//go:embed vocabulary.yaml
var embedded []byte

// Str is a string with its position in the file.
type Str struct {
	Value     string
	Line, Col int
}

// UnmarshalYAML keeps the position of the scalar.
func (s *Str) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.ScalarNode {
		return fmt.Errorf("line %d: expected a text value", n.Line)
	}
	s.Value, s.Line, s.Col = n.Value, n.Line, n.Column
	return nil
}

// Group is a product's or a tree's names and phrases.
type Group struct {
	Product string `yaml:"product"`
	Tree    string `yaml:"tree"`
	// Terms are words of the knowledge the names and phrases stand for.
	Terms   []Str `yaml:"terms"`
	Names   []Str `yaml:"names"`
	Phrases []Str `yaml:"phrases"`
	// When describes the product by the kinds of words a description
	// combines, as gap rules do (slots of alternatives that must all
	// occur near each other): « l'appli » + « portable » + « carte pro ».
	When [][]Str `yaml:"when"`
	Line int     `yaml:"-"`
}

// Label is the product or the tree id.
func (g *Group) Label() string {
	if g.Product != "" {
		return g.Product
	}
	return g.Tree
}

// Gap is a frequent question no official answer covers.
type Gap struct {
	ID string `yaml:"id"`
	// Topic completes « La base ne traite pas de … » (see NotCovered).
	Topic string `yaml:"topic"`
	// When lists rules; a rule is a list of slots that must all match; a
	// slot lists alternatives separated by "|", an alternative one or more
	// words that must all occur.
	When [][]Str `yaml:"when"`
	// Unless: alternatives that, when present, mean the gap does not apply.
	Unless Str `yaml:"unless"`
	Line   int `yaml:"-"`
}

// Domain lists the ordinary French words that, in a ticket, place it in
// the domain (certificat, annuaire…: the knowledge's jargon — RPPS, e-CPS,
// IGC — needs no listing), and their homonyms: expressions where they mean
// something else (« certificat de travail », « carte bancaire »).
type Domain struct {
	Words    []Str `yaml:"words"`
	Homonyms []Str `yaml:"homonyms"`
}

// Vocabulary is the whole file.
type Vocabulary struct {
	Domain   Domain   `yaml:"domain"`
	Products []*Group `yaml:"products"`
	Trees    []*Group `yaml:"trees"`
	Gaps     []*Gap   `yaml:"gaps"`
}

// Groups returns products then trees.
func (v *Vocabulary) Groups() []*Group {
	return append(append([]*Group(nil), v.Products...), v.Trees...)
}

//go:generate go run ./vocabgen

var embeddedOnce = sync.OnceValues(func() (*Vocabulary, kb.Problems) {
	if generated != nil {
		return generated(), nil
	}
	return Parse(File, embedded)
})

// Embedded returns the vocabulary built into the binary, decoded at build
// time (vocabulary_gen.go) or else parsed on first use, and its format
// problems (none in a released binary: a test checks).
func Embedded() (*Vocabulary, kb.Problems) { return embeddedOnce() }

// lineRe reads yaml.v3's error lines, compiled on first use.
var lineRe = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(?:yaml: )?line (\d+): (.*)$`) })

// Parse decodes and checks the format of a vocabulary file: unknown
// fields, empty values, ids, slots. Problems carry file:line:col.
func Parse(file string, data []byte) (*Vocabulary, kb.Problems) {
	var probs kb.Problems
	add := func(line, col int, format string, args ...any) {
		probs = append(probs, kb.Problem{Pos: kb.Pos{File: file, Line: line, Col: col}, Msg: fmt.Sprintf(format, args...)})
	}
	var v Vocabulary
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&v); err != nil {
		msgs := []string{err.Error()}
		if te, ok := err.(*yaml.TypeError); ok {
			msgs = te.Errors
		}
		for _, m := range msgs {
			if sm := lineRe().FindStringSubmatch(m); sm != nil {
				var line int
				fmt.Sscan(sm[1], &line)
				add(line, 1, "%s", sm[2])
			} else {
				add(0, 0, "%s", strings.TrimPrefix(m, "yaml: "))
			}
		}
		return &Vocabulary{}, probs
	}
	var root yaml.Node
	_ = yaml.Unmarshal(data, &root)
	setLines(&root, &v)
	for _, g := range v.Products {
		if !kb.KnownProduct(g.Product) {
			add(g.Line, 5, "products: unknown product %q", g.Product)
		}
		if g.Tree != "" {
			add(g.Line, 5, "products: %s: a product group has no tree", g.Product)
		}
	}
	for _, g := range v.Trees {
		if g.Tree == "" || g.Product != "" {
			add(g.Line, 5, "trees: a tree group names its tree (and no product)")
		}
	}
	for _, g := range v.Groups() {
		if len(g.Terms) == 0 {
			add(g.Line, 5, "%s: no terms", g.Label())
		}
		for _, t := range g.Terms {
			if strings.TrimSpace(t.Value) == "" || strings.ContainsAny(t.Value, " \t") {
				add(t.Line, t.Col, "%s: a term is one word, got %q", g.Label(), t.Value)
			}
		}
		if len(g.Names)+len(g.Phrases)+len(g.When) == 0 {
			add(g.Line, 5, "%s: no names, phrases or rules", g.Label())
		}
		for _, rule := range g.When {
			if len(rule) < 2 {
				add(g.Line, 5, "%s: a rule under when needs two slots or more", g.Label())
			}
			for _, slot := range rule {
				if emptyAlternative(slot.Value) {
					add(slot.Line, slot.Col, "%s: empty alternative in %q", g.Label(), slot.Value)
				}
			}
		}
		for _, s := range append(append([]Str(nil), g.Names...), g.Phrases...) {
			if strings.TrimSpace(s.Value) == "" {
				add(s.Line, s.Col, "%s: empty name or phrase", g.Label())
			}
		}
	}
	for _, w := range v.Domain.Words {
		if strings.TrimSpace(w.Value) == "" || strings.ContainsAny(w.Value, " \t") {
			add(w.Line, w.Col, "domain.words: a word, got %q", w.Value)
		}
	}
	for _, h := range v.Domain.Homonyms {
		if len(strings.Fields(h.Value)) < 2 {
			add(h.Line, h.Col, "domain.homonyms: an expression of two words or more, got %q", h.Value)
		}
	}
	seen := map[string]int{}
	for _, gp := range v.Gaps {
		if !kebab(gp.ID) {
			add(gp.Line, 5, "gap %q: id is not kebab-case", gp.ID)
		}
		if l, dup := seen[gp.ID]; dup {
			add(gp.Line, 5, "gap %q: duplicate id (first at line %d)", gp.ID, l)
		}
		seen[gp.ID] = gp.Line
		if strings.TrimSpace(gp.Topic) == "" {
			add(gp.Line, 5, "gap %q: no topic", gp.ID)
		}
		if len(gp.When) == 0 {
			add(gp.Line, 5, "gap %q: no rule under when", gp.ID)
		}
		for _, rule := range gp.When {
			if len(rule) == 0 {
				add(gp.Line, 5, "gap %q: an empty rule", gp.ID)
			}
			for _, slot := range rule {
				if emptyAlternative(slot.Value) {
					add(slot.Line, slot.Col, "gap %q: empty alternative in %q", gp.ID, slot.Value)
				}
			}
		}
		if gp.Unless.Value != "" && emptyAlternative(gp.Unless.Value) {
			add(gp.Unless.Line, gp.Unless.Col, "gap %q: empty alternative in unless %q", gp.ID, gp.Unless.Value)
		}
	}
	return &v, probs
}

func emptyAlternative(slot string) bool {
	for _, a := range strings.Split(slot, "|") {
		if strings.TrimSpace(a) == "" {
			return true
		}
	}
	return false
}

// setLines records the line of each group and gap from the node tree.
func setLines(root *yaml.Node, v *Vocabulary) {
	if len(root.Content) == 0 || root.Content[0].Kind != yaml.MappingNode {
		return
	}
	m := root.Content[0]
	for i := 0; i+1 < len(m.Content); i += 2 {
		seq := m.Content[i+1]
		for j, it := range seq.Content {
			switch m.Content[i].Value {
			case "products":
				if j < len(v.Products) {
					v.Products[j].Line = it.Line
				}
			case "trees":
				if j < len(v.Trees) {
					v.Trees[j].Line = it.Line
				}
			case "gaps":
				if j < len(v.Gaps) {
					v.Gaps[j].Line = it.Line
				}
			}
		}
	}
}

// Alternatives splits a slot into its alternatives, each a list of words
// as written.
func Alternatives(slot string) [][]string {
	var out [][]string
	for _, a := range strings.Split(slot, "|") {
		if w := strings.Fields(a); len(w) > 0 {
			out = append(out, w)
		}
	}
	return out
}

// kebab reports whether id is ^[a-z0-9]+(-[a-z0-9]+)*$.
func kebab(id string) bool {
	if id == "" || id[0] == '-' || id[len(id)-1] == '-' || strings.Contains(id, "--") {
		return false
	}
	for i := 0; i < len(id); i++ {
		if c := id[i]; !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

// NotCovered is the French sentence saying the knowledge does not cover a
// gap's topic: « La base ne traite pas du code PIN ou PUK d'une carte. »
// The topic's first article is contracted with « de ».
func NotCovered(topic string) string {
	t := strings.TrimSpace(topic)
	switch {
	case strings.HasPrefix(t, "le "):
		t = "du " + t[3:]
	case strings.HasPrefix(t, "les "):
		t = "des " + t[4:]
	case strings.HasPrefix(t, "l'"), strings.HasPrefix(t, "l’"):
		t = "de " + t
	default:
		t = "de " + t
	}
	return "La base ne traite pas " + t + "."
}
