package main

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/emulator"
	"github.com/till-pos/till/store"
)

// payEnv isolates the user's directories and makes polling quick.
func payEnv(t testing.TB) string {
	t.Helper()
	dir := isolate(t)
	t.Setenv("TILL_POLL_INTERVAL", "20ms")
	return filepath.Join(dir, "till.db")
}

// openStore opens till's database for a test to read or set up, waiting a while for a
// till that is finishing with it; the caller closes it.
func openStore(tb testing.TB, path string) *store.Store {
	tb.Helper()
	st, err := store.Open(path, store.Options{Timeout: 5 * time.Second})
	if err != nil {
		tb.Fatal(err)
	}
	return st
}

// journalOf reads an order's journal from till's database (till must not be running).
func journalOf(tb testing.TB, db, order string) []checkout.Entry {
	tb.Helper()
	st := openStore(tb, db)
	defer st.Close()
	entries, err := st.Entries(order)
	if err != nil {
		tb.Fatal(err)
	}
	return entries
}

func pay(t *testing.T, args ...string) (int, payResult, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(append([]string{"pay", "--json"}, args...), &out, &errOut)
	var res payResult
	if out.Len() > 0 {
		if err := json.Unmarshal(out.Bytes(), &res); err != nil {
			t.Fatalf("output is not one JSON object: %q", out.String())
		}
	}
	return code, res, errOut.String()
}

// emulatorPaymentIntents reads the embedded emulator's saved PaymentIntents after a run.
func emulatorPaymentIntents(t *testing.T, db string) []emulator.PaymentIntentSummary {
	t.Helper()
	emu, err := emulator.New(emulator.Options{StatePath: filepath.Join(filepath.Dir(db), "till-emulator.json")})
	if err != nil {
		t.Fatal(err)
	}
	defer emu.Close()
	return emu.PaymentIntents()
}

func TestPayApprovesAndCaptures(t *testing.T) {
	db := payEnv(t)
	code, res, stderr := pay(t, "--amount", "12.00", "--db", db)
	if code != 0 || res.Status != "succeeded" || res.Amount != 1200 || res.Currency != "usd" {
		t.Fatalf("exit %d, %+v, stderr %q", code, res, stderr)
	}
	if !strings.HasPrefix(res.OrderID, "ord_") || !strings.HasPrefix(res.PaymentIntent, "pi_") || res.Reader == "" {
		t.Fatalf("ids missing: %+v", res)
	}
	pis := emulatorPaymentIntents(t, db)
	if len(pis) != 1 || pis[0].Status != "succeeded" || pis[0].OrderID != res.OrderID {
		t.Fatalf("emulator has %+v", pis)
	}
}

func TestPayDeclineReportsTheCode(t *testing.T) {
	db := payEnv(t)
	code, res, _ := pay(t, "--amount", "10.05", "--db", db)
	if code == 0 || res.Status != "requires_payment_method" || res.DeclineCode != "generic_decline" || res.FailureCode != "card_declined" {
		t.Fatalf("exit %d, %+v", code, res)
	}
	if res.Message == "" {
		t.Fatal("no message for the cashier")
	}
}

func TestPayTestCards(t *testing.T) {
	db := payEnv(t)
	tests := []struct{ card, status, decline string }{
		{"4000000000009995", "requires_payment_method", "insufficient_funds"},
		{"5555555555554444", "succeeded", ""},
	}
	for _, tt := range tests {
		code, res, _ := pay(t, "--amount", "5.00", "--card", tt.card, "--db", db)
		if res.Status != tt.status || res.DeclineCode != tt.decline || (code == 0) != (tt.status == "succeeded") {
			t.Errorf("card %s: exit %d, %+v", tt.card, code, res)
		}
	}
}

// Re-running a declined order retries on the same PaymentIntent; re-running a paid
// order reports it again and charges nothing.
func TestPayIsIdempotentPerOrder(t *testing.T) {
	db := payEnv(t)
	code, first, _ := pay(t, "--amount", "12.00", "--order", "A-1", "--card", "4000000000000002", "--db", db)
	if code == 0 || first.Status != "requires_payment_method" {
		t.Fatalf("first run: %d %+v", code, first)
	}
	code, second, _ := pay(t, "--amount", "12.00", "--order", "A-1", "--db", db)
	if code != 0 || second.PaymentIntent != first.PaymentIntent || second.Status != "succeeded" {
		t.Fatalf("second run: %d %+v (first %s)", code, second, first.PaymentIntent)
	}
	code, third, _ := pay(t, "--amount", "12.00", "--order", "A-1", "--db", db)
	if code != 0 || third.PaymentIntent != first.PaymentIntent {
		t.Fatalf("third run: %d %+v", code, third)
	}
	if pis := emulatorPaymentIntents(t, db); len(pis) != 1 {
		t.Fatalf("%d PaymentIntents for one order: %+v", len(pis), pis)
	}
	code, _, stderr := pay(t, "--amount", "13.00", "--order", "A-1", "--db", db)
	if code != 2 || !strings.Contains(stderr, "was started for $12.00") {
		t.Fatalf("another amount on the same order: %d %q", code, stderr)
	}
}

func TestPayRefusesBadInputBeforeSendingAnything(t *testing.T) {
	db := payEnv(t)
	var requests int
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { requests++ }))
	defer srv.Close()
	for _, amount := range []string{"abc", "-1", "0", "12.345", "99999999999"} {
		var out, errOut bytes.Buffer
		code := run([]string{"pay", "--amount", amount, "--api-base", srv.URL, "--db", db}, &out, &errOut)
		if code != 2 || !strings.Contains(errOut.String(), "Nothing was sent") {
			t.Errorf("amount %q: exit %d, %q", amount, code, errOut.String())
		}
	}
	if requests != 0 {
		t.Fatalf("%d requests reached the server", requests)
	}
}

func TestPayUnknownReaderListsTheReaders(t *testing.T) {
	db := payEnv(t)
	code, _, stderr := pay(t, "--amount", "1.00", "--reader", "tmr_nope", "--db", db)
	if code != 2 || !strings.Contains(stderr, `no reader "tmr_nope"`) || !strings.Contains(stderr, "Front counter") {
		t.Fatalf("exit %d, %q", code, stderr)
	}
}

func TestPayRefusesALiveKey(t *testing.T) {
	db := payEnv(t)
	t.Setenv("STRIPE_API_KEY", "sk_live_secretsecret")
	code, _, stderr := pay(t, "--amount", "1.00", "--db", db)
	if code != 2 || !strings.Contains(stderr, "live-mode key") || strings.Contains(stderr, "secretsecret") {
		t.Fatalf("exit %d, %q", code, stderr)
	}
}

func TestSecondTillOnTheSameDatabase(t *testing.T) {
	db := payEnv(t)
	st, err := store.Open(db, store.Options{Timeout: 100 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	code, _, stderr := pay(t, "--amount", "1.00", "--db", db)
	if code != 3 || !strings.Contains(stderr, "another till is using") || !strings.Contains(stderr, db) {
		t.Fatalf("exit %d, %q", code, stderr)
	}
}

func TestPayWithNoCardLeavesThePaymentOpen(t *testing.T) {
	db := payEnv(t)
	code, res, _ := pay(t, "--amount", "3.00", "--card", "none", "--wait", "1s", "--order", "W-1", "--db", db)
	if code == 0 || res.Status != "requires_payment_method" || !strings.Contains(res.Message, "--order W-1") {
		t.Fatalf("exit %d, %+v", code, res)
	}
	code, res, _ = pay(t, "--amount", "3.00", "--order", "W-1", "--db", db)
	if code != 0 || res.Status != "succeeded" {
		t.Fatalf("resumed run: exit %d, %+v", code, res)
	}
}

func TestUnknownCommand(t *testing.T) {
	var out, errOut bytes.Buffer
	if code := run([]string{"frobnicate"}, &out, &errOut); code != 2 || !strings.Contains(errOut.String(), "unknown command") {
		t.Fatalf("exit %d, %q", code, errOut.String())
	}
	if code := run([]string{"help"}, &out, &errOut); code != 0 || !strings.Contains(out.String(), "till pay") {
		t.Fatalf("help: %d", code)
	}
}

// A command given after the flags every command shares runs as if it came first, with
// those flags: "till --db FILE shift report" reports FILE's shift.
func TestCommandAfterTheCommonFlags(t *testing.T) {
	dir := isolate(t)
	db := filepath.Join(dir, "other.db")
	var out, errOut bytes.Buffer
	if code := run([]string{"--db", db, "--currency", "eur", "shift", "report"}, &out, &errOut); code != 0 || !strings.Contains(out.String(), "No payments") {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, out.String(), errOut.String())
	}
	if _, err := os.Stat(db); err != nil {
		t.Fatalf("the flag before the command was not used: %v", err)
	}
	for _, args := range [][]string{
		{"--db", db, "frobnicate"},     // not a command: the screen's own refusal
		{"--db", db, "--", "readers"},  // after --, an argument
		{"--db", "readers", "--bogus"}, // "readers" is --db's value
	} {
		out.Reset()
		errOut.Reset()
		if code := run(args, &out, &errOut); code != 2 || !strings.Contains(errOut.String(), "till: ") {
			t.Errorf("%q: exit %d, stderr %q", args, code, errOut.String())
		}
	}
}

// Every step of a payment is in its order's journal: one line per step with its
// idempotency key, its request with Stripe's request id, and its outcome (the step's
// before line, on disk before the call, becomes that line once the outcome is known).
func TestPayJournalsEveryStep(t *testing.T) {
	db := payEnv(t)
	code, res, _ := pay(t, "--amount", "12.00", "--order", "J-1", "--db", db)
	if code != 0 {
		t.Fatalf("exit %d %+v", code, res)
	}
	var entries []store.Entry
	var steps, phases []string
	for _, e := range journalOf(t, db, "J-1") {
		switch {
		case e.Stage == store.StageNote && e.Step == checkout.StepPhase:
			phases = append(phases, e.Outcome) // each phase the payment reached, noted as it was saved
			continue
		case e.Stage == store.StageAfter:
			steps = append(steps, e.Step+" "+e.IdempotencyKey)
		}
		entries = append(entries, e)
	}
	if got := strings.Join(phases, " "); got != "creating sending awaiting approved capturing paid" {
		t.Errorf("phases noted: %s", got)
	}
	want := []string{"create till_J-1_create", "process till_J-1_process_1", "capture till_J-1_capture_1"}
	if strings.Join(steps, ", ") != strings.Join(want, ", ") {
		t.Fatalf("steps: %v, want %v", steps, want)
	}
	create := entries[0]
	if create.Stage != store.StageAfter || create.Method != "POST" || create.Path != "/v1/payment_intents" || create.Outcome != "ok" ||
		create.IdempotencyKey != "till_J-1_create" || !strings.HasPrefix(create.RequestID, "req_") || create.HTTPStatus != 200 {
		t.Fatalf("the first line should be the create, request and outcome: %+v", create)
	}
	if last := entries[len(entries)-1]; last.Stage != store.StageAfter || last.Outcome != "ok" || last.Step != "capture" {
		t.Fatalf("last entry: %+v", last)
	}
}

// Ctrl-C while Stripe had not yet answered the PaymentIntent's creation printed "still
// open (unknown)" over "payment  · status ": no id, no status, nothing about Stripe.
func TestPayStoppedBeforeAPaymentIntentSaysWhatStripeHas(t *testing.T) {
	for _, tt := range []struct {
		phase checkout.Phase
		says  string
	}{
		{checkout.Unknown, "Whether Stripe created the order's PaymentIntent is not known yet"},
		{checkout.Creating, "Nothing of this order reached Stripe."},
	} {
		s := checkout.Session{OrderID: "K-4", Phase: tt.phase, Amount: checkout.Money{Amount: 800, Currency: "usd"}}
		res := payOutcome(s, checkout.Reader{ID: "tmr_1"}, errStopped, checkout.Reach{}, time.Now())
		var out bytes.Buffer
		printResult(&out, res, false)
		for _, want := range []string{tt.says, "--order K-4", "payment - · status -"} {
			if !strings.Contains(out.String(), want) {
				t.Errorf("%s: %q does not say %q", tt.phase, out.String(), want)
			}
		}
	}
}
