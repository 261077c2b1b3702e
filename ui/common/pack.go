package common

import "github.com/charmbracelet/x/ansi"

// Pack lays items out on lines of at most w cells, breaking lines only between items
// (the help footer's keys, the cart's quick keys): sep between two on a line, and more
// after the last of a line that breaks, when it fits (" ·": the list goes on below).
// ok is false when an item is wider than w.
func Pack(items []string, w int, sep, more string) (lines []string, ok bool) {
	for _, it := range items {
		if ansi.StringWidth(it) > w {
			return nil, false
		}
		last := len(lines) - 1
		switch {
		case last < 0:
			lines = append(lines, it)
		case ansi.StringWidth(lines[last]+sep+it) <= w:
			lines[last] += sep + it
		default:
			if more != "" && ansi.StringWidth(lines[last]+more) <= w {
				lines[last] += more
			}
			lines = append(lines, it)
		}
	}
	return lines, true
}
