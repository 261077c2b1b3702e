package ui

import (
	"strings"
	"testing"
	"time"

	"github.com/till-pos/till/checkout"
)

// A webhook's notice moves the cashier's payment on at once; the poll it overtook is
// never made, and the wait before a poll is main's pace.
func TestAWebhookNoticeOvertakesThePoll(t *testing.T) {
	pace := 7 * time.Second
	h := newHarness(t, Options{ReaderID: frontCounter.ID, PollWait: func(checkout.Session) time.Duration { return pace }}, frontCounter)
	h.start(nil)
	h.addLine("Coffee", "3.50", "2")
	left := h.pressUntil("enter", phaseIs(checkout.Awaiting))
	waits := func() []time.Duration {
		h.mu.Lock()
		defer h.mu.Unlock()
		return append([]time.Duration(nil), h.waits...)
	}
	// Up to the poll's wait: its call is due next.
	left = h.settle(left, func(Model) bool { return len(waits()) > 0 })
	if w := waits(); len(w) != 1 || w[0] != pace {
		t.Fatalf("waits %v, want %v", w, pace)
	}

	before := len(h.log.Calls())
	in := h.gw.Intent()
	in.Status, in.AmountCapturable = checkout.IntentRequiresCapture, in.Amount.Amount
	q := h.step(noticeMsg{notice: checkout.Notified{EventID: "evt_1", Type: "payment_intent.amount_capturable_updated", Intent: &in, At: t0}})
	h.settle(append(q, left...), nil)
	if h.session().Phase != checkout.Approved {
		t.Fatalf("phase %s, want approved", h.session().Phase)
	}
	for _, c := range h.log.Calls()[before:] {
		if strings.HasPrefix(c, "read") {
			t.Fatalf("the overtaken poll was made: %v", h.log.Calls()[before:])
		}
	}
	// Old news changes nothing, and is not saved.
	saves := len(h.log.Saves())
	h.settle(h.step(noticeMsg{notice: checkout.Notified{EventID: "evt_0", Intent: &in, At: t0}}), nil)
	if len(h.log.Saves()) != saves || h.session().Phase != checkout.Approved {
		t.Fatalf("a duplicate notice was applied")
	}
}
