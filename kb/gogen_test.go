package kb

import (
	"go/format"
	"os"
	"reflect"
	"testing"
)

// The generated decoding of the embedded KB must be what the YAML says.
func TestGeneratedUpToDate(t *testing.T) {
	l, probs := ParseFS(dataFS, "data", EmbeddedPrefix)
	if errs := probs.Errors(); len(errs) > 0 {
		t.Fatal(errs)
	}
	want, err := format.Source(GoSource(l))
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("embedded_gen.go")
	if err != nil {
		t.Fatalf("%v: run go generate ./kb", err)
	}
	if string(got) != string(want) {
		t.Fatal("kb/embedded_gen.go is stale: kb/data changed; run go generate ./kb")
	}
	if generated == nil {
		t.Fatal("embedded_gen.go does not register the generated layer")
	}
}

// loadMerged skips Merge for the generated layer alone: Merge must find
// nothing in it, and give the same knowledge.
func TestEmbeddedMergesClean(t *testing.T) {
	if generated == nil {
		t.Fatal("no generated layer")
	}
	want, probs := Merge(generated(), Layer{})
	if len(probs) > 0 {
		t.Fatalf("the embedded knowledge has problems: %v", probs)
	}
	got, probs := loadMerged(nil, "")
	if len(probs) > 0 || !got.embeddedOnly {
		t.Fatalf("loadMerged: %v, embeddedOnly %v", probs, got.embeddedOnly)
	}
	want.embeddedOnly = true
	if !reflect.DeepEqual(got, want) {
		t.Fatal("loadMerged of the embedded knowledge differs from Merge's")
	}
}
