package diagnose

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"ecps-assist/kb"
	"ecps-assist/kb/kbtest"
)

var testTemplate = ReplyTemplate{
	Greeting:  "Bonjour {nom},",
	Signature: "Cordialement,\n{agent}\nSupport e-CPS",
	Agent:     "Camille Martin",
	Name:      "Docteur Durand",
}

// checkReplyShape fails unless the reply starts with the greeting, ends
// with the signature and holds every cited answer verbatim, each followed
// by its source line.
func checkReplyShape(t *testing.T, what string, r Reply, entries []*kb.Entry, tmpl ReplyTemplate) {
	t.Helper()
	text := r.Text()
	g := strings.ReplaceAll(tmpl.Greeting, "{nom}", tmpl.Name)
	if g == "" {
		g = DefaultReplyGreeting
	}
	sig := strings.ReplaceAll(tmpl.Signature, "{agent}", tmpl.Agent)
	if sig == "" {
		sig = DefaultReplySignature
	}
	if !strings.HasPrefix(text, g+"\n\n") {
		t.Errorf("%s: reply does not start with %q:\n%s", what, g, text)
	}
	if !strings.HasSuffix(text, "\n\n"+sig+"\n") {
		t.Errorf("%s: reply does not end with %q:\n%s", what, sig, text)
	}
	for _, e := range entries {
		block := e.MarkedAnswer() + "\n\n" + SourceLine(e)
		if !strings.Contains(text, block) {
			t.Errorf("%s: reply lacks answer %s verbatim followed by %q:\n%s", what, e.ID, SourceLine(e), text)
		}
	}
}

// TestReplyFaithfulEveryConclusion composes the reply of every path to
// every conclusion of every tree and fails on any sentence of its body
// that is neither official wording nor the template's.
func TestReplyFaithfulEveryConclusion(t *testing.T) {
	k := kbtest.Embedded()
	concls, sentences := 0, 0
	for _, tree := range k.Trees {
		for _, w := range allPaths(t, tree) {
			n := w.s.Conclusion()
			what := tree.ID + "/" + n.ID + " " + strings.Join(w.path, ",")
			var cited []*kb.Entry
			for _, id := range n.Entries {
				cited = append(cited, k.Entry(id))
			}
			for _, tmpl := range []ReplyTemplate{{}, testTemplate} {
				r := SessionReply(k, w.s, tmpl)
				if bad := ReplyFaithful(k, r); len(bad) > 0 {
					t.Errorf("%s: sentences neither official nor template: %q", what, bad)
				}
				if len(r.Dropped) > 0 {
					t.Errorf("%s: lines dropped with every placeholder filled: %v", what, r.Dropped)
				}
				checkReplyShape(t, what, r, cited, tmpl)
				for _, p := range r.Body {
					sentences += len(splitSentences(p))
				}
			}
			concls++
		}
	}
	if concls < 60 {
		t.Errorf("only %d conclusion paths walked", concls)
	}
	t.Logf("%d conclusion paths, %d body sentences checked", concls, sentences)
}

func TestReplyFaithfulEveryEntry(t *testing.T) {
	k := kbtest.Embedded()
	marked := 0
	for _, e := range k.Entries {
		r := EntryReply(e, testTemplate)
		if bad := ReplyFaithful(k, r); len(bad) > 0 {
			t.Errorf("%s: sentences neither official nor template: %q", e.ID, bad)
		}
		checkReplyShape(t, e.ID, r, []*kb.Entry{e}, testTemplate)
		if r.Official != e.MarkedAnswer() {
			t.Errorf("%s: Official = %q, want the answer alone", e.ID, r.Official)
		}
		if got, want := strings.Count(r.Text(), kb.LostLinkMarker), strings.Count(e.MarkedAnswer(), kb.LostLinkMarker); got != want || e.HasLostLink() && got == 0 {
			t.Errorf("%s: %d lost-link markers in the reply, want %d (lost links %q)", e.ID, got, want, e.LostLinks)
		}
		if e.HasLostLink() {
			marked++
		}
	}
	if marked == 0 {
		t.Error("no entry with a lost link: the marker is not tested")
	}
}

// The faithfulness check itself catches what is not official wording.
func TestReplyFaithfulCatchesParaphrase(t *testing.T) {
	k := kbtest.Embedded()
	e := k.Entry("ecps-device-incompatible")
	for _, bad := range []string{
		"Votre téléphone n'est pas compatible avec la e-CPS.",                   // paraphrase
		"Dire à l'utilisateur : « échangez la position des cartes SIM ».",       // agent wording
		"Le téléphone rooté est incompatible avec la e-CPS.",                    // the conclusion's text, not official
		"Source : seeds/000_50255237a135427a.txt",                               // internal citation
		"Votre identifiant national est 810000123454 : appelez le 01 02 03 04.", // template bent
		"Appelez le support au 01 23 45 67 89. Ce message peut avoir plusieurs causes :",
	} {
		r := EntryReply(e, ReplyTemplate{})
		r.Body = append(r.Body, bad)
		got := ReplyFaithful(k, r)
		if len(got) == 0 {
			t.Errorf("ReplyFaithful accepts %q", bad)
		}
	}
}

func TestReplyRootedPhone(t *testing.T) {
	k := kbtest.Embedded()
	s, _ := NewSession(k, "ecps-device-integrity")
	if err := s.Answer("oui"); err != nil {
		t.Fatal(err)
	}
	text := SessionReply(k, s, ReplyTemplate{}).Text()
	for _, want := range []string{
		"Bonjour,\n\nVotre téléphone est rooté : votre téléphone est alors incompatible avec l’utilisation de la e-CPS, vous devez le réinitialiser aux paramètres d’usine ou utiliser un autre appareil.\n\n",
		"- votre téléphone est rooté : votre téléphone est alors incompatible",
		"Source : FAQ de l'Agence du numérique en santé\n\nCordialement,\n",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("reply lacks %q:\n%s", want, text)
		}
	}
	for _, no := range []string{"Dire à l'utilisateur", "seeds/", "réponse n°", "concl-", "Résolu"} {
		if strings.Contains(text, no) {
			t.Errorf("reply holds internal text %q:\n%s", no, text)
		}
	}
}

func TestReplyPlaceholders(t *testing.T) {
	e := kbtest.Embedded().Entry("ecps-one-per-person")
	tests := []struct {
		name              string
		tmpl              ReplyTemplate
		greeting, sig     []string
		dropped, noticeIn string
	}{
		{"defaults", ReplyTemplate{}, []string{"Bonjour,"}, []string{"Cordialement,"}, "", ""},
		{"filled", testTemplate, []string{"Bonjour Docteur Durand,"}, []string{"Cordialement,", "Camille Martin", "Support e-CPS"}, "", ""},
		{"no name", ReplyTemplate{Greeting: "Bonjour {nom},\nMadame, Monsieur,", Signature: "{agent}"},
			[]string{"Madame, Monsieur,"}, nil, "Bonjour {nom},", "{nom} sans valeur"},
		{"unknown placeholder", ReplyTemplate{Signature: "Cordialement,\n{service}"},
			[]string{"Bonjour,"}, []string{"Cordialement,"}, "{service}", "« {service} » ({service} sans valeur)"},
		{"blank greeting is the default", ReplyTemplate{Greeting: "  \n"}, []string{"Bonjour,"}, []string{"Cordialement,"}, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := EntryReply(e, tt.tmpl)
			if strings.Join(r.Greeting, "|") != strings.Join(tt.greeting, "|") {
				t.Errorf("greeting = %q, want %q", r.Greeting, tt.greeting)
			}
			if strings.Join(r.Signature, "|") != strings.Join(tt.sig, "|") {
				t.Errorf("signature = %q, want %q", r.Signature, tt.sig)
			}
			n := r.DroppedNotice()
			if tt.dropped == "" {
				if n != "" {
					t.Errorf("notice = %q, want none", n)
				}
				return
			}
			if !strings.Contains(n, tt.dropped) || !strings.Contains(n, tt.noticeIn) {
				t.Errorf("notice = %q, want it to name %q and %q", n, tt.dropped, tt.noticeIn)
			}
			if strings.Contains(r.Text(), "{") {
				t.Errorf("unfilled placeholder sent:\n%s", r.Text())
			}
		})
	}
}

func TestIdentifierSentence(t *testing.T) {
	tests := []struct {
		in   string
		kind IDKind
		want string
	}{
		{"10000123454", KindIDNat, "Votre identifiant national est 810000123454 : le chiffre 8 suivi de votre numéro RPPS."},
		{"8 10000 12345 4", KindIDNat, "Votre identifiant national est 810000123454 : le chiffre 8 suivi de votre numéro RPPS."},
		{"8810000123454", KindIDNat, "Votre identifiant national est 810000123454 : le chiffre 8 suivi de votre numéro RPPS."},
		{"10000123454", KindRPPS, "Votre identifiant national est 810000123454 : le chiffre 8 suivi de votre numéro RPPS."},
		{"759301237", KindIDNat, "L'identifiant que vous nous avez indiqué (759301237) n'est pas un identifiant national valide."},
		{"810000123455", KindIDNat, "L'identifiant que vous nous avez indiqué (810000123455) n'est pas un identifiant national valide."},
		{"710000123454", KindIDNat, "L'identifiant que vous nous avez indiqué (710000123454) n'est pas un identifiant national valide."},
		{"10000123455", KindIDNat, "L'identifiant que vous nous avez indiqué (10000123455) n'est pas un identifiant national valide."},
		{"77220148900022", KindSIRET, "SIRET vérifié : 77220148900022."},
		{"77220148900023", KindSIRET, "L'identifiant que vous nous avez indiqué (77220148900023) n'est pas un SIRET valide."},
		{"", KindIDNat, ""},
		{" - ", KindIDNat, ""},
	}
	for _, tt := range tests {
		got := IdentifierSentence(CheckID(tt.in, tt.kind))
		if got != tt.want {
			t.Errorf("IdentifierSentence(%q, %s) = %q, want %q", tt.in, tt.kind, got, tt.want)
		}
		if got != "" && !isTemplateSentence(got) {
			t.Errorf("%q is not recognised as a template sentence", got)
		}
	}
}

func TestSourceLine(t *testing.T) {
	k := kbtest.Embedded()
	for id, want := range map[string]string{
		"ecps-device-incompatible": "Source : FAQ de l'Agence du numérique en santé",
		"ecps-dynamic-code":        "Source : DSIH, 14 juin 2022",
		"ecps-correspondence-mail": "Sources : FAQ de l'Agence du numérique en santé ; DSIH, 14 juin 2022",
	} {
		if got := SourceLine(k.Entry(id)); got != want {
			t.Errorf("SourceLine(%s) = %q, want %q", id, got, want)
		}
	}
	// Every seed cited by the knowledge base is named: the article by its
	// title and date, the FAQ pages as the Agency's FAQ.
	seeds, err := kb.ReadSeeds(os.DirFS(filepath.Join("..", "seeds")))
	if err != nil {
		t.Fatal(err)
	}
	for name, sd := range seeds {
		got := SourceName(kb.Source{Seed: name})
		if sd.Article && got != SourceArticle || !sd.Article && got != SourceFAQ {
			t.Errorf("seed %s (article %v) is named %q", name, sd.Article, got)
		}
	}
}

// Golden replies of three conclusions, as the agent copies them.
func TestReplyGolden(t *testing.T) {
	k := kbtest.Embedded()
	for _, g := range []struct {
		file, tree string
		answers    []string
		input      string
		tmpl       ReplyTemplate
	}{
		{"reply-rooted.txt", "ecps-device-integrity", []string{"oui"}, "", ReplyTemplate{}},
		{"reply-missing-prefix.txt", "ecps-activation-error", []string{"android", "ecps"}, "10000123454", testTemplate},
		{"reply-mss-address.txt", "ecps-activation-mail", []string{"oui", "mss"}, "", testTemplate},
	} {
		s, err := NewSession(k, g.tree)
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range g.answers {
			if err := s.Answer(a); err != nil {
				t.Fatal(err)
			}
		}
		if g.input != "" {
			if _, err := s.Input(g.input); err != nil {
				t.Fatal(err)
			}
		}
		if !s.Done() {
			t.Fatalf("%s: no conclusion", g.file)
		}
		got := SessionReply(k, s, g.tmpl).Text()
		path := filepath.Join("testdata", g.file)
		if *update {
			if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go test ./diagnose -run ReplyGolden -update)", err)
		}
		if got != string(want) {
			t.Errorf("%s differs:\n--- got\n%s\n--- want\n%s", g.file, got, want)
		}
	}
}

// BenchmarkSessionReply composes the reply of the conclusion citing the
// most answers (ecps-activation-method, by card: 5 answers).
func BenchmarkSessionReply(b *testing.B) {
	k := kbtest.Embedded()
	s, _ := NewSession(k, "ecps-activation-method")
	for _, a := range []string{"non", "oui", "oui", "carte"} {
		if err := s.Answer(a); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		SessionReply(k, s, testTemplate)
	}
}
