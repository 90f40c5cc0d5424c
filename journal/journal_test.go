package journal

import (
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"ecps-assist/diagnose"
	"ecps-assist/kb"
)

var t0 = time.Date(2026, 12, 1, 9, 0, 0, 0, time.Local)

func tmpJournal(t testing.TB, o Options) (*Journal, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "state", "ecps-assist", "journal.db")
	if o.Now == nil {
		o.Now = func() time.Time { return t0 }
	}
	j, err := Open(path, o)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { j.Close() })
	return j, path
}

func diag(uid string, rev int, steps ...string) Diagnosis {
	d := Diagnosis{UID: uid, Rev: rev, Tree: "ecps-device-integrity", KBHash: "abc", Started: t0, Updated: t0,
		State: StateOpen, Node: "q" + string(rune('0'+len(steps)))}
	for i, s := range steps {
		d.Steps = append(d.Steps, Step{Node: "q" + string(rune('0'+i)), Answer: s, At: t0.Add(time.Duration(i) * time.Second)})
	}
	return d
}

func TestSaveListAndRevisions(t *testing.T) {
	j, path := tmpJournal(t, Options{})
	id, err := j.Save(diag("u1", 2, "non", "oui"))
	if err != nil {
		t.Fatal(err)
	}
	// An older revision arriving late is ignored.
	if _, err := j.Save(diag("u1", 1, "non")); err != nil {
		t.Fatal(err)
	}
	d, ok, err := j.Get(id)
	if err != nil || !ok {
		t.Fatalf("Get: %v %v", ok, err)
	}
	if len(d.Steps) != 2 || d.Steps[1].Answer != "oui" || d.Node != "q2" || d.Rev != 2 {
		t.Fatalf("got %+v", d)
	}
	// A newer one with fewer steps (an answer undone) trims them.
	if _, err := j.Save(diag("u1", 3, "oui")); err != nil {
		t.Fatal(err)
	}
	d, _, _ = j.Get(id)
	if len(d.Steps) != 1 || d.Steps[0].Answer != "oui" {
		t.Fatalf("after back: %+v", d.Steps)
	}
	un, err := j.Unfinished(t0.Add(-time.Hour), 5)
	if err != nil || len(un) != 1 || un[0].ID != id {
		t.Fatalf("Unfinished = %v, %v", un, err)
	}
	fi, err := os.Stat(path)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("file mode %v, %v", fi.Mode(), err)
	}
	di, err := os.Stat(filepath.Dir(path))
	if err != nil || di.Mode().Perm() != 0o700 {
		t.Fatalf("dir mode %v, %v", di.Mode(), err)
	}
	var mode string
	db, _ := j.read()
	db.QueryRow("PRAGMA journal_mode").Scan(&mode)
	var sync int
	db.QueryRow("PRAGMA synchronous").Scan(&sync)
	if mode != "wal" || sync != 1 {
		t.Fatalf("journal_mode %q synchronous %d, want wal and 1 (NORMAL)", mode, sync)
	}
}

func TestListFilters(t *testing.T) {
	j, _ := tmpJournal(t, Options{})
	a := diag("a", 1, "oui")
	a.State, a.Verdict, a.Node = StateConcluded, "resolved", "concl"
	b := diag("b", 1, "non")
	b.Started = t0.Add(time.Hour)
	b.Tree = "other"
	for _, d := range []Diagnosis{a, b} {
		if _, err := j.Save(d); err != nil {
			t.Fatal(err)
		}
	}
	all, _ := j.List(Filter{})
	if len(all) != 2 || all[0].UID != "b" {
		t.Fatalf("newest first: %+v", all)
	}
	for _, tc := range []struct {
		f    Filter
		want string
	}{
		{Filter{Tree: "other"}, "b"},
		{Filter{Verdict: "resolved"}, "a"},
		{Filter{Since: t0.Add(time.Minute)}, "b"},
		{Filter{Until: t0.Add(time.Minute)}, "a"},
	} {
		got, err := j.List(tc.f)
		if err != nil || len(got) != 1 || got[0].UID != tc.want {
			t.Errorf("%+v: got %v %v", tc.f, got, err)
		}
	}
}

func TestRetentionAndPurge(t *testing.T) {
	path := filepath.Join(t.TempDir(), "journal.db")
	j, err := Open(path, Options{Now: func() time.Time { return t0 }})
	if err != nil {
		t.Fatal(err)
	}
	old := diag("old", 1, "oui")
	old.Started = t0.AddDate(0, 0, -100)
	j.Save(old)
	j.Save(diag("new", 1, "oui"))
	j.AddLookup(Lookup{At: old.Started, Kind: LookupSearch, Words: "x", Confidence: "none"})
	j.Close()
	j, err = Open(path, Options{RetentionDays: 90, Now: func() time.Time { return t0 }})
	if err != nil {
		t.Fatal(err)
	}
	defer j.Close()
	all, _ := j.List(Filter{})
	if len(all) != 1 || all[0].UID != "new" {
		t.Fatalf("retention kept %v", all)
	}
	n, err := j.Purge(time.Time{})
	if err != nil || n != 1 {
		t.Fatalf("Purge = %d, %v", n, err)
	}
}

// --- faults: each leaves the caller a reason, and never overwrites ---

func TestFaultCorruptIsSetAside(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "journal.db")
	garbage := []byte(strings.Repeat("not a database ", 400))
	os.WriteFile(path, garbage, 0o600)
	j, err := Open(path, Options{Now: func() time.Time { return t0 }})
	if err != nil {
		t.Fatalf("a corrupt journal must be set aside and a new one started: %v", err)
	}
	defer j.Close()
	if !strings.Contains(j.Notice(), "mis de côté") {
		t.Errorf("notice %q", j.Notice())
	}
	aside := path + ".corrupt-" + t0.Format("20060102-150405")
	got, err := os.ReadFile(aside)
	if err != nil || string(got) != string(garbage) {
		t.Fatalf("the corrupt file must be kept intact at %s: %v", aside, err)
	}
	if _, err := j.Save(diag("u", 1, "oui")); err != nil {
		t.Fatal(err)
	}
	// A second corrupt file the same second gets another name.
	j.Close()
	os.WriteFile(path, garbage, 0o600)
	if _, err := Open(path, Options{Now: func() time.Time { return t0 }}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(aside + "-2"); err != nil {
		t.Fatalf("second set-aside: %v", err)
	}
}

func TestFaultNewerSchema(t *testing.T) {
	path := filepath.Join(t.TempDir(), "journal.db")
	j, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	db, _ := j.read()
	db.Exec("PRAGMA user_version = 99")
	j.Close()
	before, _ := os.ReadFile(path)
	_, err = Open(path, Options{})
	var je *Error
	if !errors.As(err, &je) || je.Kind != Newer || !strings.Contains(je.French(), "plus récente") {
		t.Fatalf("got %v", err)
	}
	after, _ := os.ReadFile(path)
	if string(before) != string(after) {
		t.Fatal("a newer journal must not be touched")
	}
}

func TestFaultLocked(t *testing.T) {
	path := filepath.Join(t.TempDir(), "journal.db")
	j, err := Open(path, Options{BusyTimeout: 50 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer j.Close()
	other, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	other.SetMaxOpenConns(1)
	tx, err := other.Begin()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec("INSERT INTO lookups (at, kind, words, confidence) VALUES (1, 'search', 'x', 'none')"); err != nil {
		t.Fatal(err)
	}
	_, err = j.Save(diag("u", 1, "oui"))
	var je *Error
	if !errors.As(err, &je) || je.Kind != Locked || !strings.Contains(je.French(), "verrouillé") {
		t.Fatalf("got %v", err)
	}
	tx.Rollback()
	if _, err := j.Save(diag("u", 1, "oui")); err != nil {
		t.Fatalf("once the lock is gone, writes work again: %v", err)
	}
}

func TestFaultFull(t *testing.T) {
	j, _ := tmpJournal(t, Options{maxPages: 12})
	var err error
	for i := 0; i < 2000 && err == nil; i++ {
		_, err = j.Save(diag(NewUID(), 1, strings.Repeat("x", 500), strings.Repeat("y", 500)))
	}
	var je *Error
	if !errors.As(err, &je) || je.Kind != Full || !strings.Contains(je.French(), "plein") {
		t.Fatalf("got %v", err)
	}
	// Reading still works.
	if _, err := j.List(Filter{Limit: 1}); err != nil {
		t.Fatalf("List on a full journal: %v", err)
	}
}

func TestFaultReadOnly(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "journal.db")
	j, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	j.Close()
	// root ignores file modes: the read-only case is reproduced by a
	// read-only connection, which fails the same way (SQLITE_READONLY).
	j = New(path, Options{})
	j.readOnly = true
	_, err = j.Save(diag("u", 1, "oui"))
	var je *Error
	if !errors.As(err, &je) || je.Kind != ReadOnly || !strings.Contains(je.French(), "lecture seule") {
		t.Fatalf("got %v", err)
	}
	// And a directory that cannot be created is reported as such.
	blocker := filepath.Join(dir, "file")
	os.WriteFile(blocker, nil, 0o600)
	_, err = Open(filepath.Join(blocker, "sub", "journal.db"), Options{})
	if !errors.As(err, &je) || !strings.Contains(err.Error(), blocker) {
		t.Fatalf("got %v", err)
	}
}

func TestRecorderKeepsTimesAndRevisions(t *testing.T) {
	k, _, _ := kb.Load("")
	sess, err := diagnose.NewSession(k, "ecps-device-integrity")
	if err != nil {
		t.Fatal(err)
	}
	r := NewRecorder(t0)
	if _, changed := r.Snapshot(sess, Extra{}, t0); changed {
		t.Fatal("nothing answered: nothing to save")
	}
	sess.Answer("non")
	d1, changed := r.Snapshot(sess, Extra{}, t0.Add(time.Second))
	if !changed || d1.Rev <= 0 || len(d1.Steps) != 1 || d1.Node != "unofficial-app" || d1.State != StateOpen {
		t.Fatalf("first answer: %+v", d1)
	}
	if _, changed := r.Snapshot(sess, Extra{}, t0.Add(2*time.Second)); changed {
		t.Fatal("no change: nothing to save")
	}
	sess.Answer("non")
	d2, _ := r.Snapshot(sess, Extra{Note: "rappeler"}, t0.Add(3*time.Second))
	if d2.Rev <= d1.Rev || !d2.Steps[0].At.Equal(t0.Add(time.Second)) || !d2.Steps[1].At.Equal(t0.Add(3*time.Second)) || d2.Note != "rappeler" {
		t.Fatalf("second answer: %+v", d2)
	}
	sess.Back()
	sess.Answer("oui") // a conclusion
	no := false
	d3, _ := r.Snapshot(sess, Extra{Helpful: &no, Note: "rappeler"}, t0.Add(4*time.Second))
	if d3.State != StateConcluded || d3.Verdict != "resolved" || d3.Helpful == nil || *d3.Helpful || d3.Ended.IsZero() ||
		!d3.Steps[0].At.Equal(t0.Add(time.Second)) || !d3.Steps[1].At.Equal(t0.Add(4*time.Second)) {
		t.Fatalf("changed answer, conclusion: %+v", d3)
	}
	// Resumed: the replayed steps keep their times.
	r2 := ResumeRecorder(d2, 2)
	d4, changed := r2.Snapshot(sess, Extra{}, t0.Add(time.Hour))
	if !changed || d4.UID != d2.UID || d4.Rev <= d3.Rev || !d4.Steps[0].At.Equal(t0.Add(time.Second)) {
		t.Fatalf("resumed: %+v", d4)
	}
}

// What a journal file holds enters the process as it is read: made inert
// there (it may come from another machine, or another tool), so that no
// screen or command that shows a diagnosis has to.
func TestReadIsInert(t *testing.T) {
	j, path := tmpJournal(t, Options{})
	evil := "\x1b]52;c;ZXZpbA==\x07\u202e\u009b2J"
	d := diag("u1", 1, "oui"+evil)
	d.Tree, d.Node, d.Verdict, d.Comment = "t"+evil, "q"+evil, "v"+evil, "c"+evil
	d.Ticket, d.Note = "ligne 1"+evil+"\nligne 2", "note"+evil+"\n2"
	d.Steps[0].Input = "8100" + evil
	if _, err := j.Save(d); err != nil {
		t.Fatal(err)
	}
	all, err := j.List(Filter{})
	if err != nil || len(all) != 1 {
		t.Fatalf("List: %v %v", all, err)
	}
	g := all[0]
	s := g.Steps[0]
	for _, f := range []string{g.Tree, g.Node, g.Verdict, g.Comment, g.Ticket, g.Note, s.Answer, s.Input, s.Node} {
		if kb.Inert(f) != f || strings.ContainsAny(f, "\x1b\x07\u202e\u009b") {
			t.Errorf("not inert: %q", f)
		}
	}
	if !strings.HasSuffix(g.Ticket, "\nligne 2") {
		t.Errorf("the ticket lost its lines: %q", g.Ticket)
	}
	r, err := Stats([]string{path}, t0.Add(-time.Hour))
	if err != nil || len(r.Trees) != 1 || r.Trees[0].Tree != kb.InertLine("t"+evil) {
		t.Fatalf("Stats: %+v %v", r, err)
	}
}

// The system's reasons an agent meets are said in French.
func TestFrenchReasons(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "f")
	os.WriteFile(file, nil, 0o600)
	for _, tc := range []struct{ path, want string }{
		{dir, "son chemin est celui d'un dossier"},
		{filepath.Join(file, "journal.db"), "un élément de son chemin est un fichier, pas un dossier"},
	} {
		_, err := Open(tc.path, Options{})
		var je *Error
		if !errors.As(err, &je) || !strings.HasPrefix(je.French(), tc.want) {
			t.Errorf("%s: %v, French %q", tc.path, err, func() string {
				if je != nil {
					return je.French()
				}
				return ""
			}())
		}
	}
}

// v1Journal writes a journal of schema version 1 (before the pending
// column) holding one open diagnosis, as an earlier ecps-assist left it.
func v1Journal(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "v1.db")
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, q := range []string{migrations[0], "PRAGMA user_version = 1",
		`INSERT INTO diagnoses (uid, rev, tree, kb_hash, started, updated, state, node)
			VALUES ('old', 1, 'ecps-device-integrity', 'abc', ` + strconv.FormatInt(t0.UnixMilli(), 10) + `, 0, 'open', 'q0')`} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	return path
}

// An identifier typed and not checked yet is saved and read back; a
// version 1 journal is migrated on open (its diagnoses kept), and stats
// reads version 1 and 2 journals together.
func TestPendingAndSchemaV2(t *testing.T) {
	old := v1Journal(t)
	j, path := tmpJournal(t, Options{})
	d := diag("a", 1, "oui")
	d.Pending = "8100\x1b[31m12"
	if _, err := j.Save(d); err != nil {
		t.Fatal(err)
	}
	list, err := j.List(Filter{})
	if err != nil || len(list) != 1 || list[0].Pending != "8100␛[31m12" {
		t.Fatalf("pending read back (inert): %+v %v", list, err)
	}
	r, err := Stats([]string{old, path}, time.Time{})
	if err != nil || r.Diagnoses != 2 {
		t.Fatalf("stats over a v1 and a v2 journal: %+v %v", r, err)
	}
	jo, err := Open(old, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer jo.Close()
	list, err = jo.List(Filter{})
	if err != nil || len(list) != 1 || list[0].UID != "old" || list[0].Pending != "" {
		t.Fatalf("v1 journal after migration: %+v %v", list, err)
	}
	d = list[0]
	d.Rev, d.Pending = 2, "1234"
	if _, err := jo.Save(d); err != nil {
		t.Fatal(err)
	}
	if list, _ = jo.List(Filter{}); list[0].Pending != "1234" {
		t.Errorf("pending on a migrated journal: %+v", list[0])
	}
}

// Two windows resume the same diagnosis: each one's later save is kept,
// whichever window makes it (a revision counted from the shared one
// would have been ignored).
func TestTwoWindowsResumeTheSameDiagnosis(t *testing.T) {
	k, _, _ := kb.Load("")
	j, _ := tmpJournal(t, Options{})
	start := func() *diagnose.Session {
		s, err := diagnose.NewSession(k, "ecps-device-integrity")
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	sess := start()
	r := NewRecorder(t0)
	sess.Answer("non")
	d, _ := r.Snapshot(sess, Extra{}, t0.Add(time.Second))
	if _, err := j.Save(d); err != nil {
		t.Fatal(err)
	}
	stored, _, _ := j.Get(1)
	sa, sb := start(), start()
	sa.Answer("non")
	sb.Answer("non")
	ra, rb := ResumeRecorder(stored, 1), ResumeRecorder(stored, 1)
	save := func(r *Recorder, s *diagnose.Session, x Extra, at time.Duration) Diagnosis {
		t.Helper()
		d, changed := r.Snapshot(s, x, t0.Add(at))
		if !changed {
			t.Fatal("nothing to save")
		}
		if _, err := j.Save(d); err != nil {
			t.Fatal(err)
		}
		got, _, _ := j.Get(1)
		return got
	}
	sb.Answer("non")
	if got := save(rb, sb, Extra{}, time.Minute); len(got.Steps) != 2 {
		t.Fatalf("window B's answer: %+v", got)
	}
	sa.Answer("oui") // window A concludes, a minute later
	no := false
	if got := save(ra, sa, Extra{Helpful: &no}, 2*time.Minute); got.State != StateConcluded || got.Helpful == nil {
		t.Fatalf("window A's conclusion was ignored: %+v", got)
	}
}
