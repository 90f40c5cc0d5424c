// Command kbgen writes kb/embedded_gen.go from the YAML of kb/data, so the
// binary starts without parsing YAML. Run it with: go generate ./kb
package main

import (
	"fmt"
	"go/format"
	"os"

	"ecps-assist/kb"
)

func main() {
	l, probs := kb.ParseFS(os.DirFS("."), "data", kb.EmbeddedPrefix)
	if errs := probs.Errors(); len(errs) > 0 {
		fmt.Fprintln(os.Stderr, errs.Error())
		os.Exit(1)
	}
	src, err := format.Source(kb.GoSource(l))
	if err != nil {
		fmt.Fprintln(os.Stderr, "kbgen:", err)
		os.Exit(1)
	}
	if err := os.WriteFile("embedded_gen.go", src, 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "kbgen:", err)
		os.Exit(1)
	}
	fmt.Printf("kbgen: %d entries, %d trees -> kb/embedded_gen.go\n", len(l.Entries), len(l.Trees))
}
