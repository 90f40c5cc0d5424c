package search

import (
	"testing"

	"ecps-assist/kb"
	"ecps-assist/kb/synth"
)

// One keystroke of the as-you-type filter on the real, embedded KB
// (target ≤ 1 ms).
func BenchmarkFilterKeystrokeEmbedded(b *testing.B) {
	ix := NewIndex(kb.MustEmbedded())
	ix.Warm()
	seq := keystrokes()
	i := 0
	for b.Loop() {
		ix.Filter(seq[i%len(seq)], 10)
		i++
	}
}

// Triage of a 40-word ticket on the embedded KB.
func BenchmarkSearchTicketEmbedded(b *testing.B) {
	ix := NewIndex(kb.MustEmbedded())
	ix.Warm()
	for b.Loop() {
		ix.Search(ticket40, 10)
	}
}

// Index build cost per entry, on 10k synthetic entries (answers of 300 to
// 2000 characters), reported as ns/entry.
func BenchmarkIndexBuildPerEntry(b *testing.B) {
	k := synth.KB(nil, 10000, 1)
	for b.Loop() {
		NewIndex(k).Warm()
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(k.Entries)), "ns/entry")
}
