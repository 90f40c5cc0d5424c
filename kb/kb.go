package kb

import "sort"

// KB is a loaded, validated knowledge base: answers and decision trees.
type KB struct {
	Entries []*Entry
	Trees   []*Tree

	entryByID map[string]*Entry
	treeByID  map[string]*Tree
	// shadowed are the official entries a team entry replaced: lint counts the seed
	// blocks they cite as cited (a team entry taking an official id does
	// not make its seed answer orphan).
	shadowed []*Entry
	// embeddedOnly: the embedded knowledge alone, nothing merged into it
	embeddedOnly bool
}

// EmbeddedOnly reports whether k is the embedded knowledge alone (no
// override, no team directory): its search index is prebuilt.
func (k *KB) EmbeddedOnly() bool { return k != nil && k.embeddedOnly }

// New builds a KB from entries and trees and indexes them by id. The first
// entry or tree of an id wins; duplicates are reported by validation.
func New(entries []*Entry, trees []*Tree) *KB {
	k := &KB{Entries: entries, Trees: trees}
	k.reindex()
	return k
}

func (k *KB) reindex() {
	k.entryByID = make(map[string]*Entry, len(k.Entries))
	for _, e := range k.Entries {
		if _, ok := k.entryByID[e.ID]; !ok {
			k.entryByID[e.ID] = e
		}
	}
	k.treeByID = make(map[string]*Tree, len(k.Trees))
	for _, t := range k.Trees {
		if _, ok := k.treeByID[t.ID]; !ok {
			k.treeByID[t.ID] = t
		}
	}
}

// Entry returns the entry with the given id, or nil.
func (k *KB) Entry(id string) *Entry { return k.entryByID[id] }

// Tree returns the tree with the given id, or nil.
func (k *KB) Tree(id string) *Tree { return k.treeByID[id] }

// ProductRank orders products as in Products; unknown products come last.
func ProductRank(p string) int {
	for i, q := range Products {
		if p == q {
			return i
		}
	}
	return len(Products)
}

// SortedTrees returns the trees grouped by product (in Products order),
// in catalog order within a product.
func (k *KB) SortedTrees() []*Tree {
	out := append([]*Tree(nil), k.Trees...)
	sort.SliceStable(out, func(i, j int) bool { return ProductRank(out[i].Product) < ProductRank(out[j].Product) })
	return out
}

// SortedEntries returns the entries grouped by product (in Products order),
// then by theme and title.
func (k *KB) SortedEntries() []*Entry {
	out := append([]*Entry(nil), k.Entries...)
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if ra, rb := ProductRank(a.Product), ProductRank(b.Product); ra != rb {
			return ra < rb
		}
		if a.Theme != b.Theme {
			return a.Theme < b.Theme
		}
		return a.Title < b.Title
	})
	return out
}

// shadowedEntry is the official entry of id that a team entry replaced,
// or nil.
func (k *KB) shadowedEntry(id string) *Entry {
	for _, e := range k.shadowed {
		if e.ID == id {
			return e
		}
	}
	return nil
}
