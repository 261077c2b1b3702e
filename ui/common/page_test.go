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

// A key's description too long for the page goes on under itself, past the key column,
// rather than being cut.
func TestKeyRowWraps(t *testing.T) {
	st := DefaultStyles()
	st.Key = st.Key.UnsetForeground().UnsetBold()
	p := &Page{Width: 34}
	p.KeyRow(st, "ctrl+c", "quit (asks while a payment is open)")
	want := []string{
		"  ctrl+c        quit (asks while",
		"                a payment is",
		"                open)",
	}
	if fmt.Sprint(p.Lines) != fmt.Sprint(want) {
		t.Errorf("got %q, want %q", p.Lines, want)
	}
}

// LineOrUnder keeps an id whole: after its row when the line has room, else under it.
func TestLineOrUnder(t *testing.T) {
	const row, id = "14 Mar 15:09   $8.25  succeeded", "rf_20261129T171502_00000001"
	for _, tc := range []struct {
		width int
		want  []string
	}{
		{0, []string{"  " + row + "  " + id}},
		{len("  " + row + "  " + id), []string{"  " + row + "  " + id}},
		{len("  "+row+"  "+id) - 1, []string{"  " + row, "      " + id}},
	} {
		p := &Page{Width: tc.width}
		p.LineOrUnder(row, "  ", id)
		if fmt.Sprint(p.Lines) != fmt.Sprint(tc.want) {
			t.Errorf("at %d cells: %q, want %q", tc.width, p.Lines, tc.want)
		}
	}
}
