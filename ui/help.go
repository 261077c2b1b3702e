package ui

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/x/ansi"

	"github.com/till-pos/till/ui/common"
)

// helpRows is how many lines the footer may take.
const helpRows = 2

// footer is the help at the bottom: the keys that apply, most important first, wrapped
// onto at most helpRows lines and never cut in the middle of a key; when they do not
// all fit, the last ones give way to "? all keys", which lists them all. While the page
// takes typed text, ? is a question mark, so the footer does not offer it: the keys that
// fit are all it shows.
func (m Model) footer(w int, pg page) []string {
	var items []string
	for _, b := range m.shown(pg) {
		if b.Enabled() && b.Help().Key != "" {
			items = append(items, m.item(b))
		}
	}
	var more []string
	if m.showHelp || !pg.Typing() {
		more = []string{m.item(m.helpKey())}
	}
	for n := len(items); n >= 0; n-- {
		if lines, ok := common.Pack(append(items[:n:n], more...), w, m.styles.Muted.Render(" • "), ""); ok && len(lines) <= helpRows {
			return lines
		}
	}
	if len(more) == 0 {
		return nil
	}
	return []string{ansi.Truncate(more[0], w, "…")}
}

// item is one key and what it does.
func (m Model) item(b key.Binding) string {
	return m.styles.Key.Render(b.Help().Key) + " " + m.styles.Muted.Render(b.Help().Desc)
}

// helpKey is the key that opens (or closes) the list of every key.
func (m Model) helpKey() key.Binding {
	desc := "all keys"
	if m.showHelp {
		desc = "close"
	}
	return key.NewBinding(key.WithKeys("?"), key.WithHelp("?", desc))
}

// fullHelp is the list of every key of the screen, and those that work everywhere, in
// at most rows lines (0: as many as it takes). When one column of the screen's keys is
// too tall it takes two; when the list is still too tall, it shows the lines from
// helpTop and its last line says which they are and that ↑/↓ scroll, rather than the
// list ending mid-way without a word.
func (m Model) fullHelp(pg page, rows int) []string {
	lines := m.helpLines(pg, rows)
	shown := helpShown(len(lines), rows)
	if shown == len(lines) {
		return lines
	}
	top := min(max(m.helpTop, 0), len(lines)-shown)
	return append(lines[top:top+shown:top+shown], m.styles.Muted.Render(fmt.Sprintf("  ↑/↓ scroll: lines %d–%d of %d", top+1, top+shown, len(lines))))
}

// helpShown is how many of n lines of keys rows lines show: all, or all but the line
// that says how to scroll.
func helpShown(n, rows int) int {
	if rows <= 0 || n <= rows {
		return n
	}
	return max(rows-1, 1)
}

// helpLines lays out the list of keys for rows lines: in two columns when one is too
// tall and two fit the width.
func (m Model) helpLines(pg page, rows int) []string {
	st := m.styles
	var keys []key.Binding
	for _, col := range pg.FullHelp() {
		for _, b := range col {
			if b.Enabled() && b.Help().Key != "" {
				keys = append(keys, b)
			}
		}
	}
	everywhere := m.everywhere()
	p := &common.Page{Width: m.viewWidth()}
	p.Line(st.Title.Render("Keys on this screen"))
	row := func(b key.Binding) { p.KeyRow(st, b.Help().Key, b.Help().Desc) }
	paired, ok := []string(nil), false
	if rows > 0 && 3+len(keys)+len(everywhere) > rows { // one column is too tall
		paired, ok = m.keyColumns(keys, p.Width)
	}
	if ok {
		p.Lines = append(p.Lines, paired...)
	} else {
		for _, b := range keys {
			row(b)
		}
	}
	p.Blank()
	p.Line(st.Title.Render("Everywhere"))
	for _, b := range everywhere {
		row(b)
	}
	return p.Lines
}

// scrollHelp moves the list of keys by d lines, within it.
func (m Model) scrollHelp(d int) Model {
	pg := m.active()
	rows := m.body().Height // the lines the list of keys has on screen now
	n := len(m.helpLines(pg, rows))
	m.helpTop = min(max(m.helpTop+d, 0), n-helpShown(n, rows))
	return m
}

// keyColumns lays keys out in two columns, each aligned on its own keys, when both fit
// in w cells.
func (m Model) keyColumns(keys []key.Binding, w int) ([]string, bool) {
	half := (len(keys) + 1) / 2
	cols := [2][]key.Binding{keys[:half], keys[half:]}
	var kw, width [2]int
	for c, col := range cols {
		for _, b := range col {
			kw[c] = max(kw[c], ansi.StringWidth(b.Help().Key))
		}
		for _, b := range col {
			width[c] = max(width[c], kw[c]+2+ansi.StringWidth(b.Help().Desc))
		}
	}
	if len(common.Margin)+width[0]+3+width[1] > w {
		return nil, false
	}
	cell := func(c int, b key.Binding) string {
		return m.styles.Key.Render(common.Cell(b.Help().Key, kw[c]+2, false)) + b.Help().Desc
	}
	var lines []string
	for i, b := range cols[0] {
		line := common.Margin + common.Cell(cell(0, b), width[0]+3, false)
		if i < len(cols[1]) {
			line += cell(1, cols[1][i])
		}
		lines = append(lines, line)
	}
	return lines, true
}

// everywhere are the keys that work on every screen.
func (m Model) everywhere() []key.Binding {
	support := "the support screen (again: back)"
	if m.support.IsOpen() {
		support = "back to the cashier's screen"
	}
	return []key.Binding{
		key.NewBinding(key.WithHelp("ctrl+s / F2", support)),
		key.NewBinding(key.WithHelp("ctrl+c", "quit (asks if a payment or refund is open)")),
		key.NewBinding(key.WithHelp("?", "this list (again, or esc: close)")),
	}
}

// small is the screen below the smallest usable size: it says so rather than draw a
// broken screen.
func (m Model) small(w, h int) string {
	st := m.styles
	p := &common.Page{Width: w}
	p.Blank()
	p.Para(st.Warning, "The window is too small ("+strconv.Itoa(w)+"×"+strconv.Itoa(h)+"). Enlarge it to at least "+strconv.Itoa(minWidth)+"×"+strconv.Itoa(minHeight)+".")
	p.Blank()
	p.Para(st.Muted, "ctrl+c quits.")
	lines := append([]string{m.liveMark() + st.Shop.Render(m.opts.Shop)}, p.Lines...)
	for i, l := range lines {
		lines[i] = ansi.Truncate(l, w, "…")
	}
	if h > 0 && len(lines) > h {
		lines = lines[:h]
	}
	return strings.Join(lines, "\n")
}
