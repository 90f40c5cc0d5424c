package tui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"ecps-assist/journal"
)

// settle runs cmd as Bubble Tea would, feeding every message back until
// nothing is left (batches flattened, quit ignored).
func settle(h *harness, cmd tea.Cmd) {
	h.t.Helper()
	queue := []tea.Cmd{cmd}
	for n := 0; len(queue) > 0; n++ {
		if n > 1000 {
			h.t.Fatal("commands never settle")
		}
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		switch msg := c().(type) {
		case nil, tea.QuitMsg:
		case tea.BatchMsg:
			queue = append(queue, msg...)
		default:
			queue = append(queue, h.send(msg))
		}
	}
}

// jkeys sends keys one by one, running the commands each returns.
func jkeys(h *harness, keys ...string) {
	h.t.Helper()
	for _, k := range keys {
		settle(h, h.send(keyMsg(k)))
	}
}

func journalHarness(t *testing.T, spec journal.Spec, o Options, w, hgt int) *harness {
	t.Helper()
	o.Journal = spec
	h := newHarness(t, o, w, hgt)
	settle(h, h.m.Init())
	t.Cleanup(func() {
		if h.m.jr.j != nil {
			h.m.jr.j.Close()
		}
	})
	return h
}

func tempSpec(t *testing.T) journal.Spec {
	return journal.Spec{Path: filepath.Join(t.TempDir(), "state", "journal.db")}
}

func openJ(t *testing.T, spec journal.Spec) *journal.Journal {
	t.Helper()
	j, err := journal.Open(spec.Path, journal.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { j.Close() })
	return j
}

// Two answers, then the process dies (kill -9: nothing runs at exit): the
// next start offers « Reprendre », which returns to the third question
// with the two breadcrumbs.
func TestJournalResumeAfterKill(t *testing.T) {
	spec := tempSpec(t)
	h := journalHarness(t, spec, Options{TreeID: "ecps-device-integrity"}, 80, 24)
	jkeys(h, "2", "2")
	h.expect("Un store alternatif")
	// No journalClose: as after kill -9.

	h2 := journalHarness(t, spec, Options{}, 80, 24)
	h2.expect("Reprendre", "L'application e-CPS refuse le téléphone — à l'instant · 2 réponses · « Un")
	jkeys(h2, "enter")
	h2.expect("Diagnostic · L'application e-CPS refuse le téléphone",
		"1 Le téléphone est-il rooté", "→ Non ou ne sait pas", "2 Une application qui ne provient pas",
		"Un store alternatif (autre que Google Play)", "repris : 2 réponses données")
	// Answering on goes on in the same diagnosis.
	jkeys(h2, "2")
	list, err := openJ(t, spec).List(journal.Filter{})
	if err != nil || len(list) != 1 || len(list[0].Steps) != 3 {
		t.Fatalf("one diagnosis of three answers expected, got %+v %v", list, err)
	}
}

// q in the middle of a diagnosis says it was kept and how to resume it.
func TestJournalQuitSaysHowToResume(t *testing.T) {
	spec := tempSpec(t)
	h := journalHarness(t, spec, Options{TreeID: "ecps-device-integrity"}, 80, 24)
	jkeys(h, "2", "2", "q")
	bye := h.m.journalClose()
	for _, want := range []string{"Diagnostic n° 1 conservé", "ecps-assist resume 1", "Reprendre"} {
		if !strings.Contains(bye, want) {
			t.Errorf("farewell %q lacks %q", bye, want)
		}
	}
	d, ok, err := openJ(t, spec).Get(1)
	if err != nil || !ok || d.State != journal.StateOpen || len(d.Steps) != 2 || d.Node != "alt-store" {
		t.Fatalf("got %+v %v %v", d, ok, err)
	}
}

// A conclusion, « utile : non » with a comment, then today's history
// reopens it as a read-only transcript.
func TestJournalFeedbackAndHistory(t *testing.T) {
	spec := tempSpec(t)
	h := journalHarness(t, spec, Options{TreeID: "ecps-device-integrity"}, 80, 24)
	jkeys(h, "1")
	h.expect("Conclusion", "Cette réponse vous a-t-elle été utile ? o oui · n non")
	jkeys(h, "n", "s")
	h.typeText("client pas convaincu")
	jkeys(h, "enter")
	h.expect("non ✓", "Commentaire : « client pas convaincu »")
	d, _, _ := openJ(t, spec).Get(1)
	if d.State != journal.StateConcluded || d.Verdict != "resolved" || d.Helpful == nil || *d.Helpful || d.Comment != "client pas convaincu" {
		t.Fatalf("recorded %+v", d)
	}

	h2 := journalHarness(t, spec, Options{}, 80, 24)
	h2.reject("Reprendre")
	jkeys(h2, "tab", "G") // the last item of the home list
	h2.expect("Historique du jour — 1 diagnostic")
	jkeys(h2, "enter")
	h2.expect("Historique du jour", "Résolu", "utile : non")
	jkeys(h2, "enter")
	h2.expect("Diagnostic n° 1 · 09:26", "Résolu")
	h2.reject("**", "# ") // the text transcript, not Markdown
	jkeys(h2, "pgdown", "pgdown", "pgdown")
	h2.expect("utile ? non", "Commentaire : client pas convaincu")
}

// The answer screen asks too; a view and its vote are recorded.
func TestJournalAnswerVote(t *testing.T) {
	spec := tempSpec(t)
	h := journalHarness(t, spec, Options{TreeID: "ecps-device-integrity"}, 80, 24)
	jkeys(h, "1", "enter")
	h.expect("Réponse ·", "Cette réponse vous a-t-elle été utile ?")
	jkeys(h, "o")
	h.expect("oui ✓")
	r, err := journal.Stats([]string{spec.Path}, time.Time{})
	if err != nil || len(r.Answers) != 1 || r.Answers[0].Views != 1 || r.Answers[0].Helpful != 1 {
		t.Fatalf("answers %+v %v", r, err)
	}
}

// A search that found nothing is recorded by its words when it is
// cleared; one that opened a tree, with what it opened.
func TestJournalRecordsSearches(t *testing.T) {
	spec := tempSpec(t)
	h := journalHarness(t, spec, Options{}, 80, 24)
	h.typeText("imprimante hs")
	jkeys(h, "esc", "esc") // to the list, then clear
	h.typeText("telephone roote")
	jkeys(h, "enter")
	h.expect("Diagnostic")
	r, err := journal.Stats([]string{spec.Path}, time.Time{})
	if err != nil || len(r.Unanswered) != 1 || r.Unanswered[0].Words != "hs imprimante" {
		t.Fatalf("unanswered %+v %v", r.Unanswered, err)
	}
	db := openJ(t, spec)
	_ = db
}

// A journal that cannot be used is said once in the status line, and the
// rest works.
func TestJournalUnavailableSaidOnce(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "journal.db")
	j, err := journal.Open(path, journal.Options{})
	if err != nil {
		t.Fatal(err)
	}
	j.Close()
	// A journal from a newer ecps-assist.
	raw, _ := os.ReadFile(path)
	raw[60], raw[61], raw[62], raw[63] = 0, 0, 0, 99 // user_version in the header
	os.WriteFile(path, raw, 0o600)
	os.Remove(path + "-wal")
	os.Remove(path + "-shm")

	h := journalHarness(t, journal.Spec{Path: path}, Options{TreeID: "ecps-device-integrity"}, 80, 24)
	h.expect("Journal indisponible : il a été écrit par une version plus récente")
	jkeys(h, "2", "2", "1")
	h.expect("Conclusion")
	h.reject("Journal indisponible", "utile ?")
	after, _ := os.ReadFile(path)
	if string(after) != string(raw) {
		t.Fatal("a newer journal must be left untouched")
	}
}

// A corrupt journal is set aside, said in the status line, and a new one
// records the diagnosis.
func TestJournalCorruptSetAside(t *testing.T) {
	spec := tempSpec(t)
	os.MkdirAll(filepath.Dir(spec.Path), 0o700)
	os.WriteFile(spec.Path, []byte(strings.Repeat("corrupt ", 1000)), 0o600)
	h := journalHarness(t, spec, Options{TreeID: "ecps-device-integrity"}, 80, 24)
	h.expect("Journal endommagé mis de côté (journal.db.corrupt-")
	jkeys(h, "2")
	if list, err := openJ(t, spec).List(journal.Filter{}); err != nil || len(list) != 1 {
		t.Fatalf("new journal: %v %v", list, err)
	}
	matches, _ := filepath.Glob(spec.Path + ".corrupt-*")
	if len(matches) != 1 {
		t.Fatalf("set aside: %v", matches)
	}
}

// Journal off: nothing is said, nothing is written.
func TestJournalOff(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "journal.db")
	h := journalHarness(t, journal.Spec{Path: path, Off: true}, Options{TreeID: "ecps-device-integrity"}, 80, 24)
	jkeys(h, "2", "2")
	h.reject("Journal")
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Fatalf("journal.enabled: false wrote %s", path)
	}
}

// BenchmarkOpenWithJournal100k: what opening the TUI does with a journal
// of 100,000 diagnoses (open, retention, « Reprendre », today's count),
// against BenchmarkOpenWithoutJournal. It runs in the command Init
// returns, off the first frame.
func BenchmarkOpenWithJournal100k(b *testing.B) {
	path := filepath.Join(b.TempDir(), "journal.db")
	if err := journal.Synthetic(path, 100_000, time.Now()); err != nil {
		b.Fatal(err)
	}
	benchOpen(b, journal.Spec{Path: path, RetentionDays: 90})
}

func BenchmarkOpenWithoutJournal(b *testing.B) { benchOpen(b, journal.Spec{}) }

func benchOpen(b *testing.B, spec journal.Spec) {
	k := loadKB(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		m := newModel(Options{KB: k, Journal: spec}, NewStyles())
		m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
		if cmd := m.Init(); cmd != nil {
			m.Update(cmd())
		}
		if m.jr.j != nil {
			m.jr.j.Close()
		}
	}
}

// The agent's note (s at a question) and ticket reference (f) are stored
// with the diagnosis; while typing them, letters are text.
func TestJournalNoteAndTicketRef(t *testing.T) {
	spec := tempSpec(t)
	h := journalHarness(t, spec, Options{TreeID: "ecps-device-integrity"}, 80, 24)
	jkeys(h, "2", "f")
	h.expect("Réf. ticket ›")
	h.typeText("INC-4521")
	jkeys(h, "enter", "s")
	h.typeText("rappeler à 14 h")
	jkeys(h, "enter")
	h.expect("Note : rappeler à 14 h", "Réf. ticket : INC-4521", "store officiel")
	d, _, _ := openJ(t, spec).Get(1)
	if d.Ticket != "INC-4521" || d.Note != "rappeler à 14 h" || len(d.Steps) != 1 {
		t.Fatalf("recorded %+v", d)
	}
}

// Found by hand in tmux: the answer screen's feedback lines were appended
// to a slice of the answer's lines, overwriting them, so after a page down
// the question showed twice and two lines of the answer were lost.
func TestAnswerFeedbackLinesDoNotOverwriteTheAnswer(t *testing.T) {
	h := journalHarness(t, tempSpec(t), Options{TreeID: "ecps-device-integrity"}, 40, 12)
	jkeys(h, "1", "1")
	jkeys(h, "pgdown")
	if n := strings.Count(h.screen(), "utile ?"); n != 1 {
		t.Fatalf("the feedback question shows %d times:\n%s", n, h.screen())
	}
	h.expect("appareil ;") // the line the feedback used to overwrite
}

// « Reprendre » rows carry no number: the digits choose the same trees
// whether or not a diagnosis waits (1 is still the first tree).
func TestJournalResumeKeepsTreeNumbers(t *testing.T) {
	spec := tempSpec(t)
	h := journalHarness(t, spec, Options{TreeID: "ecps-device-integrity"}, 80, 24)
	jkeys(h, "2")
	h2 := journalHarness(t, spec, Options{}, 80, 24)
	h2.expect("Reprendre")
	first := h2.m.stack[0].(*homeScreen).list.items[1] // after the one « Reprendre » row
	jkeys(h2, "tab", "1")
	ts, ok := h2.m.top().(*treeScreen)
	if !ok || ts.sess.Tree.ID != first.id {
		t.Fatalf("1 opened %T, want the first tree %s\n%s", h2.m.top(), first.id, h2.screen())
	}
}

// A concluded diagnosis in the journal loses nothing when left: Esc goes
// home without a question, and home counts it in today's history.
func TestJournalLeaveConcludedAsksNothing(t *testing.T) {
	spec := tempSpec(t)
	h := journalHarness(t, spec, Options{TreeID: "ecps-device-integrity"}, 80, 24)
	jkeys(h, "1")
	h.expect("Conclusion")
	jkeys(h, "esc")
	h.reject("Quitter ce diagnostic")
	h.expect("Rechercher ›")
	jkeys(h, "tab", "G")
	h.expect("Historique du jour — 1 diagnostic")
}

// ctrl+c at a check node before Entrée loses nothing: the identifier
// typed and not checked yet is kept, and given back on resume.
func TestJournalKeepsTheUncheckedIdentifier(t *testing.T) {
	spec := tempSpec(t)
	h := journalHarness(t, spec, Options{TreeID: "ecps-activation-error"}, 80, 24)
	jkeys(h, "2") // iPhone → the identifier check
	h.expect("Identifiant ›")
	jkeys(h, "8", "1", "0", "0", "1", "2", "ctrl+c")
	d, ok, err := openJ(t, spec).Get(1)
	if err != nil || !ok || d.Node != "check-idnat" || d.Pending != "810012" || len(d.Steps) != 1 {
		t.Fatalf("the typed value should be kept: %+v %v %v", d, ok, err)
	}

	// ecps-assist resume 1, then « Reprendre » on the home screen
	h1 := journalHarness(t, spec, Options{Resume: 1}, 80, 24)
	h1.expect("Identifiant › 810012", "repris : 1 réponse déjà donnée.")
	h2 := journalHarness(t, spec, Options{}, 80, 24)
	jkeys(h2, "enter")
	h2.expect("Identifiant › 810012", "repris : 1 réponse donnée")
	// checking it ends the pending value
	jkeys(h2, "enter")
	d, _, _ = openJ(t, spec).Get(1)
	if d.Pending != "" || len(d.Steps) != 2 || d.Steps[1].Input != "810012" {
		t.Errorf("after Entrée: %+v", d)
	}
}
