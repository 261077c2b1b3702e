package common

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/till-pos/till/checkout"
)

// Margin indents every body line.
const Margin = "  "

// LabelWidth aligns the values of label/value rows.
const LabelWidth = 16

// RoomyHeight is the body's height on a 60×20 terminal with a one-line status, the
// smallest screen every page is drawn for in full (goldens are 60×20 and 80×24). A page
// given fewer lines is short: it first drops what is only there for ease (a blank line,
// a hint) and cuts what it can (a read's network detail), before what its user came for.
const RoomyHeight = 14

// Short reports whether a page of height lines is short; 0 is no set height, never short.
func Short(height int) bool { return height > 0 && height < RoomyHeight }

// Page collects a screen's body lines, Width cells wide and, when Height is not 0, at
// most Height lines tall (what does not fit is cut by the root).
type Page struct {
	Width  int
	Height int
	Lines  []string
}

// Left is how many lines the page has room for still; with no Height, as many as asked.
func (p *Page) Left() int {
	if p.Height <= 0 {
		return math.MaxInt32
	}
	return max(p.Height-len(p.Lines), 0)
}

// TextWidth is the cells a line's text has on the page, inside its margins.
func (p *Page) TextWidth() int { return p.Width - 2*len(Margin) }

// Blank adds an empty line.
func (p *Page) Blank() { p.Lines = append(p.Lines, "") }

// Line adds one indented line.
func (p *Page) Line(s string) { p.Lines = append(p.Lines, Margin+s) }

// Block adds a multi-line string, each line indented.
func (p *Page) Block(s string) {
	for _, l := range strings.Split(s, "\n") {
		p.Line(l)
	}
}

// Para adds text wrapped to the page, in a style.
func (p *Page) Para(style lipgloss.Style, text string) {
	for _, l := range Wrap(text, p.TextWidth()) {
		p.Line(style.Render(l))
	}
}

// FitPara is Para cut to the lines left on the page, its last line ending in "…" when
// cut: for a detail that gives way on a short screen.
func (p *Page) FitPara(style lipgloss.Style, text string) { p.ParaIn(style, text, p.Left()) }

// ParaIn is Para in at most n lines, its last line ending in "…" when cut.
func (p *Page) ParaIn(style lipgloss.Style, text string, n int) {
	w := p.TextWidth()
	lines := Wrap(text, w)
	if len(lines) > n {
		lines = CutLines(lines, n, w)
	}
	for _, l := range lines {
		p.Line(style.Render(l))
	}
}

// CutLines is the first n of lines, fewer than there are, the last ending in "…"
// within w cells.
func CutLines(lines []string, n, w int) []string {
	if n <= 0 {
		return nil
	}
	lines = slices.Clone(lines[:n])
	lines[n-1] = ansi.Truncate(lines[n-1], w-1, "") + "…"
	return lines
}

// Row adds a label and its value; a value too long for the page goes on under
// itself rather than being cut.
func (p *Page) Row(st *Styles, label, value string) { p.row(st, label, value, nil) }

// StyledRow is Row with the value in a style, line by line.
func (p *Page) StyledRow(st *Styles, label string, style lipgloss.Style, value string) {
	p.row(st, label, value, &style)
}

// KeyRow adds a key and what it does, in a column of KeyWidth, as a list of keys shows
// them; a long description goes on under itself.
func (p *Page) KeyRow(st *Styles, key, desc string) {
	p.labelled(st.Key, KeyWidth, key, desc, nil)
}

// KeyWidth is the width of a list of keys' key column.
const KeyWidth = 14

func (p *Page) row(st *Styles, label, value string, style *lipgloss.Style) {
	p.labelled(st.Label, LabelWidth, label, value, style)
}

func (p *Page) labelled(labelStyle lipgloss.Style, width int, label, value string, style *lipgloss.Style) {
	lines := []string{value}
	if w := p.TextWidth() - width; p.Width > 0 && w > 10 && ansi.StringWidth(value) > w {
		lines = Wrap(value, w)
	}
	if style != nil {
		for i, l := range lines {
			lines[i] = style.Render(l)
		}
	}
	p.Line(labelStyle.Render(Cell(label, width, false)) + lines[0])
	for _, l := range lines[1:] {
		p.Line(strings.Repeat(" ", width) + l)
	}
}

// LineOrUnder adds row with tail after it, sep between, when the line has room for
// both; else row, then tail on a line of its own under it: an id in tail is shown whole,
// never cut.
func (p *Page) LineOrUnder(row, sep, tail string) {
	if p.Width <= 0 || ansi.StringWidth(Margin+row+sep+tail) <= p.Width {
		p.Line(row + sep + tail)
		return
	}
	p.Line(row)
	p.Line(underIndent + tail)
}

// underIndent indents what goes under a row: past the row's pointer, and then some.
const underIndent = "    "

// Tailed is a list's row and what goes after it (an id), which is shown whole: after
// the row when the line has room for it, else under it (LineOrUnder).
type Tailed struct{ Row, Sep, Tail string }

// Lines are the row's lines on a page width cells wide.
func (t Tailed) Lines(width int) []string {
	q := Page{Width: width}
	q.LineOrUnder(t.Row, t.Sep, t.Tail)
	return q.Lines
}

// TailedList adds the rows, all when they fit in the lines the page has left, else as
// many around cursor as fit (at least one, at most most) and a line saying how many
// are out of sight.
func (p *Page) TailedList(st *Styles, rows []Tailed, cursor, most int) {
	lines := make([][]string, len(rows))
	all, tallest := 0, 1
	for i, r := range rows {
		lines[i] = r.Lines(p.Width)
		all += len(lines[i])
		tallest = max(tallest, len(lines[i]))
	}
	from, to := 0, len(rows)
	if len(rows) > most || all > p.Left() {
		from, to = Window(len(rows), cursor, p.RowsAbove(len(rows), 0, tallest, most))
	}
	for _, l := range lines[from:to] {
		p.Lines = append(p.Lines, l...)
	}
	st.MoreRows(p, from, to, len(rows))
}

// String is the page's lines joined.
func (p *Page) String() string { return strings.Join(p.Lines, "\n") }

// Cell pads or cuts s to exactly w cells, aligned left or right.
func Cell(s string, w int, right bool) string {
	s = ansi.Truncate(s, w, "…")
	gap := strings.Repeat(" ", max(w-ansi.StringWidth(s), 0))
	if right {
		return gap + s
	}
	return s + gap
}

// Wrap breaks text into lines of at most w cells, at spaces only: a path or an id with
// hyphens stays whole (and copyable) unless it is longer than a line.
func Wrap(text string, w int) []string { return checkout.WrapWords(text, w, ansi.StringWidth) }

// Window returns the slice [from, to) of n rows to show so that cursor is visible.
func Window(n, cursor, rows int) (from, to int) {
	if n <= rows {
		return 0, n
	}
	from = min(max(cursor-rows/2, 0), n-rows)
	return from, from + rows
}

// RowsAbove is how many of a list's n rows of perRow lines it shows when below lines
// more come under it (a selected item's detail, a total): all n when they fit (and are
// at most most), else what the page has left less the "(from–to of n)" line, at least
// one and at most most. What comes below is what its reader came for, so the list gives
// way to it.
func (p *Page) RowsAbove(n, below, perRow, most int) int {
	switch {
	case p.Height <= 0:
		return most
	case n <= most && n*perRow <= p.Left()-below:
		return n
	}
	return min(max((p.Left()-1-below)/perRow, 1), most)
}

// Pointer marks the selected row of a list.
func (st *Styles) Pointer(selected bool, text string) string {
	if selected {
		return st.Selected.Render("> " + text)
	}
	return "  " + text
}

// MoreRows says how many rows of a list are out of sight.
func (st *Styles) MoreRows(p *Page, from, to, n int) {
	if from > 0 || to < n {
		p.Line(st.Muted.Render(fmt.Sprintf("  (%d–%d of %d)", from+1, to, n)))
	}
}
