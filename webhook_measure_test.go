package main

import (
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// payWithLateCard runs till pay (which presents nothing) while the customer taps a card
// cardAfter after the reader got the payment; it returns till's API requests and how
// long it took from the tap to the capture request.
func payWithLateCard(t testing.TB, r *hookRig, cardAfter time.Duration) ([]string, time.Duration) {
	t.Helper()
	var mu sync.Mutex
	var tapped time.Time
	before := len(r.calls())
	r.mu.Lock()
	r.onProcess = func() {
		time.AfterFunc(cardAfter, func() {
			mu.Lock()
			tapped = time.Now()
			mu.Unlock()
			r.present(t, r.readers[0])
		})
	}
	r.mu.Unlock()
	code, res, stderr := r.pay(t, "--amount", "12.00", "--card", "none", "--wait", "30s")
	if code != 0 || res.Status != "succeeded" {
		t.Fatalf("exit %d %+v %s", code, res, stderr)
	}
	r.mu.Lock()
	captured := r.at["POST /v1/payment_intents/"+res.PaymentIntent+"/capture"]
	r.mu.Unlock()
	mu.Lock()
	defer mu.Unlock()
	return r.calls()[before:], captured.Sub(tapped)
}

// Target: with webhooks, a payment whose card comes 5 s after the reader gets it makes
// at most 5 API calls (list the readers, create, check the reader, process, capture);
// polling every second makes 15.
func TestWebhooksCutTheCallsOfAPayment(t *testing.T) {
	hooks, _ := payWithLateCard(t, newHookRig(t, true), 5*time.Second)
	polls, _ := payWithLateCard(t, newHookRig(t, false), 5*time.Second)
	t.Logf("card 5 s after the reader got it: %d calls with webhooks, %d polling every second", len(hooks), len(polls))
	if len(hooks) > 5 {
		t.Fatalf("%d calls with webhooks, want at most 5:\n%s", len(hooks), strings.Join(hooks, "\n"))
	}
	if len(polls) <= len(hooks) {
		t.Fatalf("polling made %d calls, webhooks %d: the measurement measures nothing", len(polls), len(hooks))
	}
}

// BenchmarkCardToCapture: from the customer's tap to till's capture request, webhooks
// on loopback against polling every second (target: p95 ≤ 100 ms with webhooks).
// Run with a fixed count, e.g. go test -run X -bench CardToCapture -benchtime 40x.
func BenchmarkCardToCapture(b *testing.B) {
	for _, mode := range []struct {
		name     string
		webhooks bool
	}{{"webhooks", true}, {"polling", false}} {
		b.Run(mode.name, func(b *testing.B) {
			r := newHookRig(b, mode.webhooks)
			var took []time.Duration
			for range b.N {
				// A short wait for the card, so till is waiting on its poll pace.
				_, d := payWithLateCard(b, r, 30*time.Millisecond)
				took = append(took, d)
			}
			slices.Sort(took)
			pct := func(p float64) float64 {
				return float64(took[int(p*float64(len(took)-1))].Microseconds()) / 1000
			}
			b.ReportMetric(pct(0.5), "p50-ms")
			b.ReportMetric(pct(0.95), "p95-ms")
		})
	}
}
