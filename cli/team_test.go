package cli

import (
	"encoding/json"
	"strings"
	"testing"
)

// Team knowledge is said to be a team's wherever the CLI shows it; the
// official answers say « Officiel (ANS) ».
func TestTeamKnowledgeIsLabelled(t *testing.T) {
	const team = "../testdata/team"
	tests := []struct {
		args []string
		code int
		want []string
	}{
		{[]string{"show", "team-n2-transmission"}, ExitOK, []string{"Origine     : Interne (équipe)\nResponsable : Équipe support niveau 1\nRevu le     : 20/11/2026\n"}},
		{[]string{"show", "ecps-atsam"}, ExitOK, []string{"Origine     : Officiel (ANS)\nSources     :\n  - seeds/004_879196a5f9e7ad5e.txt, réponse n° 16\n"}},
		{[]string{"list"}, ExitOK, []string{"team-n2-transmission                 Que joindre à une transmission au niveau 2 ? [Interne (équipe)]\n",
			"\n54 réponses (53 officielles (ANS), 1 interne (équipe))\n"}},
		{[]string{"trees"}, ExitOK, []string{"team-n2-checklist", "Avant de transmettre au niveau 2 [Interne (équipe)]\n", "13 arbres de diagnostic (12 officiels (ANS), 1 interne (équipe))\n"}},
		{[]string{"search", "que joindre à une transmission au niveau 2"}, ExitOK, []string{"Confiance : élevée — une réponse interne (équipe) correspond.\n",
			"team-n2-checklist          Avant de transmettre au niveau 2 [Interne (équipe)]\n",
			"[team-n2-transmission]", "     Interne (équipe) · responsable : Équipe support niveau 1 · revu le 20/11/2026\n"}},
		{[]string{"search", "atsam"}, ExitOK, []string{"Confiance : élevée — une réponse officielle correspond.\n", "     seeds/004_879196a5f9e7ad5e.txt, réponse n° 16 · Officiel (ANS)\n"}},
		{[]string{"diagnose", "team-n2-checklist", "--answers", "oui"}, ExitOK, []string{"Avant de transmettre au niveau 2  [team-n2-checklist]\nInterne (équipe) · responsable : Équipe support niveau 1 · revu le 20/11/2026\n",
			"  - Que joindre à une transmission au niveau 2 ? (team-n2-transmission)\n      Interne (équipe) · responsable"}},
		{[]string{"diagnose", "team-n2-checklist", "--answers", "non", "--format", "md"}, ExitOK, []string{"- Origine : Interne (équipe) · responsable : Équipe support niveau 1 · revu le 20/11/2026\n",
			"### Réponses citées\n", "(`team-n2-transmission`) — Interne (équipe) · responsable"}},
		{[]string{"lint"}, ExitOK, []string{"; team knowledge (origin: team): 1 entries, 1 trees\n"}},
	}
	for _, tt := range tests {
		out, errs, code := run(t, "", append([]string{"--kb", team}, tt.args...)...)
		if code != tt.code || errs != "" {
			t.Errorf("%q: exit %d, stderr %q", tt.args, code, errs)
		}
		for _, w := range tt.want {
			if !strings.Contains(out, w) {
				t.Errorf("%q: no %q in:\n%s", tt.args, w, out)
			}
		}
	}
	// Without the team directory, the official listing is as it was.
	out, _, _ := run(t, "", "list")
	if strings.Contains(out, "Interne") || !strings.HasSuffix(out, "\n53 réponses\n") {
		t.Errorf("official list changed:\n%s", out)
	}
	// JSON: the team entry carries its origin; official entries do not.
	out, _, _ = run(t, "", "--kb", team, "list", "--json")
	var entries []map[string]any
	if err := json.Unmarshal([]byte(out), &entries); err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		_, has := e["origin"]
		if has != (e["id"] == "team-n2-transmission") || (has && (e["origin"] != "team" || e["owner"] == nil || e["reviewed"] != "2026-11-20")) {
			t.Errorf("%v: origin %v owner %v reviewed %v", e["id"], e["origin"], e["owner"], e["reviewed"])
		}
	}
}

// A team entry that took an official id says so where it is shown.
func TestTeamOverrideIsMarked(t *testing.T) {
	const dir = "../kb/testdata/team-override"
	out, _, code := run(t, "", "--kb", dir, "show", "ecps-atsam")
	if code != ExitOK || !strings.Contains(out, "Origine     : Interne (équipe) — remplace la réponse officielle\n") {
		t.Errorf("show: exit %d\n%s", code, out)
	}
	out, _, _ = run(t, "", "--kb", dir, "list")
	if !strings.Contains(out, "ATSAM : notre réponse interne [Interne (équipe) — remplace la réponse officielle]\n") {
		t.Errorf("list:\n%s", out)
	}
	out, _, code = run(t, "", "--kb", dir, "lint")
	if code != ExitOK || !strings.Contains(out, `note: team entry "ecps-atsam" overrides the official entry of`) {
		t.Errorf("lint: exit %d\n%s", code, out)
	}
	// A tree citing it shows the replacement in its transcript.
	out, _, code = run(t, "", "--kb", dir, "diagnose", "ecps-activation-method", "--format", "md", "--answers", "non,oui,non")
	if code != ExitOK || !strings.Contains(out, "### Réponses citées\n") ||
		!strings.Contains(out, "(`ecps-atsam`) — Interne (équipe) — remplace la réponse officielle · responsable : Équipe support niveau 1 · revu le 01/10/2026\n") {
		t.Errorf("transcript:\n%s", out)
	}
}

// A team's own vocabulary places a query in the domain, as the official
// jargon does: its entry is found and judged, not « rien dans la base ».
func TestTeamVocabularyAnchors(t *testing.T) {
	out, _, code := run(t, "", "--kb", "../testdata/team", "search", "transmission", "--json")
	if code != ExitOK || !strings.Contains(out, `"confidence": "high"`) || !strings.Contains(out, "team-n2-transmission") {
		t.Errorf("exit %d\n%s", code, out)
	}
}

// A reply quoting team knowledge says so: it is never passed off as the
// official answer, and leaves no blank source line.
func TestTeamReplyIsLabelled(t *testing.T) {
	out, _, code := run(t, "", "--kb", "../testdata/team", "show", "team-n2-transmission", "--format", "reply")
	if code != ExitOK || !strings.Contains(out, "\n\nSource : information de notre équipe support (non officielle)\n\n") || strings.Contains(out, "\n\n\n") {
		t.Errorf("exit %d\n%q", code, out)
	}
}
