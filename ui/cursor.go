package ui

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// clamp keeps a list index within [0, n).
func clamp(i, n int) int {
	if i >= n {
		i = n - 1
	}
	if i < 0 {
		i = 0
	}
	return i
}

// follow is a list's cursor once the list is read again: on the row it was on (found by
// id), else where it was, within the fresh list.
func follow[T any](old, fresh []T, i int, id func(T) string) int {
	var selected string
	if i >= 0 && i < len(old) {
		selected = id(old[i])
	}
	i = clamp(i, len(fresh))
	for j, r := range fresh {
		if id(r) == selected {
			i = j
		}
	}
	return i
}

// moved is a list's cursor after the up or down key, within a list of n rows.
func moved(msg tea.KeyMsg, k keyMap, i, n int) int {
	if key.Matches(msg, k.Up) {
		return clamp(i-1, n)
	}
	return clamp(i+1, n)
}
