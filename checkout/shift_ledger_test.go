package checkout

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

// ledger is a ShiftLedger in memory: a book of orders and this till's refunds.
type ledger struct {
	*book
	refunds []Refund
}

func (l ledger) Refunds(since time.Time) ([]Refund, error) {
	var out []Refund
	for _, r := range l.refunds {
		if !r.StartedAt.Before(since) {
			out = append(out, r)
		}
	}
	return out, nil
}

func (l ledger) Session(order string) (Session, bool, error) {
	for _, s := range l.orders {
		if s.OrderID == order {
			return Session{OrderID: s.OrderID, Phase: s.Phase, PaymentIntentID: s.PaymentIntentID, Amount: s.Amount,
				Tip: s.Tip, StartedAt: s.StartedAt, UpdatedAt: s.UpdatedAt}, true, nil
		}
	}
	return Session{}, false, nil
}

func (l ledger) UnfinishedRefunds() ([]Refund, error) {
	var out []Refund
	for _, r := range l.refunds {
		if !r.Phase.Finished() {
			out = append(out, r)
		}
	}
	return out, nil
}

// The screen and `till shift` report and close through Shift: refunds are counted, and
// a refund under way refuses the close however long ago it started.
func TestShiftReportsAndClosesWithRefunds(t *testing.T) {
	now := t0.Add(8 * time.Hour)
	sale := started("a", Paid, t0)
	sale.PaymentIntentID = "pi_a"
	done := Refund{ID: "rf_1", OrderID: "a", PaymentIntentID: "pi_a", Amount: usd(40), Phase: RefundSucceeded, StripeID: "re_1",
		Status: RefundStatusSucceeded, StartedAt: t0.Add(time.Hour)}
	stripe := refundListerFake{refunds: []StripeRefund{
		{ID: "re_1", Amount: usd(40), Status: RefundStatusSucceeded, PaymentIntentID: "pi_a", TillRefundID: "rf_1", OrderID: "a", Created: t0.Add(time.Hour)},
		{ID: "re_dash", Amount: usd(10), Status: RefundStatusSucceeded, PaymentIntentID: "pi_a", OrderID: "a", Created: t0.Add(2 * time.Hour)},
	}}

	l := ledger{book: newBook(sale), refunds: []Refund{done}}
	sh := Shift{Ledger: l, Stripe: stripe, TillID: "till-1"}
	r, err := sh.Report(context.Background(), now)
	if err != nil || len(r.Totals) != 1 || r.Totals[0].Refunded != usd(50) || r.Totals[0].RefundCount != 2 || r.Totals[0].RefundOutsideCount != 1 {
		t.Fatalf("report %+v, %v: want $0.50 refunded in 2, one outside till", r.Totals, err)
	}

	// A refund of an earlier shift, still under way: the close is refused and nothing recorded.
	stuck := Refund{ID: "rf_old", OrderID: "z", PaymentIntentID: "pi_z", Amount: usd(70), Phase: RefundAwaiting, StartedAt: t0.Add(-48 * time.Hour)}
	l.refunds = append(l.refunds, stuck)
	sh.Ledger = l
	if r, err := sh.Report(context.Background(), now); err != nil || len(r.UnresolvedRefunds) != 1 || r.UnresolvedRefunds[0].ID != "rf_old" {
		t.Fatalf("the report does not name the refund that keeps the shift open: %+v, %v", r.UnresolvedRefunds, err)
	}
	kept := false
	if _, err := sh.Close(context.Background(), now, func(ShiftReport) error { kept = true; return nil }); err == nil || !strings.Contains(err.Error(), "rf_old") || kept {
		t.Fatalf("close with a refund under way: %v (kept %v)", err, kept)
	}
	if l.prefs[ShiftStartPref] != "" {
		t.Fatal("the refused close recorded a start")
	}

	// The report kept before the close has the refunds; a failure keeping it keeps the shift open.
	l.refunds = []Refund{done}
	sh.Ledger = l
	if _, err := sh.Close(context.Background(), now, func(ShiftReport) error { return errors.New("disk full") }); err == nil || l.prefs[ShiftStartPref] != "" {
		t.Fatalf("a failed export closed the shift: %v", err)
	}
	var got ShiftReport
	r, err = sh.Close(context.Background(), now, func(r ShiftReport) error { got = r; return nil })
	if err != nil || got.Totals[0].Refunded != usd(50) || r.Totals[0].Refunded != usd(50) || l.prefs[ShiftStartPref] == "" {
		t.Fatalf("close: %v, kept %+v, returned %+v", err, got.Totals, r.Totals)
	}
}
