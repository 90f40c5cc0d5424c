package kb

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math/bits"
	"reflect"
)

// The cache file's codec, in place of encoding/gob, whose package
// initialisation (its type registry) cost every process about 0.2 ms,
// a tenth of a Go hello-world, for a cache only --kb reads.
//
// It writes the exported fields of a value, in declaration order, by
// reflection: no field can be left out (schemaFingerprint, in the cache
// key, changes with the types). A string or a slice is its length plus
// one (0: nil) as a uvarint, then its bytes or elements; an int a
// varint; a bool a byte; a pointer a byte (0: nil) then its value; a
// struct its fields. Decoding checks every length against the bytes
// left, a slice's count against the least its elements take, so a
// damaged file is an error, never a panic, and a slice allocates at most
// 24 bytes (a slice header, for one byte on file) per byte left
// (FuzzDecodeCache, TestCacheCountIsNotTrusted).

// encodeCache appends the encoding of v to b.
func encodeCache(b []byte, v any) ([]byte, error) {
	return appendValue(b, reflect.ValueOf(v))
}

func appendValue(b []byte, v reflect.Value) ([]byte, error) {
	switch v.Kind() {
	case reflect.String:
		b = binary.AppendUvarint(b, uint64(v.Len())+1)
		return append(b, v.String()...), nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return binary.AppendVarint(b, v.Int()), nil
	case reflect.Bool:
		if v.Bool() {
			return append(b, 1), nil
		}
		return append(b, 0), nil
	case reflect.Pointer:
		if v.IsNil() {
			return append(b, 0), nil
		}
		return appendValue(append(b, 1), v.Elem())
	case reflect.Slice:
		if v.IsNil() {
			return append(b, 0), nil
		}
		b = binary.AppendUvarint(b, uint64(v.Len())+1)
		var err error
		for i := range v.Len() {
			if b, err = appendValue(b, v.Index(i)); err != nil {
				return nil, err
			}
		}
		return b, nil
	case reflect.Struct:
		t := v.Type()
		var err error
		for i := range t.NumField() {
			if t.Field(i).IsExported() {
				if b, err = appendValue(b, v.Field(i)); err != nil {
					return nil, err
				}
			}
		}
		return b, nil
	}
	return nil, fmt.Errorf("kb cache: cannot encode a %s", v.Type())
}

var errCacheData = errors.New("kb cache: damaged data")

// decodeCache decodes data, written by encodeCache, into *ptr; all of
// data must be used.
func decodeCache(data []byte, ptr any) error {
	d := cacheReader{data: data}
	d.value(reflect.ValueOf(ptr).Elem())
	if d.err == nil && len(d.data) > 0 {
		d.err = errCacheData
	}
	return d.err
}

type cacheReader struct {
	data  []byte
	err   error
	sizes map[reflect.Type]int // minEncoded of struct types
}

func (d *cacheReader) fail() { d.err, d.data = errCacheData, nil }

// uvarint reads a uvarint written by binary.AppendUvarint: an overlong
// one (0x80 0x00 for 0) is damaged data too, so that what decodes encodes
// back to the same bytes.
func (d *cacheReader) uvarint() uint64 {
	n, k := binary.Uvarint(d.data)
	if k <= 0 || k != max(1, (bits.Len64(n)+6)/7) {
		d.fail()
		return 0
	}
	d.data = d.data[k:]
	return n
}

// length reads a length plus one: -1 for nil, and an error when the
// length exceeds the bytes left (every element takes one at least).
func (d *cacheReader) length() int {
	n := d.uvarint()
	if d.err != nil || n == 0 {
		return -1
	}
	if n-1 > uint64(len(d.data)) {
		d.fail()
		return -1
	}
	return int(n - 1)
}

// minEncoded is the fewest bytes a value of type t is written in: one
// for a string, an int, a bool, a pointer or a slice (nil, empty or
// zero), the sum of its fields for a struct (remembered).
func (d *cacheReader) minEncoded(t reflect.Type) int {
	if t.Kind() != reflect.Struct {
		return 1
	}
	if n, ok := d.sizes[t]; ok {
		return n
	}
	n := 0
	for i := range t.NumField() {
		if t.Field(i).IsExported() {
			n += d.minEncoded(t.Field(i).Type)
		}
	}
	n = max(n, 1)
	if d.sizes == nil {
		d.sizes = map[reflect.Type]int{}
	}
	d.sizes[t] = n
	return n
}

func (d *cacheReader) byte() byte {
	if len(d.data) == 0 {
		d.fail()
		return 0
	}
	c := d.data[0]
	d.data = d.data[1:]
	return c
}

func (d *cacheReader) value(v reflect.Value) {
	if d.err != nil {
		return
	}
	switch v.Kind() {
	case reflect.String:
		if n := d.length(); n > 0 {
			v.SetString(string(d.data[:n]))
			d.data = d.data[n:]
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		u := d.uvarint() // binary.AppendVarint's zigzag form
		n := int64(u >> 1)
		if u&1 != 0 {
			n = ^n
		}
		if d.err != nil || v.OverflowInt(n) {
			d.fail()
			return
		}
		v.SetInt(n)
	case reflect.Bool:
		switch d.byte() {
		case 0:
		case 1:
			v.SetBool(true)
		default:
			d.fail()
		}
	case reflect.Pointer:
		switch d.byte() {
		case 0:
		case 1:
			p := reflect.New(v.Type().Elem())
			d.value(p.Elem())
			v.Set(p)
		default:
			d.fail()
		}
	case reflect.Slice:
		n := d.length()
		if n < 0 {
			return
		}
		// n elements take n times the least an element can take on
		// file: a count the bytes left cannot hold is damaged data, found
		// before anything is allocated for it.
		if t := v.Type(); n > len(d.data)/d.minEncoded(t.Elem()) {
			d.fail()
		} else {
			s := reflect.MakeSlice(t, n, n)
			for i := 0; i < n && d.err == nil; i++ {
				d.value(s.Index(i))
			}
			v.Set(s)
		}
	case reflect.Struct:
		t := v.Type()
		for i := 0; i < t.NumField() && d.err == nil; i++ {
			if t.Field(i).IsExported() {
				d.value(v.Field(i))
			}
		}
	default:
		d.err = fmt.Errorf("kb cache: cannot decode a %s", v.Type())
	}
}
