package readerctl

import (
	"context"
	"testing"
	"time"

	"github.com/till-pos/till/checkout"
)

// paid takes a payment of amount in currency on the first reader with card.
func (m *emu) paid(t *testing.T, order string, amount checkout.Money, card string) checkout.Intent {
	t.Helper()
	in, err := m.c.CreateIntent(context.Background(), checkout.CreateIntent{OrderID: order, Amount: amount,
		CaptureMethod: checkout.CaptureAutomatic, Key: "create-" + order})
	if err != nil {
		t.Fatal(err)
	}
	m.process(t, in.ID, "process-"+order)
	m.present(t, card)
	got := m.read(t, in.ID)
	if got.Status != checkout.IntentSucceeded {
		t.Fatalf("payment %+v", got)
	}
	return got
}

func TestEmulatorRefundsPartialThenRestThenRefused(t *testing.T) {
	m := newEmu(t)
	ctx := context.Background()
	m.c.tillID = "till-a"
	in := m.paid(t, "o-1", checkout.Money{Amount: 1200, Currency: "usd"}, "4242424242424242")
	if in.Refundable().Amount != 1200 {
		t.Fatalf("refundable %v", in.Refundable())
	}
	req := checkout.CreateRefund{RefundID: "rf-a", OrderID: "o-1", PaymentIntentID: in.ID, Amount: checkout.Money{Amount: 500, Currency: "usd"},
		Reason: "requested_by_customer", Key: "tillrf_rf-a_create"}
	first, err := m.c.CreateRefund(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	want := checkout.StripeRefund{ID: first.ID, Amount: req.Amount, Status: checkout.RefundStatusSucceeded, Reason: "requested_by_customer",
		PaymentIntentID: in.ID, TillRefundID: "rf-a", OrderID: "o-1", TillID: "till-a", Created: emuNow}
	if first != want {
		t.Fatalf("refund %+v\nwant   %+v", first, want)
	}
	// The same key replays the same refund: nothing refunded twice.
	again, err := m.c.CreateRefund(ctx, req)
	if err != nil || again.ID != first.ID {
		t.Fatalf("replay = %+v, %v", again, err)
	}
	if got := m.read(t, in.ID); got.AmountRefunded != 500 || got.Refundable().Amount != 700 {
		t.Fatalf("after the first refund: refunded %d", got.AmountRefunded)
	}
	found, err := m.c.FindRefund(ctx, in.ID, "rf-a")
	if err != nil || found == nil || found.ID != first.ID {
		t.Fatalf("FindRefund = %+v, %v", found, err)
	}
	if none, err := m.c.FindRefund(ctx, in.ID, "rf-none"); err != nil || none != nil {
		t.Fatalf("FindRefund of an id never used = %+v, %v", none, err)
	}

	rest := req
	rest.RefundID, rest.Key, rest.Amount.Amount = "rf-b", "tillrf_rf-b_create", 700
	if _, err := m.c.CreateRefund(ctx, rest); err != nil {
		t.Fatal(err)
	}
	third := req
	third.RefundID, third.Key, third.Amount.Amount = "rf-c", "tillrf_rf-c_create", 1
	_, err = m.c.CreateRefund(ctx, third)
	if f := checkout.AsFailure(err); f.Kind != checkout.KindInvalidRequest || f.Code != "charge_already_refunded" || f.Ambiguous() {
		t.Fatalf("third refund: %+v", f)
	}
	all, err := m.c.ListRefunds(ctx, in.ID)
	if err != nil || len(all) != 2 {
		t.Fatalf("ListRefunds = %+v, %v", all, err)
	}
	since, err := m.c.RefundsSince(ctx, emuNow.Add(-time.Minute), 10)
	if err != nil || len(since) != 2 || since[0].PaymentTillID != "till-a" {
		t.Fatalf("RefundsSince = %+v, %v", since, err)
	}
}

func TestEmulatorRefundOnTheReader(t *testing.T) {
	m := newEmu(t)
	ctx := context.Background()
	in := m.paid(t, "o-2", checkout.Money{Amount: 3000, Currency: "cad"}, "4506445006931933")
	if !checkout.RefundsInPerson(in) || TestCardFor(in.Card) != "4506445006931933" {
		t.Fatalf("an Interac payment: %+v", in.Card)
	}
	req := checkout.RefundOnReader{RefundID: "rf-i", OrderID: "o-2", PaymentIntentID: in.ID, ReaderID: m.readers[0],
		Amount: checkout.Money{Amount: 1000, Currency: "cad"}, Reason: "requested_by_customer", Key: "tillrf_rf-i_reader_1"}
	r, err := m.c.RefundOnReader(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	if a, ok := r.RefundActionFor("rf-i"); !ok || a.Status != checkout.ActionInProgress || a.PaymentIntentID != "" {
		t.Fatalf("action = %+v (a refund must never look like its payment)", r.Action)
	}
	r = m.present(t, TestCardFor(in.Card))
	a, ok := r.RefundActionFor("rf-i")
	if !ok || a.Status != checkout.ActionSucceeded || a.RefundID == "" {
		t.Fatalf("action after the card = %+v", r.Action)
	}
	found, err := m.c.FindRefund(ctx, in.ID, "rf-i")
	if err != nil || found == nil || found.ID != a.RefundID || found.Status != checkout.RefundStatusSucceeded || found.Reason != "requested_by_customer" {
		t.Fatalf("FindRefund = %+v, %v", found, err)
	}
	if got := m.read(t, in.ID); got.Refundable().Amount != 2000 {
		t.Fatalf("left after the refund: %v", got.Refundable())
	}
}

func TestEmulatorSearchPaymentsIsBounded(t *testing.T) {
	m := newEmu(t)
	for _, order := range []string{"s-1", "s-2", "s-3"} {
		m.paid(t, order, checkout.Money{Amount: 500, Currency: "usd"}, "4242424242424242")
	}
	m.create(t, "s-open", 700, checkout.CaptureManual) // not succeeded: not history
	found, more, err := m.c.SearchPayments(context.Background(), emuNow.Add(-time.Minute), 100)
	if err != nil || more || len(found) != 3 || found[0].OrderID != "s-3" || found[0].Card.Last4 != "4242" {
		t.Fatalf("SearchPayments = %+v, %v, %v", found, more, err)
	}
	before := len(m.observed())
	found, more, err = m.c.SearchPayments(context.Background(), emuNow.Add(-time.Minute), 2)
	if err != nil || !more || len(found) != 2 || len(m.observed())-before != 1 {
		t.Fatalf("limited: %d found, more %v, %d calls, %v", len(found), more, len(m.observed())-before, err)
	}
	if found, _, _ := m.c.SearchPayments(context.Background(), emuNow.Add(time.Minute), 100); len(found) != 0 {
		t.Fatalf("since later: %+v", found)
	}
}
