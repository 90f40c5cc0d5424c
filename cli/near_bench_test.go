package cli

import (
	"fmt"
	"strings"
	"testing"
)

// BenchmarkNearIDsLongInput: the longest id nearIDs still looks at, and a
// 100,000-character one, against 10k ids (a generated KB's size).
func BenchmarkNearIDsLongInput(b *testing.B) {
	ids := make([]string, 10000)
	for i := range ids {
		ids[i] = fmt.Sprintf("synth-entry-%05d-activation-carte", i)
	}
	for _, n := range []int{maxNearInput, 100000} {
		in := strings.Repeat("a", n)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for b.Loop() {
				nearIDs(in, ids)
			}
		})
	}
}
