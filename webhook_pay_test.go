package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/till-pos/till/emulator"
	"github.com/till-pos/till/readerctl"
)

// hookRig is till pay against the emulator with Stripe's webhooks on loopback:
//
//	till ──api──► counter ──► emulator ──webhooks──► relay ──► till's receiver
//
// The counter records till's API requests; the relay can drop events by type.
type hookRig struct {
	emu     *emulator.Emulator
	emuURL  string
	api     *httptest.Server
	db      string
	readers []string

	mu        sync.Mutex
	requests  []string             // "METHOD /path" of each request till made
	at        map[string]time.Time // when a request of that kind first arrived
	drop      map[string]bool      // event types the relay loses
	relayed   []string             // event types handed to till
	onProcess func()               // runs after a process call is answered, before till gets the answer
}

// freeAddr is a loopback address nothing listens on (yet), for till to listen on
// later. Its port is below Linux's range of ephemeral ports (32768 up): a port the
// kernel handed out would be free again for any process's next connection or
// listener on :0 to take before till binds it, which other tests on a busy machine
// did ("address already in use").
func freeAddr(t testing.TB) string {
	t.Helper()
	for range 100 {
		addr := "127.0.0.1:" + strconv.Itoa(20000+rand.IntN(12000))
		if ln, err := net.Listen("tcp", addr); err == nil {
			ln.Close()
			return addr
		}
	}
	t.Fatal("no free loopback port between 20000 and 32000")
	return ""
}

func newHookRig(t testing.TB, webhooks bool) *hookRig {
	t.Helper()
	r := &hookRig{db: payEnv(t), at: map[string]time.Time{}, drop: map[string]bool{}}
	t.Setenv("TILL_POLL_INTERVAL", "1s")
	opts := emulator.Options{Seed: true}
	if webhooks {
		listen := freeAddr(t)
		relay := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) { r.relay(w, req, listen) }))
		t.Cleanup(relay.Close)
		opts.Webhooks = []emulator.WebhookEndpoint{{URL: relay.URL, Secret: hookSecret}}
		opts.WebhookBackoff = 50 * time.Millisecond
		t.Setenv("TILL_WEBHOOK_LISTEN", listen)
		t.Setenv("TILL_WEBHOOK_SECRET", hookSecret)
	}
	emu, err := emulator.New(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { emu.Close() })
	emuSrv := httptest.NewServer(emu)
	t.Cleanup(emuSrv.Close)
	r.emu, r.emuURL, r.readers = emu, emuSrv.URL, emu.ReaderIDs()
	r.api = httptest.NewServer(http.HandlerFunc(r.count))
	t.Cleanup(r.api.Close)
	return r
}

// count forwards one of till's requests to the emulator and records it.
func (r *hookRig) count(w http.ResponseWriter, req *http.Request) {
	kind := req.Method + " " + req.URL.Path
	r.mu.Lock()
	r.requests = append(r.requests, kind)
	if _, ok := r.at[kind]; !ok {
		r.at[kind] = time.Now()
	}
	onProcess := r.onProcess
	r.mu.Unlock()
	rec := httptest.NewRecorder()
	out := req.Clone(req.Context())
	out.RequestURI = ""
	r.emu.ServeHTTP(rec, out)
	if strings.HasSuffix(req.URL.Path, "/process_payment_intent") && onProcess != nil {
		onProcess()
	}
	for k, v := range rec.Header() {
		w.Header()[k] = v
	}
	w.WriteHeader(rec.Code)
	_, _ = w.Write(rec.Body.Bytes())
}

// relay hands an event to till's receiver, unless its type is dropped.
func (r *hookRig) relay(w http.ResponseWriter, req *http.Request, listen string) {
	body, _ := io.ReadAll(req.Body)
	var ev struct {
		Type string `json:"type"`
	}
	_ = json.Unmarshal(body, &ev)
	r.mu.Lock()
	dropped := r.drop[ev.Type]
	r.mu.Unlock()
	if dropped {
		return // lost on the way: the emulator thinks it was delivered
	}
	out, _ := http.NewRequest(http.MethodPost, "http://"+listen+"/", bytes.NewReader(body))
	out.Header.Set("Stripe-Signature", req.Header.Get("Stripe-Signature"))
	resp, err := http.DefaultClient.Do(out)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	resp.Body.Close()
	r.mu.Lock()
	r.relayed = append(r.relayed, ev.Type)
	r.mu.Unlock()
	w.WriteHeader(resp.StatusCode)
}

func (r *hookRig) pay(t testing.TB, args ...string) (int, payResult, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(append([]string{"pay", "--json", "--api-base", r.api.URL, "--db", r.db, "--reader", r.readers[0]}, args...), &out, &errOut)
	var res payResult
	if err := json.Unmarshal(out.Bytes(), &res); err != nil {
		t.Fatalf("output %q, stderr %q", out.String(), errOut.String())
	}
	return code, res, errOut.String()
}

// present taps a test card on the reader, as the customer would: not one of till's calls.
func (r *hookRig) present(t testing.TB, readerID string) {
	c, err := readerctl.New(readerctl.Config{APIKey: "sk_test_customer", BaseURL: r.emuURL, MaxNetworkRetries: -1})
	if err != nil {
		t.Error(err)
		return
	}
	if _, err := c.PresentCard(context.Background(), readerID, "4242424242424242"); err != nil {
		t.Error(err)
	}
}

func (r *hookRig) calls() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.requests...)
}

func (r *hookRig) reads() int {
	n := 0
	for _, c := range r.calls() {
		if statusRead(c) {
			n++
		}
	}
	return n
}

// statusRead reports a poll's call: the PaymentIntent, or the reader with its payment.
func statusRead(call string) bool {
	return strings.HasPrefix(call, "GET /v1/payment_intents/pi_") || strings.HasPrefix(call, "GET /v1/terminal/readers/tmr_")
}

func TestPayWithWebhooks(t *testing.T) {
	r := newHookRig(t, true)
	code, res, stderr := r.pay(t, "--amount", "12.00")
	if code != 0 || res.Status != "succeeded" || res.Livemode {
		t.Fatalf("exit %d %+v %s", code, res, stderr)
	}
	// The card was approved at once; the webhook said so before any poll was due.
	if n := r.reads(); n != 0 {
		t.Fatalf("%d status reads: %v", n, r.calls())
	}
}

// A lost webhook: the authorization's events never arrive, and the safety-net poll
// (slow, since payment_intent.created showed webhooks arrive) finishes the payment.
func TestPayFinishesWhenTheWebhookIsLost(t *testing.T) {
	r := newHookRig(t, true)
	t.Setenv("TILL_POLL_INTERVAL", "50ms")
	t.Setenv("TILL_WEBHOOK_SAFETY_POLL", "400ms")
	for _, typ := range []string{"payment_intent.amount_capturable_updated", "terminal.reader.action_succeeded", "charge.succeeded"} {
		r.drop[typ] = true
	}
	code, res, stderr := r.pay(t, "--amount", "12.00")
	if code != 0 || res.Status != "succeeded" {
		t.Fatalf("exit %d %+v %s", code, res, stderr)
	}
	r.mu.Lock()
	var process, read time.Time
	for kind, at := range r.at {
		switch {
		case strings.HasSuffix(kind, "/process_payment_intent"):
			process = at
		case statusRead(kind):
			read = at
		}
	}
	r.mu.Unlock()
	if n := r.reads(); n != 1 || read.Sub(process) < 350*time.Millisecond {
		t.Fatalf("%d reads, the first %v after the process call; want one, at the safety poll", n, read.Sub(process))
	}
}

// The card is tapped and the webhook arrives while till's process call is still out:
// the payment is captured on the webhook's word, with no poll.
func TestPayWithTheWebhookBeforeTheProcessCallReturns(t *testing.T) {
	r := newHookRig(t, true)
	r.onProcess = func() {
		r.present(t, r.readers[0])
		deadline := time.Now().Add(5 * time.Second)
		for time.Now().Before(deadline) {
			r.mu.Lock()
			got := strings.Join(r.relayed, " ")
			r.mu.Unlock()
			if strings.Contains(got, "payment_intent.amount_capturable_updated") {
				return
			}
			time.Sleep(5 * time.Millisecond)
		}
		t.Error("the authorization's webhook never reached till")
	}
	code, res, stderr := r.pay(t, "--amount", "12.00", "--card", "none")
	if code != 0 || res.Status != "succeeded" {
		t.Fatalf("exit %d %+v %s", code, res, stderr)
	}
	if n := r.reads(); n != 0 {
		t.Fatalf("%d status reads: %v", n, r.calls())
	}
}
