package ui

import (
	"fmt"
	"maps"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/ui/cart"
	"github.com/till-pos/till/ui/internal/fake"
	"github.com/till-pos/till/ui/payment"
)

// usd is a shorthand for US dollar amounts in cents.
func usd(cents int64) checkout.Money { return checkout.Money{Amount: cents, Currency: "usd"} }

// The storybook's order and PaymentIntent.
const (
	bookOrder  = fake.Order
	bookIntent = fake.Intent
)

// threeLines is the storybook's cart: $29.74.
var threeLines = [][3]string{
	{"Flat white", "4.50", "2"},
	{"Almond croissant", "3.75", "1"},
	{"Bag of house-roasted beans, Ethiopia Yirgacheffe, 250 g", "16.99", "1"},
}

// bookHarness is a till on the front and back counters whose next order and intent
// have the storybook's ids, started, its clock at start.
func bookHarness(t testing.TB, start time.Time, configured string, readers ...checkout.Reader) *harness {
	t.Helper()
	return bookHarnessWith(t, start, Options{ReaderID: configured}, readers...)
}

func bookHarnessWith(t testing.TB, start time.Time, opts Options, readers ...checkout.Reader) *harness {
	t.Helper()
	if readers == nil {
		readers = []checkout.Reader{frontCounter, backCounter}
	}
	opts.NewOrderID = func() string { return bookOrder }
	h := newHarness(t, opts, readers...)
	h.gw.IntentID, h.gw.Now, h.gw.CaptureWindow = bookIntent, h.clock.Now, 48*time.Hour
	h.clock.Advance(start.Sub(t0))
	h.start(nil)
	return h
}

// polling is a settle condition: the payment's poll loop has started.
func (h *harness) polling(Model) bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.waits) > 0
}

// fill adds the storybook's three lines.
func (h *harness) fill() {
	h.t.Helper()
	for _, l := range threeLines {
		h.addLine(l[0], l[1], l[2])
	}
}

// awaitingBook is the storybook's cart charged on the reader 83 seconds before t0 and
// waiting for a card at t0.
func awaitingBook(t testing.TB, configured string, readers ...checkout.Reader) *harness {
	t.Helper()
	return awaitingSince(t, 83*time.Second, configured, readers...)
}

func awaitingSince(t testing.TB, ago time.Duration, configured string, readers ...checkout.Reader) *harness {
	t.Helper()
	h := bookHarness(t, t0.Add(-ago), configured, readers...)
	h.fill()
	h.pressUntil("enter", phaseIs(checkout.Awaiting))
	h.clock.Advance(ago)
	return h
}

// testCard presents the test card at index i of the list.
func (h *harness) testCard(i int, until func(Model) bool) {
	h.t.Helper()
	h.press("t")
	for range i {
		h.press("down")
	}
	h.pressUntil("enter", until)
}

// books are the storybooks, built once per test binary: the screens are values, so the
// tests that render them share them.
var books struct {
	cashier, support sync.Once
	c, s             map[string]Model
}

// storybook is every cashier screen in a representative state, each reached through
// Update from a start, as a cashier would.
func storybook(t testing.TB) map[string]Model {
	books.cashier.Do(func() { books.c = buildStorybook(t) })
	return maps.Clone(books.c)
}

func buildStorybook(t testing.TB) map[string]Model {
	book := map[string]Model{}
	front := frontCounter.ID
	add := func(name string, h *harness) { book[name] = h.m }
	addModel := func(name string, m Model) { book[name] = m }

	h := bookHarness(t, t0, front)
	add("cart_empty", h)
	h.fill()
	h.press("up")
	add("cart_lines", h)
	h.press("a")
	h.typeText("Oat milk")
	h.press("tab")
	h.typeText("0.555")
	h.press("enter")
	add("cart_add_line", h)

	add("cart_no_reader", bookHarness(t, t0, ""))

	h = bookHarness(t, t0, front)
	h.gw.CreateFn = func(checkout.CreateIntent) (checkout.Intent, error) {
		return checkout.Intent{}, &checkout.Failure{Kind: checkout.KindAuth, Code: "api_key_expired", HTTPStatus: 401}
	}
	h.fill()
	h.press("enter")
	add("cart_charge_failed", h)

	// The picker lists readers in the order it learnt them: here the front counter at
	// start, then two more seen since.
	h = bookHarness(t, t0, front, frontCounter)
	off := backCounter
	off.Status = "offline"
	h.m.picker = h.m.picker.Note(off).Note(realReader)
	h.step(cart.PickReaderMsg{}) // what p asks for; the fresh list is held back
	h.step(fake.Key("down"))
	h.step(fake.Key("down"))
	add("picker", h)

	// Listing the readers got no answer: the page says so, and how to list them again.
	h = newHarness(t, Options{}, frontCounter, backCounter)
	h.gw.ListReadersFn = func() ([]checkout.Reader, error) { return nil, noAnswer }
	h.start(nil)
	h.press("p")
	add("picker_list_failed", h)

	h = bookHarness(t, t0, front, frontCounter)
	h.fill()
	h.gw.ProcessFn = func(checkout.ProcessOnReader) (checkout.Reader, error) {
		return checkout.Reader{}, &checkout.Failure{Kind: checkout.KindReaderOffline, Code: "terminal_reader_offline"}
	}
	h.pressUntil("enter", phaseIs(checkout.Declined))
	h.m.picker = h.m.picker.Note(backCounter)
	h.step(payment.RetryElsewhereMsg{ReaderID: front}) // what p asks for; the fresh list is held back
	// The cursor is on the other reader online, not on the one that failed.
	add("picker_retry", h)

	h = bookHarness(t, t0.Add(-83*time.Second), front)
	h.fill()
	q := h.pressUntil("enter", phaseIs(checkout.Creating))
	h.clock.Advance(83 * time.Second)
	add("creating", h)
	h.settle(q, phaseIs(checkout.Sending))
	add("sending", h)

	h = awaitingBook(t, front)
	add("awaiting", h)
	h.step(fake.Key("1")) // the card's answer is held back
	add("awaiting_presenting", h)

	add("awaiting_real_reader", awaitingBook(t, realReader.ID, realReader))
	add("awaiting_stuck", awaitingSince(t, 185*time.Second, front))

	h = awaitingBook(t, front)
	h.gw.ReadIntentFn = func(string) (checkout.Intent, error) {
		return checkout.Intent{}, &checkout.Failure{Kind: checkout.KindNetwork, Message: "dial tcp: connection refused"}
	}
	h.pressUntil("s", func(m Model) bool { return m.payment.Session().ReadFailures == 2 })
	add("awaiting_read_error", h)

	h = awaitingBook(t, front)
	h.press("ctrl+c")
	add("awaiting_quit", h)

	h = awaitingBook(t, front)
	h.press("t")
	for range 22 {
		h.press("down")
	}
	add("test_cards", h)

	h = awaitingBook(t, front)
	h.pressUntil("1", phaseIs(checkout.Approved))
	add("approved", h)
	h.press("x")
	add("approved_cancel", h)
	h.press("n")
	h.pressUntil("c", phaseIs(checkout.Capturing))
	add("capturing", h)

	h = awaitingBook(t, front)
	h.pressUntil("1", phaseIs(checkout.Approved))
	h.st.FailPaidSaves()
	h.press("c")
	add("capturing_stalled", h)

	h = awaitingBook(t, front)
	h.testCard(2, phaseIs(checkout.Approved)) // Mastercard
	h.pressUntil("c", phaseIs(checkout.Paid))
	add("paid", h)

	h = awaitingBook(t, front)
	h.testCard(22, phaseIs(checkout.Declined)) // insufficient funds
	add("declined", h)

	// After r, the page says this is another attempt at the same payment.
	h = awaitingBook(t, front)
	h.testCard(21, phaseIs(checkout.Declined))
	h.pressUntil("r", phaseIs(checkout.Awaiting))
	add("awaiting_retry", h)

	// A generic decline says "Card declined" once: the title (it read the title, then
	// "Card declined. Ask for another card.").
	h = awaitingBook(t, front)
	h.testCard(21, phaseIs(checkout.Declined)) // generic
	add("declined_generic", h)

	h = awaitingBook(t, front)
	h.gw.ReadReaderFn = func(string) (checkout.Reader, error) {
		r := frontCounter
		r.Action = &checkout.ReaderAction{Type: "process_payment_intent", Status: checkout.ActionFailed,
			FailureCode: "customer_canceled", PaymentIntentID: bookIntent}
		return r, nil
	}
	h.pressUntil("s", phaseIs(checkout.Declined))
	add("declined_customer_canceled", h)

	h = bookHarness(t, t0, front)
	busy := frontCounter
	busy.Action = &checkout.ReaderAction{Type: "process_payment_intent", Status: checkout.ActionInProgress, PaymentIntentID: "pi_other"}
	h.gw.SetReaders(busy, backCounter)
	h.fill()
	h.pressUntil("enter", phaseIs(checkout.Declined))
	add("declined_reader_in_use", h)
	h.press("o")
	add("declined_take_over", h)
	add("declined_reader_in_use_queued", queuedOnTheReader(t)) // this till's own order has the reader

	h = bookHarness(t, t0, front)
	h.fill()
	h.gw.ProcessFn = func(checkout.ProcessOnReader) (checkout.Reader, error) {
		return checkout.Reader{}, &checkout.Failure{Kind: checkout.KindReaderTimeout, Code: "terminal_reader_timeout"}
	}
	h.pressUntil("enter", phaseIs(checkout.Unknown))
	add("unknown", h)

	h = bookHarness(t, t0, front)
	h.fill()
	h.gw.CreateFn = func(checkout.CreateIntent) (checkout.Intent, error) {
		return checkout.Intent{}, &checkout.Failure{Kind: checkout.KindNetwork, Message: "context deadline exceeded"}
	}
	h.pressUntil("enter", phaseIs(checkout.Unknown))
	add("unknown_no_intent", h)

	h = awaitingBook(t, front)
	h.press("x")
	q = h.pressUntil("y", phaseIs(checkout.Canceling))
	add("canceling", h)
	h.settle(q, phaseIs(checkout.Canceled))
	add("canceled", h)

	h = resumedBook(t)
	add("awaiting_resumed", h)

	// Screens that came with issue 8.
	h = bookHarness(t, t0, front)
	h.fill()
	h.press("q")
	add("cart_quit", h)
	h.press("n", "up", "e")
	add("cart_edit_line", h)
	h.press("esc", "d")
	add("cart_removed", h)

	h = bookHarness(t, t0, front)
	h.press("a", "tab")
	h.typeText("3.5.0")
	h.press("tab")
	h.typeText("10000")
	h.press("enter")
	add("cart_form_errors", h)

	h = bookHarness(t, t0, front)
	h.fill()
	h = h.restart(Options{ReaderID: front})
	add("cart_draft_back", h)

	h = awaitingBook(t, front)
	h.press("x")
	add("awaiting_cancel", h)
	h.press("n", "?")
	add("help", h)

	h = bookHarnessWith(t, t0.Add(-83*time.Second), Options{ReaderID: front, TestAmount: testAmounts})
	h.addLine("Coffee", "2.75", "1")
	h.pressUntil("enter", phaseIs(checkout.Awaiting))
	h.clock.Advance(83 * time.Second)
	add("awaiting_test_amount", h)

	h = bookHarness(t, t0, front)
	h.fill()
	h.gw.ProcessFn = func(checkout.ProcessOnReader) (checkout.Reader, error) {
		return checkout.Reader{}, &checkout.Failure{Kind: checkout.KindReaderOffline, Code: "terminal_reader_offline"}
	}
	h.pressUntil("enter", phaseIs(checkout.Declined))
	add("declined_reader_offline", h)

	addModel("resumed_checking", resumedAt(t, func(m Model) bool { return m.payment.Active() }).m)
	addCounterBook(t, add)
	maps.Copy(book, outageBook(t))
	return book
}

// testAmounts is what main tells the screen about Stripe's test amounts, for one.
func testAmounts(m checkout.Money) string {
	if m.Amount%100 == 75 {
		return "Test amount: ends in 75, the simulated reader declines it (pin_try_exceeded) whatever card is presented."
	}
	return ""
}

// resumedBook starts with the awaiting payment left open by an earlier run and three
// more waiting their turn, once its check has landed.
func resumedBook(t testing.TB) *harness {
	t.Helper()
	return resumedAt(t, nil)
}

// resumedAt is resumedBook stopped when until holds (nil: once the poll loop runs).
func resumedAt(t testing.TB, until func(Model) bool) *harness {
	t.Helper()
	s := awaiting()
	open := []checkout.Session{s}
	for i, amount := range []int64{450, 1200, 99} {
		open = append(open, checkout.Session{OrderID: fmt.Sprintf("ord_2026031415%02d00_c%d", i, i), Amount: usd(amount)})
	}
	h := newHarness(t, Options{ReaderID: frontCounter.ID}, frontCounter, backCounter)
	h.gw.Mirror(s)
	h.st.UnfinishedFn = func() ([]checkout.Session, error) { return open, nil }
	if until == nil {
		until = h.polling
	}
	h.start(until)
	return h
}

// TestViews renders every cashier screen at 80×24 and 60×20 (go test ./ui -update
// rewrites the goldens).
func TestViews(t *testing.T) { requireViews(t, storybook(t)) }

// goldenSizes are the sizes every screen has a golden at.
var goldenSizes = [][2]int{{80, 24}, {60, 20}}

// sized is the model on a terminal of w×h.
func sized(m Model, w, h int) Model {
	next, _ := m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	return next.(Model)
}

// requireViews renders each model at each golden size as a subtest: exactly as many
// lines as the terminal has, none wider, equal to its golden file. SHOW=1 logs each.
func requireViews(t *testing.T, book map[string]Model) {
	for _, size := range goldenSizes {
		w, h := size[0], size[1]
		t.Run(fmt.Sprintf("%dx%d", w, h), func(t *testing.T) {
			for name, m := range book {
				t.Run(name, func(t *testing.T) {
					v := ansi.Strip(sized(m, w, h).View())
					checkFits(t, v, w, h)
					if os.Getenv("SHOW") != "" {
						t.Log("\n" + v)
					}
					golden.RequireEqual(t, []byte(v))
				})
			}
		})
	}
}

// checkFits checks a view fills exactly h lines of at most w cells.
func checkFits(t *testing.T, v string, w, h int) {
	t.Helper()
	lines := strings.Split(v, "\n")
	if len(lines) != h {
		t.Errorf("%d lines, want %d", len(lines), h)
	}
	for i, l := range lines {
		if lw := ansi.StringWidth(l); lw > w {
			t.Errorf("line %d is %d cells wide: %q", i+1, lw, l)
		}
	}
}
