package common

import (
	"fmt"
	"testing"
)

func TestWrap(t *testing.T) {
	for _, tc := range []struct {
		text string
		w    int
		want []string
	}{
		{"Exported to /tmp/x/: till-shift-20260314-150926.csv.", 31, []string{"Exported to /tmp/x/:", "till-shift-20260314-150926.csv."}},
		{"a b c", 3, []string{"a b", "c"}},
		{"abcdefgh", 3, []string{"abc", "def", "gh"}},
		{"", 10, []string{""}},
	} {
		if got := Wrap(tc.text, tc.w); fmt.Sprint(got) != fmt.Sprint(tc.want) {
			t.Errorf("Wrap(%q, %d) = %q, want %q", tc.text, tc.w, got, tc.want)
		}
	}
}
