package main

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/emulator"
	"github.com/till-pos/till/readerctl"
	"github.com/till-pos/till/store"
)

// The error catalogue of seed 001 ("Handle errors") and seed 002 ("Handling processing
// failures"), case by case, through till pay against the emulator with the matching
// fault: what till does, and the words the cashier gets.

// payOn runs till pay in the environment and decodes its JSON.
func (e *supportEnv) payOn(t *testing.T, args ...string) (int, payResult) {
	t.Helper()
	code, out, errOut := e.till(t, append([]string{"pay", "--json"}, args...)...)
	var res payResult
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("pay: exit %d, %q, %q", code, out, errOut)
	}
	return code, res
}

// steps lists an order's journaled steps, in order, with "read" for each status read
// (reads are journaled as their HTTP requests: the PaymentIntent, or the reader with its
// payment; a run of identical polls is one line with a count). A step is its before
// line, or the outcome line that took its place.
func (e *supportEnv) steps(t *testing.T, order string) []string {
	t.Helper()
	entries := journalOf(t, e.db, order)
	var steps []string
	open := map[string]int{} // before lines whose outcome line is still to come
	for _, en := range entries {
		step := en.Step + " " + en.IdempotencyKey
		switch {
		case en.Stage == store.StageBefore:
			steps = append(steps, en.Step)
			open[step]++
		case en.Stage == store.StageAfter && open[step] > 0:
			open[step]--
		case en.Stage == store.StageAfter:
			steps = append(steps, en.Step)
		case en.Stage == store.StageCall && en.Method == "GET" &&
			(strings.HasPrefix(en.Path, "/v1/payment_intents/") || strings.HasPrefix(en.Path, "/v1/terminal/readers/")):
			for range en.Repeats + 1 {
				steps = append(steps, "read")
			}
		}
	}
	return steps
}

func count(items []string, want string) int {
	n := 0
	for _, s := range items {
		if s == want {
			n++
		}
	}
	return n
}

func TestSeedErrorCases(t *testing.T) {
	tests := []struct {
		name       string
		fault      emulator.Fault
		args       []string
		wantExit   int
		wantStatus string
		wantCode   string // failure_code
		wantWords  string // in the cashier's message
		noIntent   bool   // refused before a PaymentIntent is made
		check      func(t *testing.T, e *supportEnv, res payResult)
	}{
		{name: "payment failure: insufficient funds", args: []string{"--card", "4000000000009995"},
			wantExit: 1, wantStatus: "requires_payment_method", wantCode: "card_declined", wantWords: "insufficient funds",
			check: func(t *testing.T, e *supportEnv, res payResult) {
				if res.DeclineCode != "insufficient_funds" {
					t.Errorf("decline code %q", res.DeclineCode)
				}
			}},
		{name: "payment failure: test amount ending 01", args: []string{"--amount", "12.01"},
			wantExit: 1, wantStatus: "requires_payment_method", wantCode: "card_declined", wantWords: "call their bank"},
		{name: "customer cancels on the reader", fault: emulator.Fault{CustomerCancel: true},
			wantExit: 1, wantStatus: "requires_payment_method", wantCode: "customer_canceled", wantWords: "customer canceled"},
		// The reader list says so: nothing is made (an intent made anyway was one more
		// open order for support to cancel).
		{name: "reader offline", fault: emulator.Fault{Offline: true},
			wantExit: 1, wantCode: "terminal_reader_offline", wantWords: "is offline", noIntent: true},
		{name: "reader timeout that was a false negative: read, don't resend", fault: emulator.Fault{Timeout: emulator.TimeoutDelivered},
			wantExit: 0, wantStatus: "succeeded",
			check: func(t *testing.T, e *supportEnv, res payResult) {
				if n := count(e.steps(t, res.OrderID), "process"); n != 1 {
					t.Errorf("%d sends to the reader, want 1: the reader had the payment", n)
				}
			}},
		{name: "reader timeout, command lost: read, then retry once", fault: emulator.Fault{Timeout: emulator.TimeoutLost},
			wantExit: 1, wantStatus: "requires_payment_method", wantWords: "not working on this payment: it never arrived",
			check: func(t *testing.T, e *supportEnv, res payResult) {
				steps := e.steps(t, res.OrderID)
				if count(steps, "process") != 2 || count(steps, "read") < 2 {
					t.Errorf("steps %v: want a read after each timeout and one retry", steps)
				}
			}},
		{name: "connection_error but authorized: read the intent first", fault: emulator.Fault{ConnectionError: emulator.ConnectionAuthorized},
			wantExit: 0, wantStatus: "succeeded"},
		{name: "connection_error, not authorized", fault: emulator.Fault{ConnectionError: emulator.ConnectionNotAuthorized},
			wantExit: 1, wantStatus: "requires_payment_method", wantCode: "connection_error", wantWords: "lost its connection"},
		{name: "Interac is never captured by till", args: []string{"--currency", "cad", "--card", "4506445006931933"},
			wantExit: 0, wantStatus: "succeeded",
			check: func(t *testing.T, e *supportEnv, res payResult) {
				if steps := e.steps(t, res.OrderID); count(steps, "capture") != 0 {
					t.Errorf("steps %v: Interac was captured by till", steps)
				}
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newSupportEnv(t, emulator.Options{})
			e.emu.SetFault("", tt.fault)
			args := append([]string{"--amount", "12.00"}, tt.args...)
			code, res := e.payOn(t, args...)
			if code != tt.wantExit || res.Status != tt.wantStatus || res.FailureCode != tt.wantCode || !strings.Contains(res.Message, tt.wantWords) {
				t.Fatalf("exit %d, %+v\nwant exit %d, status %s, code %q, words %q", code, res, tt.wantExit, tt.wantStatus, tt.wantCode, tt.wantWords)
			}
			want := 1
			if tt.noIntent {
				want = 0
			}
			if pis := e.emu.PaymentIntents(); len(pis) != want {
				t.Errorf("%d PaymentIntents, want %d", len(pis), want)
			}
			if tt.check != nil {
				tt.check(t, e, res)
			}
		})
	}
}

// A decline keeps the PaymentIntent: the next card goes on the same one.
func TestSeedReuseTheIntentAfterADecline(t *testing.T) {
	e := newSupportEnv(t, emulator.Options{})
	_, first := e.payOn(t, "--amount", "8.00", "--order", "R-1", "--card", "4000000000000002")
	code, second := e.payOn(t, "--amount", "8.00", "--order", "R-1", "--card", "4242424242424242")
	if code != 0 || second.PaymentIntent != first.PaymentIntent || len(e.emu.PaymentIntents()) != 1 {
		t.Fatalf("second run %d %+v, first %s, intents %d", code, second, first.PaymentIntent, len(e.emu.PaymentIntents()))
	}
}

// Reader busy: another till's payment holds the reader; till names it and leaves it.
func TestSeedReaderBusyWithAnotherPayment(t *testing.T) {
	e := newSupportEnv(t, emulator.Options{})
	other := e.otherOnReader(t, "other", e.readers[0], 900)
	code, res := e.payOn(t, "--amount", "4.00", "--reader", e.readers[0])
	if code != 1 || res.FailureCode != checkout.CodeReaderInUse || !strings.Contains(res.Message, other.ID) {
		t.Fatalf("exit %d %+v", code, res)
	}
	if _, status, pi, _ := e.emu.ReaderAction(e.readers[0]); pi != other.ID || status != "in_progress" {
		t.Fatalf("the other payment lost the reader: %s %s", pi, status)
	}
}

// Missing webhooks: the reader drops off mid-payment and its action stays in_progress;
// till's polling notices nothing changes, leaves the payment open, and support clears
// the reader with a compare-before-cancel.
func TestSeedReaderDisconnectedMidPayment(t *testing.T) {
	e := newSupportEnv(t, emulator.Options{})
	res := e.openPayment(t, "D-1")
	e.emu.SetFault(res.Reader, emulator.Fault{Disconnect: true})
	code, res2 := e.payOn(t, "--amount", "5.00", "--order", "D-1", "--wait", "1s")
	if code == 0 || res2.Status != "requires_payment_method" || !strings.Contains(res2.Message, "still open") {
		t.Fatalf("exit %d %+v", code, res2)
	}
	if code, out, errOut := e.till(t, "reader", "cancel-action", res.Reader, "--expect-pi", res.PaymentIntent); code != 0 {
		t.Fatalf("cancel-action: %d %q %q", code, out, errOut)
	}
	if _, status, _, ok := e.emu.ReaderAction(res.Reader); ok && status == "in_progress" {
		t.Fatal("the reader is still in_progress")
	}
}

// dropFirst loses the answer of the first request whose path ends with suffix, after
// the emulator acted on it.
type dropFirst struct {
	next   http.Handler
	suffix string
	once   sync.Once
}

func (d *dropFirst) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	dropped := false
	if strings.HasSuffix(r.URL.Path, d.suffix) {
		d.once.Do(func() { dropped = true })
	}
	if !dropped {
		d.next.ServeHTTP(w, r)
		return
	}
	d.next.ServeHTTP(httptest.NewRecorder(), r)
	panic(http.ErrAbortHandler)
}

// A lost capture response: till re-reads the intent and finds it captured; it never
// captures twice.
func TestSeedLostCaptureResponse(t *testing.T) {
	e := newSupportEnv(t, emulator.Options{})
	srv := httptest.NewServer(&dropFirst{next: e.emu, suffix: "/capture"})
	defer srv.Close()
	e.url = srv.URL
	code, res := e.payOn(t, "--amount", "6.00", "--order", "L-1")
	if code != 0 || res.Status != "succeeded" {
		t.Fatalf("exit %d %+v", code, res)
	}
	steps := e.steps(t, "L-1")
	if count(steps, "capture") != 1 {
		t.Fatalf("steps %v: want exactly one capture", steps)
	}
}

// Cancel while the card is being authorized: the reader is busy; till waits and
// re-reads instead of assuming the payment stopped.
func TestSeedCancelDuringAuthorization(t *testing.T) {
	e := newSupportEnv(t, emulator.Options{AuthorizeDelay: 300 * time.Millisecond})
	g, err := readerctl.New(readerctl.Config{APIKey: "sk_test_x", BaseURL: e.url, MaxNetworkRetries: -1})
	if err != nil {
		t.Fatal(err)
	}
	ctx, now := context.Background(), time.Now
	s, effects, _ := checkout.Apply(checkout.Session{}, checkout.ChargeRequested{OrderID: "C-1", Amount: checkout.Money{Amount: 700, Currency: "usd"}, ReaderID: e.readers[0], At: now()})
	step := func(ev checkout.Event) {
		t.Helper()
		var err error
		if s, effects, err = checkout.Apply(s, ev); err != nil {
			t.Fatalf("%T: %v", ev, err)
		}
	}
	step(checkout.Perform(ctx, g, effects[0], now)) // create
	step(checkout.Perform(ctx, g, effects[0], now)) // process
	if _, err := g.PresentCard(ctx, e.readers[0], ""); err != nil {
		t.Fatal(err)
	}
	step(checkout.CancelRequested{At: now()})
	step(checkout.Perform(ctx, g, effects[0], now)) // cancel_action while authorizing
	if s.Phase != checkout.Unknown || s.Failure == nil || s.Failure.Kind != checkout.KindReaderBusy {
		t.Fatalf("phase %s, failure %+v: want unknown after terminal_reader_busy", s.Phase, s.Failure)
	}
	time.Sleep(400 * time.Millisecond)              // the authorization finishes
	step(checkout.Perform(ctx, g, effects[0], now)) // the re-read
	if s.Phase != checkout.Approved {
		t.Fatalf("phase %s: the card was authorized, till must see it", s.Phase)
	}
}
