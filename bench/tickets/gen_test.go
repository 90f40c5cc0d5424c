package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"
)

func TestTicketsShapeAndShares(t *testing.T) {
	g := newGen(1)
	const n = 5000
	count := map[string]int{}
	for i := range n {
		tk := g.ticket(i)
		w := len(strings.Fields(tk.Text))
		if w < minWords || w > maxWords {
			t.Fatalf("ticket %s has %d words, want %d-%d:\n%s", tk.ID, w, minWords, maxWords, tk.Text)
		}
		if strings.Contains(tk.Text, "{") || strings.Contains(tk.Subject, "{") {
			t.Fatalf("ticket %s has an unfilled placeholder:\n%s", tk.ID, tk.Text)
		}
		count[tk.Category]++
	}
	for cat, want := range map[string]int{InDomain: shareInDomain, NearMiss: shareNearMiss, OffTopic: 100 - shareInDomain - shareNearMiss} {
		got := 100 * count[cat] / n
		if got < want-2 || got > want+2 {
			t.Errorf("%s: %d %%, want %d ± 2 %%", cat, got, want)
		}
	}
}

func TestTicketsSeeded(t *testing.T) {
	var a, b, c bytes.Buffer
	for _, x := range []struct {
		w    *bytes.Buffer
		seed uint64
	}{{&a, 7}, {&b, 7}, {&c, 8}} {
		if err := write(x.w, 50, x.seed, "jsonl"); err != nil {
			t.Fatal(err)
		}
	}
	if a.String() != b.String() {
		t.Error("the same seed gave different tickets")
	}
	if a.String() == c.String() {
		t.Error("different seeds gave the same tickets")
	}
	for i, line := range strings.Split(strings.TrimSpace(a.String()), "\n") {
		var tk Ticket
		if err := json.Unmarshal([]byte(line), &tk); err != nil || tk.ID == "" || tk.Text == "" {
			t.Fatalf("line %d: %v %+v", i+1, err, tk)
		}
	}
}

func TestTicketsCSV(t *testing.T) {
	var buf bytes.Buffer
	if err := write(&buf, 30, 3, "csv"); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 31 || strings.Join(recs[0], ",") != "id,date,category,subject,text" {
		t.Fatalf("got %d records, header %v", len(recs), recs[0])
	}
	g := newGen(3)
	for i, r := range recs[1:] {
		if tk := g.ticket(i); r[4] != tk.Text {
			t.Fatalf("record %d: text differs from the JSON ticket", i+1)
		}
	}
}

func TestIdentifiersMostlyValid(t *testing.T) {
	g := newGen(2)
	valid := 0
	for range 1000 {
		if luhn(g.rppsBare()) {
			valid++
		}
	}
	if valid != 1000 {
		t.Errorf("%d/1000 generated RPPS pass Luhn", valid)
	}
}
