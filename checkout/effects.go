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
// IntentOnly says the phase needs only the PaymentIntent (approved, declined): the
// reader is not read at all.
type ReadStatus struct {
	ReaderID        string
	PaymentIntentID string
	Wait            bool
	IntentOnly      bool
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

// Backoff is the poll interval doubled for each read in a row that failed, up to max:
// the wait between reads of something that is not a payment (the support screen's
// reader list). A payment's reads follow Schedule.
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

// Schedule says how long a driver waits before a waiting effect (a poll, or a create
// replayed after an ambiguous failure). The TUI and the headless driver both ask it, so
// a payment costs the same number of calls wherever it is taken.
//
// While the reader waits for the customer, reads slow down the longer the customer
// takes (Every = 1s, the default poll.interval):
//
//	reader waiting for   wait between reads    reads in that stretch
//	0 – 10 s             Every      (1 s)       10
//	10 – 30 s            2 × Every  (2 s)       10
//	30 – 60 s            3 × Every  (3 s)       10
//	1 – 5 min            5 × Every  (5 s)       48
//	5 min and more       10 × Every (10 s)      6 a minute
//
// so a card presented after T seconds (T ≤ 10) is seen by read ⌈T⌉, and a customer who
// never taps costs 42 reads in two minutes. Every wait is capped at Max. Jitter only
// lengthens a wait (by up to a tenth), so lanes that started together drift apart
// without any read coming earlier than the table says.
//
// Reads that failed back off instead: Every doubled per failure in a row, up to Max,
// with jitter between half and all of it, so tills that Stripe rate limited together
// do not come back together.
//
// With Webhooks set (events from Stripe are arriving, so a webhook will usually tell
// till first) a payment waiting for its card is polled only as a safety net: at least
// SafetyNet between reads. Any other phase (an unknown outcome, say) keeps the table's
// pace: no webhook may come for it.
type Schedule struct {
	Every     time.Duration // the first interval; 0 means 1s
	Max       time.Duration // no wait is longer (unless SafetyNet is); 0 means 10s
	Webhooks  bool          // live webhooks are arriving: poll only as a safety net
	SafetyNet time.Duration // the wait between reads with Webhooks; 0 means 30s
}

// scheduleSteps are the table above: from how long the reader has waited, how many
// intervals apart the reads are.
var scheduleSteps = []struct {
	after time.Duration
	times time.Duration
}{{0, 1}, {10 * time.Second, 2}, {30 * time.Second, 3}, {time.Minute, 5}, {5 * time.Minute, 10}}

// Delay is how long to wait before the session's next waiting effect, at now. jitter
// is a random number in [0, 1): the caller draws it, so Delay stays a pure function.
func (p Schedule) Delay(s Session, now time.Time, jitter float64) time.Duration {
	var waited time.Duration
	if s.Phase == Awaiting && !s.ActionSince.IsZero() {
		waited = now.Sub(s.ActionSince)
	}
	return p.delay(s.ReadFailures, waited, s.Phase == Awaiting, jitter)
}

// RefundDelay is Delay for a refund: an in-person refund waiting for the customer's card
// slows down as a payment does; a pending refund (Stripe may take days) slows down from
// when it was started. Either waits only for a safety net while webhooks arrive, since
// the refund's own events settle it.
func (p Schedule) RefundDelay(r Refund, now time.Time, jitter float64) time.Duration {
	var waited time.Duration
	switch {
	case r.Phase == RefundAwaiting && !r.ActionSince.IsZero():
		waited = now.Sub(r.ActionSince)
	case r.Phase == RefundPending && !r.StartedAt.IsZero():
		waited = now.Sub(r.StartedAt)
	}
	return p.delay(r.ReadFailures, waited, r.Phase == RefundAwaiting || r.Phase == RefundPending, jitter)
}

// delay is the table above: failures reads failed in a row, waited how long the reader
// (or Stripe) has been working on it, waiting whether a webhook will usually say first.
func (p Schedule) delay(failures int, waited time.Duration, waiting bool, jitter float64) time.Duration {
	every, ceiling := p.Every, p.Max
	if every <= 0 {
		every = time.Second
	}
	if ceiling <= 0 {
		ceiling = 10 * time.Second
	}
	if ceiling < every {
		ceiling = every
	}
	jitter = min(1, max(0, jitter))
	if failures > 0 {
		d := Backoff(every, ceiling, failures)
		return d/2 + time.Duration(float64(d/2)*jitter)
	}
	d := every
	for _, step := range scheduleSteps {
		if waited >= step.after {
			d = every * step.times
		}
	}
	d = min(d, ceiling)
	if p.Webhooks && waiting {
		net := p.SafetyNet
		if net <= 0 {
			net = 30 * time.Second
		}
		d = max(d, net)
	}
	return d + time.Duration(float64(d/10)*jitter)
}
