package main

import (
	"context"
	"time"

	"github.com/till-pos/till/checkout"
)

// refundStore is what the headless refund driver needs from the database.
type refundStore interface {
	SaveRefund(checkout.Refund) error
	checkout.Journal
}

// refundDriver runs one refund through the refund machine without a screen: the same
// ApplyRefund and CarryRefund the screen uses, with the cashier's decisions made by
// rule. On a simulated reader it presents the test card once per attempt. It retries
// an in-person refund once when the attempt failed for a reason the customer did not
// cause, or when it resumes a refund that stopped declined (the re-run is the
// cashier's "try again"); with cancel it cancels instead.
type refundDriver struct {
	gateway     checkout.RefundGateway
	presenter   cardPresenter
	store       refundStore
	now         func() time.Time
	pace        func(checkout.Refund) time.Duration // the wait before a re-read (refundPace)
	callTimeout time.Duration
	card        string // test card to present on a simulated reader; "" presents nothing
	simulated   bool
	logf        func(format string, args ...any)
	// until, when set, is when to stop waiting for the refund to settle. It ends the run
	// only at a wait between reads, never inside a call: a deadline that cut the create
	// would leave the refund's outcome unknown for no reason.
	until time.Time
}

// run applies first and then every resulting event until the refund rests: finished,
// declined, or the context ends (errStopped). A first event the machine refuses is
// returned as the error: nothing was saved or sent. When the database cannot keep a
// step, the error is a *notSaved and the refund returned is as far as Stripe got.
func (d *refundDriver) run(ctx context.Context, r checkout.Refund, first checkout.Event) (checkout.Refund, error) {
	_, resumed := first.(checkout.Resumed)
	_, canceling := first.(checkout.CancelRequested)
	retries := 1
	if canceling {
		retries = 0
	}
	presented := 0
	queue := []checkout.Event{first}
	for n := 0; len(queue) > 0; n++ {
		ev := queue[0]
		queue = queue[1:]
		next, effects, err := checkout.ApplyRefund(r, ev)
		if err != nil {
			if n == 0 {
				return r, err
			}
			d.logf("refund %s: event %T ignored: %v", r.ID, ev, err)
			continue
		}
		if err := d.store.SaveRefund(next); err != nil {
			// next is as far as Stripe got (it may have just made the refund), though
			// the database does not hold it: that is what to report.
			return next, &notSaved{msg: checkout.RefundNotSaved(next, err.Error()), err: err}
		}
		r = next
		if r.Phase == checkout.RefundAwaiting && r.Attempts > presented && d.simulated && d.card != "" && !canceling {
			presented = r.Attempts
			presentTestCard(ctx, d.presenter, d.callTimeout, r.ReaderID, d.card, 0, d.logf)
		}
		for _, eff := range effects {
			if checkout.Waits(eff) {
				if !d.until.IsZero() && !d.now().Before(d.until) {
					return r, errStopped
				}
				if err := pause(ctx, d.pace(r)); err != nil {
					return r, errStopped
				}
			}
			ev, err := carryWithin(ctx, d.callTimeout, func(ctx context.Context) checkout.Event {
				return checkout.CarryRefund(ctx, d.gateway, d.store, r, eff, d.now)
			})
			if err != nil {
				return r, err
			}
			queue = append(queue, ev)
		}
		if len(queue) == 0 && r.Phase == checkout.RefundDeclined && retries > 0 && (resumed || retryable(r.Failure)) {
			retries--
			queue = append(queue, checkout.RetryRequested{At: d.now()})
		}
	}
	return r, nil
}

// pause waits d, or until ctx ends (its error).
func pause(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
