package support

import (
	"testing"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/ui/common"
	"github.com/till-pos/till/ui/drive"
	"github.com/till-pos/till/ui/internal/fake"
)

// Support's words for a payment that found its reader in use say whose the work on the
// reader is, as support knows it: a lane of this till (the cashier's payment or refund,
// the cashier's queue, support's own) is this till's, named; only work none of them
// knows is "perhaps from another till", with the support screen's cancel in place of a
// take-over it does not have. They were checkout.Explain's, "perhaps from another till
// … or take it over", whoever's the work was.
func TestExplainSaysWhoseWorkTheReaderHas(t *testing.T) {
	m := New(common.DefaultStyles(), common.DefaultKeys(), Deps{}, Options{})
	m.ck = common.Checkout{
		Session: checkout.Session{OrderID: "ord_cashier", PaymentIntentID: "pi_cashier", Phase: checkout.Declined},
		Pending: []checkout.Session{{OrderID: "ord_queued", PaymentIntentID: "pi_queued", Phase: checkout.Awaiting}},
		Refund:  checkout.Refund{ID: "rf_cashier", OrderID: "ord_paid", Phase: checkout.RefundAwaiting},
		Readers: []checkout.Reader{fake.FrontCounter},
	}
	m.lane = drive.NewLane(Lane, checkout.Session{OrderID: "ord_support", PaymentIntentID: "pi_support", Phase: checkout.Approved})
	reader := "The reader " + fake.FrontCounter.Name() + " is "
	mine := ", still open. Carry that on or cancel it, or use another reader."
	for _, tc := range []struct{ other, want string }{
		{"pi_else", reader + "taking another payment (pi_else), perhaps from another till. Wait for it, or use another reader. " +
			"The support screen's Readers pane cancels its action (x)."},
		{"pi_cashier", reader + "taking another payment (pi_cashier): this till's order ord_cashier" + mine},
		{"pi_queued", reader + "taking another payment (pi_queued): this till's order ord_queued" + mine},
		{"pi_support", reader + "taking another payment (pi_support): this till's order ord_support" + mine},
		{"rf_cashier", reader + "waiting for the card of refund rf_cashier: this till's refund rf_cashier" + mine},
	} {
		f := &checkout.Failure{Kind: checkout.KindReaderBusy, Code: checkout.CodeReaderInUse, Message: tc.other}
		if got := m.explain(f, fake.FrontCounter.ID); got != tc.want {
			t.Errorf("in use by %s:\n got %q\nwant %q", tc.other, got, tc.want)
		}
	}
	// Any other failure is checkout's words.
	busy := &checkout.Failure{Kind: checkout.KindReaderBusy, Code: "terminal_reader_busy"}
	if got := m.explain(busy, fake.FrontCounter.ID); got != checkout.Explain(busy) {
		t.Errorf("a busy reader: %q", got)
	}
}
