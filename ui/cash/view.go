package cash

import (
	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/ui/common"
)

// View draws the amount due in cash and the change, or, once recorded, the change to
// give, large: what the cashier must see first.
func (m Model) View(sc common.Screen) string {
	p := &common.Page{Width: sc.Width}
	st := m.styles
	if m.paid != nil {
		c := m.paid.Cash
		title, change := "Paid in cash — give the change", "Change "+c.Change.String()
		if c.Change.Amount == 0 {
			title, change = "Paid in cash — exact, no change", "No change"
		}
		p.Line(st.Success.Render(title))
		p.Blank()
		p.Block(st.Amount.Render(change))
		p.Blank()
		p.Row(st, "Given", c.Given.String())
		p.Row(st, "Total in cash", c.Due.String())
		p.Row(st, "Order", m.paid.OrderID)
		return p.String()
	}
	due := m.due()
	p.Line(st.Title.Render("Cash sale"))
	p.Blank()
	p.Block(st.Amount.Render(due.String()))
	if total := m.cart.Total(); due != total {
		step := checkout.Money{Amount: m.opts.Increment, Currency: total.Currency}
		p.Line(st.Muted.Render(total.String() + " rounded to the nearest " + step.String() + " for cash."))
	}
	p.Blank()
	m.given.Width = max(sc.Width-2*len(common.Margin)-common.LabelWidth-2, 8)
	p.Line(st.FieldOn.Render(common.Cell("› Given", common.LabelWidth, false)) + m.given.View())
	p.Line(st.Label.Render(common.Cell("  Change due", common.LabelWidth, false)) + m.change(due))
	if m.saving {
		p.Blank()
		p.Line(st.Spinner(sc.Frame) + " Recording the sale…")
	}
	if m.err != "" {
		p.Blank()
		p.Para(st.Error, m.err)
	}
	p.Blank()
	p.Para(st.Muted, "Type the amount the customer gives in "+common.Upper(m.cart.Currency)+"; enter with nothing typed is the exact amount.")
	return p.String()
}

// change is the change due as typed so far: the change, how much is missing, or
// nothing while the amount cannot be read.
func (m Model) change(due checkout.Money) string {
	given, err := m.read()
	switch {
	case err != nil:
		return m.styles.Muted.Render("—")
	case given.Amount < due.Amount:
		return m.styles.Warning.Render(checkout.Money{Amount: due.Amount - given.Amount, Currency: due.Currency}.String() + " short")
	}
	return m.styles.Title.Render(checkout.Money{Amount: given.Amount - due.Amount, Currency: due.Currency}.String())
}
