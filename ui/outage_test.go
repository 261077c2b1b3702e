package ui

import (
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/ui/internal/fake"
	"github.com/till-pos/till/ui/outbox"
)

// down is Stripe unreachable since two minutes before t0 (15:07).
var down = checkout.Reach{Since: t0.Add(-2 * time.Minute), Misses: 4}

// heldCapture is the storybook's payment approved, its capture sent while Stripe stopped
// answering, and the reads after it unanswered too: a held capture on the cashier's page.
func heldCapture(t testing.TB) *harness {
	t.Helper()
	h := awaitingBook(t, frontCounter.ID)
	h.pressUntil("1", phaseIs(checkout.Approved))
	h.gw.CaptureFn = func(checkout.CaptureIntent) (checkout.Intent, error) { return checkout.Intent{}, fake.ErrNetwork }
	h.gw.ReadIntentFn = func(string) (checkout.Intent, error) { return checkout.Intent{}, fake.ErrNetwork }
	h.setReach(down)
	h.pressUntil("c", func(m Model) bool { return m.payment.Session().ReadFailures >= 1 })
	if s := h.session(); s.Phase != checkout.Unknown || s.Held != checkout.StepCapture {
		t.Fatalf("phase %s, held %q", s.Phase, s.Held)
	}
	return h
}

// stripeBack makes the fake Stripe answer again and the screen know it.
func (h *harness) stripeBack() {
	h.gw.CaptureFn, h.gw.ReadIntentFn = nil, nil
	h.setReach(checkout.Reach{BackAt: h.clock.Now(), WasDownSince: down.Since})
}

// outageBook is the storybook's outage and cash screens.
func outageBook(t testing.TB) map[string]Model {
	book := map[string]Model{}
	front := frontCounter.ID

	// A text field's value is shared by copies of the page, so each typed state has a
	// harness of its own.
	cashAt := func(given string, keys ...string) *harness {
		h := bookHarness(t, t0, front)
		h.fill()
		h.setReach(down)
		h.press("enter")
		if given == "" {
			return h
		}
		h.press("$")
		h.typeText(given)
		h.press(keys...)
		return h
	}
	book["cart_outage_refused"] = cashAt("").m
	book["cash"] = cashAt("40").m
	book["cash_short"] = cashAt("20", "enter").m
	book["cash_paid"] = cashAt("50", "enter").m

	h := bookHarnessWith(t, t0, Options{ReaderID: front, Currency: "cad"})
	h.addLine("Muffin", "10.02", "1")
	h.press("$")
	book["cash_rounded"] = h.m

	h = heldCapture(t)
	book["unknown_held"] = h.m
	h.press("n")
	book["cart_held"] = h.m

	h = bookHarness(t, t0, front)
	h.setReach(checkout.Reach{BackAt: t0.Add(-20 * time.Second), WasDownSince: t0.Add(-10 * time.Minute)})
	h.fill()
	book["cart_stripe_back"] = h.m
	return book
}

// While Stripe does not answer, a card sale is refused with plain words and the cart
// stays; $ takes it in cash: the change as typed, the sale recorded (no PaymentIntent),
// counted as cash in the shift, and the next sale starts on an empty cart.
func TestOutageCashFlow(t *testing.T) {
	h := bookHarness(t, t0, frontCounter.ID)
	h.fill()
	h.setReach(down)
	h.press("enter")
	viewHas(t, h.m, "Stripe unreachable since 15:07 — card payments cannot be taken",
		"No card payments while Stripe is unreachable", "Nothing was charged. Press $ to take the cart in cash.")
	if calls := h.log.Calls(); slices.ContainsFunc(calls, func(c string) bool { return strings.HasPrefix(c, "create") }) {
		t.Fatalf("a card payment was started: %v", calls)
	}
	if h.m.payment.Active() || len(h.m.cart.Cart().Lines) != 3 {
		t.Fatal("the cart was not kept")
	}
	h.press("$")
	viewHas(t, h.m, "Cash sale", "$29.74", "Change due $0.00")
	h.typeText("20")
	viewHas(t, h.m, "$9.74 short")
	h.press("enter")
	viewHas(t, h.m, "That is $9.74 short of $29.74.")
	if _, found, _ := h.st.Session(bookOrder); found {
		t.Fatal("a short payment was recorded")
	}
	h.press("backspace", "backspace")
	h.typeText("50")
	viewHas(t, h.m, "Change due $20.26")
	h.press("enter")
	viewHas(t, h.m, "Paid in cash — give the change", "Change $20.26", "Given $50.00")
	s, found, _ := h.st.Session(bookOrder)
	if !found || s.Phase != checkout.Paid || s.Cash == nil || s.Cash.Change != usd(2026) || s.PaymentIntentID != "" || len(s.Cart.Lines) != 3 {
		t.Fatalf("recorded %+v (found %v)", s, found)
	}
	r, err := checkout.CurrentShift(h.st, h.clock.Now())
	if err != nil || len(r.Totals) != 1 || r.Totals[0].Cash != usd(2974) || r.Totals[0].CashCount != 1 || r.Totals[0].Paid != 0 {
		t.Fatalf("shift %+v, %v", r.Totals, err)
	}
	// n starts the next sale, as on a card payment's paid page, and the footer says so.
	viewHas(t, h.m, "enter/n new sale")
	h.press("n")
	if h.m.cash.IsOpen() || !h.m.cart.Cart().Empty() {
		t.Fatal("n does not start the next sale on an empty cart")
	}
	// Stripe is back: the card is taken again.
	h.setReach(checkout.Reach{})
	h.fill()
	h.pressUntil("enter", phaseIs(checkout.Awaiting))
}

// Cash works on any day; esc leaves the cart as it was; exact cash needs no typing.
func TestCashOnANormalDayAndBack(t *testing.T) {
	h := bookHarness(t, t0, frontCounter.ID)
	h.fill()
	h.press("$", "esc")
	if h.m.cash.IsOpen() || len(h.m.cart.Cart().Lines) != 3 {
		t.Fatal("esc lost the cart")
	}
	h.press("$", "enter")
	s, found, _ := h.st.Session(bookOrder)
	if !found || s.Cash == nil || s.Cash.Given != usd(2974) || s.Cash.Change != usd(0) {
		t.Fatalf("exact cash: %+v", s.Cash)
	}
	// No change to give: the page does not tell the cashier to give $0.00.
	viewHas(t, h.m, "Paid in cash — exact, no change", "No change")
	if strings.Contains(words(h.m.View()), "give the change") {
		t.Errorf("exact cash says to give the change:\n%s", h.m.View())
	}
}

// A capture Stripe did not answer is held; n sets it aside for the next sale; the outbox
// sends it once Stripe answers, under the key of the capture that got no answer, once.
func TestHeldCaptureSetAsideThenSent(t *testing.T) {
	h := heldCapture(t)
	viewHas(t, h.m, "Stripe did not answer the capture of $29.74", "2d 0h left to capture", "Press n to take the next sale meanwhile")
	h.press("n")
	if h.m.payment.Active() {
		t.Fatal("the held payment is still on the cashier's page")
	}
	viewHas(t, h.m, "Capture of $29.74 held since 15:09 · 2d 0h left · sent when Stripe answers", "Cart")
	// Stripe still does not answer: the next try reads, gets nothing, and leaves it held.
	h.settle(h.step(outbox.TickMsg{}), nil)
	if held := h.m.outbox.Held(); len(held) != 1 {
		t.Fatalf("held %+v", held)
	}
	h.stripeBack()
	h.settle(h.step(outbox.TickMsg{}), nil)
	if held := h.m.outbox.Held(); len(held) != 0 {
		t.Fatalf("still held: %+v", held)
	}
	if s, _, _ := h.st.Session(bookOrder); s.Phase != checkout.Paid || s.Held != "" {
		t.Fatalf("ended %s holding %q", s.Phase, s.Held)
	}
	var keys []string
	for _, c := range h.log.Calls() {
		if strings.HasPrefix(c, "capture ") {
			keys = append(keys, strings.Fields(c)[1])
		}
	}
	if len(keys) != 2 || keys[0] != keys[1] || keys[0] != "till_"+bookOrder+"_capture_1" {
		t.Fatalf("capture calls %v: want the first, then its replay", keys)
	}
	viewHas(t, h.m, "went through: paid", "Stripe answers again since 15:09")
}

// A capture held when till stopped is the outbox's at the next start, not the cashier's:
// the cashier gets an empty cart, and the capture goes out in the background.
func TestHeldCaptureAtStartIsSentInTheBackground(t *testing.T) {
	h := heldCapture(t)
	h.stripeBack()
	next := h.restart(Options{ReaderID: frontCounter.ID})
	if next.m.payment.Active() {
		t.Fatalf("the held payment was given to the cashier: %s", next.session().Phase)
	}
	if s, _, _ := next.st.Session(bookOrder); s.Phase != checkout.Paid {
		t.Fatalf("ended %s", s.Phase)
	}
}

// A held capture whose deadline passed while Stripe did not answer is not sent again:
// it goes to the cashier, who decides.
func TestHeldCapturePastItsDeadlineGoesToTheCashier(t *testing.T) {
	h := heldCapture(t)
	h.press("n")
	h.stripeBack()
	h.clock.Advance(49 * time.Hour)
	h.gw.CaptureFn = func(checkout.CaptureIntent) (checkout.Intent, error) {
		t.Fatal("a capture past capture_before was sent")
		return checkout.Intent{}, nil
	}
	h.settle(h.step(outbox.TickMsg{}), nil)
	if len(h.m.outbox.Held()) != 0 || len(h.m.payment.Pending()) != 1 || h.m.payment.Pending()[0].Failure.Kind != checkout.KindExpired {
		t.Fatalf("outbox %+v, cashier's queue %+v", h.m.outbox.Held(), h.m.payment.Pending())
	}
}

// The banner lasts on every page, the support screen too.
func TestOutageBannerOnEveryScreen(t *testing.T) {
	h := bookHarness(t, t0, frontCounter.ID)
	h.setReach(down)
	for _, keys := range [][]string{nil, {"ctrl+s"}, {"?"}} {
		h.press(keys...)
		viewHas(t, h.m, "Stripe unreachable since 15:07")
		h.step(tea.KeyMsg{Type: tea.KeyEsc})
	}
}

// The sale under way when Stripe went away (its creation got no answer) can be given
// up: x cancels it whenever Stripe answers — finding its intent, or making it under the
// order's key, and canceling it, never sending it to a reader — n takes the cart back
// to be paid in cash.
func TestSaleCutOffByTheOutageIsCanceledAndTakenInCash(t *testing.T) {
	h := newHarness(t, Options{ReaderID: frontCounter.ID}, frontCounter, backCounter) // order ids ord_1, ord_2, …
	h.start(nil)
	h.fill()
	h.gw.CreateFn = func(checkout.CreateIntent) (checkout.Intent, error) { return checkout.Intent{}, fake.ErrNetwork }
	h.pressUntil("enter", func(m Model) bool { return m.payment.Session().Phase == checkout.Unknown })
	h.setReach(down)
	h.press("x")
	h.settle(h.step(fake.Key("y")), func(m Model) bool { return m.payment.Session().HeldSince != time.Time{} })
	if s := h.session(); s.Phase != checkout.Unknown || s.Held != checkout.StepCancelAction {
		t.Fatalf("phase %s, held %q", s.Phase, s.Held)
	}
	h.press("n")
	if h.m.payment.Active() || len(h.m.cart.Cart().Lines) != 3 {
		t.Fatalf("the cart did not come back: %+v", h.m.cart.Cart())
	}
	viewHas(t, h.m, "canceled when Stripe answers; nothing is charged", "Cancel of $29.74 held since 15:09")
	h.press("$", "enter")
	if s, _, _ := h.st.Session("ord_2"); s.Cash == nil {
		t.Fatalf("the cash sale: %+v", s)
	}
	h.stripeBack()
	h.gw.CreateFn = nil
	h.settle(h.step(outbox.TickMsg{}), nil)
	if s, _, _ := h.st.Session("ord_1"); s.Phase != checkout.Canceled || s.Held != "" {
		t.Fatalf("the card order ended %s holding %q", s.Phase, s.Held)
	}
	calls := h.log.Calls()
	if slices.ContainsFunc(calls, func(c string) bool { return strings.HasPrefix(c, "process") }) ||
		!slices.ContainsFunc(calls, func(c string) bool { return strings.HasPrefix(c, "cancel_intent till_ord_1_cancel_1") }) {
		t.Fatalf("calls %v: want the intent canceled and never sent to a reader", calls)
	}
	if len(h.m.outbox.Held()) != 0 {
		t.Fatalf("still held: %+v", h.m.outbox.Held())
	}
}

// The cash sale's receipt is one key away: lines, the cash given and the change.
func TestCashReceiptFromTheScreen(t *testing.T) {
	h := newHarness(t, Options{ReaderID: frontCounter.ID}, frontCounter)
	h.start(nil)
	h.fill()
	h.press("$")
	h.typeText("50")
	h.press("enter", "r")
	viewHas(t, h.m, "Receipt · $29.74", "Order ord_1", "Cash $50.00")
	if keys := helpKeys(h.m); slices.Contains(keys, "e") {
		t.Errorf("a cash receipt offers email: %v", keys)
	}
	h.press("pgdown")
	viewHas(t, h.m, "Change $20.26", "PAID IN CASH $29.74")
}

// "Stripe answers again" shows for a minute, then goes by itself, even on a screen
// where nothing else happens (seen in tmux: an idle paid page kept it for minutes).
func TestStripeBackLineEndsByItself(t *testing.T) {
	h := newHarness(t, Options{ReaderID: frontCounter.ID}, frontCounter)
	h.start(nil)
	h.setReach(checkout.Reach{BackAt: h.clock.Now().Add(-20 * time.Second), WasDownSince: down.Since})
	h.settle(h.step(tea.WindowSizeMsg{Width: 80, Height: 24}), nil)
	viewHas(t, h.m, "Stripe answers again since")
	if len(h.banners) != 1 || h.banners[0] != 40*time.Second {
		t.Fatalf("redraws due at %v, want one 40s after (the line's last 40 s)", h.banners)
	}
	h.clock.Advance(40 * time.Second)
	h.step(bannerMsg{})
	if strings.Contains(h.m.View(), "Stripe answers again") {
		t.Errorf("the line outlived its minute:\n%s", h.m.View())
	}
	if len(h.banners) != 1 {
		t.Errorf("another redraw was scheduled after the line ended: %v", h.banners)
	}
}

// Canceling a payment whose capture got no answer cannot promise nothing is charged:
// the capture may have reached Stripe. The question said "Nothing is charged."
func TestCancelAfterAnUnansweredCaptureSaysItMayBePaid(t *testing.T) {
	h := heldCapture(t)
	h.press("x")
	viewHas(t, h.m, "If the capture has not reached Stripe, nothing is charged; if it has, the payment stays paid")
	if strings.Contains(words(h.m.View()), "Cancel the payment? Nothing is charged.") {
		t.Fatalf("the question promises nothing is charged:\n%s", h.m.View())
	}
	for _, size := range goldenSizes {
		v := ansi.Strip(sized(h.m, size[0], size[1]).View())
		checkFits(t, v, size[0], size[1])
		if !strings.Contains(v, "(y/n)") || !strings.Contains(v, "$29.74") {
			t.Errorf("at %dx%d the question or the amount is cut:\n%s", size[0], size[1], v)
		}
		if os.Getenv("SHOW") != "" {
			t.Log("\n" + v)
		}
	}
}
