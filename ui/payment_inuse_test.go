package ui

import (
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/till-pos/till/checkout"
)

// queuedOnTheReader is a till started with two payments left open on the front
// counter: the first, shown, found the reader in use by the second, which waits its
// turn in the cashier's queue and still has the reader.
func queuedOnTheReader(t testing.TB) *harness {
	t.Helper()
	first := withIntent(live(checkout.Declined), checkout.IntentRequiresPaymentMethod)
	first.Failure = &checkout.Failure{Kind: checkout.KindReaderBusy, Code: checkout.CodeReaderInUse, Message: "pi_2"}
	queued := awaiting()
	queued.OrderID, queued.PaymentIntentID = "ord_queued", "pi_2"
	busy := frontCounter
	busy.Action = &checkout.ReaderAction{Type: "process_payment_intent", Status: checkout.ActionInProgress, PaymentIntentID: "pi_2"}

	h := newHarness(t, Options{ReaderID: frontCounter.ID}, busy)
	h.st.UnfinishedFn = func() ([]checkout.Session, error) { return []checkout.Session{first, queued}, nil }
	h.gw.ReadIntentFn = func(id string) (checkout.Intent, error) {
		return checkout.Intent{ID: id, Status: checkout.IntentRequiresPaymentMethod}, nil
	}
	h.start(nil)
	return h
}

// The cashier's payment page says a reader busy with this till's own queued order is
// this till's, by order: it said "perhaps from another till" of every busy reader.
func TestPaymentPageNamesThisTillsWorkOnTheReader(t *testing.T) {
	h := queuedOnTheReader(t)
	if s := h.session(); s.Phase != checkout.Declined || s.Failure == nil || s.Failure.Message != "pi_2" {
		t.Fatalf("showing %s in %s (%+v), want the first declined, the reader in use by pi_2", s.OrderID, s.Phase, s.Failure)
	}
	v := strings.Join(strings.Fields(ansi.Strip(sized(h.m, 80, 24).View())), " ")
	want := "The reader is taking another payment (pi_2): this till's order ord_queued, still open. Carry that on or cancel it, use another reader, or take it over."
	if !strings.Contains(v, want) || strings.Contains(v, "another till") {
		t.Errorf("the page does not say whose the work is:\n%s", v)
	}
}

// refundBehindAPayment is a till started with an in-person refund and a payment left
// open on the front counter, the payment holding the reader, whose cashier retried the
// refund there.
func refundBehindAPayment(t testing.TB) *harness {
	t.Helper()
	h := historyHarness(t)
	waiting := awaiting()
	waiting.OrderID, waiting.PaymentIntentID, waiting.ReaderID = "ord_waiting", "pi_waiting", frontCounter.ID
	h.st.Put(waiting)
	busy := frontCounter
	busy.Action = &checkout.ReaderAction{Type: "process_payment_intent", Status: checkout.ActionInProgress, PaymentIntentID: "pi_waiting"}
	h.gw.SetReaders(busy, backCounter)
	h.st.PutRefund(checkout.Refund{ID: "rf_20260314T150100_0badc0de", OrderID: interacOrder, PaymentIntentID: interacPI,
		Amount: checkout.Money{Amount: 4500, Currency: "cad"}, InPerson: true, ReaderID: frontCounter.ID, Phase: checkout.RefundAwaiting,
		Card: checkout.Card{Brand: "interac", Last4: "1933"}, Attempts: 1, StartedAt: t0.Add(-8 * time.Minute)})
	h = h.restart(Options{ReaderID: frontCounter.ID, TillID: "till-1"})
	h.press("r")
	return h
}

// The refund page says the same of a reader busy with this till's own payment (the
// cashier's, left open): it said "perhaps from another till".
func TestRefundPageNamesThisTillsWorkOnTheReader(t *testing.T) {
	h := refundBehindAPayment(t)
	if r := h.m.refund.Refund(); r.Phase != checkout.RefundDeclined || r.Failure == nil || r.Failure.Message != "pi_waiting" {
		t.Fatalf("the refund is %s (%+v), want declined, the reader in use by pi_waiting", r.Phase, r.Failure)
	}
	v := strings.Join(strings.Fields(ansi.Strip(sized(h.m, 80, 24).View())), " ")
	want := "The reader is taking another payment (pi_waiting): this till's order ord_waiting, still open."
	if !strings.Contains(v, want) || strings.Contains(v, "another till") {
		t.Errorf("the page does not say whose the work is:\n%s", v)
	}
}
