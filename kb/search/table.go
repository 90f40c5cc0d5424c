package search

// The index's and the lexicon's string tables are slices, not maps: a map
// is rebuilt in every process, while snapshot_gen.go writes these slices
// of the embedded knowledge as package variables, which the linker lays
// out in the binary. A process that searches the embedded knowledge
// starts with its tables built (issue 15: start-up).

// numbering numbers strings in the order they are added: list[i] is number i.
// slots, of a power-of-two length at least twice len(list), holds 1+i at
// the first free place from list[i]'s hash on (linear probing), 0 where
// it is free.
type numbering struct {
	list  []string
	slots []int32
}

// newNumbering is a numbering with room for n strings before it grows.
func newNumbering(n int) numbering {
	size := 16
	for size < 2*n {
		size *= 2
	}
	return numbering{slots: make([]int32, size)}
}

// strHash is FNV-1a: fixed, so that a snapshot's slots are those the
// process would compute.
func strHash(s string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(s); i++ {
		h ^= uint32(s[i])
		h *= 16777619
	}
	return h
}

// id returns the number of s, or -1.
func (w *numbering) id(s string) int32 {
	if len(w.slots) == 0 {
		return -1
	}
	mask := uint32(len(w.slots) - 1)
	for i := strHash(s) & mask; ; i = (i + 1) & mask {
		n := w.slots[i]
		if n == 0 {
			return -1
		}
		if w.list[n-1] == s {
			return n - 1
		}
	}
}

// has reports whether s is numbered.
func (w *numbering) has(s string) bool { return w.id(s) >= 0 }

// add returns the number of s, numbering it first when it is new.
func (w *numbering) add(s string) (id int32, added bool) {
	if id := w.id(s); id >= 0 {
		return id, false
	}
	if 2*(len(w.list)+1) > len(w.slots) {
		w.grow()
	}
	w.list = append(w.list, s)
	w.place(int32(len(w.list)))
	return int32(len(w.list) - 1), true
}

func (w *numbering) place(n int32) {
	mask := uint32(len(w.slots) - 1)
	i := strHash(w.list[n-1]) & mask
	for w.slots[i] != 0 {
		i = (i + 1) & mask
	}
	w.slots[i] = n
}

func (w *numbering) grow() {
	w.slots = make([]int32, max(16, 2*len(w.slots)))
	for n := range len(w.list) {
		w.place(int32(n + 1))
	}
}

// size is the number of strings numbered.
func (w *numbering) size() int { return len(w.list) }

// table maps strings to values: vals[i] is the value of numbering.list[i].
type table[V any] struct {
	numbering
	vals []V
}

// get returns the value of s, and whether s has one.
func (t *table[V]) get(s string) (V, bool) {
	if id := t.id(s); id >= 0 {
		return t.vals[id], true
	}
	var zero V
	return zero, false
}

// at returns the value of s, the zero value when it has none.
func (t *table[V]) at(s string) V {
	v, _ := t.get(s)
	return v
}

// ref returns where the value of s is kept, adding s with the zero value
// first when it has none. It stays valid until the next add.
func (t *table[V]) ref(s string) *V {
	id, added := t.add(s)
	if added {
		var zero V
		t.vals = append(t.vals, zero)
	}
	return &t.vals[id]
}

// set gives s the value v.
func (t *table[V]) set(s string, v V) { *t.ref(s) = v }
