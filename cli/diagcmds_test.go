package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"
)

func run(t *testing.T, stdin string, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Run(Env{Args: args, Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errb, Seeds: os.DirFS("../seeds")})
	return out.String(), errb.String(), code
}

func TestTreesListsTheCatalog(t *testing.T) {
	out, _, code := run(t, "", "trees")
	if code != 0 || !strings.Contains(out, "12 arbres") || !strings.Contains(out, "ecps-device-integrity") {
		t.Fatalf("trees: exit %d\n%s", code, out)
	}
	out, _, _ = run(t, "", "trees", "--json")
	var trees []map[string]any
	if err := json.Unmarshal([]byte(out), &trees); err != nil || len(trees) != 12 {
		t.Fatalf("trees --json: %v, %d trees", err, len(trees))
	}
}

func TestDiagnoseShowsTheFirstQuestionOfEveryTree(t *testing.T) {
	out, _, _ := run(t, "", "trees", "--json")
	var trees []struct{ ID string }
	if err := json.Unmarshal([]byte(out), &trees); err != nil {
		t.Fatal(err)
	}
	for _, tr := range trees {
		out, errs, code := run(t, "", "diagnose", tr.ID, "--format", "json")
		if code != ExitPending {
			t.Errorf("%s: exit %d, want %d (pending); %s", tr.ID, code, ExitPending, errs)
			continue
		}
		var r struct {
			Tree    string
			Path    []any
			Pending *struct {
				Node, Question, Kind string
				Options              []struct{ ID, Label string }
			}
			Conclusion any
		}
		if err := json.Unmarshal([]byte(out), &r); err != nil {
			t.Fatalf("%s: %v", tr.ID, err)
		}
		if r.Tree != tr.ID || r.Pending == nil || r.Pending.Question == "" || len(r.Pending.Options) < 2 || r.Conclusion != nil || r.Path == nil {
			t.Errorf("%s: unexpected report %s", tr.ID, out)
		}
	}
}

func TestDiagnoseReplayToConclusion(t *testing.T) {
	out, errs, code := run(t, "", "diagnose", "ecps-activation-error", "--answers", "android,bas", "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var r struct {
		Path []struct {
			Node   string
			Answer struct{ ID, Label string }
		}
		Pending    any
		Conclusion *struct {
			Verdict string
			Entries []string
			Steps   []string
		}
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	if r.Pending != nil || r.Conclusion == nil || len(r.Path) != 2 || r.Path[1].Answer.ID != "bas" {
		t.Fatalf("unexpected report: %s", out)
	}
	found := false
	for _, id := range r.Conclusion.Entries {
		found = found || id == "ecps-activation-error-causes"
	}
	if !found {
		t.Errorf("conclusion does not cite ecps-activation-error-causes (000/1): %v", r.Conclusion.Entries)
	}
	md, _, _ := run(t, "", "diagnose", "ecps-activation-error", "--answers", "android,bas", "--format", "md")
	if !strings.Contains(md, "# Diagnostic") || !strings.Contains(md, "seeds/000_50255237a135427a.txt, réponse n° 1") {
		t.Errorf("markdown transcript:\n%s", md)
	}
}

func TestDiagnoseCheckNodeTakesInput(t *testing.T) {
	out, errs, code := run(t, "", "diagnose", "ecps-activation-error", "--answers", "android,ecps", "--input", "10000123454")
	if code != 0 || !strings.Contains(out, "810000123454") {
		t.Fatalf("exit %d: %s\n%s", code, errs, out)
	}
	// Without --input the check node is pending.
	out, _, code = run(t, "", "diagnose", "ecps-activation-error", "--answers", "android,ecps")
	if code != ExitPending || !strings.Contains(out, "--input") {
		t.Fatalf("pending check: exit %d\n%s", code, out)
	}
}

func TestDiagnoseErrorsListTheValidChoices(t *testing.T) {
	_, errs, code := run(t, "", "diagnose", "nope")
	if code != ExitUsage || !strings.Contains(errs, "ecps-device-integrity") {
		t.Errorf("unknown tree: exit %d: %s", code, errs)
	}
	_, errs, code = run(t, "", "diagnose", "ecps-activation-error", "--answers", "windows")
	if code != ExitUsage || !strings.Contains(errs, "android") || !strings.Contains(errs, "iphone") {
		t.Errorf("unknown option: exit %d: %s", code, errs)
	}
	_, _, code = run(t, "", "diagnose", "ecps-activation-error", "--format", "xml")
	if code != ExitUsage {
		t.Errorf("bad format: exit %d", code)
	}
}

func TestCheckID(t *testing.T) {
	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"10000123454"}, 1, "810000123454"},
		{[]string{"810000123455"}, 1, "faute de frappe"},
		{[]string{"810000123454"}, 0, "VALIDE"},
		{[]string{"8", "1000", "0123", "454"}, 0, "VALIDE"},
		{[]string{"77220148900022", "--kind", "siret"}, 0, "VALIDE"},
		{[]string{"--kind", "finess", "010780196"}, 1, "INVALIDE"},
		// Issue 10: a phone number is said to be one, never VALIDE.
		{[]string{"0612345678"}, 1, "INVALIDE — numéro de téléphone"},
		{[]string{"06", "12", "34", "56", "78"}, 1, "numéro de téléphone"},
		// Non-ASCII letters are refused, not upper-cased into ASCII.
		{[]string{"75ı123458", "--kind", "adeli"}, 1, "la lettre ı"},
		{[]string{"075ſ123458"}, 1, "INVALIDE"},
		// A label word names the kind when the value is one (or no valid
		// identifier of the guessed kind); else it is set aside.
		{[]string{"RPPS 10000123454"}, 0, "VALIDE — numéro RPPS"},
		{[]string{"RPPS", "810000123454"}, 0, "« RPPS » mis de côté"},
		{[]string{"10000123454"}, 1, "il manque le préfixe 8"},
		// The identifiant national is 8 + RPPS: an ADELI number is not one.
		{[]string{"759301237", "--kind", "idnat"}, 1, "c'est un numéro ADELI"},
	}
	for _, tt := range tests {
		out, errs, code := run(t, "", append([]string{"check-id"}, tt.args...)...)
		if code != tt.code || !strings.Contains(out, tt.want) {
			t.Errorf("check-id %v: exit %d (want %d)\n%s%s", tt.args, code, tt.code, out, errs)
		}
	}
	out, _, _ := run(t, "", "check-id", "10000123454", "--json")
	var r struct {
		Valid   bool
		Problem string
		Fix     string
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil || r.Valid || r.Problem != "missing-prefix" || !strings.Contains(r.Fix, "810000123454") {
		t.Errorf("check-id --json: %v %+v", err, r)
	}
	if _, _, code := run(t, "", "check-id", "123", "--kind", "iban"); code != ExitUsage {
		t.Errorf("unknown kind: exit %d", code)
	}
	if _, _, code := run(t, "", "check-id"); code != ExitUsage {
		t.Errorf("no value: exit %d", code)
	}
}

type findingsJSON struct {
	Query string
	Trees []struct {
		ID, Title string
		Score     float64
		Matched   []string
	}
	Entries []struct {
		ID, Title string
		Score     float64
		Matched   []string
		Sources   []map[string]any
	}
}

func TestSearchRanksTheRootedPhoneAnswerFirst(t *testing.T) {
	out, errs, code := run(t, "", "search", "telephone", "roote", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var f findingsJSON
	if err := json.Unmarshal([]byte(out), &f); err != nil {
		t.Fatal(err)
	}
	if f.Query != "telephone roote" || len(f.Entries) == 0 || f.Entries[0].ID != "ecps-device-incompatible" {
		t.Fatalf("search telephone roote: %s", out)
	}
	e := f.Entries[0]
	if len(e.Matched) == 0 || len(e.Sources) == 0 || e.Sources[0]["seed"] == nil || e.Score <= 0 {
		t.Errorf("first entry lacks matched terms, sources or score: %+v", e)
	}
	text, _, _ := run(t, "", "search", "telephone roote")
	if !strings.Contains(text, "ecps-device-incompatible") {
		t.Errorf("text output:\n%s", text)
	}
}

func TestTriageFromStdin(t *testing.T) {
	ticket := "bjr la dr a changé de puce et lappli marche plus"
	out, errs, code := run(t, ticket, "triage", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var f findingsJSON
	if err := json.Unmarshal([]byte(out), &f); err != nil {
		t.Fatal(err)
	}
	if len(f.Trees) == 0 || f.Trees[0].ID != "ecps-device-integrity" || len(f.Trees[0].Matched) == 0 {
		t.Fatalf("triage: %s", out)
	}
	text, _, _ := run(t, ticket, "triage")
	if !strings.Contains(text, "Arbre conseillé : ecps-device-integrity") || !strings.Contains(text, "puce") {
		t.Errorf("text triage:\n%s", text)
	}
	if _, _, code := run(t, "", "triage"); code != ExitUsage {
		t.Errorf("empty ticket: exit %d", code)
	}
	if _, errs, code := run(t, "", "triage", "/nonexistent/ticket.txt"); code != ExitFail || !strings.Contains(errs, "/nonexistent/ticket.txt") {
		t.Errorf("missing file: exit %d %s", code, errs)
	}
}

// A ticket quoting an identifier gets it checked: the RPPS typed without
// its 8 is named, with the corrected value; a phone number is left alone.
func TestTriageChecksTheIdentifiersOfTheTicket(t *testing.T) {
	ticket := "Bonjour, le Dr n'arrive pas à activer sa e-CPS, il tape son RPPS 10000123454.\nRappel au 06 12 34 56 78."
	out, errs, code := run(t, ticket, "triage", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var f struct {
		Identifiers []struct {
			Input   string `json:"input"`
			Kind    string `json:"kind"`
			Valid   bool   `json:"valid"`
			Problem string `json:"problem"`
			Fix     string `json:"fix"`
		} `json:"identifiers"`
	}
	if err := json.Unmarshal([]byte(out), &f); err != nil {
		t.Fatal(err)
	}
	if len(f.Identifiers) != 1 {
		t.Fatalf("identifiers: %s", out)
	}
	id := f.Identifiers[0]
	if id.Input != "10000123454" || id.Kind != "idnat" || id.Valid || id.Problem != "missing-prefix" || !strings.Contains(id.Fix, "810000123454") {
		t.Errorf("identifier: %+v", id)
	}
	text, _, _ := run(t, ticket, "triage")
	// "n'arrive pas à activer" is not the mail that does not arrive, and the
	// digits of the phone number ("06", "12") match nothing.
	if !strings.Contains(text, "Identifiants repérés") || !strings.Contains(text, "il manque le préfixe 8") ||
		!strings.Contains(text, "Arbre conseillé : ecps-activation-error") || strings.Contains(text, "segur-ieps") || strings.Contains(text, ", 12") {
		t.Errorf("text triage:\n%s", text)
	}
	// No identifier: the key is there, empty.
	out, _, _ = run(t, "la carte CPS n'est pas vue dans firefox", "triage", "--json")
	if !strings.Contains(out, `"identifiers": []`) {
		t.Errorf("no identifier: %s", out)
	}
}

func TestNothingMatchesSaysSo(t *testing.T) {
	out, _, code := run(t, "", "search", "zzqxw", "vbnmk")
	if code != 0 || !strings.Contains(out, "Rien dans la base ne concerne « zzqxw vbnmk »") {
		t.Errorf("nonsense query: exit %d\n%s", code, out)
	}
}

// The six inputs of the honest-triage issue get low or none, in words;
// the SIM-change ticket keeps its tree, judged high.
func TestConfidenceBands(t *testing.T) {
	tests := []struct {
		stdin string
		args  []string
		band  string
		has   []string
		not   []string
	}{
		{"", []string{"search", "carte", "cps", "perdue"}, "low",
			[]string{"Confiance : faible", "La base ne traite pas de la perte ou du vol d'une carte CPS", "Arbres voisins", "Réponses voisines"},
			[]string{"Arbre conseillé", "score"}},
		{"J'ai perdu ma carte CPS, comment en avoir une autre ?", []string{"triage"}, "low",
			[]string{"Pas de réponse officielle à cette question précise"}, []string{"Arbre conseillé"}},
		{"", []string{"search", "mot de passe e-cps oublie"}, "low", []string{"la base ne traite pas de l'oubli d'un mot de passe"}, []string{"Arbre conseillé"}},
		{"", []string{"search", "code PIN oublié"}, "none", []string{"Rien dans la base ne concerne"}, []string{"Arbre"}},
		{"notre imprimante du cabinet est en panne", []string{"triage"}, "none", []string{"Rien dans la base ne concerne"}, []string{"Arbre"}},
		{"la licence de l'antivirus arrive à expiration, comment la renouveler", []string{"triage"}, "none", []string{"Rien dans la base"}, []string{"Arbre"}},
		{"la carte CPS n'est pas reconnue dans Chrome (pas Firefox)", []string{"triage"}, "low",
			[]string{"un autre navigateur que Firefox"}, []string{"Arbre conseillé"}},
		{"bjr la dr a changé de puce et lappli marche plus", []string{"triage"}, "high",
			[]string{"Confiance : élevée", "Arbre conseillé : ecps-device-integrity", "e-CPS (« changé de puce et lappli »)"}, []string{"score"}},
		{"", []string{"search", "telephone", "roote", "--scores"}, "high", []string{"(score "}, nil},
	}
	for _, tt := range tests {
		out, _, code := run(t, tt.stdin, tt.args...)
		if code != 0 {
			t.Errorf("%v: exit %d", tt.args, code)
		}
		for _, h := range tt.has {
			if !strings.Contains(strings.ToLower(out), strings.ToLower(h)) {
				t.Errorf("%v %q: no %q in\n%s", tt.args, tt.stdin, h, out)
			}
		}
		for _, n := range tt.not {
			if strings.Contains(out, n) {
				t.Errorf("%v %q: %q in\n%s", tt.args, tt.stdin, n, out)
			}
		}
		js, _, _ := run(t, tt.stdin, append(tt.args, "--json")...)
		var f struct {
			Confidence string `json:"confidence"`
			Weak       bool   `json:"weak"`
			Trees      []struct {
				Confidence string `json:"confidence"`
			} `json:"trees"`
			Gaps []struct{ ID string } `json:"gaps"`
		}
		if err := json.Unmarshal([]byte(js), &f); err != nil {
			t.Fatalf("%v: %v\n%s", tt.args, err, js)
		}
		if f.Confidence != tt.band || f.Weak != (tt.band == "none") {
			t.Errorf("%v %q: confidence %q weak %v, want %s", tt.args, tt.stdin, f.Confidence, f.Weak, tt.band)
		}
		for _, tr := range f.Trees {
			if tt.band != "high" && tr.Confidence == "high" {
				t.Errorf("%v %q: a tree judged high in a %s result", tt.args, tt.stdin, tt.band)
			}
		}
	}
}

func TestHostileTextIsShownInert(t *testing.T) {
	hostile := "\x1b[2J\x1b]52;c;aGFjaw==\x07\x1b]8;;http://x\x1b\\lien\x1b]8;;\x1b\\\u009b31m téléphone rooté"
	for _, args := range [][]string{{"triage"}, {"search", hostile}, {"check-id", hostile}, {"show", hostile}, {"diagnose", hostile}} {
		out, errs, _ := run(t, hostile, args...)
		for _, s := range []string{out, errs} {
			if strings.ContainsAny(s, "\x1b\x07\u009b") {
				t.Errorf("%v: a control sequence reached the output: %q", args[0], s)
			}
		}
	}
}

func TestBareCommandOutsideATerminalPrintsUsage(t *testing.T) {
	_, errs, code := run(t, "")
	if code != ExitUsage || !strings.Contains(errs, "Usage:") {
		t.Errorf("bare, not a terminal: exit %d\n%s", code, errs)
	}
}

// A typed identifier is made inert where it enters, as in the TUI: the
// JSON reports the value checked, its controls replaced, never raw.
func TestJSONEscapesC1Controls(t *testing.T) {
	out, _, _ := run(t, "", "check-id", "81\u009b31m\u009d0;x", "--json")
	if strings.ContainsAny(out, "\x1b\u009b\u009d") {
		t.Fatalf("raw control characters in JSON: %q", out)
	}
	var r struct {
		Input string
		Valid bool
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil || r.Input != "81\uFFFD31m\uFFFD0;x" || r.Valid {
		t.Fatalf("JSON input: %v %q valid=%v", err, r.Input, r.Valid)
	}
}

// Issue 10: an empty --input asks again (exit 3, pending), never concludes.
func TestDiagnoseEmptyInputAsksAgain(t *testing.T) {
	out, errs, code := run(t, "", "diagnose", "ecps-activation-error", "--answers", "iphone", "--input", "")
	if code != ExitPending || !strings.Contains(out, "Question en attente") || strings.Contains(out, "Conclusion") ||
		!strings.Contains(errs, "still waits for an identifier") {
		t.Errorf("--input \"\": exit %d (want %d)\n%s%s", code, ExitPending, out, errs)
	}
}

// Issue 10: info and hand-on conclusions carry the team's escalation
// line; verdicts name what the agent does; a cited answer that lost a link
// says so in the transcript.
func TestDiagnoseConclusionWording(t *testing.T) {
	out, _, code := run(t, "", "diagnose", "ecps-activation-error", "--answers", "iphone,non", "--input", "810000123454")
	if code != ExitOK || !strings.Contains(out, "Conclusion : À orienter (ARS)") ||
		!strings.Contains(out, "Recours de l'équipe : Transmettre au niveau 2 avec la transcription") ||
		!strings.Contains(out, "\nRéponses officielles citées :\n") {
		t.Errorf("ARS conclusion:\n%s", out)
	}
	out, _, _ = run(t, "", "diagnose", "ecps-activation-mail", "--answers", "oui,erronee", "--format", "md")
	if !strings.Contains(out, "## Conclusion : Information") || !strings.Contains(out, "`ecps-update-correspondence`") ||
		!strings.Contains(out, "[lien absent de la source]") || !strings.Contains(out, "**Recours de l'équipe :**") {
		t.Errorf("update-address transcript:\n%s", out)
	}
	out, _, _ = run(t, "", "diagnose", "ecps-activation-mail", "--answers", "oui,correcte", "--format", "json")
	if !strings.Contains(out, `"verdict": "escalate"`) || !strings.Contains(out, `"verdict_label": "À transmettre (service client e-CPS)"`) ||
		!strings.Contains(out, `"escalation": "Transmettre au niveau 2 avec la transcription"`) {
		t.Errorf("blocked-sender JSON:\n%s", out)
	}
	out, _, _ = run(t, "", "show", "hds-certification-scopes")
	if strings.Count(out, "[lien absent de la source]") != 2 {
		t.Errorf("show: want 2 markers:\n%s", out)
	}
	out, _, _ = run(t, "", "show", "psc-authentication-figures")
	if !strings.Contains(out, "DSIH, 14 juin 2022") || !strings.Contains(out, "Note de l'équipe") || !strings.Contains(out, "58") || !strings.Contains(out, "60") {
		t.Errorf("show article entry:\n%s", out)
	}
}

// A typo of a tree id gets the close ids, as the root command gives them,
// not the list of every tree; an id close to none still lists them all.
func TestDiagnoseUnknownTreeSuggests(t *testing.T) {
	_, rootErrs, _ := run(t, "", "ecps-activatoin-error")
	_, errs, code := run(t, "", "diagnose", "ecps-activatoin-error")
	want := `ecps-assist diagnose: unknown tree "ecps-activatoin-error"; did you mean: ecps-activation-error` + "\n"
	if code != ExitUsage || errs != want {
		t.Errorf("exit %d\nstderr %q\nwant   %q", code, errs, want)
	}
	if !strings.Contains(rootErrs, "; did you mean: ecps-activation-error\n") {
		t.Errorf("root: %q", rootErrs)
	}
	_, errs, _ = run(t, "", "diagnose", "ecps-activation")
	if !strings.Contains(errs, "did you mean: ecps-activation-error, ecps-activation-mail, ecps-activation-method") || strings.Contains(errs, "trees:") {
		t.Errorf("prefix: %q", errs)
	}
	_, errs, _ = run(t, "", "diagnose", "zzzz")
	if !strings.Contains(errs, `unknown tree "zzzz"; trees: `) || strings.Contains(errs, "did you mean") {
		t.Errorf("far from every id: %q", errs)
	}
}

// check-id --help lists every kind --kind accepts, auto included.
func TestCheckIDHelpListsAuto(t *testing.T) {
	out, _, code := run(t, "", "check-id", "--help")
	if code != ExitOK || !strings.Contains(out, "identifier kind: auto (guess it, the default), idnat, rpps, adeli, siret, finess, rpps-rang") {
		t.Errorf("exit %d:\n%s", code, out)
	}
	for _, k := range append([]string{"auto"}, idKindNames()...) {
		if _, errs, code := run(t, "", "check-id", "--kind", k, "810000123454"); code == ExitUsage {
			t.Errorf("--kind %s refused: %s", k, errs)
		}
	}
}

// The trailing newline (and spaces) of the ticket read are not part of
// the JSON query; the triage and the text output are the same with or
// without them.
func TestTriageJSONQueryTrimmed(t *testing.T) {
	bare, _, _ := run(t, "carte cps firefox", "triage", "--json")
	for _, in := range []string{"carte cps firefox\n", "carte cps firefox \t\r\n\n"} {
		out, errs, code := run(t, in, "triage", "--json")
		var f struct{ Query string }
		if err := json.Unmarshal([]byte(out), &f); err != nil || code != ExitOK {
			t.Fatalf("%q: exit %d, %v %s", in, code, err, errs)
		}
		if f.Query != "carte cps firefox" {
			t.Errorf("%q: query %q", in, f.Query)
		}
		if out != bare {
			t.Errorf("%q: the triage differs from that of the bare text:\n%s\n---\n%s", in, out, bare)
		}
		text, _, _ := run(t, in, "triage")
		bareText, _, _ := run(t, "carte cps firefox", "triage")
		if text != bareText || !strings.HasPrefix(text, "Ticket : « carte cps firefox »\n") {
			t.Errorf("%q: text output:\n%s\n---\n%s", in, text, bareText)
		}
	}
	// Leading white space and inner line breaks are kept: the query is
	// the ticket as read.
	out, _, _ := run(t, "  carte cps\nfirefox\n", "triage", "--json")
	if !strings.Contains(out, `"query": "  carte cps\nfirefox"`) {
		t.Errorf("inner text changed:\n%s", out)
	}
}

// An ADELI number at the activation tree's identifiant national is not
// « Résolu » by retyping 8 + RPPS (which the professional may not have):
// the tree asks for a RPPS, else hands the case on (fidelity audit).
func TestDiagnoseADELIAtActivation(t *testing.T) {
	out, _, code := run(t, "", "diagnose", "ecps-activation-error", "--answers", "android,ecps", "--input", "759301237")
	if code != ExitOK || !strings.Contains(out, "Conclusion : À transmettre") || strings.Contains(out, "Résolu") ||
		!strings.Contains(out, "s'il a un numéro RPPS") {
		t.Errorf("exit %d:\n%s", code, out)
	}
}
