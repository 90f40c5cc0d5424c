package vocab

import (
	"go/format"
	"os"
	"reflect"
	"testing"
)

// TestGeneratedUpToDate: vocabulary_gen.go is what vocabgen writes from
// vocabulary.yaml, and decodes to what parsing it gives.
func TestGeneratedUpToDate(t *testing.T) {
	v, probs := Parse(File, embedded)
	if errs := probs.Errors(); len(errs) > 0 {
		t.Fatal(errs)
	}
	want, err := format.Source(GoSource(v))
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("vocabulary_gen.go")
	if err != nil {
		t.Fatalf("%v: run go generate ./kb/vocab", err)
	}
	if string(got) != string(want) {
		t.Fatal("kb/vocab/vocabulary_gen.go is stale: vocabulary.yaml changed; run go generate ./kb/vocab")
	}
	if generated == nil {
		t.Fatal("vocabulary_gen.go does not register the generated vocabulary")
	}
	if g := generated(); !reflect.DeepEqual(g, v) {
		t.Error("the generated vocabulary differs from the parsed one")
	}
}
