// Command gen writes a seeded synthetic knowledge base, loadable with
// ecps-assist --kb DIR, and the same entries one per line for fzf.
//
//	go run ./bench/gen -n 10000 -seed 1 -out /tmp/kb10k
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"ecps-assist/kb/synth"
)

func main() {
	n := flag.Int("n", 10000, "number of entries")
	seed := flag.Int64("seed", 1, "random seed")
	out := flag.String("out", "", "output directory (required)")
	lines := flag.String("lines", "", "also write the entries one per line to this file")
	flag.Parse()
	if *out == "" || *n < 1 {
		fmt.Fprintln(os.Stderr, "usage: gen -n N -seed S -out DIR [-lines FILE]")
		os.Exit(2)
	}
	entries := synth.Entries(*n, *seed)
	if err := synth.Write(*out, entries); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
	if *lines != "" {
		if err := synth.WriteLines(*lines, entries); err != nil {
			fmt.Fprintln(os.Stderr, "gen:", err)
			os.Exit(1)
		}
	}
	fmt.Printf("%d entries in %s\n", *n, filepath.Clean(*out))
}
