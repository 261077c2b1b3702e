package ui

import (
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/ui/common"
	"github.com/till-pos/till/ui/internal/fake"
)

// paneOnScreen is the support pane the tab bar marks.
func paneOnScreen(m Model) string {
	for _, name := range []string{"Readers", "Payments", "Timeline", "Shift", "Webhooks"} {
		for _, n := range []string{"1", "2", "3", "4", "5"} {
			if strings.Contains(m.View(), "["+n+" "+name+"]") {
				return name
			}
		}
	}
	return ""
}

// hasCall reports whether the gateway got a call, as "step key subject".
func hasCall(h *harness, want string) bool { return slices.Contains(h.log.Calls(), want) }

func countCalls(h *harness, step string) int {
	n := 0
	for _, c := range h.log.Calls() {
		if strings.HasPrefix(c, step+" ") {
			n++
		}
	}
	return n
}

func TestSupportOpensAndClosesOverTheCheckout(t *testing.T) {
	h := newHarness(t, Options{ReaderID: frontCounter.ID}, frontCounter)
	h.start(nil)
	h.addLine("Coffee", "4.50", "1")
	h.pressUntil("enter", phaseIs(checkout.Awaiting))
	for _, k := range []string{"ctrl+s", "f2"} {
		h.settle(h.step(fake.Key(k)), nil)
		if !h.m.support.IsOpen() || paneOnScreen(h.m) != "Readers" {
			t.Fatalf("%s: support open %v pane %s, want the Readers pane", k, h.m.support.IsOpen(), paneOnScreen(h.m))
		}
		viewHas(t, h.m, "Support", "cashier: awaiting, order ord_1", "Front counter")
		h.press("esc")
		if h.m.support.IsOpen() {
			t.Fatalf("esc left the support screen open")
		}
	}
	// The checkout went on underneath: a card presented elsewhere is seen by its poll.
	h.openSupport(paneReaders)
	h.mu.Lock()
	due := h.due
	h.mu.Unlock()
	h.press("t", "enter") // the first test card, which approves, from the Readers pane
	if !hasCall(h, "present  "+common.CardApproves) {
		t.Fatalf("1 did not present a card: %v", h.log.Calls())
	}
	h.settle(h.step(fake.Key("s")), nil) // the cashier's keys do not reach the checkout here
	h.press("esc")
	h.pressUntil("s", phaseIs(checkout.Approved))
	if h.session().Phase != checkout.Approved {
		t.Fatalf("phase %s after the card, want approved", h.session().Phase)
	}
	// The readers loop of the closed screen ends: its refresh is dropped.
	before := countCalls(h, "list_readers")
	h.settle(h.step(due), nil)
	if countCalls(h, "list_readers") != before {
		t.Errorf("a refresh ran after the support screen closed")
	}
}

func TestSupportTabsAndNumbersSwitchPanes(t *testing.T) {
	h := newHarness(t, Options{}, frontCounter)
	h.openSupport(paneReaders)
	for _, tc := range []struct{ key, want string }{
		{"tab", "Payments"}, {"tab", "Timeline"}, {"tab", "Shift"}, {"tab", "Webhooks"}, {"tab", "Readers"},
		{"shift+tab", "Webhooks"}, {"2", "Payments"}, {"3", "Timeline"}, {"1", "Readers"}, {"4", "Shift"}, {"5", "Webhooks"}} {
		h.press(tc.key)
		if got := paneOnScreen(h.m); got != tc.want {
			t.Fatalf("after %s: pane %s, want %s", tc.key, got, tc.want)
		}
	}
}

func TestReadersRefreshBacksOffOnErrors(t *testing.T) {
	h := newHarness(t, Options{}, frontCounter)
	fail := true
	h.gw.ListReadersFn = func() ([]checkout.Reader, error) {
		if fail {
			return nil, fake.ErrNetwork
		}
		return []checkout.Reader{frontCounter}, nil
	}
	h.openSupport(paneReaders)
	for i := 0; i < 6; i++ {
		h.refresh()
	}
	fail = false
	h.refresh()
	h.refresh()
	want := []time.Duration{4, 8, 16, 30, 30, 30, 30, 2, 2}
	for i := range want {
		want[i] *= time.Second
	}
	if !slices.Equal(h.refreshes, want) {
		t.Errorf("waits %v, want %v", h.refreshes, want)
	}
	viewHas(t, h.m, "Front counter")
	// A stale loop's refresh does nothing once "s" starts a new one.
	h.mu.Lock()
	old := h.due
	h.mu.Unlock()
	h.press("s")
	before := countCalls(h, "list_readers")
	h.settle(h.step(old), nil)
	if countCalls(h, "list_readers") != before {
		t.Errorf("a stale loop refreshed")
	}
}

func TestCancelReaderAction(t *testing.T) {
	display := frontCounter
	display.Action = &checkout.ReaderAction{Type: "set_reader_display", Status: checkout.ActionInProgress}
	for _, tc := range []struct {
		name    string
		reader  checkout.Reader
		mine    bool // the cashier's payment is on the reader's action
		keys    []string
		asks    bool                          // a y/n question comes first
		now     func() *checkout.ReaderAction // the action when read again; nil: unchanged
		cancels bool
	}{
		{name: "another till's action, confirmed", reader: stuckFront(), keys: []string{"x", "y"}, asks: true, cancels: true},
		{name: "another till's action, declined", reader: stuckFront(), keys: []string{"x", "n"}, asks: true},
		{name: "this till's action", mine: true, keys: []string{"x"}, cancels: true},
		{name: "clear the display", reader: display, keys: []string{"c"}, cancels: true},
		{name: "the action changed before the cancel", reader: stuckFront(), keys: []string{"x", "y"}, asks: true,
			now: func() *checkout.ReaderAction {
				return &checkout.ReaderAction{Type: "process_payment_intent", Status: checkout.ActionInProgress, PaymentIntentID: "pi_3Emu0000000099"}
			}},
		{name: "the action finished before the cancel", reader: stuckFront(), keys: []string{"x", "y"}, asks: true,
			now: func() *checkout.ReaderAction { return nil }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, Options{ReaderID: frontCounter.ID}, frontCounter)
			if tc.mine {
				chargeToAwaiting(t, h) // the cashier's payment is on the front counter
			} else {
				h.gw.SetReaders(tc.reader)
			}
			h.openSupport(paneReaders)
			r := h.gw.Reader(frontCounter.ID)
			if tc.now != nil {
				h.gw.ReadReaderFn = func(string) (checkout.Reader, error) {
					changed := r
					changed.Action = tc.now()
					return changed, nil
				}
			}
			before := countCalls(h, "cancel_action")
			h.press(tc.keys[0])
			if asked := h.m.support.Question() != ""; asked != tc.asks {
				t.Fatalf("asked %v, want %v", asked, tc.asks)
			}
			h.press(tc.keys[1:]...)
			if got := countCalls(h, "cancel_action") - before; (got == 1) != tc.cancels || got > 1 {
				t.Errorf("%d cancel_action calls, want cancel %v: %v", got, tc.cancels, h.log.Calls())
			}
			if tc.cancels && countCalls(h, "read_reader") == 0 {
				t.Errorf("canceled without reading the reader first")
			}
			if tc.now != nil {
				viewHas(t, h.m, "Nothing canceled: the reader's action changed")
			}
		})
	}
}

func TestFaultToggles(t *testing.T) {
	h := newHarnessWith(t, Options{}, map[string][]string{}, frontCounter)
	h.openSupport(paneReaders)
	h.press("f", "down", "down", "down", "down", "down", "enter") // disconnect
	if !hasCall(h, "toggle_fault disconnect "+frontCounter.ID) {
		t.Fatalf("no toggle: %v", h.log.Calls())
	}
	viewHas(t, h.m, "disconnect ON")
	h.press("enter")
	if strings.Contains(h.m.View(), "disconnect                    ON") {
		t.Errorf("a second toggle left the fault on")
	}
	// Stripe unreachable is switched for the whole emulator, whichever reader is selected.
	h.press("up")
	for range len(fake.EmulatorFaults()) {
		h.press("down")
	}
	h.press("enter")
	if !hasCall(h, "toggle_fault unreachable ") {
		t.Fatalf("unreachable not switched globally: %v", h.log.Calls())
	}
	viewHas(t, h.m, "unreachable ON · every reader")
	// Without the emulator there is no fault panel.
	h = newHarness(t, Options{}, frontCounter)
	h.openSupport(paneReaders)
	h.press("f")
	if strings.Contains(h.m.View(), "Emulator faults") {
		t.Errorf("f opened the fault panel without an emulator")
	}
}

func TestSettlePayments(t *testing.T) {
	const (
		otherPI = "pi_3Emu0000000005" // another till's authorization: advice cancel
		gonePI  = "pi_3Emu0000000009" // an abandoned attempt: advice cancel
		minePI  = "pi_3Emu0000000007" // this till's approved order: advice capture
		mine    = "ord_20260314150500_aaaaaa"
	)
	rows := []string{otherPI, gonePI, minePI} // oldest first
	for _, tc := range []struct {
		name   string
		downs  int
		keys   []string
		asks   bool
		call   string // the money call expected, "" for none
		status checkout.IntentStatus
		phase  checkout.Phase // the journal's session afterwards, for this till's order
	}{
		{name: "capture against the advice, declined", downs: 0, keys: []string{"c", "n"}, asks: true},
		{name: "capture against the advice, confirmed", downs: 0, keys: []string{"c", "y"}, asks: true,
			call: "capture till_support_" + otherPI + "_capture_1 " + otherPI, status: checkout.IntentSucceeded},
		{name: "cancel as advised, with a reason", downs: 1, keys: []string{"x", "down", "down", "enter"},
			call: "cancel_intent till_support_" + gonePI + "_cancel_1 " + gonePI, status: checkout.IntentCanceled},
		{name: "capture as advised, through the machine", downs: 2, keys: []string{"c"},
			call: "capture till_" + mine + "_capture_1 " + minePI, status: checkout.IntentSucceeded, phase: checkout.Paid},
		{name: "cancel against the advice, through the machine", downs: 2, keys: []string{"x", "enter", "y"}, asks: true,
			call: "cancel_intent till_" + mine + "_cancel_1 " + minePI, status: checkout.IntentCanceled, phase: checkout.Canceled},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := paymentsHarness(t)
			h.openSupport(panePayments)
			for i := 0; i < tc.downs; i++ {
				h.press("down")
			}
			pi := rows[tc.downs]
			last := len(tc.keys) - 1
			h.press(tc.keys[:last]...)
			if tc.asks && !strings.HasPrefix(h.m.support.Question(), "Advice:") {
				t.Fatalf("no question quoting the advice before acting against it: %q", h.m.support.Question())
			}
			h.press(tc.keys[last])
			var money []string
			for _, c := range h.log.Calls() {
				if strings.HasPrefix(c, "capture ") || strings.HasPrefix(c, "cancel_intent ") {
					money = append(money, c)
				}
			}
			if tc.call == "" {
				if len(money) > 0 {
					t.Fatalf("money moved after no: %v", money)
				}
				return
			}
			if len(money) != 1 || money[0] != tc.call {
				t.Fatalf("calls %v, want %q", money, tc.call)
			}
			in, _ := h.gw.Other(pi)
			if in.Status != tc.status {
				t.Errorf("%s is %s, want %s", pi, in.Status, tc.status)
			}
			if pi == gonePI && in.CancellationReason != "requested_by_customer" {
				t.Errorf("cancellation reason %q, want the one picked", in.CancellationReason)
			}
			if tc.phase != "" {
				s, _, _ := h.st.Session(mine)
				if s.Phase != tc.phase {
					t.Errorf("journal has %s, want %s", s.Phase, tc.phase)
				}
				assertSavedBefore(t, h, tc.call)
			}
			viewHas(t, h.m, "2 unfinished payments") // the list is read again
			if h.session().Phase != checkout.Building {
				t.Errorf("the cashier's session moved to %s", h.session().Phase)
			}
		})
	}
}

// Canceling another till's payment from support clears a reader still waiting on it,
// so the next sale there is not refused as reader_in_use (issue 11, defect 4).
func TestSupportCancelClearsTheReader(t *testing.T) {
	const gonePI = "pi_3Emu0000000009" // abandoned, still on the back counter
	h := paymentsHarnessWith(t, Options{ReaderID: backCounter.ID})
	stuck := backCounter
	stuck.Action = &checkout.ReaderAction{Type: "process_payment_intent", Status: checkout.ActionInProgress, PaymentIntentID: gonePI}
	h.gw.SetReaders(frontCounter, stuck)
	h.openSupport(paneReaders)
	h.press("tab", "down", "x", "enter") // Payments; the abandoned attempt; cancel as advised
	if !hasCall(h, "cancel_action  "+backCounter.ID) {
		t.Fatalf("the reader was not cleared: %v", h.log.Calls())
	}
	if a := h.gw.Reader(backCounter.ID).Action; a != nil {
		t.Fatalf("the back counter still has %+v", a)
	}
	h.press("esc")
	h.addLine("Tea", "3.00", "1")
	h.pressUntil("enter", phaseIs(checkout.Awaiting))
	if s := h.session(); s.Phase != checkout.Awaiting || s.ReaderID != backCounter.ID {
		t.Errorf("the next sale on the back counter is %s (%v)", s.Phase, s.Failure)
	}
}

// assertSavedBefore checks that the session carrying the call's key was saved before it.
func assertSavedBefore(t *testing.T, h *harness, call string) {
	t.Helper()
	saved := false
	for _, e := range h.log.All() {
		if e.Save != nil && (strings.Contains(call, e.Save.CaptureKey()) && e.Save.Phase == checkout.Capturing ||
			strings.Contains(call, e.Save.CancelKey()) && e.Save.Phase == checkout.Canceling) {
			saved = true
		}
		if e.Save == nil && e.Step+" "+e.Key+" "+e.Subject == call {
			if !saved {
				t.Errorf("%s was made before its session was saved", call)
			}
			return
		}
	}
}

func TestShiftCloseRefusedWhileUnresolved(t *testing.T) {
	h := paymentsHarness(t)
	h.openSupport(paneShift)
	h.press("C")
	if got := h.st.PrefOf(checkout.ShiftStartPref); got != "" {
		t.Fatalf("the shift closed (start %q) with a payment unresolved", got)
	}
	viewHas(t, h.m, "Shift not closed: 1 unresolved payment (listed above).", "ord_20260314150500_aaaaaa")
	// Settle it, then the shift closes.
	h.press("2", "down", "down", "c", "4", "C", "y")
	if got := h.st.PrefOf(checkout.ShiftStartPref); got != t0.UTC().Format(time.RFC3339Nano) {
		t.Fatalf("shift start %q after closing, want %s", got, t0.Format(time.RFC3339))
	}
	viewHas(t, h.m, "Shift closed at 15:09", "No payments in this shift yet.")
}

func TestExports(t *testing.T) {
	dir := t.TempDir()
	h := paymentsHarnessWith(t, Options{ExportDir: dir})
	journal(h)
	h.openSupport(panePayments)
	h.press("down", "down", "enter", "e")
	path := filepath.Join(dir, "till-timeline-20260314-150926.json")
	var doc struct {
		OrderID  string           `json:"order_id"`
		Standing string           `json:"standing"`
		Entries  []checkout.Entry `json:"entries"`
	}
	readJSON(t, path, &doc)
	if doc.OrderID != "ord_20260314150500_aaaaaa" || doc.Standing != "approved · pi_3Emu0000000007 requires_capture" ||
		len(doc.Entries) != 7 || doc.Entries[1].RequestID != "req_Emu0000000011" || doc.Entries[6].Repeats != 7 {
		t.Errorf("timeline export %+v", doc)
	}
	if want := "Exported to " + dir + "/: till-timeline-20260314-150926.json."; h.m.flash.Text != want {
		t.Errorf("said %q, want %q", h.m.flash.Text, want)
	}

	h.press("4", "e")
	base := filepath.Join(dir, "till-shift-20260314-150926")
	rows := readCSV(t, base+".csv")
	if len(rows) != 2 || rows[1][2] != "usd" || rows[1][3] != "29.74" || rows[1][6] != "29.74" {
		t.Errorf("shift CSV %v, want usd with 2974 captured and 2974 unresolved", rows)
	}
	var shift struct {
		Totals     []map[string]any `json:"totals"`
		Unresolved []map[string]any `json:"unresolved"`
	}
	readJSON(t, base+".json", &shift)
	if len(shift.Totals) != 1 || len(shift.Unresolved) != 1 || shift.Unresolved[0]["order_id"] != "ord_20260314150500_aaaaaa" {
		t.Errorf("shift JSON %+v", shift)
	}
}

func readJSON(t *testing.T, path string, v any) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// The Payments pane lists this till's payments and its location's, not another shop's.
func TestPaymentsStayInTheTillsScope(t *testing.T) {
	front, far := frontCounter, realReader
	front.Location, far.Location = "tml_shop", "tml_elsewhere"
	h := newHarness(t, Options{ReaderID: front.ID, TillID: "till-1"}, front, far)
	h.gw.SetOthers(
		checkout.Intent{ID: "pi_here", Status: checkout.IntentRequiresCapture, Amount: usd(100), ReaderID: front.ID, TillID: "till-2"},
		checkout.Intent{ID: "pi_mine_elsewhere", Status: checkout.IntentRequiresCapture, Amount: usd(200), ReaderID: far.ID, TillID: "till-1"},
		checkout.Intent{ID: "pi_elsewhere", Status: checkout.IntentRequiresCapture, Amount: usd(300), ReaderID: far.ID, TillID: "till-9"},
	)
	h.start(nil)
	h.openSupport(panePayments)
	viewHas(t, h.m, "2 unfinished payments", "pi_here", "pi_mine_elsewhere")
	if strings.Contains(h.m.View(), "pi_elsewhere ") {
		t.Errorf("another shop's payment is listed:\n%s", h.m.View())
	}
}

// A payment this till finished stays "this till" on the Readers pane after the cashier
// moved on to a new sale.
func TestFinishedPaymentStaysThisTills(t *testing.T) {
	h := newHarness(t, Options{ReaderID: frontCounter.ID}, frontCounter)
	h.start(nil)
	h.addLine("Coffee", "4.50", "1")
	h.pressUntil("enter", phaseIs(checkout.Awaiting))
	h.pressUntil("1", phaseIs(checkout.Approved))
	h.pressUntil("c", phaseIs(checkout.Paid))
	paid := h.session().PaymentIntentID
	h.press("n")
	if h.session().PaymentIntentID != "" {
		t.Fatalf("new sale still holds %s", h.session().PaymentIntentID)
	}
	if ck := h.m.checkout(); !ck.Mine(paid) || ck.Mine("pi_someone_else") {
		t.Errorf("the paid %s is mine %v; another payment is mine %v", paid, ck.Mine(paid), ck.Mine("pi_someone_else"))
	}
}

// The readers of this till's unfinished orders count as its own, as for `till payments
// --unfinished`: a payment at the location of a reader an order was sent to is listed,
// though the till is configured with a reader elsewhere; a third shop's is not.
func TestPaymentsScopeCountsTheReadersOfUnfinishedOrders(t *testing.T) {
	front, far, third := frontCounter, realReader, backCounter
	front.Location, far.Location, third.Location = "tml_shop", "tml_elsewhere", "tml_third"
	h := newHarness(t, Options{ReaderID: front.ID, TillID: "till-1"}, front, far, third)
	order := approved()
	order.OrderID, order.PaymentIntentID, order.ReaderID = "ord_sent_elsewhere", "pi_sent_elsewhere", far.ID
	order.StartedAt = t0.Add(-4 * time.Minute)
	h.gw.SetOthers(
		checkout.Intent{ID: "pi_beside_my_order", Status: checkout.IntentRequiresCapture, Amount: usd(100), ReaderID: far.ID, TillID: "till-2"},
		checkout.Intent{ID: "pi_third_shop", Status: checkout.IntentRequiresCapture, Amount: usd(300), ReaderID: third.ID, TillID: "till-9"},
	)
	h.start(nil)
	h.st.Put(order) // after the start, so the order is the journal's, not the cashier's
	h.openSupport(panePayments)
	viewHas(t, h.m, "2 unfinished payments", "pi_sent_elsewhere", "pi_beside_my_order")
	if strings.Contains(h.m.View(), "pi_third_shop") {
		t.Errorf("a third shop's payment is listed:\n%s", h.m.View())
	}
}
