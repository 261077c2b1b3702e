package checkout

import (
	"strings"
	"testing"
	"time"
)

// With a tip, the card is authorized for (and charged) the sale and the tip: a full
// disk's message said the sale alone ("$10.00 was taken" when $12.00 was), which is
// not what reached Stripe.
func TestAtStripeSaysWhatTheCardPays(t *testing.T) {
	usd := func(n int64) Money { return Money{Amount: n, Currency: "usd"} }
	for _, tt := range []struct {
		name string
		s    Session
		want string
	}{
		{"authorized with a tip", Session{PaymentIntentID: "pi_1", IntentStatus: IntentRequiresCapture, Amount: usd(1000), Tip: 200},
			"The card is authorized for $12.00 (pi_1)"},
		{"taken with a tip", Session{PaymentIntentID: "pi_1", IntentStatus: IntentSucceeded, Amount: usd(1000), Tip: 200, AmountReceived: 1200},
			"$12.00 was taken (pi_1)"},
		{"being authorized with a tip", Session{PaymentIntentID: "pi_1", IntentStatus: IntentProcessing, Amount: usd(1000), Tip: 200},
			"The card is being authorized for $12.00 (pi_1)"},
		{"taken, no tip", Session{PaymentIntentID: "pi_1", IntentStatus: IntentSucceeded, Amount: usd(1000), AmountReceived: 1000},
			"$10.00 was taken (pi_1)"},
		// A capture sent with no answer may have taken the money: till does not know yet.
		{"a capture with no answer", Session{PaymentIntentID: "pi_1", IntentStatus: IntentRequiresCapture, Amount: usd(1000), Tip: 200, AmountCapturable: 1200,
			Phase: Approved, Held: StepCapture, HeldSince: time.Unix(1, 0)},
			"The capture of $12.00 (pi_1) got no answer from Stripe: whether it went through is not known yet"},
		// Held but not sent yet (the disk refused the step before the call): still only authorized.
		{"a capture not sent", Session{PaymentIntentID: "pi_1", IntentStatus: IntentRequiresCapture, Amount: usd(1000),
			Phase: Capturing, Held: StepCapture},
			"The card is authorized for $10.00 (pi_1)"},
		{"not yet charged", Session{PaymentIntentID: "pi_1", IntentStatus: IntentRequiresPaymentMethod, Amount: usd(1000)},
			"The payment pi_1 for $10.00 exists at Stripe; nothing has been charged so far."},
	} {
		if got := AtStripe(tt.s); !strings.Contains(got, tt.want) {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
}
