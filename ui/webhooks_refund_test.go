package ui

import (
	"strings"
	"testing"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/ui/internal/fake"
)

// refundReads are the calls that read refunds since the n-th call.
func (h *harness) refundReads(n int) []string {
	var reads []string
	for _, c := range h.log.Calls()[n:] {
		if strings.HasPrefix(c, "read") || strings.HasPrefix(c, "find_refund") {
			reads = append(reads, c)
		}
	}
	return reads
}

// A refund's webhook moves the refund on screen at once, as a payment's does: Stripe
// failing a pending refund is told without the poll it overtook; old news changes
// nothing.
func TestAWebhookNoticeSettlesTheRefundOnScreen(t *testing.T) {
	h := historyHarness(t)
	h.openRefund("5126")
	h.press("enter", "enter")
	polls := h.pressUntil("y", refundPhase(checkout.RefundPending))
	r := h.m.refund.Refund()
	before := len(h.log.Calls())
	failed := checkout.StripeRefund{ID: r.StripeID, Amount: r.Amount, Status: checkout.RefundStatusFailed,
		FailureReason: "expired_or_canceled_card", PaymentIntentID: failsPI, TillRefundID: r.ID}
	q := h.step(noticeMsg{notice: checkout.Notified{EventID: "evt_1", Type: "charge.refund.updated", Refund: &failed, At: t0}})
	h.settle(append(q, polls...), nil)
	if got := h.m.refund.Refund(); got.Phase != checkout.RefundFailed || got.FailureReason != "expired_or_canceled_card" {
		t.Fatalf("refund %s (%s), want failed", got.Phase, got.FailureReason)
	}
	viewHas(t, h.m, "Refund failed", "the card has expired or was canceled")
	if reads := h.refundReads(before); len(reads) != 0 {
		t.Fatalf("the overtaken poll was made: %v", reads)
	}
	saves := len(h.log.Saves())
	pending := failed
	pending.Status, pending.FailureReason = checkout.RefundStatusPending, ""
	h.settle(h.step(noticeMsg{notice: checkout.Notified{EventID: "evt_0", Refund: &pending, At: t0}}), nil)
	if len(h.log.Saves()) != saves || h.m.refund.Refund().Phase != checkout.RefundFailed {
		t.Fatal("old news moved the refund")
	}
}

// A refund followed behind the screen hears its webhook too, and the cashier is told
// how it ended; an in-person refund waiting for the card is read at once when the
// reader's event says the card came.
func TestWebhookNoticesReachRefundsBehindAndOnTheReader(t *testing.T) {
	h := historyHarness(t)
	h.openRefund("5126")
	h.press("enter", "enter")
	h.pressUntil("y", refundPhase(checkout.RefundPending))
	r := h.m.refund.Refund()
	h.step(fake.Key("enter")) // the cashier moves on; the poll's messages are not fed back: only the notice can end it
	if h.m.refund.IsOpen() {
		t.Fatal("enter on a pending refund stays on the refund")
	}
	failed := checkout.StripeRefund{ID: r.StripeID, Amount: r.Amount, Status: checkout.RefundStatusFailed,
		FailureReason: "expired_or_canceled_card", PaymentIntentID: failsPI, TillRefundID: r.ID}
	h.settle(h.step(noticeMsg{notice: checkout.Notified{EventID: "evt_2", Refund: &failed, At: t0}}), nil)
	viewHas(t, h.m, "Order ord_20260314143000_fa11ed: The refund of $12.50 failed: the card has expired or was canceled.")

	h = historyHarness(t)
	h.openRefund("1933")
	h.press("enter", "enter")
	h.pressUntil("y", refundPhase(checkout.RefundAwaiting)) // its poll's messages are not fed back: only the notice reads
	h.gw.PresentCard(t.Context(), frontCounter.ID, "")      // the customer taps; the reader's event comes
	before := len(h.log.Calls())
	rd := h.gw.Reader(frontCounter.ID)
	h.settle(h.step(noticeMsg{notice: checkout.Notified{EventID: "evt_3", Type: "terminal.reader.action_succeeded", Reader: &rd, At: t0}}),
		refundPhase(checkout.RefundSucceeded))
	if got := h.m.refund.Refund(); got.Phase != checkout.RefundSucceeded {
		t.Fatalf("refund %s after the reader's event", got.Phase)
	}
	if reads := h.refundReads(before); len(reads) == 0 {
		t.Fatal("the refund was settled without a read")
	}
	viewHas(t, h.m, "Refunded CA$45.00 to Interac •••• 1933.")
}
