package main

import (
	"strings"
	"testing"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/emulator"
)

// journalOfWork is a fake of this till's unfinished work.
type journalOfWork struct {
	sessions []checkout.Session
	refunds  []checkout.Refund
}

func (j journalOfWork) Unfinished() ([]checkout.Session, error)       { return j.sessions, nil }
func (j journalOfWork) UnfinishedRefunds() ([]checkout.Refund, error) { return j.refunds, nil }

// A reader waiting for the card of this till's in-person refund was "taking another
// payment (pi_…) perhaps from another till", with till reader cancel-action --expect-pi
// that payment to clear it (which cancels the refund), and it was offered as a free
// reader: a refund's action carries the refunded payment's id too.
func TestPayNamesAReaderWaitingForARefundsCard(t *testing.T) {
	refunding := checkout.Reader{ID: "tmr_1", Label: "Front", Status: "online", Action: &checkout.ReaderAction{
		Type: checkout.ActionRefundPayment, Status: checkout.ActionInProgress, PaymentIntentID: "pi_paid", TillRefundID: "rf-w"}}
	free := checkout.Reader{ID: "tmr_2", Label: "Back", Status: "online"}
	mine := journalOfWork{refunds: []checkout.Refund{{ID: "rf-w", OrderID: "I-2", PaymentIntentID: "pi_paid"}}}

	code, why := readerRefuses(refunding, []checkout.Reader{refunding, free}, mine)
	for _, want := range []string{"The reader Front is waiting for the card of refund rf-w: this till's refund rf-w, still open",
		"till refund I-2 --refund-id rf-w", "--reader tmr_2 (Back)", "Nothing was sent to Stripe."} {
		if !strings.Contains(why, want) {
			t.Errorf("%q does not say %q", why, want)
		}
	}
	if code != checkout.CodeReaderInUse || strings.Contains(why, "taking another payment") || strings.Contains(why, "--expect-pi") || strings.Contains(why, "take it over") {
		t.Errorf("%s: %q", code, why)
	}
	// Waiting for a refund's card, it is not offered as free.
	if _, why := readerRefuses(free, []checkout.Reader{{ID: "tmr_0", Status: checkout.ReaderOffline}, refunding}, mine); why != "" {
		t.Errorf("a free reader refused: %q", why)
	}
	busy := free
	busy.Action = &checkout.ReaderAction{Type: "process_payment_intent", Status: checkout.ActionInProgress, PaymentIntentID: "pi_x"}
	if _, why := readerRefuses(busy, []checkout.Reader{busy, refunding}, journalOfWork{}); strings.Contains(why, "--reader tmr_1") ||
		!strings.Contains(why, "perhaps from another till") || !strings.Contains(why, "till reader cancel-action tmr_2 --expect-pi pi_x") {
		t.Errorf("a reader waiting for a refund's card offered as free, or another till's payment misnamed: %q", why)
	}
}

// A declined order re-run on a reader another till's payment holds ended with the
// screen's words, "… or take it over": till pay has no take-over. It names the payment
// and the command that clears the reader.
func TestPayRetryOnABusyReaderOffersNoTakeOver(t *testing.T) {
	e := newSupportEnv(t, emulator.Options{})
	if code, res := e.payOn(t, "--amount", "8.00", "--order", "TB-1", "--reader", e.readers[0], "--card", "4000000000000002"); code != 1 || res.DeclineCode == "" {
		t.Fatalf("decline: %d %+v", code, res)
	}
	in := e.otherOnReader(t, "THEIRS", e.readers[1], 900)
	code, res := e.payOn(t, "--amount", "8.00", "--order", "TB-1", "--reader", e.readers[1])
	if code != 1 || res.FailureCode != checkout.CodeReaderInUse || strings.Contains(res.Message, "take it over") ||
		!strings.Contains(res.Message, "perhaps from another till") || !strings.Contains(res.Message, "till reader cancel-action "+e.readers[1]+" --expect-pi "+in.ID) {
		t.Fatalf("exit %d %+v", code, res)
	}
}

// till pay's own advice, "carry it on: till pay --order OPEN-1" (and support's, the
// re-run after Ctrl-C or --wait), was refused: "give --amount 12.34 or one --item". An
// order this till started has its amount: --order alone carries it on.
func TestPayOrderAloneCarriesOnTheOrder(t *testing.T) {
	e := newSupportEnv(t, emulator.Options{})
	open := e.openPayment(t, "OPEN-2")
	code, res := e.payOn(t, "--order", "OPEN-2")
	if code != 0 || res.Status != "succeeded" || res.PaymentIntent != open.PaymentIntent || res.Amount != 500 {
		t.Fatalf("till pay --order OPEN-2: exit %d %+v", code, res)
	}
	if len(e.emu.PaymentIntents()) != 1 {
		t.Errorf("%d PaymentIntents, want the order's one", len(e.emu.PaymentIntents()))
	}
	code, out, errOut := e.till(t, "pay", "--order", "NEVER-1")
	if code != 2 || !strings.Contains(errOut, "no order NEVER-1 to carry on") || !strings.Contains(errOut, "give --amount") || out != "" {
		t.Errorf("an order never started: exit %d %q %q", code, out, errOut)
	}
}
