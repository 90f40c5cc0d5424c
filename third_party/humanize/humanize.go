// Package humanize stands in for github.com/dustin/go-humanize, which
// modernc.org/libc (under the pure-Go SQLite driver) imports for one
// function, Comma, in its debugging probes. The original package builds
// big-number tables at start-up (about 0.3 ms of every ecps-assist
// start, `list` included, measured with GODEBUG=inittrace=1); this one
// has no initialisation.
package humanize

import "strconv"

// Comma formats v with commas every three digits: 1234567 → "1,234,567".
func Comma(v int64) string {
	s := strconv.FormatInt(v, 10)
	sign := ""
	if s[0] == '-' {
		sign, s = "-", s[1:]
	}
	var b []byte
	for i := range len(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			b = append(b, ',')
		}
		b = append(b, s[i])
	}
	return sign + string(b)
}
