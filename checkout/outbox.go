package checkout

import (
	"fmt"
	"time"
)

// HeldCall is one entry of the outbox: a capture or cancel a session holds (held.go),
// as support and the screen see it, with what the countdown needs.
type HeldCall struct {
	OrderID         string    `json:"order_id"`
	PaymentIntentID string    `json:"payment_intent"`
	Step            Step      `json:"step"` // capture, cancel_action (the cancel not yet sent to Stripe) or cancel_intent
	Key             string    `json:"idempotency_key,omitempty"`
	Amount          Money     `json:"amount"`
	Since           time.Time `json:"since"`                    // when it was first left without an answer
	CaptureBefore   time.Time `json:"capture_before,omitempty"` // zero when Stripe has not said
	Sending         bool      `json:"sending"`                  // the call is being made right now
	Checks          int       `json:"failed_checks"`            // reads in a row that got no answer
}

// HeldCall is the call the session holds; false when it holds none.
func (s Session) HeldCall() (HeldCall, bool) {
	if s.Held == "" {
		return HeldCall{}, false
	}
	h := HeldCall{OrderID: s.OrderID, PaymentIntentID: s.PaymentIntentID, Step: s.Held, Amount: s.Amount,
		Since: s.HeldSince, CaptureBefore: s.CaptureBefore, Checks: s.ReadFailures,
		Sending: s.Phase == Capturing || s.Phase == Canceling}
	if h.Since.IsZero() {
		h.Since = s.UpdatedAt
	}
	switch s.Held {
	case StepCapture:
		h.Key = s.CaptureKey()
		h.Amount.Amount = s.capturable()
	case StepCancelIntent:
		h.Key = s.CancelKey()
	}
	return h, true
}

// Left is the time until the authorization's capture_before: the countdown. ok is false
// when Stripe has not said (no authorization read yet, or a cancel of a payment that was
// never authorized).
func (h HeldCall) Left(now time.Time) (left time.Duration, ok bool) {
	if h.CaptureBefore.IsZero() {
		return 0, false
	}
	if left = h.CaptureBefore.Sub(now); left < 0 {
		left = 0
	}
	return left, true
}

// Countdown says how long is left in words: "1d 23h left", "47m left", "expired";
// "" when there is no deadline.
func (h HeldCall) Countdown(now time.Time) string {
	left, ok := h.Left(now)
	switch {
	case !ok:
		return ""
	case left <= 0:
		return "expired"
	case left >= 24*time.Hour:
		return fmt.Sprintf("%dd %dh left", int(left.Hours())/24, int(left.Hours())%24)
	case left >= time.Hour:
		return fmt.Sprintf("%dh %02dm left", int(left.Hours()), int(left.Minutes())%60)
	}
	return fmt.Sprintf("%dm %02ds left", int(left.Minutes()), int(left.Seconds())%60)
}

// What names the held call for people: "capture of $12.00" or "cancel of $12.00".
func (h HeldCall) What() string {
	if h.Step == StepCapture {
		return "capture of " + h.Amount.String()
	}
	return "cancel of " + h.Amount.String()
}

// Outcome says what became of the held call, now that s, the session read again, no
// longer holds it; "" while it still does.
func (h HeldCall) Outcome(s Session) string {
	head := fmt.Sprintf("order %s: the %s", h.OrderID, h.What())
	switch {
	case s.Held != "":
		return ""
	case s.Phase == Paid:
		return head + " went through: paid."
	case s.Phase == Canceled && h.Step == StepCapture:
		return head + " did not go through: the authorization was released (canceled), so the customer was not charged."
	case s.Phase == Canceled:
		return head + " went through: canceled, nothing charged."
	case s.Failure != nil:
		return fmt.Sprintf("%s ended %s: %s", head, s.Phase, Explain(s.Failure))
	}
	return fmt.Sprintf("%s ended %s.", head, s.Phase)
}
