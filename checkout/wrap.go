package checkout

import (
	"strings"
	"unicode/utf8"
)

// WrapWords breaks s into lines of at most width, as cells measures a string, at spaces
// only: a word longer than a line is cut, anything else (a path, an id with hyphens)
// stays whole. The receipt measures in characters (RuneCount); the screen passes its
// own measure of terminal cells, so both wrap with this one function.
func WrapWords(s string, width int, cells func(string) int) []string {
	if width <= 0 {
		return []string{s}
	}
	var lines []string
	line := ""
	for _, word := range strings.Fields(s) {
		for cells(word) > width {
			if line != "" {
				lines, line = append(lines, line), ""
			}
			head := headOf(word, width, cells)
			lines, word = append(lines, head), word[len(head):]
		}
		switch {
		case word == "": // cut to the end: only a character wider than a line does that
		case line == "":
			line = word
		case cells(line)+1+cells(word) <= width:
			line += " " + word
		default:
			lines, line = append(lines, line), word
		}
	}
	if line == "" && len(lines) > 0 {
		return lines
	}
	return append(lines, line)
}

// RuneCount is the width of s in characters, the receipt's measure.
func RuneCount(s string) int { return utf8.RuneCountInString(s) }

// headOf is the longest start of word, cut between characters, that fits in width (at
// least one character, so that a line always moves on); a path is cut after a '/' when
// one fits, so that each of its names stays whole where it can.
func headOf(word string, width int, cells func(string) int) string {
	end := 0
	for i, r := range word {
		next := i + utf8.RuneLen(r)
		if end > 0 && cells(word[:next]) > width {
			break
		}
		end = next
	}
	if slash := strings.LastIndexByte(word[:end], '/'); end < len(word) && slash > 0 {
		end = slash + 1
	}
	return word[:end]
}
