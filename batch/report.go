package batch

import (
	"bufio"
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io"
	"math"
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// Formats of a report.
const (
	FormatText = "text"
	FormatMD   = "md"
	FormatJSON = "json"
	FormatHTML = "html"
)

// Formats lists the report formats.
var Formats = []string{FormatText, FormatMD, FormatJSON, FormatHTML}

// Write renders the report in format; width is the terminal's, for text.
func (r Report) Write(w io.Writer, format string, width int) error {
	switch format {
	case FormatText, "":
		_, err := io.WriteString(w, r.Text(width))
		return err
	case FormatMD:
		_, err := io.WriteString(w, r.Markdown())
		return err
	case FormatJSON:
		b, err := json.MarshalIndent(r, "", "  ")
		if err != nil {
			return err
		}
		_, err = w.Write(append(b, '\n'))
		return err
	case FormatHTML:
		return r.HTML(w)
	}
	return fmt.Errorf("unknown report format %q (text, md, json, html)", format)
}

// pct is a share in French: "71,2 %".
func pct(x float64) string {
	return strings.Replace(fmt.Sprintf("%.1f %%", 100*x), ".", ",", 1)
}

// section is one block of bars.
type section struct {
	title string
	rows  []Count
}

func (r Report) sections() []section {
	s := []section{
		{"Confiance", r.Bands},
		{"Arbres (le premier proposé pour chaque ticket)", r.Trees},
	}
	idTitle := fmt.Sprintf("Identifiants : %d repérés, %d invalides, par type et problème", r.Identifiers.Found, r.Identifiers.Invalid)
	s = append(s, section{idTitle, r.Identifiers.Problems})
	s = append(s, section{"Questions connues que les réponses officielles ne couvrent pas (tickets qui les posent)", r.Gaps})
	s = append(s, section{fmt.Sprintf("Mots les plus fréquents des tickets sans réponse officielle (%d tickets)", r.Unanswered), r.Words})
	if r.BadLines > 0 {
		s = append(s, section{fmt.Sprintf("Lignes en erreur : %d", r.BadLines), r.Bad})
	}
	return s
}

func (r Report) heading() string {
	h := fmt.Sprintf("Tri par lot : %d tickets triés", r.Tickets)
	if r.BadLines > 0 {
		h += fmt.Sprintf(" ; lignes en erreur : %d", r.BadLines)
	}
	return h
}

// textLabel is the label of a row on a terminal: the tree id for trees
// (short, and what to open), the label otherwise.
func textLabel(sec int, c Count) string {
	if (sec == 1 && c.Key != NoTreeKey) || sec == 2 {
		return c.Key
	}
	return c.Label
}

// Text is the terminal report: a block per section, each row a label, the
// count, the share and a horizontal bar, fitting width columns.
func (r Report) Text(width int) string {
	if width <= 0 {
		width = 80
	}
	width = max(width, 40)
	secs := r.sections()
	labelW := 0
	for si, s := range secs {
		for _, c := range s.rows {
			labelW = max(labelW, ansi.StringWidth((textLabel(si, c))))
		}
	}
	const numW, pctW, minBar = 6, 8, 8
	fixed := 2 + 1 + numW + 1 + pctW + 2
	labelW = max(min(labelW, width*2/5, width-fixed-minBar), 1)
	barW := width - fixed - labelW
	var b strings.Builder
	b.WriteString(ansi.Truncate(r.heading(), width, "…") + "\n")
	for si, s := range secs {
		b.WriteString("\n" + ansi.Truncate(s.title, width, "…") + "\n")
		if len(s.rows) == 0 {
			b.WriteString("  (aucun)\n")
			continue
		}
		top := 0
		for _, c := range s.rows {
			top = max(top, c.Count)
		}
		for _, c := range s.rows {
			l := ansi.Truncate((textLabel(si, c)), labelW, "…")
			pad := strings.Repeat(" ", labelW-ansi.StringWidth(l))
			fmt.Fprintf(&b, "  %s%s %*d %*s  %s\n", l, pad, numW, c.Count, pctW, pct(c.Share), bar(c.Count, top, barW))
		}
	}
	return b.String()
}

// bar is n/top of width cells, in eighths of a cell.
func bar(n, top, width int) string {
	if top <= 0 || n <= 0 {
		return ""
	}
	eighths := int(math.Round(float64(n) / float64(top) * float64(width*8)))
	eighths = max(eighths, 1)
	s := strings.Repeat("█", eighths/8)
	if rem := eighths % 8; rem > 0 {
		s += string([]rune("▏▎▍▌▋▊▉")[rem-1])
	}
	return s
}

// Markdown is the report as Markdown tables.
func (r Report) Markdown() string {
	var b strings.Builder
	b.WriteString("# " + mdEscape(r.heading()) + "\n")
	for si, s := range r.sections() {
		b.WriteString("\n## " + mdEscape(s.title) + "\n\n")
		if len(s.rows) == 0 {
			b.WriteString("(aucun)\n")
			continue
		}
		if si == 1 {
			b.WriteString("| arbre | titre | tickets | part | dont confiance haute |\n|---|---|--:|--:|--:|\n")
		} else {
			b.WriteString("| | nombre | part |\n|---|--:|--:|\n")
		}
		for _, c := range s.rows {
			if si == 1 {
				high := ""
				if c.High != nil {
					high = fmt.Sprint(*c.High)
				}
				fmt.Fprintf(&b, "| %s | %s | %d | %s | %s |\n", mdEscape(c.Key), mdEscape(c.Label), c.Count, pct(c.Share), high)
				continue
			}
			fmt.Fprintf(&b, "| %s | %d | %s |\n", mdEscape(c.Label), c.Count, pct(c.Share))
		}
	}
	return b.String()
}

// mdEscape makes s literal Markdown text on one line, table cells
// included: emphasis, code, links, HTML, entities and pipes are escaped
// (what starts a line, # or -, never reaches the start of one here).
func mdEscape(s string) string {
	s = (s)
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune("\\`*_[]<>|~&", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

//go:embed report.css
var reportCSS string

// chart is an SVG bar chart of a section, laid out.
type chart struct {
	Title  string
	Width  int
	Height int
	Rows   []chartRow
	Table  []Count
	Trees  bool
}

type chartRow struct {
	Label, Value        string
	LabelX, Y, TextY, W int
	Class               string
}

const (
	chartW    = 720
	chartRowH = 22
	chartBarX = 300
	chartBarW = 290
)

func makeChart(title string, rows []Count, trees bool) chart {
	c := chart{Title: title, Width: chartW, Table: rows, Trees: trees}
	top := 0
	for _, r := range rows {
		top = max(top, r.Count)
	}
	for i, r := range rows {
		w := 0
		if top > 0 {
			w = int(math.Round(float64(r.Count) / float64(top) * chartBarW))
		}
		label := r.Label
		if trees && r.Key != NoTreeKey {
			label = r.Key
		}
		class := "bar"
		switch r.Key {
		case "low":
			class = "bar low"
		case "none", NoTreeKey:
			class = "bar none"
		}
		c.Rows = append(c.Rows, chartRow{
			Label: ansi.Truncate((label), 44, "…"), Value: fmt.Sprintf("%d (%s)", r.Count, pct(r.Share)),
			LabelX: chartBarX - 10, Y: 4 + i*chartRowH, TextY: 4 + i*chartRowH + 15, W: max(w, 1), Class: class,
		})
	}
	c.Height = 8 + len(rows)*chartRowH
	return c
}

// HTML writes the report as one self-contained page: inline CSS, inline
// SVG bar charts, no script, no reference to anything outside the file.
// Every text is escaped with html.EscapeString (text and quoted
// attributes are its only contexts). html/template would do it too, but
// its reflection keeps every method of every linked type in the binary
// (62 functions of package net instead of 12, see TestOffline).
func (r Report) HTML(w io.Writer) error {
	e := html.EscapeString
	var b strings.Builder
	b.WriteString("<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\"/>\n" +
		"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
	fmt.Fprintf(&b, "<title>%s</title>\n<style>\n%s</style>\n</head>\n<body>\n<h1>%s</h1>\n", e(r.heading()), reportCSS, e(r.heading()))
	for si, s := range r.sections() {
		c := makeChart(s.title, s.rows, si == 1)
		fmt.Fprintf(&b, "<section>\n<h2>%s</h2>\n", e(c.Title))
		if len(c.Rows) == 0 {
			b.WriteString("<p class=\"empty\">(aucun)</p>\n</section>\n")
			continue
		}
		fmt.Fprintf(&b, "<svg width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s\">\n",
			c.Width, c.Height, c.Width, c.Height, e(c.Title))
		for _, row := range c.Rows {
			fmt.Fprintf(&b, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>\n", row.LabelX, row.TextY, e(row.Label))
			fmt.Fprintf(&b, "<rect class=\"%s\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"16\" rx=\"2\"></rect>\n", row.Class, chartBarX, row.Y, row.W)
			fmt.Fprintf(&b, "<text class=\"value\" x=\"%d\" y=\"%d\">%s</text>\n", chartBarX+row.W+6, row.TextY, e(row.Value))
		}
		b.WriteString("</svg>\n<table>\n")
		if c.Trees {
			b.WriteString("<tr><th>arbre</th><th>titre</th><th>tickets</th><th>part</th><th>dont confiance haute</th></tr>\n")
		}
		for _, t := range c.Table {
			if c.Trees {
				high := ""
				if t.High != nil {
					high = fmt.Sprint(*t.High)
				}
				fmt.Fprintf(&b, "<tr><td class=\"id\">%s</td><td>%s</td><td class=\"n\">%d</td><td class=\"n\">%s</td><td class=\"n\">%s</td></tr>\n",
					e(t.Key), e(t.Label), t.Count, e(pct(t.Share)), high)
				continue
			}
			fmt.Fprintf(&b, "<tr><td>%s</td><td class=\"n\">%d</td><td class=\"n\">%s</td></tr>\n", e(t.Label), t.Count, e(pct(t.Share)))
		}
		b.WriteString("</table>\n</section>\n")
	}
	b.WriteString("</body>\n</html>\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// ReadResults reads a batch's output (JSON lines of Result) into s. A
// line that is not a result is reported on problems with its number and
// counted; it returns how many such lines there were, and the read error
// that stopped it, if any.
func ReadResults(rd io.Reader, s *Summary, problems io.Writer) (int, error) {
	br := bufio.NewReaderSize(rd, 64<<10)
	bad, line := 0, 0
	var buf []byte
	for {
		buf = buf[:0]
		long := false
		var err error
		for {
			var chunk []byte
			chunk, err = br.ReadSlice('\n')
			if len(buf)+len(chunk) <= MaxRecord {
				buf = append(buf, chunk...)
			} else {
				long = true
			}
			if !errors.Is(err, bufio.ErrBufferFull) {
				break
			}
		}
		if len(buf) == 0 && !long {
			if err == io.EOF {
				return bad, nil
			}
			if err != nil {
				return bad, err
			}
		}
		line++
		report := func(msg string) {
			bad++
			if problems != nil {
				fmt.Fprintf(problems, "line %d: %s\n", line, msg)
			}
		}
		trimmed := bytes.TrimSpace(buf)
		switch {
		case long:
			report(fmt.Sprintf("line over the limit of %d bytes", MaxRecord))
		case len(trimmed) == 0:
		case badUTF8(trimmed) >= 0:
			report("invalid UTF-8")
		default:
			var res Result
			if e := json.Unmarshal(trimmed, &res); e != nil {
				report("not a batch result: " + jsonErr(e))
			} else if res.ErrorKind == "" && res.Confidence == "" {
				report("not a batch result: no confidence and no error_kind")
			} else {
				s.Add(&res)
			}
		}
		if err == io.EOF {
			return bad, nil
		}
		if err != nil {
			return bad, err
		}
	}
}
