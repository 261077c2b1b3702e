package common

import "github.com/till-pos/till/checkout"

// RefundRows lists refunds that are not settled (the Payments pane's, the Shift pane's),
// the first three and how many more: each its order, phase and amount, and with ids its
// id, whole, after the row or under it when the row has no room for it (support acts on
// a refund by its id; the shift only says it is under way).
func (st *Styles) RefundRows(p *Page, refunds []checkout.Refund, ids bool) {
	from, to := Window(len(refunds), 0, 3)
	for _, r := range refunds[from:to] {
		// till's order id (28 cells) and a space, the phase, an amount up to "CA$1,234.56".
		row := "  " + Cell(r.OrderID, 29, false) + Cell(r.Phase.String(), 10, false) + Cell(r.Amount.String(), 11, true)
		if ids {
			p.LineOrUnder(row, "  ", st.Muted.Render(r.ID))
		} else {
			p.Line(row)
		}
	}
	st.MoreRows(p, from, to, len(refunds))
}
