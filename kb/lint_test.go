package kb_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"ecps-assist/kb"
	"ecps-assist/kb/kbtest"
)

func lintSeeds(t testing.TB) kb.Seeds {
	t.Helper()
	seeds, err := kb.ReadSeeds(os.DirFS("../seeds"))
	if err != nil || len(seeds) == 0 {
		t.Fatalf("reading ../seeds: %v (%d seeds)", err, len(seeds))
	}
	return seeds
}

// lintDir is what "ecps-assist --kb DIR lint" reports: the load problems
// and the lint against the seeds.
func lintDir(t testing.TB, dir string) (*kb.KB, kb.Problems) {
	t.Helper()
	k, probs := kb.LoadMerged(dir)
	probs = append(probs, k.Lint(lintSeeds(t))...)
	probs.Sort()
	return k, probs
}

// lintCases: one broken fixture per problem kind, kb/testdata/lint/<kind>/<kind>.yaml,
// with the position (line:col, 1-based) and a part of the expected message.
// Each fixture has one cause and must yield exactly that one problem.
var lintCases = []struct {
	kind      string
	line, col int
	msg       string
	// seedOnly: found by Lint against the seeds, not by loading (Load has
	// no seeds), so Load does not fall back.
	seedOnly bool
}{
	{"dup-id", 10, 5, `entry "lint-dup-id": duplicate id (first defined at testdata/lint/`, false},
	{"empty-title", 3, 5, `entry "lint-empty-title": empty title`, false},
	{"empty-answer", 3, 5, `entry "lint-empty-answer": empty answer`, false},
	{"unknown-product", 3, 5, `entry "ecps-one-per-person": unknown product "e-CSP"`, false},
	{"missing-seed", 8, 9, `source 1: seed "009_0000000000000000.txt" does not exist`, true},
	{"missing-block", 8, 9, `source 1: seed 000_50255237a135427a.txt has 10 blocks, not 11`, true},
	{"quote-not-found", 8, 9, `source 1: quote not found in seed 002_b65e9fc373031b8a.txt`, true},
	{"answer-mismatch", 8, 9, `source 1: the answer differs from block 10 of 000_50255237a135427a.txt`, true},
	{"dangling-next", 13, 43, `node "rooted", option "non": next "nowhere" is not a node of this tree`, false},
	{"dangling-entry", 14, 9, `node "concl": cites entry "ecps-no-such-entry", which does not exist`, false},
	{"unreachable", 19, 9, `node "orphan": unreachable from start "rooted"`, false},
	{"cycle", 19, 43, `node "sim", option "non": next "rooted" makes a cycle`, false},
	{"few-options", 8, 9, `node "rooted": a question needs at least 2 options, has 1`, false},
	{"dup-option", 13, 18, `node "rooted": duplicate option id "oui"`, false}, // at the second id, not its next
	{"no-entries", 14, 9, `node "concl": a conclusion cites no entry`, false},
	{"option-order", 13, 43, `option "Oui" comes after "Non"`, true},
	{"quote-in-no-entry", 14, 9, `quotes « un téléphone rooté se répare en boutique », which no cited entry says`, true},
	{"nested-quotes", 14, 9, `nested « » quotes`, true},
	{"resolved-lost-link", 14, 9, `resolved, but cites "ecps-update-correspondence"`, true},
	{"colon-end", 3, 5, `entry "lint-colon-end": the answer ends on « : »`, true},
	{"article-published", 8, 9, `source 1: a quote of the article 002_b65e9fc373031b8a.txt needs published`, true},
	{"verdict-label", 14, 9, `verdict_label "Résolu" must begin with the verdict's label "Information"`, false},
	{"lost-link-anchor", 3, 5, `lost_links "voir le lien" is not a text of the answer`, false},
	{"unknown-field", 7, 5, `entry "lint-unknown-field": unknown field "keyword"`, false},
	{"wrong-type", 4, 12, `entry "lint-wrong-type", title: expected text, found a list`, false},
	{"yaml-syntax", 4, 1, `invalid YAML: mapping values are not allowed`, false},
	{"yaml-alias", 6, 12, `YAML aliases (*q) are not supported`, false},
}

var posRe = regexp.MustCompile(`^(.+?):(\d+):(\d+): (.*)$`)

// findProblem returns the error reported at file:line:col whose message
// contains msg.
func findProblem(probs kb.Problems, file string, line, col int, msg string) bool {
	for _, p := range probs.Errors() {
		m := posRe.FindStringSubmatch(p.String())
		if m == nil || m[1] != file {
			continue
		}
		l, _ := strconv.Atoi(m[2])
		c, _ := strconv.Atoi(m[3])
		if l == line && c == col && strings.Contains(m[4], msg) {
			return true
		}
	}
	return false
}

func TestLintEmbeddedClean(t *testing.T) {
	_, probs := lintDir(t, "")
	for _, p := range probs {
		t.Errorf("embedded KB: %s", p)
	}
}

func TestLintFixtures(t *testing.T) {
	for _, tc := range lintCases {
		t.Run(tc.kind, func(t *testing.T) {
			dir := "testdata/lint/" + tc.kind
			files, _ := filepath.Glob(dir + "/*.yaml")
			if len(files) != 1 {
				t.Fatalf("%s: want exactly one .yaml file, found %v", dir, files)
			}
			file := dir + "/" + tc.kind + ".yaml"
			_, probs := lintDir(t, dir)
			errs := probs.Errors()
			if len(errs) == 0 {
				t.Fatalf("%s: no error", dir)
			}
			want := regexp.MustCompile(`^` + regexp.QuoteMeta(file) + `:` + strconv.Itoa(tc.line) + `:` + strconv.Itoa(tc.col) + `: `)
			matched := false
			for _, p := range errs {
				s := p.String()
				if want.MatchString(s) && strings.Contains(s, tc.msg) {
					matched = true
				}
				// The fixture breaks only itself: no collateral problem in
				// the embedded KB or the seeds (e.g. "block cited by no entry").
				if !strings.HasPrefix(s, file+":") {
					t.Errorf("problem outside the fixture: %s", s)
				}
			}
			if !matched {
				t.Errorf("no error %s:%d:%d: …%s…; got:\n%s", file, tc.line, tc.col, tc.msg, errs.Error())
			}
			// One cause, one problem: e.g. a title of the wrong type is
			// not also "empty title", an empty answer does not also
			// "differ" from its block.
			if len(errs) != 1 {
				t.Errorf("%d problems, want only the one above:\n%s", len(errs), errs.Error())
			}
		})
	}
}

// TestLintAllKinds checks the demo directory kb/testdata/lint/all: one copy
// of each fixture, every kind reported at once.
func TestLintAllKinds(t *testing.T) {
	const all = "testdata/lint/all"
	files, _ := filepath.Glob(all + "/*.yaml")
	if len(files) != len(lintCases) {
		t.Errorf("%s holds %d files, want one per kind (%d)", all, len(files), len(lintCases))
	}
	for _, tc := range lintCases {
		orig, err1 := os.ReadFile("testdata/lint/" + tc.kind + "/" + tc.kind + ".yaml")
		cp, err2 := os.ReadFile(all + "/" + tc.kind + ".yaml")
		if err1 != nil || err2 != nil || !bytes.Equal(orig, cp) {
			t.Errorf("%s/%s.yaml is not a copy of testdata/lint/%s/%s.yaml (%v, %v)", all, tc.kind, tc.kind, tc.kind, err1, err2)
		}
	}
	_, probs := lintDir(t, all)
	for _, tc := range lintCases {
		if !findProblem(probs, all+"/"+tc.kind+".yaml", tc.line, tc.col, tc.msg) {
			t.Errorf("%s: kind %s not reported at %d:%d", all, tc.kind, tc.line, tc.col)
		}
	}
	for _, p := range probs.Errors() {
		if !strings.HasPrefix(p.String(), all+"/") {
			t.Errorf("problem outside the fixtures: %s", p)
		}
	}
	if n := len(probs.Errors()); n != len(lintCases) {
		t.Errorf("%s: %d problems, want one per kind (%d):\n%s", all, n, len(lintCases), probs.Errors().Error())
	}
}

// TestOneCauseOneProblem: each broken file below has one cause, reported
// once, at the value at fault; want is the exact list of errors, each as
// line:col: message (or its beginning).
func TestOneCauseOneProblem(t *testing.T) {
	// entry and tree are valid; each edit replaces the line that starts
	// (indentation aside) with key by a line, indented alike (a line ""
	// removes it).
	entry := func(edits ...string) string {
		return editLines(t, []string{
			"entries:",
			"  - id: lint-one-cause",
			"    title: \"Puis-je avoir plusieurs e-CPS ?\"",
			"    product: e-CPS",
			"    theme: Généralités",
			"    sources:",
			"      - {seed: 000_50255237a135427a.txt, block: 10}",
			"    answer: \"Une personne ne peut avoir qu'une seule e-CPS à la fois.\"",
		}, edits...)
	}
	tree := func(edits ...string) string {
		return editLines(t, []string{
			"trees:",
			"  - id: lint-one-cause",
			"    title: \"L'application e-CPS refuse le téléphone\"",
			"    product: e-CPS",
			"    start: rooted",
			"    nodes:",
			"      - id: rooted",
			"        kind: question",
			"        text: \"Le téléphone est-il rooté ?\"",
			"        options:",
			"          - {id: oui, label: \"Oui\", next: check}",
			"          - {id: non, label: \"Non\", next: concl}",
			"      - id: check",
			"        kind: check",
			"        check: idnat",
			"        text: \"Saisissez l'identifiant\"",
			"        outcomes:",
			"          - {result: valid, next: concl}",
			"          - {result: invalid, next: concl}",
			"      - id: concl",
			"        kind: conclusion",
			"        verdict: resolved",
			"        text: \"Le téléphone rooté est incompatible avec la e-CPS.\"",
			"        entries: [ecps-device-incompatible]",
		}, edits...)
	}
	const src = `entry "lint-one-cause", source 1`
	cases := []struct {
		name, content string
		want          []string
	}{
		{"valid-entry", entry(), nil},
		{"valid-tree", tree(), nil},
		// A field of the wrong type is not also empty or missing.
		{"title-list", entry("title:", "title: [a, b]"), []string{`3:12: entry "lint-one-cause", title: expected text, found a list`}},
		{"id-list", entry("- id:", "- id: [a]"), []string{`2:9: entry, id: expected text, found a list`}},
		{"product-map", entry("product:", "product: {a: b}"), []string{`4:14: entry "lint-one-cause", product: expected text, found a mapping`}},
		{"sources-scalar", entry("sources:", "sources: 3", "- {seed:", ""), []string{`6:14: entry "lint-one-cause", sources: expected a list, found "3"`}},
		{"source-scalar", entry("- {seed:", "- 3"), []string{`7:9: ` + src + `: expected a mapping, found "3"`}},
		{"block-text", entry("- {seed:", "- {seed: 000_50255237a135427a.txt, block: dix}"), []string{`7:49: ` + src + `, block: expected a whole number, found "dix"`}},
		{"tree-title-list", tree("title:", "title: [a]"), []string{`3:12: tree "lint-one-cause", title: expected text, found a list`}},
		{"node-kind-list", tree("kind: conclusion", "kind: [conclusion]"), []string{`21:15: node "concl", kind: expected text, found a list`}},
		{"options-scalar", tree("options:", "options: 3", "- {id: oui", "", "- {id: non", ""), []string{`10:18: node "rooted", options: expected a list, found "3"`}},
		{"option-id-list", tree("- {id: non", `- {id: [non], label: "Non", next: concl}`), []string{`12:18: node "rooted", option 2, id: expected text, found a list`}},
		{"option-scalar", tree("- {id: non", "- non"), []string{`12:13: node "rooted", option 2: expected a mapping, found "non"`}},
		{"option-next-list", tree("- {id: oui", `- {id: oui, label: "Oui", next: [check]}`), []string{`11:43: node "rooted", option "oui", next: expected text, found a list`}},
		{"outcome-result-list", tree("- {result: valid", "- {result: [valid], next: concl}"), []string{`18:22: node "check", outcome 1, result: expected text, found a list`}},
		{"conclusion-entries-item", tree("entries: [ecps", "entries: [[ecps-device-incompatible]]"), []string{`24:19: node "concl", entries[1]: expected text, found a list`}},
		// An empty answer is not also different from its block or quote.
		{"empty-answer", entry("answer:", `answer: ""`), []string{`2:5: entry "lint-one-cause": empty answer`}},
		{"empty-answer-quote", entry("- {seed:", `- {seed: 002_b65e9fc373031b8a.txt, quote: "Plus de garanties pour la carte e-CPS", published: "DSIH, 14 juin 2022"}`, "answer:", "answer: \"\""),
			[]string{`2:5: entry "lint-one-cause": empty answer`}},
		// Blocks count from 1: 0 and below are out of range, reported at the value.
		{"block-zero", entry("- {seed:", "- {seed: 000_50255237a135427a.txt, block: 0}"), []string{`7:49: ` + src + `: block 0 out of range (blocks count from 1)`}},
		{"block-negative", entry("- {seed:", "- {seed: 000_50255237a135427a.txt, block: -1}"), []string{`7:49: ` + src + `: block -1 out of range (blocks count from 1)`}},
		// A duplicate option id is reported at the duplicate id.
		{"dup-option-flow", tree("- {id: non", `- {id: oui, label: "Non", next: concl}`), []string{`12:18: node "rooted": duplicate option id "oui"`}},
		{"dup-option-block", tree("- {id: non", "- label: \"Non\"\n            next: concl\n            id: oui"), []string{`14:17: node "rooted": duplicate option id "oui"`}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			file := filepath.ToSlash(dir) + "/one.yaml"
			if err := os.WriteFile(file, []byte(tc.content), 0o644); err != nil {
				t.Fatal(err)
			}
			_, probs := lintDir(t, dir)
			var got []string
			for _, p := range probs.Errors() {
				got = append(got, strings.TrimPrefix(p.String(), file+":"))
			}
			ok := len(got) == len(tc.want)
			for i := 0; ok && i < len(got); i++ {
				ok = strings.HasPrefix(got[i], tc.want[i])
			}
			if !ok {
				t.Errorf("got:\n\t%s\nwant:\n\t%s\nfile:\n%s", strings.Join(got, "\n\t"), strings.Join(tc.want, "\n\t"), tc.content)
			}
		})
	}
}

// editLines applies edits (key, line pairs) to lines: the first line
// whose text, indentation aside, starts with key becomes line, indented
// alike; a line "" removes it.
func editLines(t *testing.T, lines []string, edits ...string) string {
	t.Helper()
	out := append([]string(nil), lines...)
	for i := 0; i+1 < len(edits); i += 2 {
		key, line := edits[i], edits[i+1]
		j := 0
		for j < len(out) && !strings.HasPrefix(strings.TrimLeft(out[j], " "), key) {
			j++
		}
		if j == len(out) {
			t.Fatalf("no line starts with %q", key)
		}
		if line == "" {
			out = append(out[:j], out[j+1:]...)
			continue
		}
		indent := len(out[j]) - len(strings.TrimLeft(out[j], " "))
		out[j] = out[j][:indent] + line
	}
	return strings.Join(out, "\n") + "\n"
}

func TestOverrideOK(t *testing.T) {
	const dir = "testdata/override-ok"
	base := kbtest.Embedded()
	k, probs := lintDir(t, dir)
	if errs := probs.Errors(); len(errs) > 0 {
		t.Fatalf("valid override reported errors:\n%s", errs.Error())
	}
	notes := probs.Notes()
	if len(notes) != 1 {
		t.Fatalf("want 1 note (the override), got %d: %v", len(notes), notes)
	}
	n := notes[0]
	if n.Severity != kb.SevNote || !strings.HasPrefix(n.String(), dir+"/override.yaml:4:5: note: ") ||
		!strings.Contains(n.Msg, `entry "ecps-one-per-person" overrides the entry of kb/data/entries/`) {
		t.Errorf("unexpected note: %s (severity %d)", n, n.Severity)
	}

	e := k.Entry("ecps-one-per-person")
	if e == nil || !e.Overrides || e.Title != "Un professionnel peut-il avoir plusieurs e-CPS ?" || e.Pos.File != dir+"/override.yaml" {
		t.Errorf("known id not overridden: %+v", e)
	}
	if be := base.Entry("ecps-one-per-person"); be == nil || be.Overrides || be.Title == e.Title {
		t.Errorf("the embedded KB was modified by the override: %+v", be)
	}
	added := k.Entry("local-ecps-second-phone")
	if added == nil || added.Overrides {
		t.Errorf("new id not added: %+v", added)
	}
	if tr := k.Tree("local-second-phone"); tr == nil || tr.Overrides || tr.Node("concl-one") == nil {
		t.Errorf("new tree not added: %+v", tr)
	}
	if len(k.Entries) != len(base.Entries)+1 || len(k.Trees) != len(base.Trees)+1 {
		t.Errorf("override: %d entries, %d trees; want %d, %d", len(k.Entries), len(k.Trees), len(base.Entries)+1, len(base.Trees)+1)
	}
	// The override keeps the place of the entry it replaces.
	for i, be := range base.Entries {
		if k.Entries[i].ID != be.ID {
			t.Fatalf("entry %d: %q, want %q (order changed)", i, k.Entries[i].ID, be.ID)
		}
	}

	// Load agrees: no fallback.
	lk, lprobs, fallback := kb.Load(dir)
	if fallback || len(lprobs.Errors()) > 0 || lk.Entry("local-ecps-second-phone") == nil {
		t.Errorf("Load(%s): fallback=%v errors=%v", dir, fallback, lprobs.Errors())
	}
}

func kbJSON(t *testing.T, k *kb.KB) string {
	t.Helper()
	b, err := json.Marshal(struct {
		E []*kb.Entry
		T []*kb.Tree
	}{k.Entries, k.Trees})
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestLoadFallback: a broken override never takes the tool down: Load
// returns the embedded KB intact, with fallback set and the problems.
func TestLoadFallback(t *testing.T) {
	k0, probs0, fb0 := kb.Load("")
	if fb0 || len(probs0) > 0 {
		t.Fatalf("Load(\"\"): fallback=%v problems=%v", fb0, probs0)
	}
	want := kbJSON(t, k0)

	dirs := []string{"testdata/lint/all", "testdata/does-not-exist", "testdata/lint/yaml-syntax/yaml-syntax.yaml"}
	for _, tc := range lintCases {
		if !tc.seedOnly {
			dirs = append(dirs, "testdata/lint/"+tc.kind)
		}
	}
	for _, dir := range dirs {
		func() {
			defer func() {
				if r := recover(); r != nil {
					t.Errorf("Load(%s) panicked: %v", dir, r)
				}
			}()
			k, probs, fallback := kb.Load(dir)
			if !fallback {
				t.Errorf("Load(%s): fallback=false", dir)
			}
			if len(probs.Errors()) == 0 {
				t.Errorf("Load(%s): no problem reported", dir)
			}
			if got := kbJSON(t, k); got != want {
				t.Errorf("Load(%s): the KB is not the embedded one", dir)
			}
			for _, e := range k.Entries {
				if e.Overrides || strings.HasPrefix(e.ID, "lint-") || !strings.HasPrefix(e.Pos.File, kb.EmbeddedPrefix) {
					t.Errorf("Load(%s): entry %q from %s leaked into the fallback KB", dir, e.ID, e.Pos.File)
				}
			}
			if e := k.Entry("ecps-one-per-person"); e == nil || e.Product != "e-CPS" {
				t.Errorf("Load(%s): embedded entry ecps-one-per-person altered: %+v", dir, e)
			}
		}()
	}
	_, probs, _ := kb.Load("testdata/does-not-exist")
	if s := probs.Errors()[0].String(); !strings.HasPrefix(s, "testdata/does-not-exist: cannot read the knowledge directory") {
		t.Errorf("missing dir: %s", s)
	}
}

// TestLoadHostile feeds odd and hostile files through Load: never a panic,
// always a positioned problem and the embedded KB.
func TestLoadHostile(t *testing.T) {
	deep := strings.Repeat("[", 100) + strings.Repeat("]", 100)
	// want: a part of the first error expected ("" when the file adds
	// nothing and is no error, "*" for any error).
	cases := []struct{ name, content, want string }{
		{"empty", "", "empty file"},
		{"comment", "# nothing\n", "empty file"},
		{"null", "~\n", "1:1: file: expected a mapping, found nothing"},
		{"scalar", "hello\n", "file: expected a mapping"},
		{"list-root", "- 1\n- 2\n", "file: expected a mapping, found a list"},
		{"empty-lists", "entries: []\ntrees:\n", ""},
		{"entries-int", "entries: 3\n", `1:10: entries: expected a list, found "3"`},
		{"entries-map", "entries: {id: x}\n", "entries: expected a list, found a mapping"},
		{"entry-scalar", "entries: [x]\n", `entry: expected a mapping, found "x"`},
		{"empty-entry", "entries: [{}]\n", "entry: missing id"},
		{"source-scalar", "entries: [{id: x, sources: [3]}]\n", "source 1: expected a mapping"},
		{"block-text", "entries: [{id: x, sources: [{seed: a.txt, block: deux}]}]\n", "block: expected a whole number"},
		{"block-neg", "entries: [{id: x, sources: [{seed: 000_50255237a135427a.txt, block: -1}]}]\n", "*"},
		{"block-huge", "entries: [{id: x, sources: [{seed: 000_50255237a135427a.txt, block: 99999999999999999999}]}]\n", "*"},
		{"empty-tree", "trees: [{}]\n", "tree: missing id"},
		{"empty-nodes", "trees: [{id: t, nodes: [{}, {id: a}, {id: a, kind: question, options: [{}, 3]}]}]\n", "*"},
		{"check-node", "trees: [{id: t, start: c, nodes: [{id: c, kind: check, check: nope, outcomes: [{result: x}, {result: valid, next: c}]}]}]\n", "*"},
		{"self-loop", "trees: [{id: t, start: a, nodes: [{id: a, kind: question, options: [{id: x, next: a}, {id: y, next: a}]}]}]\n", "*"},
		{"deep", "entries: " + deep + "\n", "nesting deeper than 64 levels"},
		{"alias-bomb", "a: &a [x, x]\nb: &b [*a, *a]\nc: &c [*b, *b]\nentries: *c\n", "YAML aliases (*a) are not supported"},
		{"dup-key", "entries: []\nentries: []\n", `2:1: file: field "entries" repeated`},
		{"binary", "\x00\x01\x02\xff", "invalid YAML"},
		{"tabs", "entries:\n\t- id: x\n", "invalid YAML"},
		{"multi-doc", "entries: []\n---\ntrees: []\n", "3:1: a second YAML document"},
		{"trailing-doc-end", "---\nentries: []\n---\n", ""},
		{"bad-id", "entries: [{id: Not_Kebab, title: t, answer: a, product: e-CPS, theme: t, sources: [{seed: 000_50255237a135427a.txt, block: 10}]}]\n", "id must be kebab-case"},
		{"escape", "entries: [{id: \"x\\e[2J\", title: \"\\e]52;c;AAAA\\a\"}]\n", "*"},
	}
	want := kbJSON(t, kbtest.Embedded())
	for _, tc := range cases {
		name := tc.name
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, name+".yaml"), []byte(tc.content), 0o644); err != nil {
				t.Fatal(err)
			}
			defer func() {
				if r := recover(); r != nil {
					t.Fatalf("panic: %v", r)
				}
			}()
			k, probs, fallback := kb.Load(dir)
			errs := probs.Errors()
			if tc.want == "" {
				if len(errs) > 0 || fallback {
					t.Errorf("want no error, got fallback=%v:\n%s", fallback, errs.Error())
				}
				return
			}
			if len(errs) == 0 {
				t.Fatalf("want an error")
			}
			if tc.want != "*" && !strings.Contains(errs[0].String(), tc.want) {
				t.Errorf("first error %q, want …%s…", errs[0], tc.want)
			}
			if !fallback || kbJSON(t, k) != want {
				t.Errorf("fallback=%v; KB intact=%v", fallback, kbJSON(t, k) == want)
			}
			for _, p := range errs {
				if !strings.HasPrefix(p.String(), filepath.ToSlash(dir)+"/"+name+".yaml") {
					t.Errorf("problem not located in the file: %s", p)
				}
			}
			// Lint must not panic either on what was merged.
			mk, _ := kb.LoadMerged(dir)
			mk.Lint(lintSeeds(t))
		})
	}
}

func TestParseFileTooLarge(t *testing.T) {
	var l kb.Layer
	var probs kb.Problems
	l.ParseFile("big.yaml", make([]byte, kb.MaxFileSize+1), &probs)
	if len(probs) != 1 || !strings.Contains(probs[0].String(), "big.yaml: file is") {
		t.Errorf("too large: %v", probs)
	}
}

// FuzzParseFile: whatever the bytes, parsing, merging and lint never panic.
func FuzzParseFile(f *testing.F) {
	files, _ := filepath.Glob("testdata/lint/all/*.yaml")
	more, _ := filepath.Glob("testdata/override-ok/*.yaml")
	for _, name := range append(files, more...) {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte("trees: [{id: t, start: a, nodes: [{id: a, kind: question, options: [{id: x, next: a}]}]}]"))
	seeds := lintSeeds(f)
	base, _ := kb.EmbeddedLayer()
	f.Fuzz(func(t *testing.T, data []byte) {
		var over kb.Layer
		var probs kb.Problems
		over.ParseFile("fuzz.yaml", data, &probs)
		for _, p := range probs {
			_ = p.String()
		}
		// Merge shares the base's entries; give it copies.
		b := kb.Layer{Entries: append([]*kb.Entry(nil), base.Entries...), Trees: append([]*kb.Tree(nil), base.Trees...)}
		k, _ := kb.Merge(b, over)
		k.Lint(seeds)
	})
}
