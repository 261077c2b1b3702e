package main

import (
	"context"
	"encoding/json"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/emulator"
	"github.com/till-pos/till/readerctl"
)

// supportEnv is a standalone emulator (so a test can set its faults and act as another
// till or the customer) and a database for till's commands.
type supportEnv struct {
	db      string
	emu     *emulator.Emulator
	url     string
	readers []string
}

func newSupportEnv(t *testing.T, opts emulator.Options) *supportEnv {
	t.Helper()
	db := payEnv(t)
	opts.Seed = true
	emu, err := emulator.New(opts)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(emu)
	t.Cleanup(srv.Close)
	return &supportEnv{db: db, emu: emu, url: srv.URL, readers: emu.ReaderIDs()}
}

// till runs a till command against the environment.
func (e *supportEnv) till(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	return runTill(t, append(args, "--api-base", e.url, "--db", e.db)...)
}

// other is a Stripe client acting as another till (or a cashier's earlier run).
func (e *supportEnv) other(t *testing.T) *readerctl.Client {
	t.Helper()
	c, err := readerctl.New(readerctl.Config{APIKey: "sk_test_other_till", BaseURL: e.url, MaxNetworkRetries: -1, TillID: "till-2"})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// authorize makes an authorized (requires_capture) intent for order on reader, as
// another till would, and returns it.
func (e *supportEnv) authorize(t *testing.T, order, reader string, amount int64) checkout.Intent {
	t.Helper()
	in := e.otherOnReader(t, order, reader, amount)
	if err := e.emu.PresentCard(reader, "4242424242424242"); err != nil {
		t.Fatal(err)
	}
	if st, _ := e.emu.PaymentIntentStatus(in.ID); st != "requires_capture" {
		t.Fatalf("%s is %s, want requires_capture", in.ID, st)
	}
	return in
}

// otherOnReader sends a payment for order to reader as another till would, and returns
// it: the reader then waits for its card.
func (e *supportEnv) otherOnReader(t *testing.T, order, reader string, amount int64) checkout.Intent {
	t.Helper()
	c, ctx := e.other(t), context.Background()
	in, err := c.CreateIntent(ctx, checkout.CreateIntent{OrderID: order, ReaderID: reader, Amount: checkout.Money{Amount: amount, Currency: "usd"},
		CaptureMethod: checkout.CaptureManual, Key: "other_" + order + "_" + reader})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.ProcessOnReader(ctx, checkout.ProcessOnReader{ReaderID: reader, PaymentIntentID: in.ID, Key: "other_p_" + in.ID}); err != nil {
		t.Fatal(err)
	}
	return in
}

// openPayment starts a payment with `till pay` and leaves it waiting on the reader.
func (e *supportEnv) openPayment(t *testing.T, order string) payResult {
	t.Helper()
	// A loaded machine can end the wait before the reader has the payment: the order
	// is carried on with a longer wait.
	for wait := minWait; ; wait *= 2 {
		code, out, errOut := e.till(t, "pay", "--json", "--amount", "5.00", "--card", "none", "--wait", wait.String(), "--order", order)
		var res payResult
		if err := json.Unmarshal([]byte(out), &res); err != nil || code == 0 {
			t.Fatalf("pay: exit %d, %q, %q", code, out, errOut)
		}
		if res.PaymentIntent != "" && e.session(t, order).Phase == checkout.Awaiting {
			return res
		}
		if wait > 3*time.Second {
			t.Fatalf("no payment awaiting a card after %v: %+v, %q", wait, res, errOut)
		}
	}
}

// session reads an order's session from the database (till must not be running).
func (e *supportEnv) session(t *testing.T, order string) checkout.Session {
	t.Helper()
	st := openStore(t, e.db)
	defer st.Close()
	s, found, err := st.Session(order)
	if err != nil || !found {
		t.Fatalf("session %s: found %v, %v", order, found, err)
	}
	return s
}

func (e *supportEnv) readersJSON(t *testing.T) map[string]map[string]any {
	t.Helper()
	code, out, errOut := e.till(t, "readers", "--json")
	if code != 0 {
		t.Fatalf("readers: exit %d, %q", code, errOut)
	}
	var rows []map[string]any
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		t.Fatalf("not a JSON array: %q", out)
	}
	byID := map[string]map[string]any{}
	for _, r := range rows {
		byID[r["id"].(string)] = r
	}
	return byID
}

func TestReadersJSON(t *testing.T) {
	e := newSupportEnv(t, emulator.Options{})
	res := e.openPayment(t, "R-1")
	rows := e.readersJSON(t)
	if len(rows) != 2 {
		t.Fatalf("%d readers", len(rows))
	}
	for id, r := range rows {
		for _, k := range []string{"id", "label", "device_type", "status", "location", "last_seen_at", "action"} {
			if _, ok := r[k]; !ok {
				t.Errorf("reader %s has no %q: %v", id, k, r)
			}
		}
		if r["status"] != "online" || !strings.HasPrefix(r["location"].(string), "tml_") {
			t.Errorf("reader %s: %v", id, r)
		}
	}
	busy := rows[res.Reader]["action"].(map[string]any)
	want := map[string]any{"type": "process_payment_intent", "status": "in_progress", "payment_intent": res.PaymentIntent,
		"failure_code": nil, "failure_message": nil, "order_id": "R-1"}
	for k, v := range want {
		if busy[k] != v {
			t.Errorf("action %s = %v, want %v", k, busy[k], v)
		}
	}
	for id, r := range rows {
		if id != res.Reader && r["action"] != nil {
			t.Errorf("idle reader %s has action %v", id, r["action"])
		}
	}
}

func TestReadersShowAFailedActionAndAnOfflineReader(t *testing.T) {
	e := newSupportEnv(t, emulator.Options{})
	code, out, _ := e.till(t, "pay", "--json", "--amount", "10.05", "--order", "R-2") // declined by the test amount
	var res payResult
	if err := json.Unmarshal([]byte(out), &res); err != nil || code == 0 {
		t.Fatalf("10.05 should be declined: %d %q", code, out)
	}
	idle := e.readers[0]
	if idle == res.Reader {
		idle = e.readers[1]
	}
	e.emu.SetFault(idle, emulator.Fault{Offline: true})
	rows := e.readersJSON(t)
	a, _ := rows[res.Reader]["action"].(map[string]any)
	if a == nil || a["status"] != "failed" || a["failure_code"] != "card_declined" || a["failure_message"] == nil {
		t.Fatalf("declined action: %v", rows[res.Reader]["action"])
	}
	if rows[idle]["status"] != "offline" {
		t.Fatalf("offline reader: %v", rows[idle])
	}
	code, out, _ = e.till(t, "readers")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if code != 0 || len(lines) != 3 || !strings.HasPrefix(lines[0], "READER") {
		t.Fatalf("table: exit %d\n%s", code, out)
	}
	for _, want := range []string{"offline", "failed: card_declined", "till demo shop", "Front counter"} {
		if !strings.Contains(out, want) {
			t.Errorf("table has no %q:\n%s", want, out)
		}
	}
	// The columns line up: every row's STATUS starts where the header's does.
	col := strings.Index(lines[0], "STATUS")
	for _, l := range lines[1:] {
		if !strings.HasPrefix(l[col:], "online") && !strings.HasPrefix(l[col:], "offline") {
			t.Errorf("misaligned row %q", l)
		}
	}
}

func TestCancelActionComparesBeforeCanceling(t *testing.T) {
	e := newSupportEnv(t, emulator.Options{})
	res := e.openPayment(t, "C-1")

	code, out, errOut := e.till(t, "reader", "cancel-action", res.Reader, "--expect-pi", "pi_someone_else")
	if code != 1 || !strings.Contains(errOut, res.PaymentIntent) || !strings.Contains(errOut, "nothing was canceled") {
		t.Fatalf("wrong PI: exit %d, %q %q", code, out, errOut)
	}
	if _, st, pi, _ := e.emu.ReaderAction(res.Reader); st != "in_progress" || pi != res.PaymentIntent {
		t.Fatalf("the action was touched: %s %s", st, pi)
	}
	code, out, errOut = e.till(t, "reader", "cancel-action", res.Reader, "--expect-pi", res.PaymentIntent)
	if code != 0 || !strings.Contains(out, "Canceled") || !strings.Contains(out, res.PaymentIntent) {
		t.Fatalf("right PI: exit %d, %q %q", code, out, errOut)
	}
	if _, st, _, _ := e.emu.ReaderAction(res.Reader); st == "in_progress" {
		t.Fatal("the action is still in progress")
	}
	code, out, _ = e.till(t, "reader", "cancel-action", res.Reader)
	if code != 0 || !strings.Contains(out, "nothing to cancel") {
		t.Fatalf("nothing left: exit %d, %q", code, out)
	}
}

func TestCancelActionWithoutExpectCancelsWhateverIsThere(t *testing.T) {
	e := newSupportEnv(t, emulator.Options{})
	res := e.openPayment(t, "C-2")
	code, out, _ := e.till(t, "reader", "cancel-action", res.Reader)
	if code != 0 || !strings.Contains(out, "Canceled") || !strings.Contains(out, res.PaymentIntent) {
		t.Fatalf("exit %d, %q", code, out)
	}
}

func TestCancelActionFaults(t *testing.T) {
	tests := []struct {
		name    string
		opts    emulator.Options
		fault   emulator.Fault
		present bool
		code    int
		words   string
	}{
		{"stuck in_progress (reader disconnected)", emulator.Options{}, emulator.Fault{Disconnect: true}, false, 0, "Canceled"},
		{"busy authorizing", emulator.Options{AuthorizeDelay: 3 * time.Second}, emulator.Fault{}, true, 1, "authorizing the card"},
		{"offline", emulator.Options{}, emulator.Fault{Offline: true}, false, 1, "offline"},
		{"timeout", emulator.Options{}, emulator.Fault{Timeout: emulator.TimeoutLost}, false, 1, "did not answer"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newSupportEnv(t, tt.opts)
			res := e.openPayment(t, "F-1")
			if tt.present {
				if err := e.emu.PresentCard(res.Reader, "4242424242424242"); err != nil {
					t.Fatal(err)
				}
			}
			e.emu.SetFault(res.Reader, tt.fault)
			code, out, errOut := e.till(t, "reader", "cancel-action", res.Reader, "--expect-pi", res.PaymentIntent)
			if code != tt.code || !strings.Contains(out+errOut, tt.words) {
				t.Fatalf("exit %d, %q %q", code, out, errOut)
			}
		})
	}
}

func TestReaderUsage(t *testing.T) {
	e := newSupportEnv(t, emulator.Options{})
	if code, _, errOut := e.till(t, "reader", "frob"); code != 2 || !strings.Contains(errOut, "cancel-action") {
		t.Fatalf("exit %d %q", code, errOut)
	}
	if code, _, _ := e.till(t, "reader", "cancel-action"); code != 2 {
		t.Fatalf("no reader id: exit %d", code)
	}
	if code, _, errOut := e.till(t, "reader", "cancel-action", "tmr_nope"); code != 1 || !strings.Contains(errOut, "tmr_nope") {
		t.Fatalf("unknown reader: exit %d %q", code, errOut)
	}
}

func TestAgo(t *testing.T) {
	now := time.Date(2026, 1, 10, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		d    time.Duration
		want string
	}{
		{-time.Second, "just now"}, {12 * time.Second, "12s ago"}, {5 * time.Minute, "5m ago"},
		{3 * time.Hour, "3h ago"}, {47 * time.Hour, "47h ago"}, {72 * time.Hour, "3d ago"},
	}
	for _, tt := range tests {
		if got := ago(now.Add(-tt.d), now); got != tt.want {
			t.Errorf("ago(%v) = %q, want %q", tt.d, got, tt.want)
		}
	}
}
