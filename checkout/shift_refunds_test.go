package checkout

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"
)

func TestShiftCountsRefundsWhoeverMadeThem(t *testing.T) {
	jpy := func(n int64) Money { return Money{Amount: n, Currency: "jpy"} }
	in := func(d time.Duration) time.Time { return t0.Add(d) }
	mine := []Refund{
		{ID: "rf_a", OrderID: "a", PaymentIntentID: "pi_a", Amount: usd(300), Phase: RefundSucceeded, StripeID: "re_a", Status: RefundStatusSucceeded, StartedAt: in(time.Minute)},
		// Succeeded when this till last looked; Stripe has failed it since.
		{ID: "rf_f", OrderID: "a", PaymentIntentID: "pi_a", Amount: usd(100), Phase: RefundSucceeded, StripeID: "re_f", Status: RefundStatusSucceeded, StartedAt: in(2 * time.Minute)},
		// Stripe's list does not have it (yet): counted from this till's record.
		{ID: "rf_p", OrderID: "b", PaymentIntentID: "pi_b", Amount: usd(50), Phase: RefundPending, StripeID: "re_p", Status: RefundStatusPending, StartedAt: in(3 * time.Minute)},
		{ID: "rf_u", OrderID: "b", PaymentIntentID: "pi_b", Amount: usd(70), Phase: RefundUnknown, StartedAt: in(4 * time.Minute)},
		{ID: "rf_c", OrderID: "b", PaymentIntentID: "pi_b", Amount: usd(70), Phase: RefundCanceled, StartedAt: in(5 * time.Minute)},
		{ID: "rf_old", OrderID: "b", PaymentIntentID: "pi_b", Amount: usd(999), Phase: RefundSucceeded, StripeID: "re_old", Status: RefundStatusSucceeded, StartedAt: in(-time.Hour)},
	}
	atStripe := []StripeRefund{
		{ID: "re_a", Amount: usd(300), Status: RefundStatusSucceeded, PaymentIntentID: "pi_a", TillRefundID: "rf_a", OrderID: "a", Created: in(time.Minute)},
		{ID: "re_f", Amount: usd(100), Status: RefundStatusFailed, PaymentIntentID: "pi_a", TillRefundID: "rf_f", OrderID: "a", Created: in(2 * time.Minute)},
		{ID: "re_dash", Amount: usd(200), Status: RefundStatusSucceeded, PaymentIntentID: "pi_a", OrderID: "a", PaymentTillID: "till-1", Created: in(10 * time.Minute)},
		{ID: "re_two", Amount: jpy(500), Status: RefundStatusSucceeded, PaymentIntentID: "pi_y", TillRefundID: "rf_x", PaymentTillID: "till-1", Created: in(11 * time.Minute)},
		{ID: "re_elsewhere", Amount: usd(4000), Status: RefundStatusSucceeded, PaymentIntentID: "pi_z", PaymentTillID: "till-9", Created: in(12 * time.Minute)},
		{ID: "re_late", Amount: usd(4000), Status: RefundStatusSucceeded, PaymentIntentID: "pi_a", PaymentTillID: "till-1", Created: in(2 * time.Hour)},
	}
	ours := func(sr StripeRefund) bool { return sr.PaymentTillID == "till-1" }
	r := sampleShift().AddRefunds(mine, atStripe, ours)

	byCur := map[string]Totals{}
	for _, x := range r.Totals {
		byCur[x.Currency] = x
	}
	if u := byCur["usd"]; u.Refunded != usd(550) || u.RefundCount != 3 || u.RefundedOutside != usd(200) || u.RefundOutsideCount != 1 || u.Captured != usd(1234) {
		t.Errorf("usd totals %+v, want 550 refunded in 3 (300 + 50 pending + 200 from the Dashboard), 200 outside", u)
	}
	if j := byCur["jpy"]; j.Refunded != jpy(500) || j.RefundCount != 1 || j.RefundOutsideCount != 1 || j.Canceled != jpy(700) {
		t.Errorf("jpy totals %+v", j)
	}
	var got []string
	for _, x := range r.Refunds {
		got = append(got, x.StripeID+":"+x.Source+":"+string(x.Status))
	}
	want := "re_a:this_till:succeeded re_f:this_till:failed re_p:this_till:pending re_dash:outside_till:succeeded re_two:other_till:succeeded"
	if strings.Join(got, " ") != want {
		t.Errorf("refunds\n got %s\nwant %s", strings.Join(got, " "), want)
	}
	if len(r.UnresolvedRefunds) != 1 || r.UnresolvedRefunds[0].ID != "rf_u" {
		t.Errorf("unresolved refunds %+v", r.UnresolvedRefunds)
	}
	if err := RefundsBlockClose(mine); err == nil || !strings.Contains(err.Error(), "rf_u") || strings.Contains(err.Error(), "rf_p") {
		t.Errorf("close with a refund under way: %v", err)
	}

	var b bytes.Buffer
	if err := r.WriteText(&b, time.UTC); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"$5.50 (3)", "refunded outside this till (Dashboard or API): order a, $2.00, succeeded re_dash",
		"refunded outside this till (another till): order -, ¥500", "refund under way: rf_u"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("text report lacks %q:\n%s", want, b.String())
		}
	}
}

type refundBookFake struct{ refunds []Refund }

func (b refundBookFake) Refunds(time.Time) ([]Refund, error) { return b.refunds, nil }
func (b refundBookFake) Session(order string) (Session, bool, error) {
	if order == "b" {
		return Session{OrderID: "b", PaymentIntentID: "pi_b"}, true, nil
	}
	return Session{}, false, nil
}

type refundListerFake struct {
	refunds []StripeRefund
	err     error
}

func (l refundListerFake) RefundsSince(context.Context, time.Time, int) ([]StripeRefund, error) {
	return l.refunds, l.err
}

func TestShiftWithRefundsKnowsThisTillsPayments(t *testing.T) {
	at := t0.Add(time.Minute)
	lister := refundListerFake{refunds: []StripeRefund{
		{ID: "re_1", Amount: usd(100), Status: RefundStatusSucceeded, PaymentIntentID: "pi_a", PaymentTillID: "till-1", Created: at},
		{ID: "re_2", Amount: usd(200), Status: RefundStatusSucceeded, PaymentIntentID: "pi_b", OrderID: "b", Created: at}, // journal says ours
		{ID: "re_3", Amount: usd(400), Status: RefundStatusSucceeded, PaymentIntentID: "pi_c", OrderID: "c", Created: at},
	}}
	r, err := ShiftWithRefunds(context.Background(), sampleShift(), refundBookFake{}, lister, "till-1")
	if err != nil || len(r.Refunds) != 2 || r.Totals[1].RefundedOutside != usd(300) || r.RefundsNote != "" {
		t.Fatalf("report %+v, %v", r.Refunds, err)
	}
	// Stripe cannot be read: this till's own refunds are still counted, and the report says what is missing.
	mine := []Refund{{ID: "rf_1", OrderID: "a", PaymentIntentID: "pi_a", Amount: usd(300), Phase: RefundSucceeded, StripeID: "re_9", Status: RefundStatusSucceeded, StartedAt: at}}
	down := &Failure{Kind: KindNetwork, Message: "dial tcp 127.0.0.1:443: connect: connection refused"}
	r, err = ShiftWithRefunds(context.Background(), sampleShift(), refundBookFake{refunds: mine}, refundListerFake{err: down}, "till-1")
	if err != nil || r.Totals[1].Refunded != usd(300) || !strings.Contains(r.RefundsNote, "could not be read from Stripe") ||
		!strings.Contains(r.RefundsNote, "connection refused") { // support tells a refused connection from a timeout
		t.Fatalf("report %+v %q, %v", r.Totals, r.RefundsNote, err)
	}
}

// A refund in a currency the shift sold nothing in adds that currency's totals, every
// sum in it: the cash column too.
func TestShiftRefundInANewCurrencyHasWholeTotals(t *testing.T) {
	eur := func(n int64) Money { return Money{Amount: n, Currency: "eur"} }
	r := ShiftReport{Since: t0, Until: t0.Add(time.Hour)}
	mine := []Refund{{ID: "rf_e", OrderID: "e", PaymentIntentID: "pi_e", Amount: eur(250), Phase: RefundSucceeded, StripeID: "re_e",
		Status: RefundStatusSucceeded, StartedAt: t0.Add(time.Minute)}}
	r = r.AddRefunds(mine, nil, func(StripeRefund) bool { return false })
	if len(r.Totals) != 1 {
		t.Fatalf("totals %+v", r.Totals)
	}
	if e := r.Totals[0]; e.Refunded != eur(250) || e.Cash != eur(0) || e.CashRounding != eur(0) || e.Captured != eur(0) {
		t.Errorf("eur totals %+v", e)
	}
}
