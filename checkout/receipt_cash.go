package checkout

import "fmt"

// CashReceipt makes the receipt of a sale paid in cash from its session: the lines as
// sold (or one line for a bare amount), the cash given and the change. There is no card
// and nothing from Stripe.
func CashReceipt(shop Shop, s Session) (Receipt, error) {
	if s.Cash == nil || s.Phase != Paid {
		return Receipt{}, fmt.Errorf("%w: order %s was not paid in cash", ErrNoReceipt, s.OrderID)
	}
	r := Receipt{Shop: shop, OrderID: s.OrderID, Captured: true, At: s.StartedAt, Cart: s.Cart, Cash: s.Cash}
	if r.Cart.Empty() {
		r.Cart = Cart{Currency: s.Amount.Currency, Lines: []Line{{Description: "Sale", UnitPrice: s.Amount.Amount, Quantity: 1}}}
	}
	r.Totals = r.Cart.Totals()
	if r.Totals.Total != s.Amount.Amount {
		return Receipt{}, fmt.Errorf("%w: order %s's lines add up to %s, not the %s paid", ErrNoReceipt, s.OrderID, r.Cart.Total(), s.Amount)
	}
	r.Charged = s.Cash.Due.Amount
	return r, nil
}

// cashSection prints what the customer paid in cash and got back.
func (p *printer) cashSection(r Receipt, money func(int64) string) {
	c := r.Cash
	if c.Due.Amount != r.Totals.Total {
		p.row("Cash rounding", money(c.Due.Amount-r.Totals.Total))
		p.row("TOTAL IN CASH", money(c.Due.Amount))
	}
	p.row("Cash", money(c.Given.Amount))
	p.row("Change", money(c.Change.Amount))
	p.blank()
	p.center("PAID IN CASH " + money(c.Due.Amount))
}

// RefundFilePrefix starts the file name of a refund's receipt, before its refund id.
const RefundFilePrefix = "refund-"

// FileName is what names the receipt's file: its PaymentIntent, a cash sale's order,
// or "refund-" and a refund's id.
func (r Receipt) FileName() string {
	switch {
	case r.Refund != nil:
		return RefundFilePrefix + r.Refund.ID
	case r.Cash != nil:
		return r.OrderID
	}
	return r.PaymentIntent
}
