package tui

import "testing"

// listMark finds what the regexp ^(\d+\. |- |→ ) found.
func TestListMark(t *testing.T) {
	for in, want := range map[string]string{
		"1. Ouvrir": "1. ", "12. x": "12. ", "- item": "- ", "→ suite": "→ ",
		"1.x": "", ". x": "", "a. x": "", "-item": "", "": "", "10": "", " 1. x": "",
	} {
		if got := listMark(in); got != want {
			t.Errorf("listMark(%q) = %q, want %q", in, got, want)
		}
	}
}
