package search

import (
	"fmt"
	"strings"
	"testing"

	"ecps-assist/kb"
	"ecps-assist/kb/kbtest"
	"ecps-assist/kb/synth"
)

// One keystroke of the as-you-type filter on the real, embedded KB
// (target ≤ 1 ms).
func BenchmarkFilterKeystrokeEmbedded(b *testing.B) {
	ix := NewIndex(kbtest.Embedded())
	seq := keystrokes()
	i := 0
	for b.Loop() {
		ix.Filter(seq[i%len(seq)], 10)
		i++
	}
}

// Triage of a 40-word ticket on the embedded KB.
func BenchmarkSearchTicketEmbedded(b *testing.B) {
	ix := NewIndex(kbtest.Embedded())
	for b.Loop() {
		ix.Search(ticket40, 10)
	}
}

// Index build cost per entry, on 5,000 synthetic entries (answers of 300 to
// 2000 characters), reported as ns/entry.
func BenchmarkIndexBuildPerEntry(b *testing.B) {
	k := synth.KB(nil, 5000, 1)
	for b.Loop() {
		NewIndex(k)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(k.Entries)), "ns/entry")
}

// BenchmarkSearchLongTicket times the triage of tickets of 64 KiB and
// 1 MiB: the cost must stay linear in the length (target: 1 MiB ≤ 100 ms).
func BenchmarkSearchLongTicket(b *testing.B) {
	k, _, _ := kb.Load("")
	ix := NewIndex(k)
	words := strings.Fields("bonjour ma carte cps ne marche plus avec firefox et le certificat igc expire " +
		"je n'arrive pas à activer mon e-cps rpps 10000123454 perdu chrome merci de votre aide")
	for _, size := range []int{64 << 10, 1 << 20} {
		var sb strings.Builder
		for i := 0; sb.Len() < size; i++ {
			sb.WriteString(words[(i*7)%len(words)])
			sb.WriteByte(' ')
		}
		text := sb.String()
		b.Run(fmt.Sprintf("%dKiB", size>>10), func(b *testing.B) {
			for b.Loop() {
				ix.Search(text, 10)
			}
		})
	}
}
