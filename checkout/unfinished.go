package checkout

// Unfinished reports whether a card_present intent still needs someone: requires_capture,
// requires_confirmation, processing, or requires_payment_method after an attempt (LastError != nil).
func (in Intent) Unfinished() bool {
	switch in.Status {
	case IntentRequiresCapture, IntentRequiresConfirmation, IntentProcessing:
		return true
	case IntentRequiresPaymentMethod:
		return in.LastError != nil
	}
	return false
}

// Advice is seed 002's reconciliation rule for an intent that waits for a decision.
type Advice struct {
	Action       string // "capture", "cancel" or "" (nothing to do / wait)
	Reason       string // a sentence for support staff
	CancelReason string // with Action "cancel": the cancellation_reason to send Stripe
}

// Advice actions, and the cancellation reasons Advise asks for.
const (
	AdviseCapture = "capture"
	AdviseCancel  = "cancel"

	ReasonAbandoned = "abandoned"
	ReasonDuplicate = "duplicate"
)

// CancelReasons are the cancellation reasons Stripe accepts from till.
var CancelReasons = []string{ReasonAbandoned, ReasonDuplicate, "requested_by_customer", "fraudulent"}

// Advise applies seed 002's reconciliation rule: capture an authorization only when the
// order completed (this till's session for the intent's order reached Approved or later
// with this intent) and no other intent of the same order succeeded; otherwise cancel it,
// as "duplicate" when another payment of the order succeeded, else "abandoned". An intent
// still waiting on a live session is left alone, and so is anything Stripe has finished
// (Interac is captured by the network, never by till).
func Advise(in Intent, session *Session, siblings []Intent) Advice {
	if session != nil && session.PaymentIntentID != in.ID {
		session = nil // the order's session is working with another intent
	}
	switch {
	case in.Status == IntentSucceeded:
		return Advice{Reason: "The payment succeeded; nothing to do."}
	case in.Status == IntentCanceled:
		return Advice{Reason: "The payment was canceled; nothing to do."}
	case interac(in):
		return Advice{Reason: "Interac payments are captured by the network, never by till; nothing to do."}
	case in.Status == IntentProcessing:
		return Advice{Reason: "The card is being authorized; check again in a moment."}
	}
	other := succeededSibling(in, siblings)
	cancel := func(why string) Advice {
		if other != "" {
			return Advice{Action: AdviseCancel, CancelReason: ReasonDuplicate,
				Reason: "Another payment of order " + orderName(in) + " succeeded (" + other + "); cancel this one as duplicate."}
		}
		return Advice{Action: AdviseCancel, CancelReason: ReasonAbandoned, Reason: why}
	}
	if in.Status == IntentRequiresCapture {
		if completed(session) {
			if other != "" {
				return cancel("")
			}
			return Advice{Action: AdviseCapture, Reason: "Order " + orderName(in) + " completed with this payment and no other payment was taken; capture it."}
		}
		if live(session) && other == "" {
			return Advice{Reason: "Authorized while order " + orderName(in) + " is open on this till (" + session.PhaseWords() + "); the till captures it on its next check, or resume it: till pay --order " + in.OrderID + "."}
		}
		if session != nil && session.CancelReason != "" {
			return cancel("The cashier canceled order " + orderName(in) + " but the cancel did not finish; cancel it.")
		}
		return cancel("The authorization is not tied to a completed order on this till; cancel it to release the customer's funds.")
	}
	if live(session) && other == "" {
		return Advice{Reason: "The order is still open on this till (" + session.PhaseWords() + "); carry it on (the cashier's screen, or till pay --order " + in.OrderID + ") or cancel it."}
	}
	return cancel("The payment was abandoned after an attempt; cancel it so it cannot be charged later.")
}

// completed reports whether the session's order reached Approved or later with its intent.
func completed(s *Session) bool {
	if s == nil {
		return false
	}
	switch s.Phase {
	case Approved, Capturing, Paid:
		return true
	case Unknown:
		return s.IntentStatus == IntentRequiresCapture && s.CancelReason == ""
	}
	return false
}

// live reports whether the cashier is still working on the session's payment.
func live(s *Session) bool {
	return s != nil && (s.Phase == Awaiting || s.Phase == Declined)
}

// succeededSibling is the id of another intent of the same order that succeeded, or "".
func succeededSibling(in Intent, siblings []Intent) string {
	for _, o := range siblings {
		if o.ID != in.ID && o.Status == IntentSucceeded && (in.OrderID == "" || o.OrderID == in.OrderID) {
			return o.ID
		}
	}
	return ""
}

// interac reports an Interac payment: Stripe names its brand "interac" in the charge's
// interac_present details, the only place till sees the payment method.
func interac(in Intent) bool { return in.Card.Brand == "interac" }

func orderName(in Intent) string {
	if in.OrderID == "" {
		return "(none)"
	}
	return in.OrderID
}
