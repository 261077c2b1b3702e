package fake

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/ui/common"
)

// refunds is the fake Stripe's refunds: made through the API or on a reader, each with
// the payment it gives back. A refund of the refund_fail card (last four 5126) is
// pending until it is read again, then failed, as Stripe's simulator does.
type refunds struct {
	made    []checkout.StripeRefund
	pending map[string]int64 // on a reader: refund id → amount, until the card is presented
	failing map[string]bool  // Stripe ids of pending refunds that fail when next read
	lose    int              // how many more creates make the refund and lose the answer
}

// LoseRefundAnswers makes the next n refund creates reach Stripe (the refund is made)
// and their answers lost on the way back: an ambiguous failure.
func (g *Gateway) LoseRefundAnswers(n int) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.refunds.lose = n
}

// RefundFailCard is Stripe's test card whose refunds go pending, then fail.
const RefundFailCard = "4000000000005126"

// intentAt finds an intent, the cashier's or another; the caller holds g.mu.
func (g *Gateway) intentAt(id string) (*checkout.Intent, bool) {
	if in, ok := g.other(id); ok {
		return in, true
	}
	if g.intent.ID == id && id != "" {
		return &g.intent, true
	}
	return nil, false
}

// Refunds are every refund made, oldest first.
func (g *Gateway) Refunds() []checkout.StripeRefund {
	g.mu.Lock()
	defer g.mu.Unlock()
	return slices.Clone(g.refunds.made)
}

// refund records a refund of an intent; the caller holds g.mu.
func (g *Gateway) refund(in *checkout.Intent, amount int64, tillRefundID, orderID string) checkout.StripeRefund {
	sr := checkout.StripeRefund{ID: "re_" + strconv.Itoa(len(g.refunds.made)+1), Amount: checkout.Money{Amount: amount, Currency: in.Amount.Currency},
		Status: checkout.RefundStatusSucceeded, PaymentIntentID: in.ID, TillRefundID: tillRefundID, OrderID: orderID}
	if g.Now != nil {
		sr.Created = g.Now()
	}
	if in.Card.Last4 == RefundFailCard[12:] {
		sr.Status = checkout.RefundStatusPending
		if g.refunds.failing == nil {
			g.refunds.failing = map[string]bool{}
		}
		g.refunds.failing[sr.ID] = true
	}
	in.AmountRefunded += amount
	g.refunds.made = append(g.refunds.made, sr)
	return sr
}

// CreateRefund refunds a card payment; a replay with the same refund id returns the
// refund the first call made.
func (g *Gateway) CreateRefund(_ context.Context, req checkout.CreateRefund) (checkout.StripeRefund, error) {
	g.log.add(Entry{Step: "create_refund", Key: req.Key, Subject: req.PaymentIntentID})
	g.mu.Lock()
	defer g.mu.Unlock()
	for _, sr := range g.refunds.made {
		if sr.TillRefundID == req.RefundID {
			return sr, nil
		}
	}
	in, ok := g.intentAt(req.PaymentIntentID)
	if !ok {
		return checkout.StripeRefund{}, &checkout.Failure{Kind: checkout.KindNotFound, Message: "No such payment_intent: " + req.PaymentIntentID}
	}
	if req.Amount.Amount > in.AmountReceived-in.AmountRefunded {
		return checkout.StripeRefund{}, &checkout.Failure{Kind: checkout.KindInvalidRequest, Code: "amount_too_large",
			Message: "Refund amount is greater than unrefunded amount on charge."}
	}
	sr := g.refund(in, req.Amount.Amount, req.RefundID, req.OrderID)
	if g.refunds.lose > 0 {
		g.refunds.lose--
		return checkout.StripeRefund{}, ErrNetwork
	}
	return sr, nil
}

// RefundOnReader puts an in-person refund on the reader: it waits for the card.
func (g *Gateway) RefundOnReader(_ context.Context, req checkout.RefundOnReader) (checkout.Reader, error) {
	g.log.add(Entry{Step: "refund_on_reader", Key: req.Key, Subject: req.ReaderID})
	g.mu.Lock()
	defer g.mu.Unlock()
	i, err := g.readerAt(req.ReaderID)
	if err != nil {
		return checkout.Reader{}, err
	}
	if g.refunds.pending == nil {
		g.refunds.pending = map[string]int64{}
	}
	g.refunds.pending[req.RefundID] = req.Amount.Amount
	g.readers[i].Action = &checkout.ReaderAction{Type: checkout.ActionRefundPayment, Status: checkout.ActionInProgress,
		TillRefundID: req.RefundID, PaymentIntentID: req.PaymentIntentID}
	return g.readers[i], nil
}

// refundInPerson completes the reader's refund once the card is presented; the caller
// holds g.mu.
func (g *Gateway) refundInPerson(i int) checkout.Reader {
	a := g.readers[i].Action
	in, ok := g.intentAt(a.PaymentIntentID)
	if !ok {
		a.Status, a.FailureCode = checkout.ActionFailed, "resource_missing"
		return g.readers[i]
	}
	sr := g.refund(in, g.refunds.pending[a.TillRefundID], a.TillRefundID, in.OrderID)
	a.Status, a.RefundID = checkout.ActionSucceeded, sr.ID
	return g.readers[i]
}

// RefundOutside refunds a payment as the Dashboard does: no till made the refund.
func (g *Gateway) RefundOutside(paymentIntentID string, amount int64) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if in, ok := g.intentAt(paymentIntentID); ok {
		g.refund(in, amount, "", in.OrderID)
	}
}

// FailAction ends a reader's action as failed, with a failure code (customer_canceled,
// say): what the customer or the reader did.
func (g *Gateway) FailAction(readerID, code string) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if i, err := g.readerAt(readerID); err == nil && g.readers[i].Action != nil {
		a := *g.readers[i].Action
		a.Status, a.FailureCode = checkout.ActionFailed, code
		g.readers[i].Action = &a
	}
}

// read is a refund as Stripe has it now: a failing one has failed by the time it is
// read again; the caller holds g.mu.
func (g *Gateway) read(i int) checkout.StripeRefund {
	sr := &g.refunds.made[i]
	if sr.Status == checkout.RefundStatusPending && g.refunds.failing[sr.ID] && g.refunds.failing["read:"+sr.ID] {
		sr.Status, sr.FailureReason = checkout.RefundStatusFailed, "expired_or_canceled_card"
		if in, ok := g.intentAt(sr.PaymentIntentID); ok {
			in.AmountRefunded -= sr.Amount.Amount
		}
	}
	if g.refunds.failing[sr.ID] {
		g.refunds.failing["read:"+sr.ID] = true
	}
	return *sr
}

// ReadRefund reads a refund by Stripe's id.
func (g *Gateway) ReadRefund(_ context.Context, id string) (checkout.StripeRefund, error) {
	g.log.add(Entry{Step: "read_refund", Subject: id})
	g.mu.Lock()
	defer g.mu.Unlock()
	for i := range g.refunds.made {
		if g.refunds.made[i].ID == id {
			return g.read(i), nil
		}
	}
	return checkout.StripeRefund{}, &checkout.Failure{Kind: checkout.KindNotFound, Message: "No such refund: " + id}
}

// FindRefund looks for till's refund among the payment's refunds.
func (g *Gateway) FindRefund(_ context.Context, paymentIntentID, refundID string) (*checkout.StripeRefund, error) {
	g.log.add(Entry{Step: "find_refund", Subject: refundID})
	g.mu.Lock()
	defer g.mu.Unlock()
	for i, sr := range g.refunds.made {
		if sr.PaymentIntentID == paymentIntentID && sr.TillRefundID == refundID {
			found := g.read(i)
			return &found, nil
		}
	}
	return nil, nil
}

// RefundsSince lists the refunds made since a time, newest first.
func (g *Gateway) RefundsSince(_ context.Context, since time.Time, limit int) ([]checkout.StripeRefund, error) {
	g.log.add(Entry{Step: "list_refunds"})
	if g.RefundsFn != nil {
		return g.RefundsFn(since, limit)
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	var out []checkout.StripeRefund
	for _, sr := range slices.Backward(g.refunds.made) {
		if !sr.Created.Before(since) && len(out) < limit {
			out = append(out, sr)
		}
	}
	return out, nil
}

// SearchPayments finds the succeeded intents created since a time, newest first.
func (g *Gateway) SearchPayments(_ context.Context, since time.Time, limit int) ([]checkout.Intent, bool, error) {
	g.log.add(Entry{Step: "search_payments"})
	g.mu.Lock()
	defer g.mu.Unlock()
	var out []checkout.Intent
	for _, in := range append(slices.Clone(g.others), g.intent) {
		if in.ID != "" && in.Status == checkout.IntentSucceeded && !in.Created.Before(since) {
			out = append(out, in)
		}
	}
	slices.SortFunc(out, func(a, b checkout.Intent) int { return b.Created.Compare(a.Created) })
	return out[:min(len(out), limit)], len(out) > limit, nil
}

// FindIntentsByOrder finds the intents of an order.
func (g *Gateway) FindIntentsByOrder(_ context.Context, orderID string) ([]checkout.Intent, error) {
	g.log.add(Entry{Step: "find_intents", Subject: orderID})
	g.mu.Lock()
	defer g.mu.Unlock()
	var out []checkout.Intent
	for _, in := range append(slices.Clone(g.others), g.intent) {
		if in.OrderID == orderID && orderID != "" && in.ID != "" {
			out = append(out, in)
		}
	}
	return out, nil
}

// TestCardFor is the test card of the list whose last four the card has.
func (g *Gateway) TestCardFor(card checkout.Card) string {
	for _, c := range common.TestCards {
		if card.Last4 != "" && strings.HasSuffix(c.Number, card.Last4) {
			return c.Number
		}
	}
	return ""
}
