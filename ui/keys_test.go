package ui

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/ui/common"
	"github.com/till-pos/till/ui/internal/fake"
	"github.com/till-pos/till/ui/payment"
	"github.com/till-pos/till/ui/picker"
)

// declinedOn charges one line on the front counter and has the reader decline it.
func declinedOn(t *testing.T, h *harness) {
	t.Helper()
	chargeToAwaiting(t, h)
	h.pressUntil("2", phaseIs(checkout.Declined))
}

func TestRetryOnAnotherReader(t *testing.T) {
	for _, tc := range []struct {
		name      string
		keys      []string
		wantPhase checkout.Phase
		wantOn    string
	}{
		{"p then enter retries on the chosen reader", []string{"p", "up"}, checkout.Awaiting, backCounter.ID},
		{"p then esc goes back", []string{"p", "esc"}, checkout.Declined, frontCounter.ID},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, Options{ReaderID: frontCounter.ID}, frontCounter, backCounter)
			declinedOn(t, h)
			h.press(tc.keys...)
			if tc.wantPhase == checkout.Awaiting {
				h.pressUntil("enter", phaseIs(checkout.Awaiting))
			}
			if s := h.session(); s.Phase != tc.wantPhase || s.ReaderID != tc.wantOn {
				t.Errorf("phase %s on %s, want %s on %s", s.Phase, s.ReaderID, tc.wantPhase, tc.wantOn)
			}
		})
	}
}

// Issue 8: a retry on another reader silently changed the remembered reader for every
// later sale. The retry moves this payment only, and says so.
func TestRetryOnAnotherReaderMovesOnlyThisPayment(t *testing.T) {
	h := newHarness(t, Options{ReaderID: frontCounter.ID}, frontCounter, backCounter)
	_ = h.st.SetPref(picker.PrefReader, frontCounter.ID)
	declinedOn(t, h)
	h.press("p", "up") // readers are listed by name: Back counter, then Front counter
	h.pressUntil("enter", phaseIs(checkout.Awaiting))
	if h.session().ReaderID != backCounter.ID || h.m.picker.Chosen() != frontCounter.ID {
		t.Errorf("payment on %s, next charge on %s; want the payment on %s, later sales on %s",
			h.session().ReaderID, h.m.picker.Chosen(), backCounter.ID, frontCounter.ID)
	}
	if got := h.st.PrefOf(picker.PrefReader); got != frontCounter.ID {
		t.Errorf("remembered reader %q, want still %q", got, frontCounter.ID)
	}
	viewHas(t, h.m, "This payment moves to Back counter; later sales stay on Front counter")
	if !slices.Contains(h.log.Calls(), "process till_"+h.session().OrderID+"_process_2 "+backCounter.ID) {
		t.Errorf("no second attempt on the back counter: %v", h.log.Calls())
	}
}

func TestPresentKeys(t *testing.T) {
	cases := []struct {
		name      string
		keys      []string
		wantCard  string
		wantPhase checkout.Phase
	}{
		{"1 presents the approving card", []string{"1"}, common.CardApproves, checkout.Approved},
		{"2 presents the declining card", []string{"2"}, common.CardDeclines, checkout.Declined},
		{"t lists the test cards", []string{"t", "down", "down", "enter"}, common.TestCards[2].Number, checkout.Approved},
		{"t then esc presents nothing", []string{"t", "esc"}, "", checkout.Awaiting},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			h := newHarness(t, Options{ReaderID: frontCounter.ID}, frontCounter)
			chargeToAwaiting(t, h)
			for _, k := range c.keys {
				h.settle(h.step(fake.Key(k)), func(m Model) bool { return m.payment.Session().Phase != checkout.Awaiting })
			}
			var presented []string
			for _, call := range h.log.Calls() {
				if f := strings.Fields(call); f[0] == "present" {
					presented = append(presented, f[1])
				}
			}
			if want := strings.Fields(c.wantCard); !slices.Equal(presented, want) {
				t.Errorf("presented %v, want %v", presented, want)
			}
			if h.session().Phase != c.wantPhase {
				t.Errorf("phase %s, want %s", h.session().Phase, c.wantPhase)
			}
		})
	}
}

func TestPresentFailureSaysWhyAndKeepsPolling(t *testing.T) {
	h := newHarness(t, Options{ReaderID: frontCounter.ID}, frontCounter)
	chargeToAwaiting(t, h)
	h.gw.PresentFn = func(string, string) (checkout.Reader, error) {
		return checkout.Reader{}, &checkout.Failure{Kind: checkout.KindReaderBusy, Code: "terminal_reader_busy"}
	}
	before := len(h.log.Calls())
	h.pressUntil("1", func(m Model) bool { return len(h.log.Calls()) > before+3 })
	viewHas(t, h.m, "Could not present the card: "+checkout.Explain(&checkout.Failure{Kind: checkout.KindReaderBusy}))
	reads := 0
	for _, c := range h.log.Calls()[before:] {
		if strings.HasPrefix(c, "read_intent") {
			reads++
		}
	}
	if reads == 0 || h.session().Phase != checkout.Awaiting {
		t.Errorf("after a failed present: %d reads, phase %s", reads, h.session().Phase)
	}
}

func TestQuit(t *testing.T) {
	onCart := func(*testing.T, *harness) {}
	paid := func(t *testing.T, h *harness) {
		chargeToAwaiting(t, h)
		h.pressUntil("1", phaseIs(checkout.Approved))
		h.pressUntil("c", phaseIs(checkout.Paid))
	}
	capturing := func(t *testing.T, h *harness) {
		chargeToAwaiting(t, h)
		h.pressUntil("1", phaseIs(checkout.Approved))
		h.pressUntil("c", phaseIs(checkout.Capturing))
	}
	cases := []struct {
		name     string
		from     func(*testing.T, *harness)
		keys     []string
		wantQuit bool
		asked    bool
	}{
		{"q on the cart", onCart, []string{"q"}, true, false},
		{"ctrl+c on the cart", onCart, []string{"ctrl+c"}, true, false},
		{"q on the receipt", paid, []string{"q"}, true, false},
		{"ctrl+c while live asks", chargeToAwaiting, []string{"ctrl+c"}, false, true},
		{"ctrl+c then y quits", chargeToAwaiting, []string{"ctrl+c", "y"}, true, false},
		{"ctrl+c twice quits", chargeToAwaiting, []string{"ctrl+c", "ctrl+c"}, true, false},
		{"ctrl+c then n stays", chargeToAwaiting, []string{"ctrl+c", "n"}, false, false},
		{"ctrl+c while capturing asks", capturing, []string{"ctrl+c"}, false, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			h := newHarness(t, Options{ReaderID: frontCounter.ID}, frontCounter)
			h.start(nil)
			c.from(t, h)
			quit := false
			for _, k := range c.keys {
				quit = h.quits(h.step(fake.Key(k))) || quit
			}
			if quit != c.wantQuit || (!quit && h.m.confirmQuit != c.asked) {
				t.Errorf("quit %v asked %v, want %v %v", quit, h.m.confirmQuit, c.wantQuit, c.asked)
			}
			if c.asked {
				viewHas(t, h.m, "The payment stays open and till resumes it next time. Quit? (y/n)")
			}
		})
	}
}

func TestElapsedClockRunsOnlyWhileAwaiting(t *testing.T) {
	h := newHarness(t, Options{ReaderID: frontCounter.ID}, frontCounter)
	h.start(nil)
	if h.clocks != 0 {
		t.Fatal("clock ticking on the cart")
	}
	chargeToAwaiting(t, h)
	if h.clocks == 0 {
		t.Fatal("no clock while awaiting")
	}
	viewHas(t, h.m, "Waiting         00:00")
	h.clock.Advance(75 * time.Second)
	if msgs := h.step(payment.ClockMsg{}); len(msgs) != 1 {
		t.Errorf("clock did not re-arm while awaiting: %v", msgs)
	}
	viewHas(t, h.m, "Waiting         01:15")

	h.pressUntil("1", phaseIs(checkout.Approved))
	if msgs := h.step(payment.ClockMsg{}); len(msgs) != 0 {
		t.Errorf("clock kept running after awaiting: %v", msgs)
	}
}

func TestSpinnerRunsOnlyDuringCalls(t *testing.T) {
	h := newHarness(t, Options{ReaderID: frontCounter.ID}, frontCounter)
	chargeToAwaiting(t, h)
	h.pressUntil("1", phaseIs(checkout.Approved))
	q := h.pressUntil("c", phaseIs(checkout.Capturing))
	if !h.m.spinning || h.spins == 0 {
		t.Fatal("no spinner while capturing")
	}
	h.step(spinMsg{})
	if h.m.frame != 1 {
		t.Errorf("frame %d after one tick, want 1", h.m.frame)
	}
	h.settle(q, phaseIs(checkout.Paid))
	if msgs := h.step(spinMsg{}); len(msgs) != 0 || h.m.spinning {
		t.Error("spinner kept running with nothing under way")
	}
}
