package timeline

import "testing"

// fitAround shows the selected entry and, in turn, those after and before it while
// they fit, keeping a line for "(from–to of n)" when not all do.
func TestFitAround(t *testing.T) {
	for _, tc := range []struct {
		name           string
		heights        []int
		selected, room int
		from, to       int
	}{
		{"all fit", []int{2, 2, 2}, 2, 6, 0, 3},
		{"the last selected", []int{2, 2, 2, 2, 2}, 4, 7, 2, 5},
		{"the first selected", []int{2, 2, 2, 2, 2}, 0, 7, 0, 3},
		{"a tall selection takes the room", []int{2, 5, 2, 2}, 1, 6, 1, 2},
		{"a tall selection and one after", []int{2, 5, 2, 2}, 1, 8, 1, 3},
		{"after, then before", []int{2, 2, 2, 2, 2}, 2, 5, 2, 4},
		{"only the selection when nothing else fits", []int{2, 2, 2}, 1, 2, 1, 2},
	} {
		from, to := fitAround(tc.heights, tc.selected, tc.room)
		if from != tc.from || to != tc.to {
			t.Errorf("%s: fitAround = %d, %d; want %d, %d", tc.name, from, to, tc.from, tc.to)
		}
	}
}
