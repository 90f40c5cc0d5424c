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

	// reported: the fields whose problem decoding already reported, which
	// validation must not report again. Only a layer decoded with
	// problems has any: a generated layer is problem-free.
	reported reportedSet
}

// decoder turns yaml.Node trees into schema values by hand, so that every
// problem (unknown field, wrong type, missing value) is reported at once
// with its line and column, and none stops the others.
type decoder struct {
	file  string
	probs *Problems
	rep   *reportedSet
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
	// Count the nodes before yaml.v3 builds them all (see bounds.go).
	if _, line := countNodes(data, MaxNodes); line > 0 {
		probs.add(Pos{File: name, Line: line, Col: 1}, "more than %d YAML values (lists, mappings, texts) by this line, "+
			"the limit for one knowledge file: split it into several files", MaxNodes)
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
	d := &decoder{file: name, probs: probs, rep: &l.reported}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		probs.add(Pos{File: name}, "empty file: expected a mapping with entries: and/or trees:")
		return
	}
	root := doc.Content[0]
	if !d.noAlias(root, 0) {
		return
	}
	d.mapping(root, "file", nil, "", map[string]func(*yaml.Node) bool{
		"entries": func(v *yaml.Node) bool {
			items, ok := d.seq(v, "entries")
			for _, item := range items {
				if e := d.entry(item); e != nil {
					l.Entries = append(l.Entries, e)
				}
			}
			return ok
		},
		"trees": func(v *yaml.Node) bool {
			items, ok := d.seq(v, "trees")
			for _, item := range items {
				if t := d.tree(item); t != nil {
					l.Trees = append(l.Trees, t)
				}
			}
			return ok
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
// reporting unknown and repeated keys. A handler returns false when it
// reported its value as wrong; the field (prefix+key) is then recorded as
// reported for owner (the *Entry, *Tree or *Node being decoded; nil for
// none), and so is the item prefix names when n is not a mapping.
func (d *decoder) mapping(n *yaml.Node, what string, owner any, prefix string, fields map[string]func(*yaml.Node) bool) bool {
	if n.Kind != yaml.MappingNode {
		d.errf(n, "%s: expected a mapping, found %s", what, kindName(n))
		if owner != nil && prefix != "" {
			d.rep.add(owner, strings.TrimSuffix(prefix, "."))
		}
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
		if !h(v) && owner != nil {
			d.rep.add(owner, prefix+k.Value)
		}
	}
	return true
}

func knownKeys(fields map[string]func(*yaml.Node) bool) string {
	keys := make([]string, 0, len(fields))
	for k := range fields {
		keys = append(keys, k)
	}
	sortStrings(keys)
	return strings.Join(keys, ", ")
}

// The value decoders below report a value of the wrong type and return
// false; the handlers pass that on to mapping.

// seq returns the items of a list (none for an empty value).
func (d *decoder) seq(n *yaml.Node, what string) ([]*yaml.Node, bool) {
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return nil, true
	}
	if n.Kind != yaml.SequenceNode {
		d.errf(n, "%s: expected a list, found %s", what, kindName(n))
		return nil, false
	}
	return n.Content, true
}

func (d *decoder) str(dst *string, n *yaml.Node, what string) bool {
	if n.Kind != yaml.ScalarNode {
		d.errf(n, "%s: expected text, found %s", what, kindName(n))
		return false
	}
	if n.Tag != "!!null" {
		// Text is made inert where it enters, once: no screen, output or
		// transcript can forget it (see Inert).
		*dst = Inert(n.Value)
	}
	return true
}

// line is str for a one-line field (a title, a label…): newlines and
// tabs become spaces.
func (d *decoder) line(dst *string, n *yaml.Node, what string) bool {
	ok := d.str(dst, n, what)
	*dst = InertLine(*dst)
	return ok
}

// lineList is strList for lists of one-line texts (keywords, symptoms).
func (d *decoder) lineList(dst *[]string, n *yaml.Node, what string) bool {
	ok := d.strList(dst, n, what)
	for i, s := range *dst {
		(*dst)[i] = InertLine(s)
	}
	return ok
}

// strList leaves out the items that are not text (reported), so that they
// are not checked again as empty values.
func (d *decoder) strList(dst *[]string, n *yaml.Node, what string) bool {
	items, ok := d.seq(n, what)
	for i, item := range items {
		var s string
		if d.str(&s, item, fmt.Sprintf("%s[%d]", what, i+1)) {
			*dst = append(*dst, s)
		} else {
			ok = false
		}
	}
	return ok
}

func (d *decoder) int(dst *int, n *yaml.Node, what string) bool {
	if n.Kind != yaml.ScalarNode || n.Tag != "!!int" {
		d.errf(n, "%s: expected a whole number, found %s", what, kindName(n))
		return false
	}
	v, err := strconv.Atoi(n.Value)
	if err != nil {
		d.errf(n, "%s: %q is not a whole number", what, n.Value)
		return false
	}
	*dst = v
	return true
}

// block decodes the block number of source sw, reporting at the value a
// number below 1: blocks count from 1.
func (d *decoder) block(dst *int, n *yaml.Node, sw string) bool {
	if !d.int(dst, n, sw+", block") {
		return false
	}
	if *dst < 1 {
		d.errf(n, "%s: block %d out of range (blocks count from 1)", sw, *dst)
		return false
	}
	return true
}

func (d *decoder) entry(n *yaml.Node) *Entry {
	e := &Entry{Pos: d.pos(n)}
	what := "entry"
	if id := lookup(n, "id"); id != "" {
		what = fmt.Sprintf("entry %q", id)
	}
	ok := d.mapping(n, what, e, "", map[string]func(*yaml.Node) bool{
		"id":         func(v *yaml.Node) bool { return d.str(&e.ID, v, what+", id") },
		"title":      func(v *yaml.Node) bool { return d.line(&e.Title, v, what+", title") },
		"answer":     func(v *yaml.Node) bool { return d.str(&e.Answer, v, what+", answer") },
		"product":    func(v *yaml.Node) bool { return d.line(&e.Product, v, what+", product") },
		"theme":      func(v *yaml.Node) bool { return d.line(&e.Theme, v, what+", theme") },
		"keywords":   func(v *yaml.Node) bool { return d.lineList(&e.Keywords, v, what+", keywords") },
		"lost_links": func(v *yaml.Node) bool { return d.strList(&e.LostLinks, v, what+", lost_links") },
		"note":       func(v *yaml.Node) bool { return d.str(&e.Note, v, what+", note") },
		"origin":     func(v *yaml.Node) bool { return d.str(&e.Origin, v, what+", origin") },
		"owner":      func(v *yaml.Node) bool { return d.str(&e.Owner, v, what+", owner") },
		"reviewed":   func(v *yaml.Node) bool { return d.str(&e.Reviewed, v, what+", reviewed") },
		"sources": func(v *yaml.Node) bool {
			items, ok := d.seq(v, what+", sources")
			for i, s := range items {
				src := Source{Pos: d.pos(s)}
				sw := fmt.Sprintf("%s, source %d", what, i+1)
				d.mapping(s, sw, e, "sources."+strconv.Itoa(i+1)+".", map[string]func(*yaml.Node) bool{
					"seed":      func(v *yaml.Node) bool { return d.str(&src.Seed, v, sw+", seed") },
					"block":     func(v *yaml.Node) bool { return d.block(&src.Block, v, sw) },
					"quote":     func(v *yaml.Node) bool { return d.str(&src.Quote, v, sw+", quote") },
					"published": func(v *yaml.Node) bool { return d.str(&src.Published, v, sw+", published") },
				})
				e.Sources = append(e.Sources, src)
			}
			return ok
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
	ok := d.mapping(n, what, t, "", map[string]func(*yaml.Node) bool{
		"id":       func(v *yaml.Node) bool { return d.str(&t.ID, v, what+", id") },
		"title":    func(v *yaml.Node) bool { return d.line(&t.Title, v, what+", title") },
		"product":  func(v *yaml.Node) bool { return d.line(&t.Product, v, what+", product") },
		"symptoms": func(v *yaml.Node) bool { return d.lineList(&t.Symptoms, v, what+", symptoms") },
		"start":    func(v *yaml.Node) bool { return d.str(&t.Start, v, what+", start") },
		"origin":   func(v *yaml.Node) bool { return d.str(&t.Origin, v, what+", origin") },
		"owner":    func(v *yaml.Node) bool { return d.str(&t.Owner, v, what+", owner") },
		"reviewed": func(v *yaml.Node) bool { return d.str(&t.Reviewed, v, what+", reviewed") },
		"nodes": func(v *yaml.Node) bool {
			items, ok := d.seq(v, what+", nodes")
			for _, item := range items {
				if nd := d.node(item); nd != nil {
					t.Nodes = append(t.Nodes, nd)
				} else {
					ok = false
				}
			}
			return ok
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
	ok := d.mapping(n, what, nd, "", map[string]func(*yaml.Node) bool{
		"id":            func(v *yaml.Node) bool { return d.str(&nd.ID, v, what+", id") },
		"kind":          func(v *yaml.Node) bool { return d.str(&nd.Kind, v, what+", kind") },
		"text":          func(v *yaml.Node) bool { return d.str(&nd.Text, v, what+", text") },
		"help":          func(v *yaml.Node) bool { return d.str(&nd.Help, v, what+", help") },
		"check":         func(v *yaml.Node) bool { return d.str(&nd.Check, v, what+", check") },
		"verdict":       func(v *yaml.Node) bool { return d.line(&nd.Verdict, v, what+", verdict") },
		"verdict_label": func(v *yaml.Node) bool { return d.line(&nd.VerdictLabel, v, what+", verdict_label") },
		"steps":         func(v *yaml.Node) bool { return d.strList(&nd.Steps, v, what+", steps") },
		"entries":       func(v *yaml.Node) bool { return d.strList(&nd.Entries, v, what+", entries") },
		"options": func(v *yaml.Node) bool {
			items, ok := d.seq(v, what+", options")
			// A duplicate option id is reported here, at the id, where
			// Validate has only the option's position (its next's).
			ids := map[string]bool{}
			for i, o := range items {
				opt := Option{Pos: d.pos(o)}
				ow := fmt.Sprintf("%s, option %d", what, i+1)
				if id := lookup(o, "id"); id != "" {
					ow = fmt.Sprintf("%s, option %q", what, id)
				}
				prefix := "options." + strconv.Itoa(i+1) + "."
				var idNode *yaml.Node
				d.mapping(o, ow, nd, prefix, map[string]func(*yaml.Node) bool{
					"id": func(v *yaml.Node) bool {
						idNode = v
						return d.str(&opt.ID, v, ow+", id")
					},
					"label": func(v *yaml.Node) bool { return d.line(&opt.Label, v, ow+", label") },
					"next": func(v *yaml.Node) bool {
						opt.Pos = d.pos(v)
						return d.str(&opt.Next, v, ow+", next")
					},
				})
				if opt.ID != "" && ids[opt.ID] {
					d.errf(idNode, "%s: duplicate option id %q", what, opt.ID)
					d.rep.add(nd, prefix+"id")
				}
				ids[opt.ID] = true
				nd.Options = append(nd.Options, opt)
			}
			return ok
		},
		"outcomes": func(v *yaml.Node) bool {
			items, ok := d.seq(v, what+", outcomes")
			for i, o := range items {
				out := Outcome{Pos: d.pos(o)}
				ow := fmt.Sprintf("%s, outcome %d", what, i+1)
				d.mapping(o, ow, nd, "outcomes."+strconv.Itoa(i+1)+".", map[string]func(*yaml.Node) bool{
					"result": func(v *yaml.Node) bool { return d.str(&out.Result, v, ow+", result") },
					"next": func(v *yaml.Node) bool {
						out.Pos = d.pos(v)
						return d.str(&out.Next, v, ow+", next")
					},
				})
				nd.Outcomes = append(nd.Outcomes, out)
			}
			return ok
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
