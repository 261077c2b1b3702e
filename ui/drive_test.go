package ui

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/ui/internal/fake"
)

// chargeToAwaiting builds a one-line cart and charges it on the front counter.
func chargeToAwaiting(t *testing.T, h *harness) {
	t.Helper()
	h.start(nil)
	h.addLine("Coffee", "3.50", "2")
	h.pressUntil("enter", phaseIs(checkout.Awaiting))
	if h.session().Phase != checkout.Awaiting {
		t.Fatalf("phase %s, want awaiting", h.session().Phase)
	}
}

// TestEveryCallIsGuardedBySave walks whole payments and checks, for every call that
// carries an idempotency key, that a session holding that key was saved before it.
func TestEveryCallIsGuardedBySave(t *testing.T) {
	keysOf := func(s checkout.Session) []string {
		return []string{s.CreateKey(), s.ProcessKey(), s.CaptureKey(), s.CancelKey()}
	}
	flows := map[string]func(h *harness){
		"capture": func(h *harness) {
			h.pressUntil("1", phaseIs(checkout.Approved))
			h.pressUntil("c", phaseIs(checkout.Paid))
		},
		"decline, retry, capture": func(h *harness) {
			h.pressUntil("2", phaseIs(checkout.Declined))
			h.pressUntil("r", phaseIs(checkout.Awaiting))
			h.pressUntil("1", phaseIs(checkout.Approved))
			h.pressUntil("enter", phaseIs(checkout.Paid))
		},
		"cancel while awaiting": func(h *harness) {
			h.press("x")
			h.pressUntil("y", phaseIs(checkout.Canceled))
		},
		"release approval": func(h *harness) {
			h.pressUntil("1", phaseIs(checkout.Approved))
			h.press("x")
			h.pressUntil("y", phaseIs(checkout.Canceled))
		},
	}
	for name, flow := range flows {
		t.Run(name, func(t *testing.T) {
			h := newHarness(t, Options{ReaderID: frontCounter.ID}, frontCounter)
			chargeToAwaiting(t, h)
			flow(h)
			if !h.session().Phase.Finished() {
				t.Fatalf("flow ended in %s", h.session().Phase)
			}
			var saved []string
			keyed := 0
			for _, e := range h.log.All() {
				if e.Save != nil {
					saved = append(saved, keysOf(*e.Save)...)
					continue
				}
				if e.Key == "" {
					continue
				}
				keyed++
				found := false
				for _, k := range saved {
					found = found || k == e.Key
				}
				if !found {
					t.Errorf("%s with key %s was sent before any save holding the key", e.Step, e.Key)
				}
			}
			if keyed < 3 {
				t.Errorf("only %d keyed calls; the flow did not run: %v", keyed, h.log.Calls())
			}
			last := h.log.Saves()
			if got := last[len(last)-1].Phase; got != h.session().Phase {
				t.Errorf("last save is %s, screen shows %s", got, h.session().Phase)
			}
		})
	}
}

func TestSaveFailureOnChargeSendsNothing(t *testing.T) {
	h := newHarness(t, Options{ReaderID: frontCounter.ID}, frontCounter)
	h.start(nil)
	h.addLine("Coffee", "3.50", "2")
	h.st.SaveFn = func(checkout.Session) error { return fake.ErrDiskFull }
	h.press("enter")

	for _, c := range h.log.Calls() {
		if !strings.HasPrefix(c, "list_readers") {
			t.Errorf("call made although the session was not saved: %s", c)
		}
	}
	if h.session().Phase != checkout.Building || len(h.m.cart.Cart().Lines) != 1 {
		t.Errorf("cart not given back: phase %s, %d lines", h.session().Phase, len(h.m.cart.Cart().Lines))
	}
	viewHas(t, h.m, "till could not write to its database (disk full)", "Nothing of this order reached Stripe.")
	if got := helpKeys(h.m); slices.Contains(got, "s") {
		t.Errorf("a cart is never stalled: keys %v", got)
	}
}

func TestSaveFailureOnResultStallsUntilCheck(t *testing.T) {
	h := newHarness(t, Options{ReaderID: frontCounter.ID}, frontCounter)
	chargeToAwaiting(t, h)
	h.pressUntil("1", phaseIs(checkout.Approved))
	h.st.FailPaidSaves()
	h.press("c")

	if h.session().Phase != checkout.Capturing {
		t.Fatalf("want the capturing session back, got %s", h.session().Phase)
	}
	if got := helpKeys(h.m); strings.Join(got, " ") != "s" {
		t.Errorf("stalled keys %v, want only s", got)
	}
	// The capture went through before the save failed: the message says so.
	viewHas(t, h.m, "(disk full)", "$7.00 was taken (pi_1).", "Press s to check the payment again")

	h.st.SaveFn = nil
	before := len(h.log.Calls())
	h.pressUntil("s", phaseIs(checkout.Paid))
	if h.session().Phase != checkout.Paid {
		t.Fatalf("phase %s after check, want paid", h.session().Phase)
	}
	for _, c := range h.log.Calls()[before:] {
		if strings.HasPrefix(c, "capture") {
			t.Errorf("captured again instead of re-reading: %v", h.log.Calls()[before:])
		}
	}
}

func TestReadFailuresBackOffAndShow(t *testing.T) {
	h := newHarness(t, Options{ReaderID: frontCounter.ID, PollEvery: time.Millisecond, MaxBackoff: 8 * time.Millisecond}, frontCounter)
	chargeToAwaiting(t, h)
	h.mu.Lock()
	h.waits = nil
	h.mu.Unlock()
	fails := 0
	h.gw.ReadIntentFn = func(string) (checkout.Intent, error) {
		fails++
		return checkout.Intent{}, fake.ErrNetwork
	}
	h.pressUntil("s", func(m Model) bool { return fails >= 6 })
	if h.session().ReadFailures < 5 {
		t.Fatalf("read failures %d, want at least 5", h.session().ReadFailures)
	}
	want := []time.Duration{2, 4, 8, 8, 8}
	h.mu.Lock()
	got := append([]time.Duration(nil), h.waits...)
	h.mu.Unlock()
	if len(got) < len(want) {
		t.Fatalf("waits %v, want at least %v ms", got, want)
	}
	for i, w := range want {
		// checkout.Schedule jitters a backoff to between half and all of it.
		if w *= time.Millisecond; got[i] < w/2 || got[i] > w {
			t.Errorf("wait %d is %v, want %v–%v", i, got[i], w/2, w)
		}
	}
	viewHas(t, h.m, "Could not read the payment:", "Reading it again in a moment.")
	if h.session().Phase != checkout.Awaiting {
		t.Errorf("phase %s while reads fail, want awaiting", h.session().Phase)
	}

	h.gw.ReadIntentFn = nil
	h.pressUntil("1", phaseIs(checkout.Approved))
	if h.session().ReadFailures != 0 || strings.Contains(h.m.View(), "Could not read the payment") {
		t.Errorf("read error still shown after a good read")
	}
}
