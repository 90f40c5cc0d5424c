package vocab

import (
	"strings"
	"testing"
)

func TestEmbeddedParses(t *testing.T) {
	v, probs := Embedded()
	if len(probs) > 0 {
		t.Fatalf("embedded vocabulary: %v", probs)
	}
	if len(v.Products) < 5 || len(v.Gaps) < 10 {
		t.Errorf("%d products, %d gaps", len(v.Products), len(v.Gaps))
	}
}

func TestParseProblems(t *testing.T) {
	tests := []struct{ yaml, want string }{
		{"colour: red\n", "f.yaml:1:1: field colour not found"},
		{"products:\n  - product: Nope\n    terms: [x]\n    names: [y]\n", `f.yaml:2:5: products: unknown product "Nope"`},
		{"products:\n  - product: HDS\n    names: [y]\n", "f.yaml:2:5: HDS: no terms"},
		{"products:\n  - product: HDS\n    terms: [a b]\n    names: [y]\n", `f.yaml:3:13: HDS: a term is one word, got "a b"`},
		{"trees:\n  - tree: x\n    terms: [a]\n", "f.yaml:2:5: x: no names, phrases or rules"},
		{"gaps:\n  - id: Bad_Id\n    topic: t\n    when: [[a]]\n", `f.yaml:2:5: gap "Bad_Id": id is not kebab-case`},
		{"gaps:\n  - id: a\n    topic: t\n    when: [[\"x||y\"]]\n", `f.yaml:4:13: gap "a": empty alternative`},
		{"gaps:\n  - id: a\n    when: [[x]]\n", `f.yaml:2:5: gap "a": no topic`},
		{"gaps:\n  - id: a\n    topic: t\n    when: [[x]]\n  - id: a\n    topic: t\n    when: [[x]]\n", `f.yaml:5:5: gap "a": duplicate id (first at line 2)`},
	}
	for _, tt := range tests {
		_, probs := Parse("f.yaml", []byte(tt.yaml))
		if len(probs) != 1 || !strings.HasPrefix(probs[0].String(), tt.want) {
			t.Errorf("%q: got %v, want %q", tt.yaml, probs, tt.want)
		}
	}
}

func TestAlternatives(t *testing.T) {
	got := Alternatives("mot passe|mdp| code secret ")
	if len(got) != 3 || strings.Join(got[0], "+") != "mot+passe" || got[2][1] != "secret" {
		t.Errorf("Alternatives = %v", got)
	}
}

func TestNotCovered(t *testing.T) {
	for topic, want := range map[string]string{
		"le code PIN ou PUK d'une carte":       "La base ne traite pas du code PIN ou PUK d'une carte.",
		"les dates limites et des échéances":   "La base ne traite pas des dates limites et des échéances.",
		"la perte ou du vol d'une carte CPS":   "La base ne traite pas de la perte ou du vol d'une carte CPS.",
		"l'accès au DMP ou à Mon espace santé": "La base ne traite pas de l'accès au DMP ou à Mon espace santé.",
	} {
		if got := NotCovered(topic); got != want {
			t.Errorf("NotCovered(%q) = %q, want %q", topic, got, want)
		}
	}
	// Every embedded topic starts with an article the sentence contracts.
	v, _ := Embedded()
	for _, g := range v.Gaps {
		ok := false
		for _, a := range []string{"le ", "la ", "les ", "l'"} {
			ok = ok || strings.HasPrefix(g.Topic, a)
		}
		if !ok {
			t.Errorf("gap %s: topic %q does not start with le, la, les or l'", g.ID, g.Topic)
		}
	}
}
