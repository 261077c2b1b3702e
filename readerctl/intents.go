package readerctl

import (
	"context"
	"strings"

	"github.com/stripe/stripe-go/v76"
	"github.com/till-pos/till/checkout"
)

// CreateIntent creates the order's card_present PaymentIntent. req.Key is the
// Idempotency-Key, so a replay returns the intent the first call created.
func (c *Client) CreateIntent(ctx context.Context, req checkout.CreateIntent) (checkout.Intent, error) {
	if err := needKey(req.Key, "create the PaymentIntent"); err != nil {
		return checkout.Intent{}, err
	}
	p := &stripe.PaymentIntentParams{
		Amount:             stripe.Int64(req.Amount.Amount),
		Currency:           stripe.String(req.Amount.Currency),
		PaymentMethodTypes: paymentMethodTypes(req.Amount.Currency),
		Description:        stripe.String("till order " + req.OrderID),
	}
	if req.CaptureMethod != "" {
		p.CaptureMethod = stripe.String(string(req.CaptureMethod))
	}
	p.AddMetadata("order_id", req.OrderID)
	if req.ReaderID != "" {
		p.AddMetadata("till_reader", req.ReaderID)
	}
	if c.tillID != "" {
		p.AddMetadata("till_id", c.tillID)
	}
	if !c.fee.IsZero() {
		p.ApplicationFeeAmount = stripe.Int64(c.fee.On(req.Amount.Amount))
	}
	p.IdempotencyKey = stripe.String(req.Key)
	var pi *stripe.PaymentIntent
	err := c.call(ctx, "create the PaymentIntent", func(ctx context.Context) (err error) {
		p.Context = ctx
		pi, err = c.api.PaymentIntents.New(p)
		return err
	})
	if err != nil {
		return checkout.Intent{}, err
	}
	return toIntent(pi, c.key), nil
}

// ReadIntent retrieves the PaymentIntent with its latest charge, for the card and the
// authorization's expiry.
func (c *Client) ReadIntent(ctx context.Context, paymentIntentID string) (checkout.Intent, error) {
	pi, err := c.getIntent(ctx, "read the PaymentIntent", paymentIntentID)
	if err != nil {
		return checkout.Intent{}, err
	}
	return toIntent(pi, c.key), nil
}

// getIntent retrieves a PaymentIntent with its latest charge expanded.
func (c *Client) getIntent(ctx context.Context, what, paymentIntentID string) (*stripe.PaymentIntent, error) {
	p := &stripe.PaymentIntentParams{}
	p.AddExpand("latest_charge")
	var pi *stripe.PaymentIntent
	err := c.call(ctx, what, func(ctx context.Context) (err error) {
		p.Context = ctx
		pi, err = c.api.PaymentIntents.Get(paymentIntentID, p)
		return err
	})
	return pi, err
}

// CaptureIntent captures the full authorized amount.
func (c *Client) CaptureIntent(ctx context.Context, req checkout.CaptureIntent) (checkout.Intent, error) {
	if err := needKey(req.Key, "capture the payment"); err != nil {
		return checkout.Intent{}, err
	}
	p := &stripe.PaymentIntentCaptureParams{}
	if !c.fee.IsZero() && req.Capturable > 0 {
		// Seed 001: check the fee against what was authorized (a tip changes it) before
		// capturing.
		p.ApplicationFeeAmount = stripe.Int64(c.fee.On(req.Capturable))
	}
	p.AddExpand("latest_charge")
	p.IdempotencyKey = stripe.String(req.Key)
	var pi *stripe.PaymentIntent
	err := c.call(ctx, "capture the payment", func(ctx context.Context) (err error) {
		p.Context = ctx
		pi, err = c.api.PaymentIntents.Capture(req.PaymentIntentID, p)
		return err
	})
	if err != nil {
		return checkout.Intent{}, err
	}
	return toIntent(pi, c.key), nil
}

// CancelIntent cancels the PaymentIntent; an empty reason sends none.
func (c *Client) CancelIntent(ctx context.Context, req checkout.CancelIntent) (checkout.Intent, error) {
	if err := needKey(req.Key, "cancel the payment"); err != nil {
		return checkout.Intent{}, err
	}
	p := &stripe.PaymentIntentCancelParams{}
	if req.Reason != "" {
		p.CancellationReason = stripe.String(req.Reason)
	}
	p.AddExpand("latest_charge")
	p.IdempotencyKey = stripe.String(req.Key)
	var pi *stripe.PaymentIntent
	err := c.call(ctx, "cancel the payment", func(ctx context.Context) (err error) {
		p.Context = ctx
		pi, err = c.api.PaymentIntents.Cancel(req.PaymentIntentID, p)
		return err
	})
	if err != nil {
		return checkout.Intent{}, err
	}
	return toIntent(pi, c.key), nil
}

// needKey refuses a money-moving call without its idempotency key: stripe-go would
// make up a random one, and a replay after a crash could then act twice.
func needKey(key, what string) error {
	if key == "" {
		return &checkout.Failure{Kind: checkout.KindInvalidRequest, Message: "no idempotency key to " + what + "; nothing was sent"}
	}
	return nil
}

// paymentMethodTypes: card_present everywhere, and Interac as well for Canadian dollars.
// Interac is single-message (captured when authorized), so till never captures it.
func paymentMethodTypes(currency string) []*string {
	types := []*string{stripe.String("card_present")}
	if strings.EqualFold(currency, "cad") {
		types = append(types, stripe.String("interac_present"))
	}
	return types
}
