package main

import (
	"fmt"
	"math/rand"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/emulator"
)

// The outage harness: Stripe stops answering in the middle of a payment — every request
// dropped for outageWindow, from request N of the run or from the capture — and till pay
// is killed with SIGKILL during the outage. When Stripe answers again, the next sale (a
// different order) must send the held capture by itself, under its first key. Then the
// killed order is finished and the usual invariants hold, plus: no PaymentIntent was
// ever captured under two keys.

const outageWindow = 2500 * time.Millisecond

// outageGate sits in front of the crash server: it starts the outage at the armed
// request, kills the child a set time into it, and notes every capture's key. An outage
// is the emulator's own fault (every connection dropped before the request runs) or,
// with actBeforeDrop, the gate's: each request runs, then its connection is dropped —
// retries under the same key included, as in a real outage (the emulator answers a
// replayed key before rolling its faults).
type outageGate struct {
	next *crashServer
	mu   sync.Mutex
	n    int
	// armed: the outage starts at request at (0: at the first capture request).
	at            int
	fault         emulator.Fault
	actBeforeDrop bool
	killAfter     time.Duration
	started       bool
	until         time.Time // end of an actBeforeDrop outage
	over          chan struct{}
	// captureKeys are the idempotency keys of capture requests, per PaymentIntent, and
	// captures counts those requests.
	captureKeys map[string]map[string]bool
	captures    int
}

func (g *outageGate) arm(at int, fault emulator.Fault, actBeforeDrop bool, killAfter time.Duration) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.n, g.at, g.fault, g.actBeforeDrop, g.killAfter, g.started = 0, at, fault, actBeforeDrop, killAfter, false
	g.over = make(chan struct{})
}

func (g *outageGate) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	capture := r.Method == http.MethodPost && strings.HasSuffix(r.URL.Path, "/capture")
	g.mu.Lock()
	g.n++
	if capture {
		pi := strings.TrimSuffix(strings.TrimPrefix(r.URL.Path, "/v1/payment_intents/"), "/capture")
		if g.captureKeys[pi] == nil {
			g.captureKeys[pi] = map[string]bool{}
		}
		g.captureKeys[pi][r.Header.Get("Idempotency-Key")] = true
		g.captures++
	}
	start := !g.started && g.over != nil && ((g.at > 0 && g.n == g.at) || (g.at == 0 && capture))
	if start {
		g.started = true
		over, kill := g.over, g.killAfter
		g.next.emu.SetFault("", g.fault)
		g.until = time.Now().Add(outageWindow)
		time.AfterFunc(outageWindow, func() { g.next.emu.ClearFaults(); close(over) })
		go func() {
			time.Sleep(kill)
			_ = g.next.victim().Kill() // SIGKILL, mid-outage
		}()
	}
	dropAfter := g.actBeforeDrop && time.Now().Before(g.until)
	g.mu.Unlock()
	if dropAfter {
		g.next.emu.ServeHTTP(httptest.NewRecorder(), r) // Stripe acts; the answer is lost
		panic(http.ErrAbortHandler)
	}
	g.next.ServeHTTP(w, r)
}

// waitOver waits for the armed outage to end; false if it never started.
func (g *outageGate) waitOver() bool {
	g.mu.Lock()
	started, over := g.started, g.over
	g.mu.Unlock()
	if !started {
		return false
	}
	<-over
	return true
}

func newOutageHarness(t *testing.T, binary string) (*harness, *outageGate) {
	emu, err := emulator.New(emulator.Options{Seed: true})
	if err != nil {
		t.Fatal(err)
	}
	cs := &crashServer{emu: emu}
	g := &outageGate{next: cs, captureKeys: map[string]map[string]bool{}}
	hs := httptest.NewServer(g)
	t.Cleanup(hs.Close)
	return &harness{t: t, srv: cs, url: hs.URL, home: t.TempDir(), binary: binary}, g
}

// heldCaptures reads the orders whose session holds a capture, from the till's
// database between runs.
func (h *harness) heldCaptures() map[string]bool {
	h.t.Helper()
	st := openStore(h.t, filepath.Join(h.home, "till.db"))
	defer st.Close()
	calls, err := st.Outbox()
	if err != nil {
		h.t.Fatal(err)
	}
	held := map[string]bool{}
	for _, c := range calls {
		if c.Step == checkout.StepCapture {
			held[c.OrderID] = true
		}
	}
	return held
}

func (h *harness) intentOf(order string) (emulator.PaymentIntentSummary, bool) {
	for _, pi := range h.srv.emu.PaymentIntents() {
		if pi.OrderID == order {
			return pi, true
		}
	}
	return emulator.PaymentIntentSummary{}, false
}

func TestCrashHarnessOutage(t *testing.T) {
	binary := harnessBinary(t)
	var mu sync.Mutex
	var runs, kills, held, captured, resent, violations int
	modes := []struct {
		name          string
		fault         emulator.Fault
		actBeforeDrop bool
	}{
		{"requests dropped before Stripe", emulator.Fault{DropRate: 1}, false},
		{"answers dropped after Stripe acted", emulator.Fault{}, true},
	}
	t.Run("group", func(t *testing.T) {
		for mi, m := range modes {
			t.Run(m.name, func(t *testing.T) {
				t.Parallel()
				h, gate := newOutageHarness(t, binary)
				if !h.pay("measure", 0, killNone, 0) {
					t.Fatal("a clean payment failed")
				}
				steps := h.srv.requests()
				rng := rand.New(rand.NewSource(int64(20261129 + mi)))
				type outageCase struct {
					at   int // 0: at the capture
					kill time.Duration
				}
				var cases []outageCase
				for at := 1; at <= steps; at++ {
					cases = append(cases, outageCase{at, time.Duration(100+rng.Intn(2300)) * time.Millisecond})
				}
				for _, kill := range []time.Duration{300, 1200, 1700, 2100, 2400} {
					cases = append(cases, outageCase{0, kill * time.Millisecond})
				}
				r, k, hc, done, again := 1, 0, 0, 0, 0
				for i, c := range cases {
					order := fmt.Sprintf("outage-%d-%d", mi, i)
					gate.arm(c.at, m.fault, m.actBeforeDrop, c.kill)
					h.pay(order, 0, killNone, 0)
					r++
					if !gate.waitOver() {
						t.Fatalf("%s: the outage never started", order)
					}
					k++
					holds := h.heldCaptures()
					// The next sale, another order at the other reader (the killed one may still
					// wait for its card on the first), sends what is held before it starts.
					gate.arm(-1, emulator.Fault{}, false, 0)
					h.lane = 1
					gate.mu.Lock()
					before := gate.captures
					gate.mu.Unlock()
					if !h.pay(order+"-next", 0, killNone, 0) {
						t.Errorf("%s: the next sale failed", order)
					}
					gate.mu.Lock()
					if len(holds) > 0 && gate.captures > before+1 { // the next sale's own capture, and more
						again++
					}
					gate.mu.Unlock()
					h.lane = 0
					r++
					for o := range holds {
						hc++
						if pi, ok := h.intentOf(o); ok && pi.Status == "succeeded" {
							done++
						} else {
							t.Errorf("%s: held capture not sent by the next sale (%s)", o, pi.Status)
						}
					}
					if left := h.heldCaptures(); len(left) > 0 {
						t.Errorf("%s: still held after Stripe answered: %v", order, left)
					}
					r += h.finish(order)
				}
				bad := h.violations()
				gate.mu.Lock()
				for pi, keys := range gate.captureKeys {
					if len(keys) > 1 {
						bad = append(bad, fmt.Sprintf("%s captured under %d keys: %v", pi, len(keys), keys))
					}
				}
				gate.mu.Unlock()
				for _, v := range bad {
					t.Error(v)
				}
				mu.Lock()
				runs, kills, held, captured, resent, violations = runs+r, kills+k, held+hc, captured+done, resent+again, violations+len(bad)
				mu.Unlock()
			})
		}
	})
	t.Logf("outage harness: %d till runs, %d outages of %v each with a SIGKILL inside; %d captures held at the kill, %d captured once the next sale had run "+
		"(%d sent again under their first key, the rest had gone through before their answer was lost, so were not sent again); %d violations",
		runs, kills, outageWindow, held, captured, resent, violations)
}
