package history

import "testing"

// A payment's second line keeps whole parts: the one that does not fit is cut as a
// name is (at least a few letters, no space before "…"), or left out with "…".
func TestJoinFit(t *testing.T) {
	parts := []string{"ord_20260314144500_1ac1ac", "Interac •••• 1933", "Front counter"}
	for _, tc := range []struct {
		w    int
		want string
	}{
		{80, "ord_20260314144500_1ac1ac · Interac •••• 1933 · Front counter"},
		{55, "ord_20260314144500_1ac1ac · Interac •••• 1933 · Front…"}, // "Front …" cut at its space
		{52, "ord_20260314144500_1ac1ac · Interac •••• 1933 …"},        // "Fro…" says nothing
		{30, "ord_20260314144500_1ac1ac …"},
		{20, "ord_20260314144500_…"},
	} {
		if got := joinFit(parts, tc.w); got != tc.want {
			t.Errorf("in %d cells: %q, want %q", tc.w, got, tc.want)
		}
	}
}
