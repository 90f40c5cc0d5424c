package kb

import (
	"encoding/json"
	"os"
	"reflect"
	"strings"
	"testing"
)

func lintDirs(t *testing.T, dirs ...string) (*KB, Problems) {
	t.Helper()
	k, probs := LoadMergedDirs(dirs)
	seeds, err := ReadSeeds(os.DirFS("../seeds"))
	if err != nil {
		t.Fatal(err)
	}
	probs = append(probs, k.Lint(seeds)...)
	probs.Sort()
	return k, probs
}

// The team example loads clean: its entry and tree are team knowledge,
// labelled as such, and lint compares nothing of them with the seeds.
func TestTeamKnowledgeExample(t *testing.T) {
	k, probs := lintDirs(t, "../testdata/team")
	if len(probs) > 0 {
		t.Fatalf("problems:\n%s", probs.Error())
	}
	e, tr := k.Entry("team-n2-transmission"), k.Tree("team-n2-checklist")
	if e == nil || tr == nil || !e.IsTeam() || !tr.IsTeam() || e.Overrides {
		t.Fatalf("entry %+v tree %+v", e, tr)
	}
	if got := e.OriginLabel(); got != "Interne (équipe)" {
		t.Errorf("entry label %q", got)
	}
	if got := e.Citation(); got != "Interne (équipe) · responsable : Équipe support niveau 1 · revu le 20/11/2026" {
		t.Errorf("entry citation %q", got)
	}
	if got := tr.OriginLabel(); got != "Interne (équipe)" {
		t.Errorf("tree label %q", got)
	}
	off := k.Entry("ecps-atsam")
	if off.IsTeam() || off.OriginLabel() != "Officiel (ANS)" || off.Citation() != "seeds/004_879196a5f9e7ad5e.txt, réponse n° 16 · Officiel (ANS)" {
		t.Errorf("official entry: %q %q", off.OriginLabel(), off.Citation())
	}
	if k.Tree("ecps-device-integrity").Citation() != "Officiel (ANS)" {
		t.Errorf("official tree citation %q", k.Tree("ecps-device-integrity").Citation())
	}
	// JSON: the origin fields appear for team knowledge only, so the JSON
	// of official entries is byte for byte what it was.
	js, _ := json.Marshal(off)
	if strings.Contains(string(js), "origin") || strings.Contains(string(js), "owner") {
		t.Errorf("official entry JSON carries origin fields: %s", js)
	}
	js, _ = json.Marshal(e)
	if !strings.Contains(string(js), `"origin":"team","owner":"Équipe support niveau 1","reviewed":"2026-11-20"`) {
		t.Errorf("team entry JSON: %s", js)
	}
}

// A team entry may take an official id: lint says so (a note, not an
// error: the tool uses it) and the label marks it; the seed answer it
// hides is not an orphan block.
func TestTeamOverrideOfAnOfficialID(t *testing.T) {
	k, probs := lintDirs(t, "testdata/team-override")
	if errs := probs.Errors(); len(errs) > 0 {
		t.Fatalf("errors:\n%s", errs.Error())
	}
	notes := probs.Notes()
	if len(notes) != 1 || !strings.Contains(notes[0].String(), `team entry "ecps-atsam" overrides the official entry of kb/data/entries/ecps.yaml:`) ||
		!strings.Contains(notes[0].String(), "« Interne (équipe) — remplace la réponse officielle »") {
		t.Errorf("notes: %v", notes)
	}
	e := k.Entry("ecps-atsam")
	if !e.IsTeam() || !e.Overrides || e.OriginLabel() != "Interne (équipe) — remplace la réponse officielle" {
		t.Errorf("override: team %v overrides %v label %q", e.IsTeam(), e.Overrides, e.OriginLabel())
	}
}

// Every rule of the origin fields, one problem each.
func TestTeamKnowledgeProblems(t *testing.T) {
	_, probs := lintDirs(t, "testdata/team-bad")
	var got []string
	for _, p := range probs.Errors() {
		got = append(got, strings.TrimPrefix(p.String(), "testdata/team-bad/bad.yaml:"))
	}
	want := []string{
		`10:9: entry "team-with-sources": a team entry (origin: team) cites no seed: remove its sources, or its origin to make it official`,
		`12:5: entry "team-no-owner": a team entry needs an owner (who answers for it)`,
		`12:5: entry "team-no-owner": reviewed "2026-13-01" is not a date YYYY-MM-DD`,
		`19:5: entry "official-with-owner": owner and reviewed are for team knowledge: add origin: team (an official entry cites the seeds)`,
		`28:5: entry "bogus-origin": origin "ans": the only origin is team (official knowledge has no origin field)`,
		`46:9: tree "official-tree-citing-team", node "c": cites the team entry "team-no-owner": a tree citing team knowledge is team knowledge (origin: team, owner, reviewed)`,
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// An official entry says who published its sources: the ANS for the FAQ
// pages, the outlet and date for an article seed (the DSIH article is not
// the ANS's word).
func TestSourceOrigin(t *testing.T) {
	faq := Source{Seed: "000_50255237a135427a.txt", Block: 1}
	press := Source{Seed: "002_b65e9fc373031b8a.txt", Quote: "…", Published: "DSIH, 14 juin 2022"}
	for _, tc := range []struct {
		sources []Source
		want    string
	}{
		{[]Source{faq}, "Officiel (ANS)"},
		{[]Source{press}, "Presse (DSIH, 14 juin 2022)"},
		{[]Source{press, faq, press}, "Presse (DSIH, 14 juin 2022) ; Officiel (ANS)"},
	} {
		e := &Entry{ID: "x", Sources: tc.sources}
		if got := e.OriginLabel(); got != tc.want {
			t.Errorf("%v: OriginLabel %q, want %q", tc.sources, got, tc.want)
		}
		if got := e.Citation(); !strings.HasSuffix(got, " · "+tc.want) {
			t.Errorf("%v: Citation %q", tc.sources, got)
		}
	}
	k, _, _ := Load("")
	if e := k.Entry("psc-authentication-figures"); e == nil || e.OriginLabel() != "Presse (DSIH, 14 juin 2022)" {
		t.Errorf("the DSIH entry: %v", e)
	}
}
