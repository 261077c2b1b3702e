package main

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/emulator"
	"github.com/till-pos/till/readerctl"
)

func TestPayRefusesCardsWhileStripeIsUnreachableAndTakesCash(t *testing.T) {
	e := newSupportEnv(t, emulator.Options{})
	e.emu.SetFault("", emulator.Fault{DropRate: 1})
	code, _, stderr := e.till(t, "pay", "--amount", "12.34")
	if code != 1 || !strings.Contains(stderr, "Stripe unreachable since ") || !strings.Contains(stderr, "card payments cannot be taken") ||
		!strings.Contains(stderr, "till pay --cash GIVEN --amount 12.34") {
		t.Fatalf("exit %d, %q", code, stderr)
	}
	if pis := e.emu.PaymentIntents(); len(pis) != 0 {
		t.Fatalf("a payment was made: %+v", pis)
	}
	// The shop keeps selling: cash needs no Stripe.
	code, out, stderr := e.till(t, "pay", "--amount", "12.34", "--cash", "20", "--order", "cash_1")
	if code != 0 || !strings.Contains(out, "Paid $12.34 in cash. Given $20.00 — change due $7.66.") {
		t.Fatalf("cash: exit %d, %q, %q", code, out, stderr)
	}
}

func TestPayCash(t *testing.T) {
	db := payEnv(t)
	code, out, stderr := runTill(t, "pay", "--json", "--amount", "10.02", "--currency", "cad", "--cash", "20", "--order", "c1", "--db", db)
	var res map[string]any
	if err := json.Unmarshal([]byte(out), &res); code != 0 || err != nil {
		t.Fatalf("exit %d, %q, %q", code, out, stderr)
	}
	for field, want := range map[string]any{"tender": "cash", "status": "paid", "amount": 1002.0, "due": 1000.0, "given": 2000.0,
		"change": 1000.0, "currency": "cad", "order_id": "c1", "payment_intent": ""} {
		if res[field] != want {
			t.Errorf("%s = %v, want %v", field, res[field], want)
		}
	}
	// Running it again records nothing twice; other amounts under the same order are refused.
	if code, out, _ := runTill(t, "pay", "--amount", "10.02", "--currency", "cad", "--cash", "20", "--order", "c1", "--db", db); code != 0 ||
		!strings.Contains(out, "(rounded to CA$10.00). Given CA$20.00 — change due CA$10.00.") {
		t.Errorf("again: exit %d, %q", code, out)
	}
	if code, _, stderr := runTill(t, "pay", "--amount", "10.02", "--currency", "cad", "--cash", "50", "--order", "c1", "--db", db); code != 2 ||
		!strings.Contains(stderr, "paid in cash already") {
		t.Errorf("other cash under the same order: exit %d, %q", code, stderr)
	}
	for _, tt := range []struct {
		args []string
		code int
		says string
	}{
		{[]string{"--amount", "12.34", "--cash", "10", "--order", "c2"}, 2, "$10.00 is $2.34 short of the $12.34 due. Nothing was recorded."},
		{[]string{"--amount", "12.34", "--cash", "ten"}, 2, "--cash: bad amount"},
		{[]string{"--cash", "10"}, 2, "give --amount 12.34 or one --item"},
		{[]string{"--amount", "5", "--cash", "10", "--tip", "1"}, 2, "a cash sale has neither"},
	} {
		code, _, stderr := runTill(t, append(append([]string{"pay"}, tt.args...), "--db", db)...)
		if code != tt.code || !strings.Contains(stderr, tt.says) {
			t.Errorf("%v: exit %d, %q; want %d saying %q", tt.args, code, stderr, tt.code, tt.says)
		}
	}
	t.Setenv("TILL_CASH_ROUNDING", "none")
	if code, out, _ := runTill(t, "pay", "--amount", "10.02", "--currency", "cad", "--cash", "10.02", "--order", "c3", "--db", db); code != 0 ||
		!strings.Contains(out, "Paid CA$10.02 in cash. Given CA$10.02 — change due CA$0.00.") {
		t.Errorf("cash.rounding none: exit %d, %q", code, out)
	}
	t.Setenv("TILL_CASH_ROUNDING", "a nickel")
	if code, _, stderr := runTill(t, "pay", "--amount", "1", "--cash", "1", "--db", db); code != 2 || !strings.Contains(stderr, "cash.rounding") {
		t.Errorf("bad cash.rounding: exit %d, %q", code, stderr)
	}
	t.Setenv("TILL_CASH_ROUNDING", "")
	// The shift counts the cash apart from cards, per currency; c2 was never recorded.
	code, out, _ = runTill(t, "shift", "report", "--json", "--db", db)
	var shift struct {
		Totals []map[string]any `json:"totals"`
	}
	if err := json.Unmarshal([]byte(out), &shift); code != 0 || err != nil || len(shift.Totals) != 1 {
		t.Fatalf("shift: exit %d, %q", code, out)
	}
	if got := shift.Totals[0]; got["cash"] != 2002.0 || got["cash_count"] != 2.0 || got["cash_rounding"] != -2.0 || got["captured"] != 0.0 {
		t.Errorf("cad totals %v", got)
	}
	// The cash sale has a receipt (printed, never emailed: Stripe has no payment for it).
	if code, out, stderr := runTill(t, "receipt", "c1", "--db", db); code != 0 || !strings.Contains(out, "PAID IN CASH CA$10.00") ||
		!strings.Contains(out, "Change                            CA$10.00") {
		t.Errorf("receipt: exit %d, %q, %q", code, out, stderr)
	}
	if code, _, stderr := runTill(t, "receipt", "c1", "--email", "ana@example.com", "--db", db); code != 2 || !strings.Contains(stderr, "a cash sale") {
		t.Errorf("receipt --email: exit %d, %q", code, stderr)
	}
	entries := journalOf(t, db, "c1")
	if len(entries) != 1 || entries[0].Step != "cash" || !strings.Contains(entries[0].Outcome, "given CA$20.00, change CA$10.00") {
		t.Errorf("journal %+v", entries)
	}
}

func TestPayCashRefusesACardOrder(t *testing.T) {
	e := newSupportEnv(t, emulator.Options{})
	res := e.openPayment(t, "card_1")
	code, _, stderr := e.till(t, "pay", "--amount", "5.00", "--cash", "5", "--order", "card_1")
	if code != 2 || !strings.Contains(stderr, "order card_1 is a card payment") {
		t.Fatalf("exit %d, %q", code, stderr)
	}
	if s := e.session(t, "card_1"); s.Cash != nil || s.PaymentIntentID != res.PaymentIntent {
		t.Fatalf("the card order changed: %+v", s)
	}
}

// A capture left without an answer is listed with its countdown and sent again — read
// first, the same key — once Stripe answers, by till outbox --send.
func TestOutboxSendsAHeldCaptureAgain(t *testing.T) {
	e := newSupportEnv(t, emulator.Options{})
	in := e.holdCapture(t, "ord_held", 1500)

	code, out, _ := e.till(t, "outbox", "--json")
	var rows []map[string]any
	if err := json.Unmarshal([]byte(out), &rows); code != 0 || err != nil || len(rows) != 1 {
		t.Fatalf("outbox: exit %d, %q", code, out)
	}
	left, _ := rows[0]["capture_left_seconds"].(float64)
	if rows[0]["idempotency_key"] != "till_ord_held_capture_1" || rows[0]["step"] != "capture" || left < 47*3600 || left > 48*3600 {
		t.Fatalf("row %v", rows[0])
	}
	if code, out, _ := e.till(t, "outbox"); code != 0 || !strings.Contains(out, "order ord_held: capture of $15.00, waiting for Stripe since") ||
		!strings.Contains(out, "1d 23h left to capture") || !strings.Contains(out, "key till_ord_held_capture_1") {
		t.Fatalf("outbox text: exit %d, %q", code, out)
	}

	e.emu.SetFault("", emulator.Fault{DropRate: 1})
	code, _, stderr := e.till(t, "outbox", "--send")
	if code != 1 || !strings.Contains(stderr, "is still held: Stripe did not answer") {
		t.Fatalf("send during the outage: exit %d, %q", code, stderr)
	}
	e.emu.ClearFaults()
	code, out, stderr = e.till(t, "outbox", "--send")
	if code != 0 || !strings.Contains(stderr, "order ord_held: the capture of $15.00 went through: paid.") || !strings.Contains(out, "Nothing held") {
		t.Fatalf("send after the outage: exit %d, %q, %q", code, out, stderr)
	}
	if st, _ := e.emu.PaymentIntentStatus(in.ID); st != "succeeded" {
		t.Fatalf("%s is %s", in.ID, st)
	}
	for _, en := range journalOf(t, e.db, "ord_held") {
		if en.Stage == checkout.StageBefore && en.Step == string(checkout.StepCapture) && en.IdempotencyKey != "till_ord_held_capture_1" {
			t.Errorf("capture sent under %s", en.IdempotencyKey)
		}
	}
}

// holdCapture leaves order's capture held, as a till does when Stripe did not answer
// it: the payment authorized at Stripe, its session owing the capture since a minute.
func (e *supportEnv) holdCapture(t *testing.T, order string, amount int64) checkout.Intent {
	t.Helper()
	in := e.authorize(t, order, e.readers[0], amount)
	read, err := e.other(t).ReadIntent(t.Context(), in.ID)
	if err != nil {
		t.Fatal(err)
	}
	e.saveSession(t, checkout.Session{OrderID: order, Phase: checkout.Unknown, Amount: checkout.Money{Amount: amount, Currency: "usd"},
		ReaderID: e.readers[0], CaptureMethod: checkout.CaptureManual, PaymentIntentID: in.ID, IntentStatus: checkout.IntentRequiresCapture,
		CaptureBefore: read.CaptureBefore, Attempts: 1, Captures: 1, Held: checkout.StepCapture, HeldSince: time.Now().Add(-time.Minute),
		StartedAt: time.Now().Add(-2 * time.Minute), UpdatedAt: time.Now().Add(-time.Minute)})
	return in
}

// runTill runs a till command with the environment as it is.
func runTill(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestReachWatchFollowsTheCalls(t *testing.T) {
	var logs bytes.Buffer
	w := &reachWatch{log: slog.New(slog.NewTextHandler(&logs, nil))}
	at := time.Date(2026, 11, 29, 10, 2, 0, 0, time.UTC)
	w.observe(readerctl.Call{At: at, Err: "connection refused"})
	w.observe(readerctl.Call{At: at.Add(time.Second), HTTPStatus: 503})
	if r := w.Reach(); !r.Down() || !r.Since.Equal(at) {
		t.Fatalf("after two unanswered attempts: %+v", r)
	}
	w.observe(readerctl.Call{At: at.Add(time.Minute), HTTPStatus: 402}) // a decline is an answer
	if r := w.Reach(); r.Down() || !r.BackAt.Equal(at.Add(time.Minute)) {
		t.Fatalf("after an answer: %+v", r)
	}
	if !strings.Contains(logs.String(), "Stripe unreachable") || !strings.Contains(logs.String(), "Stripe answers again") {
		t.Errorf("log %q", logs.String())
	}
}
