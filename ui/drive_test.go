package ui

import (
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/till-pos/till/checkout"
)

// chargeToAwaiting builds a one-line cart and charges it on the front counter.
func chargeToAwaiting(t *testing.T, h *harness) {
	t.Helper()
	h.start(nil)
	h.addLine("Coffee", "3.50", "2")
	h.pressUntil("enter", phaseIs(checkout.Awaiting))
	if h.m.session.Phase != checkout.Awaiting {
		t.Fatalf("phase %s, want awaiting", h.m.session.Phase)
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
			h.pressUntil("x", phaseIs(checkout.Canceled))
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
			if !h.m.session.Phase.Finished() {
				t.Fatalf("flow ended in %s", h.m.session.Phase)
			}
			var saved []string
			keyed := 0
			for _, e := range h.log.all() {
				if e.save != nil {
					saved = append(saved, keysOf(*e.save)...)
					continue
				}
				if e.key == "" {
					continue
				}
				keyed++
				found := false
				for _, k := range saved {
					found = found || k == e.key
				}
				if !found {
					t.Errorf("%s with key %s was sent before any save holding the key", e.step, e.key)
				}
			}
			if keyed < 3 {
				t.Errorf("only %d keyed calls; the flow did not run: %v", keyed, h.log.calls())
			}
			last := h.log.saves()
			if got := last[len(last)-1].Phase; got != h.m.session.Phase {
				t.Errorf("last save is %s, screen shows %s", got, h.m.session.Phase)
			}
		})
	}
}

func TestSaveFailureOnChargeSendsNothing(t *testing.T) {
	h := newHarness(t, Options{ReaderID: frontCounter.ID}, frontCounter)
	h.start(nil)
	h.addLine("Coffee", "3.50", "2")
	h.st.SaveFn = func(checkout.Session) error { return errDiskFull }
	h.press("enter")

	for _, c := range h.log.calls() {
		if !strings.HasPrefix(c, "list_readers") {
			t.Errorf("call made although the session was not saved: %s", c)
		}
	}
	if h.m.session.Phase != checkout.Building || len(h.m.session.Cart.Lines) != 1 {
		t.Errorf("session not restored: phase %s, %d lines", h.m.session.Phase, len(h.m.session.Cart.Lines))
	}
	viewHas(t, h.m, "Could not save: disk full. Nothing was sent.")
	if h.m.stalled {
		t.Error("a cart is never stalled")
	}
}

func TestSaveFailureOnResultStallsUntilCheck(t *testing.T) {
	h := newHarness(t, Options{ReaderID: frontCounter.ID}, frontCounter)
	chargeToAwaiting(t, h)
	h.pressUntil("1", phaseIs(checkout.Approved))
	h.st.SaveFn = func(s checkout.Session) error {
		if s.Phase == checkout.Paid {
			return errDiskFull
		}
		return nil
	}
	h.press("c")

	if h.m.session.Phase != checkout.Capturing || !h.m.stalled {
		t.Fatalf("want the capturing session back and stalled, got %s stalled=%v", h.m.session.Phase, h.m.stalled)
	}
	if got := helpKeys(h.m); strings.Join(got, " ") != "s" {
		t.Errorf("stalled keys %v, want only s", got)
	}
	viewHas(t, h.m, "Could not save: disk full.", "Press s to check the payment again")

	h.st.SaveFn = nil
	before := len(h.log.calls())
	h.pressUntil("s", phaseIs(checkout.Paid))
	if h.m.session.Phase != checkout.Paid {
		t.Fatalf("phase %s after check, want paid", h.m.session.Phase)
	}
	for _, c := range h.log.calls()[before:] {
		if strings.HasPrefix(c, "capture") {
			t.Errorf("captured again instead of re-reading: %v", h.log.calls()[before:])
		}
	}
}

func TestStaleReadsAreDropped(t *testing.T) {
	h := newHarness(t, Options{ReaderID: frontCounter.ID}, frontCounter)
	chargeToAwaiting(t, h)
	old := h.m.gen
	declined := checkout.StatusRead{
		Intent: &checkout.Intent{ID: "pi_1", Status: checkout.IntentRequiresPaymentMethod},
		Reader: &checkout.Reader{ID: frontCounter.ID, Action: &checkout.ReaderAction{
			Status: checkout.ActionFailed, FailureCode: "card_declined", PaymentIntentID: "pi_1"}},
		At: t0,
	}
	h.pressUntil("s", func(m Model) bool { return true }) // the check starts a new generation
	if h.m.gen == old {
		t.Fatal("check did not start a new generation")
	}

	h.step(resultMsg{gen: old, read: true, event: declined})
	if h.m.session.Phase != checkout.Awaiting {
		t.Errorf("a stale read moved the session to %s", h.m.session.Phase)
	}
	read := checkout.ReadStatus{ReaderID: frontCounter.ID, PaymentIntentID: "pi_1", Wait: true}
	if msgs := h.step(dueMsg{job: job{gen: old, effect: read}}); len(msgs) != 0 {
		t.Errorf("a stale poll still made its call: %v", msgs)
	}

	h.step(resultMsg{gen: h.m.gen, read: true, event: declined})
	if h.m.session.Phase != checkout.Declined {
		t.Errorf("a current read was not applied: %s", h.m.session.Phase)
	}
}

func TestOtherResultsAreNeverDropped(t *testing.T) {
	h := newHarness(t, Options{ReaderID: frontCounter.ID}, frontCounter)
	chargeToAwaiting(t, h)
	h.pressUntil("1", phaseIs(checkout.Approved))
	h.pressUntil("c", func(m Model) bool { return m.session.Phase == checkout.Capturing })
	h.m.gen += 5 // the cashier acted meanwhile
	captured := checkout.Captured{Intent: checkout.Intent{ID: "pi_1", Status: checkout.IntentSucceeded}, At: t0}
	h.step(resultMsg{gen: 0, read: false, event: captured})
	if h.m.session.Phase != checkout.Paid {
		t.Errorf("capture result dropped: phase %s", h.m.session.Phase)
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
		return checkout.Intent{}, errNetwork
	}
	h.pressUntil("s", func(m Model) bool { return fails >= 6 })
	if h.m.session.ReadFailures < 5 {
		t.Fatalf("read failures %d, want at least 5", h.m.session.ReadFailures)
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
	viewHas(t, h.m, "Can't reach Stripe:", "retrying")
	if h.m.session.Phase != checkout.Awaiting {
		t.Errorf("phase %s while reads fail, want awaiting", h.m.session.Phase)
	}

	h.gw.ReadIntentFn = nil
	h.pressUntil("1", phaseIs(checkout.Approved))
	if h.m.session.ReadFailures != 0 || strings.Contains(h.m.View(), "Can't reach Stripe") {
		t.Errorf("read error still shown after a good read")
	}
}

func TestRefusedActionFlashesAndIgnoredResultDoesNot(t *testing.T) {
	h := newHarness(t, Options{ReaderID: frontCounter.ID}, frontCounter)
	chargeToAwaiting(t, h)
	h.m.flash = flash{}
	late := checkout.Captured{Intent: checkout.Intent{ID: "pi_1", Status: checkout.IntentSucceeded}, At: t0}
	h.step(resultMsg{gen: h.m.gen, event: late})
	if h.m.session.Phase != checkout.Awaiting || h.m.flash.text != "" {
		t.Errorf("an invalid result changed the screen: %s %q", h.m.session.Phase, h.m.flash.text)
	}

	m, _ := h.m.act(checkout.CaptureRequested{At: t0})
	if m.flash.text == "" || m.session.Phase != checkout.Awaiting {
		t.Errorf("an invalid action gave no message: %q", m.flash.text)
	}
	if m.gen != h.m.gen {
		t.Error("a refused action started a new poll generation, which would stop polling")
	}
}

func TestSaverKeepsNewestRevision(t *testing.T) {
	log := &recorder{}
	st := newFakeStore(log)
	sv := newSaver()
	newer := checkout.Session{OrderID: "ord_1", Phase: checkout.Capturing}
	older := checkout.Session{OrderID: "ord_1", Phase: checkout.Approved}
	other := checkout.Session{OrderID: "ord_2", Phase: checkout.Creating}
	for _, c := range []struct {
		rev  int
		sess checkout.Session
	}{{5, newer}, {4, older}, {5, newer}, {1, other}} {
		if err := sv.save(st, c.rev, c.sess); err != nil {
			t.Fatal(err)
		}
	}
	saves := log.saves()
	if len(saves) != 2 || saves[0].Phase != checkout.Capturing || saves[1].OrderID != "ord_2" {
		t.Errorf("saves %+v, want the newer ord_1 once and ord_2", saves)
	}
}

// TestSaveFailureRestoresItsOwnLane: a save that fails puts its own lane's session back,
// even when the other lane has committed since (both lanes share the revision counter).
func TestSaveFailureRestoresItsOwnLane(t *testing.T) {
	h := newHarness(t, Options{ReaderID: frontCounter.ID}, frontCounter)
	chargeToAwaiting(t, h)
	earlier := approved()
	earlier.OrderID, earlier.PaymentIntentID = "ord_earlier", "pi_earlier"
	h.st.SaveFn = func(s checkout.Session) error {
		if s.OrderID == earlier.OrderID {
			return errDiskFull
		}
		return nil
	}
	m, cmd := h.m.inSupportLane(func(m Model) (Model, tea.Cmd) {
		m.session = earlier
		return m.act(checkout.CaptureRequested{At: t0})
	})
	failed := run(cmd)                              // the support lane's save, answered after...
	h.m, _ = m.act(checkout.CheckRequested{At: t0}) // ...the cashier's next commit
	for _, msg := range failed {
		h.step(msg)
	}
	if s := h.m.other.session; s.Phase != checkout.Approved || !h.m.other.stalled {
		t.Errorf("support lane %s stalled=%v, want the approved session back, stalled", s.Phase, h.m.other.stalled)
	}
	if h.m.session.Phase != checkout.Awaiting || h.m.stalled {
		t.Errorf("cashier lane %s stalled=%v, want awaiting, not stalled", h.m.session.Phase, h.m.stalled)
	}
}
