package common

import (
	"strings"
	"testing"
)

// Lines break between items only, never inside one; a line that breaks ends with the
// "goes on" mark when it has room for it; an item wider than the line cannot be packed.
func TestPack(t *testing.T) {
	for _, tc := range []struct {
		name      string
		items     []string
		w         int
		sep, more string
		want      []string
		ok        bool
	}{
		{"one line", []string{"a all", "b back"}, 20, " • ", "", []string{"a all • b back"}, true},
		{"broken between items", []string{"a all", "b back", "c cancel"}, 15, " • ", "", []string{"a all • b back", "c cancel"}, true},
		{"marked where it breaks", []string{"1 Latte", "2 Flat white"}, 12, " · ", " ·", []string{"1 Latte ·", "2 Flat white"}, true},
		{"no room for the mark", []string{"1 Espresso", "2 Latte"}, 11, " · ", " ·", []string{"1 Espresso", "2 Latte"}, true},
		{"an item too wide", []string{"a all", "ctrl+r read again"}, 10, " • ", "", nil, false},
	} {
		got, ok := Pack(tc.items, tc.w, tc.sep, tc.more)
		if ok != tc.ok || strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("%s: %q %v, want %q %v", tc.name, got, ok, tc.want, tc.ok)
		}
	}
}
