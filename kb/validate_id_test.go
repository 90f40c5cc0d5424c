package kb

import (
	"regexp"
	"testing"
)

// validID must accept exactly the kebab-case the schema documents.
func TestValidID(t *testing.T) {
	re := regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	for _, id := range []string{"", "a", "-", "a-", "-a", "a--b", "a-b", "ecps-activation-error", "A", "é", "a_b", "a b", "0-9", "abc-1-x", "a-\u00e9"} {
		if got, want := validID(id), re.MatchString(id); got != want {
			t.Errorf("validID(%q) = %v, want %v", id, got, want)
		}
	}
}
