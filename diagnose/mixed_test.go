package diagnose

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"ecps-assist/kb/kbtest"
	"ecps-assist/kb/search"
)

func TestSplitProblems(t *testing.T) {
	tests := []struct {
		in   string
		want int
	}{
		{"Deux choses : 1) l'appli refuse mon téléphone 2) je peux mettre mon adresse gmail ?", 2},
		{"1) erreur à l'activation ecps : identifiant invalide 2) est-ce que je peux garder ma carte ?", 2},
		{"INS i : accès refusé avec la carte de l'accueil. Et aussi, on peut envoyer un courrier par messagerie sécurisée ?", 2},
		{"The e-CPS app fails at enrolment. Side question: do we need ATSAM on the PC?", 2},
		{"l'appli e-CPS refuse mon téléphone rooté, et au passage je garde ma carte CPS ?", 2},
		{"mon téléphone est rooté et l'appli refuse", 0},             // one problem
		{"Deux fois de suite l'appli refuse mon téléphone rooté", 0}, // "deux" alone announces nothing
	}
	for _, tt := range tests {
		if got := splitProblems(tt.in); len(got) != tt.want {
			t.Errorf("splitProblems(%q) = %q, want %d parts", tt.in, got, tt.want)
		}
	}
}

// The blocking problem comes first, whatever its place in the ticket.
func TestTriageMixedBlockingFirst(t *testing.T) {
	k := kbtest.Embedded()
	ix := search.NewIndex(k)
	tests := []struct{ ticket, first, second string }{
		{"Deux questions : est-ce que je peux garder ma carte CPS si j'active la e-CPS ? Et aussi, erreur à l'activation e-CPS : identifiant inconnu.",
			"ecps-activation-error", "ecps-activation-method"},
		{"Deux choses : 1) l'appli carte pro refuse mon téléphone, il est rooté 2) je peux mettre mon adresse gmail comme mail de contact ?",
			"ecps-device-integrity", ""},
		{"Deux questions : je garde ma carte CPS si j'active la e-CPS ? Et surtout, Firefox ne lit pas la carte CPS.",
			"cps-firefox", ""},
		// within a part too, the tree about being stopped comes first
		{"Je dois déposer notre formulaire de test d'intrusion mais je n'arrive plus à entrer sur la plateforme de dépôt de l'Agence : mon adresse mail n'est pas acceptée comme nom d'utilisateur. Par ailleurs, notre auditeur PASSI peut-il compléter le formulaire après coup ?",
			"convergence-account", "segur-pentest"},
		// « ensuite » starts the second problem; « n'est plus lue » stops
		{"Deux soucis : d'abord, je voudrais savoir si je peux avoir la e-CPS en gardant ma carte. Ensuite, depuis la mise à jour du navigateur Mozilla, ma carte CPS n'est plus lue du tout.",
			"cps-firefox", "ecps-activation-method"},
	}
	for _, tt := range tests {
		f := Triage(ix, k, tt.ticket, 5)
		if len(f.Parts) < 2 || len(f.Trees) < 2 || f.Trees[0].ID != tt.first || f.Trees[0].Part != 1 || !f.Parts[0].Blocking {
			t.Errorf("%q: parts %+v, trees %v", tt.ticket, f.Parts, topIDs(f.Trees, 3))
			continue
		}
		if tt.second != "" && f.Trees[1].ID != tt.second {
			t.Errorf("%q: second tree %s, want %s", tt.ticket, f.Trees[1].ID, tt.second)
		}
		if f.Trees[1].Part != 2 {
			t.Errorf("%q: second tree not from part 2: %+v", tt.ticket, f.Trees[1])
		}
	}
}

// A part is quoted in the ticket's own words: a stretch of it, without a
// short preamble and its announcement (« Bonjour, j'ai deux problèmes : »),
// never the ticket with the announcement cut out of a sentence.
func TestPartsQuoteTheTicket(t *testing.T) {
	k := kbtest.Embedded()
	ix := search.NewIndex(k)
	for _, tc := range []struct{ ticket, first string }{
		{"Bonjour, j'ai deux problèmes : l'application e-CPS refuse mon téléphone, il est rooté je crois. Et aussi je n'arrive pas à configurer Firefox pour lire ma carte CPS.",
			"l'application e-CPS refuse mon téléphone, il est rooté je crois."},
		// a preamble of three words or more is quoted, announcement included
		{"Pour le cabinet, deux questions : l'appli e-CPS refuse mon téléphone rooté. Et aussi Firefox ne lit pas ma carte CPS.",
			"Pour le cabinet, deux questions : l'appli e-CPS refuse mon téléphone rooté."},
	} {
		f := Triage(ix, k, tc.ticket, 5)
		if len(f.Parts) < 2 {
			t.Errorf("%q: parts %+v", tc.ticket, f.Parts)
			continue
		}
		if f.Parts[0].Text != tc.first && f.Parts[1].Text != tc.first {
			t.Errorf("%q: parts %q, %q; want one quoted %q", tc.ticket, f.Parts[0].Text, f.Parts[1].Text, tc.first)
		}
		for _, p := range f.Parts {
			if q := strings.TrimSuffix(p.Text, "…"); !strings.Contains(tc.ticket, q) {
				t.Errorf("part %q is not the ticket's words", p.Text)
			}
		}
	}
}

// mayAnnounce is true wherever manyProblems matches (it only skips the
// regexp), on the evaluation's tickets and on variants of each pattern.
func TestMayAnnounceCoversTheRegexp(t *testing.T) {
	texts := []string{"Deux  choses : a", "2\tsoucis", "PLUSIEURS questions", "1  ) la carte", "x\n1 . y", "et aussi", "Autre question",
		"par ailleurs", "d'autre part", "question bonus", "3 problèmes", "TROIS PROBLÈMES", "Deux Soucis", "(2 soucis)", "édeux choses", "x:et aussi", "trois sujets", "J'EN PROFITE"}
	files, _ := filepath.Glob("testdata/eval/*.yaml")
	for _, f := range files {
		data, _ := os.ReadFile(f)
		var cases []struct{ Text string }
		if err := yaml.Unmarshal(data, &cases); err != nil {
			t.Fatal(err)
		}
		for _, c := range cases {
			texts = append(texts, c.Text)
		}
	}
	// one of each of blockingWords' alternatives, each matched
	each := []string{"ÇA PLANTE", "Erreur", "error", "IMPOSSIBLE", "refusé", "Bloquée", "expiré", "plus aucun", "ne marche plus",
		"ne fonctionne plus", "n'arrive jamais", "arrive pas", "JAMAIS REÇU", "pas reçu", "en panne", "tombé", "invalide",
		"inconnu", "rejetée", "ne reconnaît pas", "pas reconnue", "ne lit pas", "ne détecte plus", "ne voit plus",
		"ne trouve pas", "n'est plus lue", "ne peux plus", "ne pouvons plus", "can't", "Cannot", "can not", "Unable to",
		"It FAILED", "fails", "denied", "rejected", "wrong credentials", "doesn't work", "not working"}
	for _, x := range each {
		if !blockingWords().MatchString(x) {
			t.Errorf("blockingWords does not match %q", x)
		}
	}
	for _, x := range append(texts, each...) {
		if blockingWords().MatchString(x) && !blocks(x) {
			t.Errorf("blocks(%q) = false, blockingWords matches", x)
		}
	}
	n := 0
	for _, x := range texts {
		if manyProblems().MatchString(x) {
			n++
			if !mayAnnounce(x) {
				t.Errorf("mayAnnounce(%q) = false, the regexp matches", x)
			}
		}
	}
	if n < 12 {
		t.Errorf("only %d texts announce several problems", n)
	}
	// and it is false on the usual ticket, or the regexp runs on each
	for _, x := range []string{"J'ai un problème avec ma carte depuis le 2 mars", "Deux fois la même erreur", "Mon PROBLÈME : 3 essais"} {
		if mayAnnounce(x) {
			t.Errorf("mayAnnounce(%q) = true", x)
		}
	}
}

// A ticket with one problem that says the user is stopped gets, of two
// trees judged alike, the one about being stopped first.
func TestTriageBlockingTreeFirst(t *testing.T) {
	k := kbtest.Embedded()
	ix := search.NewIndex(k)
	ticket := "Bonjour, Impossible de me connecter à notre espace sur la plateforme de dépôt des dossiers : je mets mon mail et ça refuse. C'est bloquant car je dois y déposer notre rapport. D'ailleurs, ce rapport de test d'intrusion a été fait sur l'ancienne version du formulaire, il est encore recevable ? Merci"
	f := Triage(ix, k, ticket, 5)
	if len(f.Trees) == 0 || f.Trees[0].ID != "convergence-account" {
		t.Errorf("trees %v, want convergence-account first", topIDs(f.Trees, 3))
	}
	if !blockingTree(k, "convergence-account") || blockingTree(k, "ecps-activation-method") {
		t.Error("blockingTree: convergence-account is about being stopped, ecps-activation-method is not")
	}
}
