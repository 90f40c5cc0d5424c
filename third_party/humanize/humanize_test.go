package humanize

import (
	"math"
	"testing"
)

func TestComma(t *testing.T) {
	for v, want := range map[int64]string{0: "0", 12: "12", 123: "123", 1234: "1,234", -1234567: "-1,234,567",
		math.MaxInt64: "9,223,372,036,854,775,807", math.MinInt64: "-9,223,372,036,854,775,808"} {
		if got := Comma(v); got != want {
			t.Errorf("Comma(%d) = %q, want %q", v, got, want)
		}
	}
}
