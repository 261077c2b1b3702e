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

// FitPara keeps to the lines the page has left, and says it cut with "…"; with room, or
// no height, it is Para.
func TestFitPara(t *testing.T) {
	plain := DefaultStyles().Muted.UnsetForeground()
	for _, tc := range []struct {
		height int
		want   []string
	}{
		{0, []string{"head", "  one two", "  three four", "  five"}},
		{4, []string{"head", "  one two", "  three four", "  five"}},
		{3, []string{"head", "  one two", "  three four…"}},
		{1, []string{"head"}},
	} {
		p := &Page{Width: 15, Height: tc.height, Lines: []string{"head"}}
		p.FitPara(plain, "one two three four five")
		if fmt.Sprint(p.Lines) != fmt.Sprint(tc.want) {
			t.Errorf("height %d: %q, want %q", tc.height, p.Lines, tc.want)
		}
	}
}
