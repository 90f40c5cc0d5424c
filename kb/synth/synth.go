// Package synth generates synthetic knowledge bases of any size, with
// French-like questions and answers of 300 to 2000 characters, for
// benchmarks at scale. The same seed always gives the same KB.
package synth

import (
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"ecps-assist/kb"
)

var (
	openers = []string{
		"Comment", "Pourquoi", "Que faire si", "Est-il possible de", "Quand faut-il", "Qui peut",
		"Où trouver", "Peut-on", "Faut-il", "Dans quel cas",
	}
	verbs = []string{
		"activer", "renouveler", "installer", "désinstaller", "configurer", "commander", "révoquer",
		"réinitialiser", "vérifier", "déclarer", "supprimer", "rattacher", "télécharger", "signer",
		"chiffrer", "authentifier", "sauvegarder", "restaurer", "mettre à jour", "transmettre",
	}
	objects = []string{
		"la carte e-CPS", "le certificat logiciel", "la carte CPS", "le téléphone portable",
		"l'adresse de correspondance", "le compte Convergence", "l'identifiant national",
		"le lecteur de cartes", "la messagerie sécurisée", "le code dynamique", "la WebExtension",
		"le formulaire de commande", "le test d'intrusion", "l'hébergeur certifié", "le téléservice INSi",
		"la Cryptolib", "le QR code", "le numéro RPPS", "la structure d'exercice", "le dossier patient",
	}
	contexts = []string{
		"sur Android", "sur iPhone", "dans Firefox", "après un changement de carte SIM",
		"pour un cabinet de groupe", "dans un établissement de santé", "pour une société d'exercice",
		"en mobilité", "depuis l'Annuaire Santé", "avant la fin de validité", "sans lecteur de carte",
		"pour un éditeur de logiciel", "dans le cadre du Ségur", "en cas d'erreur", "",
	}
	words = strings.Fields(`le la les un une des du de et ou pour avec sans dans sur par vous votre vos
		professionnel santé établissement service numérique application téléphone carte certificat
		identifiant authentification connexion activation compte adresse messagerie annuaire structure
		procédure demande formulaire document référentiel exigence conformité sécurité accès données
		patient hébergement sauvegarde utilisateur administrateur éditeur plateforme navigateur
		installer activer vérifier renseigner consulter transmettre valider générer renouveler télécharger
		nécessaire possible obligatoire applicable disponible valide actif personnel technique national
		préalablement ensuite également notamment uniquement automatiquement rapidement`)
	themes = []string{"Activation", "Certificats", "Comptes", "Sécurité", "Installation", "Conformité", "Accès"}
)

// Entries returns n synthetic entries, deterministic for a seed.
func Entries(n int, seed int64) []*kb.Entry {
	r := rand.New(rand.NewSource(seed))
	out := make([]*kb.Entry, n)
	for i := range out {
		ctx := contexts[r.Intn(len(contexts))]
		title := fmt.Sprintf("%s %s %s %s ?", openers[r.Intn(len(openers))], verbs[r.Intn(len(verbs))],
			objects[r.Intn(len(objects))], ctx)
		title = strings.Join(strings.Fields(title), " ")
		size := 300 + r.Intn(1701)
		var b strings.Builder
		sentence := 0
		for b.Len() < size {
			if sentence == 0 {
				w := words[r.Intn(len(words))]
				// The first letter, not the first byte: « établissement »
				// starts with two bytes.
				first, size := utf8.DecodeRuneInString(w)
				b.WriteRune(unicode.ToUpper(first))
				b.WriteString(w[size:])
			} else {
				b.WriteString(" " + words[r.Intn(len(words))])
			}
			sentence++
			if sentence > 8+r.Intn(12) {
				b.WriteString(".\n")
				sentence = 0
			}
		}
		kw := []string{verbs[r.Intn(len(verbs))], strings.Fields(objects[r.Intn(len(objects))])[1]}
		out[i] = &kb.Entry{
			ID:       fmt.Sprintf("synth-%06d", i+1),
			Title:    title,
			Answer:   strings.TrimSpace(b.String()) + ".",
			Product:  kb.Products[r.Intn(len(kb.Products))],
			Theme:    themes[r.Intn(len(themes))],
			Keywords: kw,
			Sources:  []kb.Source{{Seed: "000_50255237a135427a.txt", Block: 1}},
		}
	}
	return out
}

// KB returns a KB of n synthetic entries on top of the given base (which
// may be nil), for in-memory benchmarks.
func KB(base *kb.KB, n int, seed int64) *kb.KB {
	var entries []*kb.Entry
	var trees []*kb.Tree
	if base != nil {
		entries = append(entries, base.Entries...)
		trees = base.Trees
	}
	return kb.New(append(entries, Entries(n, seed)...), trees)
}

type yamlSource struct {
	Seed  string `yaml:"seed"`
	Block int    `yaml:"block"`
}

type yamlEntry struct {
	ID       string       `yaml:"id"`
	Title    string       `yaml:"title"`
	Product  string       `yaml:"product"`
	Theme    string       `yaml:"theme"`
	Keywords []string     `yaml:"keywords"`
	Sources  []yamlSource `yaml:"sources"`
	Answer   string       `yaml:"answer"`
}

// PerFile is how many entries each generated file holds.
const PerFile = 1000

// Write writes entries as knowledge YAML files in dir (PerFile entries a
// file), loadable with --kb.
func Write(dir string, entries []*kb.Entry) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for start := 0; start < len(entries); start += PerFile {
		end := min(start+PerFile, len(entries))
		doc := struct {
			Entries []yamlEntry `yaml:"entries"`
		}{}
		for _, e := range entries[start:end] {
			ye := yamlEntry{ID: e.ID, Title: e.Title, Product: e.Product, Theme: e.Theme, Keywords: e.Keywords, Answer: e.Answer}
			for _, s := range e.Sources {
				ye.Sources = append(ye.Sources, yamlSource{s.Seed, s.Block})
			}
			doc.Entries = append(doc.Entries, ye)
		}
		// Answers as literal blocks (answer: |), the way knowledge files
		// are written by hand, not as plain scalars of one long line.
		var node yaml.Node
		if err := node.Encode(&doc); err != nil {
			return err
		}
		literalAnswers(&node)
		data, err := yaml.Marshal(&node)
		if err != nil {
			return err
		}
		name := filepath.Join(dir, fmt.Sprintf("synth-%04d.yaml", start/PerFile+1))
		if err := os.WriteFile(name, data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

func literalAnswers(n *yaml.Node) {
	if n.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == "answer" {
				n.Content[i+1].Style = yaml.LiteralStyle
			}
		}
	}
	for _, c := range n.Content {
		literalAnswers(c)
	}
}

// WriteLines writes one entry a line (title and answer), the input of
// fzf --filter in bench/compare.sh.
func WriteLines(path string, entries []*kb.Entry) error {
	var b strings.Builder
	for _, e := range entries {
		b.WriteString(e.ID + "\t" + e.Title + "\t" + strings.Join(strings.Fields(e.Answer), " ") + "\n")
	}
	return os.WriteFile(path, []byte(b.String()), 0o644)
}
