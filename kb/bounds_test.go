package kb

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

func yamlNodes(n *yaml.Node) int {
	c := 1
	for _, x := range n.Content {
		c += yamlNodes(x)
	}
	return c
}

// countNodes agrees with the tree yaml.v3 builds: exactly on the
// knowledge files, closely on other YAML.
func TestCountNodesMatchesYAML(t *testing.T) {
	files, _ := filepath.Glob("data/*/*.yaml")
	more, _ := filepath.Glob("testdata/*/*.yaml")
	lint, _ := filepath.Glob("testdata/lint/all/*.yaml")
	texts := map[string]string{
		"flow":        "entries: [{id: a, keywords: [x, 'y, z', \"w: v\"]}, {id: b}]\n",
		"flow-lines":  "entries: [\n  {id: a,\n   title: b},\n  {id: c}\n]\n",
		"block-seq":   "entries:\n- id: a\n  keywords:\n  - x\n  - y\n- id: b\n",
		"block-texts": "a: |\n  x: [1, 2]\n  - y\nb: >-\n  z, w\n\n  v\nc: 'it''s: x' # c: d\nd: \"q \\\" r: s\"\n",
		"anchors":     "a: &x [1, 2]\nb: !!str c\n",
		"quoted-key":  "\"a b\": 1\n'c': [2]\n",
		"dash-null":   "a:\n  -\n  - b\n",
		"comments":    "# a: b\na: b # c: [d, e]\n",
	}
	for _, f := range append(append(files, more...), lint...) {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		texts[f] = string(b)
	}
	exact := 0
	for name, text := range texts {
		var doc yaml.Node
		if err := yaml.Unmarshal([]byte(text), &doc); err != nil || doc.Kind == 0 {
			continue // not YAML: nothing to compare with
		}
		want := yamlNodes(&doc)
		got, over := countNodes([]byte(text), 1<<30)
		if over != 0 {
			t.Errorf("%s: over the limit at line %d", name, over)
		}
		if got == want {
			exact++
		} else {
			t.Logf("%s: counted %d, yaml.v3 %d", name, got, want)
		}
		isKB := strings.HasPrefix(name, "data/")
		if (isKB && got != want) || float64(got) < 0.9*float64(want) || float64(got) > 1.1*float64(want) {
			t.Errorf("%s: counted %d nodes, yaml.v3 builds %d", name, got, want)
		}
	}
	t.Logf("%d of %d texts counted exactly", exact, len(texts))
}
