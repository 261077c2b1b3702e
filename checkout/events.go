package checkout

import "time"

// Event is something that happened: a cashier's request or the result of an effect.
type Event interface{ event() }

// ChargeRequested starts the payment of a built cart (or a bare amount) on a reader.
type ChargeRequested struct {
	OrderID       string
	Amount        Money
	ReaderID      string
	CaptureMethod CaptureMethod
	Tipping       *Tipping // nil sends no tipping settings to the reader
	At            time.Time
}

// IntentCreated reports the PaymentIntent that CreateIntent made (or replayed).
type IntentCreated struct {
	Intent Intent
	At     time.Time
}

// ProcessSent reports that the reader accepted the PaymentIntent.
type ProcessSent struct {
	Reader Reader
	At     time.Time
}

// StatusRead reports a fresh read of the PaymentIntent and the reader. Either may be
// absent when the session has no intent yet or the reader could not be read.
type StatusRead struct {
	Intent *Intent
	Reader *Reader
	At     time.Time
}

// CheckRequested asks for an immediate re-read of everything the session depends on.
type CheckRequested struct{ At time.Time }

// RetryRequested sends the same PaymentIntent to a reader again (after a decline). An
// empty ReaderID keeps the session's reader. TakeOver is the cashier's explicit
// confirmation to replace another payment the reader is taking.
type RetryRequested struct {
	ReaderID string
	TakeOver bool
	At       time.Time
}

// CaptureRequested captures an approved payment.
type CaptureRequested struct{ At time.Time }

// Captured reports the captured PaymentIntent.
type Captured struct {
	Intent Intent
	At     time.Time
}

// CancelRequested abandons the payment: the reader's action and then the intent.
type CancelRequested struct {
	Reason string // Stripe's cancellation_reason; empty means "abandoned"
	At     time.Time
}

// ActionCanceled reports that the reader is no longer working on this payment.
type ActionCanceled struct {
	Reader Reader
	At     time.Time
}

// PaymentCanceled reports the canceled PaymentIntent.
type PaymentCanceled struct {
	Intent Intent
	At     time.Time
}

// StepFailed reports that an effect's call failed.
type StepFailed struct {
	Step    Step
	Failure Failure
	At      time.Time
}

func (ChargeRequested) event()  {}
func (IntentCreated) event()    {}
func (ProcessSent) event()      {}
func (StatusRead) event()       {}
func (CheckRequested) event()   {}
func (RetryRequested) event()   {}
func (CaptureRequested) event() {}
func (Captured) event()         {}
func (CancelRequested) event()  {}
func (ActionCanceled) event()   {}
func (PaymentCanceled) event()  {}
func (StepFailed) event()       {}

// Resumed carries on a session that till found unfinished when it started.
type Resumed struct{ At time.Time }

func (Resumed) event() {}
