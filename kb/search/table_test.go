package search

import (
	"math/rand"
	"strconv"
	"testing"
)

// A table answers as a Go map does, through growth, for the empty string,
// for keys that differ by one byte and for keys it never saw.
func TestTableAgreesWithMap(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	var tab table[int]
	want := map[string]int{}
	keys := []string{"", "a", "b", "ab", "ba", "carte", "cartes", "é", "e\u0301"}
	for i := range 3000 {
		keys = append(keys, strconv.Itoa(rng.Intn(2000)), "k"+strconv.Itoa(i%700))
	}
	for i, k := range keys {
		tab.set(k, i)
		want[k] = i
		if tab.size() != len(want) {
			t.Fatalf("after %d sets: size %d, want %d", i+1, tab.size(), len(want))
		}
	}
	if len(tab.slots) < 2*tab.size() || len(tab.slots)&(len(tab.slots)-1) != 0 {
		t.Fatalf("%d slots for %d keys: not a power of two at least twice as many", len(tab.slots), tab.size())
	}
	for k, v := range want {
		if got, ok := tab.get(k); !ok || got != v {
			t.Errorf("get(%q) = %d, %v; want %d", k, got, ok, v)
		}
		if id := tab.id(k); id < 0 || tab.list[id] != k {
			t.Errorf("id(%q) = %d", k, id)
		}
	}
	for _, k := range []string{"c", "cart", "carte ", "k700", "-1", "\x00"} {
		if _, ok := tab.get(k); ok || tab.has(k) || tab.at(k) != 0 {
			t.Errorf("%q found, never set", k)
		}
	}
	var empty numbering
	if empty.id("x") != -1 || empty.has("") {
		t.Error("an empty numbering finds a string")
	}
}

// Strings are numbered in the order they are first added.
func TestNumberingOrder(t *testing.T) {
	n := newNumbering(2)
	for i, s := range []string{"pas", "sans", "pas", "non", "sans", "ni"} {
		id, added := n.add(s)
		if want := map[string]int32{"pas": 0, "sans": 1, "non": 2, "ni": 3}[s]; id != want || added != (i != 2 && i != 4) {
			t.Errorf("add(%q) = %d, %v; want %d", s, id, added, want)
		}
	}
}
