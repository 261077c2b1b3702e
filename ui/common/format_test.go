package common

import "testing"

// A count's word agrees with it: one is "it", any other number, none too, "them".
func TestForCount(t *testing.T) {
	for n, want := range map[int]string{0: "them", 1: "it", 2: "them"} {
		if got := ForCount(n, "it", "them"); got != want {
			t.Errorf("ForCount(%d) = %q, want %q", n, got, want)
		}
	}
	if got := Plural(1, "refund", "refunds") + ", " + Plural(3, "refund", "refunds"); got != "1 refund, 3 refunds" {
		t.Errorf("Plural: %q", got)
	}
}
