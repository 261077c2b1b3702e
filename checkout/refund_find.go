package checkout

import (
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"
)

// PaymentReader is what finding a payment to refund needs from Stripe.
type PaymentReader interface {
	ReadIntent(ctx context.Context, paymentIntentID string) (Intent, error)
	FindIntentsByOrder(ctx context.Context, orderID string) ([]Intent, error)
}

// SessionReader is what finding a payment needs from this till's own records.
type SessionReader interface {
	Session(orderID string) (Session, bool, error)
}

// ErrNoPayment is wrapped when a reference names no payment that can be refunded.
var ErrNoPayment = errors.New("no payment found")

// FindPayment finds the payment a cashier names — a PaymentIntent id, or an order id:
// this till's session first, else Stripe's search, so a payment whose journal was lost
// is still found — and returns it freshly read, with what was refunded so far.
func FindPayment(ctx context.Context, g PaymentReader, sessions SessionReader, ref string) (Intent, error) {
	ref = strings.TrimSpace(ref)
	switch {
	case ref == "":
		return Intent{}, fmt.Errorf("%w: name an order or a payment (pi_…)", ErrNoPayment)
	case strings.HasPrefix(ref, "pi_"):
		return g.ReadIntent(ctx, ref)
	}
	if s, found, err := sessions.Session(ref); err != nil {
		return Intent{}, err
	} else if found && s.Cash != nil {
		return Intent{}, errCashSale(s)
	} else if found && s.PaymentIntentID != "" && s.Phase == Paid {
		return g.ReadIntent(ctx, s.PaymentIntentID)
	}
	found, err := g.FindIntentsByOrder(ctx, ref)
	if err != nil {
		return Intent{}, err
	}
	var paid []string
	for _, in := range found {
		if in.OrderID == ref && in.Status == IntentSucceeded {
			paid = append(paid, in.ID)
		}
	}
	switch len(paid) {
	case 0:
		return Intent{}, fmt.Errorf("%w: order %s has no successful payment (Stripe's search can lag a minute behind a new payment)", ErrNoPayment, ref)
	case 1:
		return g.ReadIntent(ctx, paid[0])
	}
	return Intent{}, fmt.Errorf("%w: order %s has %d successful payments (%s); name the one to refund", ErrNoPayment, ref, len(paid), strings.Join(paid, ", "))
}

// NewRefundID makes a refund id that sorts by time; nonce makes it unique.
func NewRefundID(at time.Time, nonce [4]byte) string {
	return "rf_" + at.UTC().Format("20060102T150405") + "_" + hex.EncodeToString(nonce[:])
}
