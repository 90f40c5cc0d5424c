package kb

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// Severity of a Problem.
type Severity int

const (
	// SevError makes a KB invalid.
	SevError Severity = iota
	// SevNote is informative (an override replaced an embedded id).
	SevNote
)

// Problem is one validation finding, located in its file.
type Problem struct {
	Pos      Pos
	Msg      string
	Severity Severity
}

func (p Problem) String() string {
	var b strings.Builder
	if p.Pos.File != "" {
		b.WriteString(p.Pos.File)
		if p.Pos.Line > 0 {
			fmt.Fprintf(&b, ":%d:%d", p.Pos.Line, p.Pos.Col)
		}
		b.WriteString(": ")
	}
	if p.Severity == SevNote {
		b.WriteString("note: ")
	}
	b.WriteString(p.Msg)
	// A problem quotes files the tool did not write (their names, their
	// values): its text is made inert here, once for every output.
	return InertLine(b.String())
}

// Problems is a list of findings; as an error it reports the errors only.
type Problems []Problem

// Errors returns the findings of severity SevError.
func (ps Problems) Errors() Problems {
	var out Problems
	for _, p := range ps {
		if p.Severity == SevError {
			out = append(out, p)
		}
	}
	return out
}

// Notes returns the findings of severity SevNote.
func (ps Problems) Notes() Problems {
	var out Problems
	for _, p := range ps {
		if p.Severity == SevNote {
			out = append(out, p)
		}
	}
	return out
}

// Sort orders findings by file, line and column.
func (ps Problems) Sort() {
	sort.SliceStable(ps, func(i, j int) bool {
		a, b := ps[i].Pos, ps[j].Pos
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
}

func (ps Problems) Error() string {
	errs := ps.Errors()
	lines := make([]string, len(errs))
	for i, p := range errs {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

func (ps *Problems) add(pos Pos, format string, args ...any) {
	*ps = append(*ps, Problem{Pos: pos, Msg: fmt.Sprintf(format, args...)})
}

func (ps *Problems) note(pos Pos, format string, args ...any) {
	*ps = append(*ps, Problem{Pos: pos, Msg: fmt.Sprintf(format, args...), Severity: SevNote})
}

// fieldRef names one field of a decoded value: owner is its *Entry, *Tree
// or *Node, path the field ("title") or a field of one of its list items
// ("sources.2.block", "options.1.id"; items count from 1).
type fieldRef struct {
	owner any
	path  string
}

// reportedSet holds the fields whose problem the decoder has already
// reported (a value of the wrong type, a block out of range, a duplicate
// option id), so that validation does not report the same cause again as
// an empty, missing or invalid value: one cause, one problem.
type reportedSet map[fieldRef]bool

func (r *reportedSet) add(owner any, path string) {
	if *r == nil {
		*r = reportedSet{}
	}
	(*r)[fieldRef{owner, path}] = true
}

// has reports whether the field at path, or what holds it (the list item
// "sources.2" that was not a mapping, the list "sources" that was not a
// list), was reported.
func (r reportedSet) has(owner any, path string) bool {
	if len(r) == 0 {
		return false
	}
	for {
		if r[fieldRef{owner, path}] {
			return true
		}
		i := strings.LastIndexByte(path, '.')
		if i < 0 {
			return false
		}
		path = path[:i]
	}
}

// hasItem is has for a field of item i (from 1) of list ("sources",
// "options", "outcomes"); it builds the path only when something was
// reported.
func (r reportedSet) hasItem(owner any, list string, i int, field string) bool {
	if len(r) == 0 {
		return false
	}
	return r.has(owner, list+"."+strconv.Itoa(i)+"."+field)
}

// union returns the fields reported in r or in o.
func (r reportedSet) union(o reportedSet) reportedSet {
	if len(o) == 0 {
		return r
	}
	if len(r) == 0 {
		return o
	}
	out := make(reportedSet, len(r)+len(o))
	for k := range r {
		out[k] = true
	}
	for k := range o {
		out[k] = true
	}
	return out
}
