package main

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/till-pos/till/checkout"
)

// The events Stripe (here the emulator) sends about a refund reach till's receiver as
// notices the refund machine takes: the refund's own event names till's refund, and
// settles a refund whose answer was lost; charge.refunded names the payment.
func TestRefundWebhooksFeedTheRefundMachine(t *testing.T) {
	st := openStore(t, filepath.Join(t.TempDir(), "hooks.db"))
	t.Cleanup(func() { _ = st.Close() })
	hooks, opts := webhookTarget(t, st, time.Minute)
	e := newSupportEnv(t, opts)
	t.Setenv("TILL_READER", e.readers[0])
	if code, p := e.payOn(t, "--amount", "12.00", "--order", "W-1"); code != 0 {
		t.Fatalf("pay: %+v", p)
	}
	code, res, errOut := e.refundOn(t, "W-1", "--amount", "5.00", "--refund-id", "rf-w")
	if code != 0 {
		t.Fatalf("refund: exit %d, %q", code, errOut)
	}

	// The refund as a till left it when the create's answer was lost.
	lost := checkout.Refund{ID: "rf-w", OrderID: "W-1", PaymentIntentID: res.PaymentIntent, Amount: checkout.Money{Amount: 500, Currency: "usd"},
		Phase: checkout.RefundUnknown}
	var refunded, settled bool
	deadline := time.After(5 * time.Second)
	for !refunded || !settled {
		select {
		case n := <-hooks.Notices():
			refunded = refunded || n.ChargeRefunded == res.PaymentIntent
			if n.Refund == nil {
				continue
			}
			next, effects, err := checkout.ApplyRefund(lost, n)
			if err != nil || next.Phase != checkout.RefundSucceeded || next.StripeID != res.Refund || len(effects) != 1 {
				t.Fatalf("%s: %s %v %v", n.Type, next.Phase, effects, err)
			}
			settled = true
		case <-deadline:
			t.Fatalf("no refund notices: charge.refunded %v, the refund's own %v; health %+v", refunded, settled, hooks.Health())
		}
	}
}
