package cli

import (
	"encoding/json"
	"strings"
	"testing"
)

// withReplyConfig points the configuration of runCfg at a temporary file
// holding text ("" for none).
func withReplyConfig(t *testing.T, text string) {
	t.Helper()
	replyEnv, _ = withConfig(t, text)
}

// replyEnv is the environment withReplyConfig set.
var replyEnv map[string]string

// runCfg runs the command line with the configuration of withReplyConfig.
func runCfg(t *testing.T, _ string, args ...string) (string, string, int) {
	t.Helper()
	return runEnv(t, replyEnv, args...)
}

const replyConfig = `reply:
  greeting: "Bonjour {nom},"
  signature: |
    Cordialement,
    {agent}
  agent: Camille Martin
`

func TestDiagnoseFormatReply(t *testing.T) {
	withReplyConfig(t, "")
	out, errs, code := runCfg(t, "", "diagnose", "ecps-activation-error", "--answers", "android,ecps", "--input", "10000123454", "--format", "reply")
	if code != ExitOK || errs != "" {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	for _, want := range []string{
		"Bonjour,\n\n",
		"Votre identifiant national est 810000123454 : le chiffre 8 suivi de votre numéro RPPS.",
		"- votre identifiant national doit être saisi, préfixé d'un 8 ;",
		"Source : FAQ de l'Agence du numérique en santé",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("reply lacks %q:\n%s", want, out)
		}
	}
	if !strings.HasSuffix(out, "\n\nCordialement,\n") {
		t.Errorf("reply does not end with the signature:\n%s", out)
	}
	for _, no := range []string{"concl-", "seeds/", "Dire à l'utilisateur", "[android]"} {
		if strings.Contains(out, no) {
			t.Errorf("reply holds %q:\n%s", no, out)
		}
	}
}

func TestReplyConfigAndPlaceholders(t *testing.T) {
	withReplyConfig(t, replyConfig)
	out, errs, code := runCfg(t, "", "show", "ecps-one-per-person", "--format", "reply", "--name", "Docteur Durand")
	want := "Bonjour Docteur Durand,\n\nUne personne ne peut avoir qu'une seule e-CPS à la fois.\n\nSource : FAQ de l'Agence du numérique en santé\n\nCordialement,\nCamille Martin\n"
	if code != ExitOK || out != want || errs != "" {
		t.Errorf("show --format reply: exit %d, stderr %q\n%s\nwant\n%s", code, errs, out, want)
	}
	// Without --name the greeting line is replaced by « Bonjour, » (a reply
	// never starts without one), and stderr says so.
	out, errs, code = runCfg(t, "", "show", "ecps-one-per-person", "--format", "reply")
	if code != ExitOK || strings.Contains(out, "{nom}") || !strings.HasPrefix(out, "Bonjour,\n\n") {
		t.Errorf("exit %d, reply with an unfilled line:\n%s", code, out)
	}
	if !strings.Contains(errs, "« Bonjour {nom}, » ({nom} sans valeur), remplacée par « Bonjour, »") {
		t.Errorf("stderr does not name the line left out: %q", errs)
	}
	// Text typed (--name) and configured (greeting, agent) is made inert
	// where it enters.
	withReplyConfig(t, "reply:\n  greeting: \"Bonjour {nom} \\e[2J,\"\n  signature: \"{agent}\"\n  agent: \"A\\a\\nB\"\n")
	out, errs, code = runCfg(t, "", "show", "ecps-one-per-person", "--format", "reply", "--name", "Dr \x1b]52;c;eA==\x07X")
	if code != ExitOK || !strings.HasPrefix(out, "Bonjour Dr ␛]52;c;eA==␇X ␛[2J,\n") || !strings.HasSuffix(out, "\nA␇ B\n") {
		t.Errorf("hostile name and configuration: exit %d, stderr %q\n%q", code, errs, out)
	}
	// A broken configuration warns with file:line:col and uses defaults.
	withReplyConfig(t, "reply:\n  greting: Salut\n")
	out, errs, code = runCfg(t, "", "show", "ecps-one-per-person", "--format", "reply")
	if code != ExitOK || !strings.HasPrefix(out, "Bonjour,\n") || !strings.Contains(errs, "config.yaml:2:3: unknown key reply.greting") {
		t.Errorf("exit %d, stderr %q\n%s", code, errs, out)
	}
}

func TestDiagnoseJSONReply(t *testing.T) {
	withReplyConfig(t, "")
	out, _, code := runCfg(t, "", "diagnose", "ecps-device-integrity", "--answers", "oui", "--format", "json")
	var r struct {
		Tree       string
		Conclusion struct{ Node string }
		Reply      *string
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil || code != ExitOK {
		t.Fatalf("exit %d, %v\n%s", code, err, out)
	}
	if r.Tree != "ecps-device-integrity" || r.Conclusion.Node != "concl-rooted" || r.Reply == nil ||
		!strings.Contains(*r.Reply, "Votre téléphone est rooté : votre téléphone est alors incompatible") {
		t.Errorf("json = %+v", r)
	}
	text, _, _ := runCfg(t, "", "diagnose", "ecps-device-integrity", "--answers", "oui", "--format", "reply")
	if r.Reply != nil && *r.Reply != text {
		t.Errorf("json reply differs from --format reply:\n%s\n---\n%s", *r.Reply, text)
	}
	// Pending: "reply" is null.
	out, _, code = runCfg(t, "", "diagnose", "ecps-device-integrity", "--format", "json")
	if code != ExitPending || !strings.Contains(out, "\"reply\": null") {
		t.Errorf("pending: exit %d\n%s", code, out)
	}
}

func TestReplyFormatErrors(t *testing.T) {
	_, errs, code := runCfg(t, "", "show", "ecps-one-per-person", "--format", "md")
	if code != ExitUsage || !strings.Contains(errs, "unknown --format \"md\" (text, json or reply)") {
		t.Errorf("show --format md: exit %d, %q", code, errs)
	}
	_, errs, code = runCfg(t, "", "diagnose", "ecps-device-integrity", "--format", "mail")
	if code != ExitUsage || !strings.Contains(errs, "(text, md, json or reply)") {
		t.Errorf("diagnose --format mail: exit %d, %q", code, errs)
	}
}

// Before a conclusion there is no reply: --format reply prints nothing
// (a script must not send a greeting and a signature), says why on
// stderr naming the pending node, and exits 3, as "reply": null in JSON.
func TestDiagnoseReplyPending(t *testing.T) {
	withReplyConfig(t, replyConfig)
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"--answers", "android"}, `ecps-assist diagnose: no reply exists before a conclusion: the answers stop at question "android-app" (options: ecps, bas)` + "\n"},
		{nil, `ecps-assist diagnose: no reply exists before a conclusion: the answers stop at question "platform" (options: android, iphone)` + "\n"},
		{[]string{"--answers", "android,ecps"}, `ecps-assist diagnose: no reply exists before a conclusion: the answers stop at check node "check-idnat" (give the identifier with --input)` + "\n"},
	}
	for _, tt := range tests {
		args := append([]string{"diagnose", "ecps-activation-error", "--format", "reply", "--name", "Dr X"}, tt.args...)
		out, errs, code := runCfg(t, "", args...)
		if code != ExitPending || out != "" || errs != tt.want {
			t.Errorf("%q: exit %d\nstdout %q\nstderr %q\nwant   %q", args, code, out, errs, tt.want)
		}
		jargs := append([]string{"diagnose", "ecps-activation-error", "--format", "json"}, tt.args...)
		if out, _, code := runCfg(t, "", jargs...); code != ExitPending || !strings.Contains(out, `"reply": null`) {
			t.Errorf("%q: exit %d, no null reply:\n%s", jargs, code, out)
		}
	}
	// Concluded: the reply, exit 0.
	out, errs, code := runCfg(t, "", "diagnose", "ecps-activation-error", "--answers", "android,bas", "--format", "reply")
	if code != ExitOK || !strings.HasPrefix(out, "Bonjour") || strings.Contains(errs, "no reply") {
		t.Errorf("concluded: exit %d\n%s\n%s", code, out, errs)
	}
}

// --json is --format json: show refuses another --format, as diagnose.
func TestJSONAndFormatExcludeEachOther(t *testing.T) {
	for _, args := range [][]string{
		{"show", "ecps-one-per-person", "--json", "--format", "text"},
		{"show", "ecps-one-per-person", "--format", "reply", "--json"},
		{"diagnose", "ecps-device-integrity", "--json", "--format", "md"},
		{"diagnose", "ecps-device-integrity", "--json", "--format", "reply"},
	} {
		out, errs, code := run(t, "", args...)
		if code != ExitUsage || out != "" || !strings.Contains(errs, "--json and --format") || !strings.Contains(errs, "exclude each other") {
			t.Errorf("%q: exit %d\nstdout %q\nstderr %q", args, code, out, errs)
		}
	}
	want, _, _ := run(t, "", "show", "ecps-one-per-person", "--format", "json")
	for _, args := range [][]string{
		{"show", "ecps-one-per-person", "--json"},
		{"show", "ecps-one-per-person", "--json", "--format", "json"},
	} {
		if out, errs, code := run(t, "", args...); code != ExitOK || out != want || !json.Valid([]byte(out)) {
			t.Errorf("%q: exit %d %s", args, code, errs)
		}
	}
}

// --name with a greeting and signature that have no {nom} (the
// defaults) is said on stderr, as the interface says it, never silently
// ignored; with a {nom}, nothing is said.
func TestNameWithoutPlaceholderIsSaid(t *testing.T) {
	withReplyConfig(t, "")
	for _, args := range [][]string{
		{"show", "ecps-device-incompatible", "--format", "reply", "--name", "Docteur Martin"},
		{"diagnose", "ecps-activation-error", "--answers", "android,ecps", "--input", "10000123454", "--format", "reply", "--name", "Docteur Martin"},
		{"diagnose", "ecps-activation-error", "--answers", "android,ecps", "--input", "10000123454", "--format", "json", "--name", "Docteur Martin"},
	} {
		out, errs, code := runCfg(t, "", args...)
		if code != ExitOK || strings.Contains(out, "Martin") ||
			errs != "ecps-assist: Nom du destinataire : Docteur Martin — sans {nom} dans la formule d'appel (reply.greeting), la réponse ne le montre pas.\n" {
			t.Errorf("%q: exit %d, stderr %q", args, code, errs)
		}
	}
	withReplyConfig(t, replyConfig)
	out, errs, code := runCfg(t, "", "show", "ecps-device-incompatible", "--format", "reply", "--name", "Docteur Martin")
	if code != ExitOK || errs != "" || !strings.HasPrefix(out, "Bonjour Docteur Martin,") {
		t.Errorf("with {nom}: exit %d, stderr %q\n%s", code, errs, out)
	}
}
