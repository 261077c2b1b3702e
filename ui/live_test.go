package ui

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/ui/internal/fake"
)

// liveHarness is a till in Stripe live mode on the front and back counters (simulated
// devices, as the emulator's are: live mode must not offer them test cards), on the
// storybook's ids and clock, started: its first page asks for the confirmation.
func liveHarness(t testing.TB, start time.Time, faults map[string][]string, readers ...checkout.Reader) *harness {
	t.Helper()
	if readers == nil {
		readers = []checkout.Reader{frontCounter, backCounter}
	}
	h := newHarnessWith(t, Options{ReaderID: frontCounter.ID, Live: true, NewOrderID: func() string { return bookOrder }}, faults, readers...)
	h.gw.IntentID, h.gw.Now, h.gw.CaptureWindow = bookIntent, h.clock.Now, 48*time.Hour
	h.clock.Advance(start.Sub(t0))
	h.start(nil)
	return h
}

// confirmLive types the word on the first page.
func (h *harness) confirmLive() {
	h.t.Helper()
	h.typeText("live")
	h.press("enter")
	if h.m.golive.Asking() {
		h.t.Fatal("typing live did not confirm live mode")
	}
}

// liveAwaiting is the storybook's cart charged in live mode, waiting for a card for 83 s.
func liveAwaiting(t testing.TB) *harness {
	t.Helper()
	h := liveHarness(t, t0.Add(-83*time.Second), nil)
	h.confirmLive()
	h.fill()
	h.pressUntil("enter", phaseIs(checkout.Awaiting))
	h.clock.Advance(83 * time.Second)
	return h
}

// liveBook is every screen live mode changes, reached through Update.
func liveBook(t *testing.T) map[string]Model {
	book := map[string]Model{}
	h := liveHarness(t, t0, nil)
	book["live_confirm"] = h.m
	h.typeText("yes")
	h.press("enter")
	book["live_confirm_wrong"] = h.m
	h.typeText("li")
	book["live_confirm_typing"] = h.m
	h.press("backspace", "backspace")
	h.confirmLive()
	h.fill()
	book["live_cart"] = h.m

	h = liveAwaiting(t)
	book["live_awaiting"] = h.m
	h.press("?")
	book["live_awaiting_help"] = h.m

	// A simulated reader on an emulator, in live mode: no test cards, no fault panel.
	h = liveHarness(t, t0, map[string][]string{}, stuckFront(), offlineBack())
	h.confirmLive()
	h.openSupport(paneReaders)
	h.press("down")
	book["live_support_readers"] = h.m
	return book
}

// TestLiveViews renders live mode's screens at 80×24 and 60×20 (go test ./ui -update).
func TestLiveViews(t *testing.T) { requireViews(t, liveBook(t)) }

// The LIVE banner is on every screen at every usable size: each screen of the
// storybooks, drawn in live mode, says LIVE on its second line, under the header.
func TestLiveBannerOnEveryScreen(t *testing.T) {
	books := []map[string]Model{storybook(t), supportBook(t), webhookBook(t)}
	for _, book := range books {
		for name, m := range book {
			m.opts.Live = true
			for _, size := range [][2]int{{80, 24}, {60, 20}, {60, 16}, {120, 40}} {
				lines := strings.Split(ansi.Strip(sized(m, size[0], size[1]).View()), "\n")
				if len(lines) < 2 || !strings.HasPrefix(lines[1], " LIVE  real cards, real money ") {
					t.Errorf("%s at %dx%d: no LIVE banner under the header:\n%s", name, size[0], size[1], strings.Join(lines, "\n"))
				}
			}
		}
	}
	m := storybook(t)["cart_lines"]
	if v := ansi.Strip(sized(m, 80, 24).View()); strings.Contains(v, "LIVE") {
		t.Errorf("LIVE in test mode:\n%s", v)
	}
}

// Below the smallest usable size the screen asks to be enlarged, and still says LIVE
// first, down to a single line.
func TestLiveBannerOnTheTooSmallScreen(t *testing.T) {
	m := liveAwaiting(t).m
	for _, size := range [][2]int{{59, 20}, {80, 15}, {30, 1}} {
		v := ansi.Strip(sized(m, size[0], size[1]).View())
		if !strings.HasPrefix(v, " LIVE ") {
			t.Errorf("%dx%d: LIVE is not first:\n%s", size[0], size[1], v)
		}
		if size[1] > 3 && !strings.Contains(v, "too small") {
			t.Errorf("%dx%d: does not ask to be enlarged:\n%s", size[0], size[1], v)
		}
	}
	golden.RequireEqual(t, []byte(ansi.Strip(sized(m, 50, 12).View())))
}

// Live mode hides the test-card keys and refuses them: 1, 2 and t on the awaiting
// screen, and t and f on support's Readers pane, present no card and switch no fault.
func TestLiveRefusesTestCards(t *testing.T) {
	h := liveAwaiting(t)
	for _, k := range []string{"1", "2", "t"} {
		if keys := helpKeys(h.m); slices.Contains(keys, k) {
			t.Errorf("the help shows %s in live mode: %v", k, keys)
		}
	}
	h.press("1", "2", "t", "enter")
	if h.session().Phase != checkout.Awaiting || countCalls(h, "present") != 0 {
		t.Fatalf("a test card went in live mode: phase %s, calls %v", h.session().Phase, h.log.Calls())
	}
	h.press("?")
	viewHas(t, h.m, "cancel payment")
	if v := h.m.View(); strings.Contains(v, "test cards") || strings.Contains(v, "approve card") {
		t.Errorf("the list of keys offers test cards in live mode:\n%s", v)
	}

	h = liveHarness(t, t0, map[string][]string{}, stuckFront(), offlineBack())
	h.confirmLive()
	h.openSupport(paneReaders)
	h.press("down", "t", "enter", "f", "enter")
	for _, step := range []string{"present", "toggle_fault"} {
		if n := countCalls(h, step); n != 0 {
			t.Errorf("%d %s calls in live mode: %v", n, step, h.log.Calls())
		}
	}
	if keys := helpKeys(h.m); slices.Contains(keys, "t") || slices.Contains(keys, "f") {
		t.Errorf("support offers test cards or faults in live mode: %v", keys)
	}
}

// Live mode's first page: nothing starts until live is typed. A payment left open is
// not resumed (no call about it), support does not open, a wrong word is said to be
// wrong and asked again; ctrl+c quits at once.
func TestLiveConfirmationComesFirst(t *testing.T) {
	s := awaiting()
	h := newHarnessWith(t, Options{ReaderID: frontCounter.ID, Live: true}, nil, frontCounter)
	h.gw.Mirror(s)
	h.st.UnfinishedFn = func() ([]checkout.Session, error) { return []checkout.Session{s}, nil }
	h.start(nil)
	resumed := func() bool {
		for _, c := range h.log.Calls() {
			if strings.Contains(c, s.PaymentIntentID) {
				return true
			}
		}
		return false
	}
	h.press("ctrl+s")
	h.typeText("yes")
	h.press("enter")
	if !h.m.golive.Asking() || h.m.support.IsOpen() || resumed() || h.m.payment.Active() {
		t.Fatalf("till started before live was typed: asking %v, support %v, calls %v", h.m.golive.Asking(), h.m.support.IsOpen(), h.log.Calls())
	}
	viewHas(t, h.m, "That was not live")
	h.typeText("LIVE")
	h.pressUntil("enter", h.polling)
	if h.m.golive.Asking() || !resumed() || h.session().OrderID != s.OrderID {
		t.Fatalf("after live: asking %v, session %q, calls %v", h.m.golive.Asking(), h.session().OrderID, h.log.Calls())
	}

	h = newHarness(t, Options{Live: true}, frontCounter)
	h.start(nil)
	if !quits(h.step(fake.Key("ctrl+c"))) {
		t.Error("ctrl+c did not quit the first page")
	}
	// --confirm-live: confirmed up front, no page.
	h = newHarness(t, Options{Live: true, LiveConfirmed: true}, frontCounter)
	h.start(nil)
	if h.m.golive.Asking() {
		t.Error("the page asks although live mode was confirmed up front")
	}
}

// The key table's live row: the first page's keys.
func liveKeyRow(t *testing.T) keyRow {
	return keyRow{"live mode's first page", []Model{liveHarness(t, t0, nil).m}}
}
