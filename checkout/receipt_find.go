package checkout

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// ReceiptGateway is what making and emailing a receipt needs from Stripe; readerctl
// implements it.
type ReceiptGateway interface {
	ReadPayment(ctx context.Context, paymentIntentID string) (Payment, error)
	SetReceiptEmail(ctx context.Context, paymentIntentID, email, key string) (Intent, error)
	ReadRefund(ctx context.Context, stripeID string) (StripeRefund, error)
}

// ReceiptRecords is what finding a receipt needs from this till's own records: its
// orders and its refunds. store implements it.
type ReceiptRecords interface {
	SessionReader
	Refund(id string) (Refund, bool, error)
	RefundsOf(orderID string) ([]Refund, error)
}

// FindReceipt makes the receipt of an order of this till (its id, from the sessions),
// of a PaymentIntent (pi_…, whose order's lines are used when this till has the
// order) or of a refund this till made (its refund id). The payment is read from
// Stripe each time: the card's data is never stored. `till receipt` and the receipt
// page both call it.
func FindReceipt(ctx context.Context, g ReceiptGateway, records ReceiptRecords, shop Shop, id string) (Receipt, error) {
	var sess *Session
	pi := id
	if !strings.HasPrefix(id, "pi_") {
		s, found, err := records.Session(id)
		switch {
		case err != nil:
			return Receipt{}, err
		case !found:
			return findRefundReceipt(ctx, g, records, shop, id)
		case s.Cash != nil:
			return CashReceipt(shop, s)
		case s.PaymentIntentID == "" && s.Phase == Building:
			return Receipt{}, fmt.Errorf("order %s never reached Stripe (its cart is open); there is no receipt", id)
		case s.PaymentIntentID == "" && s.Phase == Canceled:
			return Receipt{}, fmt.Errorf("order %s was canceled before till knew of a payment at Stripe for it; there is no receipt", id)
		case s.PaymentIntentID == "":
			// Its create is under way or got no answer: no PaymentIntent is named yet.
			return Receipt{}, fmt.Errorf("order %s has no payment at Stripe that till knows of yet (it is %s); there is no receipt until it is paid", id, s.PhaseWords())
		}
		sess, pi = &s, s.PaymentIntentID
	}
	p, err := g.ReadPayment(ctx, pi)
	if err != nil {
		return Receipt{}, fmt.Errorf("cannot read %s: %s", pi, ExplainReadWithDetail(AsFailure(err)))
	}
	if sess == nil && p.Intent.OrderID != "" {
		if s, found, err := records.Session(p.Intent.OrderID); err == nil && found && s.PaymentIntentID == pi {
			sess = &s
		}
	}
	return NewReceipt(shop, sess, p)
}

// findRefundReceipt makes the receipt of a refund: one this till made (its refund id),
// or any refund by Stripe's id (re_…: one made in the Dashboard, say). The refund and
// the payment are read from Stripe now, so the receipt says what Stripe has: a refund
// Stripe failed since till last looked has none, and what is left of the payment is
// today's.
func findRefundReceipt(ctx context.Context, g ReceiptGateway, records ReceiptRecords, shop Shop, id string) (Receipt, error) {
	rf, found, err := records.Refund(id)
	stripeID := rf.StripeID
	switch {
	case err != nil:
		return Receipt{}, err
	case !found && strings.HasPrefix(id, "re_"):
		stripeID = id
	case !found && strings.HasPrefix(id, "ord_"):
		return Receipt{}, fmt.Errorf("no order %q in this till's database; give its PaymentIntent (pi_…) instead", id)
	case !found:
		return Receipt{}, fmt.Errorf("no order or refund %q in this till's database; give its PaymentIntent (pi_…) instead", id)
	}
	if stripeID != "" {
		if rf, err = refundAsStripeHasIt(ctx, g, records, rf, stripeID); err != nil {
			return Receipt{}, err
		}
	}
	var sess *Session
	if s, found, err := records.Session(rf.OrderID); err != nil {
		return Receipt{}, err
	} else if found {
		sess = &s
	}
	others, err := records.RefundsOf(rf.OrderID)
	if err != nil {
		return Receipt{}, err
	}
	p, err := g.ReadPayment(ctx, rf.PaymentIntentID)
	if err != nil {
		return Receipt{}, fmt.Errorf("cannot read %s: %s", rf.PaymentIntentID, ExplainReadWithDetail(AsFailure(err)))
	}
	return RefundReceipt(shop, rf, sess, others, p)
}

// refundAsStripeHasIt reads the refund Stripe has under stripeID and sets the refund's phase from
// it (settleRefund, where Stripe's status always becomes the phase). A refund this till
// did not know by that id is this till's own when the metadata names one it keeps, else
// the refund as Stripe has it, with no lines.
func refundAsStripeHasIt(ctx context.Context, g ReceiptGateway, records ReceiptRecords, rf Refund, stripeID string) (Refund, error) {
	sr, err := g.ReadRefund(ctx, stripeID)
	if err != nil {
		return Refund{}, fmt.Errorf("cannot read %s: %s", stripeID, ExplainReadWithDetail(AsFailure(err)))
	}
	if rf.ID == "" && sr.TillRefundID != "" {
		mine, found, err := records.Refund(sr.TillRefundID)
		if err != nil {
			return Refund{}, err
		}
		if found {
			rf = mine
		}
	}
	if rf.ID == "" {
		rf = Refund{ID: sr.ID, OrderID: sr.OrderID, PaymentIntentID: sr.PaymentIntentID, Amount: sr.Amount, Reason: sr.Reason, StartedAt: sr.Created}
	}
	rf, _, _ = settleRefund(rf, sr, rf.UpdatedAt)
	return rf, nil
}

// EmailReceipt sets receipt_email on the receipt's PaymentIntent under a key fixed by
// the payment and the address (asking twice sends one email), journaled under the
// order like every call: the step before the call (when that write fails the call is
// not made), the outcome after.
func EmailReceipt(ctx context.Context, g ReceiptGateway, j Journal, r Receipt, addr string, now func() time.Time) error {
	if why := r.WhyNoEmail(); why != "" {
		return &Failure{Kind: KindInvalidRequest, Message: why + "; print it instead"}
	}
	key := ReceiptEmailKey(r.PaymentIntent, addr)
	entry := Entry{OrderID: r.OrderID, At: now(), Stage: StageBefore, Step: "receipt_email", IdempotencyKey: key, PaymentIntentID: r.PaymentIntent}
	if r.OrderID != "" {
		if _, err := j.Append(entry); err != nil {
			return &Failure{Kind: KindStore, Message: err.Error()}
		}
		ctx = WithOrder(ctx, r.OrderID)
	}
	_, err := g.SetReceiptEmail(ctx, r.PaymentIntent, addr, key)
	if r.OrderID != "" {
		entry.At, entry.Stage, entry.Outcome = now(), StageAfter, "ok"
		if err != nil {
			entry.Outcome = string(AsFailure(err).Kind)
		}
		_, _ = j.Append(entry) // for people; the call is made either way
	}
	return err
}
