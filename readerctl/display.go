package readerctl

import (
	"context"

	"github.com/stripe/stripe-go/v76"
	"github.com/till-pos/till/checkout"
)

// SetReaderDisplay shows a cart on the reader's screen (set_reader_display). It
// compares nothing: checkout.PerformDisplay reads the reader first, so a payment in
// progress is never replaced.
func (c *Client) SetReaderDisplay(ctx context.Context, readerID string, d checkout.Display) (checkout.Reader, error) {
	cart := &stripe.TerminalReaderSetReaderDisplayCartParams{
		Currency: stripe.String(d.Currency),
		Tax:      stripe.Int64(d.Tax),
		Total:    stripe.Int64(d.Total),
	}
	for _, l := range d.Lines {
		cart.LineItems = append(cart.LineItems, &stripe.TerminalReaderSetReaderDisplayCartLineItemParams{
			Amount: stripe.Int64(l.Amount), Description: stripe.String(l.Description), Quantity: stripe.Int64(l.Quantity)})
	}
	p := &stripe.TerminalReaderSetReaderDisplayParams{Type: stripe.String("cart"), Cart: cart}
	return c.readerCall(ctx, "show the cart on the reader", func() (*stripe.TerminalReader, error) {
		return c.api.TerminalReaders.SetReaderDisplay(readerID, p)
	}, &p.Params)
}

// toDisplay reads the cart a set_reader_display action shows.
func toDisplay(c *stripe.TerminalReaderActionSetReaderDisplayCart) *checkout.Display {
	d := &checkout.Display{Currency: string(c.Currency), Tax: c.Tax, Total: c.Total, Lines: []checkout.DisplayLine{}}
	for _, l := range c.LineItems {
		if l != nil {
			d.Lines = append(d.Lines, checkout.DisplayLine{Description: l.Description, Amount: l.Amount, Quantity: l.Quantity})
		}
	}
	return d
}

// tippingConfig puts the payment's tipping settings into process_config: skip the tip
// screen, or the amount percentage tips are worked out on. Nil sends nothing, and the
// reader's configuration decides.
func tippingConfig(pc *stripe.TerminalReaderProcessPaymentIntentProcessConfigParams, t *checkout.Tipping) {
	switch {
	case t == nil:
	case t.Skip:
		pc.SkipTipping = stripe.Bool(true)
	case t.AmountEligible > 0:
		pc.Tipping = &stripe.TerminalReaderProcessPaymentIntentProcessConfigTippingParams{AmountEligible: stripe.Int64(t.AmountEligible)}
	}
}
