package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"

	"ecps-assist/bench/ticketgen"
)

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
		var tk ticketgen.Ticket
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
	if len(recs) != 31 || strings.Join(recs[0], ",") != "id,date,category,expected_tree,subject,text" {
		t.Fatalf("got %d records, header %v", len(recs), recs[0])
	}
	g := ticketgen.New(3)
	for i, r := range recs[1:] {
		if tk := g.Ticket(i); r[5] != tk.Text {
			t.Fatalf("record %d: text differs from the JSON ticket", i+1)
		}
	}
}
