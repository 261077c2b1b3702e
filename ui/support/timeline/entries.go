package timeline

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/ui/common"
)

// unsizedLines is the room the entries take on a page of no set height.
const unsizedLines = 16

// entriesView lists the order's journal entries: the selected one in full, and around it
// as many of the others as the page has room for. Only those shown are drawn.
func (m Model) entriesView(p *common.Page) {
	st := m.styles
	// Each entry's second line, worked out once: for its height, then to draw it.
	extras := make([]string, len(m.entries))
	heights := make([]int, len(m.entries))
	for i, e := range m.entries {
		extras[i] = entryExtra(e)
		heights[i] = 1 // the row, then its request on a line of its own (cut) when it has one
		if extras[i] != "" {
			heights[i]++
		}
	}
	selected := m.entryLines(m.entries[m.entry], extras[m.entry], true, p.Width)
	heights[m.entry] = len(selected)
	room := p.Left()
	if p.Height <= 0 {
		room = unsizedLines
	}
	from, to := fitAround(heights, m.entry, room)
	if from > 0 || to < len(m.entries) {
		room-- // the "(from–to of n)" line
	}
	if len(selected) > room && p.Height > 0 {
		// Taller than the room (a long request at 60×16): cut with "…" rather than
		// pushed off the screen's edge with the "(from–to of n)" line under it.
		selected = common.CutLines(selected, max(room, 1), p.Width-len(common.Margin))
	}
	for i := from; i < to; i++ {
		lines := selected
		if i != m.entry {
			lines = m.entryLines(m.entries[i], extras[i], false, p.Width)
		}
		for _, line := range lines {
			p.Line(line)
		}
	}
	st.MoreRows(p, from, to, len(m.entries))
}

// fitAround is the run of entries shown, given each one's height in lines: the selected
// one, then those after and before it in turn while they fit in room lines, one of
// which says how many are out of sight when not all fit.
func fitAround(heights []int, selected, room int) (from, to int) {
	total := 0
	for _, h := range heights {
		total += h
	}
	if total <= room {
		return 0, len(heights)
	}
	room-- // the "(from–to of n)" line
	from, to = selected, selected+1
	used := heights[selected]
	for grew := true; grew; {
		grew = false
		if to < len(heights) && used+heights[to] <= room {
			used += heights[to]
			to++
			grew = true
		}
		if from > 0 && used+heights[from-1] <= room {
			from--
			used += heights[from]
			grew = true
		}
	}
	return from, to
}

// entryLines are an entry's row and, under it, extra: its request, key and request id. The
// selected entry's are wrapped to the page, with its outcome again in full when the row
// cuts it; the others' are a line each, which a narrow screen cuts.
func (m Model) entryLines(e checkout.Entry, extra string, selected bool, width int) []string {
	st := m.styles
	status := ""
	if e.HTTPStatus != 0 {
		status = strconv.Itoa(e.HTTPStatus)
	}
	took := ""
	if e.Duration > 0 {
		took = e.Duration.Round(time.Millisecond).String()
	}
	outcome := e.Outcome
	if e.Repeats > 0 { // a run of identical polls, kept as one line
		outcome += fmt.Sprintf(" ×%d to %s", e.Repeats+1, e.Until.Local().Format("15:04:05"))
	}
	row := common.Cell(e.At.Local().Format("15:04:05.000"), 13, false) + common.Cell(e.Stage, 7, false) + common.Cell(e.Step, 14, false) +
		common.Cell(status, 5, false) + common.Cell(took, 8, false) + outcome
	out := []string{st.Pointer(selected, row)}
	const indent = "    "
	text := width - 2*len(common.Margin)
	if !selected || width <= 0 {
		if extra != "" {
			out = append(out, indent+st.Muted.Render(extra))
		}
		return out
	}
	var details []string
	// The row is cut only when it passes the screen's edge: the margin, the pointer, the row.
	if len(common.Margin)+2+ansi.StringWidth(row) > width && outcome != "" {
		details = append(details, "outcome "+outcome)
	}
	if extra != "" {
		details = append(details, extra)
	}
	for _, d := range details {
		for _, l := range common.Wrap(d, max(text-len(indent), 10)) {
			out = append(out, indent+st.Muted.Render(l))
		}
	}
	return out
}

// entryExtra is an entry's second line: the request, idempotency key and request id.
func entryExtra(e checkout.Entry) string {
	var parts []string
	if e.Method != "" || e.Path != "" {
		parts = append(parts, strings.TrimSpace(e.Method+" "+e.Path))
	}
	if e.IdempotencyKey != "" {
		parts = append(parts, "key "+e.IdempotencyKey)
	}
	if e.RequestID != "" {
		parts = append(parts, e.RequestID)
	}
	return strings.Join(parts, " · ")
}
