package receipt

import (
	"fmt"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/ui/common"
)

// Fit tells the page the cells its body has, as the root lays the screen out, so
// scrolling stops at the receipt's last line.
func (m Model) Fit(sc common.Screen) Model {
	m.screen = sc
	m.top = min(m.top, m.maxTop())
	return m
}

// rows is how many lines of the receipt fit under the page's heading.
func (m Model) rows() int {
	if m.screen.Height <= 0 {
		return len(m.lines)
	}
	return max(m.screen.Height-len(m.heading(0).Lines)-1, 1) // and the line that says which lines show
}

// maxTop is the first line shown when the receipt's last line is at the bottom.
func (m Model) maxTop() int { return max(len(m.lines)-m.rows(), 0) }

// scrolled is the first line shown after scrolling by n lines.
func (m Model) scrolled(n int) int { return min(max(m.top+n, 0), m.maxTop()) }

// View draws the heading (what the receipt is for, what was done with it, the email
// field), then as much of the receipt as fits.
func (m Model) View(sc common.Screen) string {
	m.screen = sc
	p := m.heading(sc.Frame)
	if m.loading || m.failed != nil || len(m.lines) == 0 {
		return p.String()
	}
	rows := m.rows()
	top := min(m.top, m.maxTop())
	end := min(top+rows, len(m.lines))
	for _, l := range m.lines[top:end] {
		if l == "" {
			p.Blank()
			continue
		}
		p.Line("  " + l)
	}
	if top > 0 || end < len(m.lines) {
		p.Line(m.styles.Muted.Render(fmt.Sprintf("  (lines %d–%d of %d)", top+1, end, len(m.lines))))
	}
	return p.String()
}

// heading is everything above the receipt's text.
func (m Model) heading(frame int) *common.Page {
	st := m.styles
	p := &common.Page{Width: m.screen.Width}
	switch {
	case m.loading:
		p.Line(st.Spinner(frame) + " " + st.Title.Render("Reading "+m.of.ID+" from Stripe for its receipt…"))
		return p
	case m.failed != nil:
		p.Line(st.Error.Render("No receipt for " + m.of.ID))
		p.Blank()
		p.Para(st.Title, common.Sentence(common.Strip(m.failed, checkout.ErrNoReceipt)))
		p.Blank()
		p.Para(st.Muted, "Press r to read it from Stripe again.")
		return p
	}
	r := m.receipt
	money := func(n int64) string { return checkout.Money{Amount: n, Currency: r.Totals.Currency}.String() }
	title := "Receipt · " + money(r.Charged)
	switch {
	case r.Refund != nil:
		title = "Refund receipt · " + r.Refund.Amount.String() + " back to " + common.CardText(r.Card)
		if r.Refund.Status == checkout.RefundStatusPending {
			title += " · pending"
		}
	case r.Tip > 0:
		title += " with a " + money(r.Tip) + " tip"
	}
	if !r.Captured {
		title += " · authorized, not captured"
	}
	p.Line(st.Title.Render(title))
	if m.busy != "" {
		p.Line(st.Spinner(frame) + " " + m.busy)
	}
	for _, d := range m.done {
		p.Para(st.Success, d)
	}
	if m.email {
		p.Line(st.FieldLine("Email", m.input, true))
		if m.fieldErr != "" {
			p.Para(st.FormError, m.fieldErr)
		}
		p.Para(st.Muted, "Stripe emails the customer this payment's receipt (receipt_email).")
	}
	p.Blank()
	return p
}
