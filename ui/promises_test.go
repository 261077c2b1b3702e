package ui

import (
	"strings"
	"testing"

	"github.com/till-pos/till/checkout"
)

// viewLacks checks that none of these words are on screen.
func viewLacks(t *testing.T, m Model, words ...string) {
	t.Helper()
	v := strings.Join(strings.Fields(m.View()), " ")
	for _, w := range words {
		if strings.Contains(v, w) {
			t.Errorf("view has %q:\n%s", w, v)
		}
	}
}

// noAnswer is a read that got no answer from Stripe.
var noAnswer = &checkout.Failure{Kind: checkout.KindNetwork, Message: "could not reach Stripe to list readers: connection refused"}

// When listing the readers fails, the picker says so and nothing more: a list moves
// nothing, so no call "may or may not have gone through", and nothing is checked
// behind the cashier's back; ctrl+r lists them again, as it says.
func TestPickerSaysWhatHappensWhenListingFails(t *testing.T) {
	h := newHarness(t, Options{}, frontCounter, backCounter)
	fail := true
	h.gw.ListReadersFn = func() ([]checkout.Reader, error) {
		if fail {
			return nil, noAnswer
		}
		return []checkout.Reader{frontCounter, backCounter}, nil
	}
	h.start(nil)
	viewHas(t, h.m, "Could not list the readers: Stripe did not answer.")
	h.press("p")
	if !h.m.picker.IsOpen() {
		t.Fatal("p does not open the picker")
	}
	viewHas(t, h.m, "Could not list the readers: Stripe did not answer. ctrl+r lists them again.", "ctrl+r list again")
	viewLacks(t, h.m, "may or may not", "went through", "Checking", "retrying")
	fail = false
	h.press("ctrl+r")
	viewHas(t, h.m, frontCounter.Name(), backCounter.Name())
	viewLacks(t, h.m, "Could not list the readers")
}

// A refund whose read fails says what comes next, truly: while till follows the refund
// it reads again by itself; on a refund the reader did not take, nothing reads it
// again until s is pressed.
func TestRefundReadErrorSaysWhatComesNext(t *testing.T) {
	h := historyHarness(t)
	h.refundAll("1933", checkout.RefundAwaiting)
	h.gw.FailAction(frontCounter.ID, "customer_canceled")
	h.pressUntil("s", refundPhase(checkout.RefundDeclined))

	h.gw.ReadReaderFn = func(string) (checkout.Reader, error) { return checkout.Reader{}, noAnswer }
	before := len(h.log.Calls())
	h.press("s")
	if r := h.m.refund.Refund(); r.Phase != checkout.RefundDeclined || r.ReadFailures != 1 {
		t.Fatalf("refund %s, %d failed reads", r.Phase, r.ReadFailures)
	}
	reads := 0
	for _, c := range h.log.Calls()[before:] {
		if strings.HasPrefix(c, "read") {
			reads++
		}
	}
	if reads != 1 {
		t.Fatalf("%d reads after one s: %v", reads, h.log.Calls()[before:])
	}
	viewHas(t, h.m, "Could not read the refund: Stripe did not answer. Press s to check again.")
	viewLacks(t, h.m, "retrying", "may or may not")
}

// The readers main listed to check the configured reader are the screen's list: it
// does not ask Stripe for them again on start, and settles the chosen one from them.
func TestScreenTakesTheReadersMainListed(t *testing.T) {
	h := newHarness(t, Options{ReaderID: backCounter.ID, Readers: []checkout.Reader{frontCounter, backCounter}}, frontCounter, backCounter)
	listed := 0
	h.gw.ListReadersFn = func() ([]checkout.Reader, error) {
		listed++
		return []checkout.Reader{frontCounter, backCounter}, nil
	}
	h.start(nil)
	if listed != 0 {
		t.Fatalf("the screen listed the readers %d times on start", listed)
	}
	if got := h.m.picker.Chosen(); got != backCounter.ID || len(h.m.picker.Readers()) != 2 {
		t.Fatalf("chosen %q of %d readers", got, len(h.m.picker.Readers()))
	}
	h.press("p")
	if listed != 1 {
		t.Fatalf("p listed the readers %d times, want once", listed)
	}
}
