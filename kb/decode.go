package kb

import (
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// MaxFileSize bounds one YAML file, so a huge or hostile file fails fast
// with a clear message instead of exhausting memory.
const MaxFileSize = 32 << 20

// Layer is what one set of YAML files (the embedded KB, or a --kb
// directory) declares, before merging.
type Layer struct {
	Entries []*Entry
	Trees   []*Tree
}

// decoder turns yaml.Node trees into schema values by hand, so that every
// problem (unknown field, wrong type, missing value) is reported at once
// with its line and column, and none stops the others.
type decoder struct {
	file  string
	probs *Problems
}

func (d *decoder) pos(n *yaml.Node) Pos {
	return Pos{File: d.file, Line: n.Line, Col: n.Column}
}

func (d *decoder) errf(n *yaml.Node, format string, args ...any) {
	d.probs.add(d.pos(n), format, args...)
}

// ParseFile decodes one YAML file of the knowledge format into l.
func (l *Layer) ParseFile(name string, data []byte, probs *Problems) {
	if len(data) > MaxFileSize {
		probs.add(Pos{File: name}, "file is %d bytes, larger than the %d-byte limit", len(data), MaxFileSize)
		return
	}
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&doc); err != nil && err != io.EOF {
		probs.add(yamlErrPos(name, err), "invalid YAML: %s", yamlErrMsg(err))
		return
	}
	// yaml.Unmarshal would silently drop the documents after the first;
	// only empty ones (a trailing ---) may follow.
	for {
		var extra yaml.Node
		err := dec.Decode(&extra)
		if err == io.EOF {
			break
		}
		if err != nil {
			probs.add(yamlErrPos(name, err), "invalid YAML: %s", yamlErrMsg(err))
			return
		}
		if len(extra.Content) == 0 || (extra.Content[0].Tag == "!!null" && extra.Content[0].Value == "") {
			continue
		}
		c := extra.Content[0]
		probs.add(Pos{File: name, Line: c.Line, Col: c.Column}, "a second YAML document (after ---): a knowledge file holds one document")
		return
	}
	d := &decoder{file: name, probs: probs}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		probs.add(Pos{File: name}, "empty file: expected a mapping with entries: and/or trees:")
		return
	}
	root := doc.Content[0]
	if !d.noAlias(root, 0) {
		return
	}
	d.mapping(root, "file", map[string]func(*yaml.Node){
		"entries": func(v *yaml.Node) {
			for _, item := range d.seq(v, "entries") {
				if e := d.entry(item); e != nil {
					l.Entries = append(l.Entries, e)
				}
			}
		},
		"trees": func(v *yaml.Node) {
			for _, item := range d.seq(v, "trees") {
				if t := d.tree(item); t != nil {
					l.Trees = append(l.Trees, t)
				}
			}
		},
	})
}

// noAlias rejects anchors' aliases (the knowledge format has no use for
// them, and alias expansion is a memory bomb) and absurd nesting.
func (d *decoder) noAlias(n *yaml.Node, depth int) bool {
	if depth > 64 {
		d.errf(n, "nesting deeper than 64 levels")
		return false
	}
	if n.Kind == yaml.AliasNode {
		d.errf(n, "YAML aliases (*%s) are not supported in knowledge files", n.Value)
		return false
	}
	for _, c := range n.Content {
		if !d.noAlias(c, depth+1) {
			return false
		}
	}
	return true
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return "nothing"
		}
		return fmt.Sprintf("%q", n.Value)
	}
	return "an unsupported value"
}

// mapping walks a mapping node, calling the handler of each known key and
// reporting unknown and repeated keys.
func (d *decoder) mapping(n *yaml.Node, what string, fields map[string]func(*yaml.Node)) bool {
	if n.Kind != yaml.MappingNode {
		d.errf(n, "%s: expected a mapping, found %s", what, kindName(n))
		return false
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		h, ok := fields[k.Value]
		if !ok {
			d.errf(k, "%s: unknown field %q (known: %s)", what, k.Value, knownKeys(fields))
			continue
		}
		if seen[k.Value] {
			d.errf(k, "%s: field %q repeated", what, k.Value)
			continue
		}
		seen[k.Value] = true
		h(v)
	}
	return true
}

func knownKeys(fields map[string]func(*yaml.Node)) string {
	keys := make([]string, 0, len(fields))
	for k := range fields {
		keys = append(keys, k)
	}
	sortStrings(keys)
	return strings.Join(keys, ", ")
}

func (d *decoder) seq(n *yaml.Node, what string) []*yaml.Node {
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		d.errf(n, "%s: expected a list, found %s", what, kindName(n))
		return nil
	}
	return n.Content
}

func (d *decoder) str(n *yaml.Node, what string) string {
	if n.Kind != yaml.ScalarNode {
		d.errf(n, "%s: expected text, found %s", what, kindName(n))
		return ""
	}
	if n.Tag == "!!null" {
		return ""
	}
	return n.Value
}

func (d *decoder) strList(n *yaml.Node, what string) []string {
	var out []string
	for i, item := range d.seq(n, what) {
		out = append(out, d.str(item, fmt.Sprintf("%s[%d]", what, i+1)))
	}
	return out
}

func (d *decoder) int(n *yaml.Node, what string) int {
	if n.Kind != yaml.ScalarNode || n.Tag != "!!int" {
		d.errf(n, "%s: expected a whole number, found %s", what, kindName(n))
		return 0
	}
	v, err := strconv.Atoi(n.Value)
	if err != nil {
		d.errf(n, "%s: %q is not a whole number", what, n.Value)
		return 0
	}
	return v
}

func (d *decoder) entry(n *yaml.Node) *Entry {
	e := &Entry{Pos: d.pos(n)}
	what := "entry"
	if id := lookup(n, "id"); id != "" {
		what = fmt.Sprintf("entry %q", id)
	}
	ok := d.mapping(n, what, map[string]func(*yaml.Node){
		"id":       func(v *yaml.Node) { e.ID = d.str(v, what+", id") },
		"title":    func(v *yaml.Node) { e.Title = d.str(v, what+", title") },
		"answer":   func(v *yaml.Node) { e.Answer = d.str(v, what+", answer") },
		"product":  func(v *yaml.Node) { e.Product = d.str(v, what+", product") },
		"theme":    func(v *yaml.Node) { e.Theme = d.str(v, what+", theme") },
		"keywords": func(v *yaml.Node) { e.Keywords = d.strList(v, what+", keywords") },
		"sources": func(v *yaml.Node) {
			for i, s := range d.seq(v, what+", sources") {
				src := Source{Pos: d.pos(s)}
				sw := fmt.Sprintf("%s, source %d", what, i+1)
				d.mapping(s, sw, map[string]func(*yaml.Node){
					"seed":  func(v *yaml.Node) { src.Seed = d.str(v, sw+", seed") },
					"block": func(v *yaml.Node) { src.Block = d.int(v, sw+", block") },
					"quote": func(v *yaml.Node) { src.Quote = d.str(v, sw+", quote") },
				})
				e.Sources = append(e.Sources, src)
			}
		},
	})
	if !ok {
		return nil
	}
	return e
}

func (d *decoder) tree(n *yaml.Node) *Tree {
	t := &Tree{Pos: d.pos(n)}
	what := "tree"
	if id := lookup(n, "id"); id != "" {
		what = fmt.Sprintf("tree %q", id)
	}
	ok := d.mapping(n, what, map[string]func(*yaml.Node){
		"id":       func(v *yaml.Node) { t.ID = d.str(v, what+", id") },
		"title":    func(v *yaml.Node) { t.Title = d.str(v, what+", title") },
		"product":  func(v *yaml.Node) { t.Product = d.str(v, what+", product") },
		"symptoms": func(v *yaml.Node) { t.Symptoms = d.strList(v, what+", symptoms") },
		"start":    func(v *yaml.Node) { t.Start = d.str(v, what+", start") },
		"nodes": func(v *yaml.Node) {
			for _, item := range d.seq(v, what+", nodes") {
				if nd := d.node(item); nd != nil {
					t.Nodes = append(t.Nodes, nd)
				}
			}
		},
	})
	if !ok {
		return nil
	}
	return t
}

func (d *decoder) node(n *yaml.Node) *Node {
	nd := &Node{Pos: d.pos(n)}
	what := "node"
	if id := lookup(n, "id"); id != "" {
		what = fmt.Sprintf("node %q", id)
	}
	ok := d.mapping(n, what, map[string]func(*yaml.Node){
		"id":      func(v *yaml.Node) { nd.ID = d.str(v, what+", id") },
		"kind":    func(v *yaml.Node) { nd.Kind = d.str(v, what+", kind") },
		"text":    func(v *yaml.Node) { nd.Text = d.str(v, what+", text") },
		"help":    func(v *yaml.Node) { nd.Help = d.str(v, what+", help") },
		"check":   func(v *yaml.Node) { nd.Check = d.str(v, what+", check") },
		"verdict": func(v *yaml.Node) { nd.Verdict = d.str(v, what+", verdict") },
		"steps":   func(v *yaml.Node) { nd.Steps = d.strList(v, what+", steps") },
		"entries": func(v *yaml.Node) { nd.Entries = d.strList(v, what+", entries") },
		"options": func(v *yaml.Node) {
			for i, o := range d.seq(v, what+", options") {
				opt := Option{Pos: d.pos(o)}
				ow := fmt.Sprintf("%s, option %d", what, i+1)
				if id := lookup(o, "id"); id != "" {
					ow = fmt.Sprintf("%s, option %q", what, id)
				}
				d.mapping(o, ow, map[string]func(*yaml.Node){
					"id":    func(v *yaml.Node) { opt.ID = d.str(v, ow+", id") },
					"label": func(v *yaml.Node) { opt.Label = d.str(v, ow+", label") },
					"next":  func(v *yaml.Node) { opt.Next = d.str(v, ow+", next"); opt.Pos = d.pos(v) },
				})
				nd.Options = append(nd.Options, opt)
			}
		},
		"outcomes": func(v *yaml.Node) {
			for i, o := range d.seq(v, what+", outcomes") {
				out := Outcome{Pos: d.pos(o)}
				ow := fmt.Sprintf("%s, outcome %d", what, i+1)
				d.mapping(o, ow, map[string]func(*yaml.Node){
					"result": func(v *yaml.Node) { out.Result = d.str(v, ow+", result") },
					"next":   func(v *yaml.Node) { out.Next = d.str(v, ow+", next"); out.Pos = d.pos(v) },
				})
				nd.Outcomes = append(nd.Outcomes, out)
			}
		},
	})
	if !ok {
		return nil
	}
	return nd
}

// lookup returns the scalar value of key in mapping n, for naming things in
// messages before they are decoded.
func lookup(n *yaml.Node, key string) string {
	if n.Kind != yaml.MappingNode {
		return ""
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key && n.Content[i+1].Kind == yaml.ScalarNode {
			return n.Content[i+1].Value
		}
	}
	return ""
}

// yamlErrPos extracts "line N" from a yaml.v3 syntax error.
func yamlErrPos(file string, err error) Pos {
	msg := err.Error()
	p := Pos{File: file}
	if i := strings.Index(msg, "line "); i >= 0 {
		rest := msg[i+5:]
		j := 0
		for j < len(rest) && rest[j] >= '0' && rest[j] <= '9' {
			j++
		}
		if n, err := strconv.Atoi(rest[:j]); err == nil {
			p.Line, p.Col = n, 1
		}
	}
	return p
}

func yamlErrMsg(err error) string {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	if i := strings.Index(msg, ": "); i >= 0 && strings.HasPrefix(msg, "line ") {
		msg = msg[i+2:]
	}
	return msg
}
