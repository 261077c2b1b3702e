package refund

import (
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/ui/common"
	"github.com/till-pos/till/ui/drive"
	"github.com/till-pos/till/ui/internal/fake"
)

// page is the refund page alone on the fake Stripe and store.
func page(readers ...checkout.Reader) Model {
	log := &fake.Recorder{}
	gw, st := fake.NewGateway(log, readers...), fake.NewStore(log)
	env := drive.Env{Saver: drive.NewSaver(), Refunds: gw, RefundStore: st, PollEvery: time.Millisecond, MaxBackoff: time.Millisecond,
		CallTimeout: time.Second, Now: func() time.Time { return fake.T0 },
		After: func(_ time.Duration, fn func(time.Time) tea.Msg) tea.Cmd {
			return func() tea.Msg { return fn(fake.T0) }
		}}
	m := New(common.DefaultStyles(), common.DefaultKeys(), Deps{Env: env, Gateway: gw, Book: st})
	return m.WithReaders(readers, "")
}

// running shows a refund in a phase, as the page drives it.
func (m Model) running(r checkout.Refund) Model {
	m.open, m.step, m.lane = true, stepRunning, drive.NewRefundLane(laneID(r.ID), r)
	return m
}

// keysOf lists the keys the page offers now.
func keysOf(m Model) []string {
	var out []string
	for _, b := range m.ShortHelp() {
		if b.Enabled() {
			out = append(out, b.Help().Key)
		}
	}
	return out
}

// The keys of a refund under way follow its phase: the card's keys only while the
// reader waits, and on a simulated reader; cancel only while nothing was refunded.
func TestRunningKeysFollowThePhase(t *testing.T) {
	inPerson := func(p checkout.RefundPhase, f *checkout.Failure) checkout.Refund {
		return checkout.Refund{ID: "rf_1", OrderID: "ord_1", PaymentIntentID: "pi_1", Amount: checkout.Money{Amount: 4500, Currency: "cad"},
			InPerson: true, ReaderID: fake.FrontCounter.ID, Phase: p, Failure: f, Attempts: 1}
	}
	card := func(p checkout.RefundPhase) checkout.Refund {
		r := inPerson(p, nil)
		r.InPerson, r.ReaderID, r.StripeID = false, "", "re_1"
		return r
	}
	inUse := &checkout.Failure{Kind: checkout.KindReaderBusy, Code: checkout.CodeReaderInUse, Message: "pi_other"}
	canceled := &checkout.Failure{Kind: checkout.KindCustomerCanceled}
	for _, tc := range []struct {
		name    string
		readers []checkout.Reader
		refund  checkout.Refund
		want    string
	}{
		{"awaiting on a simulated reader", []checkout.Reader{fake.FrontCounter}, inPerson(checkout.RefundAwaiting, nil), "x s 1 t"},
		{"awaiting on a real reader", []checkout.Reader{fake.RealReader}, func() checkout.Refund {
			r := inPerson(checkout.RefundAwaiting, nil)
			r.ReaderID = fake.RealReader.ID
			return r
		}(), "x s"},
		{"the customer canceled", []checkout.Reader{fake.FrontCounter}, inPerson(checkout.RefundDeclined, canceled), "r x s"},
		{"another reader to try", []checkout.Reader{fake.FrontCounter, fake.BackCounter}, inPerson(checkout.RefundDeclined, canceled), "r p x s"},
		{"the reader is busy", []checkout.Reader{fake.FrontCounter, fake.BackCounter}, inPerson(checkout.RefundDeclined, inUse), "r p o x s"},
		{"unknown, in person", []checkout.Reader{fake.FrontCounter}, inPerson(checkout.RefundUnknown, nil), "x s"},
		{"unknown, a card refund Stripe has", nil, card(checkout.RefundUnknown), "s"},
		{"pending", nil, card(checkout.RefundPending), "enter v s"},
		{"succeeded", nil, card(checkout.RefundSucceeded), "enter v"},
		{"failed", nil, card(checkout.RefundFailed), "enter"},
		{"canceled", nil, inPerson(checkout.RefundCanceled, nil), "enter"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := page(tc.readers...).running(tc.refund)
			if got := strings.Join(keysOf(m), " "); got != tc.want {
				t.Errorf("keys %q, want %q", got, tc.want)
			}
		})
	}
	// A refund resumed and not read again offers nothing: what it shows may be stale.
	m := page(fake.FrontCounter).running(inPerson(checkout.RefundAwaiting, nil))
	m.checking = true
	if keys := keysOf(m); len(keys) != 0 {
		t.Errorf("checking a resumed refund offers %v", keys)
	}
}

// x asks before canceling; n keeps the refund; y cancels only while nothing was refunded.
func TestCancelAsksFirst(t *testing.T) {
	m := page(fake.FrontCounter).running(checkout.Refund{ID: "rf_1", OrderID: "ord_1", PaymentIntentID: "pi_1",
		Amount: checkout.Money{Amount: 4500, Currency: "cad"}, InPerson: true, ReaderID: fake.FrontCounter.ID, Phase: checkout.RefundAwaiting})
	press := func(k string) {
		var cmd tea.Cmd
		m, cmd = m.Update(fake.Key(k))
		for _, msg := range fake.Run(cmd) {
			if _, ok := msg.(drive.SavedMsg); ok {
				m, _ = m.Update(msg) // the save; the call it guards is not made here
			}
		}
	}
	press("x")
	if !strings.Contains(m.Question(), "Cancel the refund?") || m.Refund().Phase != checkout.RefundAwaiting {
		t.Fatalf("x: question %q, phase %s", m.Question(), m.Refund().Phase)
	}
	press("n")
	if m.Question() != "" || m.Refund().Phase != checkout.RefundAwaiting {
		t.Fatalf("n: question %q, phase %s", m.Question(), m.Refund().Phase)
	}
	press("x")
	press("y")
	if m.Refund().Phase != checkout.RefundCanceling || len(keysOf(m)) != 0 {
		t.Errorf("y: phase %s, keys %v: want canceling, nothing to press while the reader is asked", m.Refund().Phase, keysOf(m))
	}
}
