package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/emulator"
	"github.com/till-pos/till/readerctl"
)

// volume is an emulator holding n PaymentIntents of other tills in the last day (most
// only created, one in ten canceled) and a handful of this till's unfinished ones, and
// this till's database with sessions for two of them.
type volume struct {
	svc   *services
	calls *int
	mu    *sync.Mutex
	want  int // unfinished payments in scope
}

func newVolume(tb testing.TB, n int) *volume {
	tb.Helper()
	emu, err := emulator.New(emulator.Options{Seed: true})
	if err != nil {
		tb.Fatal(err)
	}
	srv := httptest.NewServer(emu)
	tb.Cleanup(srv.Close)
	post := func(path string, form url.Values) {
		req, _ := http.NewRequest(http.MethodPost, srv.URL+path, strings.NewReader(form.Encode()))
		req.Header.Set("Authorization", "Bearer "+emulatorKey)
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			tb.Fatal(err)
		}
		_ = resp.Body.Close()
	}
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Go(func() {
			for i := w; i < n; i += 4 {
				post("/v1/payment_intents", url.Values{"amount": {"1000"}, "currency": {"usd"}, "payment_method_types[]": {"card_present"},
					"metadata[order_id]": {fmt.Sprintf("other_%d", i)}, "metadata[till_id]": {"lane-9"}})
			}
		})
	}
	wg.Wait()
	st := openStore(tb, filepath.Join(tb.TempDir(), "till.db"))
	tb.Cleanup(func() { _ = st.Close() })
	v := &volume{calls: new(int), mu: &sync.Mutex{}, want: 5}
	gw, err := readerctl.New(readerctl.Config{APIKey: emulatorKey, BaseURL: srv.URL, TillID: "lane-1", OnCall: func(readerctl.Call) {
		v.mu.Lock()
		*v.calls++
		v.mu.Unlock()
	}})
	if err != nil {
		tb.Fatal(err)
	}
	ctx, reader := context.Background(), emu.ReaderIDs()[0]
	for i := range v.want { // three authorized, two declined, on this till
		order := fmt.Sprintf("mine_%d", i)
		in, err := gw.CreateIntent(ctx, checkout.CreateIntent{OrderID: order, ReaderID: reader, Amount: checkout.Money{Amount: 500, Currency: "usd"},
			CaptureMethod: checkout.CaptureManual, Key: "k_" + order})
		if err != nil {
			tb.Fatal(err)
		}
		if _, err := gw.ProcessOnReader(ctx, checkout.ProcessOnReader{ReaderID: reader, PaymentIntentID: in.ID, Key: "p_" + order, TakeOver: true}); err != nil {
			tb.Fatal(err)
		}
		card := "4242424242424242"
		if i >= 3 {
			card = "4000000000000002"
		}
		if err := emu.PresentCard(reader, card); err != nil {
			tb.Fatal(err)
		}
		if i < 2 {
			s := checkout.Session{OrderID: order, Phase: checkout.Approved, PaymentIntentID: in.ID, ReaderID: reader,
				Amount: in.Amount, StartedAt: time.Now(), UpdatedAt: time.Now(), Attempts: 1}
			if err := st.SaveSession(s); err != nil {
				tb.Fatal(err)
			}
		}
	}
	cfg := Config{CallTimeout: 15 * time.Second, TillID: "lane-1"}
	v.svc = &services{cfg: cfg, log: slog.New(slog.NewTextHandler(io.Discard, nil)), store: st, gateway: gw}
	return v
}

// list runs what `till payments --unfinished` runs and returns its rows and the calls
// it made.
func (v *volume) list(tb testing.TB) ([]paymentRow, int) {
	tb.Helper()
	v.mu.Lock()
	*v.calls = 0
	v.mu.Unlock()
	rows, err := unfinishedPayments(context.Background(), v.svc, time.Now().AddDate(0, 0, -7))
	if err != nil {
		tb.Fatal(err)
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	return rows, *v.calls
}

// `till payments --unfinished` makes a few calls however many PaymentIntents the
// account has (before: a listing of every one, 85 calls at 8,400).
func TestUnfinishedPaymentsCallBudget(t *testing.T) {
	v := newVolume(t, 600) // six pages of 100 for a listing
	rows, calls := v.list(t)
	if len(rows) != v.want || calls > 5 {
		t.Fatalf("%d rows in %d calls; want %d rows in at most 5 calls", len(rows), calls, v.want)
	}
}

// BenchmarkUnfinishedPayments10k: `till payments --unfinished` with 10,000
// PaymentIntents in the window (ns/op is the whole listing; calls/op the API calls).
func BenchmarkUnfinishedPayments10k(b *testing.B) {
	v := newVolume(b, 10000)
	b.ResetTimer()
	total := 0
	for b.Loop() {
		rows, calls := v.list(b)
		if len(rows) != v.want {
			b.Fatalf("%d rows", len(rows))
		}
		total += calls
	}
	b.ReportMetric(float64(total)/float64(b.N), "calls/op")
}
