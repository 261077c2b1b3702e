package main

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/till-pos/till/checkout"
)

// A held capture sent again went through, and then the disk could not keep the
// outcome: till said "the capture could not be sent again", which is false (Stripe took
// the money). A run stopped by the disk says what the database could not keep and where
// the order stands at Stripe; one whose session could not be read still says it was not
// sent.
func TestHeldOutcomeOnAFullDiskIsTrueAboutStripe(t *testing.T) {
	call := checkout.HeldCall{OrderID: "O-1", PaymentIntentID: "pi_1", Step: checkout.StepCapture, Amount: checkout.Money{Amount: 1200, Currency: "usd"}}
	paid := checkout.Session{OrderID: "O-1", PaymentIntentID: "pi_1", Phase: checkout.Paid, IntentStatus: checkout.IntentSucceeded,
		Amount: checkout.Money{Amount: 1200, Currency: "usd"}, AmountReceived: 1200}
	full := &notSaved{msg: checkout.NotSaved(paid, "the disk is full"), err: errors.New("no space left on device")}
	got := heldOutcome{Call: call, Session: paid, Err: full}.words(time.Now())
	if strings.Contains(got, "could not be sent") || !strings.Contains(got, "order O-1") || !strings.Contains(got, "the disk is full") ||
		!strings.Contains(got, "$12.00 was taken (pi_1)") {
		t.Errorf("not saved: %q", got)
	}
	unread := heldOutcome{Call: call, Err: errors.New("no session for order O-1")}.words(time.Now())
	if !strings.Contains(unread, "could not be sent again") {
		t.Errorf("unread: %q", unread)
	}
}
