// Package kbtest gives tests and benchmarks the embedded knowledge base,
// loaded once per test binary. It is for tests only: the tool itself
// loads knowledge with kb.Load and reports its problems.
package kbtest

import (
	"sync"

	"ecps-assist/kb"
)

// Embedded returns the embedded knowledge base; it panics if it is
// invalid, which the kb tests rule out. Callers must not modify it.
var Embedded = sync.OnceValue(func() *kb.KB {
	k, probs, _ := kb.Load("")
	if errs := probs.Errors(); len(errs) > 0 {
		panic("embedded knowledge base is invalid:\n" + errs.Error())
	}
	return k
})
