package cli

// The « Réponse au client » on the command line: diagnose --format reply,
// show --format reply and the "reply" field of diagnose --format json.

import (
	"fmt"

	"ecps-assist/config"
	"ecps-assist/diagnose"
	"ecps-assist/kb"
)

// replyTemplate is the reply's greeting, signature and agent from the
// configuration, and the correspondent's name for {nom}.
func replyTemplate(c config.Config, name string) diagnose.ReplyTemplate {
	return diagnose.ReplyTemplate{Greeting: c.Greeting(), Signature: c.Signature(), Agent: c.Reply.Agent,
		Name: kb.InertLine(name)} // --name, typed: made inert as it enters
}

// writeReply prints a reply on stdout; the lines left out for a
// placeholder without a value, and a --name that does not show, are said
// on stderr, never silently.
func writeReply(io *IOStreams, r diagnose.Reply, t diagnose.ReplyTemplate) {
	fmt.Fprint(io.Out, r.Text())
	replyNotices(io, r, t)
}

func replyNotices(io *IOStreams, r diagnose.Reply, t diagnose.ReplyTemplate) {
	for _, n := range []string{r.DroppedNotice(), t.NameNotice()} {
		if n != "" {
			fmt.Fprintf(io.ErrOut, "ecps-assist: %s\n", n)
		}
	}
}

// diagnoseJSON is diagnose --format json: the report and, at a
// conclusion, the reply (null before).
type diagnoseJSON struct {
	diagnose.Report
	Reply *string `json:"reply"`
}

// diagnoseJSONOf is the JSON document of a replayed session.
func diagnoseJSONOf(io *IOStreams, r diagnose.Renderer, k *kb.KB, s *diagnose.Session, t diagnose.ReplyTemplate) any {
	out := diagnoseJSON{Report: r.Report(s)}
	if s.Done() {
		rep := diagnose.SessionReply(k, s, t)
		text := rep.Text()
		out.Reply = &text
		replyNotices(io, rep, t)
	}
	return out
}
