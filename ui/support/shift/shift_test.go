package shift

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/ui/common"
)

// The pane counts what the report counts: tips and cash get their rows when the shift
// has any, so a drawer of cash sales or the tips of the day are never missing from it.
func TestTotalsShowTipsAndCash(t *testing.T) {
	t0 := time.Date(2026, 3, 14, 15, 0, 0, 0, time.UTC)
	usd := func(n int64) checkout.Money { return checkout.Money{Amount: n, Currency: "usd"} }
	cash := &checkout.Cash{Given: usd(2000), Due: usd(1000), Change: usd(1000)}
	sessions := []checkout.Summary{
		{OrderID: "card", Phase: checkout.Paid, Amount: usd(1000), Tip: 250, StartedAt: t0},
		{OrderID: "cash", Phase: checkout.Paid, Amount: usd(1000), Cash: cash, StartedAt: t0.Add(time.Minute)},
	}
	m := New(common.DefaultStyles(), common.DefaultKeys(), Deps{})
	m.report, m.has = checkout.Report(sessions, t0, t0.Add(time.Hour)), true
	p := &common.Page{Width: 80}
	m.totals(p, m.report)
	got := p.String()
	// Captured is what Stripe captured, the tip in it, which is said under it.
	var squeezed []string // each line's words, one space apart, its indent kept
	for _, l := range strings.Split(ansi.Strip(got), "\n") {
		squeezed = append(squeezed, l[:len(l)-len(strings.TrimLeft(l, " "))]+strings.Join(strings.Fields(l), " "))
	}
	for _, want := range []string{"\n  captured $12.50 (1)\n    incl. tips $2.50\n", "cash"} {
		if !strings.Contains(strings.Join(squeezed, "\n"), want) {
			t.Errorf("totals lack %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "rounding") {
		t.Errorf("a shift with no cash rounding shows a rounding row:\n%s", got)
	}

	plain := checkout.Report(sessions[:1:1], t0, t0.Add(time.Hour))
	plain.Totals[0].Tips = usd(0)
	p = &common.Page{Width: 80}
	m.totals(p, plain)
	if strings.Contains(p.String(), "tips") || strings.Contains(p.String(), "cash") {
		t.Errorf("a shift with no tips or cash shows their rows:\n%s", p.String())
	}
}

// An approved payment keeps the shift open for what the card was authorized for: the
// sale and the tip the customer chose, in the totals and in its row.
func TestUnresolvedCountsTheTip(t *testing.T) {
	t0 := time.Date(2026, 3, 14, 15, 0, 0, 0, time.UTC)
	held := checkout.Summary{OrderID: "held", Phase: checkout.Approved, Amount: checkout.Money{Amount: 1000, Currency: "usd"}, Tip: 200, StartedAt: t0}
	m := New(common.DefaultStyles(), common.DefaultKeys(), Deps{})
	r := checkout.Report([]checkout.Summary{held}, t0, t0.Add(time.Hour))
	p := &common.Page{Width: 80}
	m.unresolved(p, r)
	if got := p.String(); !strings.Contains(got, "$12.00") || r.Totals[0].Unresolved.Amount != 1200 {
		t.Errorf("unresolved %s, row:\n%s", r.Totals[0].Unresolved, got)
	}
}

// An unresolved payment's row keeps its order id, its phase and its amount whole at 60
// columns: the amount's column was 10 cells, which cut "CA$1,234.56" to "CA$1,234.…".
func TestUnresolvedRowWholeAt60(t *testing.T) {
	t0 := time.Date(2026, 3, 14, 15, 0, 0, 0, time.UTC)
	const order = "ord_20261129T162302_9f53dc84"
	held := checkout.Summary{OrderID: order, Phase: checkout.Declined, Amount: checkout.Money{Amount: 1234_56, Currency: "cad"}, StartedAt: t0}
	m := New(common.DefaultStyles(), common.DefaultKeys(), Deps{})
	p := &common.Page{Width: 60}
	m.unresolved(p, checkout.Report([]checkout.Summary{held}, t0, t0.Add(time.Hour)))
	var row string
	for _, l := range p.Lines {
		if strings.Contains(l, "ord_") {
			row = strings.Join(strings.Fields(ansi.Strip(l)), " ")
			if w := ansi.StringWidth(l); w > 60 {
				t.Errorf("the row is %d cells at 60 columns: %q", w, l)
			}
		}
	}
	if want := order + " not completed CA$1,234.56"; row != want {
		t.Errorf("row %q, want %q", row, want)
	}
}

// Many unresolved payments leave the totals a line that says they have no room: at
// 60×20 six of them filled the page and the totals were gone, unsaid.
func TestTotalsSaidWhenUnresolvedFillThePage(t *testing.T) {
	t0 := time.Date(2026, 3, 14, 15, 0, 0, 0, time.UTC)
	var held []checkout.Summary
	for i := range 6 {
		held = append(held, checkout.Summary{OrderID: fmt.Sprintf("ord_20261129T1623%02d_9f53dc84", i), Phase: checkout.Approved,
			Amount: checkout.Money{Amount: 1000, Currency: "usd"}, StartedAt: t0})
	}
	m := New(common.DefaultStyles(), common.DefaultKeys(), Deps{})
	m.report, m.has = checkout.Report(held, t0, t0.Add(time.Hour)), true
	for _, height := range []int{common.RoomyHeight, 12, 10} { // 60×20, 60×18, 60×16
		p := &common.Page{Width: 60, Height: height, Lines: []string{"  the tabs"}}
		if !common.Short(height) {
			p.Blank() // as the support screen draws it
		}
		m.View(p, 0)
		v := ansi.Strip(p.String())
		if len(p.Lines) > height {
			t.Errorf("%d lines on a page of %d:\n%s", len(p.Lines), height, v)
		}
		if !strings.Contains(v, "no room for") && !strings.Contains(v, "captured") {
			t.Errorf("height %d: the totals are neither shown nor named:\n%s", height, v)
		}
		if !strings.Contains(v, "ord_20261129T162300_9f53dc84") {
			t.Errorf("height %d: no unresolved payment is listed:\n%s", height, v)
		}
	}
}
