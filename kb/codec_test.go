package kb

import (
	"bytes"
	"encoding/binary"
	"reflect"
	"runtime"
	"testing"
)

// fill sets every field reachable from v to a value that is not zero,
// distinct per field (n counts them), so that a round trip that drops or
// swaps a field fails.
func fill(v reflect.Value, n *int) {
	*n++
	switch v.Kind() {
	case reflect.String:
		v.SetString("é" + string(rune('a'+*n%26)) + string(rune(*n)))
	case reflect.Int:
		v.SetInt(int64(*n) * -7)
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Pointer:
		p := reflect.New(v.Type().Elem())
		fill(p.Elem(), n)
		v.Set(p)
	case reflect.Slice:
		s := reflect.MakeSlice(v.Type(), 2, 2)
		fill(s.Index(0), n)
		fill(s.Index(1), n)
		v.Set(s)
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				fill(v.Field(i), n)
			}
		}
	}
}

// Every exported field of the cached types comes back, and nil and empty
// slices stay apart.
func TestCacheCodecRoundTrip(t *testing.T) {
	var full cachedLayer
	n := 0
	fill(reflect.ValueOf(&full).Elem(), &n)
	full.Entries = append(full.Entries, nil, &Entry{Keywords: []string{}, Sources: []Source{}})
	for _, want := range []cachedLayer{full, {}, {Entries: []*Entry{}}} {
		data, err := encodeCache(nil, want)
		if err != nil {
			t.Fatal(err)
		}
		var got cachedLayer
		if err := decodeCache(data, &got); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("round trip:\n got %+v\nwant %+v", got, want)
		}
		// every cut of the data is an error, not a panic
		for i := range len(data) {
			var c cachedLayer
			if decodeCache(data[:i], &c) == nil {
				t.Fatalf("%d of %d bytes decoded without error", i, len(data))
			}
		}
		if decodeCache(append(data, 0), new(cachedLayer)) == nil {
			t.Fatal("a trailing byte decoded without error")
		}
	}
}

// Any bytes decode to an error or a value, without a panic, and a value
// encodes back to the same bytes.
func FuzzDecodeCache(f *testing.F) {
	var full cachedLayer
	n := 0
	fill(reflect.ValueOf(&full).Elem(), &n)
	data, _ := encodeCache(nil, full)
	f.Add(data)
	f.Add([]byte{0, 0})
	f.Add([]byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f})
	f.Fuzz(func(t *testing.T, data []byte) {
		var c cachedLayer
		if decodeCache(data, &c) != nil {
			return
		}
		again, err := encodeCache(nil, c)
		if err != nil || string(again) != string(data) {
			t.Fatalf("decoded %x, encodes back to %x (%v)", data, again, err)
		}
	})
}

// A slice's count is checked against the least its elements take on
// file: a damaged count fails before its elements are allocated, and the
// largest count the bytes left can hold allocates at most 24 bytes (a
// slice header, written in one byte) per byte (88 bytes per Source
// before, made from a count bounded by the bytes left alone).
func TestCacheCountIsNotTrusted(t *testing.T) {
	const left = 1 << 20
	minSource := (&cacheReader{}).minEncoded(reflect.TypeOf(Source{}))
	for _, n := range []int{left, left / minSource} {
		data := binary.AppendUvarint(nil, uint64(n)+1)
		data = append(data, bytes.Repeat([]byte{0xff}, left)...) // no element decodes
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		var got []Source
		err := decodeCache(data, &got)
		runtime.ReadMemStats(&after)
		if err == nil {
			t.Fatal("damaged data decoded")
		}
		if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 24*left {
			t.Errorf("count %d: %d bytes allocated for %d bytes left", n, alloc, left)
		}
	}
}
