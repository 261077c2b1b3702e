package ui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/ui/common"
	"github.com/till-pos/till/ui/internal/fake"
	"github.com/till-pos/till/ui/support/payments"
)

// flashes sends a key and settles what follows, returning the flashes it said.
func (h *harness) flashes(k string) []string {
	h.t.Helper()
	var said []string
	q := h.step(fake.Key(k))
	for n := 0; len(q) > 0; n++ {
		if n > 500 {
			h.t.Fatal("messages did not settle")
		}
		msg := q[0]
		q = q[1:]
		if f, ok := msg.(common.FlashMsg); ok {
			said = append(said, f.Text)
		}
		q = append(q, h.step(msg)...)
	}
	return said
}

// A capture the cashier's payment cannot take (it is declined) is refused by support
// itself, which then watches nothing: when the cashier sent the payment again and the
// reader was still in use, support's report of its refused capture came over the
// cashier's screen, in the decline's words. (The Payments pane offers no capture of a
// payment Stripe has in another state; one known from the journal alone comes here.)
func TestSupportWatchesOnlyATakenRequest(t *testing.T) {
	h := failedAttempt(t, &checkout.Failure{Kind: checkout.KindReaderBusy, Code: checkout.CodeReaderInUse, Message: "pi_other"})
	h.openSupport(panePayments)
	var said []string
	for _, msg := range h.step(payments.SettleMsg{Payment: payments.Payment{Intent: checkout.Intent{ID: h.session().PaymentIntentID}},
		Event: checkout.CaptureRequested{At: h.clock.Now()}}) {
		if f, ok := msg.(common.FlashMsg); ok {
			said = append(said, f.Text)
		}
	}
	want := "That does not apply to this payment now (not completed: reader busy); till did not send it to Stripe."
	if len(said) != 1 || said[0] != want {
		t.Errorf("support said %q, want only %q", said, want)
	}
	h.press("ctrl+s")
	if said := h.flashes("r"); len(said) > 0 {
		t.Errorf("the cashier's retry brought support's words: %q", said)
	}
	if s := h.session(); s.Phase != checkout.Declined {
		t.Errorf("the retry ended %s, want declined (the reader still in use)", s.Phase)
	}
}

// Support canceling the cashier's declined payment says how the cancel ended: it said
// the decline's words (the reader in use) as the outcome, in red, over a payment it had
// just canceled, because the payment was declined already when support asked.
func TestSupportCancelOfADeclinedPaymentSaysCanceled(t *testing.T) {
	h := failedAttempt(t, &checkout.Failure{Kind: checkout.KindReaderBusy, Code: checkout.CodeReaderInUse, Message: "pi_other"})
	h.openSupport(panePayments)
	h.press("x", "enter")
	said := h.flashes("y")
	want := "Canceled pi_1 (order " + supportWordsOrder + "). Nothing was charged."
	if len(said) != 1 || said[0] != want {
		t.Errorf("support said %q, want only %q", said, want)
	}
	if h.session().Phase != checkout.Canceled {
		t.Errorf("the cashier's payment is %s, want canceled", h.session().Phase)
	}
}

// The cashier's payment support just canceled leaves the Payments pane, though the
// journal's save of its last step is still on its way: the pane read it as the journal
// had it ("canceling") and listed it again.
func TestSupportListsTheCashiersPaymentAsItIsNow(t *testing.T) {
	h := failedAttempt(t, &checkout.Failure{Kind: checkout.KindReaderBusy, Code: checkout.CodeReaderInUse, Message: "pi_other"})
	h.openSupport(panePayments)
	h.press("x", "enter", "y")
	stale := h.session()
	if stale.Phase != checkout.Canceled {
		t.Fatalf("the cashier's payment is %s, want canceled", stale.Phase)
	}
	stale.Phase = checkout.Canceling // as the journal has it while the save of its end is under way
	h.st.Put(stale)
	h.press("s")
	if v := ansi.Strip(sized(h.m, 80, 24).View()); strings.Contains(v, "pi_1") || !strings.Contains(v, "No unfinished payments") {
		t.Errorf("the canceled payment is listed:\n%s", v)
	}
}
