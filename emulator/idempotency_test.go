package emulator

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stripe/stripe-go/v76"
)

func TestIdempotency(t *testing.T) {
	f := newFixture(t, Options{})
	form := url.Values{"amount": {"1000"}, "currency": {"usd"}, "metadata[order_id]": {"o-7"}}
	key := map[string]string{"Idempotency-Key": "create-o-7"}
	res1, first := rawCall(t, f.srv.URL, http.MethodPost, "/v1/payment_intents", testKey, form, key)
	res2, replay := rawCall(t, f.srv.URL, http.MethodPost, "/v1/payment_intents", testKey, form, key)
	if res1.StatusCode != 200 || res2.StatusCode != 200 || first["id"] != replay["id"] {
		t.Fatalf("replay: %d %v / %d %v", res1.StatusCode, first["id"], res2.StatusCode, replay["id"])
	}
	if res2.Header.Get("Idempotent-Replayed") != "true" || res2.Header.Get("Idempotency-Key") != "create-o-7" ||
		res1.Header.Get("Idempotent-Replayed") != "" {
		t.Errorf("replay headers: first %v, second %v", res1.Header, res2.Header)
	}
	if n := len(f.e.PaymentIntents()); n != 1 {
		t.Fatalf("%d PaymentIntents after a replay, want 1", n)
	}

	// Same key, other parameters.
	other := url.Values{"amount": {"2000"}, "currency": {"usd"}, "metadata[order_id]": {"o-7"}}
	res, body := rawCall(t, f.srv.URL, http.MethodPost, "/v1/payment_intents", testKey, other, key)
	if res.StatusCode != http.StatusBadRequest || errField(body, "type") != "idempotency_error" {
		t.Fatalf("mismatch: %d %v", res.StatusCode, body)
	}
	// Same key, other endpoint.
	res, body = rawCall(t, f.srv.URL, http.MethodPost, "/v1/payment_intents/"+first["id"].(string)+"/cancel", testKey, nil, key)
	if res.StatusCode != http.StatusBadRequest || errField(body, "type") != "invalid_request_error" {
		t.Fatalf("other endpoint: %d %v", res.StatusCode, body)
	}
	if s, _ := f.e.PaymentIntentStatus(first["id"].(string)); s != "requires_payment_method" {
		t.Fatalf("the other-endpoint request ran: %s", s)
	}

	// A request that failed validation is not stored: the key can be used again.
	bad := map[string]string{"Idempotency-Key": "create-bad"}
	res, _ = rawCall(t, f.srv.URL, http.MethodPost, "/v1/payment_intents", testKey, url.Values{"currency": {"usd"}}, bad)
	if res.StatusCode != http.StatusBadRequest {
		t.Fatalf("validation failure: %d", res.StatusCode)
	}
	res, _ = rawCall(t, f.srv.URL, http.MethodPost, "/v1/payment_intents", testKey, form, bad)
	if res.StatusCode != 200 {
		t.Fatalf("key reuse after a validation failure: %d", res.StatusCode)
	}

	// An error response that ran is replayed too.
	ikey := map[string]string{"Idempotency-Key": "capture-1"}
	path := "/v1/payment_intents/" + first["id"].(string) + "/capture"
	res1, _ = rawCall(t, f.srv.URL, http.MethodPost, path, testKey, nil, ikey)
	res2, _ = rawCall(t, f.srv.URL, http.MethodPost, path, testKey, nil, ikey)
	if res1.StatusCode != 400 || res2.StatusCode != 400 || res2.Header.Get("Idempotent-Replayed") != "true" {
		t.Fatalf("error replay: %d %d %v", res1.StatusCode, res2.StatusCode, res2.Header)
	}
	// As Stripe answers: the replay has a Request-Id of its own, and Original-Request names
	// the request that ran (on that one, its own id); Idempotency-Key is echoed.
	first1, id1, id2 := res1.Header.Get("Original-Request"), res1.Header.Get("Request-Id"), res2.Header.Get("Request-Id")
	if first1 != id1 || id2 == id1 || !strings.HasPrefix(id2, "req_") || res2.Header.Get("Original-Request") != id1 ||
		res1.Header.Get("Idempotent-Replayed") != "" || res2.Header.Get("Idempotency-Key") != "capture-1" {
		t.Fatalf("replay headers: first %v, replay %v", res1.Header, res2.Header)
	}
}

// TestIdempotentProcessWithStripeGo: a retried process_payment_intent with the same key
// replays the first reader snapshot instead of sending the command again.
func TestIdempotentProcessWithStripeGo(t *testing.T) {
	f := newFixture(t, Options{})
	pi := f.createPI(1000, "manual")
	params := func() *stripe.TerminalReaderProcessPaymentIntentParams {
		p := &stripe.TerminalReaderProcessPaymentIntentParams{PaymentIntent: stripe.String(pi.ID)}
		p.SetIdempotencyKey("process:" + pi.ID + ":1")
		return p
	}
	if _, err := f.sc.TerminalReaders.ProcessPaymentIntent(f.readers[0], params()); err != nil {
		t.Fatal(err)
	}
	f.present(f.readers[0], "")
	r, err := f.sc.TerminalReaders.ProcessPaymentIntent(f.readers[0], params())
	if err != nil || r.Action.Status != "in_progress" {
		t.Fatalf("replayed process = %+v, %v", r, err)
	}
	if s, _ := f.e.PaymentIntentStatus(pi.ID); s != "requires_capture" {
		t.Fatalf("PI = %s", s)
	}
}
