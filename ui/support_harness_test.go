package ui

import (
	"time"

	"github.com/till-pos/till/checkout"
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

// openSupport opens the support screen on a pane and settles what it loads.
func (h *harness) openSupport(p pane) {
	h.t.Helper()
	h.m.sup.pane = p
	h.settle(h.step(keyMsg("ctrl+s")), nil)
	if !h.m.sup.open {
		h.t.Fatal("ctrl+s did not open the support screen")
	}
}

// refresh feeds the Readers pane's pending refresh back, as the tick would.
func (h *harness) refresh() {
	h.t.Helper()
	h.settle(h.step(readersDueMsg{gen: h.m.sup.readersGen}), nil)
}

// setReaders replaces the fake Stripe's readers.
func (h *harness) setReaders(rs ...checkout.Reader) {
	h.gw.mu.Lock()
	defer h.gw.mu.Unlock()
	h.gw.readers = rs
}
