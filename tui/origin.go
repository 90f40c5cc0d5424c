package tui

import "ecps-assist/kb"

// answersHeading heads a list of answers: head (« Réponses officielles »,
// or « Réponses voisines » when the match is weak), except that
// « Réponses officielles » becomes « Réponses » when one of them is a
// team's (each then says its origin).
func answersHeading(k *kb.KB, ids []string, head string) string {
	if head != "Réponses officielles" {
		return head
	}
	for _, id := range ids {
		if e := k.Entry(id); e != nil && e.IsTeam() {
			return "Réponses"
		}
	}
	return head
}

// withOrigin adds the origin of team knowledge to an item's second line
// (official knowledge is the default, unmarked in lists).
func withOrigin(sub string, team bool, label string) string {
	if !team {
		return sub
	}
	if sub == "" {
		return label
	}
	return sub + " · " + label
}
