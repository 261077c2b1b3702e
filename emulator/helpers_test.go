package emulator

import (
	"encoding/base64"
	"errors"
	"net/http/httptest"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/stripe/stripe-go/v76"
	"github.com/stripe/stripe-go/v76/client"
)

const testKey = "sk_test_emulator"

// clock is an injectable clock tests move by hand.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func newClock() *clock { return &clock{now: time.Date(2026, 3, 14, 15, 9, 26, 0, time.UTC)} }

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// fixture is a seeded emulator behind an httptest server with a stripe-go client.
type fixture struct {
	t       *testing.T
	e       *Emulator
	clock   *clock
	srv     *httptest.Server
	sc      *client.API
	readers []string
}

func newFixture(t *testing.T, opts Options) *fixture {
	t.Helper()
	c := newClock()
	if opts.Now == nil {
		opts.Now = c.Now
	}
	opts.Seed = true
	e, err := New(opts)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	srv := httptest.NewServer(specChecker{t: t, h: e})
	t.Cleanup(srv.Close)
	t.Cleanup(func() { e.Close() }) // endpoints registered through the API deliver from goroutines
	return &fixture{t: t, e: e, clock: c, srv: srv, sc: stripeClient(srv.URL), readers: e.ReaderIDs()}
}

func stripeClient(url string) *client.API {
	backend := stripe.GetBackendWithConfig(stripe.APIBackend, &stripe.BackendConfig{
		URL:               stripe.String(url),
		MaxNetworkRetries: stripe.Int64(0),
		LeveledLogger:     &stripe.LeveledLogger{Level: stripe.LevelNull},
	})
	return client.New(testKey, &stripe.Backends{API: backend, Connect: backend, Uploads: backend})
}

func (f *fixture) createPI(amount int64, capture string, extra ...func(*stripe.PaymentIntentParams)) *stripe.PaymentIntent {
	f.t.Helper()
	p := &stripe.PaymentIntentParams{
		Amount: stripe.Int64(amount), Currency: stripe.String("usd"),
		PaymentMethodTypes: stripe.StringSlice([]string{"card_present"}),
		CaptureMethod:      stripe.String(capture),
	}
	for _, fn := range extra {
		fn(p)
	}
	pi, err := f.sc.PaymentIntents.New(p)
	if err != nil {
		f.t.Fatalf("create PaymentIntent: %v", err)
	}
	return pi
}

func (f *fixture) process(readerID, piID string) *stripe.TerminalReader {
	f.t.Helper()
	r, err := f.sc.TerminalReaders.ProcessPaymentIntent(readerID, &stripe.TerminalReaderProcessPaymentIntentParams{
		PaymentIntent: stripe.String(piID),
	})
	if err != nil {
		f.t.Fatalf("process_payment_intent: %v", err)
	}
	return r
}

func (f *fixture) present(readerID, number string) *stripe.TerminalReader {
	f.t.Helper()
	r, err := f.presentErr(readerID, number)
	if err != nil {
		f.t.Fatalf("present_payment_method %s: %v", number, err)
	}
	return r
}

func (f *fixture) presentErr(readerID, number string) (*stripe.TerminalReader, error) {
	p := &stripe.TestHelpersTerminalReaderPresentPaymentMethodParams{Type: stripe.String("card_present")}
	if number != "" {
		p.CardPresent = &stripe.TestHelpersTerminalReaderPresentPaymentMethodCardPresentParams{Number: stripe.String(number)}
	}
	return f.sc.TestHelpersTerminalReaders.PresentPaymentMethod(readerID, p)
}

func (f *fixture) getPI(id string, expand ...string) *stripe.PaymentIntent {
	f.t.Helper()
	p := &stripe.PaymentIntentParams{}
	for _, e := range expand {
		p.AddExpand(e)
	}
	pi, err := f.sc.PaymentIntents.Get(id, p)
	if err != nil {
		f.t.Fatalf("retrieve %s: %v", id, err)
	}
	return pi
}

// stripeErr asserts err is a *stripe.Error and returns it.
func stripeErr(t *testing.T, err error) *stripe.Error {
	t.Helper()
	var se *stripe.Error
	if !errors.As(err, &se) {
		t.Fatalf("want a *stripe.Error, got %T %v", err, err)
	}
	return se
}

// wantErr asserts an API error's HTTP status, type, code and param.
func wantErr(t *testing.T, err error, status int, typ stripe.ErrorType, code stripe.ErrorCode, param string) *stripe.Error {
	t.Helper()
	se := stripeErr(t, err)
	if se.HTTPStatusCode != status || se.Type != typ || se.Code != code || se.Param != param {
		t.Fatalf("got status=%d type=%s code=%s param=%q (%s); want %d %s %s %q",
			se.HTTPStatusCode, se.Type, se.Code, se.Param, se.Msg, status, typ, code, param)
	}
	if se.RequestID == "" {
		t.Errorf("error without Request-Id")
	}
	return se
}

func stripeClientWithKey(url, key string) *client.API {
	backend := stripe.GetBackendWithConfig(stripe.APIBackend, &stripe.BackendConfig{
		URL: stripe.String(url), MaxNetworkRetries: stripe.Int64(0), LeveledLogger: &stripe.LeveledLogger{Level: stripe.LevelNull},
	})
	return client.New(key, &stripe.Backends{API: backend, Connect: backend, Uploads: backend})
}

func basic(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }

func newServer(t *testing.T, e *Emulator) string {
	srv := httptest.NewServer(specChecker{t: t, h: e})
	t.Cleanup(srv.Close)
	return srv.URL
}

func writeFile(path, content string) error { return os.WriteFile(path, []byte(content), 0o600) }
