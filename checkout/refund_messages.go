package checkout

// ExplainRefund says in the cashier's words where a refund is and what to do next.
// The screen and `till refund` both use it.
func ExplainRefund(r Refund) string {
	switch r.Phase {
	case RefundNew, RefundCreating:
		return "Sending the refund of " + r.Amount.String() + " to Stripe."
	case RefundSending:
		return "Sending the refund of " + r.Amount.String() + " to the reader."
	case RefundAwaiting:
		return "Ask the customer to present their card on the reader to receive " + r.Amount.String() + "."
	case RefundCanceling:
		return "Canceling the refund on the reader."
	case RefundPending:
		return "Stripe accepted the refund of " + r.Amount.String() + " and is still processing it."
	case RefundSucceeded:
		msg := "Refunded " + r.Amount.String()
		if r.Card.Last4 != "" {
			msg += " to " + r.Card.BrandName() + " •••• " + r.Card.Last4
		}
		return msg + "."
	case RefundCanceled:
		return "The refund was canceled before the card was presented. Nothing was refunded."
	case RefundDeclined:
		return declinedRefund(r.Failure)
	case RefundFailed:
		if r.FailureReason != "" {
			return "The refund of " + r.Amount.String() + " failed: " + refundFailureWords(r.FailureReason) +
				". Nothing was refunded; give the money back another way."
		}
		return "Nothing was refunded. " + Explain(r.Failure)
	case RefundUnknown:
		return "Stripe has not said yet whether the refund of " + r.Amount.String() + " was made."
	}
	return ""
}

func declinedRefund(f *Failure) string {
	if f == nil {
		return "The reader did not take the refund. Nothing was refunded. Retry or cancel."
	}
	switch f.Kind {
	case KindCustomerCanceled:
		return "The customer canceled on the reader. Nothing was refunded. Retry or cancel the refund."
	case KindInterrupted:
		return "The reader is not working on this refund: it never arrived, or was canceled or replaced. Nothing was refunded. Retry or cancel."
	case KindConnectionError:
		return "The reader lost its connection to Stripe. Nothing was refunded. Retry."
	case KindDeclined:
		return "The card was declined for the refund. Nothing was refunded. Ask for the card used to pay, then retry."
	}
	return Explain(f)
}

// refundFailureWords explains Stripe's failure_reason of a refund.
func refundFailureWords(reason string) string {
	switch reason {
	case "lost_or_stolen_card":
		return "the card was reported lost or stolen"
	case "expired_or_canceled_card":
		return "the card has expired or was canceled"
	case "charge_for_pending_refund_disputed":
		return "the customer disputed the payment"
	case "insufficient_funds":
		return "the account's balance is too low"
	case "declined":
		return "the card issuer declined it"
	case "merchant_request":
		return "it was canceled at the shop's request"
	case "unknown", "":
		return "Stripe did not say why"
	}
	return "Stripe gave the reason " + reason
}

// RefundNotSaved is what to say when a refund could not be written (cause: the store's
// error): till made no further call for it, and this is where it stands at Stripe, as
// far as till knows.
func RefundNotSaved(r Refund, cause string) string {
	at := "Whether Stripe made the refund is not known yet; till finds out when it carries on, and never refunds twice."
	switch {
	case r.StripeID != "":
		at = "Stripe has the refund " + r.StripeID + " of " + r.Amount.String() + " (" + string(r.Status) + ")."
	case r.Phase == RefundCreating || r.Phase == RefundSending:
		at = "Nothing of this refund reached Stripe."
	}
	return "till could not write to its database (" + cause + "), so it made no further call for this refund. " + at
}
