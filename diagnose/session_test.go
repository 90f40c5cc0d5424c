package diagnose

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"ecps-assist/kb"
	"ecps-assist/kb/kbtest"
)

var update = flag.Bool("update", false, "rewrite golden files")

// sampleInputs are identifiers that drive check nodes down each outcome.
var sampleInputs = []string{
	"810000123454",   // idnat valid
	"10000123454",    // RPPS without the 8 prefix
	"710000123454",   // 12 digits, bad prefix
	"8100001234",     // bad length
	"81OOOO123454",   // letters
	"810000123455",   // bad key
	"759301237",      // ADELI
	"0612345678",     // a phone number
	"77220148900022", // SIRET valid
	"77220148900023", // SIRET bad key
	"10000123454017", // RPPS-rang valid
	"10000123454018", // RPPS-rang bad key
	"010780195",      // FINESS valid
}

type walk struct {
	s    *Session
	path []string
}

// allPaths enumerates every root-to-conclusion path of a tree, following
// every option and, at check nodes, every distinct outcome the sample
// inputs produce.
func allPaths(t *testing.T, tree *kb.Tree) []walk {
	t.Helper()
	var done []walk
	queue := []walk{{s: Start(tree)}}
	for len(queue) > 0 {
		w := queue[0]
		queue = queue[1:]
		if len(w.path) > 50 {
			t.Fatalf("tree %s: path longer than 50 steps: %v", tree.ID, w.path)
		}
		n := w.s.Current()
		if n == nil {
			t.Fatalf("tree %s: path %v leads to no node", tree.ID, w.path)
		}
		switch n.Kind {
		case kb.KindConclusion:
			done = append(done, w)
		case kb.KindQuestion:
			for _, o := range n.Options {
				c := w.s.Clone()
				if err := c.Answer(o.ID); err != nil {
					t.Fatalf("tree %s: %v", tree.ID, err)
				}
				queue = append(queue, walk{c, append(append([]string(nil), w.path...), o.ID)})
			}
		case kb.KindCheck:
			seen := map[string]bool{}
			for _, in := range sampleInputs {
				c := w.s.Clone()
				if _, err := c.Input(in); err != nil {
					t.Fatalf("tree %s: check %s with %q: %v", tree.ID, n.ID, in, err)
				}
				next := c.Current().ID
				if seen[next] {
					continue
				}
				seen[next] = true
				queue = append(queue, walk{c, append(append([]string(nil), w.path...), "input:"+in)})
			}
			if !seen[OutcomeNext(n, CheckID("810000123454", KindIDNat))] && !seen[outcomeTarget(n, "valid")] {
				t.Errorf("tree %s: check %s: no sample input reaches its valid outcome", tree.ID, n.ID)
			}
		default:
			t.Fatalf("tree %s: node %s has kind %q", tree.ID, n.ID, n.Kind)
		}
	}
	return done
}

func outcomeTarget(n *kb.Node, result string) string {
	for _, o := range n.Outcomes {
		if o.Result == result {
			return o.Next
		}
	}
	return ""
}

func TestCatalogIDs(t *testing.T) {
	k := kbtest.Embedded()
	want := []string{
		"ecps-activation-error", "ecps-device-integrity", "ecps-activation-mail", "ecps-activation-method",
		"cps-firefox", "insi-access", "igc-certificate-renewal", "igc-certificate-order",
		"segur-ieps-applicability", "segur-pentest", "hds-certification", "convergence-account",
	}
	if len(k.Trees) != len(want) {
		t.Errorf("%d trees, want %d", len(k.Trees), len(want))
	}
	for _, id := range want {
		if k.Tree(id) == nil {
			t.Errorf("tree %q missing from the catalog", id)
		}
	}
}

func TestEveryPathEndsInACitingConclusion(t *testing.T) {
	k := kbtest.Embedded()
	for _, tree := range k.Trees {
		paths := allPaths(t, tree)
		if len(paths) < 2 {
			t.Errorf("tree %s: only %d path(s)", tree.ID, len(paths))
		}
		visited := map[string]bool{}
		for _, w := range paths {
			c := w.s.Conclusion()
			if c == nil {
				t.Fatalf("tree %s: path %v not concluded", tree.ID, w.path)
			}
			if len(c.Entries) == 0 {
				t.Errorf("tree %s: conclusion %s cites no entry", tree.ID, c.ID)
			}
			for _, id := range c.Entries {
				if k.Entry(id) == nil {
					t.Errorf("tree %s: conclusion %s cites unknown entry %q", tree.ID, c.ID, id)
				}
			}
			if _, ok := kb.Verdicts[c.Verdict]; !ok {
				t.Errorf("tree %s: conclusion %s has verdict %q", tree.ID, c.ID, c.Verdict)
			}
			for _, st := range w.s.Path() {
				visited[st.Node.ID] = true
			}
			visited[c.ID] = true
		}
		for _, n := range tree.Nodes {
			if !visited[n.ID] {
				t.Errorf("tree %s: node %s is on no enumerated path", tree.ID, n.ID)
			}
		}
	}
}

func TestBackReturnsToThePreviousNode(t *testing.T) {
	k := kbtest.Embedded()
	for _, tree := range k.Trees {
		for _, w := range allPaths(t, tree) {
			s := w.s.Clone()
			steps := s.Path()
			for i := len(steps) - 1; i >= 0; i-- {
				if !s.Back() {
					t.Fatalf("tree %s: back refused at depth %d", tree.ID, i+1)
				}
				if s.Current() != steps[i].Node {
					t.Fatalf("tree %s path %v: back from step %d reached %s, want %s", tree.ID, w.path, i+1, s.Current().ID, steps[i].Node.ID)
				}
				if s.Depth() != i {
					t.Fatalf("tree %s: depth %d after back, want %d", tree.ID, s.Depth(), i)
				}
			}
			if s.Back() {
				t.Fatalf("tree %s: back at the start should report false", tree.ID)
			}
			if s.Current().ID != tree.Start {
				t.Fatalf("tree %s: back to the start reached %s", tree.ID, s.Current().ID)
			}
		}
	}
}

func TestChangeAnEarlierAnswer(t *testing.T) {
	k := kbtest.Embedded()
	s, err := NewSession(k, "ecps-activation-error")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Answer("android"); err != nil {
		t.Fatal(err)
	}
	if err := s.Answer(s.Current().Options[0].ID); err != nil {
		t.Fatal(err)
	}
	if !s.BackTo(0) || s.Current().ID != s.Tree.Start || s.Depth() != 0 {
		t.Fatalf("BackTo(0): at %s depth %d", s.Current().ID, s.Depth())
	}
	if err := s.Answer("iphone"); err != nil {
		t.Fatal(err)
	}
	if got := s.Path()[0].Option.ID; got != "iphone" {
		t.Fatalf("first answer %q after change, want iphone", got)
	}
	s.Restart()
	if s.Depth() != 0 || s.Current().ID != s.Tree.Start {
		t.Fatal("restart did not return to the start")
	}
}

func TestBASAppReachesTheActivationErrorAnswer(t *testing.T) {
	k := kbtest.Embedded()
	s, _ := NewSession(k, "ecps-activation-error")
	if err := s.Answer("android"); err != nil {
		t.Fatal(err)
	}
	// The option naming the BAS (sandbox) app.
	var bas string
	for _, o := range s.Current().Options {
		if strings.Contains(strings.ToLower(o.Label), "bas") || strings.Contains(o.ID, "bas") {
			bas = o.ID
		}
	}
	if bas == "" {
		t.Fatalf("no BAS option at %s: %v", s.Current().ID, OptionIDs(s.Current()))
	}
	if err := s.Answer(bas); err != nil {
		t.Fatal(err)
	}
	c := s.Conclusion()
	if c == nil {
		t.Fatalf("not concluded after android, %s: at %s", bas, s.Current().ID)
	}
	cites := false
	for _, id := range c.Entries {
		e := k.Entry(id)
		for _, src := range e.Sources {
			if src.Seed == "000_50255237a135427a.txt" && src.Block == 1 {
				cites = true
			}
		}
	}
	if !cites {
		t.Errorf("conclusion %s does not cite seed 000 block 1: %v", c.ID, c.Entries)
	}
}

func TestUnknownTreeAndOptionNameTheValidOnes(t *testing.T) {
	k := kbtest.Embedded()
	if _, err := NewSession(k, "nope"); err == nil || !strings.Contains(err.Error(), "ecps-device-integrity") {
		t.Errorf("unknown tree: %v", err)
	}
	s, _ := NewSession(k, "ecps-activation-error")
	err := s.Answer("windows")
	if err == nil || !strings.Contains(err.Error(), "android") {
		t.Errorf("unknown option: %v", err)
	}
	if s.Depth() != 0 {
		t.Error("a refused answer moved the session")
	}
}

func TestGoldenTranscript(t *testing.T) {
	k := kbtest.Embedded()
	s, _ := NewSession(k, "ecps-activation-error")
	if err := s.Answer("android"); err != nil {
		t.Fatal(err)
	}
	// Walk to the check node by the first non-BAS option, then type an RPPS
	// without its prefix.
	for s.Current().Kind == kb.KindQuestion {
		var pick string
		for _, o := range s.Current().Options {
			if !strings.Contains(o.ID, "bas") {
				pick = o.ID
				break
			}
		}
		if err := s.Answer(pick); err != nil {
			t.Fatal(err)
		}
	}
	if s.Current().Kind != kb.KindCheck {
		t.Fatalf("expected a check node, at %s", s.Current().ID)
	}
	if _, err := s.Input("10000123454"); err != nil {
		t.Fatal(err)
	}
	if !s.Done() {
		t.Fatalf("missing prefix should conclude, at %s", s.Current().ID)
	}
	at := time.Date(2026, 11, 23, 14, 5, 0, 0, time.UTC)
	got := Markdown(k, s, at)
	for _, want := range []string{"# Diagnostic : ", "10000123454", "810000123454", "## Conclusion", "réponse n° 1"} {
		if !strings.Contains(got, want) {
			t.Errorf("transcript lacks %q", want)
		}
	}
	golden(t, "transcript-missing-prefix.md", got)

	js, err := json.Marshal(NewReport(s))
	if err != nil {
		t.Fatal(err)
	}
	var back map[string]any
	if err := json.Unmarshal(js, &back); err != nil {
		t.Fatal(err)
	}
	if back["pending"] != nil || back["conclusion"] == nil {
		t.Errorf("report of a concluded session: pending %v conclusion %v", back["pending"], back["conclusion"])
	}
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./diagnose -run %s -update)", err, t.Name())
	}
	if string(want) != got {
		t.Errorf("%s differs from the golden file; got:\n%s", path, got)
	}
}

func BenchmarkReplayLongestPath(b *testing.B) {
	k := kbtest.Embedded()
	// Find the longest question-only path by depth-first search.
	var longest []string
	var tree *kb.Tree
	for _, t := range k.Trees {
		var dfs func(id string, path []string)
		dfs = func(id string, path []string) {
			n := t.Node(id)
			if n.Kind != kb.KindQuestion {
				if len(path) > len(longest) {
					longest, tree = append([]string(nil), path...), t
				}
				return
			}
			for _, o := range n.Options {
				dfs(o.Next, append(path, o.ID))
			}
		}
		dfs(t.Start, nil)
	}
	b.ReportMetric(float64(len(longest)), "steps")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s := Start(tree)
		for _, id := range longest {
			if err := s.Answer(id); err != nil {
				b.Fatal(err)
			}
		}
		_ = NewReport(s)
	}
}
