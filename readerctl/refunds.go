package readerctl

import (
	"context"
	"time"

	"github.com/stripe/stripe-go/v76"
	"github.com/till-pos/till/checkout"
)

// Compile-time proof that the client is the gateway the refund machine needs.
var _ checkout.RefundGateway = (*Client)(nil)

// maxRefundsPerPayment bounds the listing of one payment's refunds: Stripe allows a
// refund of at least one minor unit each, so this is far beyond any real payment.
const maxRefundsPerPayment = 1000

// Metadata keys till puts on its refunds, so any till (or a person in the Dashboard)
// can tell which refund step made which refund.
const (
	metaRefundID = "till_refund_id"
	metaOrderID  = "order_id"
	metaTillID   = "till_id"
	metaReason   = "till_reason" // refund_payment takes no reason: till keeps it here
)

// CreateRefund refunds a card payment. req.Key is the Idempotency-Key, so a replay
// returns the refund the first call made.
func (c *Client) CreateRefund(ctx context.Context, req checkout.CreateRefund) (checkout.StripeRefund, error) {
	if err := needKey(req.Key, "refund the payment"); err != nil {
		return checkout.StripeRefund{}, err
	}
	p := &stripe.RefundParams{PaymentIntent: stripe.String(req.PaymentIntentID), Amount: stripe.Int64(req.Amount.Amount)}
	if req.Reason != "" {
		p.Reason = stripe.String(req.Reason)
	}
	c.refundMetadata(p.AddMetadata, req.RefundID, req.OrderID)
	p.IdempotencyKey = stripe.String(req.Key)
	var out *stripe.Refund
	err := c.call(ctx, "refund the payment", func(ctx context.Context) (err error) {
		p.Context = ctx
		out, err = c.api.Refunds.New(p)
		return err
	})
	if err != nil {
		return checkout.StripeRefund{}, err
	}
	return toRefund(out), nil
}

// RefundOnReader starts an in-person refund: the reader asks the customer for the
// card. req.Key is the Idempotency-Key of this attempt.
func (c *Client) RefundOnReader(ctx context.Context, req checkout.RefundOnReader) (checkout.Reader, error) {
	if err := needKey(req.Key, "send the refund to the reader"); err != nil {
		return checkout.Reader{}, err
	}
	p := &stripe.TerminalReaderRefundPaymentParams{
		PaymentIntent: stripe.String(req.PaymentIntentID),
		Amount:        stripe.Int64(req.Amount.Amount),
		// The customer may cancel on the reader; till reads customer_canceled and offers
		// retry or cancel, as for a payment.
		RefundPaymentConfig: &stripe.TerminalReaderRefundPaymentRefundPaymentConfigParams{EnableCustomerCancellation: stripe.Bool(true)},
	}
	c.refundMetadata(p.AddMetadata, req.RefundID, req.OrderID)
	if req.Reason != "" {
		p.AddMetadata(metaReason, req.Reason)
	}
	p.IdempotencyKey = stripe.String(req.Key)
	return c.readerCall(ctx, "send the refund to the reader", func() (*stripe.TerminalReader, error) {
		return c.api.TerminalReaders.RefundPayment(req.ReaderID, p)
	}, &p.Params)
}

func (c *Client) refundMetadata(add func(k, v string), refundID, orderID string) {
	add(metaRefundID, refundID)
	if orderID != "" {
		add(metaOrderID, orderID)
	}
	if c.tillID != "" {
		add(metaTillID, c.tillID)
	}
}

// ReadRefund retrieves one refund by Stripe's id.
func (c *Client) ReadRefund(ctx context.Context, stripeID string) (checkout.StripeRefund, error) {
	p := &stripe.RefundParams{}
	var out *stripe.Refund
	err := c.call(ctx, "read the refund", func(ctx context.Context) (err error) {
		p.Context = ctx
		out, err = c.api.Refunds.Get(stripeID, p)
		return err
	})
	if err != nil {
		return checkout.StripeRefund{}, err
	}
	return toRefund(out), nil
}

// FindRefund looks for till's refund refundID among the payment's refunds.
func (c *Client) FindRefund(ctx context.Context, paymentIntentID, refundID string) (*checkout.StripeRefund, error) {
	all, err := c.ListRefunds(ctx, paymentIntentID)
	if err != nil {
		return nil, err
	}
	var found *checkout.StripeRefund
	for i := range all {
		if all[i].TillRefundID != refundID {
			continue
		}
		// One key makes one refund; should there ever be two, the one that moved
		// money is the one to report.
		if found == nil || (!found.Status.Counts() && all[i].Status.Counts()) {
			found = &all[i]
		}
	}
	return found, nil
}

// ListRefunds lists every refund of a payment, newest first, following all pages.
func (c *Client) ListRefunds(ctx context.Context, paymentIntentID string) ([]checkout.StripeRefund, error) {
	p := &stripe.RefundListParams{PaymentIntent: stripe.String(paymentIntentID)}
	return c.listRefunds(ctx, "list the refunds of "+paymentIntentID, p, maxRefundsPerPayment)
}

// RefundsSince lists the account's refunds created at or after since, newest first,
// at most limit of them, each with its payment's till and order (from the expanded
// PaymentIntent's metadata). The client's Timeout bounds the whole listing.
func (c *Client) RefundsSince(ctx context.Context, since time.Time, limit int) ([]checkout.StripeRefund, error) {
	p := &stripe.RefundListParams{CreatedRange: &stripe.RangeQueryParams{GreaterThanOrEqual: since.Unix()}}
	p.AddExpand("data.payment_intent")
	return c.listRefunds(ctx, "list the refunds", p, limit)
}

func (c *Client) listRefunds(ctx context.Context, what string, p *stripe.RefundListParams, limit int) ([]checkout.StripeRefund, error) {
	var out []checkout.StripeRefund
	err := c.call(ctx, what, func(ctx context.Context) error {
		p.Limit = stripe.Int64(100)
		p.Context = ctx
		it := c.api.Refunds.List(p)
		for len(out) < limit && it.Next() {
			out = append(out, toRefund(it.Refund()))
		}
		return it.Err()
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// toRefund converts a refund; the payment intent may be an id or expanded.
func toRefund(r *stripe.Refund) checkout.StripeRefund {
	out := checkout.StripeRefund{
		ID:            r.ID,
		Amount:        checkout.Money{Amount: r.Amount, Currency: string(r.Currency)},
		Status:        checkout.RefundStatus(r.Status),
		FailureReason: string(r.FailureReason),
		Reason:        string(r.Reason),
		TillRefundID:  r.Metadata[metaRefundID],
		OrderID:       orderIDOf(r.Metadata[metaOrderID]),
		TillID:        r.Metadata[metaTillID],
	}
	if out.Reason == "" {
		out.Reason = r.Metadata[metaReason]
	}
	if pi := r.PaymentIntent; pi != nil {
		out.PaymentIntentID = pi.ID
		// Expanded: the payment's own metadata says which till took it.
		out.PaymentTillID = pi.Metadata[metaTillID]
		if out.OrderID == "" {
			out.OrderID = orderIDOf(pi.Metadata[metaOrderID])
		}
	}
	if r.Created != 0 {
		out.Created = time.Unix(r.Created, 0).UTC()
	}
	return out
}
