package drive

import (
	"errors"
	"slices"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/ui/internal/fake"
)

// paidVisa is a captured card payment of $20.00 the fake Stripe holds.
func (r *rig) paidVisa() checkout.Intent {
	in := checkout.Intent{ID: "pi_paid", Status: checkout.IntentSucceeded, Amount: checkout.Money{Amount: 2000, Currency: "usd"},
		AmountReceived: 2000, OrderID: "ord_paid", Card: checkout.Card{Brand: "visa", Last4: "4242"}}
	r.gw.SetOthers(in)
	r.env.Refunds, r.env.RefundStore = r.gw, r.st
	return in
}

// drain runs cmd and feeds every message back to the lane until none is left.
func drainRefund(t *testing.T, env Env, l RefundLane, cmd tea.Cmd) (RefundLane, []string) {
	t.Helper()
	var flashes []string
	q := fake.Run(cmd)
	for n := 0; len(q) > 0; n++ {
		if n > 100 {
			t.Fatal("the refund lane did not settle")
		}
		var rep Report
		l, cmd, rep = l.Update(env, q[0])
		q = append(q[1:], fake.Run(cmd)...)
		if rep.Flash != "" {
			flashes = append(flashes, rep.Flash)
		}
	}
	return l, flashes
}

// A refund is saved, with its idempotency key, before the call it guards, and driven to
// its end through the refund machine.
func TestRefundLaneSavesBeforeEachCall(t *testing.T) {
	r := newRig()
	in := r.paidVisa()
	req := checkout.RefundRequested{RefundID: "rf_1", Payment: in, Amount: checkout.Money{Amount: 500, Currency: "usd"}, At: fake.T0}
	l, cmd, err := NewRefundLane("refund", checkout.Refund{}).Start(r.env, checkout.Refund{}, req)
	if err != nil {
		t.Fatal(err)
	}
	l, flashes := drainRefund(t, r.env, l, cmd)
	if got := l.Refund(); got.Phase != checkout.RefundSucceeded || got.StripeID == "" || len(flashes) > 0 {
		t.Fatalf("refund %s %q, flashes %v", got.Phase, got.StripeID, flashes)
	}
	calls := r.log.Calls()
	create := slices.IndexFunc(calls, func(c string) bool { return c == "create_refund tillrf_rf_1_create pi_paid" })
	saved := slices.Index(calls, "save_refund creating rf_1")
	if create < 0 || saved < 0 || saved > create {
		t.Errorf("the refund was not saved before its create: %v", calls)
	}
	if got := r.gw.Refunds(); len(got) != 1 || got[0].Amount.Amount != 500 {
		t.Errorf("Stripe refunded %+v", got)
	}
}

// A refund that cannot be saved is never sent, and the lane says so.
func TestRefundLaneSendsNothingItCouldNotSave(t *testing.T) {
	r := newRig()
	in := r.paidVisa()
	r.st.SaveRefundFn = func(checkout.Refund) error { return errors.New("disk full") }
	l, cmd, err := NewRefundLane("refund", checkout.Refund{}).Start(r.env, checkout.Refund{}, checkout.RefundRequested{RefundID: "rf_1", Payment: in, At: fake.T0})
	if err != nil {
		t.Fatal(err)
	}
	l, flashes := drainRefund(t, r.env, l, cmd)
	if l.Refund().Phase != checkout.RefundNew || l.Stalled() || len(r.gw.Refunds()) != 0 ||
		!slices.Equal(flashes, []string{"till could not write to its database (disk full), so it made no further call for this refund. Nothing of this refund reached Stripe."}) {
		t.Errorf("phase %s stalled %v, refunds %v, flashes %v", l.Refund().Phase, l.Stalled(), r.gw.Refunds(), flashes)
	}
}

// A read of the refund that comes back after the cashier acted again is dropped.
func TestRefundLaneDropsStaleReads(t *testing.T) {
	r := newRig()
	r.paidVisa()
	awaiting := checkout.Refund{ID: "rf_1", OrderID: "ord_paid", PaymentIntentID: "pi_paid", Amount: checkout.Money{Amount: 500, Currency: "usd"},
		InPerson: true, ReaderID: fake.FrontCounter.ID, Phase: checkout.RefundAwaiting, Attempts: 1}
	l := NewRefundLane("refund", awaiting)
	old := l.gen
	l, _, err := l.Act(r.env, checkout.CheckRequested{At: fake.T0})
	if err != nil || l.gen == old {
		t.Fatalf("check: %v", err)
	}
	failed := &checkout.Reader{ID: fake.FrontCounter.ID, Action: &checkout.ReaderAction{Type: checkout.ActionRefundPayment,
		Status: checkout.ActionFailed, FailureCode: "customer_canceled", TillRefundID: "rf_1"}}
	stale := ResultMsg{lane: "refund", gen: old, read: true, event: checkout.RefundRead{Reader: failed, At: fake.T0}}
	if l, _, rep := l.Update(r.env, stale); !rep.Mine || l.Refund().Phase != checkout.RefundAwaiting {
		t.Errorf("a stale read moved the refund to %s", l.Refund().Phase)
	}
	current := ResultMsg{lane: "refund", gen: l.gen, read: true, event: checkout.RefundRead{Reader: failed, At: fake.T0}}
	if l, _, _ := l.Update(r.env, current); l.Refund().Phase != checkout.RefundDeclined {
		t.Errorf("a current read was not applied: %s", l.Refund().Phase)
	}
	if _, _, rep := l.Update(r.env, ResultMsg{lane: "cashier", gen: l.gen, event: checkout.RefundRead{}}); rep.Mine {
		t.Error("the refund lane took the cashier's result")
	}
}

// A refund waiting on the reader is re-read on checkout.Schedule's slowing pace, or at
// the wait main hands in (slower while webhooks arrive), not every poll interval.
func TestRefundLaneWaitsOnTheSchedule(t *testing.T) {
	r := newRig()
	r.env.PollEvery, r.env.MaxBackoff = time.Second, 10*time.Second
	r.env.Now = func() time.Time { return fake.T0.Add(40 * time.Second) }
	onReader := checkout.Refund{ID: "rf_1", Phase: checkout.RefundAwaiting, InPerson: true, ActionSince: fake.T0}
	if d := (refunds{}).delay(r.env, onReader); d < 3*time.Second || d > 3300*time.Millisecond {
		t.Errorf("a refund 40 s on the reader waits %v, want the schedule's 3 s (+ a tenth of jitter)", d)
	}
	r.env.RefundWait = func(checkout.Refund) time.Duration { return 30 * time.Second }
	if d := (refunds{}).delay(r.env, onReader); d != 30*time.Second {
		t.Errorf("with main's pace the refund waits %v, want 30s", d)
	}
}
