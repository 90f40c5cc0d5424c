package diagnose

import (
	"strings"
	"testing"
)

// A value typed at a check node enters at Session.Input, from the TUI's
// field or the CLI's --input: it is stored inert and on one line, so the
// verdict, the text output and every transcript carry it harmless.
func TestInputIsInertWhereItEnters(t *testing.T) {
	k, s := mdSession(t, mdFields{treeID: "t", entryID: "e", title: "T"}, false)
	res, err := s.Input("8100\x1b]52;c;ZXZpbA==\x07\u202e\n0123454")
	if err != nil {
		t.Fatal(err)
	}
	st := s.Path()[len(s.Path())-1]
	for _, out := range []string{st.Input, res.Message, res.Fix, Text(k, s)} {
		if strings.ContainsAny(out, "\x1b\x07\u202e") {
			t.Errorf("control character kept: %q", out)
		}
	}
	if st.Input != "8100␛]52;c;ZXZpbA==␇\uFFFD 0123454" {
		t.Errorf("stored input %q", st.Input)
	}
}
