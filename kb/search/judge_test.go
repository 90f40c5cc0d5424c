package search

import (
	"strconv"
	"strings"
	"testing"

	"ecps-assist/kb/kbtest"
)

// A name ruled out or used as the comparison is no evidence.
func TestRuledOutNames(t *testing.T) {
	tests := []struct {
		text    string
		negated []string
	}{
		{"ça ne marche pas sur Firefox", nil},
		{"dans Chrome (pas Firefox)", []string{"firefox"}},
		{"on utilise Edge plutôt que Firefox", []string{"firefox"}},
		{"la carte passe sous Firefox mais pas sous Edge", []string{"firefox"}},
		{"une configuration comme pour Firefox dans Safari", []string{"firefox"}},
		{"comme Chrome, Firefox refuse la carte", []string{"chrome"}},
		{"je ne veux pas utiliser Firefox", []string{"firefox"}},
		{"je ne peux pas utiliser la carte dans Firefox", nil},
	}
	for _, tt := range tests {
		an := analyze(getScratch(), tt.text, Fold(tt.text))
		var got []string
		for _, w := range an.words {
			if w.negated {
				got = append(got, w.w)
			}
		}
		if len(got) != len(tt.negated) || len(got) > 0 && got[0] != tt.negated[0] {
			t.Errorf("%q: ruled out %v, want %v", tt.text, got, tt.negated)
		}
	}
}

// A ticket whose only anchors are ordinary words of the domain, used in
// another sense, is about something else; the same words with a product
// named are not.
func TestWeakAnchors(t *testing.T) {
	ix := NewIndex(kbtest.Embedded())
	tests := []struct {
		text string
		band Band
	}{
		{"Bonjour, comment activer le contrôle parental sur la tablette de la salle d'attente ? Merci", BandNone},
		{"Bonjour, la carte bancaire est refusée au terminal, la carte marche ailleurs. Merci", BandNone},
		{"Hello, the server of our booking website has been down since last night. Regards", BandNone},
		{"Bonjour, je n'arrive pas à activer ma e-CPS, j'ai un message d'erreur. Merci", BandHigh},
		// a homonym is no description: « certificat de scolarité » near
		// « établissement » is not the IGC-Santé's server certificate
		{"Bonjour, l'établissement réclame un certificat de scolarité de l'année précédente. À qui le demander ? Merci", BandNone},
		{"Comtesse de Ségur résumé Les Malheurs de Sophie", BandNone},
		// « auth » is authentification; a description may span twelve words
		{"auth déléguée fédération d'identité exigences mot de passe", BandHigh},
		{"Bonjour, sur le portail de l'Agence où l'on dépose nos dossiers de conformité, comment donner des droits à notre stagiaire ? Merci", BandHigh},
		// jargon that shares a stem with an office-IT word (« passi »,
		// « passe ») is jargon still; the office-IT word is not
		{"passi", BandHigh},
		{"auditeur passi remplit formulaire apres coup", BandHigh},
		{"Bonjour, faut-il passer par une licence PASS pour être kiné ? Merci", BandNone},
	}
	for _, tt := range tests {
		if r := ix.Search(tt.text, 3); r.Band != tt.band {
			t.Errorf("%q: band %d, want %d", tt.text, r.Band, tt.band)
		}
	}
}

// A hit that explains the product's name and nothing of what is asked
// about it is a neighbour, unless the question is what the product is.
func TestNamesOnly(t *testing.T) {
	ix := NewIndex(kbtest.Embedded())
	tests := []struct {
		text string
		band Band
	}{
		{"Bonjour, les données de l'INSi sont-elles répliquées sur plusieurs sites ?", BandLow},
		{"c'est quoi une e-CPS ?", BandHigh},
		{"qu'est-ce que Pro Santé Connect ?", BandHigh},
	}
	for _, tt := range tests {
		if r := ix.Search(tt.text, 3); r.Band != tt.band {
			t.Errorf("%q: band %d, want %d", tt.text, r.Band, tt.band)
		}
	}
}

// « C'est quoi X ? » is answered by the answer that says what X is, and
// only by it: a tree about X is no advice, and without such an answer
// the result is low (neighbours), not none.
func TestDefinitionQuestions(t *testing.T) {
	ix := NewIndex(kbtest.Embedded())
	r := ix.Search("Bonjour, c'est quoi exactement la e-CPS ?", 3)
	if r.Band != BandHigh || len(r.Entries) == 0 || r.Entries[0].ID != "ecps-what-is" || r.Entries[0].Band != BandHigh {
		t.Errorf("c'est quoi la e-CPS: band %d, entries %v", r.Band, hitIDs(r.Entries))
	}
	for _, h := range r.Trees {
		if h.Band == BandHigh {
			t.Errorf("c'est quoi la e-CPS: tree %s judged high", h.ID)
		}
	}
	if r := ix.Search("l'INSi, ça sert à quoi ?", 3); r.Band != BandLow || len(r.Trees)+len(r.Entries) == 0 {
		t.Errorf("l'INSi, ça sert à quoi: band %d, %v %v", r.Band, hitIDs(r.Trees), hitIDs(r.Entries))
	}
	if r := ix.Search("c'est quoi une imprimante laser ?", 3); r.Band != BandNone {
		t.Errorf("imprimante laser: band %d", r.Band)
	}
	// what a thing is: a tree about it is no advice
	r = ix.Search("c'est quoi l'IGC santé", 3)
	for _, h := range r.Trees {
		if h.Band == BandHigh {
			t.Errorf("c'est quoi l'IGC santé: tree %s judged high", h.ID)
		}
	}
	// what to do: the tree is
	r = ix.Search("qu'est-ce que je dois faire, mon certificat IGC expire", 3)
	if len(r.Trees) == 0 || r.Trees[0].ID != "igc-certificate-renewal" || r.Trees[0].Band != BandHigh {
		t.Errorf("qu'est-ce que je dois faire: trees %v", hitIDs(r.Trees))
	}
}

// What the knowledge does not answer about a product it knows: the
// product's name is no answer (« carte » in « carte CPS » names the card,
// it asks nothing), nor are words the hit explains beside those of a
// known gap when they are few, nor a query whose unexplained question
// words outnumber the explained ones.
func TestUnansweredAboutAProduct(t *testing.T) {
	ix := NewIndex(kbtest.Embedded())
	tests := []struct {
		text string
		band Band
	}{
		{"délai réception carte cps", BandLow},
		{"convergence nombre max utilisateurs", BandLow},
		// « délai d'obtention » in a gap matches « délai obtention »
		{"délai obtention certificat IGC-Santé après commande", BandLow},
		{"liste prestataires PASSI test intrusion", BandLow},
		// a limit, a size, a frequency the knowledge does not give
		{"IGC-Santé taille clé RSA certificat serveur", BandLow},
		{"durée maximale suspension alertes DMN candidature PCI", BandLow},
		{"durée de validité d'un certificat IGC-Santé", BandHigh},
		{"Bonjour, ma carte CPS n'est pas reconnue dans Chrome. Quelle configuration pour Chrome ? Je ne veux pas utiliser Firefox. Merci", BandLow},
		{"Notre certificat HDS hébergeur infogéreur est valable combien d'années ? Audit de surveillance annuel obligatoire ?", BandLow},
		// answered: the question words are explained
		{"quelle carte faut-il pour appeler INSi à l'accueil ?", BandHigh},
		{"ecps atsame obligatoire ?", BandHigh},
		{"carte CPS pas reconnue dans Firefox", BandHigh},
	}
	for _, tt := range tests {
		if r := ix.Search(tt.text, 3); r.Band != tt.band {
			t.Errorf("%q: band %d, want %d", tt.text, r.Band, tt.band)
		}
	}
}

// A long word one letter from a word of a product's or tree's description
// is read as it (« test d'intrustion »), unless it is an ordinary word:
// « tarte » is no misspelt « carte », « copies » no misspelt « copier ».
func TestRespelt(t *testing.T) {
	lx := lexOnce()
	for w, want := range map[string]string{"intrustion": "intrusion", "revoquation": "", "copies": "", "tarte": "", "intrusion": ""} {
		if got, _ := lx.respelt(w); got != want {
			t.Errorf("respelt(%q) = %q, want %q", w, got, want)
		}
	}
	ix := NewIndex(kbtest.Embedded())
	r := ix.Search("test d'intrustion formulaire v 15", 3)
	if r.Band != BandHigh || len(r.Trees) == 0 || r.Trees[0].ID != "segur-pentest" {
		t.Errorf("test d'intrustion: band %d, trees %v", r.Band, hitIDs(r.Trees))
	}
}

func hitIDs(hs []Hit) []string {
	var out []string
	for _, h := range hs {
		out = append(out, h.ID)
	}
	return out
}

// respelt finds every word of the spelling one edit away, as a scan of
// all of them would.
func TestRespeltIsExhaustive(t *testing.T) {
	lx := lexOnce()
	words := SpellingWords()
	scan := func(w string) string {
		best := ""
		for _, v := range words {
			if (best == "" || v < best) && within1(w, v) {
				best = v
			}
		}
		return best
	}
	n := 0
	for _, v := range words {
		probes := []string{"q" + v, v[1:] + "q"}
		for i := range len(v) {
			probes = append(probes, v[:i]+v[i+1:], v[:i]+"q"+v[i+1:], v[:i]+"q"+v[i:])
		}
		for _, p := range probes {
			if lx.spelling.words.has(p) || ordinaryWord(p) || len(p) < spellMin {
				continue
			}
			n++
			if got, _ := lx.respelt(p); got != scan(p) {
				t.Fatalf("respelt(%q) = %q, a scan finds %q", p, got, scan(p))
			}
		}
	}
	if n < 1000 {
		t.Fatalf("only %d probes", n)
	}
}

// The words of a product's description are evidence for that product's
// documents only, and a product's name inside it is part of it: « le
// portail où on dépose le dossier Ségur » is Convergence, not Ségur.
func TestDescriptionWordsStayWithTheirProduct(t *testing.T) {
	ix := NewIndex(kbtest.Embedded())
	r := ix.Search("Bonjour, Impossible de me connecter sur le portail où on dépose le dossier Ségur et les preuves de conformité. J'entre mon adresse mail dans le champ nom d'utilisateur et ça ne passe pas. Quel identifiant dois-je mettre ? Merci", 3)
	if len(r.Trees) == 0 || r.Trees[0].ID != "convergence-account" {
		t.Errorf("portail où on dépose le dossier Ségur: trees %v", hitIDs(r.Trees))
	}
	if len(r.Aliases) != 1 || r.Aliases[0].Label != "Convergence" {
		t.Errorf("aliases %+v, want Convergence alone", r.Aliases)
	}
}

// The words of a product's description name it: they do not rank its
// documents as the question's words do (« l'appli carte pro sur
// téléphone » is no question about the phone).
func TestDescriptionWordsNameTheProduct(t *testing.T) {
	ix := NewIndex(kbtest.Embedded())
	for _, q := range []string{
		"appli carte pro sur téléphone refuse mon numéro",
		"appli carte pro sur téléphone numéro refusé",
	} {
		if r := ix.Search(q, 3); len(r.Trees) == 0 || r.Trees[0].ID != "ecps-activation-error" {
			t.Errorf("%q: trees %v, want ecps-activation-error first", q, hitIDs(r.Trees))
		}
	}
}

// A number with an ordinal or a unit (« 2e étage », « 17h », « 10h30 »)
// is no jargon; a code of digits and letters (« 2fa ») is.
func TestNumberWithUnit(t *testing.T) {
	for w, want := range map[string]bool{"2e": true, "1er": true, "3eme": true, "17h": true, "10h30": true,
		"15min": true, "2fa": false, "f414": false, "8": false, "h24": false, "10h": true, "3d": false} {
		if got := numberWithUnit(w); got != want {
			t.Errorf("numberWithUnit(%q) = %v, want %v", w, got, want)
		}
		if want && jargon(w) {
			t.Errorf("jargon(%q) = true", w)
		}
	}
	ix := NewIndex(kbtest.Embedded())
	if r := ix.Search("Bonjour Sophie, Peux-tu me confirmer la réservation de la salle du 2e étage pour vendredi à 17h ? Merci", 3); r.Band != BandNone {
		t.Errorf("salle du 2e étage: band %v, want none", r.Band)
	}
}

// A known gap is the question when one of its words is in a sentence
// that asks (ends with « ? »), however much of the rest of the ticket
// the hit explains; in a sentence that tells the context it is a note.
// Gap rules do not fire on the words of an answered question.
func TestAskedGap(t *testing.T) {
	ix := NewIndex(kbtest.Embedded())
	tests := []struct {
		text string
		band Band
	}{
		{"Bonjour, Pour déclarer IEPS.08 non applicable, il nous faut une déclaration sur l'honneur. Existe-t-il un modèle officiel à télécharger, et à quel endroit du dossier faut-il la déposer ? Cordialement", BandLow},
		{"Bonjour, je n'ai pas encore reçu ma carte CPS. En attendant, est-ce que je peux activer ma e-CPS autrement, avec mes coordonnées de correspondance ? Merci", BandHigh},
		// hds-providers: which hosts, not whether one is needed
		{"Bonjour, nous sommes une mutuelle et stockons des données de santé. Sommes-nous obligés de passer par un hébergeur certifié HDS ? Merci", BandHigh},
		// data-protection: a person's right of access, not a badge's
		{"Bonjour, RSSI d'un CHU. Peut-on écrire les droits d'accès dans la puce sans contact des cartes CPS pour ouvrir les portes ? Merci", BandHigh},
		// segur-referencing: « documents de référence » is no referencing
		{"Bonjour, notre organisme souhaite être accrédité pour certifier HDS. Quelles sont les étapes de validation auprès du COFRAC, et où trouver les documents de référence ? Merci", BandHigh},
	}
	for _, tt := range tests {
		if r := ix.Search(tt.text, 3); r.Band != tt.band {
			t.Errorf("%q: band %d, want %d (gaps %v)", tt.text, r.Band, tt.band, r.Gaps)
		}
	}
}

func TestSentences(t *testing.T) {
	tests := []struct {
		text string
		want string // per word: sentence number, « ? » when it asks
	}{
		{"IEPS.08 est applicable. Quel modèle ?", "0 0 0 0 1? 1?"}, // ieps 08 est applicable,
		{"Vraiment ?! Oui... bien sûr\nMerci", "0? 1 2 2 3"},
		{"é è à ? ô", "0? 0? 0? 1"},
	}
	for _, tt := range tests {
		qf := Fold(tt.text)
		an := analyze(getScratch(), tt.text, qf)
		of, asks := sentences(tt.text, qf, an.words)
		var got []string
		for _, n := range of {
			s := strconv.Itoa(n)
			if asks[n] {
				s += "?"
			}
			got = append(got, s)
		}
		if g := strings.Join(got, " "); g != tt.want {
			t.Errorf("%q: %s, want %s", tt.text, g, tt.want)
		}
	}
}

// Words of another sense are no evidence: a homonym's domain word keeps
// that sense throughout the ticket (« alarme anti-intrusion … test
// d'intrusion »), a town is no glued elision (« Sens » is no « s'ENS »).
func TestOtherSenses(t *testing.T) {
	ix := NewIndex(kbtest.Embedded())
	for _, text := range []string{
		"Bonjour, L'alarme anti-intrusion de l'EHPAD s'est déclenchée deux nuits de suite. Le prestataire propose un test d'intrusion complet du système de détection : est-ce utile ? Merci",
		"Bonjour, Les patients n'arrivent plus à prendre rendez-vous sur l'application Doctolib : les créneaux de jeudi n'apparaissent plus. Secrétariat, centre médical de Sens",
	} {
		if r := ix.Search(text, 3); r.Band != BandNone {
			t.Errorf("%q: band %d, want none (trees %v)", text, r.Band, r.Trees)
		}
	}
}

// « je suis perdu » is the writer at a loss, not a lost phone: no gap, no
// unexplained carrier word; « j'ai perdu mon téléphone » is a loss.
func TestLostPerson(t *testing.T) {
	ix := NewIndex(kbtest.Embedded())
	const rooted = "Bonjour, mon téléphone est rooté et l'application e-CPS refuse de fonctionner. J'ai suivi la documentation mais "
	for _, tc := range []struct {
		text string
		band Band
	}{
		{rooted + "je suis perdu.", BandHigh},
		{rooted + "je suis un peu perdue.", BandHigh},
		{rooted + "nous sommes complètement perdus.", BandHigh},
		{rooted + "je me sens perdu.", BandHigh},
		{"J'ai perdu mon téléphone avec l'application e-CPS, je suis perdu.", BandLow},
		{"Mon téléphone avec l'application e-CPS est perdu.", BandLow},
	} {
		r := ix.Search(tc.text, 3)
		if r.Band != tc.band {
			t.Errorf("%q: band %d, want %d (gaps %v, unexplained %v)", tc.text, r.Band, tc.band, r.Gaps, r.Unexplained)
		}
	}
}
