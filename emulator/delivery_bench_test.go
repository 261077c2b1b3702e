package emulator

import (
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strconv"
	"testing"
)

// deliveryState is a state file of n PaymentIntents, each with a payment_intent.created
// event that pending webhook endpoints have yet to take, and those events' ids.
func deliveryState(b *testing.B, n int, pending int64) (path string, ids []string) {
	b.Helper()
	path = filepath.Join(b.TempDir(), "state.jsonl")
	e, err := New(Options{StatePath: path, Seed: true})
	if err != nil {
		b.Fatal(err)
	}
	for i := range n {
		e.local(true, func(x *txn) {
			pi := &paymentIntent{ID: "pi_bench" + strconv.Itoa(i), Object: "payment_intent", Amount: 1000, Currency: "usd",
				Status: "requires_payment_method", Metadata: map[string]string{"order": strconv.Itoa(i)}, PaymentMethodTypes: []string{"card_present"}}
			ev := x.emit("payment_intent.created", pi)
			ev.PendingWebhooks = pending
			ids = append(ids, ev.ID)
		})
	}
	if err := e.Close(); err != nil {
		b.Fatal(err)
	}
	return path, ids
}

// BenchmarkEventDelivered is the cost of counting one webhook's arrival (pending_webhooks
// down by one), state file on; file-B/op is what it appends to the state file.
func BenchmarkEventDelivered(b *testing.B) {
	path, ids := deliveryState(b, 2000, int64(b.N/2000+1)) // every call counts one
	defer func(n int64) { minCompact = n }(minCompact)
	minCompact = 1 << 62 // file-B/op is the growth: no compaction
	e, err := New(Options{StatePath: path})
	if err != nil {
		b.Fatal(err)
	}
	defer e.Close()
	for _, id := range ids { // decoded, as the events of a running emulator are
		e.local(false, func(x *txn) { x.st.Events.peek(id) })
	}
	before := fileSize(b, path)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		e.eventDelivered(ids[i%len(ids)])
	}
	b.StopTimer()
	b.ReportMetric(float64(fileSize(b, path)-before)/float64(b.N), "file-B/op")
}

// BenchmarkDeliverySuccessAfterRestart is GET /v1/events?delivery_success=true right
// after a restart with 2,000 events (none delivered: the filter reads every one).
func BenchmarkDeliverySuccessAfterRestart(b *testing.B) {
	path, _ := deliveryState(b, 2000, 1)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		e, err := New(Options{StatePath: path})
		if err != nil {
			b.Fatal(err)
		}
		r := httptest.NewRequest("GET", "/v1/events?delivery_success=true&limit=10", nil)
		r.Header.Set("Authorization", "Bearer "+testKey)
		w := httptest.NewRecorder()
		b.StartTimer()
		e.ServeHTTP(w, r)
		b.StopTimer()
		if w.Code != http.StatusOK {
			b.Fatalf("%d %s", w.Code, w.Body)
		}
		e.Close()
		b.StartTimer()
	}
}
