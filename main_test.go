package main

import (
	"os/exec"
	"strings"
	"testing"
)

// TestOffline guarantees the binary cannot touch the network: neither net
// nor net/http may be in its dependency graph (net/url and net/netip are
// parsers only).
func TestOffline(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", ".").Output()
	if err != nil {
		t.Fatalf("go list -deps: %v", err)
	}
	deps := strings.Fields(string(out))
	if len(deps) < 10 {
		t.Fatalf("go list -deps returned %d packages", len(deps))
	}
	for _, d := range deps {
		switch d {
		case "net", "net/http", "crypto/tls", "net/rpc", "net/smtp":
			t.Errorf("the binary depends on %s: it must never touch the network", d)
		}
	}
}
