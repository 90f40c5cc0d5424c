package search

import (
	"fmt"
	"testing"
	"time"
)

func TestDebugTiming(t *testing.T) {
	ix := NewIndex(synthKB(10000, 1))
	ix.Warm()
	for round := 0; round < 2; round++ {
		for _, q := range keystrokes() {
			t0 := time.Now()
			r := ix.Filter(q, 10)
			if round == 1 {
				fmt.Printf("%-22q %6dµs e=%d t=%d\n", q, time.Since(t0).Microseconds(), len(r.Entries), len(r.Trees))
			}
		}
	}
}
