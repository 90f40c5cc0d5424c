package cli

// The « Réponse au client » on the command line: diagnose --format reply,
// show --format reply and the "reply" field of diagnose --format json. The
// logic is in run functions taking their I/O, so that the wiring into the
// command dispatcher stays a few lines.

import (
	"fmt"
	"io"
	"os"

	"ecps-assist/config"
	"ecps-assist/diagnose"
	"ecps-assist/kb"
)

// getenv resolves the configuration file's path; tests replace it.
var getenv = os.Getenv

// ReplyOptions is what the reply commands need.
type ReplyOptions struct {
	// Name fills {nom} (the correspondent), when given.
	Name string
	// Config is the configuration file to read ("" for
	// $XDG_CONFIG_HOME/ecps-assist/config.yaml).
	Config string
	Stdout io.Writer
	Stderr io.Writer
}

// ReplyTemplate reads the reply's greeting, signature and agent from the
// configuration file; its problems are warnings on stderr (the defaults
// are used for what could not be read).
func (o ReplyOptions) ReplyTemplate() diagnose.ReplyTemplate {
	t, probs := o.loadTemplate()
	for _, p := range probs {
		fmt.Fprintf(o.Stderr, "ecps-assist: warning: %s\n", kb.InertLine(p.String()))
	}
	return t
}

func (o ReplyOptions) loadTemplate() (diagnose.ReplyTemplate, []config.Problem) {
	path := o.Config
	if path == "" {
		path = config.Path(getenv)
	}
	c, probs := config.Load(path)
	return diagnose.ReplyTemplate{Greeting: c.Greeting(), Signature: c.Signature(), Agent: c.Reply.Agent, Name: o.Name}, probs
}

// tuiReplyTemplate is the reply template for the TUI and, when the
// configuration file has problems, the warning it shows (French).
func tuiReplyTemplate() (diagnose.ReplyTemplate, string) {
	t, probs := ReplyOptions{}.loadTemplate()
	if len(probs) == 0 {
		return t, ""
	}
	return t, fmt.Sprintf("configuration : %d problème(s), valeurs par défaut utilisées ; %s", len(probs), probs[0].String())
}

// runReply prints a reply on stdout; the lines left out for a placeholder
// without a value are named on stderr, never silently.
func runReply(o ReplyOptions, r diagnose.Reply) int {
	fmt.Fprint(o.Stdout, r.Text())
	if n := r.DroppedNotice(); n != "" {
		fmt.Fprintf(o.Stderr, "ecps-assist: %s\n", n)
	}
	return ExitOK
}

// RunDiagnoseReply prints the reply of a replayed session (the checks only
// while no conclusion is reached; the caller's exit code says so).
func RunDiagnoseReply(o ReplyOptions, k *kb.KB, s *diagnose.Session) int {
	return runReply(o, diagnose.SessionReply(k, s, o.ReplyTemplate()))
}

// RunShowReply prints the reply of one answer.
func RunShowReply(o ReplyOptions, e *kb.Entry) int {
	return runReply(o, diagnose.EntryReply(e, o.ReplyTemplate()))
}

// diagnoseJSON is diagnose --format json: the report and, at a
// conclusion, the reply (null before).
type diagnoseJSON struct {
	diagnose.Report
	Reply *string `json:"reply"`
}

// DiagnoseJSON is the JSON document of a replayed session.
func DiagnoseJSON(o ReplyOptions, k *kb.KB, s *diagnose.Session) any {
	out := diagnoseJSON{Report: diagnose.NewReport(s)}
	if s.Done() {
		r := diagnose.SessionReply(k, s, o.ReplyTemplate())
		text := r.Text()
		out.Reply = &text
		if n := r.DroppedNotice(); n != "" {
			fmt.Fprintf(o.Stderr, "ecps-assist: %s\n", n)
		}
	}
	return out
}
