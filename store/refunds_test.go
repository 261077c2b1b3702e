package store

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/till-pos/till/checkout"
)

// sampleRefund has every field set, so a round trip that drops one is caught.
func sampleRefund(id, order string, phase checkout.RefundPhase, started time.Time) checkout.Refund {
	return checkout.Refund{
		ID: id, OrderID: order, PaymentIntentID: "pi_" + order, Amount: checkout.Money{Amount: 500, Currency: "cad"},
		Reason: "requested_by_customer", Lines: []checkout.RefundLine{{SKU: "LATTE", Quantity: 2}},
		InPerson: true, ReaderID: "tmr_1", Phase: phase, Card: checkout.Card{Brand: "interac", Last4: "1933"},
		StripeID: "re_1", Status: checkout.RefundStatusFailed, FailureReason: "expired_or_canceled_card",
		Failure:   &checkout.Failure{Kind: checkout.KindCustomerCanceled, Code: "customer_canceled"},
		ReadError: &checkout.Failure{Kind: checkout.KindNetwork},
		Action:    &checkout.ReaderAction{Type: checkout.ActionRefundPayment, Status: checkout.ActionFailed, TillRefundID: id, RefundID: "re_1"},
		Attempts:  2, ReadFailures: 1, StartedAt: started, UpdatedAt: started.Add(time.Minute), ActionSince: started.Add(time.Second),
	}
}

func TestRefundRoundTripAndIndexes(t *testing.T) {
	s, _ := openTemp(t)
	if _, found, err := s.Refund("rf_1"); err != nil || found {
		t.Fatalf("a database that never refunded: found %v, %v", found, err)
	}
	if open, err := s.UnfinishedRefunds(); err != nil || len(open) != 0 {
		t.Fatalf("UnfinishedRefunds on a fresh database = %v, %v", open, err)
	}
	a := sampleRefund("rf_1", "ord_1", checkout.RefundAwaiting, t0)
	b := sampleRefund("rf_2", "ord_1", checkout.RefundSucceeded, t0.Add(time.Hour))
	c := sampleRefund("rf_3", "ord_2", checkout.RefundPending, t0.Add(2*time.Hour))
	for _, r := range []checkout.Refund{c, b, a} {
		if err := s.SaveRefund(r); err != nil {
			t.Fatal(err)
		}
	}
	s = reopen(t, s)
	got, found, err := s.Refund("rf_1")
	if err != nil || !found || !reflect.DeepEqual(got, a) {
		t.Fatalf("Refund = %+v %v %v\nwant %+v", got, found, err, a)
	}
	ids := func(rs []checkout.Refund, err error) string {
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, r := range rs {
			out = append(out, r.ID)
		}
		return strings.Join(out, ",")
	}
	if got := ids(s.RefundsOf("ord_1")); got != "rf_1,rf_2" {
		t.Errorf("RefundsOf(ord_1) = %s", got)
	}
	if got := ids(s.UnfinishedRefunds()); got != "rf_1,rf_3" {
		t.Errorf("UnfinishedRefunds = %s", got)
	}
	if got := ids(s.Refunds(t0.Add(30 * time.Minute))); got != "rf_2,rf_3" {
		t.Errorf("Refunds(since) = %s", got)
	}
	// Finishing takes it off the open list.
	a.Phase = checkout.RefundCanceled
	if err := s.SaveRefund(a); err != nil {
		t.Fatal(err)
	}
	if got := ids(s.UnfinishedRefunds()); got != "rf_3" {
		t.Errorf("UnfinishedRefunds after cancel = %s", got)
	}
	if got := ids(s.Refunds(time.Time{})); got != "rf_1,rf_2,rf_3" {
		t.Errorf("Refunds = %s (one record per refund however often saved)", got)
	}
}

func TestSaveRefundRefusesBadIDs(t *testing.T) {
	s, _ := openTemp(t)
	for _, r := range []checkout.Refund{
		sampleRefund("", "ord_1", checkout.RefundCreating, t0),
		sampleRefund("rf/../x", "ord_1", checkout.RefundCreating, t0),
		sampleRefund("rf_1", "", checkout.RefundCreating, t0),
	} {
		if err := s.SaveRefund(r); err == nil {
			t.Errorf("saved %q for order %q", r.ID, r.OrderID)
		}
	}
	if err := s.SaveRefund(sampleRefund("rf_1", "ord_1", checkout.RefundCreating, t0)); err != nil {
		t.Fatal(err)
	}
	err := s.SaveRefund(sampleRefund("rf_1", "ord_2", checkout.RefundCreating, t0))
	if err == nil || !strings.Contains(err.Error(), "already used for order ord_1") {
		t.Fatalf("a refund id reused for another order: %v", err)
	}
}
