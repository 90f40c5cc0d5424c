package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	tests := []struct {
		name  string
		yaml  string
		probs []string
		check func(t *testing.T, c Config)
	}{
		{name: "empty", yaml: "", check: func(t *testing.T, c Config) {
			if c.Theme() != ThemeAuto || c.Greeting() != DefaultGreeting || c.Signature() != DefaultSignature ||
				c.Escalation() != DefaultEscalation || !c.JournalEnabled() || c.RetentionDays() != 90 {
				t.Errorf("defaults: %+v", c)
			}
		}},
		{name: "hostile text is made inert as it enters", yaml: "escalation: \"N2\\e[2J\\nposte 12\"\nreply:\n  greeting: \"Bonjour\\e]52;c;eA==\\a\\n{nom},\"\n  agent: \"Julie\\u202e\\nMartin\"\n",
			check: func(t *testing.T, c Config) {
				if c.Escalation() != "N2␛[2J poste 12" || c.Greeting() != "Bonjour␛]52;c;eA==␇\n{nom}," || c.Reply.Agent != "Julie\uFFFD Martin" {
					t.Errorf("escalation %q, greeting %q, agent %q", c.Escalation(), c.Greeting(), c.Reply.Agent)
				}
			}},
		{name: "all keys", yaml: `theme: light
export_dir: /tmp/x
kb: [/a, rel]
escalation: "Appeler le N2 au poste 12"
reply:
  greeting: "Bonjour {nom},"
  signature: "{agent}, support"
  agent: Julie
journal:
  enabled: false
  retention_days: 30
`, check: func(t *testing.T, c Config) {
			if c.Theme() != ThemeLight || c.Escalation() != "Appeler le N2 au poste 12" || c.Greeting() != "Bonjour {nom}," ||
				c.Reply.Agent != "Julie" || c.JournalEnabled() || c.RetentionDays() != 30 {
				t.Errorf("got %+v", c)
			}
			if got := c.KBDirs(func(string) string { return "" }); len(got) != 2 || got[0] != "/a" || got[1] != "/etc/ecps/rel" {
				t.Errorf("KBDirs = %v", got)
			}
		}},
		{name: "unknown and wrong", yaml: "theme: pink\ncolour: red\njournal:\n  enabled: maybe\n  keep: 3\nreply: [a]\n",
			probs: []string{
				`c.yaml:1:8: theme: "pink" is not auto, light or dark`,
				`c.yaml:2:1: unknown key colour`,
				`c.yaml:4:12: journal.enabled: expected true or false`,
				`c.yaml:5:3: unknown key journal.keep`,
				`c.yaml:6:8: reply: expected a mapping`,
			}},
		{name: "not a mapping", yaml: "- a\n", probs: []string{"c.yaml:1:1: the configuration: expected a mapping"}},
		{name: "bad yaml", yaml: "a: [\n", probs: []string{"c.yaml:1:1: invalid YAML: did not find"}},
		{name: "relative export dir", yaml: "export_dir: out\n", probs: []string{"c.yaml:1:13: export_dir"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			file := "c.yaml"
			if tt.name == "all keys" {
				file = "/etc/ecps/config.yaml"
			}
			c, probs := Parse(file, []byte(tt.yaml))
			if len(probs) != len(tt.probs) {
				t.Fatalf("problems = %v, want %d", probs, len(tt.probs))
			}
			for i, p := range probs {
				if !strings.HasPrefix(p.String(), tt.probs[i]) {
					t.Errorf("problem %d = %q, want prefix %q", i, p, tt.probs[i])
				}
			}
			if tt.check != nil {
				tt.check(t, c)
			}
		})
	}
}

func TestPaths(t *testing.T) {
	env := func(m map[string]string) Env { return func(k string) string { return m[k] } }
	if got := Path(env(map[string]string{"XDG_CONFIG_HOME": "/x", "HOME": "/h"})); got != "/x/ecps-assist/config.yaml" {
		t.Errorf("Path = %q", got)
	}
	if got := Path(env(map[string]string{"XDG_CONFIG_HOME": "rel", "HOME": "/h"})); got != "/h/.config/ecps-assist/config.yaml" {
		t.Errorf("Path with relative XDG = %q", got)
	}
	if got := JournalPath(env(map[string]string{"HOME": "/h"})); got != "/h/.local/state/ecps-assist/journal.db" {
		t.Errorf("JournalPath = %q", got)
	}
	var c Config
	if got := c.ExportDir(env(nil)); got != "" {
		t.Errorf("ExportDir without HOME = %q, want empty", got)
	}
	c.ExportDirRaw = "~/out"
	if got := c.ExportDir(env(map[string]string{"HOME": "/h"})); got != "/h/out" {
		t.Errorf("ExportDir ~ = %q", got)
	}
	if got := c.ExportDir(env(map[string]string{"HOME": "/h", ExportDirEnv: "/e"})); got != "/e" {
		t.Errorf("ExportDir env = %q", got)
	}
}

func TestLoadMissingAndDir(t *testing.T) {
	dir := t.TempDir()
	c, probs := Load(filepath.Join(dir, "none.yaml"))
	if len(probs) != 0 || c.Exists {
		t.Errorf("missing file: %v %v", c, probs)
	}
	if _, probs := Load(dir); len(probs) != 1 || !strings.Contains(probs[0].Msg, "not a regular file") {
		t.Errorf("directory: %v", probs)
	}
	f := filepath.Join(dir, "c.yaml")
	os.WriteFile(f, []byte("theme: dark\n"), 0o600)
	if c, probs := Load(f); len(probs) != 0 || c.Theme() != ThemeDark || !c.Exists {
		t.Errorf("file: %+v %v", c, probs)
	}
}
