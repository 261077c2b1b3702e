package ui

import (
	"strings"
	"testing"
	"time"

	"github.com/till-pos/till/checkout"
)

// A rate limit is a quiet state, not an error: while a call waits to be sent again the
// screen says Stripe is busy, and a read that still hit the limit says the same.
func TestStripeBusyIsQuiet(t *testing.T) {
	busy := &checkout.Busy{}
	h := newHarness(t, Options{ReaderID: frontCounter.ID, Busy: busy}, frontCounter)
	chargeToAwaiting(t, h)
	if strings.Contains(h.m.View(), "Stripe is busy") {
		t.Fatal("busy before any rate limit")
	}
	busy.Note(t0, 2*time.Second)
	viewHas(t, h.m, "Stripe is busy, retrying…")

	h = newHarness(t, Options{ReaderID: frontCounter.ID}, frontCounter)
	chargeToAwaiting(t, h)
	h.gw.ReadIntentFn = func(string) (checkout.Intent, error) {
		return checkout.Intent{}, &checkout.Failure{Kind: checkout.KindRateLimit, Code: "rate_limit", HTTPStatus: 429}
	}
	h.pressUntil("s", func(m Model) bool { return m.payment.Session().ReadFailures > 0 })
	viewHas(t, h.m, "Stripe is busy, retrying…")
	if v := h.m.View(); strings.Contains(v, "Can't reach Stripe") || strings.Contains(v, "Too many requests") {
		t.Errorf("a rate limit shown as an error:\n%s", v)
	}
}
