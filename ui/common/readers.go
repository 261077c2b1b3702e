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

// FindReader is the reader of the list with the id; an empty id finds none.
func FindReader(rs []checkout.Reader, id string) (checkout.Reader, bool) {
	if i := slices.IndexFunc(rs, func(r checkout.Reader) bool { return r.ID == id }); i >= 0 && id != "" {
		return rs[i], true
	}
	return checkout.Reader{}, false
}

// ReaderName names a reader of the list, or gives its id when the list lacks it.
func ReaderName(rs []checkout.Reader, id string) string {
	if r, ok := FindReader(rs, id); ok {
		return r.Name()
	}
	return id
}
