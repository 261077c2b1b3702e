package ui

import (
	"maps"
	"sync"
	"testing"
	"time"

	"github.com/till-pos/till/checkout"
)

// The history's payments: this till's café sale (its cart known), an Interac sale in
// CAD, a partly refunded one with a tip, a refund_fail card Stripe alone knows, and
// yesterday's.
const (
	cafeOrder    = "ord_20260314140200_c0ffee"
	cafeIntent   = "pi_3Cafe0000000001"
	interacOrder = "ord_20260314144500_1ac1ac"
	interacPI    = "pi_3Inter000000002"
	failsPI      = "pi_3Fails000000003"
	partOrder    = "ord_20260314150000_a2b2c2"
	partPI       = "pi_3Part0000000004"
	oldPI        = "pi_3Old00000000005"
)

// cafeCart is the café sale's cart: $29.74.
func cafeCart() checkout.Cart {
	return checkout.Cart{Currency: "usd", Lines: []checkout.Line{
		{Description: "Flat white", UnitPrice: 450, Quantity: 2},
		{Description: "Almond croissant", UnitPrice: 375, Quantity: 1},
		{Description: "Bag of house-roasted beans, Ethiopia Yirgacheffe, 250 g", UnitPrice: 1699, Quantity: 1},
	}}
}

// paidSession is a session of this till that ended paid.
func paidSession(order, pi string, at time.Time, cart checkout.Cart, card checkout.Card, reader string) checkout.Session {
	return checkout.Session{OrderID: order, Phase: checkout.Paid, Cart: cart, Amount: cart.Total(), ReaderID: reader, PaymentIntentID: pi,
		IntentStatus: checkout.IntentSucceeded, Card: card, StartedAt: at, AmountReceived: cart.Total().Amount, Attempts: 1}
}

// paidIntent is a captured payment as Stripe reports it.
func paidIntent(id, order string, at time.Time, amount checkout.Money, card checkout.Card, reader string) checkout.Intent {
	return checkout.Intent{ID: id, Status: checkout.IntentSucceeded, Amount: amount, AmountReceived: amount.Amount, OrderID: order,
		ReaderID: reader, Card: card, Created: at, TillID: "till-1", CaptureMethod: checkout.CaptureManual}
}

// historyHarness is a till at t0 on the front and back counters whose Stripe and
// journal hold the history's payments, started.
func historyHarness(t testing.TB) *harness {
	t.Helper()
	h := newHarness(t, Options{ReaderID: frontCounter.ID, TillID: "till-1"}, frontCounter, backCounter)
	h.gw.Now = h.clock.Now
	visa := checkout.Card{Brand: "visa", Last4: "4242"}
	interac := checkout.Card{Brand: "interac", Last4: "1933"}
	cad := checkout.Cart{Currency: "cad", Lines: []checkout.Line{{Description: "Winter boots", UnitPrice: 4500, Quantity: 1}}}
	part := checkout.Cart{Currency: "usd", Lines: []checkout.Line{{Description: "Sandwich", UnitPrice: 700, Quantity: 1}}}

	h.st.Put(paidSession(cafeOrder, cafeIntent, t0.Add(-67*time.Minute), cafeCart(), visa, frontCounter.ID))
	h.st.Put(paidSession(interacOrder, interacPI, t0.Add(-24*time.Minute), cad, interac, frontCounter.ID))
	ps := paidSession(partOrder, partPI, t0.Add(-9*time.Minute), part, checkout.Card{Brand: "mastercard", Last4: "4444"}, backCounter.ID)
	ps.Tip = 100
	h.st.Put(ps)

	partIntent := paidIntent(partPI, partOrder, t0.Add(-9*time.Minute), usd(800), checkout.Card{Brand: "mastercard", Last4: "4444"}, backCounter.ID)
	partIntent.Tip = 100
	h.gw.SetOthers(
		paidIntent(cafeIntent, cafeOrder, t0.Add(-67*time.Minute), usd(2974), visa, frontCounter.ID),
		paidIntent(interacPI, interacOrder, t0.Add(-24*time.Minute), checkout.Money{Amount: 4500, Currency: "cad"}, interac, frontCounter.ID),
		paidIntent(failsPI, "ord_20260314143000_fa11ed", t0.Add(-38*time.Minute), usd(1250), checkout.Card{Brand: "visa", Last4: "5126"}, frontCounter.ID),
		partIntent,
		paidIntent(oldPI, "ord_20260313121500_01d01d", t0.Add(-27*time.Hour), usd(6420), checkout.Card{Brand: "amex", Last4: "0005"}, backCounter.ID),
	)
	h.gw.RefundOutside(partPI, 300) // in the Dashboard
	h.start(nil)
	return h
}

// openHistory opens the history from the cart and lets it read.
func (h *harness) openHistory() {
	h.t.Helper()
	h.press("h")
}

// find types into the history's find field.
func (h *harness) find(text string) {
	h.t.Helper()
	h.typeText(text)
}

// refundPhase is a settle condition on the refund on screen.
func refundPhase(p checkout.RefundPhase) func(Model) bool {
	return func(m Model) bool { return m.refund.Refund().Phase == p }
}

// refundStories are the history and refund screens, each reached through Update from
// the history's fixture, as a cashier would; built once per test binary.
var refundStories struct {
	once sync.Once
	book map[string]Model
}

func refundBook(t testing.TB) map[string]Model {
	refundStories.once.Do(func() { refundStories.book = buildRefundBook(t) })
	return maps.Clone(refundStories.book)
}

func buildRefundBook(t testing.TB) map[string]Model {
	book := map[string]Model{}
	add := func(name string, h *harness) { book[name] = h.m }

	h := historyHarness(t)
	h.openHistory()
	add("history", h)
	h.find("visa")
	add("history_found", h)

	// A payment canceled before a card was presented: its second line names no card
	// (it read "ord_… · — · Front counter").
	h2 := historyHarness(t)
	sandwich := checkout.Cart{Currency: "usd", Lines: []checkout.Line{{Description: "Sandwich", UnitPrice: 700, Quantity: 1}}}
	h2.st.Put(checkout.Session{OrderID: "ord_20260314150200_ca9ce1", Phase: checkout.Canceled, Cart: sandwich, Amount: sandwich.Total(),
		ReaderID: frontCounter.ID, PaymentIntentID: "pi_3Cafe0000000077", IntentStatus: checkout.IntentCanceled,
		StartedAt: t0.Add(-7 * time.Minute), CancelReason: "abandoned", Attempts: 1})
	h2.openHistory()
	add("history_canceled_before_a_card", h2)
	h.press("esc")
	h.find("2026-03-13")
	add("history_day", h)
	h.press("esc")
	h.find("9999")
	add("history_none", h)
	h.press("esc")
	h.find("a2b2c2")
	h.press("enter")
	add("history_payment", h)

	h = historyHarness(t)
	h.withCashSale()
	h.openHistory()
	h.find("ca54ca")
	h.press("enter")
	add("history_cash_sale", h)

	h = historyHarness(t)
	h.openRefund("c0ffee")
	add("refund_what", h)
	h.press("down", "enter", "right", "down", "right")
	add("refund_lines", h)
	h.press("enter")
	add("refund_reason", h)
	h.press("enter")
	add("refund_confirm", h)
	h.pressUntil("y", refundPhase(checkout.RefundSucceeded))
	add("refund_succeeded", h)
	h.press("enter")
	add("history_payment_refunded", h)
	h.press("r", "down", "enter", "right", "down", "right", "enter", "enter")
	h.pressUntil("y", refundPhase(checkout.RefundSucceeded))
	h.press("enter", "up")
	// Two refunds, the first chosen: each id whole, under its row on a narrow screen.
	add("history_payment_refunded_twice", h)

	h = historyHarness(t)
	h.openRefund("a2b2c2")
	h.press("down", "down", "enter")
	h.typeText("6")
	h.press("enter")
	add("refund_amount_too_much", h)

	h = historyHarness(t)
	h.openRefund("1933")
	h.press("enter", "enter")
	add("refund_confirm_interac", h)
	h.pressUntil("y", refundPhase(checkout.RefundAwaiting))
	h.clock.Advance(47 * time.Second)
	add("refund_awaiting", h)
	h.press("ctrl+s", "2")
	add("support_payments_refund", h)
	h.press("ctrl+s", "t")
	add("refund_test_cards", h)
	h.press("esc", "x")
	add("refund_cancel", h)
	h.press("n")
	h.gw.FailAction(frontCounter.ID, "customer_canceled")
	h.pressUntil("s", refundPhase(checkout.RefundDeclined))
	add("refund_declined", h)

	h = historyHarness(t)
	h.refundAll("5126", checkout.RefundPending)
	add("refund_pending", h)
	h.pressUntil("s", refundPhase(checkout.RefundFailed))
	add("refund_failed", h)

	h = historyHarness(t)
	h.gw.LoseRefundAnswers(1)
	h.refundAll("c0ffee", checkout.RefundUnknown)
	add("refund_unknown", h)

	h = historyHarness(t)
	h.openHistory()
	h.find("c0ffee")
	h.press("enter")
	h.gw.RefundOutside(cafeIntent, 2974) // in the Dashboard, since the history was read
	h.press("r")
	add("refund_nothing_left", h)

	h = historyHarness(t)
	h.refundAll("c0ffee", checkout.RefundSucceeded)
	h.press("enter", "esc", "esc", "ctrl+s", "4")
	add("support_shift_refunds", h)

	// A paid order refunded in whole and one in part, in the Timeline's list of orders.
	h = historyHarness(t)
	h.refundAll("c0ffee", checkout.RefundSucceeded)
	h.press("enter", "esc")
	h.openRefund("a2b2c2")
	h.press("down", "down", "enter")
	h.typeText("1")
	h.press("enter", "enter")
	h.pressUntil("y", refundPhase(checkout.RefundSucceeded))
	h.press("enter", "esc", "esc", "ctrl+s", "3", "o")
	add("support_timeline_orders_refunded", h)
	h.press("enter") // the newest, refunded in part: "Now part refunded"
	add("support_timeline_refunded", h)

	h = historyHarness(t)
	h.st.PutRefund(checkout.Refund{ID: "rf_20260314T150100_0badc0de", OrderID: interacOrder, PaymentIntentID: interacPI,
		Amount: checkout.Money{Amount: 4500, Currency: "cad"}, InPerson: true, ReaderID: frontCounter.ID, Phase: checkout.RefundAwaiting,
		Card: checkout.Card{Brand: "interac", Last4: "1933"}, Attempts: 1, StartedAt: t0.Add(-8 * time.Minute)})
	h = h.restartUntil(Options{ReaderID: frontCounter.ID, TillID: "till-1"}, func(m Model) bool { return m.refund.IsOpen() })
	add("refund_resumed_checking", h)
	add("refund_reader_in_use_this_till", refundBehindAPayment(t)) // the cashier's own payment has the reader
	return book
}

// TestRefundViews renders every history and refund screen at 80×24 and 60×20 (go test
// ./ui -update rewrites the goldens).
func TestRefundViews(t *testing.T) { requireViews(t, refundBook(t)) }
