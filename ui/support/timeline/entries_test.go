package timeline

import (
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/ui/common"
)

// fitAround shows the selected entry and, in turn, those after and before it while
// they fit, keeping a line for "(from–to of n)" when not all do.
func TestFitAround(t *testing.T) {
	for _, tc := range []struct {
		name           string
		heights        []int
		selected, room int
		from, to       int
	}{
		{"all fit", []int{2, 2, 2}, 2, 6, 0, 3},
		{"the last selected", []int{2, 2, 2, 2, 2}, 4, 7, 2, 5},
		{"the first selected", []int{2, 2, 2, 2, 2}, 0, 7, 0, 3},
		{"a tall selection takes the room", []int{2, 5, 2, 2}, 1, 6, 1, 2},
		{"a tall selection and one after", []int{2, 5, 2, 2}, 1, 8, 1, 3},
		{"after, then before", []int{2, 2, 2, 2, 2}, 2, 5, 2, 4},
		{"only the selection when nothing else fits", []int{2, 2, 2}, 1, 2, 1, 2},
	} {
		from, to := fitAround(tc.heights, tc.selected, tc.room)
		if from != tc.from || to != tc.to {
			t.Errorf("%s: fitAround = %d, %d; want %d, %d", tc.name, from, to, tc.from, tc.to)
		}
	}
}

// The selected entry's outcome is said again under it only when the row is cut at the
// screen's edge: at 60 columns a phase note "creating" fits and was said twice.
func TestOutcomeAgainOnlyWhenCut(t *testing.T) {
	m := New(common.DefaultStyles(), common.DefaultKeys(), Deps{})
	at := time.Date(2026, 11, 29, 19, 21, 21, 0, time.UTC)
	for _, tc := range []struct {
		outcome string
		again   bool
	}{
		{"creating", false},
		{"123456789", false}, // to the last column
		{"1234567890", true},
		{"declined (reader_busy, terminal_reader_busy)", true},
	} {
		e := checkout.Entry{At: at, Stage: checkout.StageNote, Step: checkout.StepPhase, Outcome: tc.outcome}
		lines := m.entryLines(e, "", true, 60)
		if got := len(lines) > 1; got != tc.again {
			t.Errorf("%q at 60 columns: said again %v, want %v: %q", tc.outcome, got, tc.again, lines)
		}
		if w := ansi.StringWidth(common.Margin + lines[0]); !tc.again && w > 60 {
			t.Errorf("%q: the row is %d cells, cut at 60", tc.outcome, w)
		}
	}
}

// The list of orders shows each one's amount whole: its column was 9 cells, which cut
// "CA$1,234.56" to "CA$1,234…".
func TestOrdersAmountWhole(t *testing.T) {
	m := New(common.DefaultStyles(), common.DefaultKeys(), Deps{})
	at := time.Date(2026, 11, 29, 19, 21, 21, 0, time.UTC)
	m.orders = []checkout.Session{{OrderID: "ord_20261129T192121_9f53dc84", Phase: checkout.Paid, StartedAt: at,
		Amount: checkout.Money{Amount: 1234_56, Currency: "cad"}}}
	for _, width := range []int{60, 80} {
		p := &common.Page{Width: width}
		m.ordersView(p)
		if v := ansi.Strip(p.String()); !strings.Contains(v, " CA$1,234.56") || !strings.Contains(v, "ord_20261129T192121_9f53dc84") {
			t.Errorf("at %d columns the amount or the order is not whole:\n%s", width, v)
		}
	}
}

// processCalls is an order's journal of three process calls, the middle one chosen: a
// request that wraps to 5 lines at 60 columns.
func processCalls() Model {
	m := New(common.DefaultStyles(), common.DefaultKeys(), Deps{})
	m.order = "ord_20261129T200436_0c1b66c1"
	at := time.Date(2026, 11, 29, 20, 4, 36, 0, time.UTC)
	for i := range 3 {
		m.entries = append(m.entries, checkout.Entry{OrderID: m.order, At: at.Add(time.Duration(i) * time.Second), Stage: checkout.StageCall,
			Method: "POST", Path: "/v1/terminal/readers/tmr_Emu0000000002/process_payment_intent", HTTPStatus: 200, Outcome: "ok",
			IdempotencyKey: "till_" + m.order + "_process_1", RequestID: "req_Emu0260000005"})
	}
	m.entry = 1
	return m
}

// A selected entry taller than the page's room is cut with "…" and the "(from–to of n)"
// line kept, within the page: at 60×16 a process call's request ran past the screen's
// edge, the line saying more entries exist with it.
func TestTallEntryStaysOnThePage(t *testing.T) {
	m := processCalls()
	for _, height := range []int{4, 5, 6} {
		p := &common.Page{Width: 60, Height: height}
		m.entriesView(p)
		lines := strings.Split(ansi.Strip(p.String()), "\n")
		if len(lines) > height {
			t.Errorf("%d lines on a page of %d:\n%s", len(lines), height, p.String())
			continue
		}
		if last := lines[len(lines)-1]; last != "    (2–2 of 3)" {
			t.Errorf("height %d: the last line is %q, want the entries out of sight:\n%s", height, last, p.String())
		}
		if !strings.HasSuffix(lines[len(lines)-2], "…") {
			t.Errorf("height %d: the entry is not cut with …:\n%s", height, p.String())
		}
	}
	p := &common.Page{Width: 60, Height: 20} // room for it: whole
	m.entriesView(p)
	if !strings.Contains(p.String(), "req_Emu0260000005") {
		t.Errorf("with room the request id is not shown:\n%s", p.String())
	}
}

// On a short screen the columns' names give way, so that at 60×16 (a body of 10 lines,
// the tabs on the first) a process call's request is whole, its request id included.
func TestShortTimelineDropsTheColumnNames(t *testing.T) {
	m := processCalls()
	m.standing = "paid · pi_Emu0000000144 succeeded"
	tabs := []string{"  1 Readers 2 Payments [3 Timeline] 4 Shift 5 Webhooks"}
	short, tall := &common.Page{Width: 60, Height: 10, Lines: tabs}, &common.Page{Width: 60, Height: common.RoomyHeight, Lines: tabs}
	m.View(short, 0)
	m.View(tall, 0)
	if v := short.String(); len(short.Lines) > 10 || !strings.Contains(v, "req_Emu0260000005") || strings.Contains(v, "stage") {
		t.Errorf("at 60×16 the request id is not whole, or the column names are there:\n%s", v)
	}
	if !strings.Contains(tall.String(), "stage") {
		t.Errorf("from 60×20 up the column names are shown:\n%s", tall.String())
	}
}
