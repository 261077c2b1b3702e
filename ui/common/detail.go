package common

import (
	"slices"
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
)

// Detail is a selected item's detail, drawn at its page's width with no height, that
// gives way on a short screen: rows go from the last up, and one line names them, so
// the screen never cuts it off at the bottom mid-sentence.
type Detail struct {
	Page
	styles *Styles
	rows   []detailRow
	// heading is where the rows' heading line is (Heading), -1 when they have none.
	heading int
}

// detailRow is where a row that can give way starts, and its label.
type detailRow struct {
	at    int
	label string
}

// Detail starts the detail to go under p's list: drawn first, for RowsAbove to leave
// room for, then added to p by Under.
func (p *Page) Detail(st *Styles) *Detail {
	return &Detail{Page: Page{Width: p.Width}, styles: st, heading: -1}
}

// Heading is a line that heads the rows after it (a table's column names): alone it
// says nothing, so when the heading and its rows have one line left between them, the
// note naming the rows takes its place (with two, the heading stands over the note).
func (d *Detail) Heading(line string) {
	d.heading = len(d.Lines)
	d.Line(line)
}

// Row is Page.Row for a row that gives way when the detail has no room for it.
func (d *Detail) Row(label, value string) {
	d.rows = append(d.rows, detailRow{at: len(d.Lines), label: label})
	d.Page.Row(d.styles, label, value)
}

// LineRow is a row of the detail's own layout (a table's), drawn whole as line, that
// gives way when the detail has no room for it; label names it on the "no room" line.
func (d *Detail) LineRow(label, line string) {
	d.rows = append(d.rows, detailRow{at: len(d.Lines), label: label})
	d.Line(line)
}

// StyledRow is Page.StyledRow for a row that gives way when the detail has no room.
func (d *Detail) StyledRow(label string, style lipgloss.Style, value string) {
	d.rows = append(d.rows, detailRow{at: len(d.Lines), label: label})
	d.Page.StyledRow(d.styles, label, style, value)
}

// Room is the lines Under takes when p has them: a blank line, then the detail. A list
// drawn above the detail leaves it that many (RowsAbove's below).
func (d *Detail) Room() int { return 1 + len(d.Lines) }

// Under adds the detail to p after a blank line, in the lines p has left: without the
// blank when it is short of one, then with its last rows named on a "… no room for:"
// line instead of drawn; when even that is too long, the lines above its first row (cut
// with "…" when they do not fit either).
func (p *Page) Under(d *Detail) {
	if len(d.Lines) < p.Left() {
		p.Blank()
	}
	p.Above(d, 0)
}

// Above adds the detail to p in the lines p has left but below, kept for what comes
// under it (a note, a list): its last rows give way first, named on a "… no room for:"
// line, so the screen's edge never cuts it. With no height it is whole.
func (p *Page) Above(d *Detail, below int) {
	p.Lines = append(p.Lines, d.Fit(p.Left()-below)...)
}

// Fit is the detail in at most n lines.
func (d *Detail) Fit(n int) []string {
	switch {
	case len(d.Lines) <= n:
		return d.Lines
	case n <= 0:
		return nil
	}
	for i := len(d.rows) - 1; i >= 0; i-- {
		if d.rows[i].at < n {
			note := d.noRoom(d.rows[i:])
			return append(slices.Clone(d.Lines[:d.rows[i].at]), Margin+d.styles.Muted.Render(note))
		}
	}
	// Not even the lines above the first row and a note fit: those lines, as many as fit;
	// the note in place of a heading that would stand over nothing.
	if len(d.rows) > 0 && d.rows[0].at <= n {
		if d.heading >= 0 && d.heading == d.rows[0].at-1 {
			return append(slices.Clone(d.Lines[:d.heading]), Margin+d.styles.Muted.Render(d.noRoom(d.rows)))
		}
		return d.Lines[:d.rows[0].at]
	}
	return CutLines(d.Lines, n, d.Width-len(Margin))
}

// noRoom names the rows left out, as many as fit a line, then how many more.
func (d *Detail) noRoom(rows []detailRow) string {
	var labels []string
	for _, r := range rows {
		labels = append(labels, r.label)
	}
	note := "… no room for: " + strings.Join(labels, ", ")
	for n := len(labels) - 1; n >= 0 && ansi.StringWidth(note) > d.TextWidth(); n-- {
		note = "… no room for: " + strings.Join(labels[:n], ", ") + " and " + Plural(len(labels)-n, "more row", "more rows")
		if n == 0 {
			note = "… no room for " + Plural(len(labels), "row", "rows")
		}
	}
	return ansi.Truncate(note, d.TextWidth(), "…")
}
