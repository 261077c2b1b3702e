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
	"github.com/till-pos/till/emulator"
)

// hasCall reports whether the gateway got a call, as "step key subject".
func hasCall(h *harness, want string) bool { return slices.Contains(h.log.calls(), want) }

func countCalls(h *harness, step string) int {
	n := 0
	for _, c := range h.log.calls() {
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
		h.settle(h.step(keyMsg(k)), nil)
		if !h.m.sup.open || h.m.sup.pane != paneReaders {
			t.Fatalf("%s: support open %v pane %d, want the Readers pane", k, h.m.sup.open, h.m.sup.pane)
		}
		viewHas(t, h.m, "Support", "checkout: order ord_1 awaiting", "Front counter")
		h.press("esc")
		if h.m.sup.open {
			t.Fatalf("esc left the support screen open")
		}
	}
	// The checkout went on underneath: a card presented elsewhere is seen by its poll.
	h.openSupport(paneReaders)
	gen := h.m.sup.readersGen
	h.press("1") // approve on the simulated reader, from the Readers pane
	if !hasCall(h, "present  "+cardApproves) {
		t.Fatalf("1 did not present a card: %v", h.log.calls())
	}
	h.settle(h.step(keyMsg("s")), nil) // the cashier's keys do not reach the checkout here
	h.press("esc")
	h.pressUntil("s", phaseIs(checkout.Approved))
	if h.m.session.Phase != checkout.Approved {
		t.Fatalf("phase %s after the card, want approved", h.m.session.Phase)
	}
	// The readers loop of the closed screen ends: its refresh is dropped.
	before := countCalls(h, "list_readers")
	h.settle(h.step(readersDueMsg{gen: gen}), nil)
	if countCalls(h, "list_readers") != before {
		t.Errorf("a refresh ran after the support screen closed")
	}
}

func TestSupportTabsAndNumbersSwitchPanes(t *testing.T) {
	h := newHarness(t, Options{}, frontCounter)
	h.openSupport(paneReaders)
	for _, tc := range []struct {
		key  string
		want pane
	}{{"tab", panePayments}, {"tab", paneTimeline}, {"tab", paneShift}, {"tab", paneReaders},
		{"shift+tab", paneShift}, {"2", panePayments}, {"3", paneTimeline}, {"1", paneReaders}, {"4", paneShift}} {
		h.press(tc.key)
		if h.m.sup.pane != tc.want {
			t.Fatalf("after %s: pane %s, want %s", tc.key, paneNames[h.m.sup.pane], paneNames[tc.want])
		}
	}
}

func TestReadersRefreshBacksOffOnErrors(t *testing.T) {
	h := newHarness(t, Options{}, frontCounter)
	fail := true
	h.gw.ListReadersFn = func() ([]checkout.Reader, error) {
		if fail {
			return nil, errNetwork
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
	old := h.m.sup.readersGen
	h.press("s")
	before := countCalls(h, "list_readers")
	h.settle(h.step(readersDueMsg{gen: old}), nil)
	if countCalls(h, "list_readers") != before {
		t.Errorf("a stale loop refreshed")
	}
}

func TestCancelReaderAction(t *testing.T) {
	mineAction := func(h *harness) checkout.Reader {
		r := frontCounter
		r.Action = &checkout.ReaderAction{Type: "process_payment_intent", Status: checkout.ActionInProgress, PaymentIntentID: "pi_1"}
		return r
	}
	display := frontCounter
	display.Action = &checkout.ReaderAction{Type: "set_reader_display", Status: checkout.ActionInProgress}
	for _, tc := range []struct {
		name    string
		reader  func(h *harness) checkout.Reader
		mine    bool // the cashier's payment is on the reader's action
		keys    []string
		asks    bool                          // a y/n question comes first
		now     func() *checkout.ReaderAction // the action when read again; nil: unchanged
		cancels bool
	}{
		{name: "another till's action, confirmed", reader: func(*harness) checkout.Reader { return stuckFront() }, keys: []string{"x", "y"}, asks: true, cancels: true},
		{name: "another till's action, declined", reader: func(*harness) checkout.Reader { return stuckFront() }, keys: []string{"x", "n"}, asks: true},
		{name: "this till's action", reader: mineAction, mine: true, keys: []string{"x"}, cancels: true},
		{name: "clear the display", reader: func(*harness) checkout.Reader { return display }, keys: []string{"c"}, cancels: true},
		{name: "the action changed before the cancel", reader: func(*harness) checkout.Reader { return stuckFront() }, keys: []string{"x", "y"}, asks: true,
			now: func() *checkout.ReaderAction {
				return &checkout.ReaderAction{Type: "process_payment_intent", Status: checkout.ActionInProgress, PaymentIntentID: "pi_3Emu0000000099"}
			}},
		{name: "the action finished before the cancel", reader: func(*harness) checkout.Reader { return stuckFront() }, keys: []string{"x", "y"}, asks: true,
			now: func() *checkout.ReaderAction { return nil }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, Options{})
			r := tc.reader(h)
			h.setReaders(r)
			if tc.mine {
				h.m.session = withIntent(live(checkout.Awaiting), checkout.IntentRequiresPaymentMethod)
				h.m.session.PaymentIntentID = "pi_1"
			}
			h.openSupport(paneReaders)
			if tc.now != nil {
				h.gw.ReadReaderFn = func(string) (checkout.Reader, error) {
					changed := r
					changed.Action = tc.now()
					return changed, nil
				}
			}
			h.press(tc.keys[0])
			if asked := h.m.sup.ask != nil; asked != tc.asks {
				t.Fatalf("asked %v, want %v", asked, tc.asks)
			}
			h.press(tc.keys[1:]...)
			if got := countCalls(h, "cancel_action"); (got == 1) != tc.cancels || got > 1 {
				t.Errorf("%d cancel_action calls, want cancel %v: %v", got, tc.cancels, h.log.calls())
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
	h := newHarness(t, Options{}, frontCounter)
	demo := &fakeDemo{log: h.log}
	h.m.deps.Demo = demo
	h.openSupport(paneReaders)
	h.press("f", "down", "down", "down", "down", "down", "enter") // disconnect
	if !hasCall(h, "toggle_fault disconnect "+frontCounter.ID) {
		t.Fatalf("no toggle: %v", h.log.calls())
	}
	if !h.m.sup.faultOn(frontCounter.ID, "disconnect") {
		t.Errorf("the screen does not show the fault on after toggling")
	}
	viewHas(t, h.m, "disconnect ON")
	h.press("enter")
	if h.m.sup.faultOn(frontCounter.ID, "disconnect") {
		t.Errorf("a second toggle left the fault on")
	}
	// Without the emulator there is no fault panel.
	h = newHarness(t, Options{}, frontCounter)
	h.openSupport(paneReaders)
	h.press("f")
	if h.m.sup.overlay != supportNone {
		t.Errorf("f opened the fault panel without an emulator")
	}
}

func TestFaultNamesMatchTheEmulator(t *testing.T) {
	if !slices.Equal(faultNames, emulator.FaultNames) {
		t.Errorf("ui fault names %v, emulator's %v", faultNames, emulator.FaultNames)
	}
}

func TestPaymentsMergeStoreAndStripe(t *testing.T) {
	h := paymentsHarness(t)
	h.openSupport(panePayments)
	var ids []string
	for _, p := range h.m.sup.payments {
		ids = append(ids, p.ID+"/"+h.m.ownerOf(p))
	}
	want := []string{"pi_3Emu0000000005/other", "pi_3Emu0000000009/other", "pi_3Emu0000000007/this till"}
	if !slices.Equal(ids, want) {
		t.Errorf("payments %v, want %v (each once, paid ones left out)", ids, want)
	}
	if !hasCall(h, "unfinished_intents  "+t0.Add(-7*24*time.Hour).Format(time.RFC3339)) {
		t.Errorf("did not list the last 7 days: %v", h.log.calls())
	}
}

func TestSettlePayments(t *testing.T) {
	const (
		otherPI = "pi_3Emu0000000005" // another till's authorization: advice cancel
		gonePI  = "pi_3Emu0000000009" // an abandoned attempt: advice cancel
		minePI  = "pi_3Emu0000000007" // this till's approved order: advice capture
		mine    = "ord_20260314150500_aaaaaa"
	)
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
			call: "capture till_support_" + otherPI + "_capture " + otherPI, status: checkout.IntentSucceeded},
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
			pi := h.m.sup.payments[tc.downs].ID
			last := len(tc.keys) - 1
			h.press(tc.keys[:last]...)
			if tc.asks {
				if h.m.sup.ask == nil || !strings.Contains(h.m.sup.ask.text, "Advice:") {
					t.Fatalf("no question quoting the advice before acting against it")
				}
			}
			h.press(tc.keys[last])
			var money []string
			for _, c := range h.log.calls() {
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
			h.gw.mu.Lock()
			in, _ := h.gw.other(pi)
			status, reason := in.Status, in.CancellationReason
			h.gw.mu.Unlock()
			if status != tc.status {
				t.Errorf("%s is %s, want %s", pi, status, tc.status)
			}
			if pi == gonePI && reason != "requested_by_customer" {
				t.Errorf("cancellation reason %q, want the one picked", reason)
			}
			if tc.phase != "" {
				s, _, _ := h.st.Session(mine)
				if s.Phase != tc.phase {
					t.Errorf("journal has %s, want %s", s.Phase, tc.phase)
				}
				assertSavedBefore(t, h, tc.call)
			}
			if len(h.m.sup.payments) != 2 {
				t.Errorf("%d payments after settling one, want 2 (the list is read again)", len(h.m.sup.payments))
			}
			if h.m.session.Phase != checkout.Building {
				t.Errorf("the cashier's session moved to %s", h.m.session.Phase)
			}
		})
	}
}

// assertSavedBefore checks that the session carrying the call's key was saved before it.
func assertSavedBefore(t *testing.T, h *harness, call string) {
	t.Helper()
	saved := false
	for _, e := range h.log.all() {
		if e.save != nil && (strings.Contains(call, e.save.CaptureKey()) && e.save.Phase == checkout.Capturing ||
			strings.Contains(call, e.save.CancelKey()) && e.save.Phase == checkout.Canceling) {
			saved = true
		}
		if e.save == nil && e.step+" "+e.key+" "+e.subject == call {
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
	if got := h.st.pref(checkout.ShiftStartPref); got != "" {
		t.Fatalf("the shift closed (start %q) with a payment unresolved", got)
	}
	viewHas(t, h.m, "The shift cannot close", "ord_20260314150500_aaaaaa")
	// Settle it, then the shift closes.
	h.press("2", "down", "down", "c", "4", "C")
	if got := h.st.pref(checkout.ShiftStartPref); got != t0.UTC().Format(time.RFC3339Nano) {
		t.Fatalf("shift start %q after closing, want %s", got, t0.Format(time.RFC3339))
	}
	viewHas(t, h.m, "Shift closed at 15:09")
	if len(h.m.sup.report.Totals) != 0 {
		t.Errorf("the new shift has totals %+v; its sessions all started before it", h.m.sup.report.Totals)
	}
}

func TestExports(t *testing.T) {
	dir := t.TempDir()
	h := paymentsHarness(t)
	h.m.opts.ExportDir = dir
	journal(h)
	h.openSupport(panePayments)
	h.press("down", "down", "enter", "e")
	path := filepath.Join(dir, "till-timeline-ord_20260314150500_aaaaaa.json")
	var doc struct {
		OrderID string           `json:"order_id"`
		Entries []checkout.Entry `json:"entries"`
	}
	readJSON(t, path, &doc)
	if doc.OrderID != "ord_20260314150500_aaaaaa" || len(doc.Entries) != 7 || doc.Entries[1].RequestID != "req_Emu0000000011" || doc.Entries[6].Repeats != 7 {
		t.Errorf("timeline export %+v", doc)
	}
	if want := "Exported to " + path + "."; h.m.flash.text != want {
		t.Errorf("said %q, want %q", h.m.flash.text, want)
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

func TestExpiry(t *testing.T) {
	for _, tc := range []struct {
		in   time.Duration
		want string
	}{
		{47*time.Hour + 10*time.Minute, "expires in 1d 23h"},
		{5*time.Hour + 3*time.Minute, "expires in 5h 3m"},
		{20 * time.Second, "expires in 1m"},
		{-time.Minute, "authorization expired"},
	} {
		if got := expiry(t0.Add(tc.in), t0); got != tc.want {
			t.Errorf("expiry(%s) = %q, want %q", tc.in, got, tc.want)
		}
	}
	if got := expiry(time.Time{}, t0); got != "" {
		t.Errorf("no capture_before gave %q", got)
	}
}

// The checkout's own payment is as old as the reader's work on it, not as old as the
// support screen's first look: a payment stuck before support opened is flagged at once.
func TestActionAgeOfTheCheckoutsOwnPayment(t *testing.T) {
	h := newHarness(t, Options{ReaderID: frontCounter.ID}, frontCounter)
	m := h.m
	m.session = awaiting()
	m.session.ReaderID = frontCounter.ID
	m.session.ActionSince = m.opts.Now().Add(-3 * time.Minute)
	ours, theirs := frontCounter, backCounter
	ours.Action = &checkout.ReaderAction{Type: "process_payment_intent", Status: checkout.ActionInProgress, PaymentIntentID: m.session.PaymentIntentID}
	theirs.Action = &checkout.ReaderAction{Type: "process_payment_intent", Status: checkout.ActionInProgress, PaymentIntentID: "pi_other"}
	m.sup = m.sup.withReaders([]checkout.Reader{ours, theirs}, m.opts.Now())
	if age, _ := m.actionAge(ours); age != 3*time.Minute || !m.stuck(ours) {
		t.Errorf("own payment: age %v, stuck %v; want 3m and stuck", age, m.stuck(ours))
	}
	if age, _ := m.actionAge(theirs); age != 0 || m.stuck(theirs) {
		t.Errorf("another payment: age %v, stuck %v; want 0 and not stuck", age, m.stuck(theirs))
	}
}

// The Payments pane lists this till's payments and its location's, not another shop's.
func TestPaymentsStayInTheTillsScope(t *testing.T) {
	front, far := frontCounter, realReader
	front.Location, far.Location = "tml_shop", "tml_elsewhere"
	h := newHarness(t, Options{ReaderID: front.ID, TillID: "till-1"}, front, far)
	h.gw.others = []checkout.Intent{
		{ID: "pi_here", Status: checkout.IntentRequiresCapture, Amount: usd(100), ReaderID: front.ID, TillID: "till-2"},
		{ID: "pi_mine_elsewhere", Status: checkout.IntentRequiresCapture, Amount: usd(200), ReaderID: far.ID, TillID: "till-1"},
		{ID: "pi_elsewhere", Status: checkout.IntentRequiresCapture, Amount: usd(300), ReaderID: far.ID, TillID: "till-9"},
	}
	h.start(nil)
	h.openSupport(panePayments)
	var ids []string
	for _, p := range h.m.sup.payments {
		ids = append(ids, p.ID)
	}
	if want := []string{"pi_here", "pi_mine_elsewhere"}; !slices.Equal(ids, want) {
		t.Errorf("payments %v, want %v", ids, want)
	}
}

// TestCancelReasonFollowsTheAdvice: the reason list opens on the reason Advise names.
func TestCancelReasonFollowsTheAdvice(t *testing.T) {
	h := paymentsHarness(t)
	mine := h.gw.others[0]
	h.gw.others = append(h.gw.others, checkout.Intent{ID: "pi_3Emu0000000008", Status: checkout.IntentSucceeded,
		Amount: mine.Amount, OrderID: mine.OrderID, Created: mine.Created})
	h.openSupport(panePayments)
	for _, tc := range []struct {
		keys []string
		pi   string
		want string
	}{
		{nil, "pi_3Emu0000000005", checkout.ReasonAbandoned},                 // another till's, tied to no order here
		{[]string{"esc", "down", "down"}, mine.ID, checkout.ReasonDuplicate}, // its order was paid by another intent
	} {
		h.press(tc.keys...)
		h.press("x")
		p, _ := h.m.selectedPayment()
		if got := checkout.CancelReasons[h.m.sup.reason]; p.ID != tc.pi || got != tc.want {
			t.Errorf("cancel %s: reason %q preselected, want %s for %s", p.ID, got, tc.want, tc.pi)
		}
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
	paid := h.m.session.PaymentIntentID
	h.press("n")
	if h.m.session.PaymentIntentID != "" {
		t.Fatalf("new sale still holds %s", h.m.session.PaymentIntentID)
	}
	if got := h.m.owner(paid); got != "this till" {
		t.Errorf("the paid %s is %q, want this till", paid, got)
	}
	if got := h.m.owner("pi_someone_else"); got != "other" {
		t.Errorf("another payment is %q", got)
	}
}
