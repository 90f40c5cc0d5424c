package diagnose

import (
	"slices"
	"strings"
	"testing"

	"ecps-assist/kb"
	"ecps-assist/kb/kbtest"
)

// kb validates check nodes against plain lists (it cannot import
// diagnose): they must be the registry's.
func TestRegistryMatchesKBLists(t *testing.T) {
	kinds := []string{string(KindAuto)}
	for _, k := range IDKinds {
		kinds = append(kinds, string(k))
	}
	if !slices.Equal(kinds, kb.CheckKinds) {
		t.Errorf("kb.CheckKinds = %q, registry has %q", kb.CheckKinds, kinds)
	}
	if !slices.Equal(OutcomeCodes(), kb.CheckResults) {
		t.Errorf("kb.CheckResults = %q, registry has %q", kb.CheckResults, OutcomeCodes())
	}
	for _, code := range OutcomeCodes() {
		if OutcomeLabel(code) == code {
			t.Errorf("outcome %q has no French label", code)
		}
	}
	if slices.Contains(OutcomeCodes(), ProblemEmpty) {
		t.Errorf("empty is an outcome: an empty input must ask again")
	}
}

// Every problem the checker can return is an outcome code a tree may map.
func TestEveryProblemIsAnOutcome(t *testing.T) {
	for _, p := range []string{ProblemLetters, ProblemMissingPrefix, ProblemBadPrefix, ProblemBadLength, ProblemBadKey, ProblemOtherKind, ProblemPhone} {
		if !slices.Contains(OutcomeCodes(), p) {
			t.Errorf("problem %q is not an outcome code", p)
		}
	}
}

func TestCheckedBy(t *testing.T) {
	for _, c := range []struct {
		id, node IDKind
		want     bool
	}{
		{KindIDNat, KindIDNat, true},
		{KindIDNat, KindRPPS, true},
		{KindRPPS, KindIDNat, true},
		{KindADELI, KindIDNat, true},
		{KindADELI, KindADELI, true},
		{KindSIRET, KindSIRET, true},
		{KindSIRET, KindIDNat, false},
		{KindSIRET, KindRPPSRang, false},
		{KindRPPSRang, KindRPPSRang, true},
		{KindFINESS, KindAuto, true},
		{KindFINESS, KindADELI, false},
	} {
		if got := c.id.CheckedBy(c.node); got != c.want {
			t.Errorf("%s.CheckedBy(%s) = %v, want %v", c.id, c.node, got, c.want)
		}
	}
}

// An empty input at a check node asks again: the session does not move.
func TestEmptyInputAsksAgain(t *testing.T) {
	k := kbtest.Embedded()
	s, err := NewSession(k, "ecps-activation-error")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Answer("iphone"); err != nil {
		t.Fatal(err)
	}
	for _, in := range []string{"", "   ", " - . "} {
		if _, err := s.Input(in); err != ErrEmptyInput {
			t.Errorf("Input(%q) error = %v, want ErrEmptyInput", in, err)
		}
		if s.Current().Kind != kb.KindCheck || s.Depth() != 1 {
			t.Errorf("Input(%q) moved the session to %s", in, s.Current().ID)
		}
	}
}

// Facts beyond formats come from the seeds: the CPx card line is named
// only for the identifiant national and the RPPS.
func TestNoCardAdviceForStructures(t *testing.T) {
	for _, c := range []struct {
		in   string
		kind IDKind
	}{
		{"7722014890XX22", KindSIRET}, {"77220148900023", KindSIRET}, {"01O78O19X", KindFINESS},
		{"1000012345401X", KindRPPSRang}, {"75930X23Y", KindADELI}, {"759301236", KindADELI},
	} {
		r := CheckID(c.in, c.kind)
		if strings.Contains(r.Fix+r.Message, "carte CPx") || strings.Contains(r.Fix, "carte CPS") {
			t.Errorf("CheckID(%q, %s): card advice for a %s: %s / %s", c.in, c.kind, c.kind, r.Message, r.Fix)
		}
	}
}

// A phone number is checked by no node: no tree is offered for it.
func TestPhoneNumberOffersNoTree(t *testing.T) {
	k := kbtest.Embedded()
	if got := IDTrees(k, []IDResult{CheckID("0612345678", KindAuto)}); len(got) != 0 {
		t.Errorf("IDTrees(phone) = %v, want none", got)
	}
	if got := IDTrees(k, []IDResult{CheckID("10000123454", KindAuto)}); len(got) != 1 || got[0].ID != "ecps-activation-error" {
		t.Errorf("IDTrees(RPPS) = %v, want ecps-activation-error", got)
	}
	if got := IDTrees(k, []IDResult{CheckID("759301237", KindAuto)}); len(got) != 1 || got[0].ID != "ecps-activation-error" {
		t.Errorf("IDTrees(ADELI) = %v, want ecps-activation-error (which says it is not 8 + RPPS)", got)
	}
}
