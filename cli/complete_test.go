package cli

import (
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

// Completion goes through cobra's hidden __complete command, as the shell
// scripts call it: one candidate a line ("value\tdescription"), then
// ":directive".
func TestCompletion(t *testing.T) {
	tests := []struct {
		args []string
		want []string // lines that must be there
		not  []string // lines that must not
	}{
		{[]string{"__complete", "diagnose", "ecps-dev"}, []string{"ecps-device-integrity\tL'application e-CPS refuse le téléphone", ":4"}, []string{"ecps-activation-error\t"}},
		{[]string{"__complete", "ecps-dev"}, []string{"ecps-device-integrity\tL'application e-CPS refuse le téléphone"}, nil},
		{[]string{"__complete", "l"}, []string{"lint\tvalidate the knowledge base against the seeds", "list\tlist every answer, grouped by product"}, nil},
		{[]string{"__complete", "show", "ecps-ats"}, []string{"ecps-atsam\tAi-je besoin de l'ATSAM pour activer ma e-CPS ?"}, nil},
		{[]string{"__complete", "show", "ecps-atsam", ""}, []string{":4"}, []string{"ecps-atsam\t"}},
		{[]string{"__complete", "diagnose", "ecps-device-integrity", "--format", ""}, []string{"text\tplain text", "md\tMarkdown transcript", "json\tJSON report", "reply\tthe reply to send", ":4"}, nil},
		{[]string{"__complete", "diagnose", "ecps-device-integrity", "--format", "r"}, []string{"reply\tthe reply to send"}, []string{"text", "md", "json"}},
		{[]string{"__complete", "show", "ecps-atsam", "--format", ""}, []string{"text\tplain text", "json\tevery entry field", "reply\tthe reply to send", ":4"}, []string{"md"}},
		{[]string{"__complete", "stats", "--format", ""}, []string{"text\tbars for the terminal", "md\tMarkdown tables", "json\tthe figures", ":4"}, []string{"html", "reply"}},
		{[]string{"__complete", "triage", "--batch", "--format", ""}, []string{"jsonl\t--batch input: JSON lines", "csv\t--batch input: CSV with a header", ":4"}, nil},
		{[]string{"__complete", "triage", "--batch", "--summary-format", ""}, []string{"text\tbars for the terminal", "md\tMarkdown tables", "json\tthe figures", "html\tone self-contained page", ":4"}, nil},
		{[]string{"__complete", "report", "--format", "h"}, []string{"html\tone self-contained page", ":4"}, []string{"text", "md", "json"}},
		{[]string{"__complete", "history", "--tree", "ecps-dev"}, []string{"ecps-device-integrity\tL'application e-CPS refuse le téléphone", ":4"}, []string{"ecps-activation-error\t"}},
		{[]string{"__complete", "history", "--tree", ""}, []string{"cps-firefox\tLa carte CPS n'est pas reconnue dans Firefox", "ecps-activation-error\tMessage d'erreur à l'activation de la e-CPS"}, nil},
		{[]string{"__complete", "history", "--verdict", "es"}, []string{"escalate\tÀ transmettre", ":4"}, []string{"resolved"}},
		{[]string{"__complete", "check-id", "--kind", "rpps"}, []string{"rpps", "rpps-rang"}, []string{"idnat"}},
		{[]string{"__complete", "diagnose", "ecps-device-integrity", "--answers", ""}, []string{"oui\tOui", "non\tNon ou ne sait pas", ":6"}, nil},
		{[]string{"__complete", "diagnose", "ecps-device-integrity", "--answers", "non,"}, []string{"non,oui\tOui"}, nil},
		{[]string{"__complete", "diagnose", "ecps-device-integrity", "--answers", "nope,"}, []string{":4"}, []string{"nope,oui\tOui"}},
		{[]string{"__complete", "--kb", ""}, []string{"yaml", "yml", ":8"}, nil},
		{[]string{"__complete", "--theme", ""}, []string{"auto\tfrom the terminal (COLORFGBG), else dark", "light", "dark", ":4"}, nil},
		{[]string{"__complete", "help", "ex"}, []string{"exit-codes\tthe exit codes of every command"}, []string{"environment"}},
		{[]string{"__complete", "completion", ""}, []string{"bash\tGenerate the autocompletion script for bash", "zsh\tGenerate the autocompletion script for zsh"}, nil},
	}
	for _, tt := range tests {
		out, errs, code := run(t, "", tt.args...)
		if code != ExitOK {
			t.Errorf("%q: exit %d: %s", tt.args, code, errs)
		}
		lines := map[string]bool{}
		for _, l := range strings.Split(out, "\n") {
			lines[l] = true
		}
		for _, w := range tt.want {
			if !lines[w] {
				t.Errorf("%q: no line %q in:\n%s", tt.args, w, out)
			}
		}
		for _, w := range tt.not {
			for l := range lines {
				if strings.HasPrefix(l, w) {
					t.Errorf("%q: unexpected line %q", tt.args, l)
				}
			}
		}
	}
}

// The scripts of the four shells are printed; each calls __complete.
func TestCompletionScripts(t *testing.T) {
	for _, sh := range []string{"bash", "zsh", "fish", "powershell"} {
		out, errs, code := run(t, "", "completion", sh)
		if code != ExitOK || errs != "" || !strings.Contains(out, "__complete") || !strings.Contains(out, "ecps-assist") {
			t.Errorf("completion %s: exit %d, %d bytes, stderr %q", sh, code, len(out), errs)
		}
	}
	if _, errs, code := run(t, "", "completion", "tcsh"); code != ExitUsage || !strings.Contains(errs, `"tcsh"`) {
		t.Errorf("completion tcsh: exit %d, %s", code, errs)
	}
}

// The man page is roff generated from the tree: every command, every flag
// with its value name, the exit codes; hyphens escaped.
func TestManPage(t *testing.T) {
	out, errs, code := run(t, "", "man")
	if code != ExitOK || errs != "" {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, w := range []string{
		".TH ECPS-ASSIST 1 ", ".SH NAME\necps\\-assist \\- troubleshooting assistant",
		`.SS "ecps\-assist diagnose TREE"`, `.SS "ecps\-assist check\-id VALUE"`, `.SS "ecps\-assist completion bash"`,
		".TP\n\\fB\\-\\-format\\fR \\fIformat\\fR\noutput format: text, md, json or reply (the reply to send) (default text)\n",
		".TP\n\\fB\\-v\\fR, \\fB\\-\\-version\\fR\n",
		".TP\n\\fB3\\fR\npending: diagnose stopped",
		".TP\n\\fBECPS_ASSIST_EXPORT_DIR\\fR\n",
		"\\fBecps\\-assist help exit\\-codes\\fR",
	} {
		if !strings.Contains(out, w) {
			t.Errorf("man page lacks %q", w)
		}
	}
	if strings.Contains(out, "\\-\\-help") {
		t.Errorf("man page lists --help")
	}
	for i, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, "'") || (strings.HasPrefix(l, ".") && !strings.HasPrefix(l, ".TH") && !strings.HasPrefix(l, ".S") &&
			!strings.HasPrefix(l, ".TP") && !strings.HasPrefix(l, ".PP") && !strings.HasPrefix(l, ".nf") && !strings.HasPrefix(l, ".fi") &&
			!strings.HasPrefix(l, ".RS") && !strings.HasPrefix(l, ".RE") && !strings.HasPrefix(l, ".br")) {
			t.Errorf("line %d is an unknown request: %q", i+1, l)
		}
	}
}

// Every --format (and --summary-format) of the tree completes its values.
func TestEveryFormatFlagCompletes(t *testing.T) {
	root := newRoot(&factory{io: &IOStreams{}, getenv: func(string) string { return "" }}, nil)
	n := 0
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		for _, name := range []string{"format", "summary-format"} {
			if c.LocalFlags().Lookup(name) == nil {
				continue
			}
			n++
			if _, ok := c.GetFlagCompletionFunc(name); !ok {
				t.Errorf("%s --%s has no completion", c.CommandPath(), name)
			}
		}
		for _, s := range c.Commands() {
			walk(s)
		}
	}
	walk(root)
	if n < 6 {
		t.Errorf("%d --format flags found, want at least 6", n)
	}
}
