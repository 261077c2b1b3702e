package cart

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/ui/common"
)

// listRows is the most lines of the cart shown at once.
const listRows = 10

// findRows is the most items the find field lists at once.
const findRows = 5

// View draws the open field (find, a free line, a discount) first, then the cart. The
// total is always drawn, however little room there is, and amounts are never cut: a
// short screen loses the breakdown, then lines of the cart.
func (m Model) View(sc common.Screen) string {
	p := &common.Page{Width: sc.Width}
	switch m.mode {
	case modeFind:
		m.findView(p, sc)
	case modeForm:
		m.formView(p, sc)
	case modeDiscount:
		m.discountView(p)
	}
	if len(p.Lines) > 0 {
		p.Blank()
	}
	left := 0
	if sc.Height > 0 {
		left = max(sc.Height-len(p.Lines), 1)
	}
	m.cartView(p, sc.Width, left)
	return p.String()
}

// failureText says why the last charge did not start.
func (m Model) failureText() string {
	return "The last charge did not start: " + checkout.Explain(m.failure)
}

// row is one line of the cart's table: a line of the cart (line ≥ 0), a discount under
// it, or the order's discount (line < 0).
type row struct {
	left, mid, right string
	line             int
	discount         bool
}

// tableRows are the cart's lines, each line's discount under it, and the order's
// discount after them.
func (m Model) tableRows(t checkout.CartTotals) []row {
	c := m.cart
	money := func(n int64) string { return checkout.Money{Amount: n, Currency: c.Currency}.String() }
	var rows []row
	for i, l := range c.Lines {
		rows = append(rows, row{left: l.Description, mid: qtyText(l, c.Currency), right: money(t.Lines[i].Gross), line: i})
		if lt := t.Lines[i]; lt.LineDiscount > 0 {
			rows = append(rows, row{left: "  " + l.Discount.Label(c.Currency), right: money(-lt.LineDiscount), line: i, discount: true})
		}
	}
	if d := c.Discount; d != nil {
		var off int64
		for _, lt := range t.Lines {
			off += lt.OrderDiscount
		}
		rows = append(rows, row{left: "Order discount, " + d.Label(c.Currency), right: money(-off), line: -1, discount: true})
	}
	return rows
}

// summary is the breakdown above the total: subtotal, discounts and each rate's tax
// (included in the total when prices include tax). It is empty when the total is
// all there is to say.
func summary(t checkout.CartTotals) []row {
	money := func(n int64) string { return checkout.Money{Amount: n, Currency: t.Currency}.String() }
	if t.Discount == 0 && len(t.Taxes) == 0 {
		return nil
	}
	rows := []row{{left: "Subtotal", right: money(t.Subtotal)}}
	if t.Discount > 0 {
		rows = append(rows, row{left: "Discounts", right: money(-t.Discount)})
	}
	for _, tax := range t.Taxes {
		label := "Tax " + tax.Name()
		if t.Inclusive {
			label = "Includes tax " + tax.Name()
		}
		rows = append(rows, row{left: label, right: money(tax.Tax)})
	}
	return rows
}

func qtyText(l checkout.Line, currency string) string {
	return fmt.Sprintf("%d × %s", l.Quantity, checkout.Money{Amount: l.UnitPrice, Currency: currency})
}

// cartView draws the cart in at most height lines (0: as many as it needs).
func (m Model) cartView(p *common.Page, width, height int) {
	st := m.styles
	t := m.cart.Totals()
	total := checkout.Money{Amount: t.Total, Currency: m.cart.Currency}.String()
	var failure []string
	if m.failure != nil {
		failure = common.Wrap(m.failureText(), width-2*len(common.Margin))
	}
	budget := 1 << 30
	if height > 0 {
		budget = height
	}
	if m.cart.Empty() {
		start := len(p.Lines)
		p.Line(st.Title.Render("Cart"))
		p.Blank()
		text := "The cart is empty. Press a to add a line."
		if m.items {
			text = "The cart is empty. Scan an item, type its quick key number, find it with /, or press a for a free line."
		}
		p.Para(st.Muted, text)
		m.failureView(p, failure)
		m.quickView(p, budget-(len(p.Lines)-start))
		return
	}
	used := 3 // title, rule, total
	if len(failure) > 0 {
		used += 1 + len(failure)
	}
	rows, sum := m.tableRows(t), summary(t)
	if used+min(len(rows), 2) > budget {
		// No room for the table under a field: the total, at least.
		p.Line(st.Title.Render(common.Plural(len(m.cart.Lines), "line", "lines") + " in the cart · total " + total))
		return
	}
	lay := plan(budget, used, len(rows), len(sum))
	if !lay.sum {
		sum = nil
	}
	left, mid, right := m.columns(width, rows, append(sum, row{right: total}))
	p.Line(st.Title.Render("Cart"))
	if lay.gap {
		p.Blank()
	}
	from, to := common.Window(len(rows), m.cursorRow(rows), lay.rows)
	for _, r := range rows[from:to] {
		text := common.Cell(r.left, left, false) + common.Cell(r.mid, mid, true) + common.Cell(r.right, right, true)
		if r.discount {
			p.Line("  " + st.Muted.Render(text))
		} else {
			p.Line(st.Pointer(r.line == m.cursor && m.mode == modeCart, text))
		}
	}
	st.MoreRows(p, from, to, len(rows))
	p.Line("  " + st.Rule.Render(strings.Repeat("─", left+mid+right)))
	for _, r := range sum {
		p.Line("  " + common.Cell(r.left, left+mid, false) + common.Cell(r.right, right, true))
	}
	p.Line("  " + st.Title.Render(common.Cell("Total", left+mid, false)+common.Cell(total, right, true)))
	m.failureView(p, failure)
	m.quickView(p, lay.room)
}

// layout is what of the cart fits the lines it has.
type layout struct {
	rows int  // rows of the table shown
	sum  bool // the breakdown above the total is shown
	gap  bool // a blank line under the title
	room int  // lines left under it all
}

// plan fits the cart into budget lines, used of them already taken by what is always
// drawn, in the order it matters: two rows of the table, the breakdown (sum lines),
// the rest of the table (up to listRows; a line then says how many rows are out of
// sight), a blank under the title.
func plan(budget, used, rows, sum int) layout {
	l := layout{rows: min(rows, 2, budget-used)}
	used += l.rows
	if l.sum = used+sum <= budget; l.sum {
		used += sum
	}
	if more := min(rows, listRows); more > l.rows {
		extra := min(more-l.rows, max(budget-used, 0))
		l.rows += extra
		used += extra
	}
	if l.rows < rows {
		if used < budget {
			used++
		} else if l.rows > 1 {
			l.rows--
		}
	}
	if l.gap = used < budget; l.gap {
		used++
	}
	l.room = budget - used
	return l
}

// cursorRow is the table row of the selected line.
func (m Model) cursorRow(rows []row) int {
	for i, r := range rows {
		if r.line == m.cursor {
			return i
		}
	}
	return 0
}

// columns are the table's widths at a screen width: the quantity and amount columns as
// wide as their longest text, the description the rest (within reason).
func (m Model) columns(width int, rows, sum []row) (left, mid, right int) {
	for _, r := range append(rows, sum...) {
		mid = max(mid, ansi.StringWidth(r.mid))
		right = max(right, ansi.StringWidth(r.right))
	}
	mid, right = mid+3, right+3
	left = min(max(width-2*len(common.Margin)-mid-right, 8), 40)
	return left, mid, right
}

// failureView says why the last charge did not start.
func (m Model) failureView(p *common.Page, failure []string) {
	if len(failure) == 0 {
		return
	}
	p.Blank()
	for _, l := range failure {
		p.Line(m.styles.Error.Render(l))
	}
}

// quickView lists the quick keys, when there are room lines for them.
func (m Model) quickView(p *common.Page, room int) {
	quick := m.cat.QuickKeys()
	if len(quick) == 0 || m.mode != modeCart {
		return
	}
	// Lines break between keys, never between a key's number and its item's name; the
	// first key follows the words that lead in, or starts the line under them.
	w := p.TextWidth()
	lead := "Quick keys (the number, then enter):"
	items := make([]string, len(quick))
	for i, it := range quick {
		items[i] = ansi.Truncate(fmt.Sprintf("%d %s", i+1, it.Name), w, "…")
	}
	lines, ok := common.Pack(append([]string{lead + " " + items[0]}, items[1:]...), w, " · ", " ·")
	if !ok {
		lines, _ = common.Pack(items, w, " · ", " ·")
		lines = append(common.Wrap(lead, w), lines...)
	}
	if room < 1+len(lines) {
		return
	}
	p.Blank()
	for _, l := range lines {
		p.Line(m.styles.Muted.Render(l))
	}
}
