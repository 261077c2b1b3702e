package checkout

// Charged is what the session's card pays, as Stripe's PaymentIntent has it: what
// Stripe received once captured, else the sale and the tip the customer chose on the
// reader (Amount is the sale alone).
func (s Session) Charged() Money {
	if s.AmountReceived > 0 {
		return Money{Amount: s.AmountReceived, Currency: s.Amount.Currency}
	}
	return s.Summary().WithTip()
}

// WithTip is the sale and the tip the customer chose: what the card is charged, or
// authorized for while the payment waits for its capture.
func (s Summary) WithTip() Money {
	return Money{Amount: s.Amount.Amount + s.Tip, Currency: s.Amount.Currency}
}
