// Command ecps-assist is a terminal troubleshooting assistant for French
// health-IT support: decision trees, search and triage over the official
// answers of the Agence du numérique en santé, offline.
package main

import (
	"embed"
	"io/fs"
	"os"

	"ecps-assist/cli"
	"ecps-assist/tui"
)

//go:embed seeds/*.txt
var seedFiles embed.FS

func main() {
	seeds, _ := fs.Sub(seedFiles, "seeds")
	os.Exit(cli.Run(cli.Env{
		Args:       os.Args[1:],
		Stdin:      os.Stdin,
		Stdout:     os.Stdout,
		Stderr:     os.Stderr,
		Getenv:     os.Getenv,
		Seeds:      seeds,
		IsTerminal: tui.IsTerminal(os.Stdout),
		// Only for a hint before reading a ticket from stdin.
		StdinIsTerminal: tui.IsTerminal(os.Stdin),
		RunTUI: func(o cli.TUIOptions) error {
			return tui.Run(tui.Options{KB: o.KB, Load: o.Load, TreeID: o.TreeID, Ticket: o.Ticket, Warn: o.Warn, Theme: o.Theme,
				ExportDir: o.ExportDir, Escalation: o.Config.EscalationLine, Reply: o.Reply,
				Journal: o.Journal, Resume: o.Resume})
		},
	}))
}
