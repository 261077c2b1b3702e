package ui

import (
	"strings"
	"testing"
	"time"

	"github.com/till-pos/till/checkout"
)

// refused is a read Stripe did not answer, as readerctl words a refused connection.
func refused(what string) *checkout.Failure {
	return &checkout.Failure{Kind: checkout.KindNetwork,
		Message: "could not reach Stripe to " + what + ": dial tcp 127.0.0.1:8443: connect: connection refused"}
}

// flashHas checks the status line's message, words only.
func flashHas(t *testing.T, m Model, want string) {
	t.Helper()
	got := strings.Join(strings.Fields(m.flash.Text), " ")
	if !strings.Contains(got, want) {
		t.Errorf("status line %q, want %q", got, want)
	}
}

// A read the support screen could not make says what the network said, so support can
// tell a refused connection from a timeout or a TLS error; a read moves nothing, so no
// call "may or may not have gone through".
func TestSupportReadFailuresSayWhatTheNetworkSaid(t *testing.T) {
	detail := "Stripe did not answer (could not reach Stripe to %s: dial tcp 127.0.0.1:8443: connect: connection refused)."
	say := func(what string) string { return strings.Replace(detail, "%s", what, 1) }

	t.Run("the readers", func(t *testing.T) {
		h := newHarness(t, Options{}, stuckFront(), offlineBack())
		h.openSupport(paneReaders)
		h.gw.ListReadersFn = func() ([]checkout.Reader, error) { return nil, refused("list the readers") }
		h.refresh()
		viewHas(t, h.m, "Could not read the readers: "+say("list the readers")+" Reading them again in 4s.", "Front counter")
	})
	t.Run("the readers, never read", func(t *testing.T) {
		h := newHarness(t, Options{}, stuckFront())
		h.gw.ListReadersFn = func() ([]checkout.Reader, error) { return nil, refused("list the readers") }
		h.openSupport(paneReaders)
		viewHas(t, h.m, "Could not read the readers: "+say("list the readers")+" Reading them again in 4s.")
		viewLacks(t, h.m, "0 readers", "ago") // no list was read: it has no age
	})
	t.Run("the payments, none in the journal", func(t *testing.T) {
		h := newHarness(t, Options{}, frontCounter)
		h.gw.UnfinishedFn = func(time.Time) ([]checkout.Intent, error) { return nil, refused("list the payments") }
		h.openSupport(panePayments)
		viewHas(t, h.m, "Could not list Stripe's payments: "+say("list the payments"), "No unfinished payments in this till's journal.")
		viewLacks(t, h.m, "or at Stripe") // Stripe's are not known
	})
	t.Run("the payments", func(t *testing.T) {
		h := paymentsHarness(t)
		h.gw.UnfinishedFn = func(time.Time) ([]checkout.Intent, error) { return nil, refused("list the payments") }
		h.openSupport(panePayments)
		viewHas(t, h.m, "Could not list Stripe's payments: "+say("list the payments"))
	})
	t.Run("the shift's refunds", func(t *testing.T) {
		h := shiftRefundsUnread(t)
		viewHas(t, h.m, "Refunds made outside this till could not be read from Stripe: "+say("list the refunds"),
			"Nothing unresolved in this till's journal: the shift can close, but its refunds may be incomplete (below).")
		viewLacks(t, h.m, "Nothing unresolved: the shift can close") // not everything was checked
		h.press("C")
		viewHas(t, h.m, "Close the shift?") // an outage does not keep the shift open
	})
	t.Run("the reader before canceling its action", func(t *testing.T) {
		h := newHarness(t, Options{}, stuckFront())
		h.openSupport(paneReaders)
		h.gw.ReadReaderFn = func(string) (checkout.Reader, error) { return checkout.Reader{}, refused("read the reader") }
		h.press("x", "y")
		if n := countCalls(h, "cancel_action"); n != 0 {
			t.Fatalf("canceled without reading the reader: %v", h.log.Calls())
		}
		flashHas(t, h.m, "Nothing canceled: could not read Front counter: "+say("read the reader"))
	})
	t.Run("the payment before settling it", func(t *testing.T) {
		h := paymentsHarness(t)
		h.openSupport(panePayments)
		h.gw.ReadIntentFn = func(string) (checkout.Intent, error) { return checkout.Intent{}, refused("read the PaymentIntent") }
		h.press("c", "y") // another till's authorization, against the advice
		if n := countCalls(h, "capture"); n != 0 {
			t.Fatalf("captured without reading the payment: %v", h.log.Calls())
		}
		flashHas(t, h.m, "Nothing captured: could not read pi_3Emu0000000005: "+say("read the PaymentIntent"))
	})
}

// shiftRefundsUnread is the Shift pane of a shift with nothing unresolved, whose refunds
// Stripe did not list.
func shiftRefundsUnread(t *testing.T) *harness {
	h := newHarness(t, Options{}, frontCounter)
	h.st.Put(withIntent(live(checkout.Paid), checkout.IntentSucceeded))
	h.gw.RefundsFn = func(time.Time, int) ([]checkout.StripeRefund, error) { return nil, refused("list the refunds") }
	h.openSupport(paneShift)
	return h
}
