package common

import "slices"

// RecentLimit bounds Recent: a shift's worth of payments, no more.
const RecentLimit = 200

// Recent is a bounded list of ids, newest last. It is a value: With returns a new one,
// so a copy of the model never sees another copy's later additions.
type Recent []string

// With adds id (when new and not empty), dropping the oldest past the limit.
func (r Recent) With(id string) Recent {
	if id == "" || (len(r) > 0 && r[len(r)-1] == id) || slices.Contains(r, id) {
		return r
	}
	next := append(slices.Clip(r), id)
	if len(next) > RecentLimit {
		next = next[len(next)-RecentLimit:]
	}
	return next
}

// Has reports whether id is in the list.
func (r Recent) Has(id string) bool { return id != "" && slices.Contains(r, id) }
