package readerctl

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/till-pos/till/checkout"
)

// TestStripeErrorsMapToKinds: every Stripe error envelope becomes a *checkout.Failure
// of the right kind, carrying Stripe's code, decline code, message, request id and
// HTTP status.
func TestStripeErrorsMapToKinds(t *testing.T) {
	tests := []struct {
		name                        string
		status                      int
		typ, code, decline, message string
		want                        checkout.Kind
	}{
		{"reader busy", 400, "invalid_request_error", "terminal_reader_busy", "", "Reader is currently busy processing another request.", checkout.KindReaderBusy},
		{"reader offline", 400, "invalid_request_error", "terminal_reader_offline", "", "Reader is currently offline.", checkout.KindReaderOffline},
		{"reader timeout", 400, "invalid_request_error", "terminal_reader_timeout", "", "There was a timeout when sending this command to the reader.", checkout.KindReaderTimeout},
		{"intent invalid state", 400, "invalid_request_error", "intent_invalid_state", "", "Payment intent must be in the requires_payment_method state to be processed by a reader.", checkout.KindInvalidState},
		{"payment intent unexpected state", 400, "invalid_request_error", "payment_intent_unexpected_state", "", "The PaymentIntent's state was incompatible with the operation.", checkout.KindInvalidState},
		{"resource missing", 404, "invalid_request_error", "resource_missing", "", "No such terminal.reader: 'tmr_nope'", checkout.KindNotFound},
		{"404 without a code", 404, "invalid_request_error", "", "", "Unrecognized request URL.", checkout.KindNotFound},
		{"no key", 401, "invalid_request_error", "", "", "You did not provide an API key.", checkout.KindAuth},
		{"no permission", 403, "invalid_request_error", "", "", "The provided key does not have access to this resource.", checkout.KindAuth},
		{"rate limit", 429, "invalid_request_error", "rate_limit", "", "Too many requests hit the API too quickly.", checkout.KindRateLimit},
		{"card declined", 402, "card_error", "card_declined", "insufficient_funds", "Your card has insufficient funds.", checkout.KindDeclined},
		{"expired card", 402, "card_error", "expired_card", "", "Your card has expired.", checkout.KindDeclined},
		{"idempotency mismatch", 400, "idempotency_error", "", "", "Keys for idempotent requests can only be used with the same parameters they were first used with.", checkout.KindInvalidRequest},
		{"idempotency key in use", 409, "invalid_request_error", "idempotency_key_in_use", "", "The idempotency key provided is currently being used in another request.", checkout.KindInvalidRequest},
		{"parameter missing", 400, "invalid_request_error", "parameter_missing", "", "Missing required param: amount.", checkout.KindInvalidRequest},
		{"server error", 500, "api_error", "", "", "An unknown error occurred.", checkout.KindServer},
		{"unavailable", 503, "api_error", "", "", "Service unavailable.", checkout.KindServer},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := newFake(t, func(w http.ResponseWriter, r *http.Request) {
				writeJSON(w, tt.status, "req_"+tt.name, stripeError(tt.typ, tt.code, tt.decline, tt.message))
			})
			_, err := c.ReadReader(context.Background(), "tmr_1")
			var f *checkout.Failure
			if !errors.As(err, &f) {
				t.Fatalf("error %v (%T) is not a *checkout.Failure", err, err)
			}
			want := checkout.Failure{Kind: tt.want, Code: tt.code, DeclineCode: tt.decline, Message: tt.message, RequestID: "req_" + tt.name, HTTPStatus: tt.status}
			if *f != want {
				t.Errorf("failure = %+v\nwant      %+v", *f, want)
			}
		})
	}
}

// TestUnreadableAnswersMapByStatus: an answer that is not Stripe's JSON (a proxy's HTML
// page) is still classified by its HTTP status, without its body in the message.
func TestUnreadableAnswersMapByStatus(t *testing.T) {
	tests := []struct {
		status int
		want   checkout.Kind
	}{
		{502, checkout.KindServer},
		{401, checkout.KindAuth},
		{429, checkout.KindRateLimit},
		{404, checkout.KindNotFound},
		{400, checkout.KindInvalidRequest},
		{200, checkout.KindServer},
	}
	for _, tt := range tests {
		t.Run(http.StatusText(tt.status), func(t *testing.T) {
			c := newFake(t, func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Request-Id", "req_html")
				w.WriteHeader(tt.status)
				_, _ = w.Write([]byte("<html>Bad Gateway secret-body</html>"))
			})
			_, err := c.ReadReader(context.Background(), "tmr_1")
			f := checkout.AsFailure(err)
			if f.Kind != tt.want || f.HTTPStatus != tt.status || f.RequestID != "req_html" {
				t.Errorf("failure = %+v, want kind %s, status %d, request id req_html", *f, tt.want, tt.status)
			}
			if strings.Contains(f.Message, "secret-body") {
				t.Errorf("message %q repeats the body", f.Message)
			}
		})
	}
}

// TestNoAnswerIsNetwork: a refused connection, a dropped connection, the client's
// deadline and the caller's cancellation all mean "no answer", which is KindNetwork.
func TestNoAnswerIsNetwork(t *testing.T) {
	t.Run("connection refused", func(t *testing.T) {
		c, err := New(Config{APIKey: testKey, BaseURL: "http://127.0.0.1:1", MaxNetworkRetries: -1})
		if err != nil {
			t.Fatal(err)
		}
		_, err = c.ReadReader(context.Background(), "tmr_1")
		f := checkout.AsFailure(err)
		if f.Kind != checkout.KindNetwork || !strings.Contains(f.Message, "could not reach Stripe") {
			t.Errorf("failure = %+v, want network / could not reach Stripe", *f)
		}
		if strings.Contains(f.Message, "http://") {
			t.Errorf("message %q repeats the URL", f.Message)
		}
	})
	t.Run("connection dropped", func(t *testing.T) {
		c := newFake(t, func(w http.ResponseWriter, r *http.Request) {
			conn, _, err := w.(http.Hijacker).Hijack()
			if err == nil {
				_ = conn.Close()
			}
		})
		_, err := c.CreateIntent(context.Background(), checkout.CreateIntent{OrderID: "o1", Amount: checkout.Money{Amount: 100, Currency: "usd"}, Key: "k"})
		if f := checkout.AsFailure(err); f.Kind != checkout.KindNetwork || !f.Ambiguous() {
			t.Errorf("failure = %+v, want an ambiguous network failure", *f)
		}
	})
	slow := func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
	}
	t.Run("client timeout", func(t *testing.T) {
		c := newFake(t, slow, func(cfg *Config) { cfg.Timeout = 50 * time.Millisecond })
		start := time.Now()
		_, err := c.ReadIntent(context.Background(), "pi_1")
		f := checkout.AsFailure(err)
		if f.Kind != checkout.KindNetwork || !strings.Contains(f.Message, "in time") {
			t.Errorf("failure = %+v, want network / in time", *f)
		}
		if d := time.Since(start); d > 2*time.Second {
			t.Errorf("call took %v; the 50ms timeout did not apply", d)
		}
	})
	t.Run("caller deadline shorter than timeout", func(t *testing.T) {
		c := newFake(t, slow, func(cfg *Config) { cfg.Timeout = time.Minute })
		ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
		defer cancel()
		start := time.Now()
		_, err := c.ReadIntent(ctx, "pi_1")
		if f := checkout.AsFailure(err); f.Kind != checkout.KindNetwork {
			t.Errorf("failure = %+v, want network", *f)
		}
		if d := time.Since(start); d > 2*time.Second {
			t.Errorf("call took %v; the caller's deadline did not apply", d)
		}
	})
	t.Run("caller canceled", func(t *testing.T) {
		c := newFake(t, slow)
		ctx, cancel := context.WithCancel(context.Background())
		time.AfterFunc(20*time.Millisecond, cancel)
		_, err := c.ReadIntent(ctx, "pi_1")
		f := checkout.AsFailure(err)
		if f.Kind != checkout.KindNetwork || !strings.Contains(f.Message, "abandoned") {
			t.Errorf("failure = %+v, want network / abandoned", *f)
		}
	})
}

// TestKeyNeverInErrors: even when the server echoes the key, no failure repeats it.
func TestKeyNeverInErrors(t *testing.T) {
	c := newFake(t, func(w http.ResponseWriter, r *http.Request) {
		key := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
		writeJSON(w, 401, "req_1", stripeError("invalid_request_error", "", "", "Invalid API Key provided: "+key+" (also sk_test_****6789)"))
	})
	_, err := c.ReadReader(context.Background(), "tmr_1")
	f := checkout.AsFailure(err)
	if f.Kind != checkout.KindAuth {
		t.Fatalf("kind = %s, want auth", f.Kind)
	}
	for _, s := range []string{err.Error(), f.Message, checkout.Explain(f)} {
		if strings.Contains(s, testKey) || strings.Contains(s, "sk_test_") {
			t.Errorf("%q shows the key", s)
		}
	}
}

// TestMoneyCallsNeedTheirKey: without an idempotency key nothing is sent, since
// stripe-go would invent a random key and a replay could act twice.
func TestMoneyCallsNeedTheirKey(t *testing.T) {
	var sent atomic.Int32
	c := newFake(t, func(w http.ResponseWriter, r *http.Request) { sent.Add(1) })
	ctx := context.Background()
	calls := map[string]func() error{
		"create": func() error {
			_, err := c.CreateIntent(ctx, checkout.CreateIntent{OrderID: "o", Amount: checkout.Money{Amount: 100, Currency: "usd"}})
			return err
		},
		"process": func() error {
			_, err := c.ProcessOnReader(ctx, checkout.ProcessOnReader{ReaderID: "tmr_1", PaymentIntentID: "pi_1"})
			return err
		},
		"capture": func() error {
			_, err := c.CaptureIntent(ctx, checkout.CaptureIntent{PaymentIntentID: "pi_1"})
			return err
		},
		"cancel": func() error {
			_, err := c.CancelIntent(ctx, checkout.CancelIntent{PaymentIntentID: "pi_1"})
			return err
		},
	}
	for name, call := range calls {
		if f := checkout.AsFailure(call()); f.Kind != checkout.KindInvalidRequest || !strings.Contains(f.Message, "idempotency key") {
			t.Errorf("%s: failure = %+v, want invalid_request about the idempotency key", name, *f)
		}
	}
	if n := sent.Load(); n != 0 {
		t.Errorf("%d requests were sent", n)
	}
}
