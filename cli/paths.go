package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"ecps-assist/config"
	"ecps-assist/kb"
)

// PathsOptions prints every path the tool reads or writes.
type PathsOptions struct {
	IO     *IOStreams
	Getenv config.Env
	Config config.Config
	KBDir  string // --kb
	JSON   bool
}

func newCmdPaths(f *factory, runF func(*PathsOptions) error) *cobra.Command {
	opts := &PathsOptions{IO: f.io, Getenv: f.getenv}
	cmd := &cobra.Command{
		Use:   "paths",
		Short: "print every path read or written, and whether each exists",
		Long: "Print every path ecps-assist reads or writes — the configuration file, the extra knowledge\n" +
			"directories, the journal, the export directory of transcripts, the cache of decoded\n" +
			"knowledge directories — and whether each\n" +
			"exists. Nothing is created.",
		ValidArgsFunction: noFiles,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				return usageErrorf("unexpected argument %q", args[0])
			}
			opts.Config = f.Config()
			opts.KBDir = f.kbDir
			if runF != nil {
				return runF(opts)
			}
			return pathsRun(opts)
		},
	}
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "print JSON")
	return cmd
}

// pathInfo is one path of `paths`.
type pathInfo struct {
	Name   string `json:"name"`   // config, kb, journal, exports, cache
	Path   string `json:"path"`   // "" when it cannot be resolved (no home)
	Exists bool   `json:"exists"` // false when Path is ""
	Note   string `json:"note,omitempty"`
}

func pathsRun(opts *PathsOptions) error {
	env, c := opts.Getenv, opts.Config
	var rows []pathInfo
	add := func(name, path, note string) {
		rows = append(rows, pathInfo{Name: name, Path: path, Note: note})
	}
	add("config", config.Path(env), "")
	for _, d := range c.KBDirs(env) {
		add("kb", d, "from the configuration")
	}
	if opts.KBDir != "" {
		add("kb", opts.KBDir, "--kb")
	}
	journal := ""
	if !c.JournalEnabled() {
		journal = "disabled by journal.enabled"
	}
	add("journal", config.JournalPath(env), journal)
	export := "default"
	switch {
	case env(config.ExportDirEnv) != "" && filepath.IsAbs(env(config.ExportDirEnv)):
		export = "from " + config.ExportDirEnv
	case c.ExportDirRaw != "":
		export = "from export_dir"
	}
	add("exports", c.ExportDir(env), export)
	cacheNote := "decoded knowledge directories, safe to delete"
	if d := config.CacheDir(env); d != "" {
		if p := kb.CacheProblem(d); p != "" {
			cacheNote = p
		}
	}
	add("cache", config.CacheDir(env), cacheNote)
	for i := range rows {
		r := &rows[i]
		if r.Path == "" {
			r.Note = "cannot be resolved: HOME is not set"
			continue
		}
		_, err := os.Stat(r.Path)
		r.Exists = err == nil
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			r.Note = joinNote(r.Note, unwrapErr(err).Error())
		}
	}
	if opts.JSON {
		return writeJSON(opts.IO.Out, rows)
	}
	w := opts.IO.Out
	for _, r := range rows {
		state := "absent"
		if r.Exists {
			state = "exists"
		}
		path := r.Path
		if path == "" {
			path, state = "-", "unknown"
		}
		fmt.Fprintf(w, "%-8s %s (%s)\n", r.Name, shownPath(path), joinNote(state, shownPath(r.Note)))
	}
	return nil
}

// shownPath is a file name on stdout. File names are the one text the
// tool takes from outside without making it inert as it enters (they
// must still open); they are made inert where they are shown. On stderr,
// the inert writer does it (see Run).
func shownPath(p string) string { return kb.InertLine(p) }

func joinNote(a, b string) string {
	if b == "" {
		return a
	}
	return a + ", " + b
}
