package common

import "github.com/till-pos/till/checkout"

// Charged is what a session's card pays, as Stripe's PaymentIntent has it: what Stripe
// received once captured, else the sale and the tip the customer chose on the reader
// (the session's Amount is the sale alone).
func Charged(s checkout.Session) checkout.Money {
	if s.AmountReceived > 0 {
		return checkout.Money{Amount: s.AmountReceived, Currency: s.Amount.Currency}
	}
	return checkout.Money{Amount: s.Amount.Amount + s.Tip, Currency: s.Amount.Currency}
}
