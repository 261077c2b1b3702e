package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/till-pos/till/checkout"
)

// sessionStore is what the headless driver needs from the database.
type sessionStore interface {
	SaveSession(checkout.Session) error
	checkout.Journal
}

// cardPresenter presents a test card, and the tip the customer picks, on a simulated reader.
type cardPresenter interface {
	PresentCardWithTip(ctx context.Context, readerID, number string, tip int64) (checkout.Reader, error)
}

// driver runs one order through the checkout machine without a screen: the same Apply
// and Carry as the TUI, with the cashier's decisions made by rule. It captures an
// approved payment and presents the test card once per attempt on a simulated reader.
// It retries once when the attempt failed for a reason a new card would not fix (the
// reader lost the payment or its connection), or when it resumes an order that stopped
// declined — the re-run is the cashier's way of saying "try again".
type driver struct {
	gateway     checkout.Gateway
	presenter   cardPresenter
	store       sessionStore
	now         func() time.Time
	schedule    checkout.Schedule // how long each poll waits
	callTimeout time.Duration
	// busy notes Stripe's rate limits on the run's calls ("Stripe is busy, retrying");
	// nil notes nothing.
	busy      *checkout.Busy
	card      string // test card to present on a simulated reader; "" presents nothing
	tip       int64  // the tip the customer picks on the simulated reader; 0 none
	simulated bool
	logf      func(format string, args ...any)
	// notices are webhooks' news (nil: none); pace is the wait before a poll (nil: the
	// schedule). See waitOrNotice.
	notices <-chan checkout.Notified
	pace    func(checkout.Session) time.Duration
	// sleep waits before a poll instead of a timer, with no notices (nil: the timer);
	// jitter draws the schedule's random number (nil: math/rand). Tests replace both to
	// run a long wait at once.
	sleep  func(ctx context.Context, d time.Duration) error
	jitter func() float64
	// rest, when set, replaces the cashier's rules (support's capture and cancel): it
	// says what to do whenever the session rests; nil ends the run.
	rest func(checkout.Session) checkout.Event
	// until, when set, is when to stop waiting for the customer. It ends the run only
	// at a wait between reads, never inside a call: a deadline that cut the create or
	// the send would leave the order half-started for no reason.
	until time.Time
	// retryOn is the reader a declined order is sent to again ("": the one it was on).
	retryOn string
}

// driver is a driver on the command's services: their gateway (which also presents
// test cards) and store, the configuration's poll schedule and call timeout, notes to
// the log. Callers set what their run needs besides.
func (s *services) driver() *driver {
	return &driver{gateway: s.gateway, presenter: s.gateway, store: s.store, now: time.Now,
		schedule: s.cfg.schedule(), callTimeout: s.cfg.CallTimeout, logf: s.logf}
}

// logf writes a driver's note to the log.
func (s *services) logf(format string, args ...any) { s.log.Info(fmt.Sprintf(format, args...)) }

// notSaved says the run stopped because till could not write to its database (a full
// disk, most likely); its text says where the order (or the refund) stands at Stripe.
// The run that returns it returns the session (or refund) as far as Stripe got, which
// the database may not hold.
type notSaved struct {
	msg string
	err error
}

func (e *notSaved) Error() string { return e.msg }
func (e *notSaved) Unwrap() error { return e.err }

// errStopped says the run ended before the payment did (deadline or interrupt); the
// session is saved and a later run with the same order carries on.
var errStopped = errors.New("stopped before the payment finished")

// run applies first and then every resulting event until the session rests: finished,
// declined, or the context ends. When the database cannot keep a step, the error is a
// *notSaved and the session returned is as far as Stripe got, as refundDriver.run's.
func (d *driver) run(ctx context.Context, s checkout.Session, first checkout.Event) (checkout.Session, error) {
	ctx = checkout.WithBusy(ctx, d.busy) // the adapter notes Stripe's rate limits there
	_, resumed := first.(checkout.Resumed)
	retries := 1
	presented := 0
	queue := []checkout.Event{first}
	applied := 0
	for len(queue) > 0 {
		ev := queue[0]
		queue = queue[1:]
		next, effects, err := checkout.Apply(s, ev)
		if err != nil && applied == 0 {
			return s, err // the run's own request does not apply: say so, never end in silence
		}
		applied++
		if err != nil {
			d.logf("event %T ignored: %v", ev, err)
			continue
		}
		if err := d.store.SaveSession(next); err != nil {
			return next, &notSaved{msg: checkout.NotSaved(next, err.Error()), err: err}
		}
		s = next
		if f, ok := ev.(checkout.StepFailed); ok && f.Failure.Kind == checkout.KindStore {
			// The journal could not take the step's line, so the step was not sent; a
			// retry now would only fail the same way.
			return s, &notSaved{msg: checkout.NotSaved(s, f.Failure.Message)}
		}
		if s.Phase == checkout.Awaiting && s.Attempts > presented && d.simulated && d.card != "" {
			presented = s.Attempts
			presentTestCard(ctx, d.presenter, d.callTimeout, s.ReaderID, d.card, d.tip, d.logf)
		}
		for _, eff := range effects {
			if checkout.Waits(eff) {
				if !d.until.IsZero() && !d.now().Before(d.until) {
					return s, errStopped
				}
				notice, err := d.waitOrNotice(ctx, s)
				if err != nil {
					return s, errStopped
				}
				if notice != nil {
					// The webhook's news supersedes the poll.
					queue = append(queue, notice)
					continue
				}
			}
			ev, err := carryWithin(ctx, d.callTimeout, func(ctx context.Context) checkout.Event {
				return checkout.Carry(ctx, d.gateway, d.store, s, eff, d.now)
			})
			if err != nil {
				return s, err
			}
			queue = append(queue, ev)
		}
		if len(queue) > 0 {
			continue
		}
		if d.rest != nil {
			if ev := d.rest(s); ev != nil {
				queue = append(queue, ev)
			}
			continue
		}
		switch {
		case s.Phase == checkout.Approved:
			queue = append(queue, checkout.CaptureRequested{At: d.now()})
		case s.Phase == checkout.Declined && retries > 0 && (resumed || retryable(s.Failure)):
			retries--
			queue = append(queue, checkout.RetryRequested{ReaderID: d.retryOn, At: d.now()})
		}
	}
	return s, nil
}

// retryable says whether sending the same payment again could work without the
// customer doing anything differently.
func retryable(f *checkout.Failure) bool {
	if f == nil {
		return false
	}
	switch f.Kind {
	case checkout.KindInterrupted, checkout.KindNeedsRetry, checkout.KindConnectionError, checkout.KindReaderTimeout:
		return true
	}
	return false
}

// carryWithin carries out one effect under the call timeout; errStopped, and no call,
// when ctx has ended.
func carryWithin(ctx context.Context, timeout time.Duration, carry func(context.Context) checkout.Event) (checkout.Event, error) {
	if ctx.Err() != nil {
		return nil, errStopped
	}
	callCtx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	return carry(callCtx), nil
}

// presentTestCard presents a test card (and the tip the customer picks) on a simulated
// reader. The poll that follows shows what the reader did; a failed present only means
// the reader keeps waiting for a card until the deadline.
func presentTestCard(ctx context.Context, p cardPresenter, timeout time.Duration, readerID, card string, tip int64, logf func(string, ...any)) {
	callCtx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	if _, err := p.PresentCardWithTip(callCtx, readerID, card, tip); err != nil {
		logf("present card on %s: %v", readerID, err)
	}
}

// schedule is the poll schedule the configuration asks for, the same for `till pay`,
// `till payments` and the screen.
func (c Config) schedule() checkout.Schedule {
	return checkout.Schedule{Every: c.PollEvery, Max: c.MaxBackoff, SafetyNet: c.SafetyPoll}
}
