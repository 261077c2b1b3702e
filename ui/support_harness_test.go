package ui

import (
	"time"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/ui/internal/fake"
)

// Readers as the support screen sees them in the tests.
var (
	lastSeen   = t0.Add(-2 * time.Second)
	stuckFront = func() checkout.Reader {
		r := frontCounter
		r.SoftwareVersion, r.Location, r.LastSeenAt = "2.37.2.0", "tml_shop", lastSeen
		r.Action = &checkout.ReaderAction{Type: "process_payment_intent", Status: checkout.ActionInProgress, PaymentIntentID: "pi_3Emu0000000042"}
		return r
	}
	offlineBack = func() checkout.Reader {
		r := backCounter
		r.SoftwareVersion, r.Location, r.Status, r.LastSeenAt = "2.37.2.0", "tml_shop", "offline", t0.Add(-8*time.Minute)
		return r
	}
)

// The support screen's panes, by the key that shows them.
const (
	paneReaders  = "1"
	panePayments = "2"
	paneTimeline = "3"
	paneShift    = "4"
	paneWebhooks = "5"
)

// openSupport opens the support screen and goes to a pane, settling what they load.
func (h *harness) openSupport(p string) {
	h.t.Helper()
	h.settle(h.step(fake.Key("ctrl+s")), nil)
	if !h.m.support.IsOpen() {
		h.t.Fatal("ctrl+s did not open the support screen")
	}
	if p != paneReaders {
		h.press(p)
	}
}

// refresh feeds the Readers pane's pending refresh back, as the tick would.
func (h *harness) refresh() {
	h.t.Helper()
	h.mu.Lock()
	due := h.due
	h.mu.Unlock()
	h.settle(h.step(due), nil)
}
