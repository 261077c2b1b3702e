package checkout

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

// receiptStripe is Stripe for receipts: one payment, its refunds, and the receipt_email
// calls made.
type receiptStripe struct {
	p       Payment
	refunds []StripeRefund
	readErr error
	emails  []string // "pi key email"
}

func (g *receiptStripe) ReadRefund(_ context.Context, id string) (StripeRefund, error) {
	for _, r := range g.refunds {
		if r.ID == id {
			return r, nil
		}
	}
	return StripeRefund{}, &Failure{Kind: KindNotFound, Message: "No such refund: " + id}
}

func (g *receiptStripe) ReadPayment(_ context.Context, id string) (Payment, error) {
	if g.readErr != nil {
		return Payment{}, g.readErr
	}
	if id != g.p.Intent.ID {
		return Payment{}, &Failure{Kind: KindNotFound, Message: "No such payment_intent: " + id}
	}
	return g.p, nil
}

func (g *receiptStripe) SetReceiptEmail(_ context.Context, id, email, key string) (Intent, error) {
	g.emails = append(g.emails, id+" "+key+" "+email)
	return g.p.Intent, nil
}

// sessionBook is this till's sessions, by order, and no refunds.
type sessionBook map[string]Session

func (b sessionBook) Session(id string) (Session, bool, error) {
	s, ok := b[id]
	return s, ok, nil
}

func (sessionBook) Refund(string) (Refund, bool, error) { return Refund{}, false, nil }
func (sessionBook) RefundsOf(string) ([]Refund, error)  { return nil, nil }

// tillRecords is this till's sessions and refunds.
type tillRecords struct {
	sessionBook
	refunds []Refund
}

func (b tillRecords) Refund(id string) (Refund, bool, error) {
	for _, r := range b.refunds {
		if r.ID == id {
			return r, true, nil
		}
	}
	return Refund{}, false, nil
}

func (b tillRecords) RefundsOf(orderID string) ([]Refund, error) {
	var out []Refund
	for _, r := range b.refunds {
		if r.OrderID == orderID {
			out = append(out, r)
		}
	}
	return out, nil
}

// journal keeps entries, or refuses them all.
type journal struct {
	entries []Entry
	err     error
}

func (j *journal) Append(e Entry) (Entry, error) {
	if j.err != nil {
		return Entry{}, j.err
	}
	j.entries = append(j.entries, e)
	return e, nil
}

func TestFindReceipt(t *testing.T) {
	s, p := usSale(t)
	g := &receiptStripe{p: p}
	book := sessionBook{s.OrderID: s}
	for _, id := range []string{s.OrderID, pi} {
		r, err := FindReceipt(context.Background(), g, book, cafeShop, id)
		if err != nil || r.OrderID != s.OrderID || len(r.Cart.Lines) != 3 || r.Charged != 2747 {
			t.Errorf("%s: %v, order %s, %d lines, charged %d", id, err, r.OrderID, len(r.Cart.Lines), r.Charged)
		}
	}
	// Another till's payment: one line for its amount.
	r, err := FindReceipt(context.Background(), g, sessionBook{}, cafeShop, pi)
	if err != nil || len(r.Cart.Lines) != 1 || r.Totals.Total != 2497 {
		t.Errorf("a payment with no session here: %v %+v", err, r.Cart.Lines)
	}
	for _, tc := range []struct {
		name, id string
		book     sessionBook
		readErr  error
		says     string
	}{
		{"unknown order", "ord_nope", book, nil, `no order "ord_nope" in this till's database`},
		{"an order that never reached Stripe", "ord_new", sessionBook{"ord_new": {OrderID: "ord_new", Phase: Building}}, nil, "never reached Stripe"},
		{"an order whose create got no answer may be at Stripe", "ord_lost", sessionBook{"ord_lost": {OrderID: "ord_lost", Phase: Unknown, Failure: &Failure{Kind: KindNetwork}}}, nil, "no payment at Stripe that till knows of yet (it is checking with Stripe after: no answer from Stripe)"},
		// A canceled order was told "there is no receipt until it is paid".
		{"an order canceled before a PaymentIntent", "ord_gone", sessionBook{"ord_gone": {OrderID: "ord_gone", Phase: Canceled}}, nil, "order ord_gone was canceled before till knew of a payment at Stripe for it; there is no receipt"},
		{"an order being created", "ord_creating", sessionBook{"ord_creating": {OrderID: "ord_creating", Phase: Creating}}, nil, "till knows of yet (it is creating)"},
		{"no answer", pi, book, &Failure{Kind: KindNetwork, Message: "connection refused"}, "cannot read " + pi + ": Stripe did not answer (connection refused)"},
	} {
		g := &receiptStripe{p: p, readErr: tc.readErr}
		if _, err := FindReceipt(context.Background(), g, tc.book, cafeShop, tc.id); err == nil || !strings.Contains(err.Error(), tc.says) {
			t.Errorf("%s: %v, want it to say %q", tc.name, err, tc.says)
		}
	}
}

// The email is journaled before it is asked for, and not asked for when that fails.
func TestEmailReceiptIsJournaledFirst(t *testing.T) {
	s, p := usSale(t)
	r, err := NewReceipt(cafeShop, &s, p)
	if err != nil {
		t.Fatal(err)
	}
	g, j := &receiptStripe{p: p}, &journal{}
	if err := EmailReceipt(context.Background(), g, j, r, "ana@example.com", func() time.Time { return t0 }); err != nil {
		t.Fatal(err)
	}
	key := ReceiptEmailKey(pi, "ana@example.com")
	if len(g.emails) != 1 || g.emails[0] != pi+" "+key+" ana@example.com" {
		t.Errorf("calls %v", g.emails)
	}
	if len(j.entries) != 2 || j.entries[0].Stage != StageBefore || j.entries[0].IdempotencyKey != key || j.entries[1].Outcome != "ok" {
		t.Errorf("journal %+v", j.entries)
	}
	g, j = &receiptStripe{p: p}, &journal{err: errors.New("disk full")}
	err = EmailReceipt(context.Background(), g, j, r, "ana@example.com", func() time.Time { return t0 })
	if f := AsFailure(err); f.Kind != KindStore || len(g.emails) != 0 {
		t.Errorf("with the journal refusing: %v, calls %v", err, g.emails)
	}
}
