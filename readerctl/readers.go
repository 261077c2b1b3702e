package readerctl

import (
	"context"
	"fmt"
	"time"

	"github.com/stripe/stripe-go/v76"
	"github.com/till-pos/till/checkout"
)

// ProcessOnReader sends the PaymentIntent to the reader. req.Key is the
// Idempotency-Key of this attempt.
func (c *Client) ProcessOnReader(ctx context.Context, req checkout.ProcessOnReader) (checkout.Reader, error) {
	if err := needKey(req.Key, "send the payment to the reader"); err != nil {
		return checkout.Reader{}, err
	}
	p := &stripe.TerminalReaderProcessPaymentIntentParams{
		PaymentIntent: stripe.String(req.PaymentIntentID),
		// The customer may cancel on the reader; till reads customer_canceled and offers
		// retry or cancel, rather than leaving the cashier to find out.
		ProcessConfig: &stripe.TerminalReaderProcessPaymentIntentProcessConfigParams{EnableCustomerCancellation: stripe.Bool(true)},
	}
	tippingConfig(p.ProcessConfig, req.Tipping)
	p.IdempotencyKey = stripe.String(req.Key)
	return c.readerCall(ctx, "send the payment to the reader", func() (*stripe.TerminalReader, error) {
		return c.api.TerminalReaders.ProcessPaymentIntent(req.ReaderID, p)
	}, &p.Params)
}

// ReadReader retrieves the reader and its current action.
func (c *Client) ReadReader(ctx context.Context, readerID string) (checkout.Reader, error) {
	p := &stripe.TerminalReaderParams{}
	return c.readerCall(ctx, "read the reader", func() (*stripe.TerminalReader, error) {
		return c.api.TerminalReaders.Get(readerID, p)
	}, &p.Params)
}

// ReadReaderStatus retrieves the reader with the PaymentIntent of its action expanded,
// latest charge and all: a payment's poll in one call. The intent is nil when the
// reader's action takes no payment.
func (c *Client) ReadReaderStatus(ctx context.Context, readerID string) (checkout.Reader, *checkout.Intent, error) {
	p := &stripe.TerminalReaderParams{}
	p.AddExpand("action.process_payment_intent.payment_intent")
	p.AddExpand("action.process_payment_intent.payment_intent.latest_charge")
	var got *stripe.TerminalReader
	r, err := c.readerCall(ctx, "read the reader", func() (*stripe.TerminalReader, error) {
		var err error
		got, err = c.api.TerminalReaders.Get(readerID, p)
		return got, err
	}, &p.Params)
	if err != nil {
		return r, nil, err
	}
	return r, actionIntent(got, c.key), nil
}

// CancelReaderAction cancels whatever the reader is doing. It compares nothing: the
// caller (checkout.Perform, the support screen) checks the action is its own first.
func (c *Client) CancelReaderAction(ctx context.Context, readerID string) (checkout.Reader, error) {
	p := &stripe.TerminalReaderCancelActionParams{}
	fixKey(&p.Params)
	return c.readerCall(ctx, "cancel the reader's action", func() (*stripe.TerminalReader, error) {
		return c.api.TerminalReaders.CancelAction(readerID, p)
	}, &p.Params)
}

// interacNumbers are the simulated test cards that are Interac, not card_present.
var interacNumbers = map[string]bool{"4506445006931933": true}

// CheckTestCard refuses what cannot be a card number before anything is sent: 12 to
// 19 digits that pass the Luhn check, as every Stripe test card does. "" (Stripe's
// default card) passes.
func CheckTestCard(number string) error {
	if number == "" {
		return nil
	}
	sum, double := 0, false
	for i := len(number) - 1; i >= 0; i-- {
		d := int(number[i] - '0')
		if d < 0 || d > 9 {
			return errNotACard(number)
		}
		if double {
			if d *= 2; d > 9 {
				d -= 9
			}
		}
		sum, double = sum+d, !double
	}
	if len(number) < 12 || len(number) > 19 || sum%10 != 0 {
		return errNotACard(number)
	}
	return nil
}

func errNotACard(number string) error {
	return fmt.Errorf("%q is not a card number: 12 to 19 digits that pass the Luhn check, such as Stripe's test card 4242424242424242", number)
}

// PresentCard presents a test card on a simulated reader (the present_payment_method
// test helper). An empty number lets Stripe choose its default card for the intent.
func (c *Client) PresentCard(ctx context.Context, readerID, cardNumber string) (checkout.Reader, error) {
	return c.PresentCardWithTip(ctx, readerID, cardNumber, 0)
}

// PresentCardWithTip presents a test card and the tip the customer picks on the
// simulated reader (amount_tip); a tip of 0 sends none.
func (c *Client) PresentCardWithTip(ctx context.Context, readerID, cardNumber string, tip int64) (checkout.Reader, error) {
	if err := CheckTestCard(cardNumber); err != nil {
		return checkout.Reader{}, &checkout.Failure{Kind: checkout.KindInvalidRequest, Message: err.Error() + "; nothing was sent"}
	}
	p := &stripe.TestHelpersTerminalReaderPresentPaymentMethodParams{}
	if tip > 0 {
		p.AmountTip = stripe.Int64(tip)
	}
	switch {
	case cardNumber == "":
	case interacNumbers[cardNumber]:
		p.Type = stripe.String("interac_present")
		p.InteracPresent = &stripe.TestHelpersTerminalReaderPresentPaymentMethodInteracPresentParams{Number: stripe.String(cardNumber)}
	default:
		p.Type = stripe.String("card_present")
		p.CardPresent = &stripe.TestHelpersTerminalReaderPresentPaymentMethodCardPresentParams{Number: stripe.String(cardNumber)}
	}
	fixKey(&p.Params)
	return c.readerCall(ctx, "present a card on the reader", func() (*stripe.TerminalReader, error) {
		return c.api.TestHelpersTerminalReaders.PresentPaymentMethod(readerID, p)
	}, &p.Params)
}

// ListReaders lists every reader of the account, in every location, following all
// pages. The client's Timeout bounds the whole listing.
func (c *Client) ListReaders(ctx context.Context) ([]checkout.Reader, error) {
	readers, _, err := c.listReaders(ctx, false)
	return readers, err
}

// ListReadersWithIntents lists the readers as ListReaders does, with the PaymentIntent
// each reader's action works on, expanded in the same listing: what a screen of readers
// shows of their payments, without listing the account's PaymentIntents.
func (c *Client) ListReadersWithIntents(ctx context.Context) ([]checkout.Reader, []checkout.Intent, error) {
	return c.listReaders(ctx, true)
}

func (c *Client) listReaders(ctx context.Context, withIntents bool) ([]checkout.Reader, []checkout.Intent, error) {
	var readers []checkout.Reader
	var intents []checkout.Intent
	err := c.call(ctx, "list the readers", func(ctx context.Context) error {
		readers, intents = nil, nil // a listing cut short by a rate limit starts again
		p := &stripe.TerminalReaderListParams{}
		p.Limit = stripe.Int64(100)
		if withIntents {
			p.AddExpand("data.action.process_payment_intent.payment_intent")
		}
		p.Context = ctx
		it := c.api.TerminalReaders.List(p)
		var page *stripe.TerminalReaderList
		var raw map[string]rawReader
		for it.Next() {
			if len(readers) >= maxListed {
				return errEndlessList
			}
			if l := it.TerminalReaderList(); l != page {
				page, raw = l, rawOfReaderList(l)
			}
			r := it.TerminalReader()
			readers = append(readers, toReader(r, raw[r.ID]))
			if in := actionIntent(r, c.key); in != nil {
				intents = append(intents, *in)
			}
		}
		return it.Err()
	})
	if err != nil {
		return nil, nil, err
	}
	c.recent.note(time.Now(), readers...)
	return readers, intents, nil
}

// actionIntent is the PaymentIntent of the reader's action when Stripe expanded it; an
// intent that was not expanded has an id and nothing else.
func actionIntent(r *stripe.TerminalReader, key string) *checkout.Intent {
	if a := r.Action; a != nil && a.ProcessPaymentIntent != nil {
		if pi := a.ProcessPaymentIntent.PaymentIntent; pi != nil && pi.Status != "" {
			in := toIntent(pi, key)
			return &in
		}
	}
	return nil
}

// readerCall runs a call that returns one reader. A deleted reader counts as not
// found: it can take no payment.
func (c *Client) readerCall(ctx context.Context, what string, do func() (*stripe.TerminalReader, error), p *stripe.Params) (checkout.Reader, error) {
	var r *stripe.TerminalReader
	err := c.call(ctx, what, func(ctx context.Context) (err error) {
		p.Context = ctx
		r, err = do()
		return err
	})
	if err != nil {
		return checkout.Reader{}, err
	}
	if r.Deleted {
		return checkout.Reader{}, &checkout.Failure{Kind: checkout.KindNotFound, Message: "the reader " + r.ID + " was deleted"}
	}
	out := toReader(r, rawOfReader(r))
	c.recent.note(time.Now(), out)
	return out, nil
}
