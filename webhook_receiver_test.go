package main

import (
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stripe/stripe-go/v76"
	"github.com/stripe/stripe-go/v76/webhook"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/emulator"
	"github.com/till-pos/till/readerctl"
)

const hookSecret = "whsec_receiver_test_secret"

// memEvents is the event log in memory; fail makes it refuse.
type memEvents struct {
	mu   sync.Mutex
	ids  map[string]bool
	fail bool
}

func (m *memEvents) NoteEvent(id string, _ time.Time) (bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.fail {
		return false, errors.New("disk full")
	}
	if m.ids == nil {
		m.ids = map[string]bool{}
	}
	seen := m.ids[id]
	m.ids[id] = true
	return seen, nil
}

// webhookTarget is till's webhook receiver, over the events log given, on a server of
// its own, and the emulator options that send Stripe's events there (quickly retried).
func webhookTarget(t *testing.T, events eventLog, silence time.Duration) (*webhookReceiver, emulator.Options) {
	t.Helper()
	hooks := newWebhookReceiver(readerctl.WebhookVerifier{Secret: hookSecret}, events, silence, quietLog())
	srv := httptest.NewServer(hooks)
	t.Cleanup(srv.Close)
	return hooks, emulator.Options{WebhookBackoff: 50 * time.Millisecond, Webhooks: []emulator.WebhookEndpoint{{URL: srv.URL, Secret: hookSecret}}}
}

func quietLog() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

func eventBody(id, typ string, object map[string]any) []byte {
	b, _ := json.Marshal(map[string]any{"id": id, "object": "event", "api_version": stripe.APIVersion,
		"created": time.Now().Add(-2 * time.Second).Unix(), "data": map[string]any{"object": object},
		"livemode": false, "type": typ})
	return b
}

func signed(body []byte, secret string, at time.Time) string {
	return webhook.GenerateTestSignedPayload(&webhook.UnsignedPayload{Payload: body, Secret: secret, Timestamp: at}).Header
}

func post(t *testing.T, h http.Handler, body []byte, sig string) int {
	t.Helper()
	req := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(string(body)))
	if sig != "" {
		req.Header.Set("Stripe-Signature", sig)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec.Code
}

var capturableIntent = map[string]any{"id": "pi_1", "object": "payment_intent", "status": "requires_capture",
	"amount": 1200, "amount_capturable": 1200, "currency": "usd"}

func TestReceiverAppliesEachEventOnce(t *testing.T) {
	events := &memEvents{}
	w := newWebhookReceiver(readerctl.WebhookVerifier{Secret: hookSecret}, events, time.Minute, quietLog())
	body := eventBody("evt_1", "payment_intent.amount_capturable_updated", capturableIntent)
	sig := signed(body, hookSecret, time.Now())
	if code := post(t, w, body, sig); code != http.StatusOK {
		t.Fatalf("HTTP %d", code)
	}
	select {
	case n := <-w.Notices():
		if n.EventID != "evt_1" || n.Intent == nil || n.Intent.ID != "pi_1" {
			t.Fatalf("%+v", n)
		}
	default:
		t.Fatal("no notice")
	}
	// A replay of the same request (or Stripe's retry) is acknowledged, not applied.
	if code := post(t, w, body, sig); code != http.StatusOK {
		t.Fatalf("replay: HTTP %d", code)
	}
	select {
	case n := <-w.Notices():
		t.Fatalf("a replayed event was applied again: %+v", n)
	default:
	}
	h := w.Health()
	if h.Received != 1 || h.Duplicates != 1 || !h.Arriving || h.Source() != "webhooks" || h.LastLag < time.Second {
		t.Fatalf("%+v", h)
	}
	// An event till does not act on still shows webhooks arrive.
	if code := post(t, w, eventBody("evt_2", "charge.succeeded", map[string]any{"id": "ch_1"}), signed(eventBody("evt_2", "charge.succeeded", map[string]any{"id": "ch_1"}), hookSecret, time.Now())); code != http.StatusOK {
		t.Fatalf("HTTP %d", code)
	}
	if len(w.Notices()) != 0 || w.Health().Received != 2 {
		t.Fatalf("%+v", w.Health())
	}
}

func TestReceiverRefuses(t *testing.T) {
	events := &memEvents{}
	w := newWebhookReceiver(readerctl.WebhookVerifier{Secret: hookSecret}, events, time.Minute, quietLog())
	body := eventBody("evt_1", "payment_intent.succeeded", capturableIntent)
	tests := []struct {
		name     string
		body     []byte
		sig      string
		code     int
		rejected bool
	}{
		{"unsigned", body, "", 400, true},
		{"forged signature", body, signed(body, "whsec_someone_else", time.Now()), 400, true},
		{"older than the tolerance (a replay)", body, signed(body, hookSecret, time.Now().Add(-6*time.Minute)), 400, true},
		{"larger than the limit", []byte(strings.Repeat("x", maxWebhookBody+1)), "t=1,v1=00", 413, false},
		{"signed but not an event", []byte("[]"), signed([]byte("[]"), hookSecret, time.Now()), 400, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := w.Health()
			if code := post(t, w, tt.body, tt.sig); code != tt.code {
				t.Fatalf("HTTP %d, want %d", code, tt.code)
			}
			h := w.Health()
			if tt.rejected && h.Rejected != before.Rejected+1 || !tt.rejected && h.Failures != before.Failures+1 || h.LastProblem == "" {
				t.Fatalf("health %+v", h)
			}
			if strings.Contains(h.LastProblem, hookSecret) {
				t.Fatal("the secret is in the health")
			}
		})
	}
	if len(w.Notices()) != 0 || w.Health().Received != 0 || w.Health().Arriving {
		t.Fatalf("a refused request counted: %+v", w.Health())
	}
	rec := httptest.NewRecorder()
	w.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/", nil))
	if rec.Code != http.StatusMethodNotAllowed {
		t.Fatalf("GET: %d", rec.Code)
	}
	// An event that cannot be recorded is not acknowledged: Stripe sends it again.
	events.fail = true
	if code := post(t, w, body, signed(body, hookSecret, time.Now())); code != http.StatusInternalServerError || len(w.Notices()) != 0 {
		t.Fatalf("HTTP %d", code)
	}
}

// Arriving turns false by itself when webhooks go quiet, so fast polling comes back.
func TestWebhooksGoSilent(t *testing.T) {
	now := time.Now()
	w := newWebhookReceiver(readerctl.WebhookVerifier{Secret: hookSecret}, &memEvents{}, 2*time.Minute, quietLog())
	w.now = func() time.Time { return now }
	body := eventBody("evt_1", "payment_intent.created", capturableIntent)
	post(t, w, body, signed(body, hookSecret, now))
	cfg := Config{PollEvery: time.Second, MaxBackoff: 10 * time.Second, accountConfig: accountConfig{SafetyPoll: 10 * time.Second}}
	pace := pollPace(cfg, w)
	awaiting := sessionIn("awaiting")
	// checkout.Schedule's jitter lengthens a wait by up to a tenth.
	about := func(d, want time.Duration) bool { return d >= want && d <= want+want/10 }
	if d := pace(awaiting); !about(d, 10*time.Second) {
		t.Fatalf("pace while webhooks arrive: %v", d)
	}
	if d := pace(sessionIn("unknown")); !about(d, time.Second) {
		t.Fatalf("an unknown outcome is read fast: %v", d)
	}
	now = now.Add(2*time.Minute + time.Second)
	if w.Health().Arriving || !about(pace(awaiting), time.Second) {
		t.Fatalf("still slow after webhooks went quiet: %+v", w.Health())
	}
	var none *webhookReceiver
	if d := pollPace(cfg, none)(awaiting); !about(d, time.Second) || none.Notices() != nil {
		t.Fatalf("no receiver: %v", d)
	}
}

func sessionIn(phase string) checkout.Session {
	return checkout.Session{OrderID: "ord_1", Phase: checkout.Phase(phase), PaymentIntentID: "pi_1"}
}
