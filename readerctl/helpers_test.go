package readerctl

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

const testKey = "sk_test_readerctl0123456789"

// newFake starts a fake Stripe built from h and a client pointed at it, with
// stripe-go's retries and till's rate-limit retries off, so each test sees exactly
// the calls it makes.
func newFake(t *testing.T, h http.HandlerFunc, edit ...func(*Config)) *Client {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	cfg := Config{APIKey: testKey, BaseURL: srv.URL, MaxNetworkRetries: -1, RateLimitRetries: -1, Timeout: 5 * time.Second}
	for _, e := range edit {
		e(&cfg)
	}
	c, err := New(cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return c
}

// writeJSON answers like Stripe: a Request-Id header and a JSON body.
func writeJSON(w http.ResponseWriter, status int, requestID string, body any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Request-Id", requestID)
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(body)
}

// stripeError is Stripe's error envelope.
func stripeError(typ, code, declineCode, message string) map[string]any {
	e := map[string]any{"type": typ, "message": message}
	if code != "" {
		e["code"] = code
	}
	if declineCode != "" {
		e["decline_code"] = declineCode
	}
	return map[string]any{"error": e}
}
