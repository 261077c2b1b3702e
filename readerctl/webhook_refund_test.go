package readerctl

import (
	"errors"
	"testing"
	"time"

	"github.com/till-pos/till/checkout"
)

// A refund's events carry the refund (the refund machine's notice); charge.refunded
// names the payment whose charge was refunded; a refund_payment action's reader names
// till's refund.
func TestVerifyDecodesRefundEvents(t *testing.T) {
	v := WebhookVerifier{Secret: testSecret}
	now := time.Now()
	refund := map[string]any{"id": "re_1", "object": "refund", "amount": 500, "currency": "usd", "status": "failed",
		"failure_reason": "expired_or_canceled_card", "payment_intent": "pi_1", "charge": "ch_1",
		"metadata": map[string]any{"till_refund_id": "rf_1", "order_id": "ord_1"}}
	for _, typ := range []string{"refund.created", "refund.updated", "refund.failed", "charge.refund.updated"} {
		body := stripeEvent("evt_r", typ, refund)
		ev, err := v.Verify(body, sign(body, testSecret, now), now)
		if err != nil || ev.Notice == nil || ev.Notice.Refund == nil {
			t.Fatalf("%s: %+v %v", typ, ev, err)
		}
		want := checkout.StripeRefund{ID: "re_1", Amount: checkout.Money{Amount: 500, Currency: "usd"}, Status: checkout.RefundStatusFailed,
			FailureReason: "expired_or_canceled_card", PaymentIntentID: "pi_1", TillRefundID: "rf_1", OrderID: "ord_1"}
		got := *ev.Notice.Refund
		if got.Created = (time.Time{}); got != want {
			t.Fatalf("%s: %+v\nwant %+v", typ, got, want)
		}
	}

	body := stripeEvent("evt_c", "charge.refunded", map[string]any{"id": "ch_1", "object": "charge", "payment_intent": "pi_1",
		"amount_refunded": 500, "refunded": false})
	ev, err := v.Verify(body, sign(body, testSecret, now), now)
	if err != nil || ev.Notice == nil || ev.Notice.ChargeRefunded != "pi_1" {
		t.Fatalf("charge.refunded: %+v %v", ev, err)
	}

	reader := map[string]any{"id": "tmr_1", "object": "terminal.reader", "status": "online",
		"action": map[string]any{"type": "refund_payment", "status": "succeeded",
			"refund_payment": map[string]any{"payment_intent": "pi_1", "refund": "re_1", "metadata": map[string]any{"till_refund_id": "rf_1"}}}}
	body = stripeEvent("evt_a", "terminal.reader.action_succeeded", reader)
	ev, err = v.Verify(body, sign(body, testSecret, now), now)
	if err != nil || ev.Notice == nil || ev.Notice.Reader == nil {
		t.Fatalf("reader: %+v %v", ev, err)
	}
	if a, ours := ev.Notice.Reader.RefundActionFor("rf_1"); !ours || a.Status != checkout.ActionSucceeded || a.PaymentIntentID != "" {
		t.Fatalf("refund action %+v %v", a, ours)
	}

	body = stripeEvent("evt_x", "refund.updated", map[string]any{"object": "refund", "status": "succeeded"})
	if _, err := v.Verify(body, sign(body, testSecret, now), now); !errors.Is(err, ErrWebhookUnreadable) {
		t.Fatalf("a refund without an id: %v", err)
	}
}
