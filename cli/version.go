package cli

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"

	"ecps-assist/kb"
)

// baseVersion is the version of this source tree.
const baseVersion = "0.1.0"

// version, when set at link time, is the version printed:
//
//	go build -ldflags "-X ecps-assist/cli.version=1.2.0" .
var version string

// Version is the version of ecps-assist: the one set with -ldflags, else
// the module's version from the build information (go install
// ecps-assist@v1.2.0), else baseVersion marked "-devel", with the VCS
// revision when the build recorded one.
func Version() string {
	if version != "" {
		return version
	}
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return baseVersion + "-devel"
	}
	if v := bi.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	v := baseVersion + "-devel"
	var rev, dirty string
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value[:min(12, len(s.Value))]
		case "vcs.modified":
			if s.Value == "true" {
				dirty = ".dirty"
			}
		}
	}
	if rev != "" {
		v += "+" + rev + dirty
	}
	return v
}

// KnowledgeHash is a short content hash of a loaded knowledge base: the
// SHA-256 of its entries and trees as JSON (every field, positions
// apart), so two binaries or two --kb directories that say the same thing
// have the same hash.
func KnowledgeHash(k *kb.KB) string {
	data, err := json.Marshal(struct {
		Entries []*kb.Entry `json:"entries"`
		Trees   []*kb.Tree  `json:"trees"`
	}{k.Entries, k.Trees})
	if err != nil {
		return "unknown"
	}
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:6])
}

// VersionOptions prints the version.
type VersionOptions struct {
	IO     *IOStreams
	KB     func() (*kb.KB, error)
	KBDirs []string
	// Ignored is the number of problems of KBDirs when they were set
	// aside (known once KB ran).
	Ignored func() int
}

func newCmdVersion(f *factory, runF func(*VersionOptions) error) *cobra.Command {
	opts := &VersionOptions{IO: f.io, KB: f.KB, Ignored: f.Ignored}
	return &cobra.Command{
		Use:   "version",
		Short: "print the version, the Go version and the knowledge's content hash",
		Long: "Print the version of ecps-assist, the Go version it was built with, and the size and content hash\n" +
			"of the knowledge it loaded (embedded, plus --kb and configured directories). Same as --version.",
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				return usageErrorf("unexpected argument %q", args[0])
			}
			opts.KBDirs = f.KBDirs()
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
	w := opts.IO.Out
	fmt.Fprintf(w, "ecps-assist %s (%s, %s/%s)\n", Version(), runtime.Version(), runtime.GOOS, runtime.GOARCH)
	origin := "embedded"
	if len(opts.KBDirs) > 0 {
		origin = "embedded + " + shownPath(strings.Join(opts.KBDirs, ", "))
		if opts.Ignored != nil && opts.Ignored() > 0 {
			origin = "embedded; ignored: " + shownPath(strings.Join(opts.KBDirs, ", "))
		}
	}
	fmt.Fprintf(w, "knowledge: %d entries, %d trees, content %s (%s)\n", len(k.Entries), len(k.Trees), KnowledgeHash(k), origin)
	return nil
}
