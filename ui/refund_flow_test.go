package ui

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/teatest"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/emulator"
	"github.com/till-pos/till/ui/common"
)

// Refunds as a cashier makes them, the TUI running as a program against the emulator,
// the real Stripe adapter and a real database.

// payWith charges a cart of lines on the configured reader, presents the named test card
// from the list and waits for the paid screen (capturing when it asks).
func (f *flow) payWith(card string, lines ...[3]string) {
	f.t.Helper()
	f.wait("a free line")
	for _, l := range lines {
		f.addLine(l[0], l[1], l[2])
		f.wait(l[2] + " × ") // the line in the cart: the screen has moved on before the next key
	}
	f.key("enter")
	f.wait("Ask the customer")
	f.tm.Type("t")
	f.wait("Present a test card")
	i := slices.IndexFunc(common.TestCards, func(c common.TestCard) bool { return c.Name == card })
	for range i {
		f.key("down")
	}
	f.key("enter")
	if card != "Interac" { // single-message: captured at once
		f.wait("ready to capture")
		f.tm.Type("c")
	}
	f.wait("PaymentIntent")
	f.tm.Type("n")
	f.wait("a free line")
}

// historyRefund opens the history, finds a payment and starts its refund.
func (f *flow) historyRefund(find, shows string) {
	f.t.Helper()
	f.tm.Type("h")
	f.wait("Payment history")
	f.tm.Type(find)
	f.wait("1 payment found")
	f.key("enter")
	f.wait(shows)
	f.tm.Type("r")
	f.wait("What comes back?")
}

// refundsOf is what Stripe holds of a payment's refunds, and the sum of those that
// gave money back.
func (f *flow) refundsOf(pi string) (int64, []checkout.StripeRefund) {
	f.t.Helper()
	refunds, err := f.gw.ListRefunds(context.Background(), pi)
	if err != nil {
		f.t.Fatal(err)
	}
	var sum int64
	for _, r := range refunds {
		if r.Status.Counts() {
			sum += r.Amount.Amount
		}
	}
	return sum, refunds
}

// A partial refund from the history (two lines of the cart), then the rest.
func TestFlowPartialRefundFromHistoryThenTheRest(t *testing.T) {
	f := newFlow(t, true)
	f.payWith("Visa", [3]string{"Coffee", "3.00", "2"}, [3]string{"Cake", "4.50", "1"})
	pi := f.onlyIntent().ID

	f.historyRefund("4242", "Payment of $10.50")
	f.key("down")
	f.key("enter")
	f.wait("Which units come back?")
	f.key("right")
	f.key("down")
	f.key("right")
	f.wait("These come to $7.50")
	f.key("enter")
	f.wait("Why?")
	f.key("enter")
	f.wait("Refund $7.50 to Visa •••• 4242? (y/n)")
	f.tm.Type("y")
	f.wait("Refunded $7.50 to Visa •••• 4242.")
	// receipt opens a receipt with k, finds want on it, and closes it back to the page
	// that says under.
	receipt := func(k, under string, want ...string) {
		f.tm.Type(k)
		f.waitAll(want...)
		f.key("esc")
		f.wait(under)
	}
	// Its receipt, over the finished refund: the lines given back and what is left.
	receipt("v", "Refunded $7.50 to Visa •••• 4242.", "Refund receipt · $7.50 back to Visa •••• 4242", "1 x Coffee", "1 x Cake", "REFUND TOTAL")
	f.key("enter")
	f.wait("$3.00 left to refund")

	f.tm.Type("r")
	f.wait("What comes back?")
	f.key("enter")
	f.key("enter")
	f.wait("Refund $3.00 to Visa •••• 4242? (y/n)")
	f.tm.Type("y")
	f.wait("Refunded $3.00")
	f.key("enter")
	f.wait("$0.00 left to refund")
	// Each refund's receipt from the payment's details: the newest first, ↑ the other.
	receipt("f", "$0.00 left to refund", "Refund receipt · $3.00 back to Visa •••• 4242", "REFUND TOTAL")
	f.key("up")
	receipt("f", "$0.00 left to refund", "Refund receipt · $7.50 back to Visa •••• 4242", "1 x Coffee")
	f.key("ctrl+c")
	fm := f.tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(Model)

	if sum, refunds := f.refundsOf(pi); sum != 1050 || len(refunds) != 2 {
		t.Fatalf("Stripe refunded %d in %d refunds, want 1050 in 2", sum, len(refunds))
	}
	if mine, err := f.st.RefundsOf("ord_PartialRefundFromHistoryThenTheRest"); err != nil || len(mine) != 2 || len(mine[0].Lines) != 2 ||
		mine[0].Phase != checkout.RefundSucceeded || mine[1].Phase != checkout.RefundSucceeded {
		t.Fatalf("this till's refunds %+v, %v", mine, err)
	}
	viewHas(t, fm, "refunded", "$10.50 · $0.00 left to refund")
}

// An Interac payment refunded on the reader: the customer cancels on the reader, then,
// asked again, presents the card.
func TestFlowInteracRefundOnTheReader(t *testing.T) {
	f := newFlowWith(t, true, func(o *Options, _ *Deps) { o.Currency = "cad" })
	f.payWith("Interac", [3]string{"Boots", "45.00", "1"})
	pi := f.onlyIntent().ID

	f.historyRefund("1933", "Payment of CA$45.00")
	f.key("enter")
	f.key("enter")
	f.wait("Refund CA$45.00 on")
	f.tm.Type("y")
	f.wait("Ask the customer to present the card that paid")

	admin := emulator.AdminClient{BaseURL: f.url}
	if err := admin.ToggleReaderFault(context.Background(), f.front(), "customer_cancel"); err != nil {
		t.Fatal(err)
	}
	f.tm.Type("1")
	f.wait("The customer canceled on the reader. Nothing was refunded.")
	if sum, _ := f.refundsOf(pi); sum != 0 {
		t.Fatalf("Stripe refunded %d after the customer canceled", sum)
	}
	if err := admin.ToggleReaderFault(context.Background(), f.front(), "customer_cancel"); err != nil {
		t.Fatal(err)
	}
	f.tm.Type("r")
	f.wait("Ask the customer to present the card that paid")
	f.tm.Type("1")
	f.wait("Refunded CA$45.00 to Interac •••• 1933.")
	f.key("enter")
	f.wait("CA$0.00 left to refund")
	f.key("ctrl+c")
	f.tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second))

	if sum, refunds := f.refundsOf(pi); sum != 4500 || len(refunds) != 1 || refunds[0].Status != checkout.RefundStatusSucceeded {
		t.Fatalf("Stripe refunded %d in %+v, want 4500 once", sum, refunds)
	}
}

// A refund_fail card's refund: pending, then failed, told with Stripe's reason.
func TestFlowRefundFailCard(t *testing.T) {
	f := newFlow(t, true)
	f.payWith("Refund fails", [3]string{"Lamp", "8.00", "1"})
	pi := f.onlyIntent().ID

	f.historyRefund("5126", "Payment of $8.00")
	f.key("enter")
	f.key("enter")
	f.tm.Type("y")
	f.wait("Refund pending at Stripe")
	f.wait("the card has expired or was canceled") // Stripe's failure_reason, on the failed refund's screen
	f.key("enter")
	f.wait("$8.00 left to refund")
	f.key("ctrl+c")
	f.tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second))

	if sum, refunds := f.refundsOf(pi); sum != 0 || len(refunds) != 1 || refunds[0].FailureReason != "expired_or_canceled_card" {
		t.Fatalf("Stripe refunded %d, %+v: want one failed refund", sum, refunds)
	}
}
