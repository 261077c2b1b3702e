package checkout

import (
	"errors"
	"testing"
)

func TestTipPolicy(t *testing.T) {
	taxed := CartTotals{Tax: 106, Total: 2497}
	for _, tc := range []struct {
		name   string
		policy TipPolicy
		totals CartTotals
		want   Tipping
	}{
		{"off: skip the tip screen", TipPolicy{}, taxed, Tipping{Skip: true}},
		{"on, pre-tax: percentages of the total less tax", TipPolicy{Enabled: true}, taxed, Tipping{AmountEligible: 2391}},
		{"on, total: the reader uses the amount", TipPolicy{Enabled: true, Base: TipTotal}, taxed, Tipping{}},
		{"on, no tax: nothing to tell", TipPolicy{Enabled: true}, CartTotals{Total: 1000}, Tipping{}},
	} {
		if got := tc.policy.For(tc.totals); got == nil || *got != tc.want {
			t.Errorf("%s: %+v, want %+v", tc.name, got, tc.want)
		}
	}
	for in, want := range map[string]TipBase{"": TipPreTax, "pre_tax": TipPreTax, "TOTAL": TipTotal} {
		if got, err := ParseTipBase(in); err != nil || got != want {
			t.Errorf("ParseTipBase(%q) = %q, %v", in, got, err)
		}
	}
	if _, err := ParseTipBase("post_tax"); err == nil {
		t.Error("post_tax was taken")
	}
}

// The tipping a charge asks for reaches the reader on every send, and the tip the
// customer chose comes back from the PaymentIntent into the session.
func TestTippingTravelsAndTheTipIsRead(t *testing.T) {
	tip := &Tipping{AmountEligible: 900}
	s, effs, err := Apply(at(Building), ChargeRequested{OrderID: "ord_1", Amount: usd(1234), ReaderID: reader, Tipping: tip, At: t0})
	if err != nil || len(effs) != 1 {
		t.Fatal(err, effs)
	}
	s, effs, _ = Apply(s, IntentCreated{Intent: *intent(IntentRequiresPaymentMethod), At: t0})
	if p, ok := effs[0].(ProcessOnReader); !ok || p.Tipping != tip {
		t.Fatalf("first send: %+v", effs)
	}
	s.Phase = Declined
	s, effs, _ = Apply(s, RetryRequested{At: t0})
	if p, ok := effs[0].(ProcessOnReader); !ok || p.Tipping != tip {
		t.Fatalf("retry: %+v", effs)
	}
	s.Phase = Awaiting
	approved := &Intent{ID: pi, Status: IntentRequiresCapture, Amount: usd(1484), AmountCapturable: 1484, Tip: 250}
	s, _, _ = Apply(s, StatusRead{Intent: approved, Reader: rdr(act(ActionSucceeded, "")), At: t0})
	if s.Phase != Approved || s.Tip != 250 || s.Amount != usd(1234) {
		t.Fatalf("approved: phase %s tip %d amount %v", s.Phase, s.Tip, s.Amount)
	}
	s, _, _ = Apply(s, CaptureRequested{At: t0})
	paid := &Intent{ID: pi, Status: IntentSucceeded, Amount: usd(1484), AmountReceived: 1484, Tip: 250}
	s, _, _ = Apply(s, Captured{Intent: *paid, At: t0})
	if s.Phase != Paid || s.Tip != 250 || s.AmountReceived != 1484 {
		t.Fatalf("paid: %+v", s)
	}
}

// A cart's total is what is charged: a charge for another amount is refused.
func TestChargeMustBeTheCartsTotal(t *testing.T) {
	s := at(Building)
	s.Cart = mustAdd(t, Cart{Currency: "usd"}, Line{Description: "x", UnitPrice: 1000, Quantity: 1, TaxClass: "t", TaxRate: 82500})
	if _, _, err := Apply(s, ChargeRequested{OrderID: "o", Amount: usd(1000), ReaderID: reader, At: t0}); !errors.Is(err, ErrBadCharge) {
		t.Fatalf("the pre-tax amount was charged: %v", err)
	}
	next, _, err := Apply(s, ChargeRequested{OrderID: "o", Amount: usd(1083), ReaderID: reader, At: t0})
	if err != nil || next.Phase != Creating || len(next.Cart.Lines) != 1 {
		t.Fatalf("%v %+v", err, next)
	}
}
