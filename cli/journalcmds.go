package cli

// The journal commands: history, resume, stats. Each is a run function
// (options struct, injected writer, returns an error) so that the wiring
// into a command dispatcher stays a few lines.

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"ecps-assist/diagnose"
	"ecps-assist/journal"
	"ecps-assist/kb"
)

// usageError is a bad flag value: exit 2 with the command's usage.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

// parseDate reads YYYY-MM-DD as local midnight.
func parseDate(flagName, v string) (time.Time, error) {
	t, err := time.ParseInLocation("2006-01-02", v, time.Local)
	if err != nil {
		return time.Time{}, usageError{fmt.Sprintf("--%s %q: expected a date YYYY-MM-DD", flagName, v)}
	}
	return t, nil
}

func midnight(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, t.Location())
}

// HistoryOptions are the flags of history.
type HistoryOptions struct {
	Spec    journal.Spec
	KB      *kb.KB
	Today   bool
	Since   string
	Tree    string
	Verdict string
	JSON    bool
	Purge   bool
	Before  string
	Now     func() time.Time
	Out     io.Writer
}

// errNoJournal: nothing was ever recorded (the file does not exist).
var errNoJournal = errors.New("no journal yet")

// openExisting opens the journal only when its file exists: reading
// commands never create one.
func openExisting(s journal.Spec) (*journal.Journal, error) {
	if s.Off {
		return s.Open()
	}
	if _, err := os.Stat(s.Path); errors.Is(err, os.ErrNotExist) {
		return nil, errNoJournal
	}
	return s.Open()
}

// verdictNames are the verdicts' ids, sorted.
func verdictNames() []string {
	out := make([]string, 0, len(kb.Verdicts))
	for v := range kb.Verdicts {
		out = append(out, v)
	}
	sort.Strings(out)
	return out
}

// RunHistory lists the diagnoses, newest first, or purges them.
func RunHistory(o HistoryOptions) error {
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Today && o.Since != "" {
		return usageError{"--today and --since exclude each other"}
	}
	if o.Before != "" && !o.Purge {
		return usageError{"--before goes with --purge"}
	}
	if o.Purge {
		// Purge deletes by date only: a filter it ignored would delete
		// every diagnosis instead of the ones meant.
		for _, fl := range []struct {
			name string
			set  bool
		}{{"--today", o.Today}, {"--since", o.Since != ""}, {"--tree", o.Tree != ""}, {"--verdict", o.Verdict != ""}, {"--json", o.JSON}} {
			if fl.set {
				return usageError{fl.name + " does not go with --purge, which deletes all the diagnoses or those before --before DATE"}
			}
		}
	}
	f := journal.Filter{Tree: o.Tree, Verdict: o.Verdict}
	if o.Verdict != "" {
		if _, ok := kb.Verdicts[o.Verdict]; !ok {
			return usageError{fmt.Sprintf("--verdict %q: expected one of %s", o.Verdict, strings.Join(verdictNames(), ", "))}
		}
	}
	var before time.Time
	var err error
	switch {
	case o.Today:
		f.Since = midnight(o.Now())
	case o.Since != "":
		if f.Since, err = parseDate("since", o.Since); err != nil {
			return err
		}
	}
	if o.Before != "" {
		if before, err = parseDate("before", o.Before); err != nil {
			return err
		}
	}
	j, err := openExisting(o.Spec)
	if errors.Is(err, errNoJournal) {
		if o.Purge || o.JSON {
			return nil
		}
		fmt.Fprintf(o.Out, "Aucun diagnostic enregistré (%s).\n", shownPath(o.Spec.Path))
		return nil
	}
	if err != nil {
		return journalErr(err)
	}
	defer j.Close()
	if o.Purge {
		n, err := j.Purge(before)
		if err != nil {
			return journalErr(err)
		}
		when := "tous"
		if !before.IsZero() {
			when = "commencés avant le " + o.Before
		}
		fmt.Fprintf(o.Out, "%s supprimé(s) (%s), avec leurs recherches et réponses consultées.\n", pluralN(int(n), "diagnostic", "diagnostics"), when)
		return nil
	}
	list, err := j.List(f)
	if err != nil {
		return journalErr(err)
	}
	if len(list) == 0 && o.Tree != "" && o.KB != nil && o.KB.Tree(o.Tree) == nil {
		// a tree no longer in the knowledge is listed when the journal
		// has its diagnoses; otherwise the id is likely mistyped
		return usageError{fmt.Sprintf("--tree %q: no such tree", o.Tree) + didYouMean(o.Tree, treeIDs(o.KB))}
	}
	if o.JSON {
		for _, d := range list {
			line, err := json.Marshal(newHistoryJSON(o.KB, d))
			if err != nil {
				return err
			}
			if _, err := fmt.Fprintf(o.Out, "%s\n", escapeC1(line)); err != nil {
				return err
			}
		}
		return nil
	}
	if len(list) == 0 {
		fmt.Fprintln(o.Out, "Aucun diagnostic ne correspond.")
		return nil
	}
	for i, d := range list {
		if i > 0 {
			fmt.Fprintln(o.Out)
		}
		writeDiagnosis(o.Out, o.KB, d, o.Now())
	}
	return nil
}

// historyJSON is a diagnosis as history --json writes it: every key on
// every line (empty strings, null when not ended or not voted; List gives
// [] without steps), so a script reads one schema.
type historyJSON struct {
	journal.Diagnosis
	Ended *time.Time `json:"ended"`
	Title string     `json:"title"`
}

func newHistoryJSON(k *kb.KB, d journal.Diagnosis) historyJSON {
	h := historyJSON{Diagnosis: d, Title: treeTitle(k, d.Tree)}
	if !d.Ended.IsZero() {
		h.Ended = &d.Ended
	}
	return h
}

func treeTitle(k *kb.KB, id string) string {
	if k != nil {
		if t := k.Tree(id); t != nil {
			return t.Title
		}
	}
	return ""
}

// StateLabel is a diagnosis state in French.
func StateLabel(d journal.Diagnosis) string {
	switch d.State {
	case journal.StateConcluded:
		if v := kb.Verdicts[d.Verdict]; v != "" {
			return "conclu : " + v
		}
		return "conclu"
	case journal.StateAbandoned:
		return "abandonné"
	}
	return "non terminé"
}

func writeDiagnosis(w io.Writer, k *kb.KB, d journal.Diagnosis, now time.Time) {
	title := treeTitle(k, d.Tree)
	head := fmt.Sprintf("n° %d · %s · %s", d.ID, d.Started.Format("2006-01-02 15:04"), d.Tree)
	if title != "" {
		head += " — " + title
	}
	fmt.Fprintln(w, head)
	dur := d.Updated.Sub(d.Started).Round(time.Second)
	line := fmt.Sprintf("  %s · %s · %s", StateLabel(d), pluralN(len(d.Steps), "réponse", "réponses"), dur)
	if d.Helpful != nil {
		line += " · utile : " + map[bool]string{true: "oui", false: "non"}[*d.Helpful]
	}
	fmt.Fprintln(w, line)
	var tree *kb.Tree
	if k != nil {
		tree = k.Tree(d.Tree)
	}
	for i, s := range d.Steps {
		q, a := s.Node, s.Answer
		if tree != nil {
			if n := tree.Node(s.Node); n != nil {
				q = n.Text
				for _, o := range n.Options {
					if o.ID == s.Answer {
						a = o.Label
					}
				}
			}
		}
		if s.Input != "" {
			a = s.Input + " → " + s.Verdict
		}
		fmt.Fprintf(w, "  %d. %s → %s\n", i+1, q, a)
	}
	if d.State == journal.StateOpen {
		q := d.Node
		if tree != nil {
			if n := tree.Node(d.Node); n != nil {
				q = n.Text
			}
		}
		fmt.Fprintf(w, "  en attente : %s — « ecps-assist resume %d »\n", q, d.ID)
		if d.Pending != "" {
			fmt.Fprintf(w, "  saisi, pas encore vérifié : %s\n", d.Pending)
		}
	}
	for _, kv := range [][2]string{{"réf. ticket", d.Ticket}, {"note", d.Note}, {"commentaire", d.Comment}} {
		if kv[1] != "" {
			fmt.Fprintf(w, "  %s : %s\n", kv[0], kb.InertLine(kv[1])) // on one line
		}
	}
}

// escapeC1 escapes the C1 controls encoding/json writes raw (as writeJSON
// does), so that one JSON line printed on a terminal stays inert.
func escapeC1(b []byte) []byte { return kb.EscapeC1JSON(b) }

func journalErr(err error) error {
	var je *journal.Error
	if errors.As(err, &je) {
		return fmt.Errorf("journal %s indisponible : %s", je.Path, je.French())
	}
	return err
}

func pluralN(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// ResumeTarget finds the diagnosis `resume [ID]` reopens: ID, or the most
// recent unfinished one of the last 24 hours.
func ResumeTarget(spec journal.Spec, arg string, now time.Time) (int64, error) {
	var id int64
	if arg != "" {
		n, err := strconv.ParseInt(strings.TrimPrefix(arg, "#"), 10, 64)
		if err != nil || n <= 0 {
			return 0, usageError{fmt.Sprintf("%q is not a diagnosis number (see \"ecps-assist history\")", arg)}
		}
		id = n
	}
	j, err := openExisting(spec)
	if errors.Is(err, errNoJournal) {
		return 0, errors.New("aucun diagnostic enregistré : rien à reprendre")
	}
	if err != nil {
		return 0, journalErr(err)
	}
	defer j.Close()
	if id == 0 {
		un, err := j.Unfinished(now.Add(-24*time.Hour), 1)
		if err != nil {
			return 0, journalErr(err)
		}
		if len(un) == 0 {
			return 0, errors.New("aucun diagnostic non terminé ces dernières 24 heures (voir « ecps-assist history »)")
		}
		return un[0].ID, nil
	}
	d, ok, err := j.Get(id)
	if err != nil {
		return 0, journalErr(err)
	}
	if !ok {
		return 0, fmt.Errorf("aucun diagnostic n° %d dans le journal", id)
	}
	return d.ID, nil
}

// StatsOptions are the flags of stats.
type StatsOptions struct {
	Spec   journal.Spec
	KB     *kb.KB
	Since  string
	Format string // text | md | json
	From   []string
	Width  int
	Out    io.Writer
}

// RunStats prints the report.
func RunStats(o StatsOptions) error {
	switch o.Format {
	case "", "text", "md", "json":
	default:
		return usageError{fmt.Sprintf("--format %q: expected text, md or json", o.Format)}
	}
	var since time.Time
	if o.Since != "" {
		var err error
		if since, err = parseDate("since", o.Since); err != nil {
			return err
		}
	}
	paths := o.From
	if len(paths) == 0 {
		if o.Spec.Off {
			_, err := o.Spec.Open()
			return journalErr(err)
		}
		if _, err := os.Stat(o.Spec.Path); errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("aucun journal (%s) : rien n'a encore été enregistré", o.Spec.Path)
		}
		paths = []string{o.Spec.Path}
	}
	r, err := journal.Stats(paths, since)
	if err != nil {
		// Run names the command already; the journal says "FILE: stat
		// FILE: …" for a missing file, the path twice.
		var pe *fs.PathError
		if errors.As(err, &pe) {
			return fmt.Errorf("cannot read %s: %v", pe.Path, pe.Err)
		}
		return err
	}
	switch o.Format {
	case "json":
		return writeJSON(o.Out, r)
	case "md":
		writeStatsMD(o.Out, o.KB, r)
		return nil
	}
	w := o.Width
	if w <= 0 {
		w = 80
	}
	writeStatsText(o.Out, o.KB, r, w)
	return nil
}

func nodeText(k *kb.KB, tree, node string) string {
	if k != nil {
		if t := k.Tree(tree); t != nil {
			if n := t.Node(node); n != nil {
				return n.Text
			}
		}
	}
	return node
}

func entryTitle(k *kb.KB, id string) string {
	if k != nil {
		if e := k.Entry(id); e != nil {
			return e.Title
		}
	}
	return id
}

func verdictLabel(v string) string {
	if l := kb.Verdicts[v]; l != "" {
		return l
	}
	return v
}

func rateText(rate *float64, helpful, votes int) string {
	if votes == 0 || rate == nil {
		return "pas de vote"
	}
	return fmt.Sprintf("%s %% utile (%d oui sur %d)", strconv.FormatFloat(*rate, 'f', -1, 64), helpful, votes)
}

func scope(r *journal.Report) string {
	s := pluralN(len(r.Files), "journal", "journaux") + ", " + pluralN(r.Diagnoses, "diagnostic", "diagnostics")
	if !r.Since.IsZero() {
		s += " depuis le " + r.Since.Format("2006-01-02")
	}
	return s
}

// writeStatsText renders the report for a terminal of width w, with bars.
func writeStatsText(out io.Writer, k *kb.KB, r *journal.Report, w int) {
	w = max(w, 40)
	bold := lipgloss.NewStyle().Bold(true)
	barSt := lipgloss.NewStyle().Foreground(lipgloss.AdaptiveColor{Light: "25", Dark: "75"})
	dim := lipgloss.NewStyle().Faint(true)
	cut := func(s string) string { return ansi.Truncate(s, w, "…") }
	// bar: "  label        n ████ note", within w cells.
	bar := func(label string, n, of int, note string) string {
		const labelW = 13
		head := "  " + label + strings.Repeat(" ", max(labelW-ansi.StringWidth(label), 0)) + fmt.Sprintf(" %4d ", n)
		room := w - ansi.StringWidth(head)
		if note != "" {
			room -= ansi.StringWidth(note) + 1
		}
		if room < 5 {
			room, note = w-ansi.StringWidth(head), ""
		}
		cells := 0
		if of > 0 {
			cells = n * max(room, 1) / of
		}
		if n > 0 && cells == 0 {
			cells = 1
		}
		l := head + barSt.Render(strings.Repeat("█", cells))
		if note != "" {
			l += " " + dim.Render(note)
		}
		return ansi.Truncate(l, w, "…")
	}
	fmt.Fprintln(out, cut("Journal : "+scope(r)))
	fmt.Fprintln(out)
	fmt.Fprintln(out, bold.Render(cut("Arbres de diagnostic")))
	if len(r.Trees) == 0 {
		fmt.Fprintln(out, "  aucun diagnostic")
	}
	most := 0
	for _, t := range r.Trees {
		most = max(most, t.Started)
	}
	for _, t := range r.Trees {
		fmt.Fprintln(out)
		head := t.Tree
		if title := treeTitle(k, t.Tree); title != "" {
			head += " — " + title
		}
		fmt.Fprintln(out, cut(head))
		fmt.Fprintln(out, bar("commencés", t.Started, most, ""))
		fmt.Fprintln(out, bar("conclus", t.Concluded, most, ""))
		fmt.Fprintln(out, bar("non conclus", t.Abandoned, most, ""))
		for _, v := range t.Verdicts {
			fmt.Fprintln(out, bar("· "+verdictLabel(v.Key), v.N, most, ""))
		}
		if t.Votes > 0 {
			fmt.Fprintln(out, bar("utile", t.Helpful, t.Votes, rateText(t.Rate, t.Helpful, t.Votes)))
		} else {
			fmt.Fprintln(out, cut("  utile         pas de vote"))
		}
		for i, s := range t.StoppedAt {
			if i == 3 {
				fmt.Fprintln(out, dim.Render(fmt.Sprintf("  … et %d autres questions", len(t.StoppedAt)-3)))
				break
			}
			fmt.Fprintln(out, cut(fmt.Sprintf("  arrêt ×%d à « %s »", s.N, nodeText(k, t.Tree, s.Key))))
		}
	}
	fmt.Fprintln(out)
	fmt.Fprintln(out, bold.Render(cut("Réponses officielles consultées")))
	if len(r.Answers) == 0 {
		fmt.Fprintln(out, "  aucune")
	}
	most = 0
	for _, a := range r.Answers {
		most = max(most, a.Views)
	}
	for _, a := range r.Answers {
		fmt.Fprintln(out, cut(a.Entry+" — "+entryTitle(k, a.Entry)))
		fmt.Fprintln(out, bar("vues", a.Views, most, rateText(a.Rate, a.Helpful, a.Votes)))
	}
	fmt.Fprintln(out)
	fmt.Fprintln(out, bold.Render(cut("Recherches sans réponse officielle (à écrire ensuite)")))
	if len(r.Unanswered) == 0 {
		fmt.Fprintln(out, "  aucune")
	}
	most = 0
	for _, u := range r.Unanswered {
		most = max(most, u.N)
	}
	for _, u := range r.Unanswered {
		note := fmt.Sprintf("%d recherche(s), %d ticket(s)", u.Searches, u.Triages)
		fmt.Fprintln(out, cut("  « "+u.Words+" »"))
		fmt.Fprintln(out, bar("fois", u.N, most, note))
	}
}

func mdCell(s string) string {
	s = kb.InertLine(s)
	return strings.NewReplacer("|", `\|`, "*", `\*`, "_", `\_`, "`", "\\`", "<", "&lt;", "[", `\[`).Replace(s)
}

func writeStatsMD(out io.Writer, k *kb.KB, r *journal.Report) {
	fmt.Fprintf(out, "# Statistiques du journal\n\n%s.\n\n## Arbres de diagnostic\n\n", scope(r))
	fmt.Fprintln(out, "| arbre | commencés | conclus | non conclus | verdicts | utile | arrêts (question) |")
	fmt.Fprintln(out, "|---|---:|---:|---:|---|---|---|")
	for _, t := range r.Trees {
		var vs, ss []string
		for _, v := range t.Verdicts {
			vs = append(vs, fmt.Sprintf("%s %d", verdictLabel(v.Key), v.N))
		}
		for _, s := range t.StoppedAt {
			ss = append(ss, fmt.Sprintf("%d × « %s »", s.N, nodeText(k, t.Tree, s.Key)))
		}
		fmt.Fprintf(out, "| %s | %d | %d | %d | %s | %s | %s |\n", mdCell(t.Tree), t.Started, t.Concluded, t.Abandoned,
			mdCell(strings.Join(vs, ", ")), rateText(t.Rate, t.Helpful, t.Votes), mdCell(strings.Join(ss, " ; ")))
	}
	fmt.Fprintln(out, "\n## Réponses officielles consultées\n\n| réponse | vues | utile |\n|---|---:|---|")
	for _, a := range r.Answers {
		fmt.Fprintf(out, "| %s | %d | %s |\n", mdCell(a.Entry), a.Views, rateText(a.Rate, a.Helpful, a.Votes))
	}
	fmt.Fprintln(out, "\n## Recherches sans réponse officielle\n\n| mots | fois | recherches | tickets |\n|---|---:|---:|---:|")
	for _, u := range r.Unanswered {
		fmt.Fprintf(out, "| %s | %d | %d | %d |\n", mdCell(u.Words), u.N, u.Searches, u.Triages)
	}
}

// --- cobra commands ---

// journalRunErr maps the journal commands' errors to the CLI's one error
// type: a usageError is a usage error (exit 2), anything else a failure.
func journalRunErr(err error) error {
	if err == nil {
		return nil
	}
	var ue usageError
	if errors.As(err, &ue) {
		return usageErrorf("%s", ue.msg)
	}
	return failf("%s", err.Error())
}

func newCmdHistory(f *factory) *cobra.Command {
	o := HistoryOptions{Now: now}
	cmd := &cobra.Command{
		Use:   "history",
		Short: "the diagnoses of the journal, newest first",
		Long:  "List the diagnoses of the journal, newest first, or delete them (--purge).",
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				return usageErrorf("unexpected argument %q", args[0])
			}
			k, err := f.KB()
			if err != nil {
				return err
			}
			o.KB, o.Out, o.Spec = k, f.io.Out, journal.FromConfig(f.Config(), f.getenv)
			return journalRunErr(RunHistory(o))
		},
	}
	fl := cmd.Flags()
	fl.BoolVar(&o.Today, "today", false, "only today's diagnoses")
	fl.StringVar(&o.Since, "since", "", "only diagnoses started on or after `DATE` (YYYY-MM-DD)")
	fl.StringVar(&o.Tree, "tree", "", "only diagnoses of tree `ID`")
	fl.StringVar(&o.Verdict, "verdict", "", "only diagnoses concluded with verdict `V` (resolved, escalate, …)")
	fl.BoolVar(&o.JSON, "json", false, "one JSON object a line")
	fl.BoolVar(&o.Purge, "purge", false, "delete the diagnoses (all, or those before --before)")
	fl.StringVar(&o.Before, "before", "", "with --purge: only those started before `DATE`")
	return cmd
}

func newCmdStats(f *factory) *cobra.Command {
	o := StatsOptions{}
	var from []string
	cmd := &cobra.Command{
		Use:   "stats [FILE...]",
		Short: "how trees end, helpful votes, searches without an answer",
		Long: "Statistics of the journal (or of several agents' journals with --from): how trees end, helpful votes,\n" +
			"searches and triages without an official answer.",
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 && len(from) == 0 {
				return usageErrorf("unexpected argument %q", args[0])
			}
			k, err := f.KB()
			if err != nil {
				return err
			}
			o.KB, o.Out, o.Spec, o.Width = k, f.io.Out, journal.FromConfig(f.Config(), f.getenv), termWidth()
			o.From = append(append([]string(nil), from...), args...)
			return journalRunErr(RunStats(o))
		},
	}
	cmd.Flags().StringVar(&o.Since, "since", "", "only what was recorded on or after `DATE` (YYYY-MM-DD)")
	cmd.Flags().StringVar(&o.Format, "format", "text", "output `format`: text, md or json")
	cmd.Flags().StringArrayVar(&from, "from", nil, "read the journal `FILE` instead of this agent's (repeatable; further files may follow)")
	return cmd
}

func newCmdResume(f *factory, ro *RootOptions) *cobra.Command {
	return &cobra.Command{
		Use:   "resume [ID]",
		Short: "reopen an unfinished diagnosis at its last question",
		Long:  "Reopen an unfinished diagnosis at its last question (the most recent of the last 24 hours by default).",
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) > 1 {
				return usageErrorf("unexpected argument %q", args[1])
			}
			arg := ""
			if len(args) == 1 {
				arg = args[0]
			}
			if !ro.IsTerminal || ro.RunTUI == nil {
				return usageErrorf("not a terminal: the interactive assistant needs one")
			}
			ro.Config = f.Config()
			ro.ExportDir = ro.Config.ExportDir(f.getenv)
			ro.KBLabel, ro.LintHint = f.kbLabel, f.lintHint
			ro.Ignored = func() int { return f.ignored }
			ro.Journal = journal.FromConfig(ro.Config, f.getenv)
			id, err := ResumeTarget(ro.Journal, arg, now())
			if err != nil {
				return journalRunErr(err)
			}
			ro.Resume = id
			return openTUI(ro, "")
		},
	}
}

// termWidth is the width of the terminal on stdout, from COLUMNS or 80.
func termWidth() int {
	if n, err := strconv.Atoi(os.Getenv("COLUMNS")); err == nil && n > 0 {
		return n
	}
	if w, _, err := term.GetSize(os.Stdout.Fd()); err == nil && w > 0 {
		return w
	}
	return 80
}

// openJournalFor opens the journal for a front end that records (the
// accessible mode); nil when it is off or unavailable, said once on
// stderr unless turned off on purpose.
func openJournalFor(spec journal.Spec, stderr io.Writer, what string) *journal.Journal {
	if spec.Off && spec.Path != "" {
		return nil
	}
	j, err := spec.Open()
	if err != nil {
		fmt.Fprintf(stderr, "ecps-assist: %s: %v ; rien ne sera enregistré\n", what, journalErr(err))
		return nil
	}
	return j
}

// recordWalks returns the accessible mode's Record: each walk of a tree
// becomes one diagnosis of the journal, saved after each answer.
func recordWalks(j *journal.Journal, stderr io.Writer) func(*diagnose.Session) {
	var cur *diagnose.Session
	var rec *journal.Recorder
	said := false
	return func(sess *diagnose.Session) {
		if sess != cur {
			cur, rec = sess, journal.NewRecorder(now())
		}
		if d, changed := rec.Snapshot(sess, journal.Extra{}, now()); changed {
			id, err := j.Save(d)
			switch {
			case err == nil:
				rec.ID = id
			case !said:
				said = true
				fmt.Fprintf(stderr, "ecps-assist: %v ; le diagnostic n'est pas enregistré\n", journalErr(err))
			}
		}
	}
}
