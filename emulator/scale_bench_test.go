package emulator

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stripe/stripe-go/v76"
)

// fillIntents creates n PaymentIntents (order ids o-0 … o-n-1) through the handler,
// without a network, each a transaction of its own as over HTTP.
func fillIntents(b *testing.B, e *Emulator, n int) {
	b.Helper()
	for i := range n {
		body := url.Values{"amount": {"1000"}, "currency": {"usd"}, "metadata[order_id]": {fmt.Sprint("o-", i)}}.Encode()
		req := httptest.NewRequest(http.MethodPost, "/v1/payment_intents", strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+testKey)
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		w := httptest.NewRecorder()
		e.ServeHTTP(w, req)
		if w.Code != http.StatusOK {
			b.Fatalf("create %d: %d %s", i, w.Code, w.Body)
		}
	}
}

// pct is the p-th percentile of ds, in milliseconds.
func pct(ds []time.Duration, p int) float64 {
	s := slices.Clone(ds)
	slices.Sort(s)
	return float64(s[min(len(s)-1, len(s)*p/100)]) / float64(time.Millisecond)
}

// BenchmarkScale measures create, retrieve, list (newest 10) and search (by order id)
// over HTTP with stripe-go, on a state file holding 1k and 50k PaymentIntents; the
// figures are the p50 of each call: go test -run XXX -bench Scale -benchtime 200x ./emulator/
func BenchmarkScale(b *testing.B) {
	for _, n := range []int{1000, 50000} {
		b.Run(fmt.Sprintf("%dk", n/1000), func(b *testing.B) {
			e, err := New(Options{StatePath: filepath.Join(b.TempDir(), "state.json"), Seed: true})
			if err != nil {
				b.Fatal(err)
			}
			defer e.Close()
			fillIntents(b, e, n)
			srv := httptest.NewServer(e)
			defer srv.Close()
			sc := stripeClient(srv.URL)
			var create, retrieve, list, search []time.Duration
			timed := func(into *[]time.Duration, call func() error) {
				start := time.Now()
				if err := call(); err != nil {
					b.Fatal(err)
				}
				*into = append(*into, time.Since(start))
			}
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				var pi *stripe.PaymentIntent
				timed(&create, func() (err error) {
					pi, err = sc.PaymentIntents.New(&stripe.PaymentIntentParams{Amount: stripe.Int64(1000), Currency: stripe.String("usd")})
					return err
				})
				timed(&retrieve, func() error { _, err := sc.PaymentIntents.Get(pi.ID, nil); return err })
				timed(&list, func() error {
					it := sc.PaymentIntents.List(&stripe.PaymentIntentListParams{ListParams: stripe.ListParams{Limit: stripe.Int64(10)}})
					it.Next()
					return it.Err()
				})
				timed(&search, func() error {
					q := fmt.Sprintf("metadata['order_id']:'o-%d'", (i*7919)%n)
					it := sc.PaymentIntents.Search(&stripe.PaymentIntentSearchParams{SearchParams: stripe.SearchParams{Query: q}})
					if !it.Next() {
						return fmt.Errorf("%s: no match (%v)", q, it.Err())
					}
					return it.Err()
				})
			}
			b.StopTimer()
			for _, m := range []struct {
				name string
				ds   []time.Duration
			}{{"create", create}, {"retrieve", retrieve}, {"list", list}, {"search", search}} {
				b.ReportMetric(pct(m.ds, 50), m.name+"-p50-ms")
				b.ReportMetric(pct(m.ds, 99), m.name+"-p99-ms")
			}
		})
	}
}

// BenchmarkRestart measures New on a state file holding 50k PaymentIntents: the time
// until the emulator can answer: go test -run XXX -bench Restart -benchtime 10x ./emulator/
func BenchmarkRestart(b *testing.B) {
	path := filepath.Join(b.TempDir(), "state.json")
	e, err := New(Options{StatePath: path, Seed: true})
	if err != nil {
		b.Fatal(err)
	}
	fillIntents(b, e, 50000)
	if err := e.Close(); err != nil {
		b.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	e = nil
	runtime.GC() // a restarted process starts without the filling run's heap
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		e, err := New(Options{StatePath: path})
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		if n := e.st.Intents.size(); n != 50000 {
			b.Fatalf("%d PaymentIntents after restart", n)
		}
		e.Close()
		runtime.GC()
		b.StartTimer()
	}
	b.ReportMetric(float64(fi.Size())/(1<<20), "file-MB")
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "restart-ms")
}
