package readerctl

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/emulator"
)

var emuNow = time.Date(2026, 3, 4, 12, 0, 0, 0, time.UTC)

// emu is a client against till's in-process emulator, seeded with one location and
// two simulated readers, on a fixed clock.
type emu struct {
	e       *emulator.Emulator
	c       *Client
	url     string
	readers []string
	mu      sync.Mutex
	calls   []Call
}

func newEmu(t *testing.T) *emu {
	t.Helper()
	e, err := emulator.New(emulator.Options{Seed: true, Now: func() time.Time { return emuNow }})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(e)
	t.Cleanup(srv.Close)
	m := &emu{e: e, url: srv.URL, readers: e.ReaderIDs()}
	m.c, err = New(Config{APIKey: testKey, BaseURL: srv.URL, MaxNetworkRetries: -1, Timeout: 5 * time.Second,
		OnCall: func(c Call) { m.mu.Lock(); m.calls = append(m.calls, c); m.mu.Unlock() }})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func (m *emu) observed() []Call {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]Call(nil), m.calls...)
}

// create makes an intent for order with the key "create-<order>".
func (m *emu) create(t *testing.T, order string, amount int64, capture checkout.CaptureMethod) checkout.Intent {
	t.Helper()
	in, err := m.c.CreateIntent(context.Background(), checkout.CreateIntent{OrderID: order, Amount: checkout.Money{Amount: amount, Currency: "usd"}, CaptureMethod: capture, Key: "create-" + order})
	if err != nil {
		t.Fatalf("CreateIntent: %v", err)
	}
	return in
}

func (m *emu) process(t *testing.T, piID, key string) checkout.Reader {
	t.Helper()
	r, err := m.c.ProcessOnReader(context.Background(), checkout.ProcessOnReader{ReaderID: m.readers[0], PaymentIntentID: piID, Key: key})
	if err != nil {
		t.Fatalf("ProcessOnReader: %v", err)
	}
	return r
}

func (m *emu) present(t *testing.T, card string) checkout.Reader {
	t.Helper()
	r, err := m.c.PresentCard(context.Background(), m.readers[0], card)
	if err != nil {
		t.Fatalf("PresentCard: %v", err)
	}
	return r
}

func (m *emu) read(t *testing.T, piID string) checkout.Intent {
	t.Helper()
	in, err := m.c.ReadIntent(context.Background(), piID)
	if err != nil {
		t.Fatalf("ReadIntent: %v", err)
	}
	return in
}

func TestEmulatorListReaders(t *testing.T) {
	m := newEmu(t)
	readers, err := m.c.ListReaders(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]struct{ label, device string }{
		m.readers[0]: {"Front counter", "simulated_wisepos_e"},
		m.readers[1]: {"Back counter", "simulated_stripe_s700"},
	}
	if len(readers) != len(want) {
		t.Fatalf("readers = %+v", readers)
	}
	for _, r := range readers {
		w, ok := want[r.ID]
		delete(want, r.ID)
		if !ok || r.Label != w.label || r.DeviceType != w.device || !r.Simulated() ||
			r.Status != "online" || !strings.HasPrefix(r.Location, "tml_") || r.SerialNumber == "" || r.SoftwareVersion == "" || r.Action != nil {
			t.Errorf("reader %+v, want %+v", r, w)
		}
		if !r.LastSeenAt.Equal(emuNow) {
			t.Errorf("reader %s last seen %v, want %v (last_seen_at is in milliseconds)", r.ID, r.LastSeenAt, emuNow)
		}
	}
}

// TestEmulatorApproveThenCapture: create → process → present → read (card) → capture.
func TestEmulatorApproveThenCapture(t *testing.T) {
	m := newEmu(t)
	in := m.create(t, "o-1", 1234, checkout.CaptureManual)
	if in.Status != checkout.IntentRequiresPaymentMethod || in.OrderID != "o-1" || in.Amount != (checkout.Money{Amount: 1234, Currency: "usd"}) ||
		in.CaptureMethod != checkout.CaptureManual || !in.Created.Equal(emuNow) {
		t.Fatalf("created %+v", in)
	}
	r := m.process(t, in.ID, "process-o-1-1")
	if a, ok := r.ActionFor(in.ID); !ok || a.Status != checkout.ActionInProgress || a.Type != "process_payment_intent" {
		t.Fatalf("action after process = %+v", r.Action)
	}
	r = m.present(t, "5555555555554444")
	if a, ok := r.ActionFor(in.ID); !ok || a.Status != checkout.ActionSucceeded {
		t.Fatalf("action after present = %+v", r.Action)
	}
	got := m.read(t, in.ID)
	if got.Status != checkout.IntentRequiresCapture || got.AmountCapturable != 1234 || got.Card != (checkout.Card{Brand: "mastercard", Last4: "4444"}) ||
		!got.CaptureBefore.Equal(emuNow.Add(48*time.Hour)) || got.LastError != nil {
		t.Fatalf("authorized %+v", got)
	}
	captured, err := m.c.CaptureIntent(context.Background(), checkout.CaptureIntent{PaymentIntentID: in.ID, Key: "capture-o-1-0"})
	if err != nil {
		t.Fatal(err)
	}
	if captured.Status != checkout.IntentSucceeded || captured.AmountReceived != 1234 {
		t.Errorf("captured %+v", captured)
	}
	if st, _ := m.e.PaymentIntentStatus(in.ID); st != "succeeded" {
		t.Errorf("emulator says %s", st)
	}
}

func TestEmulatorAutomaticCapture(t *testing.T) {
	m := newEmu(t)
	in := m.create(t, "o-2", 2500, checkout.CaptureAutomatic)
	m.process(t, in.ID, "p")
	m.present(t, "")
	got := m.read(t, in.ID)
	if got.Status != checkout.IntentSucceeded || got.AmountReceived != 2500 || got.Card != (checkout.Card{Brand: "visa", Last4: "4242"}) {
		t.Errorf("paid %+v", got)
	}
}

// TestEmulatorDeclines: the reader's action and the intent's last_payment_error both
// say why, for test cards and test amounts; a retry on the same intent then approves.
func TestEmulatorDeclines(t *testing.T) {
	tests := []struct {
		name            string
		amount          int64
		card            string
		code, decline   string
		wantLast4       string
		wantFailureText string
	}{
		{"insufficient funds card", 1000, "4000000000009995", "card_declined", "insufficient_funds", "9995", "insufficient funds"},
		{"generic decline card", 1000, "4000000000000002", "card_declined", "generic_decline", "0002", "declined"},
		{"amount ending 05", 1005, "", "card_declined", "generic_decline", "4242", "declined"},
		{"amount ending 01", 1201, "4242424242424242", "card_declined", "call_issuer", "4242", "declined"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := newEmu(t)
			in := m.create(t, "o", tt.amount, checkout.CaptureManual)
			m.process(t, in.ID, "process-1")
			r := m.present(t, tt.card)
			a, ok := r.ActionFor(in.ID)
			if !ok || a.Status != checkout.ActionFailed || a.FailureCode != tt.code || !strings.Contains(strings.ToLower(a.FailureMessage), tt.wantFailureText) {
				t.Fatalf("action = %+v", r.Action)
			}
			got := m.read(t, in.ID)
			want := checkout.Failure{Kind: checkout.KindDeclined, Code: tt.code, DeclineCode: tt.decline}
			if got.Status != checkout.IntentRequiresPaymentMethod || got.LastError == nil {
				t.Fatalf("declined intent %+v", got)
			}
			if le := *got.LastError; le.Kind != want.Kind || le.Code != want.Code || le.DeclineCode != want.DeclineCode || le.Message == "" {
				t.Errorf("last error %+v, want %+v with a message", le, want)
			}
			if got.Card.Last4 != tt.wantLast4 {
				t.Errorf("card %+v, want last4 %s", got.Card, tt.wantLast4)
			}

			// Retry on the same intent with a good card (and an amount-proof one: the
			// test amounts apply to every card, so only the card tests can approve).
			if tt.card == "" || tt.amount%100 != 0 {
				return
			}
			m.process(t, in.ID, "process-2")
			m.present(t, "4242424242424242")
			got = m.read(t, in.ID)
			if got.Status != checkout.IntentRequiresCapture || got.LastError != nil || got.Card.Last4 != "4242" {
				t.Errorf("after retry %+v", got)
			}
		})
	}
}

func TestEmulatorCancel(t *testing.T) {
	m := newEmu(t)
	in := m.create(t, "o-3", 1000, checkout.CaptureManual)
	m.process(t, in.ID, "p")
	r, err := m.c.CancelReaderAction(context.Background(), m.readers[0])
	if err != nil {
		t.Fatal(err)
	}
	if r.Action != nil {
		t.Errorf("action after cancel_action = %+v", r.Action)
	}
	if _, _, _, ok := m.e.ReaderAction(m.readers[0]); ok {
		t.Error("the emulator's reader still has an action")
	}
	canceled, err := m.c.CancelIntent(context.Background(), checkout.CancelIntent{PaymentIntentID: in.ID, Reason: "abandoned", Key: "cancel-0"})
	if err != nil {
		t.Fatal(err)
	}
	if canceled.Status != checkout.IntentCanceled || canceled.CancellationReason != "abandoned" {
		t.Errorf("canceled %+v", canceled)
	}
}

// TestEmulatorErrors: the emulator's error answers reach the caller as the right kinds.
func TestEmulatorErrors(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name string
		call func(m *emu, t *testing.T) error
		want checkout.Kind
		code string
	}{
		{"unknown reader", func(m *emu, t *testing.T) error { _, err := m.c.ReadReader(ctx, "tmr_nope"); return err }, checkout.KindNotFound, "resource_missing"},
		{"unknown intent", func(m *emu, t *testing.T) error { _, err := m.c.ReadIntent(ctx, "pi_nope"); return err }, checkout.KindNotFound, "resource_missing"},
		{"process a captured intent", func(m *emu, t *testing.T) error {
			in := m.create(t, "o", 1000, checkout.CaptureAutomatic)
			m.process(t, in.ID, "p1")
			m.present(t, "")
			_, err := m.c.ProcessOnReader(ctx, checkout.ProcessOnReader{ReaderID: m.readers[0], PaymentIntentID: in.ID, Key: "p2"})
			return err
		}, checkout.KindInvalidState, "intent_invalid_state"},
		{"capture before approval", func(m *emu, t *testing.T) error {
			in := m.create(t, "o", 1000, checkout.CaptureManual)
			_, err := m.c.CaptureIntent(ctx, checkout.CaptureIntent{PaymentIntentID: in.ID, Key: "c0"})
			return err
		}, checkout.KindInvalidState, "payment_intent_unexpected_state"},
		{"present with nothing to pay", func(m *emu, t *testing.T) error {
			_, err := m.c.PresentCard(ctx, m.readers[0], "4242424242424242")
			return err
		}, checkout.KindInvalidRequest, ""},
		{"same key, other parameters", func(m *emu, t *testing.T) error {
			m.create(t, "o", 1000, checkout.CaptureManual)
			_, err := m.c.CreateIntent(ctx, checkout.CreateIntent{OrderID: "o", Amount: checkout.Money{Amount: 2000, Currency: "usd"}, CaptureMethod: checkout.CaptureManual, Key: "create-o"})
			return err
		}, checkout.KindInvalidRequest, ""},
		{"reader offline", func(m *emu, t *testing.T) error {
			in := m.create(t, "o", 1000, checkout.CaptureManual)
			m.e.SetFault(m.readers[0], emulator.Fault{Offline: true})
			_, err := m.c.ProcessOnReader(ctx, checkout.ProcessOnReader{ReaderID: m.readers[0], PaymentIntentID: in.ID, Key: "p"})
			return err
		}, checkout.KindReaderOffline, "terminal_reader_offline"},
		{"reader timeout", func(m *emu, t *testing.T) error {
			in := m.create(t, "o", 1000, checkout.CaptureManual)
			m.e.SetFault(m.readers[0], emulator.Fault{Timeout: emulator.TimeoutDelivered})
			_, err := m.c.ProcessOnReader(ctx, checkout.ProcessOnReader{ReaderID: m.readers[0], PaymentIntentID: in.ID, Key: "p"})
			return err
		}, checkout.KindReaderTimeout, "terminal_reader_timeout"},
		{"server error", func(m *emu, t *testing.T) error {
			m.e.SetFault("", emulator.Fault{ErrorRate: 1})
			_, err := m.c.ListReaders(ctx)
			return err
		}, checkout.KindServer, ""},
		{"dropped connection", func(m *emu, t *testing.T) error {
			m.e.SetFault("", emulator.Fault{DropRate: 1})
			_, err := m.c.ReadReader(ctx, m.readers[0])
			return err
		}, checkout.KindNetwork, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := newEmu(t)
			err := tt.call(m, t)
			f := checkout.AsFailure(err)
			if f.Kind != tt.want || f.Code != tt.code {
				t.Errorf("failure = %+v, want kind %s code %q", *f, tt.want, tt.code)
			}
			if f.Kind != checkout.KindNetwork && !strings.HasPrefix(f.RequestID, "req_") {
				t.Errorf("request id %q", f.RequestID)
			}
		})
	}
}

// TestEmulatorBusyWhileAuthorizing: a cancel during the authorization is refused with
// terminal_reader_busy.
func TestEmulatorBusyWhileAuthorizing(t *testing.T) {
	e, err := emulator.New(emulator.Options{Seed: true, Now: func() time.Time { return emuNow }, AuthorizeDelay: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(e)
	t.Cleanup(srv.Close)
	c, err := New(Config{APIKey: testKey, BaseURL: srv.URL, MaxNetworkRetries: -1})
	if err != nil {
		t.Fatal(err)
	}
	m := &emu{e: e, c: c, readers: e.ReaderIDs()}
	in := m.create(t, "o", 1000, checkout.CaptureManual)
	m.process(t, in.ID, "p")
	m.present(t, "")
	_, err = c.CancelReaderAction(context.Background(), m.readers[0])
	if f := checkout.AsFailure(err); f.Kind != checkout.KindReaderBusy || f.Code != "terminal_reader_busy" {
		t.Errorf("failure = %+v, want reader_busy", *f)
	}
}

// TestEmulatorAuthRefused: the emulator's 401 for a request without a key is KindAuth.
func TestEmulatorAuthRefused(t *testing.T) {
	e, err := emulator.New(emulator.Options{Seed: true})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.Header.Del("Authorization")
		e.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	c, err := New(Config{APIKey: testKey, BaseURL: srv.URL, MaxNetworkRetries: -1})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.ListReaders(context.Background())
	if f := checkout.AsFailure(err); f.Kind != checkout.KindAuth || f.HTTPStatus != 401 {
		t.Errorf("failure = %+v, want auth / 401", *f)
	}
}

// TestEmulatorIdempotentCreate: the same key returns the same intent, also after a
// response was lost; the emulator holds one intent.
func TestEmulatorIdempotentCreate(t *testing.T) {
	m := newEmu(t)
	req := checkout.CreateIntent{OrderID: "o-9", Amount: checkout.Money{Amount: 900, Currency: "usd"}, CaptureMethod: checkout.CaptureManual, Key: "till_o-9_create"}

	m.e.SetFault("", emulator.Fault{DropRate: 1, AfterMutation: true})
	_, err := m.c.CreateIntent(context.Background(), req)
	if f := checkout.AsFailure(err); f.Kind != checkout.KindNetwork {
		t.Fatalf("with the answer lost: %+v, want network", *f)
	}
	m.e.ClearFaults()
	first, err := m.c.CreateIntent(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	again, err := m.c.CreateIntent(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	if first.ID == "" || again.ID != first.ID {
		t.Errorf("ids %q and %q, want one", first.ID, again.ID)
	}
	if pis := m.e.PaymentIntents(); len(pis) != 1 || pis[0].OrderID != "o-9" {
		t.Errorf("emulator holds %+v, want one intent for o-9", pis)
	}
}

// TestEmulatorOnCall: the journal hook sees the emulator's request ids.
func TestEmulatorOnCall(t *testing.T) {
	m := newEmu(t)
	in := m.create(t, "o-4", 1000, checkout.CaptureManual)
	m.read(t, in.ID)
	calls := m.observed()
	if len(calls) != 2 {
		t.Fatalf("calls %+v", calls)
	}
	if c := calls[0]; c.Method != "POST" || c.Path != "/v1/payment_intents" || c.IdempotencyKey != "create-o-4" || c.HTTPStatus != 200 || !strings.HasPrefix(c.RequestID, "req_") {
		t.Errorf("create call %+v", c)
	}
	if c := calls[1]; c.Method != "GET" || c.Path != "/v1/payment_intents/"+in.ID || c.IdempotencyKey != "" || c.RequestID == calls[0].RequestID {
		t.Errorf("read call %+v", c)
	}
}

// TestEmulatorConnectionErrorAfterAuthorization: the reader reports connection_error
// although the authorization went through; the intent read tells the truth.
func TestEmulatorConnectionErrorAfterAuthorization(t *testing.T) {
	m := newEmu(t)
	in := m.create(t, "o", 1000, checkout.CaptureManual)
	m.process(t, in.ID, "p")
	m.e.SetFault(m.readers[0], emulator.Fault{ConnectionError: emulator.ConnectionAuthorized})
	r := m.present(t, "")
	if a, ok := r.ActionFor(in.ID); !ok || a.Status != checkout.ActionFailed || a.FailureCode != "connection_error" {
		t.Fatalf("action %+v", r.Action)
	}
	if got := m.read(t, in.ID); got.Status != checkout.IntentRequiresCapture || got.Card.Last4 != "4242" {
		t.Errorf("intent %+v, want it authorized", got)
	}
}

// TestOnCallCarriesTheOrder: a call made for an order (checkout.WithOrder) says so, so
// the journal can file every HTTP request under its order.
func TestOnCallCarriesTheOrder(t *testing.T) {
	m := newEmu(t)
	in := m.create(t, "o-5", 1000, checkout.CaptureManual)
	ctx := checkout.WithOrder(context.Background(), "o-5")
	if _, err := m.c.ReadIntent(ctx, in.ID); err != nil {
		t.Fatal(err)
	}
	calls := m.observed()
	if got := calls[len(calls)-1]; got.OrderID != "o-5" || got.Method != "GET" {
		t.Errorf("call %+v, want it filed under o-5", got)
	}
	if calls[0].OrderID != "" {
		t.Errorf("a call made without an order says %q", calls[0].OrderID)
	}
}
