package cli

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"ecps-assist/config"
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

// TreesOptions lists the decision trees.
type TreesOptions struct {
	IO   *IOStreams
	KB   func() (*kb.KB, error)
	JSON bool
}

func newCmdTrees(f *factory, runF func(*TreesOptions) error) *cobra.Command {
	opts := &TreesOptions{IO: f.io, KB: f.KB}
	cmd := &cobra.Command{
		Use:   "trees",
		Short: "list the decision trees",
		Long:  "List the decision trees (ids for \"diagnose\" and for opening the assistant on a tree).",
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				return usageErrorf("unexpected argument %q", args[0])
			}
			if runF != nil {
				return runF(opts)
			}
			return treesRun(opts)
		},
	}
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "print JSON")
	return cmd
}

func treesRun(opts *TreesOptions) error {
	k, err := opts.KB()
	if err != nil {
		return err
	}
	trees := k.SortedTrees()
	if opts.JSON {
		out := make([]treeJSON, len(trees))
		for i, t := range trees {
			out[i] = treeJSON{t.ID, t.Title, t.Product, nonNil(t.Symptoms), t.Start, len(t.Nodes)}
		}
		return writeJSON(opts.IO.Out, out)
	}
	w := opts.IO.Out
	rows := make([]row, len(trees))
	team := 0
	for i, t := range trees {
		rows[i] = row{t.Product, t.ID, originTitle(t.Title, t.IsTeam(), t.OriginLabel())}
		if t.IsTeam() {
			team++
		}
	}
	writeGrouped(w, rows, false)
	fmt.Fprintf(w, "\n%d arbres de diagnostic%s\n", len(trees), teamCount(len(trees), team, "officiel", "interne"))
	return nil
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

// Formats of diagnose --format.
var diagnoseFormats = []string{"text", "md", "json", "reply"}

// DiagnoseOptions replays a decision tree.
type DiagnoseOptions struct {
	IO      *IOStreams
	KB      func() (*kb.KB, error)
	Tree    string
	Answers []string // option ids, in order
	Inputs  []string // values typed at check nodes, in order
	Format  string
	// Name fills {nom} of the reply (--name).
	Name string
	// Config gives the escalation line and the reply's greeting and
	// signature.
	Config func() config.Config
}

func newCmdDiagnose(f *factory, runF func(*DiagnoseOptions) error) *cobra.Command {
	opts := &DiagnoseOptions{IO: f.io, KB: f.KB, Config: f.Config}
	var answers string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "diagnose TREE",
		Short: "replay a decision tree",
		Long: "Replay a decision tree: answers are option ids, in order; a check node takes the next --input value.\n" +
			"Prints the path and the conclusion, or the pending question with its options.\n" +
			"Exit 0 concluded, 3 not concluded yet, 2 unknown tree or option.",
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usageErrorf("expected one tree id, got %d arguments", len(args))
			}
			if asJSON {
				if cmd.Flags().Changed("format") && opts.Format != "json" {
					return usageErrorf("--json and --format %s exclude each other", opts.Format)
				}
				opts.Format = "json"
			}
			if !slices.Contains(diagnoseFormats, opts.Format) {
				return usageErrorf("unknown --format %q (text, md, json or reply)", opts.Format)
			}
			opts.Tree = args[0]
			opts.Answers = nil
			if strings.TrimSpace(answers) != "" {
				for _, a := range strings.Split(answers, ",") {
					opts.Answers = append(opts.Answers, strings.TrimSpace(a))
				}
			}
			if runF != nil {
				return runF(opts)
			}
			return diagnoseRun(opts)
		},
	}
	cmd.Flags().StringVar(&answers, "answers", "", "option `ids`, comma-separated, in order")
	cmd.Flags().StringArrayVar(&opts.Inputs, "input", nil, "`VALUE` typed at a check node (repeat for several check nodes)")
	cmd.Flags().StringVar(&opts.Format, "format", "text", "output `format`: text, md, json or reply (the reply to send)")
	cmd.Flags().StringVar(&opts.Name, "name", "", "the correspondent's `NAME`, for {nom} in reply.greeting/signature")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON (as --format json)")
	return cmd
}

func diagnoseRun(opts *DiagnoseOptions) error {
	k, err := opts.KB()
	if err != nil {
		return err
	}
	s, err := diagnose.NewSession(k, opts.Tree)
	if err != nil {
		// A typo gets the close ids, as the root command gives them;
		// with none close, the message lists every tree.
		msg := err.Error()
		if near := didYouMean(opts.Tree, treeIDs(k)); near != "" {
			msg = fmt.Sprintf("unknown tree %q%s", opts.Tree, near)
		}
		return &Error{Code: ExitUsage, Msg: msg}
	}
	ids, inputs := opts.Answers, opts.Inputs
	checked := false // a check node took an --input
	for len(ids) > 0 || (len(inputs) > 0 && s.Current().Kind == kb.KindCheck) {
		n := s.Current()
		if n.Kind == kb.KindConclusion {
			return &Error{Code: ExitUsage, Msg: fmt.Sprintf("conclusion %q reached; extra answers: %s", n.ID, strings.Join(ids, ","))}
		}
		if n.Kind == kb.KindCheck {
			if len(inputs) == 0 {
				break
			}
			if _, err := s.Input(inputs[0]); err == diagnose.ErrEmptyInput {
				// Nothing to check: the check node asks again (exit 3).
				msg := fmt.Sprintf("--input %q is empty: check node %q still waits for an identifier", inputs[0], n.ID)
				inputs = inputs[1:]
				if len(inputs) > 0 || len(ids) > 0 {
					return &Error{Code: ExitUsage, Msg: msg}
				}
				fmt.Fprintf(opts.IO.ErrOut, "ecps-assist diagnose: %s\n", msg)
				break
			} else if err != nil {
				return &Error{Code: ExitUsage, Msg: err.Error()}
			}
			inputs = inputs[1:]
			checked = true
			continue
		}
		if err := s.Answer(ids[0]); err != nil {
			return &Error{Code: ExitUsage, Msg: err.Error()}
		}
		ids = ids[1:]
	}
	if len(ids) > 0 {
		// Stopped at a check node with answers left: they are not its input.
		n := s.Current()
		if isOutcome(n, ids[0]) {
			return &Error{Code: ExitUsage, Msg: fmt.Sprintf("node %q is a check node (%s): %q is one of its outcomes, not an answer; give the identifier with --input and the checker picks the outcome",
				n.ID, checkKind(n), ids[0])}
		}
		return &Error{Code: ExitUsage, Msg: fmt.Sprintf("node %q is a check node (%s): give the identifier with --input before answering %s",
			n.ID, checkKind(n), strings.Join(ids, ","))}
	}
	if len(inputs) > 0 {
		n := s.Current()
		before, left := "any", ""
		if checked {
			before, left = "another", " other"
		}
		if n.Kind == kb.KindConclusion {
			return &Error{Code: ExitUsage, Msg: fmt.Sprintf("--input %q given but conclusion %q is reached with no%s check node on this path", inputs[0], n.ID, left)}
		}
		// The answers stop at a question before the (next) check node.
		return &Error{Code: ExitUsage, Msg: fmt.Sprintf("--input %q given but the answers stop at node %q before %s check node; answer it first (options: %s)",
			inputs[0], n.ID, before, strings.Join(diagnose.OptionIDs(n), ", "))}
	}
	w := opts.IO.Out
	cfg := opts.Config()
	r := diagnose.Renderer{Escalation: cfg.Escalation()}
	t := replyTemplate(cfg, opts.Name)
	switch opts.Format {
	case "json":
		if err := writeJSON(w, diagnoseJSONOf(opts.IO, r, k, s, t)); err != nil {
			return err
		}
	case "md":
		fmt.Fprint(w, r.Markdown(k, s, now()))
	case "reply":
		if !s.Done() {
			// A reply holds the conclusion's answers: before one it
			// would be a greeting and a signature, ready to be sent
			// empty. Nothing on stdout, as "reply": null in JSON.
			return &Error{Code: ExitPending, Msg: noReplyYet(s.Current())}
		}
		writeReply(opts.IO, diagnose.SessionReply(k, s, t), t)
	default:
		fmt.Fprint(w, r.Text(k, s))
	}
	if !s.Done() {
		return exitCode(ExitPending)
	}
	return nil
}

// noReplyYet says why diagnose --format reply printed nothing: the node
// the answers stopped at, and what it waits for.
func noReplyYet(n *kb.Node) string {
	if n.Kind == kb.KindCheck {
		return fmt.Sprintf("no reply exists before a conclusion: the answers stop at check node %q (give the identifier with --input)", n.ID)
	}
	return fmt.Sprintf("no reply exists before a conclusion: the answers stop at question %q (options: %s)",
		n.ID, strings.Join(diagnose.OptionIDs(n), ", "))
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

// idKindNames are the identifier kinds --kind accepts (auto apart).
func idKindNames() []string {
	kinds := make([]string, len(diagnose.IDKinds))
	for i, k := range diagnose.IDKinds {
		kinds[i] = string(k)
	}
	return kinds
}

// CheckIDOptions checks an identifier.
type CheckIDOptions struct {
	IO    *IOStreams
	Value string
	Kind  diagnose.IDKind
	JSON  bool
}

func newCmdCheckID(f *factory, runF func(*CheckIDOptions) error) *cobra.Command {
	opts := &CheckIDOptions{IO: f.io}
	kinds := idKindNames()
	var kindFlag string
	cmd := &cobra.Command{
		Use:   "check-id VALUE",
		Short: "check an identifier",
		Long: "Check a health-professional or structure identifier; the kind is guessed when not given.\n" +
			"Exit 0 valid, 1 invalid, 2 usage.",
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usageErrorf("expected the identifier to check")
			}
			// diagnose.ParseIDKind's message is French, for agents; a
			// flag error is English.
			kind, err := diagnose.ParseIDKind(kindFlag)
			if err != nil {
				return usageErrorf("unknown --kind %q (valid: auto, %s)", kindFlag, strings.Join(kinds, ", "))
			}
			opts.Kind = kind
			// An identifier typed with spaces may arrive as several
			// arguments.
			// typed text enters here: made inert once for every output
			opts.Value = kb.InertLine(strings.Join(args, " "))
			if runF != nil {
				return runF(opts)
			}
			return checkIDRun(opts)
		},
	}
	cmd.Flags().StringVar(&kindFlag, "kind", "", "identifier `kind`: auto (guess it, the default), "+strings.Join(kinds, ", "))
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "print JSON")
	return cmd
}

func checkIDRun(opts *CheckIDOptions) error {
	res := diagnose.CheckID(opts.Value, opts.Kind)
	if res.Problem == diagnose.ProblemEmpty {
		// Nothing but spaces (or separators): nothing to check, a usage
		// error rather than an invalid identifier.
		if strings.TrimSpace(opts.Value) == "" {
			return usageErrorf("the identifier is empty or blank: give the value to check")
		}
		return usageErrorf("the identifier %q holds only spaces and separators: give the value to check", opts.Value)
	}
	if opts.JSON {
		if err := writeJSON(opts.IO.Out, res); err != nil {
			return err
		}
	} else {
		writeIDResult(opts.IO.Out, res, "")
	}
	if !res.Valid {
		return exitCode(ExitFail)
	}
	return nil
}

// writeIDResult prints an identifier verdict, each line after indent: the
// status and kind, the message, the correction and the notes.
func writeIDResult(w io.Writer, res diagnose.IDResult, indent string) {
	status := "INVALIDE"
	if res.Valid {
		status = "VALIDE"
	}
	fmt.Fprintf(w, "%s%s — %s\n", indent, status, res.KindLabel)
	fmt.Fprintf(w, "%s%s\n", indent, res.Message)
	if res.Fix != "" {
		fmt.Fprintf(w, "%sCorrection : %s\n", indent, res.Fix)
	}
	for _, n := range res.Notes {
		fmt.Fprintf(w, "%sNote : %s\n", indent, n)
	}
}
