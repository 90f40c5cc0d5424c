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
func runAccessible(opts *RootOptions, treeID string) error {
	k, err := opts.KB()
	if err != nil {
		return err
	}
	o := accessible.Options{KB: k, In: opts.IO.In, Out: opts.IO.Out, TreeID: treeID, Reply: replyTemplate(opts.Config, "")}
	if j := openJournalFor(opts.Journal, opts.IO.ErrOut, "accessible"); j != nil {
		defer j.Close()
		o.Record = recordWalks(j, opts.IO.ErrOut)
	}
	if opts.Ticket == "-" {
		return &Error{Code: ExitUsage, Msg: "--ticket - reads stdin, where the accessible mode reads the answers: give a file, or type « ticket » at the prompt"}
	}
	if opts.Ticket != "" {
		text, err := readInput(opts.IO.In, opts.Ticket)
		if err != nil {
			return failf("--ticket: %v", err)
		}
		o.Ticket = text
	}
	if n := opts.Ignored(); n > 0 {
		o.Warn = fmt.Sprintf("%s ignoré : %d problème(s), voir « %s »", opts.KBLabel(), n, opts.LintHint())
	}
	if err := accessible.Run(o); err != nil {
		return failf("%v", err)
	}
	return nil
}
