package ui

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/ui/common"
)

// The selected reader's and payment's detail is never cut at the bottom of the screen:
// at every size from 60×16 each row the detail has at 120×40 is either on screen or
// named on a "… no room for:" line, and the detail's sentences are whole.
func TestSupportDetailWholeOrNamed(t *testing.T) {
	book := supportBook(t)
	for _, tc := range []struct {
		name   string
		labels []string
		whole  []string
	}{
		{"support_readers", []string{"Reader shows", "Action", "Device", "Location", "Last seen"},
			[]string{"Possibly disconnected: in progress for 3m05s (more than 2m00s) with no outcome. Press x to cancel its action."}},
		{"support_readers_offline", []string{"Reader shows", "Device", "Location", "Last seen"}, nil},
		{"support_payments", []string{"Authorization", "Card", "Reader", "Created"},
			[]string{"Advice: cancel. The authorization is not tied to a completed order on this till; cancel it to release the customer's funds."}},
		{"support_payments_read_failed", []string{"Authorization", "Card", "Reader", "Created"},
			[]string{"Advice: capture. Order ord_20260314150500_aaaaaa completed with this payment and no other payment was taken; capture it."}},
	} {
		requireWholeOrNamed(t, tc.name, book[tc.name], tc.labels, tc.whole)
	}
}

// The Webhooks pane's rows are on screen or named as left out at every size from 60×16.
func TestWebhookRowsWholeOrNamed(t *testing.T) {
	requireWholeOrNamed(t, "support_webhooks_problems", webhookBook(t)["support_webhooks_problems"],
		[]string{"Last event", "Failures", "Rejected", "Last problem", "Received", "Duplicates", "Other version", "Listening on"},
		[]string{"Last problem 15:08:46 (40s ago): the signature does not match the webhook secret"})
}

// requireWholeOrNamed checks at every size from 60×16 that each labelled row is on
// screen or named (or counted) on the "… no room for:" line, and each of whole is on
// screen.
func requireWholeOrNamed(t *testing.T, name string, m Model, labels, whole []string) {
	t.Helper()
	for _, size := range shownSizes {
		v := ansi.Strip(sized(m, size[0], size[1]).View())
		words := strings.Join(strings.Fields(v), " ")
		var marker string
		for _, l := range strings.Split(v, "\n") {
			if strings.HasPrefix(strings.TrimSpace(l), "… no room for:") {
				marker = l
			}
		}
		for _, label := range labels {
			named := strings.Contains(marker, label) || strings.Contains(marker, " more row")
			if !strings.Contains(v, "  "+label+"  ") && !named {
				t.Errorf("%s at %dx%d: %q neither on screen nor named as left out:\n%s", name, size[0], size[1], label, v)
			}
		}
		for _, w := range whole {
			if !strings.Contains(words, w) {
				t.Errorf("%s at %dx%d: %q not whole on screen:\n%s", name, size[0], size[1], w, v)
			}
		}
	}
}

// From 60×20 the stuck reader's detail and the payment's are on screen whole, the
// payment's Created row included.
func TestSupportDetailWholeFrom60x20(t *testing.T) {
	book := supportBook(t)
	requireOnScreen(t, book["support_readers"], []string{"> Front counter"},
		[]string{"Location        till demo shop", "Last seen       15:09:24 (2s ago)"})
	requireOnScreen(t, book["support_payments"], []string{"> pi_3Emu0000000005"},
		[]string{"Created         Sat 14 Mar 14:19"})
}

// After the shift closes, where its report went is readable at 60×20 however long the
// export directory's path: the directory and both files' names.
func TestClosedShiftSaysWhereItsFilesWent(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "a-rather-long-folder-name", "till", "exports")
	h := shiftWithASale(t, dir)
	h.press("C", "y")
	h.clock.Advance(time.Second)
	requireFlatOnScreen(t, h.m, [][2]int{{60, 16}, {60, 20}, {80, 24}},
		[]string{"Shift closed at 15:09", dir, "till-shift-20260314-150926.csv", "till-shift-20260314-150926.json"})
}

// On a narrow screen the list's second line cuts a long order id; the detail has it
// whole.
func TestPaymentOrderWholeOnANarrowScreen(t *testing.T) {
	h := newHarness(t, Options{}, frontCounter)
	h.gw.SetOthers(checkout.Intent{ID: "pi_3Emu0000000021", Status: checkout.IntentRequiresPaymentMethod, Amount: usd(487),
		OrderID: "ord_20261129T171417_e7074a25", LastError: &checkout.Failure{Kind: checkout.KindDeclined, Code: "card_declined"},
		Created: t0.Add(-time.Minute), ReaderID: frontCounter.ID, TillID: "till-2"})
	h.openSupport(panePayments)
	requireOnScreen(t, h.m, []string{"> pi_3Emu0000000021", "ord_20261129T171417_e7074a25"}, nil)
}

// What keeps the shift open is listed under the verdict, above the totals, at every
// size from 60×16, and the refusal to close points at that list instead of repeating
// it (the repeat pushed the list off a short screen).
func TestShiftListsWhatKeepsItOpenFirst(t *testing.T) {
	book := supportBook(t)
	requireOnScreen(t, book["support_shift"], []string{"Cannot close yet", "ord_20260314150500_aaaaaa approved $29.74"}, nil)
	requireOnScreen(t, book["support_shift_refused"], []string{"ord_20260314150500_aaaaaa approved $29.74",
		"Shift not closed: 1 unresolved payment (listed above)."}, nil)
}

// A payment the customer tipped on: the Payments pane lists and captures the amount
// with the tip, and says so (it said the sale's amount, less than Stripe captured); the
// Timeline's list of orders has it with the tip too.
func TestSupportCaptureSaysTheAmountWithTheTip(t *testing.T) {
	h := newHarness(t, Options{}, frontCounter)
	order := approved()
	order.OrderID, order.PaymentIntentID, order.Tip = "ord_tipped", "pi_tipped", 100
	order.StartedAt = t0.Add(-4 * time.Minute)
	h.start(nil)
	h.st.Put(order) // after the start, so the order is the journal's, not the cashier's
	h.gw.SetOthers(checkout.Intent{ID: order.PaymentIntentID, Status: checkout.IntentRequiresCapture, Amount: usd(order.Amount.Amount + 100),
		OrderID: order.OrderID, Card: order.Card, CaptureBefore: order.CaptureBefore, Created: order.StartedAt, ReaderID: frontCounter.ID})
	h.openSupport(panePayments)
	viewHas(t, h.m, "pi_tipped", "$30.74")
	h.press("c")
	viewHas(t, h.m, "Captured pi_tipped ($30.74")
	h.press("3", "o")
	viewHas(t, h.m, "paid $30.74 ord_tipped")
}

// A refund that is not settled is listed with its id whole at every size from 60×16:
// on a narrow screen the id goes under its row (it was cut to "rf_2026…").
func TestUnsettledRefundIDWhole(t *testing.T) {
	requireOnScreen(t, refundBook(t)["support_payments_refund"], []string{"rf_20260314T150926_00000001"}, nil)
}

// common.RoomyHeight is what it says: the body's height at 60×20 with a one-line
// status. From there up the support screen keeps its blank line under the tabs, the
// Payments pane a read's error whole, history its find hint; below it they give way.
func TestRoomyHeightIsTheBodyAt60x20(t *testing.T) {
	h := paymentsHarness(t)
	h.gw.UnfinishedFn = func(time.Time) ([]checkout.Intent, error) { return nil, refused("list the payments") }
	h.openSupport(panePayments)
	m := sized(h.m, 60, 20)
	if got := len(m.status(m.viewWidth(), m.active())); got != 1 {
		t.Fatalf("status is %d lines, want 1", got)
	}
	if got := m.body().Height; got != common.RoomyHeight {
		t.Fatalf("the body at 60×20 is %d lines; common.RoomyHeight is %d", got, common.RoomyHeight)
	}
	lines := func(m Model) []string { return strings.Split(ansi.Strip(m.View()), "\n") }
	tall, short := lines(m), lines(sized(h.m, 60, 19))
	if tall[4] != "" || short[4] == "" {
		t.Errorf("the blank under the tabs: at 60×20 %q, at 60×19 %q", tall[4], short[4])
	}
	whole, cut := strings.Join(tall, " "), strings.Join(short, " ")
	if !strings.Contains(whole, "connection refused).") || strings.Contains(cut, "connection refused).") {
		t.Errorf("the read's error: whole at 60×20, cut to two lines at 60×19:\n%s\n\n%s", whole, cut)
	}
}

// A list shows every row when they fit exactly: the "(from–to of n)" line's room is
// kept only when some rows are out of sight. At 60×20 the Readers pane showed one of
// two readers and "(2–2 of 2)" over a blank line the other would have filled.
func TestListShowsAllWhenTheyFitExactly(t *testing.T) {
	front := frontCounter
	front.Location, front.LastSeenAt = "tml_shop", t0.Add(-2*time.Second)
	h := newHarnessWith(t, Options{}, map[string][]string{front.ID: {"reader_busy"}}, front, backCounter)
	h.openSupport(paneReaders)
	h.press("down")
	v := ansi.Strip(sized(h.m, 60, 20).View())
	for _, w := range []string{"  Back counter", "> Front counter", "Emulator faults reader_busy"} {
		if !strings.Contains(v, w) {
			t.Errorf("%q not on screen:\n%s", w, v)
		}
	}
	if strings.Contains(v, " of 2)") {
		t.Errorf("a reader is out of sight:\n%s", v)
	}
}

// On a short screen the shift's totals give way from the last row and name what has no
// room, rather than ending at the screen's edge with "canceled" and "unresolved" unseen.
func TestShiftTotalsSayWhatHasNoRoom(t *testing.T) {
	h := paymentsHarness(t)
	tipped := withIntent(live(checkout.Paid), checkout.IntentSucceeded)
	tipped.OrderID, tipped.PaymentIntentID, tipped.Tip, tipped.StartedAt = "ord_tipped", "pi_tipped", 100, t0.Add(-3*time.Minute)
	h.st.Put(tipped)
	h.withCashSale()
	h.openSupport(paneShift)
	small, big := ansi.Strip(sized(h.m, 60, 20).View()), ansi.Strip(sized(h.m, 80, 24).View())
	if !strings.Contains(small, "… no room for: refunded, canceled, unresolved") {
		t.Errorf("at 60×20 the totals' last rows are not named:\n%s", small)
	}
	for _, row := range []string{"captured", "incl. tips", "cash", "refunded", "canceled", "unresolved"} {
		if !strings.Contains(big, "  "+row+" ") {
			t.Errorf("at 80×24 %q is not on screen:\n%s", row, big)
		}
	}
	if strings.Contains(big, "no room") {
		t.Errorf("at 80×24 a row gives way:\n%s", big)
	}
}
