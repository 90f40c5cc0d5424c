package kb_test

import (
	"os"
	"strconv"
	"testing"

	"ecps-assist/kb"
	"ecps-assist/kb/kbtest"
	"ecps-assist/kb/synth"
)

// BenchmarkLoadEmbedded measures what every run of the tool pays at start:
// parse, validate and index the embedded knowledge (target: ≤ 2 ms).
func BenchmarkLoadEmbedded(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		k, probs, fallback := kb.Load("")
		if len(probs.Errors()) > 0 || fallback || len(k.Entries) == 0 {
			b.Fatalf("embedded KB invalid: %v", probs.Errors())
		}
	}
}

// BenchmarkLintEmbedded: the lint of the embedded KB against the seeds.
func BenchmarkLintEmbedded(b *testing.B) {
	seeds := lintSeeds(b)
	k := kbtest.Embedded()
	b.ReportAllocs()
	for b.Loop() {
		if errs := k.Lint(seeds).Errors(); len(errs) > 0 {
			b.Fatal(errs)
		}
	}
}

// BenchmarkLoadEmbeddedYAML: the same from the YAML (what the generated
// decoding saves; also the cost of a --kb directory of that size).
func BenchmarkLoadEmbeddedYAML(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		l, probs := kb.ParseFS(os.DirFS("."), "data", kb.EmbeddedPrefix)
		k, p := kb.Merge(l, kb.Layer{})
		if len(probs.Errors())+len(p.Errors()) > 0 || len(k.Entries) == 0 {
			b.Fatal("embedded YAML invalid")
		}
	}
}

// BenchmarkLoadDir: what --kb DIR costs at start (read, parse, merge on
// the embedded KB, validate), for a team directory of synthetic entries
// (kb/synth: answers of 300–2000 characters, 1000 entries a file).
func BenchmarkLoadDir(b *testing.B) {
	for _, n := range []int{300, 1000, 5000} {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			dir := b.TempDir()
			if err := synth.Write(dir, synth.Entries(n, 1)); err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				k, probs, fallback := kb.Load(dir)
				if fallback || len(probs.Errors()) > 0 || len(k.Entries) < n {
					b.Fatalf("%d entries, fallback %v: %v", len(k.Entries), fallback, probs.Errors())
				}
			}
		})
	}
}
