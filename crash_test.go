package main

import (
	"bytes"
	"fmt"
	"math/rand"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/till-pos/till/emulator"
)

// The crash harness: till pay runs as a child process against an emulator; the child
// is killed with SIGKILL at a request boundary — before Stripe sees request N, or after
// Stripe acted on it but before the answer reaches till — or at a random moment, under
// each of the emulator's faults. Then till pay runs again with the same order until it
// finishes, and the emulator's state must show: per order one PaymentIntent and at most
// one successful authorization, the finished order's payment captured, no authorization
// left neither captured nor canceled, and no reader left in_progress.

type killMode int

const (
	killNone   killMode = iota
	killBefore          // the request never reaches Stripe
	killAfter           // Stripe acts, the answer is lost with till
	// loseAnswer kills nothing: Stripe acts on request N and on its retries, and the
	// answers are lost, so the failure is ambiguous however often stripe-go retries.
	loseAnswer
)

func (k killMode) String() string { return [...]string{"none", "before", "after", "lost"}[k] }

// crashServer is the emulator behind a gate that can kill the child at request N.
type crashServer struct {
	emu *emulator.Emulator
	mu  sync.Mutex
	n   int // requests seen since arm
	at  int
	how killMode
	hit bool
	// lost is the request (method, path, idempotency key) whose answers loseAnswer
	// loses, lostLeft times more: as often as stripe-go tries (1 + 2 retries), each of
	// which net/http may send twice (it resends a request with an Idempotency-Key once
	// when a kept-alive connection drops).
	lost     string
	lostLeft int
	// keyed records, per request of the run, whether it carried an Idempotency-Key.
	keyed []bool
	// started yields the child's process once it has started (a request can arrive
	// before exec.Cmd.Start returns).
	started chan *os.Process
	proc    *os.Process
}

func (c *crashServer) arm(at int, how killMode) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.n, c.at, c.how, c.hit, c.proc, c.lost, c.keyed = 0, at, how, false, nil, "", nil
	c.started = make(chan *os.Process, 1)
}

// victim is the child to kill, waiting for it to have started if need be.
func (c *crashServer) victim() *os.Process {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.proc == nil {
		c.proc = <-c.started
	}
	return c.proc
}

func (c *crashServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	c.mu.Lock()
	c.n++
	c.keyed = append(c.keyed, r.Header.Get("Idempotency-Key") != "")
	request := r.Method + " " + r.URL.Path + " " + r.Header.Get("Idempotency-Key")
	lose := c.how == loseAnswer && ((c.n == c.at && !c.hit) || (c.hit && request == c.lost && c.lostLeft > 0))
	kill := c.how != killNone && c.how != loseAnswer && c.n == c.at && !c.hit
	how := c.how
	if kill || lose {
		c.hit = true
	}
	if lose && c.lost == "" {
		c.lost, c.lostLeft = request, 6
	}
	if lose {
		c.lostLeft--
	}
	c.mu.Unlock()
	if lose {
		c.emu.ServeHTTP(httptest.NewRecorder(), r) // Stripe acts; the answer never arrives
		panic(http.ErrAbortHandler)
	}
	if !kill {
		c.emu.ServeHTTP(w, r)
		return
	}
	if how == killAfter {
		c.emu.ServeHTTP(httptest.NewRecorder(), r) // Stripe acts; till never hears
	}
	_ = c.victim().Kill() // SIGKILL
	panic(http.ErrAbortHandler)
}

// requests counts the requests of the current run.
func (c *crashServer) requests() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.n
}

// keyedAt reports whether request n (from 1) of the current run carried an
// Idempotency-Key: a call that may move money.
func (c *crashServer) keyedAt(n int) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return n >= 1 && n <= len(c.keyed) && c.keyed[n-1]
}

// harnessBinary skips a crash harness in -short runs, else builds till for it.
func harnessBinary(t *testing.T) string {
	if testing.Short() {
		t.Skip("the crash harness runs till as a child process many times")
	}
	return buildTill(t)
}

// buildTill builds till without the race detector: the children only need to be till,
// and a plain build starts several times faster than the race-instrumented test binary,
// which is what the harness spends its time on.
func buildTill(t *testing.T) string {
	binary := filepath.Join(t.TempDir(), "till")
	if out, err := exec.Command("go", "build", "-o", binary, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return binary
}

type harness struct {
	t      *testing.T
	srv    *crashServer
	url    string
	home   string
	binary string
	lane   int           // which of the emulator's readers till pay uses
	wait   time.Duration // each run's --wait; 0 means 20s
}

func newHarness(t *testing.T, binary string) *harness {
	emu, err := emulator.New(emulator.Options{Seed: true})
	if err != nil {
		t.Fatal(err)
	}
	cs := &crashServer{emu: emu}
	hs := httptest.NewServer(cs)
	t.Cleanup(hs.Close)
	return &harness{t: t, srv: cs, url: hs.URL, home: t.TempDir(), binary: binary}
}

// pay runs `till pay` as a child; with at > 0 the child is killed at that request
// (how) or, with delay > 0, after that long. It returns whether the child exited 0.
func (h *harness) pay(order string, at int, how killMode, delay time.Duration) bool {
	h.t.Helper()
	return h.till([]string{"pay", "--json", "--amount", "12.00", "--order", order, "--reader", h.srv.emu.ReaderIDs()[h.lane]}, at, how, delay)
}

// till runs till with args as a child against the harness's emulator and database,
// killed as pay says.
func (h *harness) till(args []string, at int, how killMode, delay time.Duration) bool {
	h.t.Helper()
	wait := h.wait
	if wait == 0 {
		wait = 20 * time.Second
	}
	cmd := exec.Command(h.binary, append(args, "--api-base", h.url, "--db", filepath.Join(h.home, "till.db"), "--wait", wait.String())...)
	cmd.Env = append(os.Environ(), "TILL_TEST_CHILD=1", "HOME="+h.home, "XDG_CONFIG_HOME="+h.home,
		"XDG_DATA_HOME="+h.home, "XDG_CACHE_HOME="+h.home, "TILL_POLL_INTERVAL=10ms", "TILL_POLL_MAX_BACKOFF=50ms",
		"TILL_POLL_CALL_TIMEOUT=3s", "STRIPE_API_KEY=", "TILL_STRIPE_API_KEY=")
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	h.srv.arm(at, how)
	if err := cmd.Start(); err != nil {
		h.t.Fatal(err)
	}
	h.srv.started <- cmd.Process
	if delay > 0 {
		timer := time.AfterFunc(delay, func() { _ = cmd.Process.Kill() })
		defer timer.Stop()
	}
	err := cmd.Wait()
	return err == nil
}

// finish re-runs the order until it succeeds, with the faults cleared after the first
// re-run; it fails the test when the order never completes.
func (h *harness) finish(order string) int {
	h.t.Helper()
	return h.finishWith("order "+order, func() bool { return h.pay(order, 0, killNone, 0) })
}

// finishWith re-runs rerun until it exits 0, clearing the faults after the first
// re-run, and returns how many runs it took; it fails the test when what never ends.
func (h *harness) finishWith(what string, rerun func() bool) int {
	h.t.Helper()
	for i := 1; i <= 6; i++ {
		if i == 2 {
			h.srv.emu.ClearFaults()
		}
		if rerun() {
			return i
		}
	}
	h.t.Fatalf("%s never completed", what)
	return 0
}

// violations checks the invariants for every order in the emulator.
func (h *harness) violations() []string {
	var bad []string
	perOrder := map[string]int{}
	for _, pi := range h.srv.emu.PaymentIntents() {
		perOrder[pi.OrderID]++
		switch pi.Status {
		case "requires_capture":
			bad = append(bad, fmt.Sprintf("%s (order %s) authorized but neither captured nor canceled", pi.ID, pi.OrderID))
		case "succeeded":
			if pi.AmountReceived != pi.Amount {
				bad = append(bad, fmt.Sprintf("%s captured %d of %d", pi.ID, pi.AmountReceived, pi.Amount))
			}
		default:
			bad = append(bad, fmt.Sprintf("%s (order %s) ended %s, not succeeded", pi.ID, pi.OrderID, pi.Status))
		}
	}
	for order, n := range perOrder {
		if n != 1 {
			bad = append(bad, fmt.Sprintf("order %s has %d PaymentIntents", order, n))
		}
	}
	for _, id := range h.srv.emu.ReaderIDs() {
		if _, status, pi, ok := h.srv.emu.ReaderAction(id); ok && status == "in_progress" {
			bad = append(bad, fmt.Sprintf("reader %s left in_progress on %s", id, pi))
		}
	}
	return bad
}

var crashFaults = []struct {
	name  string
	fault emulator.Fault
}{
	{"none", emulator.Fault{}},
	{"latency", emulator.Fault{Latency: 15 * time.Millisecond, Jitter: 10 * time.Millisecond}},
	{"500s after the change", emulator.Fault{ErrorRate: 0.3, AfterMutation: true}},
	{"dropped connections", emulator.Fault{DropRate: 0.3}},
	{"dropped answers", emulator.Fault{DropRate: 0.3, AfterMutation: true}},
	{"reader timeout, command delivered", emulator.Fault{Timeout: emulator.TimeoutDelivered}},
	{"reader timeout, command lost", emulator.Fault{Timeout: emulator.TimeoutLost}},
	{"connection_error, authorized", emulator.Fault{ConnectionError: emulator.ConnectionAuthorized}},
	{"connection_error, not authorized", emulator.Fault{ConnectionError: emulator.ConnectionNotAuthorized}},
	{"reader offline", emulator.Fault{Offline: true}},
	{"reader disconnects mid-payment", emulator.Fault{Disconnect: true}},
	{"customer cancels", emulator.Fault{CustomerCancel: true}},
}

func TestCrashHarness(t *testing.T) {
	binary := harnessBinary(t)
	var mu sync.Mutex
	var runs, crashes, orders, boundaries, violations int
	tally := func(h *harness, r, c int) {
		bad := h.violations()
		for _, v := range bad {
			h.t.Error(v)
		}
		mu.Lock()
		defer mu.Unlock()
		runs, crashes, violations = runs+r, crashes+c, violations+len(bad)
		orders += len(h.srv.emu.PaymentIntents())
	}
	t.Run("group", func(t *testing.T) {
		for fi, f := range crashFaults {
			t.Run(f.name, func(t *testing.T) {
				t.Parallel()
				h := newHarness(t, binary)
				if !h.pay("measure", 0, killNone, 0) { // learn how many requests a payment takes
					t.Fatal("a clean payment failed")
				}
				steps := h.srv.requests()
				mu.Lock()
				boundaries = max(boundaries, steps)
				mu.Unlock()
				r, c := 1, 0
				for at := 1; at <= steps; at++ {
					for _, how := range []killMode{killBefore, killAfter} {
						order := fmt.Sprintf("crash-%d-%d-%s", fi, at, how)
						h.srv.emu.SetFault("", f.fault)
						h.pay(order, at, how, 0)
						c++
						r += 1 + h.finish(order)
					}
				}
				tally(h, r, c)
			})
		}
		t.Run("random points", func(t *testing.T) {
			t.Parallel()
			h := newHarness(t, binary)
			rng := rand.New(rand.NewSource(20261122))
			r := 0
			for i := 0; i < 24; i++ {
				f := crashFaults[rng.Intn(len(crashFaults))]
				order := fmt.Sprintf("random-%d", i)
				h.srv.emu.SetFault("", f.fault)
				h.pay(order, 0, killNone, time.Duration(rng.Intn(400))*time.Millisecond)
				r += 1 + h.finish(order)
			}
			tally(h, r, 24)
		})
	})
	t.Logf("crash harness: %d till runs, %d crashes (%d request boundaries × before/after × %d faults, and 24 at random moments), %d orders, %d violations",
		runs, crashes, boundaries, len(crashFaults), orders, violations)
}
