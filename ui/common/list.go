package common

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// Clamp keeps a list index within [0, n).
func Clamp(i, n int) int {
	if i >= n {
		i = n - 1
	}
	if i < 0 {
		i = 0
	}
	return i
}

// Follow is a list's cursor once the list is read again: on the row it was on (found by
// id), else where it was, within the fresh list.
func Follow[T any](old, fresh []T, i int, id func(T) string) int {
	var selected string
	if i >= 0 && i < len(old) {
		selected = id(old[i])
	}
	i = Clamp(i, len(fresh))
	for j, r := range fresh {
		if id(r) == selected {
			i = j
		}
	}
	return i
}

// Moved is a list's cursor after the up or down key, within a list of n rows; up is
// the (enabled) binding that moves up.
func Moved(msg tea.KeyMsg, up key.Binding, i, n int) int {
	if key.Matches(msg, up) {
		return Clamp(i-1, n)
	}
	return Clamp(i+1, n)
}
