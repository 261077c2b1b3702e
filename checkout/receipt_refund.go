package checkout

import (
	"fmt"
	"slices"
	"strings"
)

// RefundSlip is what a refund receipt says about its refund (Receipt.Refund): the
// customer's proof that money is coming back to the card.
type RefundSlip struct {
	ID       string       // till's refund id
	StripeID string       // Stripe's refund (re_…)
	Status   RefundStatus // as Stripe last reported it: succeeded or pending
	Reason   string       // Stripe's reason, when one was given
	Amount   Money
	Lines    []RefundSlipLine // the units given back, when refunded by line
	Paid     Money            // what the payment took
	Refunded Money            // every refund of the payment so far, as Stripe counts them now
}

// Left is what is left on the payment after every refund of it so far.
func (rf *RefundSlip) Left() int64 { return max(rf.Paid.Amount-rf.Refunded.Amount, 0) }

// RefundSlipLine is units of one sold line given back, and what they came to.
type RefundSlipLine struct {
	SKU         string
	Description string
	Quantity    int64
	Amount      int64
}

// RefundReceipt makes the receipt of a refund this till made: from the refund, its
// order's session (nil when this till has no record of the sale; the lines are then
// not named), the order's other refunds (to price the lines as the refund did) and the
// payment as Stripe has it now. A refund that gave nothing back, or whose outcome is
// not known yet, has no receipt.
func RefundReceipt(shop Shop, rf Refund, s *Session, others []Refund, p Payment) (Receipt, error) {
	switch {
	case rf.HasReceipt():
	case rf.Phase == RefundFailed || rf.Phase == RefundCanceled:
		return Receipt{}, fmt.Errorf("%w: refund %s is %s: nothing was refunded", ErrNoReceipt, rf.ID, rf.Phase)
	default:
		return Receipt{}, fmt.Errorf("%w: refund %s is not finished (%s); check its status first (till refund %s --refund-id %s)",
			ErrNoReceipt, rf.ID, rf.Phase, rf.PaymentIntentID, rf.ID)
	}
	if p.Intent.ID != rf.PaymentIntentID {
		return Receipt{}, fmt.Errorf("%w: refund %s is of %s, not %s", ErrNoReceipt, rf.ID, rf.PaymentIntentID, p.Intent.ID)
	}
	in := p.Intent
	card := rf.Card
	if card.Last4 == "" {
		card = in.Card
	}
	slip := &RefundSlip{ID: rf.ID, StripeID: rf.StripeID, Status: rf.Status, Reason: rf.Reason, Amount: rf.Amount,
		Paid:     Money{Amount: in.AmountReceived, Currency: in.Amount.Currency},
		Refunded: Money{Amount: in.AmountRefunded, Currency: in.Amount.Currency}}
	if slip.Status == "" {
		slip.Status = RefundStatusSucceeded
		if rf.Phase == RefundPending {
			slip.Status = RefundStatusPending
		}
	}
	if s != nil && len(rf.Lines) > 0 {
		lines, err := slipLines(s.Cart, rf, others)
		if err != nil {
			return Receipt{}, fmt.Errorf("%w: refund %s: %v", ErrNoReceipt, rf.ID, err)
		}
		slip.Lines = lines
	}
	return Receipt{Shop: shop, OrderID: rf.OrderID, PaymentIntent: rf.PaymentIntentID, Captured: true, At: rf.StartedAt,
		Totals: CartTotals{Currency: rf.Amount.Currency}, Card: card, Refund: slip}, nil
}

// HasReceipt reports whether the refund has a receipt: Stripe has it, succeeded or
// pending. One that gave nothing back, or whose outcome is not known yet, has none.
func (rf Refund) HasReceipt() bool { return rf.Phase == RefundSucceeded || rf.Phase == RefundPending }

// slipLines names the refund's lines and prices each as LinesAmount priced the
// refund: after the units the order's earlier refunds gave back.
func slipLines(cart Cart, rf Refund, others []Refund) ([]RefundSlipLine, error) {
	var earlier []Refund
	for _, o := range others {
		if o.ID != rf.ID && o.StartedAt.Before(rf.StartedAt) {
			earlier = append(earlier, o)
		}
	}
	done := RefundedLines(earlier)
	out := make([]RefundSlipLine, 0, len(rf.Lines))
	for _, l := range rf.Lines {
		amount, err := LinesAmount(cart, []RefundLine{l}, done)
		if err != nil {
			return nil, err
		}
		done = append(done, l)
		out = append(out, RefundSlipLine{SKU: l.SKU, Description: cart.Lines[l.Line].Description, Quantity: l.Quantity, Amount: amount.Amount})
	}
	return out, nil
}

// refundSection prints the refund's lines, its total and what is left of the payment.
func (p *printer) refundSection(r Receipt, money func(int64) string) {
	rf := r.Refund
	for _, l := range rf.Lines {
		p.row(fmt.Sprintf("%d x %s", l.Quantity, l.Description), money(-l.Amount))
	}
	if len(rf.Lines) == 0 {
		p.row("Refund of the payment", money(-rf.Amount.Amount))
	}
	p.rule()
	p.row("REFUND TOTAL", money(-rf.Amount.Amount))
	p.rule()
	p.row(cardName(r.Card), "")
	if rf.Reason != "" {
		p.row("Reason", refundReasonWords(rf.Reason))
	}
	p.row("Payment", money(rf.Paid.Amount))
	p.row("Refunded so far", money(-rf.Refunded.Amount))
	p.row("Left on the payment", money(rf.Left()))
	p.blank()
	if rf.Status == RefundStatusPending {
		p.center("REFUND PENDING " + money(rf.Amount.Amount))
	} else {
		p.center("REFUNDED " + money(rf.Amount.Amount))
	}
	p.center("Back on the card in 5-10 business days")
	if rf.StripeID != "" && rf.StripeID != rf.ID { // a refund made outside till has no id of till's
		p.center(rf.StripeID)
	}
	p.center(r.PaymentIntent)
}

// refundReasonWords says Stripe's refund reason as a receipt prints it.
func refundReasonWords(reason string) string {
	if !slices.Contains(RefundReasons, reason) {
		return reason
	}
	s := strings.ReplaceAll(reason, "_", " ")
	return strings.ToUpper(s[:1]) + s[1:]
}

// RefundDoc is a refund receipt's refund, as JSON.
type RefundDoc struct {
	RefundID      string          `json:"refund_id"`
	Refund        string          `json:"refund"`
	Status        RefundStatus    `json:"status"`
	Reason        string          `json:"reason,omitempty"`
	Amount        int64           `json:"amount"`
	Lines         []RefundLineDoc `json:"lines"`
	PaymentAmount int64           `json:"payment_amount"`
	RefundedTotal int64           `json:"refunded_total"` // every refund of the payment so far
	Left          int64           `json:"left"`
}

// RefundLineDoc is units of one sold line given back.
type RefundLineDoc struct {
	SKU      string `json:"sku"`
	Name     string `json:"name"`
	Quantity int64  `json:"quantity"`
	Amount   int64  `json:"amount"`
}

// refundDoc is the slip as JSON.
func refundDoc(rf *RefundSlip) *RefundDoc {
	d := &RefundDoc{RefundID: rf.ID, Refund: rf.StripeID, Status: rf.Status, Reason: rf.Reason, Amount: rf.Amount.Amount,
		Lines: []RefundLineDoc{}, PaymentAmount: rf.Paid.Amount, RefundedTotal: rf.Refunded.Amount,
		Left: rf.Left()}
	for _, l := range rf.Lines {
		d.Lines = append(d.Lines, RefundLineDoc{SKU: l.SKU, Name: l.Description, Quantity: l.Quantity, Amount: l.Amount})
	}
	return d
}
