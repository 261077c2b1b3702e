package ui

import (
	"strings"
	"testing"

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
	if s := h.session(); s.Phase != checkout.Declined || h.m.payment.InUseBy() != "pi_2" {
		t.Fatalf("showing %s in %s (in use by %q), want the first declined, in use by pi_2", s.OrderID, s.Phase, h.m.payment.InUseBy())
	}
	v := strings.Join(strings.Fields(ansi.Strip(sized(h.m, 80, 24).View())), " ")
	want := "The reader is taking another payment (pi_2): this till's order ord_queued, still open. Carry that on or cancel it, use another reader, or take it over."
	if !strings.Contains(v, want) || strings.Contains(v, "another till") {
		t.Errorf("the page does not say whose the work is:\n%s", v)
	}
}
