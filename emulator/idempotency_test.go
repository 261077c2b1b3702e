package emulator

import (
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"sync"
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
	if res1.StatusCode != 400 || res2.StatusCode != 400 || res2.Header.Get("Idempotent-Replayed") != "true" ||
		res2.Header.Get("Request-Id") != res1.Header.Get("Request-Id") {
		t.Fatalf("error replay: %d %d %v", res1.StatusCode, res2.StatusCode, res2.Header)
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

func TestPersistence(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "emulator.json")
	f := newFixture(t, Options{StatePath: path})
	pi := f.createPI(1000, "manual")
	f.process(f.readers[0], pi.ID)
	key := map[string]string{"Idempotency-Key": "k1"}
	form := url.Values{"amount": {"700"}, "currency": {"usd"}}
	_, created := rawCall(t, f.srv.URL, http.MethodPost, "/v1/payment_intents", testKey, form, key)

	e2, err := New(Options{StatePath: path, Seed: true, Now: f.clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := e2.ReaderIDs(), f.readers; len(got) != 2 || got[0] != want[0] || got[1] != want[1] {
		t.Fatalf("readers after restart = %v, want %v (no reseeding)", got, want)
	}
	if typ, status, id, ok := e2.ReaderAction(f.readers[0]); !ok || typ != "process_payment_intent" || status != "in_progress" || id != pi.ID {
		t.Fatalf("pending action lost: %s %s %s %v", typ, status, id, ok)
	}
	if err := e2.PresentCard(f.readers[0], ""); err != nil {
		t.Fatal(err)
	}
	if s, ok := e2.PaymentIntentStatus(pi.ID); !ok || s != "requires_capture" {
		t.Fatalf("PI after restart = %s %v", s, ok)
	}
	srv2 := newServer(t, e2)
	res, replay := rawCall(t, srv2, http.MethodPost, "/v1/payment_intents", testKey, form, key)
	if res.Header.Get("Idempotent-Replayed") != "true" || replay["id"] != created["id"] {
		t.Fatalf("idempotency record lost: %v %v", res.Header, replay["id"])
	}
	// New ids never repeat an id of the earlier run.
	_, fresh := rawCall(t, srv2, http.MethodPost, "/v1/payment_intents", testKey, form, nil)
	for _, s := range f.e.PaymentIntents() {
		if s.ID == fresh["id"] {
			t.Fatalf("id %v reused after restart", fresh["id"])
		}
	}
	// A third start sees what the second wrote.
	e3, err := New(Options{StatePath: path})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(e3.PaymentIntents()); n != 3 {
		t.Fatalf("%d PaymentIntents after the second restart, want 3", n)
	}
}

// TestStateWrittenOnChange: the state file is rewritten by a request that changes the
// state, not by a read or a request refused at validation.
func TestStateWrittenOnChange(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	f := newFixture(t, Options{StatePath: path})
	for _, tc := range []struct {
		name, method, path string
		form               url.Values
		writes             bool
	}{
		{"list", http.MethodGet, "/v1/payment_intents", nil, false},
		{"retrieve reader", http.MethodGet, "/v1/terminal/readers/" + f.readers[0], nil, false},
		{"unknown parameter", http.MethodPost, "/v1/payment_intents", url.Values{"amount": {"1000"}, "currency": {"usd"}, "colour": {"red"}}, false},
		{"missing parameter", http.MethodPost, "/v1/payment_intents", url.Values{"currency": {"usd"}}, false},
		{"create", http.MethodPost, "/v1/payment_intents", url.Values{"amount": {"1000"}, "currency": {"usd"}}, true},
	} {
		os.Remove(path) // gone, unless this request writes it anew
		res, _ := rawCall(t, f.srv.URL, tc.method, tc.path, testKey, tc.form, nil)
		_, err := os.Stat(path)
		if written := err == nil; written != tc.writes {
			t.Errorf("%s (%d): state written %v, want %v", tc.name, res.StatusCode, written, tc.writes)
		}
	}
}

// TestConcurrentWritesKeepTheNewest: requests write the state file outside the lock;
// however they interleave, the file ends with every change.
func TestConcurrentWritesKeepTheNewest(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	f := newFixture(t, Options{StatePath: path})
	const n = 20
	var wg sync.WaitGroup
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := f.sc.PaymentIntents.New(&stripe.PaymentIntentParams{Amount: stripe.Int64(1000), Currency: stripe.String("usd")}); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	e2, err := New(Options{StatePath: path})
	if err != nil {
		t.Fatal(err)
	}
	if got := len(e2.PaymentIntents()); got != n {
		t.Fatalf("the state file has %d PaymentIntents, want %d", got, n)
	}
}

func TestCorruptStateFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	if err := writeFile(path, "{not json"); err != nil {
		t.Fatal(err)
	}
	if _, err := New(Options{StatePath: path}); err == nil {
		t.Fatal("New accepted a corrupt state file")
	}
}
