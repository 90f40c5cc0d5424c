// Command vocabgen writes kb/vocab/vocabulary_gen.go from vocabulary.yaml,
// so the binary starts without parsing it. Run it with:
// go generate ./kb/vocab
package main

import (
	"fmt"
	"go/format"
	"os"

	"ecps-assist/kb/vocab"
)

func main() {
	data, err := os.ReadFile("vocabulary.yaml")
	if err != nil {
		fmt.Fprintln(os.Stderr, "vocabgen:", err)
		os.Exit(1)
	}
	v, probs := vocab.Parse(vocab.File, data)
	if errs := probs.Errors(); len(errs) > 0 {
		fmt.Fprintln(os.Stderr, errs.Error())
		os.Exit(1)
	}
	src, err := format.Source(vocab.GoSource(v))
	if err != nil {
		fmt.Fprintln(os.Stderr, "vocabgen:", err)
		os.Exit(1)
	}
	if err := os.WriteFile("vocabulary_gen.go", src, 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "vocabgen:", err)
		os.Exit(1)
	}
	fmt.Printf("vocabgen: %d products, %d trees, %d gaps -> kb/vocab/vocabulary_gen.go\n", len(v.Products), len(v.Trees), len(v.Gaps))
}
