package checkout

import "fmt"

// When till cannot write to its disk it stops before the next call, and what it says
// must be true about what reached Stripe: these say it from what till knows.

// AtStripe says what of the order is at Stripe as far as the session knows. Money the
// card moved is what it pays (Charged: the sale and the customer's tip).
func AtStripe(s Session) string {
	pi := s.PaymentIntentID
	switch {
	case pi == "" && s.Phase == Unknown:
		return "Whether Stripe created the order's PaymentIntent is not known yet; till finds out when it carries on."
	case pi == "":
		return "Nothing of this order reached Stripe."
	}
	if h, held := s.HeldCall(); held && !s.HeldSince.IsZero() {
		// Sent, and no answer: the last status read may be out of date.
		return fmt.Sprintf("The %s (%s) got no answer from Stripe: whether it went through is not known yet; till finds out when it carries on.", h.What(), pi)
	}
	switch s.IntentStatus {
	case IntentRequiresCapture:
		return fmt.Sprintf("The card is authorized for %s (%s): the money is held, not taken.", s.Charged(), pi)
	case IntentSucceeded:
		return fmt.Sprintf("%s was taken (%s).", s.Charged(), pi)
	case IntentCanceled:
		return fmt.Sprintf("The payment %s is canceled: nothing was charged.", pi)
	case IntentProcessing:
		return fmt.Sprintf("The card is being authorized for %s (%s).", s.Charged(), pi)
	}
	return fmt.Sprintf("The payment %s for %s exists at Stripe; nothing has been charged so far.", pi, s.Amount)
}

// NotSaved is what to say when a session or a journal line could not be written
// (cause: the store's error, which names the disk when it is full): till made no
// further call, and this is where the order stands.
func NotSaved(s Session, cause string) string {
	return "till could not write to its database (" + cause + "), so it made no further call for this order. " + AtStripe(s)
}
