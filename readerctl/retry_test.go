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

// limited answers like Stripe over its rate limit for the first n requests, recording
// each request's idempotency key, then passes the rest to ok.
type limited struct {
	mu     sync.Mutex
	n      int
	header string // "" answers 429; else a 409 carrying Stripe-Should-Retry: header
	keys   []string
	ok     http.HandlerFunc
}

func (l *limited) serve(w http.ResponseWriter, r *http.Request) {
	l.mu.Lock()
	l.keys = append(l.keys, r.Header.Get("Idempotency-Key"))
	refuse := len(l.keys) <= l.n
	l.mu.Unlock()
	switch {
	case refuse && l.header == "":
		writeJSON(w, 429, "req_limited", stripeError("invalid_request_error", "rate_limit", "", "Too many requests hit the API too quickly."))
	case refuse:
		w.Header().Set("Stripe-Should-Retry", l.header)
		writeJSON(w, 409, "req_lock", stripeError("invalid_request_error", "lock_timeout", "", "This object is locked."))
	default:
		l.ok(w, r)
	}
}

func (l *limited) sent() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]string(nil), l.keys...)
}

func okIntent(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, 200, "req_ok", map[string]any{"id": "pi_1", "object": "payment_intent", "status": "requires_payment_method",
		"amount": 1200, "currency": "usd"})
}

func retrying(cfg *Config) {
	cfg.RateLimitRetries = 0 // the default budget
	cfg.MaxNetworkRetries = 0
}

// A rate-limited create is sent again with the same idempotency key and succeeds; the
// caller's Busy saw each wait and the caller saw no error.
func TestRateLimitedCallIsSentAgainWithTheSameKey(t *testing.T) {
	l := &limited{n: 2, ok: okIntent}
	c := newFake(t, l.serve, retrying)
	var waits []time.Duration
	busy := &checkout.Busy{OnWait: func(d time.Duration) { waits = append(waits, d) }}
	ctx := checkout.WithBusy(context.Background(), busy)
	in, err := c.CreateIntent(ctx, checkout.CreateIntent{OrderID: "o1", Amount: checkout.Money{Amount: 1200, Currency: "usd"}, Key: "till_o1_create"})
	if err != nil || in.ID != "pi_1" {
		t.Fatalf("CreateIntent = %+v, %v; want the intent", in, err)
	}
	keys := l.sent()
	if len(keys) != 3 || keys[0] != "till_o1_create" || keys[1] != keys[0] || keys[2] != keys[0] {
		t.Fatalf("requests carried keys %q; want three with till_o1_create", keys)
	}
	if len(waits) != 2 || waits[0] < 125*time.Millisecond || waits[0] > 250*time.Millisecond || waits[1] < 250*time.Millisecond {
		t.Errorf("waits %v; want two, jittered and growing", waits)
	}
}

// An answer Stripe marks Stripe-Should-Retry: true is retried by till alone: stripe-go,
// with its own retries on, does not send it a third time.
func TestShouldRetryIsRetriedOnce(t *testing.T) {
	l := &limited{n: 1, header: "true", ok: okIntent}
	c := newFake(t, l.serve, func(cfg *Config) { cfg.RateLimitRetries, cfg.MaxNetworkRetries = 0, 2 })
	if _, err := c.ReadIntent(context.Background(), "pi_1"); err != nil {
		t.Fatalf("ReadIntent: %v", err)
	}
	if n := len(l.sent()); n != 2 {
		t.Fatalf("%d requests; want 2 (the refused one, then one retry)", n)
	}
	// Stripe-Should-Retry: false is obeyed: no retry at all.
	l = &limited{n: 1, header: "false", ok: okIntent}
	c = newFake(t, l.serve, func(cfg *Config) { cfg.RateLimitRetries, cfg.MaxNetworkRetries = 0, 2 })
	if _, err := c.ReadIntent(context.Background(), "pi_1"); err == nil || len(l.sent()) != 1 {
		t.Fatalf("Stripe-Should-Retry: false: %d requests, err %v; want 1 and the error", len(l.sent()), err)
	}
}

// A rate limit that outlasts the deadline ends the call in time, as a rate limit
// (nothing was done), not as an ambiguous failure.
func TestRateLimitGivesUpBeforeTheDeadline(t *testing.T) {
	l := &limited{n: 1 << 30, ok: okIntent}
	// The first two waits are at most 250 ms and 500 ms (rateLimitWait), so a third request
	// always fits in the deadline, whatever the jitter draws; with 700 ms it did not when
	// both drew high (about one run in 25).
	const deadline = 1200 * time.Millisecond
	c := newFake(t, l.serve, retrying, func(cfg *Config) { cfg.Timeout = deadline })
	start := time.Now()
	_, err := c.ReadIntent(context.Background(), "pi_1")
	took := time.Since(start)
	f := checkout.AsFailure(err)
	if f.Kind != checkout.KindRateLimit || f.Ambiguous() {
		t.Fatalf("failure %+v; want a rate limit", f)
	}
	if n := len(l.sent()); n < 3 || took > deadline {
		t.Fatalf("%d requests in %v; want several, ending within the %v deadline", n, took, deadline)
	}
}

// A listing that hit the limit half way starts again and returns each reader once.
func TestRateLimitedListingStartsAgain(t *testing.T) {
	var mu sync.Mutex
	pages := 0
	c := newFake(t, func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		pages++
		n := pages
		mu.Unlock()
		switch {
		case n == 2:
			writeJSON(w, 429, "req_limited", stripeError("invalid_request_error", "rate_limit", "", "slow down"))
		case r.URL.Query().Get("starting_after") == "":
			writeJSON(w, 200, "req_p1", map[string]any{"object": "list", "has_more": true, "url": "/v1/terminal/readers",
				"data": []any{map[string]any{"id": "tmr_1", "object": "terminal.reader"}}})
		default:
			writeJSON(w, 200, "req_p2", map[string]any{"object": "list", "has_more": false, "url": "/v1/terminal/readers",
				"data": []any{map[string]any{"id": "tmr_2", "object": "terminal.reader"}}})
		}
	}, retrying)
	readers, err := c.ListReaders(context.Background())
	if err != nil || len(readers) != 2 || readers[0].ID != "tmr_1" || readers[1].ID != "tmr_2" {
		t.Fatalf("ListReaders = %+v, %v; want tmr_1, tmr_2", readers, err)
	}
}

// The test helper that presents a card is retried too, under one key of its own.
func TestPresentCardIsRetriedUnderOneKey(t *testing.T) {
	l := &limited{n: 1, ok: func(w http.ResponseWriter, _ *http.Request) {
		writeJSON(w, 200, "req_ok", map[string]any{"id": "tmr_1", "object": "terminal.reader"})
	}}
	c := newFake(t, l.serve, retrying)
	if _, err := c.PresentCard(context.Background(), "tmr_1", "4242424242424242"); err != nil {
		t.Fatalf("PresentCard: %v", err)
	}
	keys := l.sent()
	if len(keys) != 2 || !strings.HasPrefix(keys[0], "till_") || keys[1] != keys[0] {
		t.Fatalf("keys %q; want two requests under one till_ key", keys)
	}
}

// Against the emulator limited to 25 requests a second, a burst of reads all succeed.
func TestEmulatorRateLimitIsRidden(t *testing.T) {
	e, err := emulator.New(emulator.Options{Seed: true}) // the real clock: the limit is per second
	if err != nil {
		t.Fatal(err)
	}
	e.SetFault("", emulator.Fault{RateLimit: true})
	srv := httptest.NewServer(e)
	t.Cleanup(srv.Close)
	c, err := New(Config{APIKey: testKey, BaseURL: srv.URL, Timeout: 10 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	reader := e.ReaderIDs()[0]
	var wg sync.WaitGroup
	errs := make(chan error, 60)
	for i := 0; i < 60; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := c.ReadReader(context.Background(), reader); err != nil {
				errs <- err
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Errorf("a read failed under the rate limit: %v", err)
	}
}
