package journal

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"ecps-assist/kb"
)

func yes() *bool { b := true; return &b }
func no() *bool  { b := false; return &b }

func TestStatsMergesJournals(t *testing.T) {
	ja, pa := tmpJournal(t, Options{})
	jb, pb := tmpJournal(t, Options{})
	concl := func(uid, verdict string, helpful *bool) Diagnosis {
		d := diag(uid, 1, "non", "oui")
		d.State, d.Verdict, d.Node, d.Helpful = StateConcluded, verdict, "concl", helpful
		return d
	}
	ja.Save(concl("a1", "resolved", yes()))
	ja.Save(concl("a2", "escalate", no()))
	ja.Save(diag("a3", 1, "non")) // stopped at q1
	jb.Save(concl("b1", "resolved", no()))
	other := diag("b2", 1)
	other.Tree = "psc-login"
	other.State = StateAbandoned
	jb.Save(other)
	ja.SaveView(View{UID: "v1", At: t0, Entry: "ecps-device-incompatible"})
	ja.SaveView(View{UID: "v1", Helpful: yes()})
	jb.SaveView(View{UID: "v2", At: t0, Entry: "ecps-device-incompatible", Helpful: no()})
	for _, w := range []string{"imprimante bloque", "imprimante bloque", "wifi"} {
		ja.AddLookup(Lookup{At: t0, Kind: LookupSearch, Words: w, Confidence: "none"})
	}
	jb.AddLookup(Lookup{At: t0, Kind: LookupTriage, Words: "imprimante bloque", Confidence: "low"})
	jb.AddLookup(Lookup{At: t0, Kind: LookupSearch, Words: "ecps root", Confidence: "high"})

	r, err := Stats([]string{pa, pb}, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if r.Diagnoses != 5 || len(r.Trees) != 2 {
		t.Fatalf("report %+v", r)
	}
	tr := r.Trees[0]
	if tr.Tree != "ecps-device-integrity" || tr.Started != 4 || tr.Concluded != 3 || tr.Abandoned != 1 ||
		tr.Votes != 3 || tr.Helpful != 1 || tr.Rate == nil || *tr.Rate != 33.3 {
		t.Errorf("tree stats %+v", tr)
	}
	if fmt.Sprint(tr.Verdicts) != "[{resolved 2} {escalate 1}]" || fmt.Sprint(tr.StoppedAt) != "[{q1 1}]" {
		t.Errorf("verdicts %v stopped %v", tr.Verdicts, tr.StoppedAt)
	}
	if r.Trees[1].Rate != nil || fmt.Sprint(r.Trees[1].StoppedAt) != "[{q0 1}]" {
		t.Errorf("second tree %+v", r.Trees[1])
	}
	// without votes, the rate is null in JSON, not a number to average
	if b, _ := json.Marshal(r.Trees[1]); !strings.Contains(string(b), `"helpful_rate":null`) {
		t.Errorf("second tree in JSON: %s", b)
	}
	if len(r.Answers) != 1 || r.Answers[0].Views != 2 || r.Answers[0].Votes != 2 || r.Answers[0].Helpful != 1 {
		t.Errorf("answers %+v", r.Answers)
	}
	if fmt.Sprint(r.Unanswered) != "[{imprimante bloque 3 2 1} {wifi 1 1 0}]" {
		t.Errorf("unanswered %+v", r.Unanswered)
	}
	r, err = Stats([]string{pa}, t0.Add(time.Hour))
	if err != nil || r.Diagnoses != 0 || len(r.Trees) != 0 {
		t.Errorf("since: %+v %v", r, err)
	}
	if _, err := Stats([]string{filepath.Join(t.TempDir(), "none.db")}, time.Time{}); err == nil {
		t.Error("a missing file must be an error")
	}
}

func TestQueryAndTicketWords(t *testing.T) {
	if got := QueryWords("Certif expiré 10000123454 certif"); got != "certif expire" {
		t.Errorf("QueryWords = %q", got)
	}
	k, _, _ := kb.Load("")
	ticket := "Bonjour, le Dr Jean Dupont (RPPS 10000123454, 12 rue des Lilas) : son téléphone est rooté, l'appli e-CPS refuse. Merci, Mme Martin"
	got := TicketWords(k, ticket)
	for _, private := range []string{"jean", "dupont", "lilas", "martin", "10000123454"} {
		if strings.Contains(got, private) {
			t.Errorf("TicketWords kept %q: %q", private, got)
		}
	}
	for _, want := range []string{"telephone", "roote", "ecps"} {
		if !strings.Contains(got, want) {
			t.Errorf("TicketWords lost %q: %q", want, got)
		}
	}
}

// BenchmarkStats100k: the report over a journal of 100,000 diagnoses
// (target ≤ 300 ms).
func BenchmarkStats100k(b *testing.B) {
	path := filepath.Join(b.TempDir(), "journal.db")
	if err := Synthetic(path, 100_000, t0); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		r, err := Stats([]string{path}, time.Time{})
		if err != nil || r.Diagnoses != 100_000 {
			b.Fatal(r, err)
		}
	}
}

// BenchmarkSaveAnswer: recording one answer of a diagnosis in progress
// (WAL, synchronous=NORMAL; target ≤ 1 ms).
func BenchmarkSaveAnswer(b *testing.B) {
	j, _ := tmpJournal(b, Options{})
	d := diag("bench", 0)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		d.Rev++
		if len(d.Steps) == 6 {
			d.Steps = d.Steps[:0]
		}
		d.Steps = append(d.Steps, Step{Node: "q", Answer: "oui", At: t0})
		if _, err := j.Save(d); err != nil {
			b.Fatal(err)
		}
	}
}
