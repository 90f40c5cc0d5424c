package cli

import (
	"bytes"
	"github.com/spf13/cobra"
	"os"
	"reflect"
	"slices"
	"strings"
	"syscall"
	"testing"

	"ecps-assist/diagnose"
)

// Every command of the README's CLI reference, with its documented exit
// code: the contract scripts rely on.
func TestCommandsExitCodes(t *testing.T) {
	tests := []struct {
		args   []string
		stdin  string
		code   int
		stdout string // in stdout ("" : stdout empty)
		stderr string // in stderr ("" : stderr empty)
	}{
		{[]string{"list"}, "", ExitOK, "53 réponses", ""},
		{[]string{"list", "--json"}, "", ExitOK, `"id": "ecps-atsam"`, ""},
		{[]string{"show", "ecps-atsam"}, "", ExitOK, "Identifiant : ecps-atsam", ""},
		{[]string{"show", "ecps-atsam", "--json"}, "", ExitOK, `"sources"`, ""},
		{[]string{"show", "nope"}, "", ExitUsage, "", `ecps-assist show: no entry "nope"`},
		{[]string{"search", "telephone", "roote"}, "", ExitOK, "ecps-device-integrity", ""},
		{[]string{"search", "carte", "--limit", "1", "--json"}, "", ExitOK, `"query": "carte"`, ""},
		{[]string{"search"}, "", ExitUsage, "", "ecps-assist search: expected a query"},
		{[]string{"search", "x", "--limit", "0"}, "", ExitUsage, "", "--limit 0: expected at least 1"},
		{[]string{"triage"}, "la carte CPS n'est pas vue dans firefox", ExitOK, "Arbre conseillé", ""},
		{[]string{"triage", "-", "--json"}, "téléphone rooté", ExitOK, `"trees"`, ""},
		{[]string{"triage", "no-such-ticket.txt"}, "", ExitFail, "", "ecps-assist triage: cannot read no-such-ticket.txt: no such file or directory"},
		{[]string{"triage"}, "  \n", ExitUsage, "", "ecps-assist triage: the ticket is empty"},
		{[]string{"triage", "a", "b"}, "", ExitUsage, "", "expected one file (or - for stdin), got 2"},
		{[]string{"trees"}, "", ExitOK, "12 arbres de diagnostic", ""},
		{[]string{"trees", "--json"}, "", ExitOK, `"start"`, ""},
		{[]string{"trees", "extra"}, "", ExitUsage, "", `ecps-assist trees: unexpected argument "extra"`},
		{[]string{"diagnose", "ecps-device-integrity", "--answers", "oui"}, "", ExitOK, "Conclusion", ""},
		{[]string{"diagnose", "ecps-device-integrity"}, "", ExitPending, "Le téléphone est-il rooté", ""},
		{[]string{"diagnose", "ecps-device-integrity", "--answers", "peut-etre"}, "", ExitUsage, "", "ecps-assist diagnose: "},
		{[]string{"diagnose", "nope"}, "", ExitUsage, "", "ecps-assist diagnose: "},
		{[]string{"diagnose", "ecps-device-integrity", "--format", "pdf"}, "", ExitUsage, "", `unknown --format "pdf" (text, md, json or reply)`},
		{[]string{"diagnose", "ecps-activation-error", "--answers", "android,ecps", "--input", "810000123454", "--format", "json"}, "", ExitPending, `"path"`, ""},
		{[]string{"check-id", "810000123454"}, "", ExitOK, "VALIDE", ""},
		{[]string{"check-id", "10000123454"}, "", ExitFail, "INVALIDE", ""},
		{[]string{"check-id", "--kind", "nope", "1"}, "", ExitUsage, "", `unknown --kind "nope"`},
		{[]string{"check-id"}, "", ExitUsage, "", "expected the identifier to check"},
		{[]string{"lint"}, "", ExitOK, "lint: ok", ""},
		{[]string{"--kb", "../kb/testdata/lint/all", "lint"}, "", ExitFail, "problem(s)", ""},
		{[]string{"lint", "extra"}, "", ExitUsage, "", `unexpected argument "extra"`},
		{[]string{"version"}, "", ExitOK, "ecps-assist ", ""},
		{[]string{"version", "extra"}, "", ExitUsage, "", `ecps-assist version: unexpected argument "extra"`},
		{[]string{}, "", ExitUsage, "", "not a terminal"},
		{[]string{"ecps-device-integrity"}, "", ExitUsage, "", "not a terminal"},
		{[]string{"--ticket", "-"}, "", ExitUsage, "", "not a terminal"},
		{[]string{"frobnicate"}, "", ExitUsage, "", `unknown command or tree "frobnicate"`},
		{[]string{"lnt"}, "", ExitUsage, "", "did you mean: lint"},
		{[]string{"ecps-device-integrty"}, "", ExitUsage, "", "did you mean: ecps-device-integrity"},
		{[]string{"help"}, "", ExitOK, "Available Commands:", ""},
		{[]string{"help", "diagnose"}, "", ExitOK, "ecps-assist diagnose TREE", ""},
		{[]string{"help", "nope"}, "", ExitUsage, "", `ecps-assist help: unknown help topic "nope"`},
		{[]string{"--bogus"}, "", ExitUsage, "", "ecps-assist: unknown flag: --bogus"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			out, errs, code := run(t, tt.stdin, tt.args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, tt.code, out, errs)
			}
			if (tt.stdout == "") != (out == "") || !strings.Contains(out, tt.stdout) {
				t.Errorf("stdout, want %q:\n%s", tt.stdout, out)
			}
			if (tt.stderr == "") != (errs == "") || !strings.Contains(errs, tt.stderr) {
				t.Errorf("stderr, want %q:\n%s", tt.stderr, errs)
			}
		})
	}
}

// Every command takes -h and --help: its help on stdout, exit 0, from any
// position among its arguments.
func TestHelpEverywhere(t *testing.T) {
	for _, name := range []string{"list", "show", "search", "triage", "trees", "diagnose", "check-id", "lint", "version", "help"} {
		for _, args := range [][]string{{name, "-h"}, {name, "--help"}, {"help", name}, {"--kb", "x", name, "arg", "-h"}} {
			out, errs, code := run(t, "", args...)
			if code != ExitOK || !usageOf(out, name) || errs != "" {
				t.Errorf("%q: exit %d\nstdout:\n%s\nstderr:\n%s", args, code, out, errs)
			}
		}
	}
}

// Flags parse into the options wherever they stand among the arguments
// (interspersed), with one dash or two; the run function gets them.
func TestOptionsParsing(t *testing.T) {
	f := &factory{io: &IOStreams{Out: &bytes.Buffer{}, ErrOut: &bytes.Buffer{}}}
	parse := func(args ...string) (*DiagnoseOptions, error) {
		var got *DiagnoseOptions
		cmd := newCmdDiagnose(f, func(o *DiagnoseOptions) error { got = o; return nil })
		cmd.SetArgs(normalizeArgs(cmd, args))
		cmd.SetOut(&bytes.Buffer{})
		cmd.SetErr(&bytes.Buffer{})
		err := cmd.Execute()
		return got, err
	}
	tests := []struct {
		args []string
		want DiagnoseOptions
	}{
		{[]string{"t"}, DiagnoseOptions{Tree: "t", Format: "text"}},
		{[]string{"--format", "json", "t"}, DiagnoseOptions{Tree: "t", Format: "json"}},
		{[]string{"t", "--answers", "a, b,c", "--format=md"}, DiagnoseOptions{Tree: "t", Answers: []string{"a", "b", "c"}, Format: "md"}},
		{[]string{"t", "--input", "1,2", "--input", "3"}, DiagnoseOptions{Tree: "t", Inputs: []string{"1,2", "3"}, Format: "text"}},
		{[]string{"-format", "json", "t", "-answers=a"}, DiagnoseOptions{Tree: "t", Answers: []string{"a"}, Format: "json"}},
		{[]string{"--", "-t"}, DiagnoseOptions{Tree: "-t", Format: "text"}},
	}
	for _, tt := range tests {
		got, err := parse(tt.args...)
		if err != nil || got == nil {
			t.Errorf("%q: %v", tt.args, err)
			continue
		}
		got.IO, got.KB, got.Config = nil, nil, nil
		if !reflect.DeepEqual(*got, tt.want) {
			t.Errorf("%q: %+v, want %+v", tt.args, *got, tt.want)
		}
	}
	for _, args := range [][]string{{}, {"a", "b"}, {"t", "--format", "pdf"}, {"t", "--nope"}} {
		if got, err := parse(args...); err == nil || got != nil {
			t.Errorf("%q: no error (options %+v)", args, got)
		}
	}
	var got *CheckIDOptions
	cmd := newCmdCheckID(f, func(o *CheckIDOptions) error { got = o; return nil })
	cmd.SetArgs([]string{"8 1000", "0123454", "--kind", "idnat", "--json"})
	if err := cmd.Execute(); err != nil || got.Value != "8 1000 0123454" || got.Kind != diagnose.KindIDNat || !got.JSON {
		t.Errorf("check-id: %v %+v", err, got)
	}
}

// One dash before a long flag works as with the standard flag package;
// short flags, flag values and what follows "--" are left alone, and the
// result is the same whether the whole tree was made or only the command.
func TestNormalizeArgs(t *testing.T) {
	for _, tc := range []struct{ args, want []string }{
		{[]string{"-kb", "d", "show", "-json", "-h", "-kb=x", "-nope", "--json", "--", "-json"},
			[]string{"--kb", "d", "show", "--json", "-h", "--kb=x", "--nope", "--json", "--", "-json"}},
		// values that look like flags (audit): -limit is --name's value
		{[]string{"show", "ecps-atsam", "-format", "reply", "-name", "-limit"},
			[]string{"show", "ecps-atsam", "--format", "reply", "--name", "-limit"}},
		{[]string{"triage", "-batch", "-out", "-today"}, []string{"triage", "--batch", "--out", "-today"}},
		{[]string{"-kb", "-json", "list", "-json"}, []string{"--kb", "-json", "list", "--json"}},
		{[]string{"list", "-batch"}, []string{"list", "--batch"}},
	} {
		for _, root := range []*cobra.Command{newRoot(&factory{io: &IOStreams{}}, nil), newRoot(&factory{io: &IOStreams{}}, tc.args)} {
			if got := normalizeArgs(root, tc.args); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("%d commands made: got %q\nwant %q", len(root.Commands()), got, tc.want)
			}
		}
	}
}

// failWriter accepts n bytes, then fails every write.
type failWriter struct {
	n   int
	err error
}

func (w *failWriter) Write(p []byte) (int, error) {
	if len(p) <= w.n {
		w.n -= len(p)
		return len(p), nil
	}
	k := w.n
	w.n = 0
	return k, w.err
}

// A write or flush error on stdout exits 1 with a message on stderr, even
// for a command that would have exited 0 (or 3); a broken pipe (the reader
// of | head went away) exits 1 without a message.
func TestOutputErrorsExit1(t *testing.T) {
	tests := []struct {
		args []string
		n    int // bytes accepted before the error
		err  error
		want string
	}{
		{[]string{"list"}, 0, syscall.ENOSPC, "ecps-assist: cannot write the output: no space left on device\n"},
		{[]string{"list", "--json"}, 30 << 10, syscall.ENOSPC, "ecps-assist: cannot write the output: no space left on device\n"},
		{[]string{"diagnose", "ecps-device-integrity"}, 10, syscall.EIO, "ecps-assist: cannot write the output: input/output error\n"},
		{[]string{"check-id", "810000123454", "--json"}, 0, &os.PathError{Op: "write", Path: "/dev/stdout", Err: syscall.EBADF}, "ecps-assist: cannot write the output: bad file descriptor\n"},
		{[]string{"list"}, 0, syscall.EPIPE, ""},
	}
	for _, tt := range tests {
		var errb bytes.Buffer
		code := Run(Env{Args: tt.args, Stdin: strings.NewReader(""), Stdout: &failWriter{tt.n, tt.err}, Stderr: &errb, Seeds: os.DirFS("../seeds")})
		if code != ExitFail || errb.String() != tt.want {
			t.Errorf("%q: exit %d, want 1\nstderr: %q\nwant:   %q", tt.args, code, errb.String(), tt.want)
		}
	}
	// The same commands on a writer that works.
	for _, tt := range tests {
		var out, errb bytes.Buffer
		code := Run(Env{Args: tt.args, Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb, Seeds: os.DirFS("../seeds")})
		if code == ExitFail || out.Len() == 0 || errb.Len() > 0 {
			t.Errorf("%q on a working writer: exit %d, %d bytes, stderr %q", tt.args, code, out.Len(), errb.String())
		}
	}
}

// The command the line names is found past root's flags and their values.
func TestCommandWord(t *testing.T) {
	root := newRoot(&factory{io: &IOStreams{}}, nil)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{nil, ""},
		{[]string{"search", "x"}, "search"},
		{[]string{"--kb", "DIR", "search"}, "search"},
		{[]string{"-kb", "DIR", "list"}, "list"},
		{[]string{"--kb=DIR", "list"}, "list"},
		{[]string{"--theme", "dark", "--accessible", "show", "id"}, "show"},
		{[]string{"-v", "list"}, "list"},
		{[]string{"--ticket", "-", "x"}, "x"},
		{[]string{"-", "list"}, "-"},
		{[]string{"--", "list"}, ""},
		{[]string{"--bogus", "search"}, ""}, // root's usage lists every command
		// cobra reads these as unknown flags (audit): not -v, not --version
		{[]string{"--v", "list"}, ""},
		{[]string{"---v", "list"}, ""},
		{[]string{"---version", "list"}, ""},
		{[]string{"-vh", "list"}, ""},
		{[]string{"-version", "list"}, "list"},
		{[]string{"--help"}, ""},
	} {
		if got := commandWord(root, tc.args); got != tc.want {
			t.Errorf("commandWord(%q) = %q, want %q", tc.args, got, tc.want)
		}
	}
}

// A command line that names a command makes that command only; one that
// names none, help, completion or man makes them all.
func TestRootMakesTheNamedCommandOnly(t *testing.T) {
	all := newRoot(&factory{io: &IOStreams{}}, nil)
	var names []string
	for _, c := range all.Commands() {
		names = append(names, c.Name())
	}
	for _, want := range []string{"search", "triage", "completion", "man", "resume"} {
		if !slices.Contains(names, want) {
			t.Fatalf("the whole tree has no %s: %q", want, names)
		}
	}
	lazy := 0
	for _, name := range names {
		root := newRoot(&factory{io: &IOStreams{}}, []string{"--kb", "DIR", name, "x"})
		var got []string
		for _, c := range root.Commands() {
			got = append(got, c.Name())
		}
		switch {
		case len(got) == 1 && got[0] == name:
			lazy++
		case len(got) != len(names):
			t.Errorf("%s: made %q", name, got)
		}
	}
	// every command but man, completion and the help topics (help is
	// added as the line runs)
	if want := len(names) - len(newTopics()) - 2; lazy != want {
		t.Errorf("%d commands made alone, want %d", lazy, want)
	}
}
