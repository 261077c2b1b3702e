package common

import (
	"cmp"
	"slices"
	"strings"

	"github.com/till-pos/till/checkout"
)

// SortedReaders orders readers by name, so every reader list reads the same every time
// (Stripe lists the newest first).
func SortedReaders(rs []checkout.Reader) []checkout.Reader {
	out := slices.Clone(rs)
	slices.SortStableFunc(out, func(a, b checkout.Reader) int {
		return cmp.Or(strings.Compare(a.Name(), b.Name()), strings.Compare(a.ID, b.ID))
	})
	return out
}

// ReaderID is a reader's id, for Follow.
func ReaderID(r checkout.Reader) string { return r.ID }
