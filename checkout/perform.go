package checkout

import (
	"context"
	"time"
)

// Gateway is what the state machine needs from Stripe. readerctl implements it; every
// error it returns is a *Failure (anything else counts as an unknown, ambiguous failure).
type Gateway interface {
	CreateIntent(ctx context.Context, req CreateIntent) (Intent, error)
	ProcessOnReader(ctx context.Context, req ProcessOnReader) (Reader, error)
	ReadIntent(ctx context.Context, paymentIntentID string) (Intent, error)
	ReadReader(ctx context.Context, readerID string) (Reader, error)
	CaptureIntent(ctx context.Context, req CaptureIntent) (Intent, error)
	CancelReaderAction(ctx context.Context, readerID string) (Reader, error)
	CancelIntent(ctx context.Context, req CancelIntent) (Intent, error)
}

// OrderFinder is a Gateway that can also look intents up by metadata[order_id].
type OrderFinder interface {
	FindIntentsByOrder(ctx context.Context, orderID string) ([]Intent, error)
}

// StatusReader is a Gateway that reads a reader together with the PaymentIntent of its
// current action in one call (Stripe expands action.process_payment_intent.payment_intent).
// intent is nil when the reader's action takes no payment.
type StatusReader interface {
	ReadReaderStatus(ctx context.Context, readerID string) (r Reader, intent *Intent, err error)
}

// RecentReaders is a Gateway that remembers the readers Stripe returned lately, from any
// call (the reader list, a read, a send).
type RecentReaders interface {
	RecentReader(readerID string, within time.Duration) (Reader, bool)
}

// CompareWithin is how recent a reader seen by another call must be to stand in for the
// compare-before-process read. The compare was never atomic (another till can start a
// payment between the read and the send); a reader listed a moment before widens that
// window by one call, and saves a call on every payment.
const CompareWithin = 2 * time.Second

// findByOrder looks for the order's intent before a replayed create: the one that got
// furthest (succeeded, then authorized, then any other that is not canceled). Search
// is eventually consistent, so finding nothing proves nothing: the replay under the
// same key follows.
func findByOrder(ctx context.Context, g Gateway, orderID string) (Intent, bool) {
	f, ok := g.(OrderFinder)
	if !ok {
		return Intent{}, false
	}
	found, err := f.FindIntentsByOrder(ctx, orderID)
	if err != nil {
		return Intent{}, false
	}
	rank := map[IntentStatus]int{IntentSucceeded: 3, IntentRequiresCapture: 2}
	best, bestRank := Intent{}, -1
	for _, in := range found {
		if in.OrderID != orderID || in.Status == IntentCanceled {
			continue
		}
		if r := rank[in.Status]; r > bestRank {
			best, bestRank = in, r
		}
	}
	return best, bestRank >= 0
}

// Perform carries out one effect through the gateway and reports the result as the
// event to Apply next. It waits for nothing: drivers handle Waits themselves. The TUI
// and the headless commands both call it, so they behave the same.
func Perform(ctx context.Context, g Gateway, eff Effect, now func() time.Time) Event {
	failed := func(err error) Event {
		return StepFailed{Step: eff.Step(), Failure: *AsFailure(err), At: now()}
	}
	switch e := eff.(type) {
	case CreateIntent:
		if e.Replay {
			if in, ok := findByOrder(ctx, g, e.OrderID); ok {
				return IntentCreated{Intent: in, At: now()}
			}
		}
		in, err := g.CreateIntent(ctx, e)
		if err != nil {
			return failed(err)
		}
		return IntentCreated{Intent: in, At: now()}
	case ProcessOnReader:
		if !e.TakeOver {
			// Compare before process: never replace another payment the reader is taking,
			// nor a refund waiting for its customer's card.
			r, err := compareReader(ctx, g, e.ReaderID)
			if err != nil {
				return failed(err)
			}
			if other := r.BusyWith(); other != "" && other != e.PaymentIntentID {
				return failed(&Failure{Kind: KindReaderBusy, Code: CodeReaderInUse, Message: other})
			}
		}
		r, err := g.ProcessOnReader(ctx, e)
		if err != nil {
			return failed(err)
		}
		return ProcessSent{Reader: r, At: now()}
	case ReadStatus:
		in, r, err := readStatus(ctx, g, e)
		if err != nil {
			return failed(err)
		}
		return StatusRead{Intent: &in, Reader: r, At: now()}
	case CaptureIntent:
		in, err := g.CaptureIntent(ctx, e)
		if err != nil {
			return failed(err)
		}
		return Captured{Intent: in, At: now()}
	case CancelReaderAction:
		// Compare before cancel: only an action on this payment is ours to cancel.
		r, err := cancelIfOurs(ctx, g, e.ReaderID, func(r Reader) (ReaderAction, bool) { return r.ActionFor(e.PaymentIntentID) })
		if err != nil {
			return failed(err)
		}
		return ActionCanceled{Reader: r, At: now()}
	case CancelIntent:
		in, err := g.CancelIntent(ctx, e)
		if err != nil {
			return failed(err)
		}
		return PaymentCanceled{Intent: in, At: now()}
	}
	return StepFailed{Step: eff.Step(), Failure: Failure{Kind: KindUnknown, Message: "unknown effect"}, At: now()}
}

// readStatus makes one call where one suffices: the PaymentIntent alone when the phase
// needs nothing else or a webhook just told the reader's state (Known), else the
// reader with its action's PaymentIntent. Only when the reader has moved on from this
// payment (or the gateway cannot expand) is the intent read on its own as well.
func readStatus(ctx context.Context, g Gateway, e ReadStatus) (Intent, *Reader, error) {
	if e.IntentOnly || e.Known != nil {
		in, err := g.ReadIntent(ctx, e.PaymentIntentID)
		return in, e.Known, err
	}
	var r Reader
	var err error
	if sr, ok := g.(StatusReader); ok {
		var in *Intent
		if r, in, err = sr.ReadReaderStatus(ctx, e.ReaderID); err != nil {
			return Intent{}, nil, err
		}
		if in != nil && in.ID == e.PaymentIntentID {
			return *in, &r, nil
		}
	} else if r, err = g.ReadReader(ctx, e.ReaderID); err != nil {
		return Intent{}, nil, err
	}
	in, err := g.ReadIntent(ctx, e.PaymentIntentID)
	return in, &r, err
}

// readerReader is what comparing before a send needs: a payment's Gateway or a
// refund's RefundGateway.
type readerReader interface {
	ReadReader(ctx context.Context, readerID string) (Reader, error)
}

// compareReader is the reader to compare with before a send (a payment's or a
// refund's): one seen within CompareWithin, else a fresh read.
func compareReader(ctx context.Context, g readerReader, readerID string) (Reader, error) {
	if rr, ok := g.(RecentReaders); ok {
		if r, ok := rr.RecentReader(readerID, CompareWithin); ok {
			return r, nil
		}
	}
	return g.ReadReader(ctx, readerID)
}

// readerCanceler is what canceling a reader's action needs.
type readerCanceler interface {
	readerReader
	CancelReaderAction(ctx context.Context, readerID string) (Reader, error)
}

// cancelIfOurs reads the reader and cancels its action only while ours finds it ours
// and still waiting (compare before cancel). It returns the reader as last seen.
func cancelIfOurs(ctx context.Context, g readerCanceler, readerID string, ours func(Reader) (ReaderAction, bool)) (Reader, error) {
	r, err := g.ReadReader(ctx, readerID)
	if err != nil {
		return r, err
	}
	if a, ok := ours(r); ok && a.Status == ActionInProgress {
		return g.CancelReaderAction(ctx, readerID)
	}
	return r, nil
}
