package main

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/emulator"
)

func (e *supportEnv) unfinished(t *testing.T) map[string]map[string]any {
	t.Helper()
	code, out, errOut := e.till(t, "payments", "--unfinished", "--json")
	if code != 0 {
		t.Fatalf("payments --unfinished: exit %d, %q", code, errOut)
	}
	var rows []map[string]any
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		t.Fatalf("not a JSON array: %q", out)
	}
	byPI := map[string]map[string]any{}
	for _, r := range rows {
		pi := r["payment_intent"].(string)
		if _, dup := byPI[pi]; dup {
			t.Fatalf("%s listed twice", pi)
		}
		byPI[pi] = r
	}
	return byPI
}

// saveSession rewrites an order's session in the database, as if till had got further.
func (e *supportEnv) saveSession(t *testing.T, s checkout.Session) {
	t.Helper()
	st := openStore(t, e.db)
	defer st.Close()
	if err := st.SaveSession(s); err != nil {
		t.Fatal(err)
	}
}

func TestUnfinishedPaymentsUnionAndAdvice(t *testing.T) {
	e := newSupportEnv(t, emulator.Options{})
	mine := e.openPayment(t, "U-1")                       // this till, waiting for a card
	abandoned := e.authorize(t, "U-2", e.readers[0], 700) // another till's authorization, nobody captures it
	if mine.Reader == e.readers[0] {
		t.Fatal("the test needs till's payment on the other reader")
	}
	rows := e.unfinished(t)
	if len(rows) != 2 {
		t.Fatalf("%d rows: %v", len(rows), rows)
	}
	for pi, r := range rows {
		for _, k := range []string{"payment_intent", "order_id", "status", "amount", "currency", "created", "capture_before", "advice"} {
			if _, ok := r[k]; !ok {
				t.Errorf("%s has no %q", pi, k)
			}
		}
	}
	m := rows[mine.PaymentIntent]
	if m["order_id"] != "U-1" || m["phase"] != "awaiting" || m["source"] != "till" || m["capture_before"] != nil || m["amount"] != 500.0 {
		t.Errorf("till's payment: %v", m)
	}
	if a := m["advice"].(map[string]any); a["action"] != "" {
		t.Errorf("a payment open on this till should be left alone: %v", a)
	}
	a := rows[abandoned.ID]
	if a["status"] != "requires_capture" || a["source"] != "stripe" || a["till_id"] != "till-2" || a["capture_before"] == nil || a["currency"] != "usd" {
		t.Errorf("abandoned authorization: %v", a)
	}
	if adv := a["advice"].(map[string]any); adv["action"] != "cancel" {
		t.Errorf("an authorization tied to no completed order should be canceled: %v", adv)
	}

	// Once the customer pays at the reader, the intent is unfinished at Stripe too:
	// still one row, from both sources.
	if err := e.emu.PresentCard(mine.Reader, "4242424242424242"); err != nil {
		t.Fatal(err)
	}
	m = e.unfinished(t)[mine.PaymentIntent]
	if m["source"] != "both" || m["status"] != "requires_capture" {
		t.Fatalf("after the card: %v", m)
	}

	code, out, _ := e.till(t, "payments", "--unfinished")
	if code != 0 || !strings.Contains(out, "PAYMENT") || !strings.Contains(out, abandoned.ID) || !strings.Contains(out, "in 1d 23h") {
		t.Fatalf("table: exit %d\n%s", code, out)
	}
}

func TestCaptureAnOpenOrderGoesThroughTheMachine(t *testing.T) {
	e := newSupportEnv(t, emulator.Options{})
	res := e.openPayment(t, "P-1")
	if code, _, errOut := e.till(t, "payments", "capture", res.PaymentIntent); code != 1 || !strings.Contains(errOut, "nothing to capture") {
		t.Fatalf("capture before the card: exit %d, %q", code, errOut)
	}
	if err := e.emu.PresentCard(res.Reader, "4242424242424242"); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := e.till(t, "payments", "capture", res.PaymentIntent)
	if code != 0 || !strings.Contains(out, "Captured") || !strings.Contains(out, "P-1") {
		t.Fatalf("exit %d, %q %q", code, out, errOut)
	}
	if st, _ := e.emu.PaymentIntentStatus(res.PaymentIntent); st != "succeeded" {
		t.Fatalf("emulator says %s", st)
	}
	if s := e.session(t, "P-1"); s.Phase != checkout.Paid || s.Captures != 1 {
		t.Fatalf("session %s, %d captures", s.Phase, s.Captures)
	}
	code, out, _ = e.till(t, "payments", "capture", res.PaymentIntent)
	if code != 0 || !strings.Contains(out, "already captured") {
		t.Fatalf("second capture: exit %d, %q", code, out)
	}
}

func TestCancelAnOpenOrderCancelsTheReaderFirst(t *testing.T) {
	e := newSupportEnv(t, emulator.Options{})
	res := e.openPayment(t, "P-2")
	code, out, errOut := e.till(t, "payments", "cancel", res.PaymentIntent)
	if code != 0 || !strings.Contains(out, "Canceled") || !strings.Contains(out, "abandoned") {
		t.Fatalf("exit %d, %q %q", code, out, errOut)
	}
	if _, st, _, _ := e.emu.ReaderAction(res.Reader); st == "in_progress" {
		t.Fatal("the reader still waits for a card")
	}
	if s := e.session(t, "P-2"); s.Phase != checkout.Canceled || s.CancelReason != "abandoned" {
		t.Fatalf("session %s (%s)", s.Phase, s.CancelReason)
	}
	code, out, _ = e.till(t, "payments", "cancel", res.PaymentIntent)
	if code != 0 || !strings.Contains(out, "already canceled") {
		t.Fatalf("second cancel: exit %d, %q", code, out)
	}
}

func TestSettleFollowsSeed002(t *testing.T) {
	e := newSupportEnv(t, emulator.Options{})

	// Another till's authorization of no completed order: cancel, never capture.
	stray := e.authorize(t, "S-1", e.readers[0], 900)
	code, _, errOut := e.till(t, "payments", "capture", stray.ID)
	if code != 1 || !strings.Contains(errOut, "refused") || !strings.Contains(errOut, "--force") {
		t.Fatalf("capture of a stray authorization: exit %d, %q", code, errOut)
	}
	if st, _ := e.emu.PaymentIntentStatus(stray.ID); st != "requires_capture" {
		t.Fatalf("refused, yet the intent is %s", st)
	}
	if code, out, errOut := e.till(t, "payments", "capture", stray.ID, "--force"); code != 0 || !strings.Contains(out, "Captured") {
		t.Fatalf("forced capture: exit %d, %q %q", code, out, errOut)
	}

	// A second authorization of an order already paid: a duplicate.
	dup := e.authorize(t, "S-1", e.readers[1], 900)
	if code, _, errOut := e.till(t, "payments", "capture", dup.ID); code != 1 || !strings.Contains(errOut, "duplicate") {
		t.Fatalf("capture of a duplicate: exit %d, %q", code, errOut)
	}
	code, out, errOut := e.till(t, "payments", "cancel", dup.ID)
	if code != 0 || !strings.Contains(out, "as duplicate") {
		t.Fatalf("cancel of a duplicate: exit %d, %q %q", code, out, errOut)
	}
	if st, _ := e.emu.PaymentIntentStatus(dup.ID); st != "canceled" {
		t.Fatalf("duplicate is %s", st)
	}
	if code, _, errOut := e.till(t, "payments", "cancel", stray.ID); code != 1 || !strings.Contains(errOut, "refunded") {
		t.Fatalf("cancel of a captured payment: exit %d, %q", code, errOut)
	}
}

func TestCancelOfACompletedOrderIsRefused(t *testing.T) {
	e := newSupportEnv(t, emulator.Options{})
	res := e.openPayment(t, "K-1")
	if err := e.emu.PresentCard(res.Reader, "4242424242424242"); err != nil {
		t.Fatal(err)
	}
	// The till saw the approval, then stopped before capturing.
	s := e.session(t, "K-1")
	s.Phase, s.IntentStatus, s.Action = checkout.Approved, checkout.IntentRequiresCapture, nil
	e.saveSession(t, s)

	if adv := e.unfinished(t)[res.PaymentIntent]["advice"].(map[string]any); adv["action"] != "capture" {
		t.Fatalf("advice for a completed order: %v", adv)
	}
	code, _, errOut := e.till(t, "payments", "cancel", res.PaymentIntent)
	if code != 1 || !strings.Contains(errOut, "the rule says capture") {
		t.Fatalf("cancel of a completed order: exit %d, %q", code, errOut)
	}
	code, out, errOut := e.till(t, "payments", "cancel", res.PaymentIntent, "--force", "--reason", "requested_by_customer")
	if code != 0 || !strings.Contains(out, "requested_by_customer") {
		t.Fatalf("forced cancel: exit %d, %q %q", code, out, errOut)
	}
	if s := e.session(t, "K-1"); s.Phase != checkout.Canceled {
		t.Fatalf("session %s", s.Phase)
	}
}

// While Stripe's answers are lost, a capture is replayed under its own key or re-read,
// never made afresh, and ends captured once.
func TestCaptureSurvivesALostAnswer(t *testing.T) {
	e := newSupportEnv(t, emulator.Options{})
	res := e.openPayment(t, "L-1")
	if err := e.emu.PresentCard(res.Reader, "4242424242424242"); err != nil {
		t.Fatal(err)
	}
	e.emu.SetFault("", emulator.Fault{DropRate: 1, AfterMutation: true})
	go func() {
		time.Sleep(300 * time.Millisecond)
		e.emu.ClearFaults()
	}()
	code, out, errOut := e.till(t, "payments", "capture", res.PaymentIntent, "--wait", "10s")
	if code != 0 || !strings.Contains(out, "Captured") {
		t.Fatalf("exit %d, %q %q", code, out, errOut)
	}
	if s := e.session(t, "L-1"); s.Phase != checkout.Paid {
		t.Fatalf("session %s", s.Phase)
	}
	for _, pi := range e.emu.PaymentIntents() {
		if pi.ID == res.PaymentIntent && (pi.Status != "succeeded" || pi.AmountReceived != 500) {
			t.Fatalf("emulator: %+v", pi)
		}
	}
}

func TestPaymentsUsage(t *testing.T) {
	e := newSupportEnv(t, emulator.Options{})
	tests := []struct {
		args  []string
		code  int
		words string
	}{
		{[]string{"payments"}, 2, "--unfinished"},
		{[]string{"payments", "--unfinished", "--days", "0"}, 2, "--days"},
		{[]string{"payments", "cancel", "pi_x", "--reason", "bored"}, 2, "not one of"},
		{[]string{"payments", "capture"}, 2, "Usage"},
		{[]string{"payments", "capture", "pi_nope"}, 1, "pi_nope"},
	}
	for _, tt := range tests {
		code, _, errOut := e.till(t, tt.args...)
		if code != tt.code || !strings.Contains(errOut, tt.words) {
			t.Errorf("%v: exit %d, %q", tt.args, code, errOut)
		}
	}
}

func TestCountdown(t *testing.T) {
	now := time.Date(2026, 1, 10, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		d    time.Duration
		want string
	}{
		{-time.Minute, "expired"}, {0, "expired"}, {30 * time.Minute, "in 30m"},
		{5*time.Hour + 12*time.Minute, "in 5h 12m"}, {47*time.Hour + 59*time.Minute, "in 1d 23h"},
	}
	for _, tt := range tests {
		if got := countdown(now.Add(tt.d), now); got != tt.want {
			t.Errorf("countdown(%v) = %q, want %q", tt.d, got, tt.want)
		}
	}
}

// postForm calls the emulator's API directly, for set-up readerctl has no call for.
func (e *supportEnv) postForm(t *testing.T, path string, form url.Values) map[string]any {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, e.url+path, strings.NewReader(form.Encode()))
	req.Header.Set("Authorization", "Bearer sk_test_setup")
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil || resp.StatusCode != 200 {
		t.Fatalf("POST %s: %d %v %v", path, resp.StatusCode, out, err)
	}
	return out
}

// Support sees this till's payments and its location's, not another shop's.
func TestUnfinishedPaymentsStayInTheTillsScope(t *testing.T) {
	e := newSupportEnv(t, emulator.Options{})
	far := e.postForm(t, "/v1/terminal/locations", url.Values{"display_name": {"Other shop"}, "address[country]": {"US"},
		"address[line1]": {"1 Far Road"}, "address[city]": {"Faraway"}, "address[postal_code]": {"99999"}, "address[state]": {"CA"}})
	farReader := e.postForm(t, "/v1/terminal/readers", url.Values{"registration_code": {"simulated-wpe"}, "location": {far["id"].(string)}})
	near := e.authorize(t, "near-1", e.readers[1], 1500) // another till, this location
	away := e.authorize(t, "far-1", farReader["id"].(string), 1600)
	t.Setenv("TILL_READER", e.readers[0])
	rows := e.unfinished(t)
	if _, ok := rows[near.ID]; !ok {
		t.Errorf("the payment at this location is missing: %v", rows)
	}
	if _, ok := rows[away.ID]; ok {
		t.Errorf("another shop's payment is listed")
	}
}

// The reader of an unfinished order of this till counts as its own, though the
// configuration names a reader in another shop: another till's payment at that order's
// location is listed once this till has an order there.
func TestUnfinishedPaymentsCountTheReadersOfThisTillsOrders(t *testing.T) {
	e := newSupportEnv(t, emulator.Options{})
	far := e.postForm(t, "/v1/terminal/locations", url.Values{"display_name": {"Other shop"}, "address[country]": {"US"},
		"address[line1]": {"1 Far Road"}, "address[city]": {"Faraway"}, "address[postal_code]": {"99999"}, "address[state]": {"CA"}})
	farReader := e.postForm(t, "/v1/terminal/readers", url.Values{"registration_code": {"simulated-wpe"}, "location": {far["id"].(string)}})
	near := e.authorize(t, "near-2", e.readers[1], 1500) // another till, at e.readers[0]'s location
	t.Setenv("TILL_READER", farReader["id"].(string))
	if _, ok := e.unfinished(t)[near.ID]; ok {
		t.Fatal("another shop's payment is listed before this till has an order there")
	}
	e.saveSession(t, checkout.Session{OrderID: "mine-1", ReaderID: e.readers[0], Phase: checkout.Creating,
		Amount: checkout.Money{Amount: 500, Currency: "usd"}, StartedAt: time.Now()})
	rows := e.unfinished(t)
	if _, ok := rows[near.ID]; !ok {
		t.Errorf("the payment at the location of this till's order is missing: %v", rows)
	}
	if _, ok := rows[""]; !ok {
		t.Errorf("this till's own order is missing: %v", rows)
	}
}

// Issue 11, defect 4: process_payment_intent answered 500 after Stripe had acted, and
// the till stopped there. Support cancels the payment with `till payments cancel` —
// from this till's journal, or from another till's, which knows nothing of the order —
// and the reader must no longer be working on it, so the next sale there goes through.
func TestCancelClearsAReaderLeftOnThePayment(t *testing.T) {
	for _, support := range []string{"this till", "another till"} {
		t.Run(support, func(t *testing.T) {
			e := newSupportEnv(t, emulator.Options{})
			var lost atomic.Bool
			lost.Store(true)
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if lost.Load() && r.Method == http.MethodPost && strings.HasSuffix(r.URL.Path, "/process_payment_intent") {
					e.emu.ServeHTTP(httptest.NewRecorder(), r) // Stripe acts…
					w.WriteHeader(http.StatusInternalServerError)
					_, _ = w.Write([]byte(`{"error":{"type":"api_error","message":"An unknown error occurred"}}`))
					return
				}
				e.emu.ServeHTTP(w, r)
			}))
			t.Cleanup(srv.Close)
			e.url = srv.URL
			reader := e.readers[0]
			// --wait leaves room for the create and the process on a loaded machine: the
			// set-up needs the process to have reached Stripe before the run gives up.
			code, out, errOut := e.till(t, "pay", "--json", "--amount", "5.00", "--card", "none", "--wait", "2s",
				"--order", "D4-1", "--reader", reader)
			var res payResult
			if err := json.Unmarshal([]byte(out), &res); err != nil || code == 0 || res.PaymentIntent == "" {
				t.Fatalf("pay: exit %d, %q, %q", code, out, errOut)
			}
			lost.Store(false)
			if _, st, pi, _ := e.emu.ReaderAction(reader); st != "in_progress" || pi != res.PaymentIntent {
				t.Fatalf("set-up: the reader is %s on %s, want in_progress on %s", st, pi, res.PaymentIntent)
			}
			if support == "another till" {
				e.db = filepath.Join(t.TempDir(), "support.db")
			}
			code, out, errOut = e.till(t, "payments", "cancel", res.PaymentIntent, "--force")
			if code != 0 || !strings.Contains(out, "Canceled") {
				t.Fatalf("cancel: exit %d, %q %q", code, out, errOut)
			}
			if _, st, pi, _ := e.emu.ReaderAction(reader); st == "in_progress" {
				t.Fatalf("the reader is still in_progress on %s after the cancel", pi)
			}
			code, out, errOut = e.till(t, "pay", "--json", "--amount", "6.00", "--order", "D4-2", "--reader", reader)
			if code != 0 || !strings.Contains(out, `"succeeded"`) {
				t.Errorf("the next sale on the reader: exit %d, %q %q", code, out, errOut)
			}
		})
	}
}

// With Stripe unreachable, till payments --unfinished printed "No unfinished payments."
// over its warning: a support person reading stdout was told all is settled when only
// the journal had been read.
func TestUnfinishedSaysWhenStripeWasNotAsked(t *testing.T) {
	e := newSupportEnv(t, emulator.Options{})
	e.url = "http://127.0.0.1:1" // nothing listens
	code, out, errOut := e.till(t, "payments", "--unfinished")
	if code != 1 || strings.Contains(out, "No unfinished payments.") || !strings.Contains(out, "Stripe could not be asked") ||
		!strings.Contains(errOut, "the list may be incomplete") {
		t.Fatalf("exit %d, %q %q", code, out, errOut)
	}
}

// With Stripe unreachable, till payments --unfinished --json printed `[]` (or this
// till's journal's rows alone) and exited 1: a script reading stdout was told nothing
// was unfinished. It now prints the error object every failing --json command prints,
// with what it could read under "payments".
func TestUnfinishedJSONSaysWhenStripeWasNotAsked(t *testing.T) {
	e := newSupportEnv(t, emulator.Options{})
	e.url = "http://127.0.0.1:1" // nothing listens
	code, out, errOut := e.till(t, "payments", "--unfinished", "--json")
	var got jsonIncomplete[paymentRow]
	if err := json.Unmarshal([]byte(out), &got); err != nil || strings.Count(out, "\n") != 1 {
		t.Fatalf("exit %d, stdout %q is not one JSON object (%v); stderr %q", code, out, err, errOut)
	}
	if code != 1 || got.ExitCode != 1 || !strings.Contains(got.Error, "cannot list Stripe's payments") ||
		!strings.Contains(errOut, got.Error) || got.Payments == nil || len(got.Payments) != 0 {
		t.Fatalf("exit %d, %+v; stderr %q", code, got, errOut)
	}

	// What this till's journal knows is kept: an order Stripe could not be asked about.
	e.saveSession(t, checkout.Session{OrderID: "J-1", Phase: checkout.Unknown, Amount: checkout.Money{Amount: 700, Currency: "usd"},
		ReaderID: e.readers[0], StartedAt: time.Now().Add(-time.Minute)})
	code, out, errOut = e.till(t, "payments", "--unfinished", "--json")
	got.Payments = nil
	if err := json.Unmarshal([]byte(out), &got); err != nil || code != 1 || got.ExitCode != 1 ||
		len(got.Payments) != 1 || got.Payments[0].OrderID != "J-1" {
		t.Fatalf("exit %d, stdout %q (%v); stderr %q", code, out, err, errOut)
	}
}

// The customer tipped on the reader: till payments capture said "Captured pi_… ($5.00)"
// of the $7.00 Stripe captured (the sale without the tip), and "already captured" said
// the same. It says what Stripe took.
func TestCaptureSaysTheAmountWithTheTip(t *testing.T) {
	e := newSupportEnv(t, emulator.Options{})
	t.Setenv("TILL_TIPPING_ENABLED", "true") // the reader asks the customer for a tip
	res := e.openPayment(t, "TIP-1")
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if _, err := e.other(t).PresentCardWithTip(ctx, res.Reader, "4242424242424242", 200); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := e.till(t, "payments", "capture", res.PaymentIntent)
	if code != 0 || !strings.Contains(out, "Captured "+res.PaymentIntent+" ($7.00)") {
		t.Fatalf("exit %d, %q %q", code, out, errOut)
	}
	if code, out, _ = e.till(t, "payments", "capture", res.PaymentIntent); code != 0 || !strings.Contains(out, "already captured ($7.00)") {
		t.Fatalf("again: exit %d, %q", code, out)
	}
}
