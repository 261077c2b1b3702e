package checkout

import (
	"fmt"
	"time"
)

// Phase is where a payment is in its life.
type Phase string

// Phases of a checkout session. The zero Phase is Building.
const (
	Building  Phase = ""          // the cashier is building the cart
	Creating  Phase = "creating"  // creating the PaymentIntent
	Sending   Phase = "sending"   // sending the PaymentIntent to the reader
	Awaiting  Phase = "awaiting"  // the reader is waiting for the customer's card
	Approved  Phase = "approved"  // authorized; ready to capture
	Capturing Phase = "capturing" // capturing the authorized payment
	Paid      Phase = "paid"      // succeeded: the money is captured
	Declined  Phase = "declined"  // the attempt failed; retry on the same intent or cancel
	Canceling Phase = "canceling" // canceling the reader's action and the intent
	Canceled  Phase = "canceled"  // canceled: nothing was charged
	Unknown   Phase = "unknown"   // an ambiguous failure: re-read before doing anything else
)

// Finished reports whether the session has reached an end: paid or canceled.
func (p Phase) Finished() bool { return p == Paid || p == Canceled }

// String names the phase for logs and JSON.
func (p Phase) String() string {
	if p == Building {
		return "building"
	}
	return string(p)
}

// Session is one order's checkout. It is a value: Apply returns a new one.
type Session struct {
	OrderID         string        `json:"order_id"`
	Phase           Phase         `json:"phase"`
	Cart            Cart          `json:"cart"`
	Amount          Money         `json:"amount"`
	ReaderID        string        `json:"reader_id,omitempty"`
	CaptureMethod   CaptureMethod `json:"capture_method,omitempty"`
	PaymentIntentID string        `json:"payment_intent,omitempty"`
	IntentStatus    IntentStatus  `json:"intent_status,omitempty"`
	Action          *ReaderAction `json:"action,omitempty"`     // the reader's action for this intent, last seen
	Failure         *Failure      `json:"failure,omitempty"`    // why the last step failed
	ReadError       *Failure      `json:"read_error,omitempty"` // why the last status read failed
	CancelReason    string        `json:"cancel_reason,omitempty"`
	Card            Card          `json:"card,omitempty"`
	CaptureBefore   time.Time     `json:"capture_before,omitempty"`
	// Tipping is what the reader was told about tips (nil: nothing, the reader's
	// configuration decides). Tip is the tip the customer chose, read from the
	// PaymentIntent: Amount is the order's total before it.
	Tipping        *Tipping `json:"tipping,omitempty"`
	Tip            int64    `json:"tip,omitempty"`
	AmountReceived int64    `json:"amount_received,omitempty"`
	// AmountCapturable is what a capture would take, last seen (tips included).
	AmountCapturable int64 `json:"amount_capturable,omitempty"`
	// Recheck says a webhook brought news while the payment was being sent: read at
	// once when the reader has taken it, rather than after the poll interval.
	Recheck bool `json:"recheck,omitempty"`
	// Held is the capture or cancel till owes Stripe and has had no answer to (the
	// outbox, held.go): from HeldSince it went unanswered; zero while in flight.
	Held      Step      `json:"held,omitempty"`
	HeldSince time.Time `json:"held_since,omitempty"`
	// Cash is set for a sale paid in cash (cash.go): it has no PaymentIntent.
	Cash *Cash `json:"cash,omitempty"`

	// Attempts counts the sends to a reader; each has its own idempotency key.
	Attempts int `json:"attempts"`
	// Captures and Cancels count capture and cancel calls, for the same reason: a
	// replayed key returns the first answer, so a deliberate second call needs a new key.
	Captures int `json:"captures"`
	Cancels  int `json:"cancels"`
	// ReadFailures counts status reads in a row that got no answer.
	ReadFailures int `json:"read_failures"`

	StartedAt   time.Time `json:"started_at"`
	UpdatedAt   time.Time `json:"updated_at"`
	ActionSince time.Time `json:"action_since,omitempty"` // when the reader started this attempt
}

// Idempotency keys are fixed per business step: derived from the order and the step's
// counter, which the driver persists before it makes the call the key guards.

// CreateKey guards the creation of the order's PaymentIntent.
func (s Session) CreateKey() string { return fmt.Sprintf("till_%s_create", keyID(s.OrderID)) }

// ProcessKey guards the current send to the reader.
func (s Session) ProcessKey() string {
	return fmt.Sprintf("till_%s_process_%d", keyID(s.OrderID), s.Attempts)
}

// CaptureKey guards the current capture call.
func (s Session) CaptureKey() string {
	return fmt.Sprintf("till_%s_capture_%d", keyID(s.OrderID), s.Captures)
}

// CancelKey guards the current cancel call.
func (s Session) CancelKey() string {
	return fmt.Sprintf("till_%s_cancel_%d", keyID(s.OrderID), s.Cancels)
}

// PossiblyStuck reports whether the reader has been on this payment for longer than
// limit with no outcome. A reader that disconnects mid-payment leaves its action
// in_progress for ever and Stripe sends no webhook, so only the clock can tell.
func (s Session) PossiblyStuck(now time.Time, limit time.Duration) bool {
	return s.Phase == Awaiting && limit > 0 && !s.ActionSince.IsZero() && now.Sub(s.ActionSince) > limit
}
