package cli

import (
	"fmt"
	"os"

	"ecps-assist/accessible"
	"ecps-assist/config"
)

// uiFlags are the global flags of the interactive assistant (issue 13).
type uiFlags struct {
	accessible bool   // --accessible
	theme      string // --theme auto|light|dark
}

// accessibleOn reports whether the plain-text mode for screen readers is
// asked for: --accessible, or ACCESSIBLE set to anything but "", "0" or
// "false" (as huh and GitHub's CLI read it).
func (f uiFlags) accessibleOn() bool {
	v := os.Getenv("ACCESSIBLE")
	return f.accessible || v != "" && v != "0" && v != "false"
}

// checkTheme validates --theme.
func (f uiFlags) checkTheme() error {
	switch f.theme {
	case "", config.ThemeAuto, config.ThemeLight, config.ThemeDark:
		return nil
	}
	return fmt.Errorf("--theme must be auto, light or dark, got %q", f.theme)
}

// runAccessible runs the accessible mode on stdin/stdout; it needs no
// terminal (a screen reader, or a script).
func (c *ctx) runAccessible(treeID, ticketPath string) int {
	k := c.kb()
	if k == nil {
		return ExitFail
	}
	o := accessible.Options{KB: k, In: c.env.Stdin, Out: c.env.Stdout, TreeID: treeID}
	if ticketPath == "-" {
		fmt.Fprintln(c.env.Stderr, "ecps-assist: --ticket - reads stdin, where the accessible mode reads the answers: give a file, or type « ticket » at the prompt")
		return ExitUsage
	}
	if ticketPath != "" {
		text, err := readInput(c.env.Stdin, ticketPath)
		if err != nil {
			fmt.Fprintf(c.env.Stderr, "ecps-assist: --ticket: %v\n", err)
			return ExitFail
		}
		o.Ticket = text
	}
	if c.ignored > 0 {
		o.Warn = fmt.Sprintf("--kb %s ignoré : %d problème(s), voir « ecps-assist --kb %s lint »", c.kbDir, c.ignored, c.kbDir)
	}
	if j := c.openJournalFor("accessible"); j != nil {
		defer j.Close()
		o.Record = recordWalks(j, c.env.Stderr)
	}
	if err := accessible.Run(o); err != nil {
		fmt.Fprintf(c.env.Stderr, "ecps-assist: %v\n", err)
		return ExitFail
	}
	return ExitOK
}
