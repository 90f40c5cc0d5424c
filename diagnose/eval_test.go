package diagnose

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"ecps-assist/kb"
	"ecps-assist/kb/search"
)

// evalCase is one labelled ticket or query of testdata/eval.yaml.
type evalCase struct {
	Text    string   `yaml:"text"`
	Kind    string   `yaml:"kind"`
	Tree    string   `yaml:"tree"`
	Entries []string `yaml:"entries"`
	// OffTopic cases concern nothing the knowledge base covers: they pass
	// when the result is Weak (the tool says nothing matched).
	OffTopic bool `yaml:"offtopic"`
}

const (
	evalFile        = "testdata/eval.yaml"
	evalMinCases    = 60
	evalMinPerTree  = 3
	evalMinTreeTop1 = 0.85
	evalMinAnsTop3  = 0.90
	evalAnswerDepth = 3
	// evalMinOffTopic is the least share of off-topic cases answered
	// "nothing matched well".
	evalMinOffTopic = 0.60
	evalMinOffCases = 10
)

func loadEval(t *testing.T) []evalCase {
	t.Helper()
	data, err := os.ReadFile(evalFile)
	if err != nil {
		t.Fatal(err)
	}
	var cases []evalCase
	dec := yaml.NewDecoder(strings.NewReader(string(data)))
	dec.KnownFields(true)
	if err := dec.Decode(&cases); err != nil {
		t.Fatalf("%s: %v", evalFile, err)
	}
	return cases
}

// TestEvalLabels fails loudly on a typo in the evaluation set: unknown ids,
// bad kinds, too few cases, a tree nobody tests.
func TestEvalLabels(t *testing.T) {
	k := kb.MustEmbedded()
	cases := loadEval(t)
	if len(cases) < evalMinCases {
		t.Errorf("%d cases, want at least %d", len(cases), evalMinCases)
	}
	perTree := map[string]int{}
	seen := map[string]int{}
	offN := 0
	for i, c := range cases {
		where := fmt.Sprintf("case %d (%.40q)", i+1, c.Text)
		if strings.TrimSpace(c.Text) == "" {
			t.Errorf("%s: empty text", where)
		}
		if j, dup := seen[c.Text]; dup {
			t.Errorf("%s: duplicate of case %d", where, j+1)
		}
		seen[c.Text] = i
		if c.Kind != "ticket" && c.Kind != "query" {
			t.Errorf("%s: kind %q, want ticket or query", where, c.Kind)
		}
		switch {
		case c.OffTopic && (c.Tree != "" || len(c.Entries) > 0):
			t.Errorf("%s: off topic but labelled with a tree or entries", where)
		case c.OffTopic:
			offN++
		case c.Tree == "" && len(c.Entries) == 0:
			t.Errorf("%s: neither tree nor entries labelled", where)
		}
		if c.Tree != "" {
			if k.Tree(c.Tree) == nil {
				t.Errorf("%s: unknown tree %q", where, c.Tree)
			}
			perTree[c.Tree]++
		}
		for _, id := range c.Entries {
			if k.Entry(id) == nil {
				t.Errorf("%s: unknown entry %q", where, id)
			}
		}
	}
	if offN < evalMinOffCases {
		t.Errorf("%d off-topic cases, want at least %d", offN, evalMinOffCases)
	}
	for _, tr := range k.Trees {
		if n := perTree[tr.ID]; n < evalMinPerTree {
			t.Errorf("tree %s: %d cases, want at least %d", tr.ID, n, evalMinPerTree)
		}
	}
}

// TestEvalAccuracy measures search quality on the evaluation set: tree
// top-1 accuracy over cases labelled with a tree, answer top-3 accuracy
// over cases labelled with answers.
func TestEvalAccuracy(t *testing.T) {
	k := kb.MustEmbedded()
	ix := search.NewIndex(k)
	cases := loadEval(t)

	var treeN, treeOK, ansN, ansOK, offN, offOK int
	for i, c := range cases {
		var f Findings
		if c.Kind == "query" {
			f = Search(ix, k, c.Text, evalAnswerDepth)
		} else {
			f = Triage(ix, k, c.Text, evalAnswerDepth)
		}
		if c.OffTopic {
			offN++
			if f.Weak && len(f.Trees) == 0 && len(f.Entries) == 0 {
				offOK++
			} else {
				t.Logf("off topic   #%d %s: got trees [%s], answers [%s]: %q", i+1, c.Kind, topIDs(f.Trees, 3), topIDs(f.Entries, 3), oneLine(c.Text))
			}
			continue
		}
		if c.Tree != "" {
			treeN++
			got := ""
			if len(f.Trees) > 0 {
				got = f.Trees[0].ID
			}
			if got == c.Tree {
				treeOK++
			} else {
				t.Logf("miss tree   #%d %s: want %s, got [%s]: %q", i+1, c.Kind, c.Tree, topIDs(f.Trees, 3), oneLine(c.Text))
			}
		}
		if len(c.Entries) > 0 {
			ansN++
			if anyIn(c.Entries, f.Entries, evalAnswerDepth) {
				ansOK++
			} else {
				t.Logf("miss answer #%d %s: want any of [%s], got [%s]: %q", i+1, c.Kind, strings.Join(c.Entries, ", "), topIDs(f.Entries, evalAnswerDepth), oneLine(c.Text))
			}
		}
	}
	treeAcc, ansAcc, offAcc := ratio(treeOK, treeN), ratio(ansOK, ansN), ratio(offOK, offN)
	t.Logf("eval: tree top-1 = %.1f%% (%d/%d), answer top-3 = %.1f%% (%d/%d), off topic said so = %.1f%% (%d/%d)",
		100*treeAcc, treeOK, treeN, 100*ansAcc, ansOK, ansN, 100*offAcc, offOK, offN)
	if offAcc < evalMinOffTopic {
		t.Errorf("off-topic cases said so %.1f%% < %.0f%%", 100*offAcc, 100*evalMinOffTopic)
	}
	if treeAcc < evalMinTreeTop1 {
		t.Errorf("tree top-1 accuracy %.1f%% < %.0f%%", 100*treeAcc, 100*evalMinTreeTop1)
	}
	if ansAcc < evalMinAnsTop3 {
		t.Errorf("answer top-3 accuracy %.1f%% < %.0f%%", 100*ansAcc, 100*evalMinAnsTop3)
	}
}

func anyIn(want []string, got []Match, depth int) bool {
	for i, m := range got {
		if i >= depth {
			break
		}
		for _, id := range want {
			if m.ID == id {
				return true
			}
		}
	}
	return false
}

func topIDs(ms []Match, n int) string {
	if len(ms) == 0 {
		return "(nothing)"
	}
	var ids []string
	for i, m := range ms {
		if i >= n {
			break
		}
		ids = append(ids, m.ID)
	}
	return strings.Join(ids, ", ")
}

func ratio(ok, n int) float64 {
	if n == 0 {
		return 0
	}
	return float64(ok) / float64(n)
}

func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
