package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"math"
	"math/rand/v2"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/emulator"
	"github.com/till-pos/till/readerctl"
	"github.com/till-pos/till/store"
)

// The measuring tests of issue 14: what a payment costs in API calls and in database
// bytes, taken with the real driver, adapter, store and emulator, on a virtual clock so
// that a two-minute wait runs at once.

// vclock is the virtual clock the emulator and the driver share.
type vclock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *vclock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *vclock) advance(d time.Duration) time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
	return c.now
}

// callCount sorts the HTTP requests till made for one payment.
type callCount struct {
	money, list, reads, other int
}

func (c callCount) total() int { return c.money + c.list + c.reads + c.other }

func (c *callCount) add(call readerctl.Call) {
	switch {
	case call.Method == "GET" && call.Path == "/v1/terminal/readers":
		c.list++
	case call.Method == "GET":
		c.reads++
	case strings.HasSuffix(call.Path, "/payment_intents"), strings.HasSuffix(call.Path, "/process_payment_intent"),
		strings.HasSuffix(call.Path, "/capture"), strings.HasSuffix(call.Path, "/cancel"):
		c.money++
	default:
		c.other++
	}
}

// bench is an emulator on a virtual clock, and the till database every payment of a
// measurement goes to.
type bench struct {
	clock  *vclock
	url    string
	emu    *emulator.Emulator
	st     *store.Store
	helper *readerctl.Client // the customer's side: presents cards, not counted
}

func newBench(tb testing.TB) *bench {
	tb.Helper()
	clk := &vclock{now: time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC)}
	emu, err := emulator.New(emulator.Options{Seed: true, Now: clk.Now})
	if err != nil {
		tb.Fatal(err)
	}
	srv := httptest.NewServer(emu)
	tb.Cleanup(srv.Close)
	st := openStore(tb, filepath.Join(tb.TempDir(), "till.db"))
	tb.Cleanup(func() { _ = st.Close() })
	helper, err := readerctl.New(readerctl.Config{APIKey: emulatorKey, BaseURL: srv.URL})
	if err != nil {
		tb.Fatal(err)
	}
	return &bench{clock: clk, url: srv.URL, emu: emu, st: st, helper: helper}
}

// pay takes one payment as `till pay --card none` does — list the readers, then the
// driver — while the customer presents a card cardAfter after the reader started
// waiting (never, when negative). The run stops at wait. It returns the calls till made.
func (b *bench) pay(tb testing.TB, order string, cardAfter, wait time.Duration, seed uint64) (callCount, checkout.Session) {
	tb.Helper()
	var mu sync.Mutex
	var count callCount
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	gw, err := readerctl.New(readerctl.Config{APIKey: emulatorKey, BaseURL: b.url, TillID: "lane-1", OnCall: func(c readerctl.Call) {
		mu.Lock()
		count.add(c)
		mu.Unlock()
		journalCall(b.st, logger, c)
	}})
	if err != nil {
		tb.Fatal(err)
	}
	ctx := context.Background()
	readers, err := gw.ListReaders(ctx)
	if err != nil {
		tb.Fatal(err)
	}
	rd, _ := chooseReader(readers, "", "")
	start := b.clock.Now()
	presented := cardAfter < 0
	rng := rand.New(rand.NewPCG(seed, 14))
	d := &driver{
		gateway: gw, presenter: gw, store: b.st, now: b.clock.Now, schedule: checkout.Schedule{},
		callTimeout: 5 * time.Second, logf: func(string, ...any) {},
		jitter: rng.Float64,
		sleep: func(ctx context.Context, d time.Duration) error {
			now := b.clock.advance(d)
			if now.Sub(start) > wait {
				return context.DeadlineExceeded
			}
			if !presented && now.Sub(start) >= cardAfter {
				presented = true
				if _, err := b.helper.PresentCard(ctx, rd.ID, ""); err != nil {
					tb.Errorf("present: %v", err)
				}
			}
			return nil
		},
	}
	// A two-line sale, as a counter would ring it up.
	cart := checkout.Cart{Currency: "usd", Lines: []checkout.Line{
		{Description: "Flat white", UnitPrice: 450, Quantity: 2}, {Description: "Croissant", UnitPrice: 300, Quantity: 1}}}
	s, first, err := startOrResume(b.st, cart, checkout.ChargeRequested{OrderID: order, Amount: cart.Total(), ReaderID: rd.ID,
		CaptureMethod: checkout.CaptureManual, At: b.clock.Now()})
	if err != nil {
		tb.Fatal(err)
	}
	s, _ = d.run(ctx, s, first)
	if s.Phase == checkout.Awaiting { // a customer who never came: free the reader for the next measurement
		if _, err := b.helper.CancelReaderAction(ctx, rd.ID); err != nil {
			tb.Fatal(err)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	return count, s
}

// Issue 14's budget: a card after T ≤ 10s costs at most 3 money calls, 1 reader list
// and ⌈T/1s⌉ reads; a customer who never taps costs no more than 60 calls in the
// default two-minute wait. (Before: 7 / 15 / 65 calls at 1 / 5 / 30 s, ~245 in two
// minutes: the intent and the reader read every second.)
func TestPaymentCallBudget(t *testing.T) {
	b := newBench(t)
	for i, T := range []time.Duration{500 * time.Millisecond, time.Second, 2500 * time.Millisecond, 5 * time.Second, 10 * time.Second} {
		for seed := uint64(0); seed < 3; seed++ {
			n, s := b.pay(t, fmt.Sprintf("budget-%d-%d", i, seed), T, 2*time.Minute, seed)
			reads := int(math.Ceil(T.Seconds()))
			if s.Phase != checkout.Paid || n.money > 3 || n.list != 1 || n.reads > reads || n.other != 0 {
				t.Errorf("card after %v (seed %d): %s with %+v; budget 3 money, 1 list, %d reads", T, seed, s.Phase, n, reads)
			}
		}
	}
	n, s := b.pay(t, "never", -1, 2*time.Minute, 1)
	if s.Phase != checkout.Awaiting || n.total() > 60 {
		t.Errorf("two minutes without a card: %s with %d calls (%+v); budget 60", s.Phase, n.total(), n)
	}
}

// BenchmarkPaymentCalls reports the calls a payment costs by when the card comes
// (calls/op), for the report beside issue 14's "today".
func BenchmarkPaymentCalls(b *testing.B) {
	for _, T := range []time.Duration{time.Second, 5 * time.Second, 10 * time.Second, 30 * time.Second, -1} {
		name := fmt.Sprintf("card-after-%v", T)
		if T < 0 {
			name = "no-card-2m"
		}
		b.Run(name, func(b *testing.B) {
			bb := newBench(b)
			total := 0
			for i := 0; i < b.N; i++ {
				n, _ := bb.pay(b, fmt.Sprintf("calls-%d", i), T, 2*time.Minute, uint64(i))
				total += n.total()
			}
			b.ReportMetric(float64(total)/float64(b.N), "calls/op")
		})
	}
}
