package accessible

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"ecps-assist/kb"
)

var (
	once   sync.Once
	testKB *kb.KB
)

func loadKB(t *testing.T) *kb.KB {
	once.Do(func() {
		k, probs, _ := kb.Load("")
		if errs := probs.Errors(); len(errs) > 0 {
			panic(errs.Error())
		}
		testKB = k
	})
	return testKB
}

var testNow = time.Date(2025, 3, 14, 9, 26, 53, 0, time.UTC)

// run drives the accessible mode with a script on stdin, as a screen
// reader user types it, and returns stdout.
func run(t *testing.T, o Options, script string) string {
	t.Helper()
	var out bytes.Buffer
	o.KB = loadKB(t)
	o.In = strings.NewReader(script)
	o.Out = &out
	o.Now = func() time.Time { return testNow }
	if err := Run(o); err != nil {
		t.Fatalf("Run: %v\n%s", err, out.String())
	}
	noEscapes(t, out.String())
	return out.String()
}

// noEscapes fails on any control character but the newline: no escape
// sequence, no colour, no cursor movement, no alternate screen.
func noEscapes(t *testing.T, s string) {
	t.Helper()
	if !utf8.ValidString(s) {
		t.Fatal("output is not UTF-8")
	}
	for i, r := range s {
		if r < 0x20 && r != '\n' || r == 0x7f || r >= 0x80 && r < 0xa0 {
			t.Fatalf("control character %U at byte %d: %q", r, i, s[max(0, i-40):min(len(s), i+40)])
		}
	}
}

func expect(t *testing.T, out string, subs ...string) {
	t.Helper()
	for _, sub := range subs {
		if !strings.Contains(out, sub) {
			t.Fatalf("output lacks %q:\n%s", sub, out)
		}
	}
}

// The rooted phone, from a search typed on stdin to the conclusion and
// its transcript: the path of the TUI, line by line.
func TestRootedPhoneThroughStdin(t *testing.T) {
	out := run(t, Options{}, "telephone roote\n1\nOui\n\nq\n")
	expect(t, out,
		"Recherche : décrivez le problème",
		"1. Arbre de diagnostic : L'application e-CPS refuse le téléphone (e-CPS)",
		"Réponse officielle : Pourquoi l'application e-CPS refuse-t-elle mon téléphone ?",
		"Diagnostic : L'application e-CPS refuse le téléphone.",
		"Question 1 : Le téléphone est-il rooté ?",
		"1. Oui\n2. Non ou ne sait pas\n",
		"Réponse : Oui.",
		"Conclusion : Résolu.\nLe téléphone rooté est incompatible avec la e-CPS.",
		"Réponse officielle citée 1 : Pourquoi l'application e-CPS refuse-t-elle mon téléphone ?",
		"Transcription :\nL'application e-CPS refuse le téléphone  [ecps-device-integrity]",
		"1. Le téléphone est-il rooté ?\n   → Oui [oui]",
		"Conclusion : Résolu",
		"seeds/000_50255237a135427a.txt, réponse n° 2",
		"Fin de la transcription.",
		"Fin de la session.")
}

// Answers may be numbers, option ids or words (no Shift needed on an
// AZERTY keyboard); a wrong answer is said and asked again; r goes back.
func TestAnswersAndBack(t *testing.T) {
	out := run(t, Options{TreeID: "ecps-device-integrity"}, "peut-être\nnon\nr\n« oui »\n")
	expect(t, out,
		"Réponse non comprise : « peut-être ». Tapez un numéro de 1 à 2.",
		"Réponse : Non ou ne sait pas.",
		"Question 2 : ",
		"Retour à la question précédente.",
		"Réponse : Oui.",
		"Conclusion : Résolu.")
	if strings.Count(out, "Question 1 : ") != 2 {
		t.Errorf("question 1 said %d times, want 2 (first, after r)", strings.Count(out, "Question 1 : "))
	}
}

// The AZERTY digit row answers as the digits do (« & » is 1, « é » 2),
// as in the TUI.
func TestAZERTYDigits(t *testing.T) {
	out := run(t, Options{}, "roote\n&\né\n")
	expect(t, out, "Diagnostic : L'application e-CPS refuse le téléphone.", "Réponse : Non ou ne sait pas.")
	if strings.Contains(out, "non compris") {
		t.Errorf("an AZERTY digit was refused:\n%s", out)
	}
}

// A ticket pasted at the prompt: its identifiers are checked, and the
// check node offers the ticket's value on a bare Enter; e exports the
// transcript.
func TestTicketCheckAndExport(t *testing.T) {
	dir := t.TempDir()
	ticket := "Bonjour,\nle Dr n'arrive pas à activer sa e-CPS sur Android, il tape son RPPS 10000123454.\nMerci\n.\n"
	out := run(t, Options{ExportDir: dir}, "ticket\n"+ticket+"1\n1\n1\n\ne\n")
	expect(t, out,
		"Collez le ticket",
		"Identifiant repéré : « 10000123454 »",
		"1. Arbre de diagnostic : Message d'erreur à l'activation de la e-CPS",
		"Entrée seule : « 10000123454 », repris du ticket",
		"Vérification (identifiant national (RPPS)) de « 10000123454 » : Non valide.",
		"Correction : Saisir l'identifiant national 810000123454",
		"Conclusion : ",
		"   saisi : 10000123454",
		"Transcription enregistrée : "+filepath.Join(dir, "diagnostic-ecps-activation-error-20250314-092653.md"))
	data, err := os.ReadFile(filepath.Join(dir, "diagnostic-ecps-activation-error-20250314-092653.md"))
	if err != nil || !strings.HasPrefix(string(data), "# Diagnostic") {
		t.Errorf("the file is not the Markdown transcript: %v\n%s", err, data)
	}
	// What is said is the text transcript: no Markdown mark read aloud.
	said := out[strings.Index(out, "Transcription :"):strings.Index(out, "Fin de la transcription.")]
	if strings.ContainsAny(said, "*`#") || !strings.Contains(said, "saisi : 10000123454") {
		t.Errorf("the transcript said is not the text one:\n%s", said)
	}
}

// Text from the knowledge base, a ticket or the input never carries an
// escape sequence to the output.
func TestHostileTextIsInert(t *testing.T) {
	evil := "\x1b[2J\x1b]52;c;ZXZpbA==\x07\u009b31m"
	e := &kb.Entry{ID: "evil", Title: "Titre " + evil, Answer: "Réponse " + evil, Product: "e-CPS", Theme: "Thème",
		Keywords: []string{"pwn"}, Sources: []kb.Source{{Seed: "000_50255237a135427a.txt", Block: 1}}}
	tr := &kb.Tree{ID: "evil-tree", Title: "Arbre pwn " + evil, Product: "e-CPS", Symptoms: []string{"pwn " + evil}, Start: "q",
		Nodes: []*kb.Node{
			{ID: "q", Kind: kb.KindQuestion, Text: "Question " + evil, Help: "Aide " + evil, Options: []kb.Option{
				{ID: "a", Label: "Option " + evil, Next: "k"}}},
			{ID: "k", Kind: kb.KindCheck, Check: "idnat", Text: "Saisir " + evil, Outcomes: []kb.Outcome{{Result: "valid", Next: "c"}, {Result: "invalid", Next: "c"}}},
			{ID: "c", Kind: kb.KindConclusion, Verdict: kb.VerdictInfo, Text: "Fin " + evil, Steps: []string{"Étape " + evil}, Entries: []string{"evil"}},
		}}
	var out bytes.Buffer
	err := Run(Options{KB: kb.New([]*kb.Entry{e}, []*kb.Tree{tr}), In: strings.NewReader("pwn\n1\n1\n1" + evil + "\n1\n2\nq\n"),
		Out: &out, Warn: "avertissement " + evil, Now: func() time.Time { return testNow }})
	if err != nil {
		t.Fatal(err)
	}
	noEscapes(t, out.String())
	expect(t, out.String(), "Fin ␛[2J")
}
