package ui

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/ui/internal/fake"
)

// Issue 9: while the cart is built the reader shows it (set_reader_display), updated as
// lines change but not on every key, never over a payment, and cleared when the sale is
// abandoned or till quits.

// cafe is a till selling the example café's catalogue on the front counter.
func cafe(t *testing.T, opts Options, readers ...checkout.Reader) *harness {
	t.Helper()
	if readers == nil {
		readers = []checkout.Reader{frontCounter}
	}
	opts.Catalogue = fake.Cafe()
	if opts.ReaderID == "" {
		opts.ReaderID = frontCounter.ID
	}
	h := newHarness(t, opts, readers...)
	h.start(nil)
	return h
}

// displayCalls are the calls about the reader's screen since the log's entry from.
func (h *harness) displayCalls(from int) []string {
	var out []string
	for _, c := range h.log.Calls()[from:] {
		if f := strings.Fields(c); f[0] == "display" || f[0] == "cancel_action" {
			out = append(out, strings.Join(f, " "))
		}
	}
	return out
}

// fire lets the display's last timer go off, after its wait.
func (h *harness) fire() {
	h.t.Helper()
	h.mu.Lock()
	due, waits := h.displayDue, h.displayWaits
	h.displayDue = nil
	h.mu.Unlock()
	if due == nil {
		h.t.Fatal("no display timer is set")
	}
	h.clock.Advance(waits[len(waits)-1])
	h.settle(h.step(due), nil)
}

func shown(r checkout.Reader) int64 {
	if a := r.Action; a != nil && a.Display != nil {
		return a.Display.Total
	}
	return -1
}

func TestCartIsShownOnTheReaderAfterItStopsChanging(t *testing.T) {
	h := cafe(t, Options{})
	h.press("2", "enter", "+", "+", "4", "enter") // five changes in a row, no time between
	if calls := h.displayCalls(0); len(calls) != 0 {
		t.Fatalf("the reader was called while the cart changed: %v", calls)
	}
	if w := h.displayWaits; len(w) != 1 || w[0] != checkout.DisplayDebounce {
		t.Fatalf("timers %v, want one of %v", w, checkout.DisplayDebounce)
	}
	h.fire()
	total := h.m.cart.Cart().Total().Amount
	if calls := h.displayCalls(0); !slices.Equal(calls, []string{"display " + frontCounter.ID + " " + strconv.FormatInt(total, 10)}) {
		t.Errorf("display calls %v, want one with the total %d", calls, total)
	}
	if got := shown(h.gw.Reader(frontCounter.ID)); got != total {
		t.Errorf("the reader shows %d, want the cart's %d", got, total)
	}
	// One more line: shown again, after the wait.
	from := len(h.log.Calls())
	h.press("1", "enter")
	h.fire()
	if calls := h.displayCalls(from); len(calls) != 1 || shown(h.gw.Reader(frontCounter.ID)) != h.m.cart.Cart().Total().Amount {
		t.Errorf("after a change: %v", calls)
	}
}

// The payment replaces the cart on the reader; nothing is shown or cleared over it.
func TestChargingLeavesTheReaderToThePayment(t *testing.T) {
	h := cafe(t, Options{})
	h.press("2", "enter")
	h.fire()
	from := len(h.log.Calls())
	h.pressUntil("enter", phaseIs(checkout.Awaiting))
	h.pressUntil("1", phaseIs(checkout.Approved))
	h.pressUntil("c", phaseIs(checkout.Paid))
	h.press("n")
	if calls := h.displayCalls(from); len(calls) != 0 {
		t.Errorf("display calls during the payment: %v", calls)
	}
}

// An emptied cart (the sale abandoned) comes off the reader at once.
func TestAbandonedCartIsClearedAtOnce(t *testing.T) {
	h := cafe(t, Options{})
	h.press("2", "enter")
	h.fire()
	from := len(h.log.Calls())
	h.press("d")
	if calls := h.displayCalls(from); !slices.Equal(calls, []string{"cancel_action " + frontCounter.ID}) {
		t.Errorf("after the last line went: %v", calls)
	}
	if a := h.gw.Reader(frontCounter.ID).Action; a != nil {
		t.Errorf("the reader still shows %+v", a)
	}
}

// Quitting with a cart keeps it on disk and takes it off the reader first.
func TestQuitWithACartClearsTheReader(t *testing.T) {
	for _, keys := range [][]string{{"ctrl+c"}, {"q", "y"}} {
		h := cafe(t, Options{})
		h.press("2", "enter")
		h.fire()
		from := len(h.log.Calls())
		quit := false
		for _, k := range keys {
			quit = h.quits(h.step(fake.Key(k))) || quit
		}
		if !quit || !slices.Equal(h.displayCalls(from), []string{"cancel_action " + frontCounter.ID}) {
			t.Errorf("%v: quit %v, display calls %v", keys, quit, h.displayCalls(from))
		}
	}
}

// Another till's payment on the reader is never replaced: the cart waits and is tried
// again later.
func TestBusyReaderIsNotReplaced(t *testing.T) {
	busy := frontCounter
	busy.Action = &checkout.ReaderAction{Type: "process_payment_intent", Status: checkout.ActionInProgress, PaymentIntentID: "pi_other"}
	h := cafe(t, Options{}, busy)
	h.press("2", "enter")
	h.fire()
	if calls := h.displayCalls(0); len(calls) != 0 {
		t.Errorf("the cart went over a payment: %v", calls)
	}
	if w := h.displayWaits; w[len(w)-1] != checkout.DisplayRetry {
		t.Errorf("next try in %v, want %v", w[len(w)-1], checkout.DisplayRetry)
	}
	h.gw.SetReaders(frontCounter) // the other payment is over
	h.fire()
	if calls := h.displayCalls(0); len(calls) != 1 {
		t.Errorf("after the reader was free: %v", calls)
	}
}

// Choosing another reader takes the cart off the first and shows it on the second.
func TestAnotherReaderTakesTheCart(t *testing.T) {
	h := cafe(t, Options{}, frontCounter, backCounter)
	h.press("2", "enter")
	h.fire()
	from := len(h.log.Calls())
	h.press("p", "up", "enter") // the list is by name: Back counter first
	if h.m.picker.Chosen() != backCounter.ID {
		t.Fatalf("chosen %s", h.m.picker.Chosen())
	}
	h.fire()
	total := strconv.FormatInt(h.m.cart.Cart().Total().Amount, 10)
	want := []string{"cancel_action " + frontCounter.ID, "display " + backCounter.ID + " " + total}
	if calls := h.displayCalls(from); !slices.Equal(calls, want) {
		t.Errorf("display calls %v, want %v", calls, want)
	}
}
