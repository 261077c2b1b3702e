package checkout

import (
	"errors"
	"fmt"
	"time"
)

// RefundPhase is where a refund is in its life.
type RefundPhase string

// Phases of a refund. The zero RefundPhase is RefundNew.
//
//	New ─RefundRequested─► Creating ─RefundCreated─► Pending ─RefundRead─► Succeeded | Failed
//	 │  (card)                                  └──────────────────────────► Succeeded | Failed
//	 └─RefundRequested─► Sending ─RefundSent─► Awaiting ─RefundRead─► (as above, once the card is presented)
//	    (in person)         ▲                      │ (the reader's refund failed)
//	                        └──RetryRequested── Declined ─CancelRequested─► Canceled
//	               Awaiting ─CancelRequested─► Canceling ─RefundActionCanceled─► (read) ─► Canceled
//
// Any ambiguous failure moves the refund to RefundUnknown, whose only way out is
// re-reading Stripe's refunds of the payment (and the reader): till never retries a
// refund blindly. A card refund found missing there is created again under the same
// idempotency key.
const (
	RefundNew       RefundPhase = ""          // not started
	RefundCreating  RefundPhase = "creating"  // POST /v1/refunds in flight
	RefundSending   RefundPhase = "sending"   // refund_payment to the reader in flight
	RefundAwaiting  RefundPhase = "awaiting"  // the reader waits for the customer's card
	RefundDeclined  RefundPhase = "declined"  // the reader's refund failed; nothing refunded: retry or cancel
	RefundCanceling RefundPhase = "canceling" // canceling the reader's refund action
	RefundPending   RefundPhase = "pending"   // Stripe accepted the refund and has not settled it
	RefundSucceeded RefundPhase = "succeeded" // Stripe refunded the money (a later read may find it failed)
	RefundFailed    RefundPhase = "failed"    // Stripe refused or failed the refund: nothing refunded
	RefundCanceled  RefundPhase = "canceled"  // canceled before the card was presented: nothing refunded
	RefundUnknown   RefundPhase = "unknown"   // an ambiguous failure: re-read before doing anything else
)

// Finished reports whether the refund has reached an end. A succeeded refund is
// finished but may still be re-read: Stripe can fail a refund after reporting success.
func (p RefundPhase) Finished() bool {
	return p == RefundSucceeded || p == RefundFailed || p == RefundCanceled
}

// UnderWay reports whether the refund's outcome is not known yet: started and neither
// finished nor pending (Stripe has a pending refund and may take days).
func (p RefundPhase) UnderWay() bool {
	return p != RefundNew && !p.Finished() && p != RefundPending
}

// String names the phase for logs and JSON.
func (p RefundPhase) String() string {
	if p == RefundNew {
		return "new"
	}
	return string(p)
}

// RefundStatus is a Stripe refund's status.
type RefundStatus string

// Refund statuses, as Stripe reports them.
const (
	RefundStatusPending        RefundStatus = "pending"
	RefundStatusRequiresAction RefundStatus = "requires_action"
	RefundStatusSucceeded      RefundStatus = "succeeded"
	RefundStatusFailed         RefundStatus = "failed"
	RefundStatusCanceled       RefundStatus = "canceled"
)

// Counts reports whether money left (or is leaving) the account for this refund:
// succeeded or still pending. Failed and canceled refunds gave nothing back.
func (s RefundStatus) Counts() bool {
	return s == RefundStatusSucceeded || s == RefundStatusPending || s == RefundStatusRequiresAction
}

// RefundReasons are the reasons Stripe accepts for a refund.
var RefundReasons = []string{"requested_by_customer", "duplicate", "fraudulent"}

// StripeRefund is a Stripe Refund object as till sees it.
type StripeRefund struct {
	ID              string       `json:"id"`
	Amount          Money        `json:"amount"`
	Status          RefundStatus `json:"status"`
	FailureReason   string       `json:"failure_reason,omitempty"` // Stripe's, e.g. expired_or_canceled_card
	Reason          string       `json:"reason,omitempty"`
	PaymentIntentID string       `json:"payment_intent"`
	TillRefundID    string       `json:"till_refund_id,omitempty"`  // metadata[till_refund_id]: made by a till
	OrderID         string       `json:"order_id,omitempty"`        // metadata[order_id]
	TillID          string       `json:"till_id,omitempty"`         // metadata[till_id]: the till that refunded
	PaymentTillID   string       `json:"payment_till_id,omitempty"` // the till that took the payment, when read
	Created         time.Time    `json:"created,omitempty"`
}

// Refund is one refund of a payment: a business step like a charge. It is a value:
// ApplyRefund returns a new one.
type Refund struct {
	ID              string       `json:"refund_id"` // till's id for the step, in the metadata and the keys
	OrderID         string       `json:"order_id"`  // the payment's order (its journal)
	PaymentIntentID string       `json:"payment_intent"`
	Amount          Money        `json:"amount"`
	Reason          string       `json:"reason,omitempty"`
	Lines           []RefundLine `json:"lines,omitempty"` // the cart lines refunded, when chosen by line
	// InPerson refunds go through the reader (Interac: the customer presents the card).
	InPerson bool         `json:"in_person,omitempty"`
	ReaderID string       `json:"reader_id,omitempty"`
	Phase    RefundPhase  `json:"phase"`
	Card     Card         `json:"card,omitempty"`   // the payment's card, for the screen and the test helper
	StripeID string       `json:"refund,omitempty"` // Stripe's refund id, once known
	Status   RefundStatus `json:"status,omitempty"` // Stripe's status, last read
	// FailureReason is Stripe's failure_reason for a failed refund.
	FailureReason string        `json:"failure_reason,omitempty"`
	Failure       *Failure      `json:"failure,omitempty"`    // why the last step failed
	ReadError     *Failure      `json:"read_error,omitempty"` // why the last read failed
	Action        *ReaderAction `json:"action,omitempty"`     // the reader's refund action, last seen

	// Attempts counts the sends to a reader; each has its own idempotency key.
	Attempts     int `json:"attempts,omitempty"`
	ReadFailures int `json:"read_failures,omitempty"`

	StartedAt   time.Time `json:"started_at"`
	UpdatedAt   time.Time `json:"updated_at"`
	ActionSince time.Time `json:"action_since,omitempty"`
}

// RefundLine is units of one line of the order's cart given back.
type RefundLine struct {
	Line     int    `json:"line"` // the line's index in the cart as sold
	SKU      string `json:"sku,omitempty"`
	Quantity int64  `json:"quantity"`
}

// Idempotency keys are fixed per refund and step. Their prefix differs from a
// payment's ("till_<order>_…"), so no order id can make a refund's key.

// CreateKey guards the creation of the card refund.
func (r Refund) CreateKey() string { return fmt.Sprintf("tillrf_%s_create", r.ID) }

// ReaderKey guards the current send to the reader.
func (r Refund) ReaderKey() string { return fmt.Sprintf("tillrf_%s_reader_%d", r.ID, r.Attempts) }

// ErrBadRefundID is wrapped by CheckRefundID's errors.
var ErrBadRefundID = errors.New("bad refund id")

// MaxRefundIDLen bounds a refund id: it travels in keys, metadata and the journal.
const MaxRefundIDLen = 64

// CheckRefundID refuses an id that could not travel safely in an Idempotency-Key
// header or a database key: only letters, digits, '_', '-' and '.'.
func CheckRefundID(id string) error {
	if id == "" {
		return fmt.Errorf("%w: the refund id is empty", ErrBadRefundID)
	}
	if len(id) > MaxRefundIDLen {
		return fmt.Errorf("%w: the refund id is longer than %d characters", ErrBadRefundID, MaxRefundIDLen)
	}
	for _, c := range id {
		ok := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-' || c == '.'
		if !ok {
			return fmt.Errorf("%w: %q may hold only letters, digits, '_', '-' and '.'", ErrBadRefundID, id)
		}
	}
	return nil
}

// Refundable is what is left to refund of a payment: what was captured less what
// Stripe counts refunded (including refunds made outside till). Zero for a payment
// that did not succeed.
func (in Intent) Refundable() Money {
	left := Money{Currency: in.Amount.Currency}
	if in.Status == IntentSucceeded && in.AmountReceived > in.AmountRefunded {
		left.Amount = in.AmountReceived - in.AmountRefunded
	}
	return left
}

// RefundsInPerson reports whether the payment must be refunded on a reader with the
// customer's card: Interac (single-message) cannot be refunded through the API.
func RefundsInPerson(in Intent) bool { return interac(in) }

// Revisit is the event that picks a saved refund up again: a resume for an unfinished
// one, a check for a succeeded one (Stripe may have failed it since), and nil for one
// that ended with nothing refunded.
func (r Refund) Revisit(at time.Time) Event {
	switch {
	case r.Phase == RefundSucceeded:
		return CheckRequested{At: at}
	case r.Phase == RefundNew || r.Phase.Finished():
		return nil
	}
	return Resumed{At: at}
}
