package checkout

import "time"

// Events of the refund machine. It also takes Resumed, CheckRequested, RetryRequested,
// CancelRequested and StepFailed, which mean the same for a refund as for a payment.

// RefundRequested starts a refund of a payment, read from Stripe just before: the
// machine checks the amount against what is left of it.
type RefundRequested struct {
	RefundID string
	Payment  Intent // the payment as just read, with its amount refunded so far
	Amount   Money  // a zero Amount refunds everything that is left
	Reason   string // one of RefundReasons, or "" for none
	Lines    []RefundLine
	ReaderID string // the reader for an in-person (Interac) refund
	At       time.Time
}

// RefundCreated reports the card refund that CreateRefund made (or replayed).
type RefundCreated struct {
	Refund StripeRefund
	At     time.Time
}

// RefundSent reports that the reader accepted the in-person refund.
type RefundSent struct {
	Reader Reader
	At     time.Time
}

// RefundRead reports a fresh read: the refund at Stripe (nil when Stripe has none
// for this refund id) and, for an in-person refund, the reader.
type RefundRead struct {
	Refund *StripeRefund
	Reader *Reader
	At     time.Time
}

// RefundActionCanceled reports that the reader no longer waits for the card.
type RefundActionCanceled struct {
	Reader Reader
	At     time.Time
}

func (RefundRequested) event()      {}
func (RefundCreated) event()        {}
func (RefundSent) event()           {}
func (RefundRead) event()           {}
func (RefundActionCanceled) event() {}

// Steps of a refund, for failures and the journal.
const (
	StepRefund             Step = "refund"               // POST /v1/refunds
	StepRefundOnReader     Step = "refund_on_reader"     // refund_payment
	StepReadRefund         Step = "read_refund"          // the refund, and the reader
	StepCancelRefundAction Step = "cancel_refund_action" // cancel_action on our refund
)

// CreateRefund refunds a card payment through the API. Key is the refund's, so a
// replay returns the refund the first call made.
type CreateRefund struct {
	RefundID        string
	OrderID         string
	PaymentIntentID string
	Amount          Money
	Reason          string
	Key             string
}

// RefundOnReader asks the reader to refund in person: the customer presents the card.
// A reader busy with anything else is left alone unless TakeOver is set.
type RefundOnReader struct {
	RefundID        string
	OrderID         string
	PaymentIntentID string
	ReaderID        string
	Amount          Money
	Reason          string
	Key             string
	TakeOver        bool
}

// ReadRefund re-reads the refund: by Stripe's id once known, else by looking for
// the refund id among the payment's refunds; and the reader, for an in-person refund.
type ReadRefund struct {
	RefundID        string
	PaymentIntentID string
	StripeID        string
	ReaderID        string // "" reads no reader
	Wait            bool
}

// CancelRefundOnReader cancels the reader's action, but only while it is this
// refund's and still waiting (compare before cancel).
type CancelRefundOnReader struct {
	ReaderID string
	RefundID string
}

// Step implementations name each refund effect's kind of call.
func (CreateRefund) Step() Step         { return StepRefund }
func (RefundOnReader) Step() Step       { return StepRefundOnReader }
func (ReadRefund) Step() Step           { return StepReadRefund }
func (CancelRefundOnReader) Step() Step { return StepCancelRefundAction }
