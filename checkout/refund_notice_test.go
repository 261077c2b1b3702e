package checkout

import (
	"errors"
	"reflect"
	"testing"
)

// A webhook's notice feeds the refund machine as it feeds the payment's: a refund's own
// event settles it at once when it says more than the refund knows (a succeeded one is
// read once more to confirm), a reader's or a charge's event makes it read at once, and
// nothing moves a refund backwards.
func TestRefundNotices(t *testing.T) {
	cardRead := ReadRefund{RefundID: rid, PaymentIntentID: pi, StripeID: "re_1", Wait: true}
	confirm := ReadRefund{RefundID: rid, PaymentIntentID: pi, StripeID: "re_1"}
	refundEvent := func(st RefundStatus, reason string) Notified {
		return Notified{EventID: "evt_1", Type: "refund.updated", Refund: stripeRefund(st, reason), At: t0}
	}
	known := func(p RefundPhase, st RefundStatus) Refund {
		r := refundAt(p)
		r.Status = st
		return r
	}
	tests := []struct {
		name        string
		from        Refund
		ev          Notified
		wantPhase   RefundPhase
		wantEffects []Effect
	}{
		{"pending, then the event says succeeded: settled, read once to confirm", known(RefundPending, RefundStatusPending),
			refundEvent(RefundStatusSucceeded, ""), RefundSucceeded, []Effect{confirm}},
		{"pending, then the event says failed: failed at once, with Stripe's reason", known(RefundPending, RefundStatusPending),
			refundEvent(RefundStatusFailed, "expired_or_canceled_card"), RefundFailed, nil},
		{"succeeded, then Stripe fails it (refund_fail)", known(RefundSucceeded, RefundStatusSucceeded),
			refundEvent(RefundStatusFailed, "expired_or_canceled_card"), RefundFailed, nil},
		{"the event overtakes the create's answer", refundAt(RefundCreating),
			refundEvent(RefundStatusPending, ""), RefundPending, []Effect{cardRead}},
		{"an unknown refund found by its event", refundAt(RefundUnknown),
			refundEvent(RefundStatusSucceeded, ""), RefundSucceeded, []Effect{confirm}},
		{"the customer presented the card: the refund's event comes first", inPersonAt(RefundAwaiting),
			refundEvent(RefundStatusSucceeded, ""), RefundSucceeded, []Effect{confirm}},
		{"the event overtakes the reader's answer to the send", inPersonAt(RefundSending),
			refundEvent(RefundStatusSucceeded, ""), RefundSucceeded, []Effect{confirm}},
		{"the reader's action ended: read at once", inPersonAt(RefundAwaiting),
			Notified{Type: "terminal.reader.action_succeeded", Reader: refundAct(ActionSucceeded, ""), At: t0}, RefundAwaiting,
			[]Effect{ReadRefund{RefundID: rid, PaymentIntentID: pi, ReaderID: reader}}},
		{"the reader's action failed: read at once, the read decides", inPersonAt(RefundAwaiting),
			Notified{Type: "terminal.reader.action_failed", Reader: refundAct(ActionFailed, "customer_canceled"), At: t0}, RefundAwaiting,
			[]Effect{ReadRefund{RefundID: rid, PaymentIntentID: pi, ReaderID: reader}}},
		{"the charge was refunded: a pending refund reads at once", known(RefundPending, RefundStatusPending),
			Notified{Type: "charge.refunded", ChargeRefunded: pi, At: t0}, RefundPending, []Effect{confirm}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := applyRefundWants(t, tt.from, tt.ev, tt.wantPhase, tt.wantEffects)
			if tt.wantPhase == RefundFailed && got.FailureReason != tt.ev.Refund.FailureReason {
				t.Errorf("failure reason %q", got.FailureReason)
			}
		})
	}
}

// Old news, another refund's news and news for a refund that ended change nothing: the
// machine refuses them (drivers ignore the refusal) and the poll goes on.
func TestRefundNoticesNeverMoveBackwards(t *testing.T) {
	other := *stripeRefund(RefundStatusSucceeded, "")
	other.ID, other.TillRefundID = "re_9", "rf_9"
	otherPI := *stripeRefund(RefundStatusSucceeded, "")
	otherPI.PaymentIntentID = "pi_other"
	succeeded := refundAt(RefundSucceeded)
	succeeded.Status = RefundStatusSucceeded
	failed := refundAt(RefundFailed)
	failed.Status, failed.StripeID = RefundStatusFailed, "re_1"
	tests := []struct {
		name string
		from Refund
		ev   Notified
	}{
		{"a pending event after succeeded", succeeded, Notified{Refund: stripeRefund(RefundStatusPending, ""), At: t0}},
		{"a succeeded event again", succeeded, Notified{Refund: stripeRefund(RefundStatusSucceeded, ""), At: t0}},
		{"a pending event while pending", refundAt(RefundPending), Notified{Refund: stripeRefund(RefundStatusPending, ""), At: t0}},
		{"a succeeded event after failed", failed, Notified{Refund: stripeRefund(RefundStatusSucceeded, ""), At: t0}},
		{"another refund of the payment", refundAt(RefundPending), Notified{Refund: &other, At: t0}},
		{"a refund of another payment", refundAt(RefundUnknown), Notified{Refund: &otherPI, At: t0}},
		{"a canceled refund hears nothing", refundAt(RefundCanceled), Notified{Refund: stripeRefund(RefundStatusSucceeded, ""), At: t0}},
		{"before it started", Refund{}, Notified{Refund: stripeRefund(RefundStatusSucceeded, ""), At: t0}},
		{"a reader still waiting for the card", inPersonAt(RefundAwaiting), Notified{Reader: refundAct(ActionInProgress, ""), At: t0}},
		{"another reader", inPersonAt(RefundAwaiting), Notified{Reader: func() *Reader { r := refundAct(ActionSucceeded, ""); r.ID = "tmr_other"; return r }(), At: t0}},
		{"a card refund hears no reader", refundAt(RefundPending), Notified{Reader: refundAct(ActionSucceeded, ""), At: t0}},
		{"a payment's action on the reader", inPersonAt(RefundAwaiting), Notified{Reader: rdr(&ReaderAction{Type: "process_payment_intent", Status: ActionSucceeded, PaymentIntentID: pi}), At: t0}},
		{"another payment's charge refunded", refundAt(RefundPending), Notified{ChargeRefunded: "pi_other", At: t0}},
		{"a succeeded refund is not read for a charge event", succeeded, Notified{ChargeRefunded: pi, At: t0}},
		{"a payment's news", refundAt(RefundPending), Notified{Intent: &Intent{ID: pi, Status: IntentSucceeded}, At: t0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, effects, err := ApplyRefund(tt.from, tt.ev)
			if !errors.Is(err, ErrInvalidTransition) || effects != nil || !reflect.DeepEqual(got, tt.from) {
				t.Fatalf("applied: %+v %v %v", got, effects, err)
			}
		})
	}
}
