package kb

import (
	"fmt"
	"sort"
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
	return b.String()
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
