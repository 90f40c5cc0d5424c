package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"ecps-assist/kb"
)

// Version of ecps-assist.
const Version = "0.1.0"

// VersionOptions prints the version.
type VersionOptions struct {
	IO *IOStreams
	KB func() (*kb.KB, error)
}

func newCmdVersion(f *factory, runF func(*VersionOptions) error) *cobra.Command {
	opts := &VersionOptions{IO: f.io, KB: f.KB}
	return &cobra.Command{
		Use:   "version",
		Short: "print the version",
		Long:  "Print the version and the size of the knowledge base.",
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				return usageErrorf("unexpected argument %q", kb.InertLine(args[0]))
			}
			if runF != nil {
				return runF(opts)
			}
			return versionRun(opts)
		},
	}
}

func versionRun(opts *VersionOptions) error {
	k, err := opts.KB()
	if err != nil {
		return err
	}
	fmt.Fprintf(opts.IO.Out, "ecps-assist %s (knowledge: %d entries, %d trees)\n", Version, len(k.Entries), len(k.Trees))
	return nil
}
