package ticketgen

import (
	"strings"
	"testing"
)

func TestTicketsShapeAndShares(t *testing.T) {
	g := New(1)
	const n = 5000
	count := map[string]int{}
	for i := range n {
		tk := g.Ticket(i)
		w := len(strings.Fields(tk.Text))
		if w < minWords || w > maxWords {
			t.Fatalf("ticket %s has %d words, want %d-%d:\n%s", tk.ID, w, minWords, maxWords, tk.Text)
		}
		if strings.Contains(tk.Text, "{") || strings.Contains(tk.Subject, "{") {
			t.Fatalf("ticket %s has an unfilled placeholder:\n%s", tk.ID, tk.Text)
		}
		count[tk.Category]++
	}
	for cat, want := range map[string]int{InDomain: shareInDomain, NearMiss: shareNearMiss, OffTopic: 100 - shareInDomain - shareNearMiss} {
		got := 100 * count[cat] / n
		if got < want-2 || got > want+2 {
			t.Errorf("%s: %d %%, want %d ± 2 %%", cat, got, want)
		}
	}
}

func TestIdentifiersMostlyValid(t *testing.T) {
	g := New(2)
	valid := 0
	for range 1000 {
		if luhn(g.rppsBare()) {
			valid++
		}
	}
	if valid != 1000 {
		t.Errorf("%d/1000 generated RPPS pass Luhn", valid)
	}
}
