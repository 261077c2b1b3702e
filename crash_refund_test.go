package main

import (
	"context"
	"fmt"
	"math/rand"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/readerctl"
)

// The crash harness for refunds: a payment is taken cleanly, then `till refund` runs as
// a child under one of the emulator's faults and is killed with SIGKILL at a request
// boundary (before Stripe sees request N, or after Stripe acted on it) or at a random
// moment, or request N's answer is lost on every try (an ambiguous failure however
// often stripe-go retries, which the emulator's replays would otherwise mask); it is
// re-run with the same --refund-id until it succeeds, and a second refund
// of the same payment follows. Then per payment the sum Stripe refunded must equal the
// sum asked — never more — with one Stripe refund per till refund id, and till's
// database must hold no refund whose outcome is unknown.

// refundKinds are the two ways till refunds: through the API, and on the reader.
var refundKinds = []struct{ name, currency, card string }{
	{"card", "usd", "4242424242424242"},
	{"interac", "cad", "4506445006931933"},
}

// Each payment of 12.00 gets two refunds: 5.00 (the one killed) and 4.00.
const (
	crashRefundFirst  = "5.00"
	crashRefundSecond = "4.00"
	crashRefundAsked  = 900
)

// refundWait bounds each refund run: a reader that is offline or gone keeps a refund
// waiting until then, and the re-run carries on.
const refundWait = 3 * time.Second

// newRefundHarness is a harness of its own (emulator, database) for one kind of refund.
func newRefundHarness(t *testing.T, binary, currency, card string) *refundHarness {
	h := newHarness(t, binary)
	h.wait = refundWait
	return &refundHarness{harness: h, currency: currency, card: card, asked: map[string]int64{}}
}

type refundHarness struct {
	*harness
	currency, card string
	asked          map[string]int64 // per order, in minor units
	ids            []string         // every till refund id asked for
}

// paid takes a payment for order cleanly (no fault, no kill).
func (rh *refundHarness) paid(order string) {
	rh.t.Helper()
	rh.srv.emu.ClearFaults()
	if !rh.till([]string{"pay", "--json", "--amount", "12.00", "--order", order, "--card", rh.card, "--currency", rh.currency,
		"--reader", rh.srv.emu.ReaderIDs()[0]}, 0, killNone, 0) {
		rh.t.Fatalf("payment %s failed", order)
	}
}

// refund runs `till refund` as a child, killed at request at (how) or after delay.
func (rh *refundHarness) refund(order, id, amount string, at int, how killMode, delay time.Duration) bool {
	rh.t.Helper()
	return rh.till([]string{"refund", order, "--json", "--amount", amount, "--refund-id", id, "--reason", "requested_by_customer"}, at, how, delay)
}

// crashAndFinish runs the first refund of order killed as asked, re-runs it until it
// succeeds, then makes the second refund; it returns how many till runs that took.
func (rh *refundHarness) crashAndFinish(order string, at int, how killMode, delay time.Duration) int {
	rh.t.Helper()
	first, second := order+"-a", order+"-b"
	rh.asked[order] = crashRefundAsked
	rh.ids = append(rh.ids, first, second)
	rh.refund(order, first, crashRefundFirst, at, how, delay)
	runs := 1 + rh.finishWith("refund "+first, func() bool { return rh.refund(order, first, crashRefundFirst, 0, killNone, 0) })
	rh.srv.emu.ClearFaults()
	if !rh.refund(order, second, crashRefundSecond, 0, killNone, 0) {
		rh.t.Errorf("the second refund of %s failed", order)
	}
	return runs + 1
}

// refundViolations checks the refund invariants against the emulator and till's
// database, and the payment invariants with them. It returns the violations and how
// many Stripe refunds it saw.
func (rh *refundHarness) refundViolations() ([]string, int) {
	bad := rh.violations()
	c, err := readerctl.New(readerctl.Config{APIKey: "sk_test_harness", BaseURL: rh.url, MaxNetworkRetries: -1})
	if err != nil {
		rh.t.Fatal(err)
	}
	seen := 0
	byOrder := map[string]string{}
	for _, pi := range rh.srv.emu.PaymentIntents() {
		byOrder[pi.OrderID] = pi.ID
	}
	for order, asked := range rh.asked {
		refunds, err := c.ListRefunds(context.Background(), byOrder[order])
		if err != nil {
			rh.t.Fatal(err)
		}
		seen += len(refunds)
		var sum int64
		perID := map[string]int{}
		for _, r := range refunds {
			perID[r.TillRefundID]++
			if r.Status.Counts() {
				sum += r.Amount.Amount
			}
		}
		if sum != asked {
			bad = append(bad, fmt.Sprintf("order %s: Stripe refunded %d, asked %d", order, sum, asked))
		}
		for id, n := range perID {
			if n != 1 || id == "" {
				bad = append(bad, fmt.Sprintf("order %s: %d Stripe refunds for till refund %q", order, n, id))
			}
		}
	}
	st := openStore(rh.t, filepath.Join(rh.home, "till.db"))
	defer st.Close()
	open, err := st.UnfinishedRefunds()
	if err != nil {
		rh.t.Fatal(err)
	}
	for _, r := range open {
		bad = append(bad, fmt.Sprintf("refund %s left %s", r.ID, r.Phase))
	}
	for _, id := range rh.ids {
		if r, found, err := st.Refund(id); err != nil || !found || r.Phase != checkout.RefundSucceeded {
			bad = append(bad, fmt.Sprintf("refund %s is %q in till's database (found %v, %v)", id, r.Phase, found, err))
		}
	}
	return bad, seen
}

func TestCrashHarnessRefunds(t *testing.T) {
	binary := harnessBinary(t)
	var mu sync.Mutex
	var runs, kills, lost, refunds, violations int
	boundaries := map[string]int{}
	tally := func(rh *refundHarness, r, k, l int) {
		bad, seen := rh.refundViolations()
		for _, v := range bad {
			rh.t.Error(v)
		}
		mu.Lock()
		defer mu.Unlock()
		runs, kills, lost, refunds, violations = runs+r, kills+k, lost+l, refunds+seen, violations+len(bad)
	}
	// Each group has its own emulator and database; the groups mostly wait (polls,
	// stripe-go's retry pauses, --wait), so they run side by side beyond -parallel.
	group := func(t *testing.T, name string, body func(t *testing.T)) func() {
		return func() { t.Run(name, body) }
	}
	var groups []func()
	for _, kind := range refundKinds {
		for fi, f := range crashFaults {
			groups = append(groups, group(t, kind.name+"/"+f.name, func(t *testing.T) {
				rh := newRefundHarness(t, binary, kind.currency, kind.card)
				rh.paid("measure")
				if !rh.refund("measure", "measure-a", crashRefundFirst, 0, killNone, 0) { // learn how many requests a refund takes
					t.Fatal("a clean refund failed")
				}
				steps := rh.srv.requests()
				keyed := make([]bool, steps+1)
				for at := 1; at <= steps; at++ {
					keyed[at] = rh.srv.keyedAt(at)
				}
				rh.asked["measure"], rh.ids = 500, append(rh.ids, "measure-a")
				mu.Lock()
				boundaries[kind.name] = max(boundaries[kind.name], steps)
				mu.Unlock()
				r, k, l := 2, 0, 0
				for at := 1; at <= steps; at++ {
					for _, how := range []killMode{killBefore, killAfter, loseAnswer} {
						if how == loseAnswer && !keyed[at] {
							continue // only a call that may move money is worth an ambiguous answer
						}
						order := fmt.Sprintf("rc-%s-%d-%d-%s", kind.name, fi, at, how)
						rh.paid(order)
						rh.srv.emu.SetFault("", f.fault)
						r += 1 + rh.crashAndFinish(order, at, how, 0)
						if how == loseAnswer {
							l++
						} else {
							k++
						}
					}
				}
				tally(rh, r, k, l)
			}))
		}
	}
	groups = append(groups, group(t, "random points", func(t *testing.T) {
		rng := rand.New(rand.NewSource(20261129))
		rhs := map[string]*refundHarness{}
		r := 0
		for i := 0; i < 16; i++ {
			kind := refundKinds[i%len(refundKinds)]
			rh := rhs[kind.name]
			if rh == nil {
				rh = newRefundHarness(t, binary, kind.currency, kind.card)
				rhs[kind.name] = rh
			}
			f := crashFaults[rng.Intn(len(crashFaults))]
			order := fmt.Sprintf("random-%d", i)
			rh.paid(order)
			rh.srv.emu.SetFault("", f.fault)
			r += 1 + rh.crashAndFinish(order, 0, killNone, time.Duration(rng.Intn(400))*time.Millisecond)
		}
		for _, rh := range rhs {
			tally(rh, r, 16/len(rhs), 0)
			r = 0
		}
	}))
	sem := make(chan struct{}, 8)
	var wg sync.WaitGroup
	for _, g := range groups {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			g()
		}()
	}
	wg.Wait()
	t.Logf("refund crash harness: %d till runs, %d kills (%d card and %d Interac request boundaries × before/after × %d faults, and 16 at random moments), %d answers lost to every retry, %d Stripe refunds, %d violations",
		runs, kills, boundaries["card"], boundaries["interac"], len(crashFaults), lost, refunds, violations)
}
