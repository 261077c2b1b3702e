package ui

import "slices"

// recentLimit bounds recent: a shift's worth of payments, no more.
const recentLimit = 200

// recent is a bounded list of ids, newest last. It is a value: with returns a new one,
// so a copy of the model never sees another copy's later additions.
type recent []string

// with adds id (when new and not empty), dropping the oldest past the limit.
func (r recent) with(id string) recent {
	if id == "" || (len(r) > 0 && r[len(r)-1] == id) || slices.Contains(r, id) {
		return r
	}
	next := append(slices.Clip(r), id)
	if len(next) > recentLimit {
		next = next[len(next)-recentLimit:]
	}
	return next
}

func (r recent) has(id string) bool { return id != "" && slices.Contains(r, id) }
