package diagnose

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"ecps-assist/kb/kbtest"
	"ecps-assist/kb/search"
)

// The search-quality evaluation: testdata/eval/{dev,holdout}-*.yaml, tickets
// and queries labelled with the tree an agent opens first and acceptable
// answers, in four groups:
//
//	direct    in-domain, naming the product the way agents do
//	indirect  in-domain, the product described or misspelt, or two problems
//	offtopic  nothing the knowledge covers: the right answer is « none »
//	nearmiss  the domain's words, a question the seeds do not answer:
//	          the right answer is « low » or « none »
//
// dev-* cases were used to tune the ranker and the judgement (dev-*-2 to
// dev-*-14 were the first to thirteenth blind holdouts, each measured
// once, then folded into dev). holdout-* cases were written by someone
// who had seen neither the code nor any case and never tuned on: the
// fourteenth and fifteenth (holdout-*-15, holdout-*-16, side by side)
// were sealed while the last tuning round ran on dev, then measured
// once; the sixteenth and seventeenth (holdout-*-17, holdout-*-18) were
// written after that and measured once on the same code; the eighteenth
// (holdout-*-19) after the tuning of a later stop, measured once. 82 of
// their cases were word for word dev cases, or each other's, and were
// dropped. The test prints the figures per split and
// group, and every miss; it fails below the targets on dev and below the
// floors (evalHoldoutFloors) on the holdout, and logs « BELOW TARGET »
// for every group under its target. Between a holdout's folding and the
// writing of the next, there are no holdout-* files: the holdout part is
// skipped (logged).
type evalCase struct {
	Text    string   `yaml:"text"`
	Kind    string   `yaml:"kind"`
	Tree    string   `yaml:"tree"`
	Entries []string `yaml:"entries"`
	Group   string   `yaml:"group"`

	file string
	n    int
}

const evalAnswerDepth = 3

// evalTarget is the least share of cases meeting each measure.
type evalTarget struct {
	treeTop1, ansTop3, high float64
	maxNone                 float64
	// offtopic: share judged none; nearmiss: share judged low or none.
	said float64
}

var evalTargets = map[string]evalTarget{
	"direct":   {treeTop1: 0.95, ansTop3: 0.95, high: 0.85, maxNone: 0.03},
	"indirect": {treeTop1: 0.90, ansTop3: 0.90, high: 0.80, maxNone: 0.05},
	"offtopic": {said: 0.90},
	"nearmiss": {said: 0.75},
}

// evalMinCases per split and group keep the figures meaningful.
var evalMinCases = map[string]int{"direct": 45, "indirect": 30, "offtopic": 30, "nearmiss": 30}

// evalHoldoutFloors guard the holdout against regressions where it is
// below the targets: the figures measured when it was written (blind,
// after tuning), rounded down. The test fails below them and logs every
// group below target; the README reports both. The four holdouts met
// every target when measured: holdout-*-15/16 (408 cases) direct
// 100/100/96.5 % (none 0), indirect 92.6/94.8/92.6 % (none 1.5),
// off-topic 90.7 %, near-miss 90.2 %; holdout-*-17/18 (390 cases)
// 98.7/98.7/94.9 % (0), 95.4/94.7/90.8 % (0), 95.9 %, 80.2 %. Their
// floors are the targets.
var evalHoldoutFloors = evalTargets

func loadEval(t *testing.T) map[string][]evalCase {
	t.Helper()
	files, err := filepath.Glob("testdata/eval/*.yaml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no evaluation files: %v", err)
	}
	out := map[string][]evalCase{}
	for _, f := range files {
		split, _, ok := strings.Cut(filepath.Base(f), "-")
		if !ok || split != "dev" && split != "holdout" {
			t.Fatalf("%s: name must start with dev- or holdout-", f)
		}
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var cases []evalCase
		dec := yaml.NewDecoder(strings.NewReader(string(data)))
		dec.KnownFields(true)
		if err := dec.Decode(&cases); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for i := range cases {
			cases[i].file, cases[i].n = filepath.Base(f), i+1
			if cases[i].Group == "" {
				cases[i].Group = "direct"
			}
		}
		out[split] = append(out[split], cases...)
	}
	return out
}

// TestEvalLabels fails loudly on a typo in the evaluation set: unknown ids,
// bad kinds or groups, duplicates, too few cases, a tree nobody tests.
func TestEvalLabels(t *testing.T) {
	k := kbtest.Embedded()
	perTree := map[string]int{}
	seen := map[string]string{}
	for split, cases := range loadEval(t) {
		count := map[string]int{}
		for _, c := range cases {
			where := fmt.Sprintf("%s case %d (%.40q)", c.file, c.n, c.Text)
			if strings.TrimSpace(c.Text) == "" {
				t.Errorf("%s: empty text", where)
			}
			if w, dup := seen[c.Text]; dup {
				t.Errorf("%s: duplicate of %s", where, w)
			}
			seen[c.Text] = where
			if c.Kind != "ticket" && c.Kind != "query" {
				t.Errorf("%s: kind %q, want ticket or query", where, c.Kind)
			}
			count[c.Group]++
			switch c.Group {
			case "offtopic", "nearmiss":
				if c.Tree != "" || len(c.Entries) > 0 {
					t.Errorf("%s: %s but labelled with a tree or entries", where, c.Group)
				}
			case "direct", "indirect":
				if c.Tree == "" && len(c.Entries) == 0 {
					t.Errorf("%s: neither tree nor entries labelled", where)
				}
			default:
				t.Errorf("%s: group %q, want direct, indirect, offtopic or nearmiss", where, c.Group)
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
		for g, n := range evalMinCases {
			if count[g] < n {
				t.Errorf("%s: %d %s cases, want at least %d", split, count[g], g, n)
			}
		}
	}
	for _, tr := range k.Trees {
		if n := perTree[tr.ID]; n < 4 {
			t.Errorf("tree %s: %d cases, want at least 4", tr.ID, n)
		}
	}
}

type evalCounts struct {
	n, treeN, treeOK, ansN, ansOK, high, low, none int
}

func (c evalCounts) rate(k int) float64 { return ratio(k, c.n) }

// TestEvalAccuracy measures search quality on the evaluation set.
func TestEvalAccuracy(t *testing.T) {
	k := kbtest.Embedded()
	ix := search.NewIndex(k)
	all := loadEval(t)
	splits := make([]string, 0, len(all))
	for s := range all {
		splits = append(splits, s)
	}
	sort.Strings(splits)
	if _, ok := all["holdout"]; !ok {
		t.Log("no holdout-*.yaml: holdout figures skipped (dev only)")
	}
	for _, split := range splits {
		counts := map[string]*evalCounts{}
		for g := range evalTargets {
			counts[g] = &evalCounts{}
		}
		for _, c := range all[split] {
			var f Findings
			if c.Kind == "query" {
				f = Search(ix, k, c.Text, evalAnswerDepth)
			} else {
				f = Triage(ix, k, c.Text, evalAnswerDepth)
			}
			if f.Weak != (f.Confidence == ConfNone) {
				t.Errorf("%s %s #%d: weak %v with confidence %s", split, c.Group, c.n, f.Weak, f.Confidence)
			}
			ct := counts[c.Group]
			ct.n++
			switch f.Confidence {
			case ConfHigh:
				ct.high++
			case ConfLow:
				ct.low++
			default:
				ct.none++
			}
			where := fmt.Sprintf("%s %s %s#%d %s", split, c.Group, c.file, c.n, c.Kind)
			got := fmt.Sprintf("%s; trees [%s], answers [%s]%s", f.Confidence, topIDs(f.Trees, 3), topIDs(f.Entries, 3), evalWhy(f))
			switch c.Group {
			case "offtopic":
				if f.Confidence != ConfNone {
					t.Logf("miss %s: want none, got %s: %q", where, got, oneLine(c.Text))
				}
				continue
			case "nearmiss":
				if f.Confidence == ConfHigh {
					t.Logf("miss %s: want low or none, got %s: %q", where, got, oneLine(c.Text))
				}
				continue
			}
			if f.Confidence != ConfHigh {
				t.Logf("band %s: want high, got %s: %q", where, got, oneLine(c.Text))
			}
			if c.Tree != "" {
				ct.treeN++
				if len(f.Trees) > 0 && f.Trees[0].ID == c.Tree {
					ct.treeOK++
				} else {
					t.Logf("tree %s: want %s, got %s: %q", where, c.Tree, got, oneLine(c.Text))
				}
			}
			if len(c.Entries) > 0 {
				ct.ansN++
				if anyIn(c.Entries, f.Entries, evalAnswerDepth) {
					ct.ansOK++
				} else {
					t.Logf("answer %s: want any of [%s], got %s: %q", where, strings.Join(c.Entries, ", "), got, oneLine(c.Text))
				}
			}
		}
		for _, g := range []string{"direct", "indirect", "offtopic", "nearmiss"} {
			c, tg := counts[g], evalTargets[g]
			if c.n == 0 {
				continue
			}
			floor := tg
			if split == "holdout" {
				floor = evalHoldoutFloors[g]
			}
			switch g {
			case "offtopic", "nearmiss":
				said := c.none
				if g == "nearmiss" {
					said += c.low
				}
				t.Logf("eval %-7s %-8s %3d cases: said so %5.1f%% (%d/%d) — high %d, low %d, none %d",
					split, g, c.n, 100*c.rate(said), said, c.n, c.high, c.low, c.none)
				if c.rate(said) < tg.said {
					t.Logf("BELOW TARGET %s %s: said so %.1f%% < %.0f%%", split, g, 100*c.rate(said), 100*tg.said)
				}
				if c.rate(said) < floor.said {
					t.Errorf("%s %s: said so %.1f%% < %.0f%%", split, g, 100*c.rate(said), 100*floor.said)
				}
			default:
				tree, ans := ratio(c.treeOK, c.treeN), ratio(c.ansOK, c.ansN)
				t.Logf("eval %-7s %-8s %3d cases: tree top-1 %5.1f%% (%d/%d), answer top-3 %5.1f%% (%d/%d), high %5.1f%%, low %d, none %5.1f%%",
					split, g, c.n, 100*tree, c.treeOK, c.treeN, 100*ans, c.ansOK, c.ansN, 100*c.rate(c.high), c.low, 100*c.rate(c.none))
				below := func(x evalTarget) bool {
					return tree < x.treeTop1 || ans < x.ansTop3 || c.rate(c.high) < x.high || c.rate(c.none) > x.maxNone
				}
				if below(tg) {
					t.Logf("BELOW TARGET %s %s (tree ≥ %.0f%%, answers ≥ %.0f%%, high ≥ %.0f%%, none ≤ %.0f%%)",
						split, g, 100*tg.treeTop1, 100*tg.ansTop3, 100*tg.high, 100*tg.maxNone)
				}
				if below(floor) {
					t.Errorf("%s %s below its floor (tree ≥ %.0f%%, answers ≥ %.0f%%, high ≥ %.0f%%, none ≤ %.0f%%)",
						split, g, 100*floor.treeTop1, 100*floor.ansTop3, 100*floor.high, 100*floor.maxNone)
				}
			}
		}
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

func evalWhy(f Findings) string {
	var b strings.Builder
	for _, g := range f.Gaps {
		fmt.Fprintf(&b, " gap %s %v", g.ID, g.Words)
	}
	if len(f.Unexplained) > 0 {
		fmt.Fprintf(&b, " unexplained %v", f.Unexplained)
	}
	if len(f.Trees) > 0 {
		fmt.Fprintf(&b, " matched %v", f.Trees[0].Matched)
	} else if len(f.Entries) > 0 {
		fmt.Fprintf(&b, " matched %v", f.Entries[0].Matched)
	}
	return b.String()
}
