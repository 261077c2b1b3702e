package checkout

import (
	"errors"
	"strings"
	"testing"
)

func TestParseRate(t *testing.T) {
	good := []struct {
		in   string
		want Rate
		text string
	}{
		{"8.25%", 82500, "8.25%"},
		{"8.875 %", 88750, "8.875%"},
		{"20", 200000, "20%"},
		{"0", 0, "0%"},
		{"100%", RateScale, "100%"},
		{".5", 5000, "0.5%"},
		{"007.0001", 70001, "7.0001%"},
	}
	for _, g := range good {
		r, err := ParseRate(g.in)
		if err != nil || r != g.want || r.String() != g.text {
			t.Errorf("ParseRate(%q) = %d %q, %v; want %d %q", g.in, r, r.String(), err, g.want, g.text)
		}
	}
	bad := []struct{ in, want string }{
		{"", "enter a percentage"},
		{"-5%", "negative"},
		{"8.25.1", "not a percentage"},
		{"abc", "not a percentage"},
		{"8.00001", "more than 4 decimal places"},
		{"100.01", "more than 100%"},
		{"1000", "more than 100%"},
		{"99999999999999999999", "more than 100%"},
		{"%", "enter a percentage"},
	}
	for _, b := range bad {
		_, err := ParseRate(b.in)
		if err == nil || !errors.Is(err, ErrBadRate) || !strings.Contains(err.Error(), b.want) {
			t.Errorf("ParseRate(%q) err = %v, want %q", b.in, err, b.want)
		}
	}
}

// Half up on the exact rational: a half goes up, anything less goes down, and the
// sign is symmetric.
func TestDivRoundHalfUp(t *testing.T) {
	for _, c := range []struct{ n, d, want int64 }{
		{165, 10, 17}, {164, 10, 16}, {15, 10, 2}, {14999, 10000, 1}, {1, 3, 0}, {2, 3, 1}, {0, 7, 0}, {-165, 10, -17}, {-164, 10, -16},
	} {
		if got := divRound(c.n, c.d); got != c.want {
			t.Errorf("divRound(%d, %d) = %d, want %d", c.n, c.d, got, c.want)
		}
	}
	if got := Rate(82500).Of(200); got != 17 { // 16.5
		t.Errorf("8.25%% of 200 = %d, want 17", got)
	}
}

func FuzzParseRate(f *testing.F) {
	for _, s := range []string{"8.25%", "20", "0.0001", "100", "-1", "1e3", " 7 % "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r, err := ParseRate(s)
		if err != nil {
			return
		}
		if r < 0 || r > RateScale {
			t.Fatalf("ParseRate(%q) = %d, out of range", s, r)
		}
		if back, err := ParseRate(r.String()); err != nil || back != r {
			t.Fatalf("%q → %d → %q → %d, %v", s, r, r.String(), back, err)
		}
	})
}
