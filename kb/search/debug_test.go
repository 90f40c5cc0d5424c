package search

import (
	"fmt"
	"testing"
)

func TestDebugPrint(t *testing.T) {
	ix := NewIndex(miniKB())
	for _, q := range []string{"telephone roote", "bjr la dr a changé de puce et lappli marche plus", "carte", "mail", "tel", "cps", "idnat", "app", "a", "mdp oublié", "firefox", "rpps"} {
		for _, mode := range []string{"S", "F"} {
			var r Results
			if mode == "S" {
				r = ix.Search(q, 4)
			} else {
				r = ix.Filter(q, 4)
			}
			fmt.Printf("%s %q weak=%v\n", mode, q, r.Weak)
			for _, h := range append(r.Trees, r.Entries...) {
				rs := []rune(h.Title)
				hl := ""
				for _, i := range h.TitleMatches {
					hl += string(rs[i])
				}
				fmt.Printf("   %d %-28s %.4f %q hl=%q\n", h.Kind, h.ID, h.Score, h.Matched, hl)
			}
		}
	}
	fmt.Println(ix.Search(ticket40, 3))
}
