package checkout

import "time"

// Step names a kind of call, for failures and the journal.
type Step string

// Steps.
const (
	StepCreate       Step = "create"
	StepProcess      Step = "process"
	StepRead         Step = "read"
	StepCapture      Step = "capture"
	StepCancelAction Step = "cancel_action"
	StepCancelIntent Step = "cancel_intent"
)

// Effect is a call the driver must make, after it has persisted the session that
// asked for it. Perform carries out any effect through a Gateway.
type Effect interface{ Step() Step }

// CreateIntent creates the order's PaymentIntent (or replays its creation: the key is
// the order's, so Stripe returns the same intent however often it is sent).
type CreateIntent struct {
	OrderID       string
	ReaderID      string // kept in the intent's metadata, so support can tell whose it is
	Amount        Money
	CaptureMethod CaptureMethod
	Key           string
	Wait          bool // wait the poll interval first (a replay after an ambiguous failure)
	// Replay says the intent may exist already (till stopped or lost the answer): look
	// for it by order first, since Stripe forgets idempotency keys after 24 hours.
	Replay bool
}

// ProcessOnReader sends the PaymentIntent to the reader. A reader already taking
// another payment is left alone unless TakeOver is set: Stripe would replace that
// payment, which may be another till's customer mid-tap.
type ProcessOnReader struct {
	ReaderID        string
	PaymentIntentID string
	Key             string
	TakeOver        bool
	Tipping         *Tipping // nil sends no tipping settings
}

// ReadStatus re-reads the PaymentIntent and the reader. Wait asks the driver to wait
// its poll interval first (a poll); without it the read is immediate (a check).
type ReadStatus struct {
	ReaderID        string
	PaymentIntentID string
	Wait            bool
	// Known is the reader as a webhook just reported it, when that cannot be stale:
	// only the intent is read.
	Known *Reader
}

// CaptureIntent captures the authorized PaymentIntent.
type CaptureIntent struct {
	PaymentIntentID string
	Key             string
	// Capturable is the amount the capture takes (amount_capturable, last seen), which
	// a Connect platform's application fee is worked out on.
	Capturable int64
}

// CancelReaderAction cancels the reader's action, but only if it is still working on
// PaymentIntentID (compare before cancel): another till's payment is never touched.
type CancelReaderAction struct {
	ReaderID        string
	PaymentIntentID string
}

// CancelIntent cancels the PaymentIntent.
type CancelIntent struct {
	PaymentIntentID string
	Reason          string
	Key             string
}

// Step implementations name each effect's kind of call.
func (CreateIntent) Step() Step       { return StepCreate }
func (ProcessOnReader) Step() Step    { return StepProcess }
func (ReadStatus) Step() Step         { return StepRead }
func (CaptureIntent) Step() Step      { return StepCapture }
func (CancelReaderAction) Step() Step { return StepCancelAction }
func (CancelIntent) Step() Step       { return StepCancelIntent }

// Waits reports whether the driver should wait its poll interval (with backoff) before
// carrying out the effect.
func Waits(e Effect) bool {
	switch e := e.(type) {
	case ReadStatus:
		return e.Wait
	case CreateIntent:
		return e.Wait
	case ReadRefund:
		return e.Wait
	}
	return false
}

// Backoff is how long a driver waits before a waiting effect: the poll interval,
// doubled for each read in a row that failed, up to max.
func Backoff(every, max time.Duration, failures int) time.Duration {
	d := every
	for i := 0; i < failures && d < max; i++ {
		d *= 2
	}
	if d > max {
		d = max
	}
	return d
}
