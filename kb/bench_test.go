package kb_test

import (
	"testing"

	"ecps-assist/kb"
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
	k := kb.MustEmbedded()
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
		l, probs := kb.EmbeddedYAMLLayer()
		k, p := kb.Merge(l, kb.Layer{})
		if len(probs.Errors())+len(p.Errors()) > 0 || len(k.Entries) == 0 {
			b.Fatal("embedded YAML invalid")
		}
	}
}
