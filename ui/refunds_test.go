package ui

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/ui/history"
	"github.com/till-pos/till/ui/internal/fake"
)

// refundAll refunds everything left of the payment find finds, for the first reason,
// and confirms it, until the refund reaches phase; it returns the messages still due.
func (h *harness) refundAll(find string, phase checkout.RefundPhase) []tea.Msg {
	h.t.Helper()
	h.openRefund(find)
	h.press("enter", "enter")
	return h.pressUntil("y", refundPhase(phase))
}

// openRefund finds a payment in the history, opens it and starts its refund.
func (h *harness) openRefund(find string) {
	h.t.Helper()
	if !h.m.history.IsOpen() {
		h.openHistory()
	}
	h.press("esc") // clears what was typed before, if anything
	if !h.m.history.IsOpen() {
		h.openHistory()
	}
	h.find(find)
	h.press("enter", "r")
}

// stripeRefunded is what the fake Stripe refunded of a payment, every refund counted
// that gave money back.
func (h *harness) stripeRefunded(pi string) (total int64, n int) {
	for _, r := range h.gw.Refunds() {
		if r.PaymentIntentID == pi && r.Status.Counts() {
			total += r.Amount.Amount
			n++
		}
	}
	return total, n
}

// orderOf names the order of each payment of the history's fixture.
var orderOf = map[string]string{cafeIntent: cafeOrder, interacPI: interacOrder, failsPI: "ord_20260314143000_fa11ed", partPI: partOrder,
	oldPI: "ord_20260313121500_01d01d"}

// shows checks the history lists exactly these payments (by their orders).
func (h *harness) shows(t *testing.T, label string, pis ...string) {
	t.Helper()
	v := words(sized(h.m, 80, 40).View())
	for pi, order := range orderOf {
		if got, want := strings.Contains(v, order), slices.Contains(pis, pi); got != want {
			t.Errorf("%s: shows %s %v, want %v:\n%s", label, order, got, want, v)
		}
	}
}

// The history is one key from the cart and finds as the cashier types: an order id, an
// amount, a last four, a brand, a day.
func TestHistoryFindsAsYouType(t *testing.T) {
	h := historyHarness(t)
	h.openHistory()
	if !h.m.history.IsOpen() {
		t.Fatal("h on the cart does not open the history")
	}
	h.shows(t, "everything", cafeIntent, interacPI, failsPI, partPI, oldPI)
	viewHas(t, h.m, "5 payments", "When Amount Tip Refunded Status", "> 14 Mar 15:00 $8.00 $1.00 $3.00 part refunded",
		partOrder+" · Mastercard •••• 4444 · Back counter")
	for _, tc := range []struct {
		find string
		want []string
	}{
		{"c0ffee", []string{cafeIntent}},
		{"29.7", []string{cafeIntent}},
		{"$12.50", []string{failsPI}},
		{"4242", []string{cafeIntent}},
		{"interac", []string{interacPI}},
		{"visa", []string{failsPI, cafeIntent}},
		{"2026-03-13", []string{oldPI}},
		{"today visa 5126", []string{failsPI}},
		{"2026-03-13..2026-03-14 64", []string{oldPI}},
		{"9999", nil},
	} {
		if tc.find != "c0ffee" {
			h.press("esc") // clears what the last case typed
		}
		h.find(tc.find)
		h.shows(t, tc.find, tc.want...)
	}
	viewHas(t, h.m, "No payment matches “9999”")
	h.press("esc")
	if !h.m.history.IsOpen() {
		t.Fatal("esc with something typed only clears it")
	}
	viewHas(t, h.m, "5 payments")
	h.press("esc")
	if h.m.history.IsOpen() {
		t.Error("esc with nothing typed goes back to the cart")
	}
	viewHas(t, h.m, "The cart is empty")
}

// A day before what the page read reads back to that day: a payment whose journal is
// gone is still found at Stripe.
func TestHistoryReadsBackToAnOlderDay(t *testing.T) {
	h := historyHarness(t)
	older := paidIntent("pi_3March1", "ord_20260301100000_0a0a0a", time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC), usd(1500),
		checkout.Card{Brand: "visa", Last4: "1111"}, frontCounter.ID)
	h.gw.SetOthers(append(h.gw.Others(), older)...)
	h.openHistory()
	h.find("2026-03-01")
	if row, ok := h.m.history.Selected(); !ok || row.PaymentIntentID != older.ID || row.Source != checkout.SourceStripe {
		t.Fatalf("found %+v, want the payment of 1 March, from Stripe", row)
	}
	viewHas(t, h.m, "Sun 1 Mar · 1 payment found of 6")
}

// From support, h opens the history and esc goes back to support; a row's timeline is
// support's Timeline pane with that order's journal.
func TestHistoryFromSupportAndTheTimeline(t *testing.T) {
	h := historyHarness(t)
	h.st.Append(checkout.Entry{OrderID: cafeOrder, Step: "capture", Outcome: "captured", At: t0.Add(-66 * time.Minute)})
	h.press("ctrl+s", "h")
	if !h.m.history.IsOpen() || h.m.support.IsOpen() || h.m.history.Origin() != history.FromSupport {
		t.Fatalf("support's h: history open %v, support open %v", h.m.history.IsOpen(), h.m.support.IsOpen())
	}
	h.press("esc")
	if h.m.history.IsOpen() || !h.m.support.IsOpen() {
		t.Fatal("esc from a history opened in support goes back to support")
	}
	h.press("esc", "h")
	h.find("c0ffee")
	h.press("enter", "t")
	if !h.m.support.IsOpen() {
		t.Fatal("t does not open the order's timeline")
	}
	viewHas(t, h.m, "[3 Timeline]", "Order "+cafeOrder, "captured")
	h.press("esc")
	if !h.m.history.IsOpen() || h.m.support.IsOpen() {
		t.Error("esc from the timeline goes back to the payment in the history")
	}
}

// Issue 10: a refund of two lines of a cart, then the rest, then a third is refused:
// never more than is left, and the remaining amount shown all along.
func TestRefundTwoLinesThenTheRestThenNoMore(t *testing.T) {
	h := historyHarness(t)
	h.openRefund("c0ffee")
	viewHas(t, h.m, "$29.74 left to refund")
	h.press("down", "enter")                   // chosen lines
	h.press("right", "right", "right", "down") // two flat whites (a third is not there to give back)
	h.press("right")                           // and the croissant
	viewHas(t, h.m, "These come to $12.75, with their tax and discounts.")
	h.press("enter", "enter") // requested_by_customer
	viewHas(t, h.m, "Refund $12.75 to Visa •••• 4242? (y/n)", "Flat white ×2, Almond croissant ×1", "$16.99")
	h.pressUntil("y", refundPhase(checkout.RefundSucceeded))
	if total, n := h.stripeRefunded(cafeIntent); total != 1275 || n != 1 {
		t.Fatalf("Stripe refunded %d in %d refunds, want 1275 in 1", total, n)
	}
	if r := h.m.refund.Refund(); r.Reason != "requested_by_customer" || len(r.Lines) != 2 || r.Lines[0].Quantity != 2 {
		t.Errorf("the refund recorded %+v", r)
	}
	h.press("enter") // back to the payment, read again
	viewHas(t, h.m, "$12.75 · $16.99 left to refund", "part refunded")

	h.press("r")
	h.press("down", "enter", "right") // the flat whites are given back already
	viewHas(t, h.m, "Flat white 2 0 0", "Almond croissant 1 0 0", "250 g 1 1 0", "These come to $0.00")
	h.press("esc", "up", "enter", "enter") // everything left
	viewHas(t, h.m, "Refund $16.99 to Visa •••• 4242? (y/n)")
	h.pressUntil("y", refundPhase(checkout.RefundSucceeded))
	h.press("enter")
	if total, n := h.stripeRefunded(cafeIntent); total != 2974 || n != 2 {
		t.Fatalf("Stripe refunded %d in %d refunds, want all 2974 in 2", total, n)
	}
	viewHas(t, h.m, "refunded", "$0.00 left to refund")
	if slices.Contains(helpKeys(h.m), "r") {
		t.Error("a payment refunded in full still offers r refund")
	}
	// A refund asked for anyway (from a screen drawn before) is refused once read afresh.
	row, _ := h.m.history.Selected()
	h.settle(h.step(history.RefundMsg{Row: row}), nil)
	viewHas(t, h.m, "Nothing can be refunded now", "This payment is already refunded in full.")
}

// An amount is checked as typed: above zero, no more than is left.
func TestRefundAmountIsNeverMoreThanIsLeft(t *testing.T) {
	h := historyHarness(t)
	h.openRefund("a2b2c2") // $8.00 paid, $3.00 refunded outside till
	viewHas(t, h.m, "Paid $8.00 · refunded $3.00 · $5.00 left to refund")
	h.press("down", "down", "enter")
	for _, tc := range []struct{ typed, says string }{
		{"5.01", "Only $5.00 is left to refund."},
		{"0", "The amount must be above zero."},
		{"abc", "is not a number"},
	} {
		h.typeText(tc.typed)
		h.press("enter")
		viewHas(t, h.m, tc.says)
		for range tc.typed {
			h.press("backspace")
		}
	}
	h.typeText("5")
	h.press("enter", "down", "down", "down", "enter") // no reason given
	h.pressUntil("y", refundPhase(checkout.RefundSucceeded))
	if r := h.m.refund.Refund(); r.Amount != usd(500) || r.Reason != "" {
		t.Errorf("refund %+v, want $5.00, no reason", r)
	}
}

// Issue 10: an Interac refund is made on the reader: the customer cancels on the reader
// (nothing refunded), the cashier retries, the customer presents the card.
func TestInteracRefundOnTheReaderCustomerCancelsThenPresents(t *testing.T) {
	h := historyHarness(t)
	h.openRefund("1933")
	viewHas(t, h.m, "An Interac payment is refunded on the reader")
	h.press("enter", "enter")
	viewHas(t, h.m, "Refund CA$45.00 on Front counter? The customer presents their card there. (y/n)")
	h.pressUntil("y", refundPhase(checkout.RefundAwaiting))
	viewHas(t, h.m, "CA$45.00", "Ask the customer to present the card that paid (Interac •••• 1933) on Front counter")
	if keys := helpKeys(h.m); !slices.Contains(keys, "x") || !slices.Contains(keys, "s") || !slices.Contains(keys, "1") || !slices.Contains(keys, "t") {
		t.Errorf("awaiting the card, keys %v: want x cancel, s check and the test cards", keys)
	}
	if a := h.gw.Reader(frontCounter.ID).Action; a == nil || a.Type != checkout.ActionRefundPayment {
		t.Fatalf("the reader does %+v, want the refund", a)
	}

	h.gw.FailAction(frontCounter.ID, "customer_canceled")
	h.pressUntil("s", refundPhase(checkout.RefundDeclined))
	viewHas(t, h.m, "The customer canceled on the reader. Nothing was refunded.", "CA$45.00")
	if total, _ := h.stripeRefunded(interacPI); total != 0 {
		t.Fatalf("Stripe refunded %d after the customer canceled", total)
	}
	h.pressUntil("r", refundPhase(checkout.RefundAwaiting))
	h.pressUntil("1", refundPhase(checkout.RefundSucceeded))
	viewHas(t, h.m, "Refunded CA$45.00 to Interac •••• 1933.")
	if total, n := h.stripeRefunded(interacPI); total != 4500 || n != 1 {
		t.Errorf("Stripe refunded %d in %d, want 4500 in one", total, n)
	}
	if presented := slices.ContainsFunc(h.log.Calls(), func(c string) bool { return c == "present  4506445006931933" }); !presented {
		t.Errorf("1 did not present the Interac card that paid: %v", h.log.Calls())
	}
}

// Canceling an in-person refund while the reader waits asks first, and refunds nothing.
func TestInteracRefundCanceledWhileWaiting(t *testing.T) {
	h := historyHarness(t)
	h.refundAll("1933", checkout.RefundAwaiting)
	h.press("x")
	viewHas(t, h.m, "Cancel the refund? The reader stops waiting for the card; nothing is refunded. (y/n)")
	h.pressUntil("y", refundPhase(checkout.RefundCanceled))
	viewHas(t, h.m, "Refund canceled. Nothing was refunded.")
	if a := h.gw.Reader(frontCounter.ID).Action; a != nil {
		t.Errorf("the reader still does %+v", a)
	}
}

// Issue 10: a refund_fail card's refund goes pending, then fails; till follows it, even
// behind the history, and says so with Stripe's reason.
func TestRefundFailIsFollowedAndTold(t *testing.T) {
	h := historyHarness(t)
	polls := h.refundAll("5126", checkout.RefundPending)
	viewHas(t, h.m, "Refund pending at Stripe", "till keeps checking")
	left := h.step(fake.Key("enter")) // the cashier moves on; till keeps following it
	if h.m.refund.IsOpen() || !h.m.history.IsOpen() {
		t.Fatal("enter on a pending refund goes back to the history")
	}
	h.settle(append(polls, left...), nil)
	viewHas(t, h.m, "Order ord_20260314143000_fa11ed: The refund of $12.50 failed: the card has expired or was canceled. Nothing was refunded; give the money back another way.")
	if total, _ := h.stripeRefunded(failsPI); total != 0 {
		t.Errorf("Stripe counts %d refunded of a failed refund", total)
	}
}

// An ambiguous failure is re-read, never refunded twice.
func TestRefundLostAnswerIsReadNeverMadeTwice(t *testing.T) {
	h := historyHarness(t)
	h.gw.LoseRefundAnswers(1)
	h.refundAll("c0ffee", checkout.RefundSucceeded)
	if total, n := h.stripeRefunded(cafeIntent); total != 2974 || n != 1 {
		t.Errorf("Stripe refunded %d in %d refunds, want 2974 once", total, n)
	}
	calls := strings.Join(h.log.Calls(), "\n")
	if !strings.Contains(calls, "find_refund") {
		t.Errorf("the lost answer was not re-read:\n%s", calls)
	}
}

// Refunds an earlier run left open are resumed at start: an in-person one on screen,
// re-read first; a card one followed behind it; none made twice.
func TestRefundsLeftOpenAreResumedAtStart(t *testing.T) {
	h := historyHarness(t)
	h.refundAll("1933", checkout.RefundAwaiting)
	h.gw.LoseRefundAnswers(1)
	// A card refund whose create was in flight when till stopped.
	card := checkout.Refund{ID: "rf_left_card", OrderID: cafeOrder, PaymentIntentID: cafeIntent, Amount: usd(500),
		Phase: checkout.RefundCreating, Card: checkout.Card{Brand: "visa", Last4: "4242"}, StartedAt: t0}
	h.st.PutRefund(card)
	h.press("ctrl+c")
	viewHas(t, h.m, "The refund stays open and till resumes it next time. Quit? (y/n)")

	next := h.restartUntil(Options{ReaderID: frontCounter.ID, TillID: "till-1"}, func(m Model) bool {
		open, _ := h.st.UnfinishedRefunds()
		return m.refund.Refund().Phase == checkout.RefundAwaiting && !m.refund.Spins() && len(open) == 1
	})
	if !next.m.refund.IsOpen() || next.m.refund.Refund().PaymentIntentID != interacPI {
		t.Fatalf("the Interac refund is not back on screen: %+v", next.m.refund.Refund())
	}
	viewHas(t, next.m, "Resumed: this refund was left open at 15:09")
	next.pressUntil("1", refundPhase(checkout.RefundSucceeded))
	if total, n := next.stripeRefunded(cafeIntent); total != 500 || n != 1 {
		t.Errorf("the card refund left open: Stripe refunded %d in %d, want 500 once", total, n)
	}
	if open, _ := next.st.UnfinishedRefunds(); len(open) != 0 {
		t.Errorf("still open after the resume: %+v", open)
	}
}

// The Shift pane counts the refunds, marks those made outside till, and the shift does
// not close while a refund is under way; the Payments pane lists that refund.
func TestShiftPaneCountsRefunds(t *testing.T) {
	h := historyHarness(t)
	h.refundAll("c0ffee", checkout.RefundSucceeded)
	h.press("enter", "esc", "esc")
	h.press("ctrl+s", "4")
	viewHas(t, h.m, "refunded CA$0.00 (0) $32.74 (2)", "outside till CA$0.00 (0) $3.00 (1)")
	h.press("ctrl+s")
	h.refundAll("1933", checkout.RefundAwaiting)
	h.press("ctrl+s", "2")
	viewHas(t, h.m, "1 refund of this till is not settled", interacOrder+" awaiting CA$45.00 rf_20260314T150926_00000002")
	h.press("4")
	viewHas(t, h.m, "1 refund is under way — finish it on the cashier's screen (it resumes it) before closing:", interacOrder+" awaiting CA$45.00")
	h.press("C")
	viewHas(t, h.m, "Shift not closed: 1 refund under way (listed above).")
}

// refundMustShow is what each history and refund screen keeps at every size from 60×16
// up: what is left or the refund's amount, and every key that ends, cancels or leaves.
var refundMustShow = map[string][]string{
	"history":                 {"$8.00", "$3.00", "enter open payment", "esc back"},
	"history_found":           {"$12.50", "enter open payment", "esc clear find"},
	"history_payment":         {"$5.00 left to refund", "r refund", "esc back to the list"},
	"history_cash_sale":       {"$4.50", "v receipt", "esc back to the list"},
	"refund_what":             {"$29.74 left to refund", "enter next", "esc back to the history"},
	"refund_lines":            {"$29.74 left to refund", "These come to $8.25", "enter next", "esc back"},
	"refund_amount_too_much":  {"$5.00 left to refund", "Only $5.00 is left to refund.", "enter next", "esc back", "order ord_20260314150000_a2b2c2"},
	"refund_reason":           {"$29.74 left to refund", "enter next", "esc back"},
	"refund_confirm":          {"$8.25", "y yes", "n no"},
	"refund_confirm_interac":  {"CA$45.00", "y yes", "n no"},
	"refund_awaiting":         {"CA$45.00", "x cancel refund", "s check"},
	"refund_cancel":           {"CA$45.00", "y yes", "n no"},
	"refund_declined":         {"CA$45.00", "r retry", "x cancel refund"},
	"refund_pending":          {"$12.50", "enter done"},
	"refund_failed":           {"$12.50", "the card has expired or was canceled", "enter done"},
	"refund_succeeded":        {"$8.25", "enter done"},
	"refund_unknown":          {"$29.74", "s check"},
	"refund_resumed_checking": {"CA$45.00"},
	"refund_nothing_left":     {"already refunded in full", "esc back to the history"},
	"refund_test_cards":       {"enter present", "esc back"},
	"support_shift_refunds":   {"$32.74 (2)", "$3.00 (1)"},
}

// Issue 8's rule on the new screens: every size from 60×16 keeps the amounts and the
// keys that end or cancel.
func TestRefundScreensKeepAmountsAndKeys(t *testing.T) {
	requireShown(t, refundBook(t), refundMustShow)
}

// s on a pending refund said nothing when the read found it still pending: the page
// looked the same. Once Stripe answers, the status line says the check was made.
func TestRefundCheckSaysStripeAnswered(t *testing.T) {
	h := historyHarness(t)
	h.refundAll("5126", checkout.RefundPending)
	h.press("s")
	viewHas(t, h.m, "Checked with Stripe at "+h.clock.Now().Format("15:04:05")+": the screen shows where the refund is.")
}

// The history shows every payment when they fit exactly: the "(from–to of n)" line's
// room is kept only when some are out of sight. At 80×25 seven payments of two lines
// fill the body to its last line; it showed six and "(1–6 of 7)" over a blank line.
func TestHistoryShowsAllWhenTheyFitExactly(t *testing.T) {
	h := historyHarness(t)
	visa := checkout.Card{Brand: "visa", Last4: "4242"}
	for i, order := range []string{"ord_20260314120000_aaaaa1", "ord_20260314120100_aaaaa2"} {
		h.st.Put(paidSession(order, fmt.Sprintf("pi_more%d", i), t0.Add(-time.Duration(3+i)*time.Hour), cafeCart(), visa, frontCounter.ID))
	}
	h.openHistory()
	v := ansi.Strip(sized(h.m, 80, 25).View())
	if !strings.Contains(v, "7 payments") || strings.Contains(v, " of 7)") {
		t.Errorf("a payment is out of sight:\n%s", v)
	}
	for _, order := range []string{"ord_20260314120000_aaaaa1", "ord_20260314120100_aaaaa2", "ord_20260313121500_01d01d"} {
		if !strings.Contains(v, order) {
			t.Errorf("%s not on screen:\n%s", order, v)
		}
	}
}
