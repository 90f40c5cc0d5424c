package tui

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
)

// The home search says when the knowledge does not answer the question:
// low (neighbours, the gap named) and none; Enter in the field then moves
// to the list instead of opening the first neighbour as the answer.
func TestHomeSaysLowAndNone(t *testing.T) {
	h := newHarness(t, Options{}, 80, 24)
	h.typeText("carte cps perdue")
	h.expect("Aucune réponse officielle ne correspond précisément", "La base ne traite pas de la perte",
		"Arbres voisins", "Réponses voisines", "Recours : Transmettre au niveau 2")
	h.reject("Arbres de diagnostic")
	h.keys("enter")
	if _, ok := h.m.top().(*homeScreen); !ok {
		t.Fatalf("Enter opened a neighbour as if it were the answer\n%s", h.screen())
	}
	h.expect("choisissez une réponse voisine")
	h.keys("enter") // from the list, deliberately
	if _, ok := h.m.top().(*homeScreen); ok {
		t.Fatalf("Enter in the list did not open the selected neighbour\n%s", h.screen())
	}

	h = newHarness(t, Options{}, 80, 24)
	h.typeText("imprimante du cabinet en panne")
	h.expect("Rien dans la base ne concerne cette question", "Recours :")

	// No result at all says the escalation step too.
	h = newHarness(t, Options{}, 80, 24)
	h.typeText("imprimante en panne")
	h.expect("Aucun résultat pour « imprimante en panne »", "Recours : Transmettre au niveau 2")
	h.reject("ouvrir") // nothing to open: the footer offers nothing

	// While the first word is being typed, nothing is judged.
	h = newHarness(t, Options{}, 80, 24)
	h.typeText("perd")
	h.reject("Aucune réponse officielle", "Rien dans la base")

	h = newHarness(t, Options{}, 80, 24)
	h.typeText("telephone roote ")
	h.reject("Aucune réponse officielle", "Rien dans la base", "voisin")
	h.keys("enter")
	h.expect("Diagnostic ·")
}

func TestTriageSaysLowAndNone(t *testing.T) {
	h := newHarness(t, Options{Ticket: "J'ai perdu ma carte CPS, comment en avoir une autre ?"}, 80, 24)
	h.expect("Aucune réponse officielle ne correspond précisément", "La base ne traite pas de la perte", "Arbres voisins")
	h.reject("Arbres proposés")

	h = newHarness(t, Options{Ticket: "notre imprimante du cabinet est en panne"}, 80, 24)
	h.expect("Rien dans la base ne concerne ce ticket", "Recours : Transmettre au niveau 2")

	h = newHarness(t, Options{Ticket: "Deux choses : 1) l'appli carte pro refuse mon téléphone, il est rooté 2) je peux mettre mon adresse gmail comme mail de contact ?"}, 80, 24)
	h.expect("Plusieurs problèmes dans ce ticket", "1. (bloquant)", "Arbres proposés", "problème 1")
}

// Text pasted beyond the field's limit is cut, and the status says so.
func TestHomeSaysWhenTheFieldIsFull(t *testing.T) {
	h := newHarness(t, Options{}, 80, 24)
	h.send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(strings.Repeat("carte cps perdue ", 20)), Paste: true})
	h.expect("La recherche tient en 200 caractères")
	h = newHarness(t, Options{}, 80, 24)
	h.send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("carte cps perdue"), Paste: true})
	h.reject("La recherche tient en")
}
