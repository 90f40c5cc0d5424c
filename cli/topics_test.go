package cli

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

func exitCodeRow(code int, meaning string) string {
	return fmt.Sprintf("| %d | %s |", code, meaning)
}

func envRow(name, effect string) string {
	return fmt.Sprintf("| `%s` | %s |", strings.ReplaceAll(name, ", ", "`, `"), effect)
}

// The README's tables of exit codes and environment variables are those
// of `help exit-codes` and `help environment`.
func TestHelpTopicsMatchTheREADME(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	var missing []string
	for _, e := range exitCodes {
		if row := exitCodeRow(e.Code, e.Meaning); !strings.Contains(string(readme), row+"\n") {
			missing = append(missing, row)
		}
	}
	for _, e := range envVars {
		if row := envRow(e.Name, e.Effect); !strings.Contains(string(readme), row+"\n") {
			missing = append(missing, row)
		}
	}
	if len(missing) > 0 {
		t.Errorf("README lacks the rows:\n%s", strings.Join(missing, "\n"))
	}
}

func TestHelpTopics(t *testing.T) {
	tests := []struct {
		args []string
		want []string
	}{
		{[]string{"help", "exit-codes"}, []string{"  0  success", "  1  problems found or failure", "  2  usage", "  3  pending: diagnose stopped"}},
		{[]string{"help", "environment"}, []string{"  XDG_CONFIG_HOME\n", "  ECPS_ASSIST_EXPORT_DIR\n", "  NO_COLOR\n"}},
		{[]string{"exit-codes"}, []string{"  3  pending"}},
		{[]string{"help"}, []string{"Additional help topics:\n  ecps-assist environment", "ecps-assist exit-codes"}},
	}
	for _, tt := range tests {
		out, errs, code := run(t, "", tt.args...)
		if code != ExitOK || errs != "" {
			t.Errorf("%q: exit %d, %s", tt.args, code, errs)
		}
		for _, w := range tt.want {
			if !strings.Contains(out, w) {
				t.Errorf("%q: no %q in:\n%s", tt.args, w, out)
			}
		}
		for _, l := range strings.Split(out, "\n") {
			if len([]rune(l)) > 80 {
				t.Errorf("%q: line wider than 80: %q", tt.args, l)
			}
		}
	}
}

// help exit-codes is two columns: the codes right-aligned (130 and 143
// as wide as the others), every meaning and its continuation lines
// starting at the same column.
func TestExitCodesAligned(t *testing.T) {
	out, _, _ := run(t, "", "help", "exit-codes")
	col := -1
	rows := 0
	for _, l := range strings.Split(out, "\n") {
		if strings.TrimSpace(l) == "" || !strings.HasPrefix(l, "  ") {
			continue
		}
		var start int
		if f := strings.Fields(l); len(f) > 0 && strings.Trim(f[0], "0123456789") == "" {
			rows++
			i := strings.Index(l, f[0]) + len(f[0])
			start = i + len(l[i:]) - len(strings.TrimLeft(l[i:], " "))
		} else {
			start = len(l) - len(strings.TrimLeft(l, " "))
		}
		if col < 0 {
			col = start
		}
		if start != col {
			t.Errorf("column %d, want %d: %q", start, col, l)
		}
	}
	if rows != len(exitCodes) {
		t.Errorf("%d rows, want %d:\n%s", rows, len(exitCodes), out)
	}
	for _, w := range []string{"\n    0  success", "\n  130  interrupted", "\n  143  terminated"} {
		if !strings.Contains(out, w) {
			t.Errorf("no %q in:\n%s", w, out)
		}
	}
}
