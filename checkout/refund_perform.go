package checkout

import (
	"context"
	"time"
)

// RefundGateway is what the refund machine needs from Stripe. readerctl implements
// it; every error it returns is a *Failure (anything else counts as ambiguous).
type RefundGateway interface {
	CreateRefund(ctx context.Context, req CreateRefund) (StripeRefund, error)
	RefundOnReader(ctx context.Context, req RefundOnReader) (Reader, error)
	ReadRefund(ctx context.Context, stripeID string) (StripeRefund, error)
	// FindRefund looks for till's refund refundID among every refund of the payment
	// (Stripe's list is complete, unlike search): nil when there is none.
	FindRefund(ctx context.Context, paymentIntentID, refundID string) (*StripeRefund, error)
	ReadReader(ctx context.Context, readerID string) (Reader, error)
	CancelReaderAction(ctx context.Context, readerID string) (Reader, error)
}

// PerformRefund carries out one refund effect through the gateway and reports the
// result as the event to ApplyRefund next. It waits for nothing: drivers handle Waits.
func PerformRefund(ctx context.Context, g RefundGateway, eff Effect, now func() time.Time) Event {
	failed := func(err error) Event {
		return StepFailed{Step: eff.Step(), Failure: *AsFailure(err), At: now()}
	}
	switch e := eff.(type) {
	case CreateRefund:
		sr, err := g.CreateRefund(ctx, e)
		if err != nil {
			return failed(err)
		}
		return RefundCreated{Refund: sr, At: now()}
	case RefundOnReader:
		if !e.TakeOver {
			// Compare before send: never replace what the reader is doing for someone else.
			r, err := compareReader(ctx, g, e.ReaderID)
			if err != nil {
				return failed(err)
			}
			if other := r.BusyWith(); other != "" && other != e.RefundID {
				return failed(&Failure{Kind: KindReaderBusy, Code: CodeReaderInUse, Message: other})
			}
		}
		r, err := g.RefundOnReader(ctx, e)
		if err != nil {
			return failed(err)
		}
		return RefundSent{Reader: r, At: now()}
	case ReadRefund:
		return readRefund(ctx, g, e, now)
	case CancelRefundOnReader:
		// Compare before cancel: only a waiting action of this refund is ours to cancel.
		r, err := cancelIfOurs(ctx, g, e.ReaderID, func(r Reader) (ReaderAction, bool) { return r.RefundActionFor(e.RefundID) })
		if err != nil {
			return failed(err)
		}
		return RefundActionCanceled{Reader: r, At: now()}
	}
	return StepFailed{Step: eff.Step(), Failure: Failure{Kind: KindUnknown, Message: "unknown effect"}, At: now()}
}

// readRefund reads the reader first, then the refunds: a refund made after the reader
// was seen waiting is then listed, and one not listed after it was seen done never
// will be.
func readRefund(ctx context.Context, g RefundGateway, e ReadRefund, now func() time.Time) Event {
	failed := func(err error) Event {
		return StepFailed{Step: StepReadRefund, Failure: *AsFailure(err), At: now()}
	}
	var ev RefundRead
	if e.ReaderID != "" {
		r, err := g.ReadReader(ctx, e.ReaderID)
		if err != nil {
			return failed(err)
		}
		ev.Reader = &r
	}
	if e.StripeID != "" {
		sr, err := g.ReadRefund(ctx, e.StripeID)
		if err != nil {
			return failed(err)
		}
		ev.Refund = &sr
	} else {
		sr, err := g.FindRefund(ctx, e.PaymentIntentID, e.RefundID)
		if err != nil {
			return failed(err)
		}
		ev.Refund = sr
	}
	ev.At = now()
	return ev
}

// CarryRefund performs one refund effect with the journal around it, under the
// payment's order: a refund's steps are part of that payment's timeline.
func CarryRefund(ctx context.Context, g RefundGateway, j Journal, r Refund, eff Effect, now func() time.Time) Event {
	base := Entry{OrderID: r.OrderID, PaymentIntentID: r.PaymentIntentID, RefundID: r.ID, Phase: "refund " + r.Phase.String()}
	return carry(ctx, j, base, eff, now, func(ctx context.Context) Event { return PerformRefund(ctx, g, eff, now) })
}
