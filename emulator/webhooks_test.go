package emulator

import (
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"runtime"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stripe/stripe-go/v76"
	"github.com/stripe/stripe-go/v76/webhook"
)

// receiver is a webhook endpoint that records what it is sent; it answers 500 to the
// first fail requests.
type receiver struct {
	t      *testing.T
	srv    *httptest.Server
	secret string
	got    chan received
	fail   atomic.Int32
	hits   atomic.Int32
}

type received struct {
	body []byte
	sig  string
	at   time.Time
}

func newReceiver(t *testing.T, secret string) *receiver {
	rc := &receiver{t: t, secret: secret, got: make(chan received, 200)}
	rc.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rc.hits.Add(1)
		body, _ := io.ReadAll(r.Body)
		if rc.fail.Add(-1) >= 0 {
			w.WriteHeader(http.StatusInternalServerError)
			return
		}
		rc.got <- received{body: body, sig: r.Header.Get("Stripe-Signature"), at: time.Now()}
	}))
	t.Cleanup(rc.srv.Close)
	return rc
}

func (rc *receiver) endpoint() WebhookEndpoint {
	return WebhookEndpoint{URL: rc.srv.URL, Secret: rc.secret}
}

// events waits for n deliveries and returns them as stripe-go's webhook package reads
// them, after checking each body against the spec.
func (rc *receiver) events(n int) []stripe.Event {
	rc.t.Helper()
	var out []stripe.Event
	for len(out) < n {
		select {
		case r := <-rc.got:
			ev, err := webhook.ConstructEvent(r.body, r.sig, rc.secret)
			if err != nil {
				rc.t.Fatalf("webhook.ConstructEvent refused a delivery: %v", err)
			}
			checkEventBody(rc.t, r.body)
			out = append(out, ev)
		case <-time.After(5 * time.Second):
			rc.t.Fatalf("%d of %d webhooks arrived: %v", len(out), n, eventTypes(out))
		}
	}
	return out
}

// none asserts nothing arrives within a short while.
func (rc *receiver) none(within time.Duration) {
	rc.t.Helper()
	select {
	case r := <-rc.got:
		rc.t.Fatalf("unexpected webhook: %s", r.body)
	case <-time.After(within):
	}
}

func eventTypes(evs []stripe.Event) []string {
	var out []string
	for _, ev := range evs {
		out = append(out, string(ev.Type))
	}
	return out
}

func webhookFixture(t *testing.T, opts Options, rcs ...*receiver) *fixture {
	for _, rc := range rcs {
		opts.Webhooks = append(opts.Webhooks, rc.endpoint())
	}
	f := newFixture(t, opts)
	t.Cleanup(func() { f.e.Close() })
	return f
}

func TestWebhookSequences(t *testing.T) {
	for _, tc := range []struct {
		name string
		flow func(f *fixture) string // returns the PaymentIntent id
		want []string
	}{
		{"manual approve and capture", func(f *fixture) string {
			pi := f.createPI(1000, "manual")
			f.process(f.readers[0], pi.ID)
			f.present(f.readers[0], "")
			if _, err := f.sc.PaymentIntents.Capture(pi.ID, nil); err != nil {
				t.Fatal(err)
			}
			return pi.ID
		}, []string{"payment_intent.created", "charge.succeeded", "payment_intent.amount_capturable_updated",
			"terminal.reader.action_succeeded", "charge.captured", "payment_intent.succeeded"}},
		{"automatic approve", func(f *fixture) string {
			pi := f.createPI(1000, "automatic")
			f.process(f.readers[1], pi.ID)
			f.present(f.readers[1], "")
			return pi.ID
		}, []string{"payment_intent.created", "charge.succeeded", "payment_intent.succeeded", "terminal.reader.action_succeeded"}},
		{"decline", func(f *fixture) string {
			pi := f.createPI(1000, "manual")
			f.process(f.readers[0], pi.ID)
			f.present(f.readers[0], "4000000000000002")
			return pi.ID
		}, []string{"payment_intent.created", "charge.failed", "payment_intent.payment_failed", "terminal.reader.action_failed"}},
		{"cancel after authorization", func(f *fixture) string {
			pi := f.createPI(1000, "manual")
			f.process(f.readers[0], pi.ID)
			if err := f.e.PresentCard(f.readers[0], ""); err != nil {
				t.Fatal(err)
			}
			if _, err := f.sc.PaymentIntents.Cancel(pi.ID, nil); err != nil {
				t.Fatal(err)
			}
			return pi.ID
		}, []string{"payment_intent.created", "charge.succeeded", "payment_intent.amount_capturable_updated",
			"terminal.reader.action_succeeded", "charge.refunded", "payment_intent.canceled"}},
		{"collect then confirm", func(f *fixture) string {
			pi := f.createPI(1000, "manual")
			f.readerCall(f.readers[0], "collect_payment_method", url.Values{"payment_intent": {pi.ID}})
			f.present(f.readers[0], "")
			if res, body := f.readerCall(f.readers[0], "confirm_payment_intent", url.Values{"payment_intent": {pi.ID}}); res.StatusCode != 200 {
				t.Fatalf("confirm: %v", body)
			}
			return pi.ID
		}, []string{"payment_intent.created", "terminal.reader.action_updated", "charge.succeeded",
			"payment_intent.amount_capturable_updated", "terminal.reader.action_succeeded"}},
		{"refund that fails later (refund_fail card)", func(f *fixture) string {
			pi := f.createPI(1000, "automatic")
			f.process(f.readers[0], pi.ID)
			f.present(f.readers[0], "4000000000005126")
			if _, err := f.sc.Refunds.New(&stripe.RefundParams{PaymentIntent: stripe.String(pi.ID)}); err != nil {
				t.Fatal(err)
			}
			f.clock.Advance(refundFailDelay)
			f.getPI(pi.ID) // any request brings the state up to the clock
			return pi.ID
		}, []string{"payment_intent.created", "charge.succeeded", "payment_intent.succeeded", "terminal.reader.action_succeeded",
			"refund.created", "charge.refunded", "charge.refund.updated", "refund.failed"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a, b := newReceiver(t, "whsec_a"), newReceiver(t, "whsec_b")
			f := webhookFixture(t, Options{}, a, b)
			piID := tc.flow(f)
			for _, rc := range []*receiver{a, b} {
				evs := rc.events(len(tc.want))
				if got := eventTypes(evs); !slices.Equal(got, tc.want) {
					t.Fatalf("%s got %v, want %v", rc.secret, got, tc.want)
				}
				for _, ev := range evs {
					if ev.APIVersion != DefaultAPIVersion || ev.Livemode || ev.PendingWebhooks != 2 {
						t.Errorf("%s: api_version %q livemode %v pending_webhooks %d", ev.ID, ev.APIVersion, ev.Livemode, ev.PendingWebhooks)
					}
					if ev.Data.Object["id"] != piID && ev.Data.Object["payment_intent"] != piID &&
						!(ev.Data.Object["object"] == "terminal.reader") {
						t.Errorf("%s %s is about %v, not %s", ev.ID, ev.Type, ev.Data.Object["id"], piID)
					}
				}
				rc.none(20 * time.Millisecond)
			}
			// The events delivered are the events listed.
			var listed []string
			it := f.sc.Events.List(&stripe.EventListParams{})
			for it.Next() {
				listed = append(listed, string(it.Event().Type))
			}
			slices.Reverse(listed)
			if !slices.Equal(listed, tc.want) {
				t.Fatalf("events listed %v, delivered %v", listed, tc.want)
			}
		})
	}
}

func TestWebhookSignature(t *testing.T) {
	rc := newReceiver(t, "whsec_right")
	f := webhookFixture(t, Options{}, rc)
	f.createPI(500, "manual")
	r := <-rc.got
	if _, err := webhook.ConstructEvent(r.body, r.sig, "whsec_wrong"); !errors.Is(err, webhook.ErrNoValidSignature) {
		t.Fatalf("a delivery verified with the wrong secret: %v", err)
	}
	tampered := append([]byte(nil), r.body...)
	tampered[len(tampered)-2] ^= 1
	if _, err := webhook.ConstructEvent(tampered, r.sig, rc.secret); !errors.Is(err, webhook.ErrNoValidSignature) {
		t.Fatalf("a tampered body verified: %v", err)
	}
	if want := signature(time.Unix(1700000000, 0), []byte("{}"), "whsec_x"); want !=
		"t=1700000000,v1="+hex.EncodeToString(webhook.ComputeSignature(time.Unix(1700000000, 0), []byte("{}"), "whsec_x")) {
		t.Fatalf("signature %s differs from stripe-go's", want)
	}
}

func TestWebhookRetries(t *testing.T) {
	for _, tc := range []struct {
		name      string
		failures  int32
		delivered bool
	}{
		{"delivered on the first attempt", 0, true},
		{"delivered on the third attempt", 2, true},
		{"given up after three attempts", 3, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rc := newReceiver(t, "whsec_r")
			rc.fail.Store(tc.failures)
			f := webhookFixture(t, Options{WebhookBackoff: 5 * time.Millisecond}, rc)
			f.createPI(500, "manual")
			if tc.delivered {
				rc.events(1)
			}
			want := min(tc.failures+1, webhookAttempts)
			// 5+10 ms of backoff; a loaded machine may take longer to get there.
			for deadline := time.Now().Add(2 * time.Second); rc.hits.Load() < want && time.Now().Before(deadline); {
				time.Sleep(5 * time.Millisecond)
			}
			rc.none(100 * time.Millisecond)
			if rc.hits.Load() != want {
				t.Fatalf("%d attempts, want %d", rc.hits.Load(), want)
			}
		})
	}
}

func TestWebhookFaults(t *testing.T) {
	t.Run("loss", func(t *testing.T) {
		rc := newReceiver(t, "whsec_l")
		f := webhookFixture(t, Options{}, rc)
		f.e.SetFault("", Fault{WebhookLossRate: 1})
		lost := f.createPI(500, "manual")
		f.e.ClearFaults()
		kept := f.createPI(600, "manual")
		ev := rc.events(1)[0]
		if ev.Data.Object["id"] != kept.ID {
			t.Fatalf("delivered %v; %s was to be lost and %s kept", ev.Data.Object["id"], lost.ID, kept.ID)
		}
		rc.none(20 * time.Millisecond)
	})
	t.Run("duplication", func(t *testing.T) {
		rc := newReceiver(t, "whsec_d")
		f := webhookFixture(t, Options{}, rc)
		f.e.SetFault("", Fault{WebhookDuplicateRate: 1})
		f.createPI(500, "manual")
		evs := rc.events(2)
		if evs[0].ID != evs[1].ID {
			t.Fatalf("duplicates carry different ids: %s, %s", evs[0].ID, evs[1].ID)
		}
		rc.none(20 * time.Millisecond)
	})
	t.Run("delay", func(t *testing.T) {
		rc := newReceiver(t, "whsec_w")
		f := webhookFixture(t, Options{}, rc)
		const delay = 100 * time.Millisecond
		f.e.SetFault("", Fault{WebhookDelay: delay})
		sent := time.Now()
		f.createPI(500, "manual")
		r := <-rc.got
		if waited := r.at.Sub(sent); waited < delay {
			t.Fatalf("delivered after %s, want at least %s", waited, delay)
		}
	})
	t.Run("global only", func(t *testing.T) {
		f := newFixture(t, Options{})
		f.e.SetFault(f.readers[0], Fault{WebhookDelay: time.Second, WebhookLossRate: 1})
		if fs := f.e.Faults(); len(fs) != 0 {
			t.Fatalf("a reader kept webhook faults: %+v", fs)
		}
		res, _ := adminCall(t, f.srv.URL, http.MethodPost, "/_emulator/readers/"+f.readers[0]+"/faults", `{"webhook_loss_rate":1}`)
		if res.StatusCode != http.StatusBadRequest {
			t.Fatalf("reader webhook fault over the admin API: %d", res.StatusCode)
		}
		for _, body := range []string{`{"webhook_loss_rate":2}`, `{"webhook_delay":"later"}`, `{"webhook_duplicate_rate":-1}`} {
			if res, _ := adminCall(t, f.srv.URL, http.MethodPost, "/_emulator/faults", body); res.StatusCode != http.StatusBadRequest {
				t.Errorf("POST %s = %d, want 400", body, res.StatusCode)
			}
		}
		res, m := adminCall(t, f.srv.URL, http.MethodPost, "/_emulator/faults", `{"webhook_delay":"2s","webhook_duplicate_rate":0.5}`)
		want := Fault{WebhookDelay: 2 * time.Second, WebhookDuplicateRate: 0.5}
		if res.StatusCode != http.StatusOK || f.e.Faults()[""] != want {
			t.Fatalf("global webhook fault: %d %v, faults %+v", res.StatusCode, m, f.e.Faults())
		}
	})
}

func TestWebhookCloseStopsDelivery(t *testing.T) {
	hang := make(chan struct{})
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		select {
		case <-hang:
		case <-r.Context().Done():
		}
	}))
	defer srv.Close()
	defer close(hang)
	e, err := New(Options{Seed: true, Webhooks: []WebhookEndpoint{{URL: srv.URL, Secret: "whsec_h"}, {URL: srv.URL, Secret: "whsec_i"}}})
	if err != nil {
		t.Fatal(err)
	}
	base := newServer(t, e)
	sc := stripeClient(base)
	if _, err := sc.PaymentIntents.New(&stripe.PaymentIntentParams{Amount: stripe.Int64(100), Currency: stripe.String("usd")}); err != nil {
		t.Fatal(err)
	}
	for hits.Load() < 2 { // both deliveries are hanging in the receiver
		runtime.Gosched()
	}
	closed := make(chan struct{})
	go func() { e.Close(); close(closed) }()
	select {
	case <-closed:
	case <-time.After(3 * time.Second):
		t.Fatal("Close did not return while a delivery was hanging")
	}
	e.Close() // twice is fine
	if _, err := sc.PaymentIntents.New(&stripe.PaymentIntentParams{Amount: stripe.Int64(100), Currency: stripe.String("usd")}); err != nil {
		t.Fatalf("the emulator stopped serving after Close: %v", err)
	}
	if hits.Load() != 2 {
		t.Fatalf("%d deliveries; none may start after Close", hits.Load())
	}
	if n := deliveryGoroutines(); n != 0 {
		t.Fatalf("%d delivery goroutines left after Close", n)
	}
}

// deliveryGoroutines counts the goroutines delivering webhooks, in every emulator.
func deliveryGoroutines() int {
	buf := make([]byte, 1<<20)
	for {
		n := runtime.Stack(buf, true)
		if n < len(buf) {
			return strings.Count(string(buf[:n]), "emulator.(*webhookQueue).run(")
		}
		buf = make([]byte, 2*len(buf))
	}
}

func TestWebhookQueueIsBounded(t *testing.T) {
	q := &webhookQueue{logf: func(string, ...any) {}, wake: make(chan struct{}, 1)}
	for i := 0; i < webhookQueueLimit+10; i++ {
		q.add(encodedEvent{id: "evt"}, time.Now())
	}
	if len(q.pending) != webhookQueueLimit {
		t.Fatalf("%d deliveries queued, limit %d", len(q.pending), webhookQueueLimit)
	}
}

// checkEventBody validates a delivered event, and the object it carries, against the spec.
func checkEventBody(t testing.TB, body []byte) {
	t.Helper()
	doc := loadSpec(t)
	var v map[string]any
	if err := json.Unmarshal(body, &v); err != nil {
		t.Errorf("spec: webhook body is not JSON: %v", err)
		return
	}
	version, _ := v["api_version"].(string)
	errs := validate(doc, doc.Components.Schemas["event"], v, "event", version)
	typ, objErrs := validateEventObject(doc, v, "event", false)
	if errs = append(errs, objErrs...); len(errs) > 0 {
		t.Errorf("spec: webhook %s:\n  %v", v["type"], errs)
	}
	validatedMu.Lock()
	validated["webhook "+typ]++
	validatedMu.Unlock()
}

// validateEventObject checks an event's data.object against the schema of its own
// type, which the event schema leaves open.
func validateEventObject(doc *openAPI, ev map[string]any, at string, recorded bool) (typ string, errs []string) {
	data, _ := ev["data"].(map[string]any)
	obj, _ := data["object"].(map[string]any)
	typ, _ = obj["object"].(string)
	s := doc.Components.Schemas[typ]
	if s == nil {
		return typ, []string{at + ".data.object: no schema for object " + typ}
	}
	version, _ := ev["api_version"].(string) // data.object is rendered at the event's version
	if recorded {
		version = ""
	}
	return typ, validate(doc, s, obj, at+".data.object", version)
}
