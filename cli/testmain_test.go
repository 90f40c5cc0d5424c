package cli

import (
	"os"
	"testing"
)

// TestMain points the journal and the configuration at a temporary
// directory: no test reads or writes the developer's own.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "ecps-cli-test-")
	if err != nil {
		panic(err)
	}
	os.Setenv("XDG_STATE_HOME", dir+"/state")
	os.Setenv("XDG_CONFIG_HOME", dir+"/config")
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}
