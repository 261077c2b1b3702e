package emulator

import (
	"testing"

	"github.com/stripe/stripe-go/v76"
)

func TestEveryTestCard(t *testing.T) {
	f := newFixture(t, Options{})
	tests := []struct {
		number, brand, funding, cvm, code, decline string
	}{
		{"4242424242424242", "visa", "credit", "none", "", ""},
		{"4000056655665556", "visa", "debit", "none", "", ""},
		{"5555555555554444", "mastercard", "credit", "none", "", ""},
		{"5200828282828210", "mastercard", "debit", "none", "", ""},
		{"5105105105105100", "mastercard", "prepaid", "none", "", ""},
		{"378282246310005", "amex", "credit", "none", "", ""},
		{"371449635398431", "amex", "credit", "none", "", ""},
		{"6011111111111117", "discover", "credit", "none", "", ""},
		{"6011000990139424", "discover", "credit", "none", "", ""},
		{"3056930009020004", "diners", "credit", "none", "", ""},
		{"36227206271667", "diners", "credit", "none", "", ""},
		{"3566002020360505", "jcb", "credit", "none", "", ""},
		{"6200000000000005", "unionpay", "credit", "none", "", ""},
		{"6280000360000978", "eftpos_au", "debit", "none", "", ""},
		{"4000050360000001", "visa", "debit", "none", "", ""},
		{"5555050360000080", "mastercard", "debit", "none", "", ""},
		{"4001007020000002", "visa", "credit", "offline_pin", "", ""},
		{"4000008260000075", "visa", "credit", "offline_pin", "", ""},
		{"4001000360000005", "visa", "credit", "online_pin", "", ""},
		{"4000002760000008", "visa", "credit", "online_pin", "", ""},
		{"4000000000005126", "visa", "credit", "none", "", ""},
		{"4000000000007726", "visa", "credit", "none", "", ""},
		{"4000000000000002", "visa", "credit", "failure", "card_declined", "generic_decline"},
		{"4000000000009995", "visa", "credit", "failure", "card_declined", "insufficient_funds"},
		{"4000000000009987", "visa", "credit", "failure", "card_declined", "lost_card"},
		{"4000000000009979", "visa", "credit", "failure", "card_declined", "stolen_card"},
		{"4000000000000069", "visa", "credit", "failure", "expired_card", "expired_card"},
		{"4000000000000119", "visa", "credit", "failure", "processing_error", "processing_error"},
	}
	if len(tests) != len(testCards)-1 { // every card but Interac, which has its own test
		t.Fatalf("table covers %d cards, emulator knows %d", len(tests), len(testCards))
	}
	for _, tc := range tests {
		t.Run(tc.number, func(t *testing.T) {
			pi := f.createPI(1000, "manual")
			f.process(f.readers[0], pi.ID)
			r := f.present(f.readers[0], tc.number)
			got := f.getPI(pi.ID, "latest_charge")
			cp := got.LatestCharge.PaymentMethodDetails.CardPresent
			if cp.Brand != stripe.PaymentMethodCardBrand(tc.brand) || string(cp.Funding) != tc.funding ||
				cp.Last4 != tc.number[len(tc.number)-4:] || string(cp.Receipt.CardholderVerificationMethod) != tc.cvm {
				t.Errorf("card_present = brand %s funding %s last4 %s cvm %s", cp.Brand, cp.Funding, cp.Last4, cp.Receipt.CardholderVerificationMethod)
			}
			if tc.code == "" {
				if got.Status != stripe.PaymentIntentStatusRequiresCapture || r.Action.Status != "succeeded" {
					t.Errorf("approving card: PI %s action %s", got.Status, r.Action.Status)
				}
				return
			}
			if got.Status != stripe.PaymentIntentStatusRequiresPaymentMethod || r.Action.Status != "failed" ||
				r.Action.FailureCode != tc.code || got.LastPaymentError == nil ||
				string(got.LastPaymentError.Code) != tc.code || string(got.LastPaymentError.DeclineCode) != tc.decline ||
				got.LastPaymentError.Msg == "" || r.Action.FailureMessage != got.LastPaymentError.Msg {
				t.Errorf("declining card: PI %s action %+v lpe %+v", got.Status, r.Action, got.LastPaymentError)
			}
		})
	}
}

func TestTestAmounts(t *testing.T) {
	f := newFixture(t, Options{})
	tests := []struct {
		amount       int64
		status       stripe.PaymentIntentStatus
		decline, cvm string
	}{
		{1200, stripe.PaymentIntentStatusRequiresCapture, "", "none"},
		{1201, stripe.PaymentIntentStatusRequiresPaymentMethod, "call_issuer", "failure"},
		{1202, stripe.PaymentIntentStatusRequiresCapture, "", "offline_pin"},
		{1203, stripe.PaymentIntentStatusRequiresCapture, "", "online_pin"},
		{1005, stripe.PaymentIntentStatusRequiresPaymentMethod, "generic_decline", "failure"},
		{1055, stripe.PaymentIntentStatusRequiresPaymentMethod, "incorrect_pin", "failure"},
		{1060, stripe.PaymentIntentStatusRequiresPaymentMethod, "online_or_offline_pin_required", "failure"},
		{1065, stripe.PaymentIntentStatusRequiresPaymentMethod, "withdrawal_count_limit_exceeded", "failure"},
		{1075, stripe.PaymentIntentStatusRequiresPaymentMethod, "pin_try_exceeded", "failure"},
		{1099, stripe.PaymentIntentStatusRequiresCapture, "", "none"},
	}
	for _, tc := range tests {
		for _, card := range []string{"4242424242424242", "5555555555554444"} {
			pi := f.createPI(tc.amount, "manual")
			f.process(f.readers[1], pi.ID)
			f.present(f.readers[1], card)
			got := f.getPI(pi.ID, "latest_charge")
			if got.Status != tc.status {
				t.Errorf("%d with %s: status %s, want %s", tc.amount, card, got.Status, tc.status)
			}
			if cvm := got.LatestCharge.PaymentMethodDetails.CardPresent.Receipt.CardholderVerificationMethod; string(cvm) != tc.cvm {
				t.Errorf("%d with %s: cvm %s, want %s", tc.amount, card, cvm, tc.cvm)
			}
			if tc.decline == "" {
				continue
			}
			if got.LastPaymentError == nil || got.LastPaymentError.Code != stripe.ErrorCodeCardDeclined ||
				string(got.LastPaymentError.DeclineCode) != tc.decline {
				t.Errorf("%d with %s: last_payment_error %+v", tc.amount, card, got.LastPaymentError)
			}
		}
	}
	// A declining card keeps its own outcome whatever the amount.
	pi := f.createPI(1200, "manual")
	f.process(f.readers[0], pi.ID)
	f.present(f.readers[0], "4000000000009995")
	if got := f.getPI(pi.ID); got.LastPaymentError == nil || got.LastPaymentError.DeclineCode != "insufficient_funds" {
		t.Errorf("declining card at 12.00: %+v", got.LastPaymentError)
	}
}

func TestTestAmountFollowsTheAuthorization(t *testing.T) {
	visa := testCards[defaultCard]
	for total := int64(100); total < 200; total++ {
		rule, ok := TestAmount(total)
		res := authorizeCard(visa, total)
		switch {
		case !ok && !res.approved:
			t.Errorf("%d is declined (%s) but TestAmount knows no rule", total, res.declineCode)
		case ok && rule.DeclineCode != res.declineCode:
			t.Errorf("%d: TestAmount says decline %q, the authorization %q", total, rule.DeclineCode, res.declineCode)
		case ok && rule.Ending != total%100:
			t.Errorf("%d: ending %d", total, rule.Ending)
		}
	}
	if r, ok := TestAmount(1005); !ok || r.DeclineCode != "generic_decline" {
		t.Errorf("10.05: %+v %v", r, ok)
	}
}
