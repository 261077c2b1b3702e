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
			r, err := g.ReadReader(ctx, e.ReaderID)
			if err != nil {
				return failed(err)
			}
			if other := busyWith(r); other != "" && other != e.PaymentIntentID {
				return failed(&Failure{Kind: KindReaderBusy, Code: CodeReaderInUse, Message: other})
			}
		}
		r, err := g.ProcessOnReader(ctx, e)
		if err != nil {
			return failed(err)
		}
		return ProcessSent{Reader: r, At: now()}
	case ReadStatus:
		in, err := g.ReadIntent(ctx, e.PaymentIntentID)
		if err != nil {
			return failed(err)
		}
		if e.Known != nil {
			return StatusRead{Intent: &in, Reader: e.Known, At: now()}
		}
		r, err := g.ReadReader(ctx, e.ReaderID)
		if err != nil {
			return failed(err)
		}
		return StatusRead{Intent: &in, Reader: &r, At: now()}
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

// readerCanceler is what canceling a reader's action needs.
type readerCanceler interface {
	ReadReader(ctx context.Context, readerID string) (Reader, error)
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
