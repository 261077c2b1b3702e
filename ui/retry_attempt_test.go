package ui

import (
	"testing"

	"github.com/till-pos/till/checkout"
)

// A retry after attempts that never reached a card (a busy reader) says the attempts
// failed, not that a card did.
func TestRetryNamesEarlierAttemptsNotCards(t *testing.T) {
	h := bookHarness(t, t0, frontCounter.ID, frontCounter)
	h.fill()
	h.gw.ProcessFn = func(checkout.ProcessOnReader) (checkout.Reader, error) {
		return checkout.Reader{}, &checkout.Failure{Kind: checkout.KindReaderBusy, Code: "terminal_reader_busy"}
	}
	h.pressUntil("enter", phaseIs(checkout.Declined))
	h.pressUntil("r", func(m Model) bool {
		return m.payment.Session().Attempts == 2 && m.payment.Session().Phase == checkout.Declined
	})
	h.gw.ProcessFn = nil
	h.pressUntil("r", phaseIs(checkout.Awaiting))
	viewHas(t, h.m, "Attempt         3: the first 2 did not go through")
}
