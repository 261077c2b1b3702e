package checkout

import (
	"fmt"
	"testing"
)

// wide counts an East Asian character as two cells, as a terminal does.
func wide(s string) int {
	n := 0
	for _, r := range s {
		if r >= 0x1100 {
			n += 2
		} else {
			n++
		}
	}
	return n
}

func TestWrapWords(t *testing.T) {
	for _, tc := range []struct {
		text  string
		w     int
		cells func(string) int
		want  []string
	}{
		{"Exported to /tmp/x/: till-shift-20260314-150926.csv.", 31, RuneCount, []string{"Exported to /tmp/x/:", "till-shift-20260314-150926.csv."}},
		{"a b c", 3, RuneCount, []string{"a b", "c"}},
		{"abcdefgh", 3, RuneCount, []string{"abc", "def", "gh"}},
		{"", 10, RuneCount, []string{""}},
		{"café crème", 4, RuneCount, []string{"café", "crèm", "e"}},
		{"抹茶ラテ x", 4, RuneCount, []string{"抹茶ラテ", "x"}},
		{"抹茶ラテ x", 4, wide, []string{"抹茶", "ラテ", "x"}},
		{"抹茶", 1, wide, []string{"抹", "茶"}}, // a character wider than a line still moves on
		{"no width", 0, RuneCount, []string{"no width"}},
		// A path longer than a line breaks after a '/', each name whole where it fits.
		{"in /home/cashier/exports/till-timeline.json", 20, RuneCount, []string{"in", "/home/cashier/", "exports/", "till-timeline.json"}},
		{"/a-very-long-directory-name/x", 10, RuneCount, []string{"/a-very-lo", "ng-directo", "ry-name/x"}},
	} {
		if got := WrapWords(tc.text, tc.w, tc.cells); fmt.Sprint(got) != fmt.Sprint(tc.want) {
			t.Errorf("WrapWords(%q, %d) = %q, want %q", tc.text, tc.w, got, tc.want)
		}
	}
}
