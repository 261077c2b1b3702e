package readers

import (
	"testing"
	"time"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/ui/common"
	"github.com/till-pos/till/ui/internal/fake"
)

// The checkout's own payment is as old as the reader's work on it, not as old as the
// pane's first look: a payment stuck before support opened is flagged at once.
func TestActionAgeOfTheCheckoutsOwnPayment(t *testing.T) {
	now := fake.T0
	s := checkout.Session{OrderID: "ord_1", Phase: checkout.Awaiting, ReaderID: fake.FrontCounter.ID, PaymentIntentID: "pi_1",
		ActionSince: now.Add(-3 * time.Minute)}
	m := New(common.DefaultStyles(), common.DefaultKeys(), Deps{Now: func() time.Time { return now }, StuckAfter: 2 * time.Minute}).
		With(common.Checkout{Session: s})
	ours, theirs := fake.FrontCounter, fake.BackCounter
	ours.Action = &checkout.ReaderAction{Type: "process_payment_intent", Status: checkout.ActionInProgress, PaymentIntentID: "pi_1"}
	theirs.Action = &checkout.ReaderAction{Type: "process_payment_intent", Status: checkout.ActionInProgress, PaymentIntentID: "pi_other"}
	m = m.withReaders([]checkout.Reader{ours, theirs}, now)
	if age, _ := m.actionAge(ours); age != 3*time.Minute || !m.stuck(ours) {
		t.Errorf("own payment: age %v, stuck %v; want 3m and stuck", age, m.stuck(ours))
	}
	if age, _ := m.actionAge(theirs); age != 0 || m.stuck(theirs) {
		t.Errorf("another payment: age %v, stuck %v; want 0 and not stuck", age, m.stuck(theirs))
	}
}
