package ui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/till-pos/till/checkout"
)

// supportWordsOrder is an order id as long as till's own.
const supportWordsOrder = "ord_20261129T162302_9f53dc84"

// failedAttempt has the front counter fail the cashier's payment as the reader said.
func failedAttempt(t *testing.T, f *checkout.Failure) *harness {
	t.Helper()
	h := newHarness(t, Options{ReaderID: frontCounter.ID, NewOrderID: func() string { return supportWordsOrder }}, frontCounter)
	h.start(nil)
	h.fill()
	h.gw.ProcessFn = func(checkout.ProcessOnReader) (checkout.Reader, error) { return checkout.Reader{}, f }
	h.pressUntil("enter", phaseIs(checkout.Declined))
	if h.session().Phase != checkout.Declined {
		t.Fatalf("phase %s, want declined", h.session().Phase)
	}
	return h
}

// Support's header and the Timeline's "Now" line say what happened to the cashier's
// payment as the cashier's screen does: "declined" only for a card decline, with its
// code; a busy reader or a canceled action is "not completed" and why. On a narrow
// screen the shop's name goes, then the screen's name and "order", then the words are
// cut; the order id never is.
func TestSupportSaysWhatFailed(t *testing.T) {
	for _, tc := range []struct {
		name     string
		failure  checkout.Failure
		page     string // the cashier's screen's title
		at100    string
		at80     string
		at60     string
		timeline string
	}{
		{"a card decline", checkout.Failure{Kind: checkout.KindDeclined, Code: "card_declined", DeclineCode: "insufficient_funds"},
			"Card declined",
			"till demo sh… · Support · cashier: declined (insufficient_funds), order " + supportWordsOrder,
			"cashier: declined (insufficient_funds), " + supportWordsOrder,
			"cashier: declined (insufficie…, " + supportWordsOrder,
			"Now declined (insufficient_funds) · pi_1 requires_payment_method · last failure declined card_declined insufficient_funds"},
		{"a busy reader", checkout.Failure{Kind: checkout.KindReaderBusy, Code: "terminal_reader_busy"},
			"Payment not completed",
			"till demo shop · Support · cashier: not completed: reader busy, order " + supportWordsOrder,
			"cashier: not completed: reader busy, " + supportWordsOrder,
			"cashier: not completed: reade…, " + supportWordsOrder,
			"Now not completed: reader busy · pi_1 requires_payment_method · last failure reader_busy terminal_reader_busy"},
		{"an offline reader", checkout.Failure{Kind: checkout.KindReaderOffline, Code: "terminal_reader_offline"},
			"Payment not completed",
			"till demo sh… · Support · cashier: not completed: reader offline, order " + supportWordsOrder,
			"cashier: not completed: reader offline, " + supportWordsOrder,
			"cashier: not completed: reade…, " + supportWordsOrder,
			"Now not completed: reader offline · pi_1 requires_payment_method · last failure reader_offline terminal_reader_offline"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := failedAttempt(t, &tc.failure)
			viewHas(t, h.m, tc.page)
			h.openSupport(paneTimeline)
			for _, w := range []struct {
				width int
				want  string
			}{{100, tc.at100}, {80, tc.at80}, {60, tc.at60}} {
				if got := ansi.Strip(sized(h.m, w.width, 24).header()); got != w.want {
					t.Errorf("header at %d columns:\n got %q\nwant %q", w.width, got, w.want)
				}
			}
			h.press("o", "enter") // the cashier's order, the newest
			requireOnScreen(t, sized(h.m, 120, 40), []string{tc.timeline}, nil)
		})
	}
}

// The words come from one place: a payment not declined by the card never reads
// "declined" on the support screen.
func TestSupportWordsAreCheckoutsWords(t *testing.T) {
	h := failedAttempt(t, &checkout.Failure{Kind: checkout.KindInterrupted})
	h.openSupport(paneTimeline)
	want := "cashier: " + h.session().PhaseWords()
	if want != "cashier: not completed: the reader dropped it" {
		t.Fatalf("PhaseWords = %q", want)
	}
	viewHas(t, sized(h.m, 120, 40), want+", order "+supportWordsOrder)
}

// The Payments pane offers no capture of a payment Stripe has in a state it cannot
// capture (the cashier's, which the reader found busy: requires_payment_method). It
// offered one, asked whether to capture against the advice, and then refused.
func TestSupportOffersNoCaptureStripeCannotTake(t *testing.T) {
	h := failedAttempt(t, &checkout.Failure{Kind: checkout.KindReaderBusy, Code: "terminal_reader_busy"})
	h.openSupport(panePayments)
	requireOnScreen(t, h.m, []string{"> pi_1", "requires_payment_method", "x cancel"}, nil)
	if v := h.m.View(); strings.Contains(v, "c capture") {
		t.Errorf("capture offered:\n%s", v)
	}
	before := len(h.log.Calls())
	h.press("c")
	if q := h.m.support.Question(); q != "" {
		t.Errorf("c asked %q of a payment Stripe cannot capture", q)
	}
	for _, c := range h.log.Calls()[before:] {
		if strings.HasPrefix(c, "capture") {
			t.Errorf("c called Stripe: %s", c)
		}
	}
}

// The lists of orders (the Timeline's, the shift's unresolved) keep no failure: an
// attempt the reader found busy is "not completed" there, never "declined", and a
// long order id is whole at every size.
func TestOrderListsSayNotCompleted(t *testing.T) {
	h := failedAttempt(t, &checkout.Failure{Kind: checkout.KindReaderBusy, Code: "terminal_reader_busy"})
	h.openSupport(paneTimeline)
	h.press("o")
	requireOnScreen(t, h.m, []string{"> Sat 15:09 not completed", supportWordsOrder}, nil)
	h.press("esc", "4")
	requireOnScreen(t, h.m, []string{supportWordsOrder + " not completed"}, nil)
	for _, size := range shownSizes {
		if v := ansi.Strip(sized(h.m, size[0], size[1]).View()); strings.Contains(v, "declined") {
			t.Errorf("%dx%d: the shift says declined:\n%s", size[0], size[1], v)
		}
	}
}

// The Payments pane names a payment's reader as the Readers pane and the cashier do,
// with its id as Stripe has it (it showed the id only).
func TestPaymentReaderByName(t *testing.T) {
	h := paymentsHarness(t)
	h.start(nil) // the cashier's side lists the readers
	h.openSupport(panePayments)
	requireOnScreen(t, h.m, []string{"> pi_3Emu0000000005"}, []string{"Reader          Back counter · tmr_back"})
}

// With no action to advise, the Payments pane's advice is the reason alone: the
// cashier's order the reader found busy read "Advice: nothing to do. The order is still
// open on this till (…); carry it on (…) or cancel it."
func TestAdviceWithNoActionIsTheReason(t *testing.T) {
	h := failedAttempt(t, &checkout.Failure{Kind: checkout.KindReaderBusy, Code: "terminal_reader_busy"})
	h.openSupport(panePayments)
	m := sized(h.m, 120, 40)
	viewHas(t, m, "Advice: The order is still open on this till (not completed: reader busy); carry it on")
	if v := m.View(); strings.Contains(v, "nothing to do") {
		t.Errorf("the advice says nothing to do and what to do:\n%s", v)
	}
}

// The header cuts the cashier's words as the shop's name is cut (common.CutName): no
// space before "…", and at a width with no room for a few letters, the order id alone
// ("ca…, ord_…" said nothing a person reads).
func TestSupportHeaderCutsAsANameIs(t *testing.T) {
	h := failedAttempt(t, &checkout.Failure{Kind: checkout.KindReaderBusy, Code: "terminal_reader_busy"})
	h.openSupport(paneTimeline)
	order := ", " + supportWordsOrder
	for _, tc := range []struct {
		width int
		want  string
	}{
		{55, "cashier: not completed:…" + order}, // the cut falls after "completed: "
		{33, supportWordsOrder},
	} {
		if got := ansi.Strip(strings.Join(h.m.support.Heading(tc.width), "")); got != tc.want {
			t.Errorf("at %d cells:\n got %q\nwant %q", tc.width, got, tc.want)
		}
	}
}
