package readerctl

import (
	"context"
	"errors"
	"io"
	"net/http"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/till-pos/till/checkout"
)

// TestNewChecksTheKey: only test-mode secret and restricted keys are accepted, and a
// refusal says why without repeating the key.
func TestNewChecksTheKey(t *testing.T) {
	tests := []struct {
		name, key string
		want      error
		says      string
	}{
		{"empty", "", ErrNoKey, "no Stripe API key"},
		{"blank", "  \n", ErrNoKey, "no Stripe API key"},
		{"live secret", "sk_live_51Habcdefghijklmnop", ErrNotTestKey, "live-mode"},
		{"live restricted", "rk_live_51Habcdefghijklmnop", ErrNotTestKey, "live-mode"},
		{"publishable", "pk_test_51Habcdefghijklmnop", ErrNotTestKey, "publishable"},
		{"garbage", "hunter2-not-a-key", ErrNotTestKey, "does not look like"},
		{"test secret", "sk_test_51Habcdefghijklmnop", nil, ""},
		{"test restricted", "rk_test_51Habcdefghijklmnop", nil, ""},
		{"test secret with newline", "sk_test_51Habcdefghijklmnop\n", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := New(Config{APIKey: tt.key})
			if !errors.Is(err, tt.want) {
				t.Fatalf("New error = %v, want %v", err, tt.want)
			}
			if tt.want == nil {
				if c == nil {
					t.Fatal("New returned no client")
				}
				return
			}
			if !strings.Contains(err.Error(), tt.says) {
				t.Errorf("error %q does not say %q", err, tt.says)
			}
			if k := strings.TrimSpace(tt.key); k != "" && strings.Contains(err.Error(), k) {
				t.Errorf("error %q repeats the key", err)
			}
		})
	}
}

func TestNewChecksTheBaseURL(t *testing.T) {
	for _, base := range []string{"127.0.0.1:12111", "ftp://example.com", "http://", "::"} {
		if _, err := New(Config{APIKey: testKey, BaseURL: base}); err == nil || !strings.Contains(err.Error(), "API base URL") {
			t.Errorf("BaseURL %q: error = %v, want one about the API base URL", base, err)
		}
	}
	for _, base := range []string{"http://127.0.0.1:12111", "https://api.stripe.com", "http://localhost:1/v1/"} {
		if _, err := New(Config{APIKey: testKey, BaseURL: base}); err != nil {
			t.Errorf("BaseURL %q: %v", base, err)
		}
	}
}

// TestNewLeavesTheCallersHTTPClientAlone: the observer wraps a copy.
func TestNewLeavesTheCallersHTTPClientAlone(t *testing.T) {
	hc := &http.Client{}
	if _, err := New(Config{APIKey: testKey, HTTPClient: hc}); err != nil {
		t.Fatal(err)
	}
	if hc.Transport != nil {
		t.Errorf("the caller's client got transport %T", hc.Transport)
	}
}

// TestStripeGoStaysSilent: stripe-go's default logger writes errors to stderr and
// requests to stdout; the TUI owns the terminal, so nothing may appear there.
func TestStripeGoStaysSilent(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	oldOut, oldErr := os.Stdout, os.Stderr
	os.Stdout, os.Stderr = w, w
	var got []byte
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done(); got, _ = io.ReadAll(r) }()

	c := newFake(t, func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 500, "req_1", stripeError("api_error", "", "", "boom"))
	})
	_, callErr := c.ReadReader(context.Background(), "tmr_1")

	os.Stdout, os.Stderr = oldOut, oldErr
	_ = w.Close()
	wg.Wait()
	if checkout.AsFailure(callErr).Kind != checkout.KindServer {
		t.Fatalf("call error = %v, want a server failure", callErr)
	}
	if len(got) != 0 {
		t.Errorf("stripe-go wrote to the terminal: %q", got)
	}
}

// TestRetries: by default stripe-go retries a GET that got a 503 (each attempt is an
// observed Call); a negative setting turns retries off.
func TestRetries(t *testing.T) {
	tests := []struct {
		name     string
		retries  int64
		wantErr  bool
		wantCall int
	}{
		{"default retries", 0, false, 2},
		{"retries off", -1, true, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var mu sync.Mutex
			var calls []Call
			served := 0
			c := newFake(t, func(w http.ResponseWriter, r *http.Request) {
				mu.Lock()
				served++
				first := served == 1
				mu.Unlock()
				if first {
					writeJSON(w, 503, "req_a", stripeError("api_error", "", "", "try again"))
					return
				}
				writeJSON(w, 200, "req_b", map[string]any{"id": "tmr_1", "object": "terminal.reader"})
			}, func(cfg *Config) {
				cfg.MaxNetworkRetries = tt.retries
				cfg.OnCall = func(c Call) { mu.Lock(); calls = append(calls, c); mu.Unlock() }
			})
			_, err := c.ReadReader(context.Background(), "tmr_1")
			if (err != nil) != tt.wantErr {
				t.Errorf("error = %v, want error: %v", err, tt.wantErr)
			}
			mu.Lock()
			defer mu.Unlock()
			if len(calls) != tt.wantCall {
				t.Fatalf("%d calls observed, want %d: %+v", len(calls), tt.wantCall, calls)
			}
			if calls[0].HTTPStatus != 503 {
				t.Errorf("first call status %d, want 503", calls[0].HTTPStatus)
			}
		})
	}
}
