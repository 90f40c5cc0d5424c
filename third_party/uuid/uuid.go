// Package uuid stands in for github.com/google/uuid, which modernc.org/libc
// (the C library under the pure-Go SQLite driver) imports for
// uuid_generate_random, uuid_parse and uuid_unparse only. The original
// package imports "net" (to read MAC addresses for version-1 UUIDs), and
// ecps-assist guarantees that no network package is linked (TestOffline).
// This replacement provides the three functions libc calls: random
// (version 4) UUIDs, parsing and formatting.
package uuid

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
)

// UUID is a 128-bit universally unique identifier.
type UUID [16]byte

// New returns a random (version 4) UUID.
func New() UUID {
	var u UUID
	if _, err := rand.Read(u[:]); err != nil {
		panic(err)
	}
	u[6] = u[6]&0x0f | 0x40
	u[8] = u[8]&0x3f | 0x80
	return u
}

// String returns the canonical form xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx.
func (u UUID) String() string {
	var b [36]byte
	hex.Encode(b[0:8], u[0:4])
	b[8] = '-'
	hex.Encode(b[9:13], u[4:6])
	b[13] = '-'
	hex.Encode(b[14:18], u[6:8])
	b[18] = '-'
	hex.Encode(b[19:23], u[8:10])
	b[23] = '-'
	hex.Encode(b[24:], u[10:])
	return string(b[:])
}

// Parse decodes the canonical form, optionally prefixed by urn:uuid: or
// enclosed in braces.
func Parse(s string) (UUID, error) {
	var u UUID
	switch {
	case len(s) == 36+9 && s[:9] == "urn:uuid:":
		s = s[9:]
	case len(s) == 38 && s[0] == '{' && s[37] == '}':
		s = s[1:37]
	}
	if len(s) != 36 || s[8] != '-' || s[13] != '-' || s[18] != '-' || s[23] != '-' {
		return u, errors.New("invalid UUID format")
	}
	j := 0
	for _, i := range []int{0, 2, 4, 6, 9, 11, 14, 16, 19, 21, 24, 26, 28, 30, 32, 34} {
		v, err := hex.DecodeString(s[i : i+2])
		if err != nil {
			return u, errors.New("invalid UUID format")
		}
		u[j] = v[0]
		j++
	}
	return u, nil
}
