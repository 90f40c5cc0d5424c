// Package config reads the one configuration file of ecps-assist,
// $XDG_CONFIG_HOME/ecps-assist/config.yaml (default
// ~/.config/ecps-assist/config.yaml), and resolves the other paths the
// tool uses (journal, exports). It imports no UI package.
//
// A missing file is not an error: every key has a default. Unknown keys
// and values of the wrong type are reported as file:line:col problems and
// the tool goes on with the defaults for those keys.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"ecps-assist/kb"
)

// MaxSize bounds the configuration file.
const MaxSize = 1 << 20

// Defaults of the keys whose default is not the zero value.
const (
	DefaultGreeting      = "Bonjour,"
	DefaultSignature     = "Cordialement,"
	DefaultEscalation    = "Transmettre au niveau 2 avec la transcription"
	DefaultRetentionDays = 90
)

// Theme names accepted by the theme key.
const (
	ThemeAuto  = "auto"
	ThemeLight = "light"
	ThemeDark  = "dark"
)

// Config is the whole configuration. Zero values of the optional strings
// mean "default": use the accessors (Theme, ExportDir, Escalation...) rather
// than the fields when a default applies.
type Config struct {
	// File is the path the configuration was read from ("" when none).
	File string `yaml:"-"`
	// Exists reports whether File was found.
	Exists bool `yaml:"-"`

	ThemeName string `yaml:"theme"` // auto | light | dark
	// ExportDirRaw is the export directory as written (~ expanded by
	// ExportDir).
	ExportDirRaw string `yaml:"export_dir"`
	// KB lists extra knowledge directories or files, loaded like --kb.
	KB []string `yaml:"kb"`
	// EscalationLine is the team's escalation line, shown on every info
	// and escalation conclusion.
	EscalationLine string  `yaml:"escalation"`
	Reply          Reply   `yaml:"reply"`
	Journal        Journal `yaml:"journal"`
}

// Reply configures the « Réponse au client ». Placeholders: {nom} (the
// correspondent), {agent} (Agent below).
type Reply struct {
	Greeting  string `yaml:"greeting"`
	Signature string `yaml:"signature"`
	Agent     string `yaml:"agent"`
}

// Journal configures the diagnosis journal.
type Journal struct {
	// Enabled is nil when unset (enabled by default).
	Enabled       *bool `yaml:"enabled"`
	RetentionDays *int  `yaml:"retention_days"`
}

// Problem is one finding in the configuration file.
type Problem struct {
	File      string
	Line, Col int
	Msg       string
}

func (p Problem) String() string {
	if p.Line > 0 {
		return fmt.Sprintf("%s:%d:%d: %s", p.File, p.Line, p.Col, p.Msg)
	}
	return fmt.Sprintf("%s: %s", p.File, p.Msg)
}

// Theme returns the configured theme, ThemeAuto by default.
func (c Config) Theme() string {
	if c.ThemeName == "" {
		return ThemeAuto
	}
	return c.ThemeName
}

// Greeting returns the reply greeting, DefaultGreeting by default.
func (c Config) Greeting() string { return or(c.Reply.Greeting, DefaultGreeting) }

// Signature returns the reply signature, DefaultSignature by default.
func (c Config) Signature() string { return or(c.Reply.Signature, DefaultSignature) }

// Escalation returns the team's escalation line, DefaultEscalation by
// default.
func (c Config) Escalation() string { return or(c.EscalationLine, DefaultEscalation) }

// JournalEnabled reports whether the journal is on (the default).
func (c Config) JournalEnabled() bool { return c.Journal.Enabled == nil || *c.Journal.Enabled }

// RetentionDays returns the journal retention, DefaultRetentionDays by
// default.
func (c Config) RetentionDays() int {
	if c.Journal.RetentionDays == nil {
		return DefaultRetentionDays
	}
	return *c.Journal.RetentionDays
}

func or(s, def string) string {
	if strings.TrimSpace(s) == "" {
		return def
	}
	return s
}

// Env is the environment the paths are resolved from; os.Getenv in
// production, a map in tests.
type Env func(string) string

// Path returns the configuration file's path: $XDG_CONFIG_HOME/ecps-assist/
// config.yaml, else $HOME/.config/ecps-assist/config.yaml. It is "" when
// neither variable gives an absolute directory.
func Path(env Env) string {
	if d := absDir(env("XDG_CONFIG_HOME")); d != "" {
		return filepath.Join(d, "ecps-assist", "config.yaml")
	}
	if h := absDir(env("HOME")); h != "" {
		return filepath.Join(h, ".config", "ecps-assist", "config.yaml")
	}
	return ""
}

// StateDir returns $XDG_STATE_HOME/ecps-assist, else
// $HOME/.local/state/ecps-assist ("" when neither is absolute).
func StateDir(env Env) string {
	if d := absDir(env("XDG_STATE_HOME")); d != "" {
		return filepath.Join(d, "ecps-assist")
	}
	if h := absDir(env("HOME")); h != "" {
		return filepath.Join(h, ".local", "state", "ecps-assist")
	}
	return ""
}

// CacheDir returns $XDG_CACHE_HOME/ecps-assist, else
// $HOME/.cache/ecps-assist ("" when neither is absolute): the decoded
// knowledge directories (see kb.LoadDirsCached), safe to delete.
func CacheDir(env Env) string {
	if d := absDir(env("XDG_CACHE_HOME")); d != "" {
		return filepath.Join(d, "ecps-assist")
	}
	if h := absDir(env("HOME")); h != "" {
		return filepath.Join(h, ".cache", "ecps-assist")
	}
	return ""
}

// JournalPath returns the journal database's path ("" when no state
// directory can be found).
func JournalPath(env Env) string {
	if d := StateDir(env); d != "" {
		return filepath.Join(d, "journal.db")
	}
	return ""
}

// ExportDirEnv overrides the export directory.
const ExportDirEnv = "ECPS_ASSIST_EXPORT_DIR"

// ExportDir returns where transcripts are written: $ECPS_ASSIST_EXPORT_DIR,
// else the export_dir key (a leading ~/ is the home directory), else
// $HOME/ecps-assist/transcripts. It is "" when none gives an absolute path
// (HOME unset): the caller must refuse to export rather than write to a
// relative directory.
func (c Config) ExportDir(env Env) string {
	if d := absDir(env(ExportDirEnv)); d != "" {
		return d
	}
	if d := expandHome(c.ExportDirRaw, env); d != "" {
		return d
	}
	if h := absDir(env("HOME")); h != "" {
		return filepath.Join(h, "ecps-assist", "transcripts")
	}
	return ""
}

// KBDirs returns the configured knowledge directories, ~ expanded;
// relative paths are relative to the configuration file's directory.
func (c Config) KBDirs(env Env) []string {
	var out []string
	for _, d := range c.KB {
		switch {
		case d == "~" || strings.HasPrefix(d, "~/"):
			if p := expandHome(d, env); p != "" {
				out = append(out, p)
			}
		case filepath.IsAbs(d):
			out = append(out, filepath.Clean(d))
		case c.File != "":
			out = append(out, filepath.Join(filepath.Dir(c.File), d))
		}
	}
	return out
}

func expandHome(p string, env Env) string {
	p = strings.TrimSpace(p)
	if p == "" {
		return ""
	}
	if p == "~" || strings.HasPrefix(p, "~/") {
		h := absDir(env("HOME"))
		if h == "" {
			return ""
		}
		return filepath.Join(h, strings.TrimPrefix(p[1:], "/"))
	}
	return absDir(p)
}

func absDir(d string) string {
	if d == "" || !filepath.IsAbs(d) {
		return ""
	}
	return filepath.Clean(d)
}

// Load reads the configuration at path. A missing file gives the defaults
// and no problem; an unreadable or invalid one gives the defaults for what
// could not be read, and the problems.
func Load(path string) (Config, []Problem) {
	c := Config{File: path}
	if path == "" {
		return c, nil
	}
	fi, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return c, nil
	}
	if err != nil {
		return c, []Problem{{File: path, Msg: err.Error()}}
	}
	if !fi.Mode().IsRegular() {
		return c, []Problem{{File: path, Msg: "not a regular file"}}
	}
	if fi.Size() > MaxSize {
		return c, []Problem{{File: path, Msg: fmt.Sprintf("file is %d bytes, larger than the %d-byte limit", fi.Size(), MaxSize)}}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return c, []Problem{{File: path, Msg: err.Error()}}
	}
	c.Exists = true
	probs := c.parse(data)
	return c, probs
}

// Parse decodes data as the configuration file named file.
func Parse(file string, data []byte) (Config, []Problem) {
	c := Config{File: file, Exists: true}
	probs := c.parse(data)
	return c, probs
}

func (dst *Config) parse(data []byte) []Problem {
	p := &parser{file: dst.File}
	dst.Exists = true
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&doc); err != nil {
		if err == io.EOF {
			return nil
		}
		return []Problem{yamlProblem(dst.File, err)}
	}
	if len(doc.Content) == 0 {
		return nil
	}
	root := doc.Content[0]
	if root.Kind == yaml.ScalarNode && root.Tag == "!!null" {
		return nil
	}
	p.mapping(root, "", func(k *yaml.Node, v *yaml.Node) {
		key := k.Value
		switch key {
		case "theme":
			if s, ok := p.str(v, key); ok {
				switch s {
				case ThemeAuto, ThemeLight, ThemeDark:
					dst.ThemeName = s
				default:
					p.errf(v, "theme: %q is not auto, light or dark", s)
				}
			}
		case "export_dir":
			if s, ok := p.str(v, key); ok {
				if s != "" && !filepath.IsAbs(s) && s != "~" && !strings.HasPrefix(s, "~/") {
					p.errf(v, "export_dir: %q is not an absolute path (or ~/…)", s)
				} else {
					dst.ExportDirRaw = s
				}
			}
		case "kb":
			if v.Kind != yaml.SequenceNode {
				p.errf(v, "kb: expected a list of directories")
				return
			}
			for _, it := range v.Content {
				if s, ok := p.str(it, "kb"); ok && s != "" {
					dst.KB = append(dst.KB, s)
				}
			}
		case "escalation":
			if s, ok := p.str(v, key); ok {
				dst.EscalationLine = kb.InertLine(s) // text to show, on one line: made inert as it enters
			}
		case "reply":
			p.mapping(v, "reply.", func(kn *yaml.Node, w *yaml.Node) {
				k := kn.Value
				var field *string
				switch k {
				case "greeting":
					field = &dst.Reply.Greeting
				case "signature":
					field = &dst.Reply.Signature
				case "agent":
					field = &dst.Reply.Agent
				default:
					p.errf(kn, "unknown key reply.%s (known: greeting, signature, agent)", k)
					return
				}
				if s, ok := p.str(w, "reply."+k); ok {
					// text to show: made inert as it enters (the agent's
					// name on one line)
					if k == "agent" {
						*field = kb.InertLine(s)
					} else {
						*field = kb.Inert(s)
					}
				}
			})
		case "journal":
			p.mapping(v, "journal.", func(kn *yaml.Node, w *yaml.Node) {
				k := kn.Value
				switch k {
				case "enabled":
					var b bool
					if w.Kind != yaml.ScalarNode || w.Decode(&b) != nil {
						p.errf(w, "journal.enabled: expected true or false")
						return
					}
					dst.Journal.Enabled = &b
				case "retention_days":
					var n int
					if w.Kind != yaml.ScalarNode || w.Decode(&n) != nil || n < 0 {
						p.errf(w, "journal.retention_days: expected a number of days (0 or more)")
						return
					}
					dst.Journal.RetentionDays = &n
				default:
					p.errf(kn, "unknown key journal.%s (known: enabled, retention_days)", k)
				}
			})
		default:
			p.errf(k, "unknown key %s (known: theme, export_dir, kb, escalation, reply, journal)", key)
		}
	})
	return p.probs
}

// yamlProblem is a yaml.v3 syntax error as file:line:col when it names
// its line (« yaml: line 3: … »), the "yaml: " prefix dropped.
func yamlProblem(file string, err error) Problem {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	p := Problem{File: file}
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		if n, tail, ok := strings.Cut(rest, ": "); ok {
			if line, err := strconv.Atoi(n); err == nil {
				p.Line, p.Col, msg = line, 1, tail
			}
		}
	}
	p.Msg = "invalid YAML: " + msg
	return p
}

type parser struct {
	file  string
	probs []Problem
}

func (p *parser) errf(n *yaml.Node, format string, args ...any) {
	p.probs = append(p.probs, Problem{File: p.file, Line: n.Line, Col: n.Column, Msg: fmt.Sprintf(format, args...)})
}

func (p *parser) mapping(n *yaml.Node, prefix string, each func(k, v *yaml.Node)) {
	if n.Kind == yaml.AliasNode {
		p.errf(n, "%saliases are not allowed", prefix)
		return
	}
	if n.Kind != yaml.MappingNode {
		name := strings.TrimSuffix(prefix, ".")
		if name == "" {
			name = "the configuration"
		}
		p.errf(n, "%s: expected a mapping of keys", name)
		return
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if seen[k.Value] {
			p.errf(k, "duplicate key %s%s", prefix, k.Value)
			continue
		}
		seen[k.Value] = true
		each(k, v)
	}
}

func (p *parser) str(n *yaml.Node, key string) (string, bool) {
	if n.Kind != yaml.ScalarNode {
		p.errf(n, "%s: expected a text value", key)
		return "", false
	}
	if n.Tag == "!!null" {
		return "", true
	}
	return n.Value, true
}
