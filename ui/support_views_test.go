package ui

import (
	"maps"
	"testing"
	"time"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/ui/internal/fake"
)

// supportBook is every support pane in a representative state, reached through Update.
func supportBook(t *testing.T) map[string]Model {
	books.support.Do(func() { books.s = buildSupportBook(t) })
	return maps.Clone(books.s)
}

func buildSupportBook(t *testing.T) map[string]Model {
	book := map[string]Model{}

	// One reader stuck in progress for 3 minutes with another till's payment, one offline.
	h := newHarness(t, Options{}, stuckFront(), offlineBack())
	h.clock.Advance(-3*time.Minute - 5*time.Second)
	h.openSupport(paneReaders)
	h.clock.Advance(3*time.Minute + 5*time.Second)
	h.refresh()
	h.press("down") // the front counter, after the back counter by name
	book["support_readers"] = h.m
	h.press("x")
	book["support_readers_confirm"] = h.m
	h.press("n", "up")
	book["support_readers_offline"] = h.m

	h = newHarnessWith(t, Options{}, map[string][]string{stuckFront().ID: {"disconnect"}}, stuckFront(), offlineBack())
	h.openSupport(paneReaders)
	h.press("down", "f", "down")
	book["support_readers_faults"] = h.m

	h = paymentsHarness(t)
	h.openSupport(panePayments)
	book["support_payments"] = h.m
	h.press("x")
	book["support_payments_reasons"] = h.m
	h.press("esc")
	h.press("c") // another till's authorization, which the advice is to cancel
	book["support_payments_capture_against_advice"] = h.m

	// A long advice (the card approved while till still waits for the reader): the
	// question is whole, to its (y/n).
	h = newHarness(t, Options{}, frontCounter, backCounter)
	waiting := fake.Awaiting()
	h.st.Put(waiting)
	h.gw.SetOthers(checkout.Intent{ID: waiting.PaymentIntentID, Status: checkout.IntentRequiresCapture, Amount: waiting.Amount,
		OrderID: waiting.OrderID, Card: checkout.Card{Brand: "visa", Last4: "4242"}, Created: waiting.StartedAt, ReaderID: frontCounter.ID})
	h.openSupport(panePayments)
	h.press("c")
	book["support_payments_capture_against_advice_long"] = h.m

	h = paymentsHarness(t)
	journal(h)
	h.openSupport(panePayments)
	h.press("down", "down", "enter")
	book["support_timeline"] = h.m

	h = paymentsHarness(t)
	h.openSupport(paneShift)
	book["support_shift"] = h.m
	h.press("C")
	book["support_shift_refused"] = h.m

	// Screens that came with issue 8.
	h = newHarness(t, Options{}, stuckFront(), offlineBack())
	h.openSupport(paneReaders)
	h.press("down", "t")
	book["support_readers_test_cards"] = h.m
	h.press("esc", "?")
	book["support_help"] = h.m

	h = paymentsHarness(t)
	h.openSupport(paneTimeline)
	book["support_timeline_empty"] = h.m
	h.press("o")
	book["support_timeline_orders"] = h.m

	h = newHarness(t, Options{}, frontCounter)
	h.st.Put(withIntent(live(checkout.Paid), checkout.IntentSucceeded))
	h.openSupport(paneShift)
	h.press("C")
	book["support_shift_close"] = h.m

	// Reads that failed, with what the network said (support_reads_test.go).
	h = newHarness(t, Options{}, stuckFront(), offlineBack())
	h.openSupport(paneReaders)
	h.gw.ListReadersFn = func() ([]checkout.Reader, error) { return nil, refused("list the readers") }
	h.clock.Advance(2 * time.Second) // the list on screen is the last one read
	h.refresh()
	book["support_readers_read_failed"] = h.m
	h = paymentsHarness(t)
	h.gw.UnfinishedFn = func(time.Time) ([]checkout.Intent, error) { return nil, refused("list the payments") }
	h.openSupport(panePayments)
	book["support_payments_read_failed"] = h.m
	book["support_shift_refunds_unread"] = shiftRefundsUnread(t).m

	// The cashier's payment not completed for a busy reader: not "declined".
	h = failedAttempt(t, &checkout.Failure{Kind: checkout.KindReaderBusy, Code: "terminal_reader_busy"})
	h.openSupport(paneTimeline)
	h.press("o", "enter")
	book["support_timeline_not_completed"] = h.m
	// Its payment, with no action to advise: the advice is the reason alone.
	h.press("2")
	book["support_payments_not_completed"] = h.m
	return book
}

// TestSupportViews renders every support pane at 80×24 and 60×20 (go test ./ui -update
// rewrites them).
func TestSupportViews(t *testing.T) { requireViews(t, supportBook(t)) }

// paymentsHarness has three unfinished payments: this till's approved order (journal
// and Stripe agree), another till's authorization, and an abandoned attempt.
func paymentsHarness(t *testing.T) *harness { return paymentsHarnessWith(t, Options{}) }

func paymentsHarnessWith(t *testing.T, opts Options) *harness {
	h := newHarness(t, opts, frontCounter, backCounter)
	mine := approved()
	mine.OrderID, mine.PaymentIntentID = "ord_20260314150500_aaaaaa", "pi_3Emu0000000007"
	mine.StartedAt = t0.Add(-4 * time.Minute)
	h.st.Put(mine)
	paid := withIntent(live(checkout.Paid), checkout.IntentSucceeded)
	paid.OrderID, paid.PaymentIntentID, paid.StartedAt = "ord_20260314150100_bbbbbb", "pi_3Emu0000000003", t0.Add(-8*time.Minute)
	h.st.Put(paid)
	h.gw.SetOthers(
		checkout.Intent{ID: mine.PaymentIntentID, Status: checkout.IntentRequiresCapture, Amount: mine.Amount, OrderID: mine.OrderID,
			Card: mine.Card, CaptureBefore: mine.CaptureBefore, Created: mine.StartedAt, ReaderID: frontCounter.ID},
		checkout.Intent{ID: "pi_3Emu0000000005", Status: checkout.IntentRequiresCapture, Amount: usd(1850), OrderID: "ord_other_till_17",
			Card: checkout.Card{Brand: "mastercard", Last4: "4444"}, CaptureBefore: t0.Add(47*time.Hour + 10*time.Minute),
			Created: t0.Add(-50 * time.Minute), ReaderID: backCounter.ID, TillID: "till-2"},
		checkout.Intent{ID: "pi_3Emu0000000009", Status: checkout.IntentRequiresPaymentMethod, Amount: usd(420), OrderID: "ord_other_till_18",
			LastError: &checkout.Failure{Kind: checkout.KindDeclined, Code: "card_declined", DeclineCode: "generic_decline"},
			Created:   t0.Add(-30 * time.Minute), ReaderID: backCounter.ID},
		checkout.Intent{ID: paid.PaymentIntentID, Status: checkout.IntentSucceeded, Amount: paid.Amount, OrderID: paid.OrderID, Created: paid.StartedAt},
	)
	return h
}

// journal writes the journal of the approved order as the driver would have.
func journal(h *harness) {
	order := "ord_20260314150500_aaaaaa"
	at := t0.Add(-4 * time.Minute)
	for _, e := range []checkout.Entry{
		{Stage: checkout.StageBefore, Step: "create", IdempotencyKey: "till_" + order + "_create"},
		{Stage: checkout.StageCall, Step: "create", Method: "POST", Path: "/v1/payment_intents", RequestID: "req_Emu0000000011", HTTPStatus: 200, Duration: 41 * time.Millisecond},
		{Stage: checkout.StageAfter, Step: "create", IdempotencyKey: "till_" + order + "_create", Outcome: "ok", Duration: 43 * time.Millisecond},
		{Stage: checkout.StageBefore, Step: "process", IdempotencyKey: "till_" + order + "_process_1"},
		{Stage: checkout.StageCall, Step: "process", Method: "POST", Path: "/v1/terminal/readers/tmr_front/process_payment_intent", RequestID: "req_Emu0000000012", HTTPStatus: 200, Duration: 95 * time.Millisecond},
		{Stage: checkout.StageAfter, Step: "process", IdempotencyKey: "till_" + order + "_process_1", Outcome: "reader_timeout: terminal_reader_timeout", Duration: 15 * time.Second},
		{Stage: checkout.StageCall, Method: "GET", Path: "/v1/terminal/readers/tmr_front", RequestID: "req_Emu0000000019", HTTPStatus: 200, Outcome: "ok",
			Duration: 12 * time.Millisecond, Repeats: 7, Until: t0.Add(-4*time.Minute + 15*time.Second)},
	} {
		at = at.Add(time.Second)
		e.OrderID, e.At = order, at
		_, _ = h.st.Append(e)
	}
}
