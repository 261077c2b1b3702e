package ui

import (
	"strings"
	"testing"
	"time"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/ui/common"
	"github.com/till-pos/till/ui/internal/fake"
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

// Support's words for the cashier's payment the reader found in use say whose the work
// on the reader is, as support knows it: an unfinished order or refund of this till's
// journal is this till's, named; only work no lane of this till knows is "perhaps from
// another till", with the Readers pane's cancel for a take-over support does not have.
// They said "perhaps from another till … or take it over" of every payment. (Support
// says them when a payment it asked to settle ends declined: here the cashier sent it
// again after support's capture was refused.)
func TestSupportSaysWhoseWorkTheReaderHas(t *testing.T) {
	for _, tc := range []struct {
		name  string
		other string
		put   func(*fake.Store)
		want  string
	}{
		{"another till's payment", "pi_other", nil,
			"The reader " + frontCounter.Name() + " is taking another payment (pi_other), perhaps from another till. Wait for it, or use another reader. The support screen's Readers pane cancels its action (x)."},
		{"this till's order", "pi_earlier", func(st *fake.Store) {
			st.Put(checkout.Session{OrderID: "ord_earlier", PaymentIntentID: "pi_earlier", Phase: checkout.Awaiting, ReaderID: frontCounter.ID,
				Cart: checkout.Cart{Currency: "usd"}, StartedAt: t0.Add(time.Hour)}) // listed after the cashier's, which c captures
		}, "The reader " + frontCounter.Name() + " is taking another payment (pi_earlier): this till's order ord_earlier, still open. Carry that on or cancel it, or use another reader."},
		{"this till's refund", "rf_earlier", func(st *fake.Store) {
			st.PutRefund(checkout.Refund{ID: "rf_earlier", OrderID: "ord_paid", Phase: checkout.RefundAwaiting, ReaderID: frontCounter.ID})
		}, "The reader " + frontCounter.Name() + " is waiting for the card of refund rf_earlier: this till's refund rf_earlier, still open. Carry that on or cancel it, or use another reader."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := failedAttempt(t, &checkout.Failure{Kind: checkout.KindReaderBusy, Code: checkout.CodeReaderInUse, Message: tc.other})
			if tc.put != nil {
				tc.put(h.st)
			}
			// Support asks to capture the cashier's payment (refused: it is declined), then
			// the cashier sends it again and the reader is still in use.
			h.openSupport(panePayments)
			h.press("c", "y", "ctrl+s")
			said := strings.Join(h.flashes("r"), "\n")
			if !strings.Contains(said, "Order "+supportWordsOrder+": "+tc.want) {
				t.Errorf("support said:\n%s\nwant:\n%s", said, tc.want)
			}
			if strings.Contains(said, "take it over") {
				t.Errorf("support offers a take-over it does not have:\n%s", said)
			}
		})
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
