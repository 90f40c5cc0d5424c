package batch

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"sync"
	"testing"

	"ecps-assist/bench/ticketgen"
	"ecps-assist/diagnose"
	"ecps-assist/kb"
	"ecps-assist/kb/search"
)

var embedded = sync.OnceValues(func() (*kb.KB, *search.Index) {
	k, _, _ := kb.Load("")
	return k, search.NewIndex(k)
})

// benchTickets are n generated tickets as JSON lines.
func benchTickets(n int) []byte {
	var buf bytes.Buffer
	g := ticketgen.New(1)
	enc := json.NewEncoder(&buf)
	for i := range n {
		enc.Encode(g.Ticket(i))
	}
	return buf.Bytes()
}

// BenchmarkTriageOne is diagnose.Triage alone on generated tickets, per
// ticket.
func BenchmarkTriageOne(b *testing.B) {
	k, ix := embedded()
	g := ticketgen.New(1)
	var texts []string
	for i := range 1000 {
		texts = append(texts, g.Ticket(i).Text)
	}
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		diagnose.Triage(ix, k, texts[i%len(texts)], 3)
	}
}

// BenchmarkRun is the whole batch (read, triage, write) per ticket, with
// 1 and 2 workers sharing the index.
func BenchmarkRun(b *testing.B) {
	k, ix := embedded()
	in := benchTickets(2000)
	for _, jobs := range []int{1, 2} {
		b.Run(fmt.Sprintf("jobs=%d", jobs), func(b *testing.B) {
			n := 0
			for b.Loop() {
				st, err := Run(context.Background(), NewJSONLReader(bytes.NewReader(in), DefaultFields), io.Discard,
					Options{KB: k, Index: ix, Jobs: jobs})
				if err != nil || st.Tickets != 2000 {
					b.Fatal(err, st)
				}
				n += 2000
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(n)/1000, "µs/ticket")
		})
	}
}

// BenchmarkLongTicket triages one ticket of 64 KiB and one of 1 MiB (long
// threads of generated tickets): the time should grow linearly with the
// length.
func BenchmarkLongTicket(b *testing.B) {
	k, ix := embedded()
	for _, size := range []int{64 << 10, 1 << 20} {
		text := longTicket(size)
		b.Run(fmt.Sprintf("%dKiB", size>>10), func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			for b.Loop() {
				diagnose.Triage(ix, k, text, 3)
			}
		})
	}
}

// longTicket is generated tickets joined, cut to size bytes at a line end.
func longTicket(size int) string {
	g := ticketgen.New(2)
	var b strings.Builder
	for i := 0; b.Len() < size; i++ {
		b.WriteString(g.Ticket(i).Text)
		b.WriteString("\n\n")
	}
	s := b.String()[:size]
	if i := strings.LastIndexByte(s, '\n'); i > 0 {
		s = s[:i]
	}
	return s
}

// BenchmarkNewIndexEmbedded is what a run pays at start: the index of
// the embedded knowledge.
func BenchmarkNewIndexEmbedded(b *testing.B) {
	k, _ := embedded()
	for b.Loop() {
		search.NewIndex(k)
	}
}
