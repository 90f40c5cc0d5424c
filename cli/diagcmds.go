package cli

import (
	"fmt"
	"io"
	"strings"
	"time"

	"ecps-assist/diagnose"
	"ecps-assist/kb"
)

// now is the clock of transcripts; tests fix it.
var now = time.Now

type treeJSON struct {
	ID       string   `json:"id"`
	Title    string   `json:"title"`
	Product  string   `json:"product"`
	Symptoms []string `json:"symptoms"`
	Start    string   `json:"start"`
	Nodes    int      `json:"nodes"`
}

func sortedTrees(k *kb.KB) []*kb.Tree {
	out := append([]*kb.Tree(nil), k.Trees...)
	// Stable by product order, then catalog order.
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && kb.ProductRank(out[j].Product) < kb.ProductRank(out[j-1].Product); j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

func cmdTrees(c *ctx, args []string) int {
	fs := c.flags("trees", "[--json]", "List the decision trees (ids for \"diagnose\" and for opening the assistant on a tree).")
	asJSON := fs.Bool("json", false, "print JSON")
	pos, code, ok := parse(fs, args)
	if !ok {
		return code
	}
	if len(pos) > 0 {
		return usageErr(c, fs, "unexpected argument %q", pos[0])
	}
	k := c.kb()
	if k == nil {
		return ExitFail
	}
	trees := sortedTrees(k)
	if *asJSON {
		out := make([]treeJSON, len(trees))
		for i, t := range trees {
			out[i] = treeJSON{t.ID, t.Title, t.Product, nonNil(t.Symptoms), t.Start, len(t.Nodes)}
		}
		return writeJSON(c.env.Stdout, out)
	}
	w := c.env.Stdout
	rows := make([]row, len(trees))
	for i, t := range trees {
		rows[i] = row{t.Product, t.ID, t.Title}
	}
	writeGrouped(w, rows, false)
	fmt.Fprintf(w, "\n%d arbres de diagnostic\n", len(trees))
	return ExitOK
}

func treeIDs(k *kb.KB) []string {
	ids := make([]string, len(k.Trees))
	for i, t := range k.Trees {
		ids[i] = t.ID
	}
	return ids
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, ",") }
func (m *multiFlag) Set(v string) error { *m = append(*m, v); return nil }

func cmdDiagnose(c *ctx, args []string) int {
	fs := c.flags("diagnose", "TREE [--answers id1,id2,...] [--input VALUE] [--format text|md|json|reply] [--name NAME]",
		"Replay a decision tree: answers are option ids, in order; a check node takes the next --input value.\n"+
			"Prints the path and the conclusion, or the pending question with its options.\n"+
			"Exit 0 concluded, 3 not concluded yet, 2 unknown tree or option.")
	answers := fs.String("answers", "", "option ids, comma-separated, in order")
	var inputs multiFlag
	fs.Var(&inputs, "input", "value typed at a check node (repeat for several check nodes)")
	format := fs.String("format", "text", "output format: text, md, json or reply (the reply to send)")
	name := fs.String("name", "", "the correspondent's name, for {nom} in reply.greeting/signature")
	pos, code, ok := parse(fs, args)
	if !ok {
		return code
	}
	if len(pos) != 1 {
		return usageErr(c, fs, "expected one tree id, got %d arguments", len(pos))
	}
	switch *format {
	case "text", "md", "json", "reply":
	default:
		return usageErr(c, fs, "unknown --format %q (text, md, json or reply)", *format)
	}
	ro := ReplyOptions{Name: *name, Stdout: c.env.Stdout, Stderr: c.env.Stderr}
	k := c.kb()
	if k == nil {
		return ExitFail
	}
	s, err := diagnose.NewSession(k, pos[0])
	if err != nil {
		fmt.Fprintf(c.env.Stderr, "ecps-assist diagnose: %s", kb.InertLine(err.Error()))
		if near := nearIDs(pos[0], treeIDs(k)); len(near) > 0 {
			fmt.Fprintf(c.env.Stderr, "; did you mean: %s", strings.Join(near, ", "))
		}
		fmt.Fprintln(c.env.Stderr)
		return ExitUsage
	}
	var ids []string
	if strings.TrimSpace(*answers) != "" {
		for _, a := range strings.Split(*answers, ",") {
			ids = append(ids, strings.TrimSpace(a))
		}
	}
	checked := false // a check node took an --input
	for len(ids) > 0 || (len(inputs) > 0 && s.Current().Kind == kb.KindCheck) {
		n := s.Current()
		if n.Kind == kb.KindConclusion {
			fmt.Fprintf(c.env.Stderr, "ecps-assist diagnose: conclusion %q reached; extra answers: %s\n", n.ID, kb.InertLine(strings.Join(ids, ",")))
			return ExitUsage
		}
		if n.Kind == kb.KindCheck {
			if len(inputs) == 0 {
				break
			}
			if _, err := s.Input(inputs[0]); err == diagnose.ErrEmptyInput {
				// Nothing to check: the check node asks again (exit 3).
				fmt.Fprintf(c.env.Stderr, "ecps-assist diagnose: --input %q is empty: check node %q still waits for an identifier\n", kb.InertLine(inputs[0]), n.ID)
				inputs = inputs[1:]
				if len(inputs) > 0 || len(ids) > 0 {
					return ExitUsage
				}
				break
			} else if err != nil {
				fmt.Fprintf(c.env.Stderr, "ecps-assist diagnose: %s\n", kb.InertLine(err.Error()))
				return ExitUsage
			}
			inputs = inputs[1:]
			checked = true
			continue
		}
		if err := s.Answer(ids[0]); err != nil {
			fmt.Fprintf(c.env.Stderr, "ecps-assist diagnose: %s\n", kb.InertLine(err.Error()))
			return ExitUsage
		}
		ids = ids[1:]
	}
	if len(ids) > 0 {
		// Stopped at a check node with answers left: they are not its input.
		n := s.Current()
		if isOutcome(n, ids[0]) {
			fmt.Fprintf(c.env.Stderr, "ecps-assist diagnose: node %q is a check node (%s): %q is one of its outcomes, not an answer; give the identifier with --input and the checker picks the outcome\n",
				n.ID, checkKind(n), kb.InertLine(ids[0]))
		} else {
			fmt.Fprintf(c.env.Stderr, "ecps-assist diagnose: node %q is a check node (%s): give the identifier with --input before answering %s\n",
				n.ID, checkKind(n), kb.InertLine(strings.Join(ids, ",")))
		}
		return ExitUsage
	}
	if len(inputs) > 0 {
		n := s.Current()
		before, left := "any", ""
		if checked {
			before, left = "another", " other"
		}
		if n.Kind == kb.KindConclusion {
			fmt.Fprintf(c.env.Stderr, "ecps-assist diagnose: --input %q given but conclusion %q is reached with no%s check node on this path\n", kb.InertLine(inputs[0]), n.ID, left)
		} else {
			// The answers stop at a question before the (next) check node.
			fmt.Fprintf(c.env.Stderr, "ecps-assist diagnose: --input %q given but the answers stop at node %q before %s check node; answer it first (options: %s)\n",
				kb.InertLine(inputs[0]), n.ID, before, strings.Join(diagnose.OptionIDs(n), ", "))
		}
		return ExitUsage
	}
	switch *format {
	case "json":
		writeJSON(c.env.Stdout, DiagnoseJSON(ro, k, s))
	case "reply":
		RunDiagnoseReply(ro, k, s)
	case "md":
		fmt.Fprint(c.env.Stdout, diagnose.Markdown(k, s, now()))
	default:
		fmt.Fprint(c.env.Stdout, diagnose.Text(k, s))
	}
	if !s.Done() {
		return ExitPending
	}
	return ExitOK
}

// isOutcome reports whether id is one of a check node's outcomes (or the
// checker's generic valid/invalid).
func isOutcome(n *kb.Node, id string) bool {
	if id == "valid" || id == "invalid" {
		return true
	}
	for _, o := range n.Outcomes {
		if o.Result == id {
			return true
		}
	}
	return false
}

// checkKind is the identifier kind a check node verifies.
func checkKind(n *kb.Node) string {
	if n.Check == "" {
		return string(diagnose.KindAuto)
	}
	return n.Check
}

func cmdCheckID(c *ctx, args []string) int {
	kinds := make([]string, len(diagnose.IDKinds))
	for i, k := range diagnose.IDKinds {
		kinds[i] = string(k)
	}
	fs := c.flags("check-id", "VALUE [--kind "+strings.Join(kinds, "|")+"] [--json]",
		"Check a health-professional or structure identifier; the kind is guessed when not given.\nExit 0 valid, 1 invalid, 2 usage.")
	kindFlag := fs.String("kind", "", "identifier kind: "+strings.Join(kinds, ", ")+" (default: guessed)")
	asJSON := fs.Bool("json", false, "print JSON")
	pos, code, ok := parse(fs, args)
	if !ok {
		return code
	}
	if len(pos) == 0 {
		return usageErr(c, fs, "expected the identifier to check")
	}
	// diagnose.ParseIDKind's message is French, for agents; a flag error is
	// English.
	kind, err := diagnose.ParseIDKind(*kindFlag)
	if err != nil {
		return usageErr(c, fs, "unknown --kind %q (valid: auto, %s)", *kindFlag, strings.Join(kinds, ", "))
	}
	// An identifier typed with spaces may arrive as several arguments.
	value := strings.Join(pos, " ")
	res := diagnose.CheckID(value, kind)
	if res.Problem == diagnose.ProblemEmpty {
		// Nothing but spaces (or separators): nothing to check, a usage
		// error rather than an invalid identifier.
		if strings.TrimSpace(value) == "" {
			return usageErr(c, fs, "the identifier is empty or blank: give the value to check")
		}
		return usageErr(c, fs, "the identifier %q holds only spaces and separators: give the value to check", value)
	}
	if *asJSON {
		writeJSON(c.env.Stdout, res)
	} else {
		writeIDResult(c.env.Stdout, res, "")
	}
	if !res.Valid {
		return ExitFail
	}
	return ExitOK
}

// writeIDResult prints an identifier verdict, each line after indent: the
// status and kind, the message, the correction and the notes.
func writeIDResult(w io.Writer, res diagnose.IDResult, indent string) {
	status := "INVALIDE"
	if res.Valid {
		status = "VALIDE"
	}
	fmt.Fprintf(w, "%s%s — %s\n", indent, status, kb.InertLine(res.KindLabel))
	fmt.Fprintf(w, "%s%s\n", indent, kb.InertLine(res.Message))
	if res.Fix != "" {
		fmt.Fprintf(w, "%sCorrection : %s\n", indent, kb.InertLine(res.Fix))
	}
	for _, n := range res.Notes {
		fmt.Fprintf(w, "%sNote : %s\n", indent, kb.InertLine(n))
	}
}
