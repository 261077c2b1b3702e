package checkout

import (
	"strings"
	"time"
)

// ActionStatus is the status of a reader's current action, as Stripe reports it.
type ActionStatus string

// Reader action statuses.
const (
	ActionInProgress ActionStatus = "in_progress"
	ActionSucceeded  ActionStatus = "succeeded"
	ActionFailed     ActionStatus = "failed"
)

// ReaderAction is what a reader is doing or last did.
type ReaderAction struct {
	Type            string       `json:"type"` // process_payment_intent, set_reader_display, ...
	Status          ActionStatus `json:"status"`
	PaymentIntentID string       `json:"payment_intent,omitempty"`
	FailureCode     string       `json:"failure_code,omitempty"`
	FailureMessage  string       `json:"failure_message,omitempty"`
	// ErrorType and DeclineCode come from the action's api_error (reader software 2.42+).
	ErrorType   string `json:"error_type,omitempty"`
	DeclineCode string `json:"decline_code,omitempty"`
	// Display is the cart a set_reader_display action shows.
	Display *Display `json:"display,omitempty"`
	// A refund_payment action names till's refund (its metadata[till_refund_id]) and,
	// once the customer presented the card, Stripe's refund.
	TillRefundID string `json:"till_refund_id,omitempty"`
	RefundID     string `json:"refund,omitempty"`
}

// ReaderOffline is a reader's Status when Stripe has not heard from it for 2 minutes
// (Stripe's own word, which the adapter passes on as it is): every command sent to it
// is refused.
const ReaderOffline = "offline"

// Reader is a Terminal reader as till sees it.
type Reader struct {
	ID              string        `json:"id"`
	Label           string        `json:"label"`
	DeviceType      string        `json:"device_type"`
	Status          string        `json:"status"` // online, ReaderOffline, or empty when Stripe does not say
	Location        string        `json:"location,omitempty"`
	SerialNumber    string        `json:"serial_number,omitempty"`
	SoftwareVersion string        `json:"device_sw_version,omitempty"`
	LastSeenAt      time.Time     `json:"last_seen_at,omitempty"`
	Action          *ReaderAction `json:"action,omitempty"`
}

// Simulated reports whether the reader is one of Stripe's simulated readers, which
// take cards only through the present_payment_method test helper.
func (r Reader) Simulated() bool { return strings.HasPrefix(r.DeviceType, "simulated_") }

// Name is the label when there is one, else the id.
func (r Reader) Name() string {
	if r.Label != "" {
		return r.Label
	}
	return r.ID
}

// ActionFor returns the reader's action when it concerns the given PaymentIntent.
func (r Reader) ActionFor(paymentIntentID string) (ReaderAction, bool) {
	if r.Action == nil || paymentIntentID == "" || r.Action.PaymentIntentID != paymentIntentID {
		return ReaderAction{}, false
	}
	return *r.Action, true
}

// RefundActionFor returns the reader's action when it is till's refund refundID.
func (r Reader) RefundActionFor(refundID string) (ReaderAction, bool) {
	if r.Action == nil || refundID == "" || r.Action.Type != ActionRefundPayment || r.Action.TillRefundID != refundID {
		return ReaderAction{}, false
	}
	return *r.Action, true
}

// ActionRefundPayment is the type of a reader's in-person refund action.
const ActionRefundPayment = "refund_payment"

// refundUnnamed is what BusyWith says of a refund no till made (the Dashboard's, say).
const refundUnnamed = "a refund"

// BusyWith names what the reader is doing for someone right now: the PaymentIntent it
// takes, or the refund it waits for a card for (till's refund id, else refundUnnamed),
// or "" when it is free. A refund's action carries the refunded payment's id too, so
// the action's type, not its PaymentIntent, says which.
func (r Reader) BusyWith() string {
	a := r.Action
	switch {
	case a == nil || a.Status != ActionInProgress:
		return ""
	case a.Type == ActionRefundPayment:
		if a.TillRefundID != "" {
			return a.TillRefundID
		}
		return refundUnnamed
	}
	return a.PaymentIntentID
}

// Location is a Terminal location: where readers are.
type Location struct {
	ID          string `json:"id"`
	DisplayName string `json:"display_name"`
}
