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

// Picked is what a key did to an open list.
type Picked int

// What a key does to an open list.
const (
	Moving Picked = iota // the cursor moved, or nothing happened
	Chosen               // the row under the cursor was chosen
	Closed               // the list was closed without a choice
)

// Pick takes a key on an open list of n rows whose cursor is at i: up and down move it,
// choose takes the row, back closes the list.
func Pick(msg tea.KeyMsg, up, down, choose, back key.Binding, i, n int) (int, Picked) {
	switch {
	case key.Matches(msg, up, down):
		return Moved(msg, up, i, n), Moving
	case key.Matches(msg, choose) && n > 0:
		return Clamp(i, n), Chosen
	case key.Matches(msg, back):
		return i, Closed
	}
	return i, Moving
}
