package checkout

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
)

// ErrBadRefund is wrapped by errors from a RefundRequested that cannot start.
var ErrBadRefund = errors.New("cannot start the refund")

// ApplyRefund is the refund state machine: the next refund and the effects to carry
// out, or an error and the refund unchanged. Like Apply, it is pure; the driver saves
// the refund it returns before it carries out any effect.
func ApplyRefund(r Refund, e Event) (Refund, []Effect, error) {
	invalid := func() (Refund, []Effect, error) { return r.refuse(e) }
	switch ev := e.(type) {
	case RefundRequested:
		if r.Phase != RefundNew {
			return invalid()
		}
		return requestRefund(r, ev)
	case Resumed:
		switch r.Phase {
		case RefundNew, RefundSucceeded, RefundFailed, RefundCanceled:
			return invalid()
		case RefundCreating, RefundSending, RefundCanceling:
			// The call may or may not have happened: find out before anything else.
			r.Phase = RefundUnknown
		}
		r.UpdatedAt = ev.At
		return r, []Effect{r.poll(false)}, nil
	case RefundCreated:
		if r.InPerson || (r.Phase != RefundCreating && r.Phase != RefundUnknown) || ev.Refund.PaymentIntentID != r.PaymentIntentID {
			return invalid()
		}
		return settleRefund(r, ev.Refund, ev.At)
	case RefundSent:
		if r.Phase != RefundSending {
			return invalid()
		}
		r.Phase, r.UpdatedAt, r.ActionSince = RefundAwaiting, ev.At, ev.At
		if a, ok := ev.Reader.RefundActionFor(r.ID); ok {
			r.Action = &a
		}
		return r, []Effect{r.poll(true)}, nil
	case RefundRead:
		if !r.reads() && r.Phase != RefundCanceling {
			return invalid()
		}
		r.ReadFailures, r.ReadError, r.UpdatedAt = 0, nil, ev.At
		if ev.Refund != nil {
			if ev.Refund.PaymentIntentID != r.PaymentIntentID || (ev.Refund.TillRefundID != "" && ev.Refund.TillRefundID != r.ID) {
				return invalid()
			}
			return settleRefund(r, *ev.Refund, ev.At)
		}
		return withoutRefund(r, ev)
	case CheckRequested:
		if !r.reads() {
			return invalid()
		}
		r.UpdatedAt = ev.At
		return r, []Effect{r.poll(false)}, nil
	case RetryRequested:
		if r.Phase != RefundDeclined || !r.InPerson {
			return invalid()
		}
		if ev.ReaderID != "" {
			r.ReaderID = ev.ReaderID
		}
		r.Phase, r.Failure, r.Action, r.UpdatedAt = RefundSending, nil, nil, ev.At
		r.Attempts++
		return r, []Effect{r.send(ev.TakeOver)}, nil
	case CancelRequested:
		switch {
		case r.Phase == RefundDeclined:
			// The reader's refund failed and Stripe made none: nothing to undo.
			r.Phase, r.UpdatedAt = RefundCanceled, ev.At
			return r, nil, nil
		case r.InPerson && r.StripeID == "" && (r.Phase == RefundAwaiting || r.Phase == RefundUnknown):
			r.Phase, r.UpdatedAt = RefundCanceling, ev.At
			return r, []Effect{CancelRefundOnReader{ReaderID: r.ReaderID, RefundID: r.ID}}, nil
		}
		return invalid()
	case RefundActionCanceled:
		if r.Phase != RefundCanceling {
			return invalid()
		}
		r.Action, r.UpdatedAt = nil, ev.At
		if a, ok := ev.Reader.RefundActionFor(r.ID); ok {
			r.Action = &a
		}
		// The customer may have presented the card just before: read before saying
		// nothing was refunded.
		return r, []Effect{r.poll(false)}, nil
	case StepFailed:
		return failRefund(r, ev, invalid)
	case Notified:
		return refundNotified(r, ev, invalid)
	}
	return invalid()
}

func requestRefund(r Refund, ev RefundRequested) (Refund, []Effect, error) {
	p := ev.Payment
	bad := func(format string, args ...any) (Refund, []Effect, error) {
		return r, nil, fmt.Errorf("%w: %s", ErrBadRefund, fmt.Sprintf(format, args...))
	}
	if err := CheckRefundID(ev.RefundID); err != nil {
		return r, nil, fmt.Errorf("%w: %w", ErrBadRefund, err)
	}
	switch {
	case p.ID == "":
		return bad("no payment to refund")
	case p.Status == IntentRequiresCapture:
		return bad("%s is authorized but not captured: cancel it to release the money instead", p.ID)
	case p.Status != IntentSucceeded:
		return bad("%s did not succeed (%s): there is nothing to refund", p.ID, p.Status)
	case ev.Reason != "" && !slices.Contains(RefundReasons, ev.Reason):
		return bad("the reason %q is not one of %s", ev.Reason, strings.Join(RefundReasons, ", "))
	}
	left := p.Refundable()
	amount := ev.Amount
	if amount.Currency == "" {
		amount.Currency = p.Amount.Currency
	}
	if amount.Amount == 0 {
		amount.Amount = left.Amount
	}
	switch {
	case left.Amount == 0:
		return bad("%s is already refunded in full", p.ID)
	case !strings.EqualFold(amount.Currency, p.Amount.Currency):
		return bad("the payment was in %s, not %s", strings.ToUpper(p.Amount.Currency), strings.ToUpper(amount.Currency))
	case amount.Amount < 0:
		return bad("the amount must be above zero")
	case amount.Amount > left.Amount:
		return bad("only %s is left to refund of %s, not %s", left, Money{p.AmountReceived, p.Amount.Currency}, amount)
	}
	order := p.OrderID
	if order == "" {
		order = p.ID // a payment till did not make: its journal goes under its id
	}
	r = Refund{ID: ev.RefundID, OrderID: order, PaymentIntentID: p.ID, Amount: left, Reason: ev.Reason,
		Lines: ev.Lines, InPerson: RefundsInPerson(p), Card: p.Card, StartedAt: ev.At, UpdatedAt: ev.At}
	r.Amount.Amount = amount.Amount
	if !r.InPerson {
		r.Phase = RefundCreating
		return r, []Effect{r.create()}, nil
	}
	if ev.ReaderID == "" {
		return Refund{}, nil, fmt.Errorf("%w: an Interac payment is refunded on a reader with the customer's card: choose a reader", ErrBadRefund)
	}
	r.ReaderID, r.Phase, r.Attempts = ev.ReaderID, RefundSending, 1
	return r, []Effect{r.send(false)}, nil
}

// settleRefund sets the phase from Stripe's refund: the single place where Stripe's
// state becomes the refund's phase.
func settleRefund(r Refund, sr StripeRefund, at time.Time) (Refund, []Effect, error) {
	r.StripeID, r.Status, r.FailureReason, r.UpdatedAt = sr.ID, sr.Status, sr.FailureReason, at
	r.ReadFailures, r.ReadError = 0, nil
	switch sr.Status {
	case RefundStatusSucceeded:
		r.Phase, r.Failure = RefundSucceeded, nil
		return r, nil, nil
	case RefundStatusPending, RefundStatusRequiresAction:
		r.Phase, r.Failure = RefundPending, nil
		return r, []Effect{r.poll(true)}, nil
	case RefundStatusFailed, RefundStatusCanceled:
		r.Phase, r.Failure = RefundFailed, nil
		return r, nil, nil
	}
	r.Phase = RefundUnknown
	r.Failure = &Failure{Kind: KindUnknown, Code: string(sr.Status), Message: "unexpected refund status " + string(sr.Status)}
	return r, []Effect{r.poll(true)}, nil
}

// withoutRefund carries on from a read that found no refund at Stripe for this id.
func withoutRefund(r Refund, ev RefundRead) (Refund, []Effect, error) {
	if r.StripeID != "" {
		// Stripe named the refund before; a read that misses it proves nothing.
		return r, r.polls(), nil
	}
	if !r.InPerson {
		if r.Phase != RefundUnknown {
			return r.refuse(ev)
		}
		// The listing is complete: the refund was never made. Make it, same key.
		r.Phase, r.Failure = RefundCreating, nil
		return r, []Effect{r.create()}, nil
	}
	if ev.Reader == nil {
		return r, r.polls(), nil
	}
	a, ours := ev.Reader.RefundActionFor(r.ID)
	r.Action = nil
	if ours {
		r.Action = &a
	}
	switch {
	case ours && a.Status == ActionInProgress:
		if r.Phase != RefundAwaiting {
			r.ActionSince = ev.At
		}
		r.Phase = RefundAwaiting
		return r, []Effect{r.poll(true)}, nil
	case ours && a.Status == ActionSucceeded:
		// The card was presented; Stripe's list has not caught up yet.
		r.Phase = RefundUnknown
		return r, []Effect{r.poll(true)}, nil
	case r.Phase == RefundCanceling:
		// The reader was read before Stripe's refunds: with the action over and no
		// refund listed, none can appear any more.
		r.Phase, r.Failure = RefundCanceled, nil
		return r, nil, nil
	case ours && a.Status == ActionFailed:
		r.Phase, r.Failure = RefundDeclined, actionFailure(a, nil)
		return r, nil, nil
	case r.Phase == RefundDeclined:
		return r, nil, nil
	}
	// The reader is not on this refund: it never arrived, or was canceled or replaced.
	r.Phase, r.Failure = RefundDeclined, &Failure{Kind: KindInterrupted}
	return r, nil, nil
}

func failRefund(r Refund, ev StepFailed, invalid func() (Refund, []Effect, error)) (Refund, []Effect, error) {
	f := ev.Failure
	unknown := func() (Refund, []Effect, error) {
		r.Phase, r.Failure, r.UpdatedAt = RefundUnknown, &f, ev.At
		return r, []Effect{r.poll(true)}, nil
	}
	switch ev.Step {
	case StepReadRefund:
		if !r.reads() && r.Phase != RefundCanceling {
			return invalid()
		}
		r.ReadFailures++
		r.ReadError, r.UpdatedAt = &f, ev.At
		return r, r.polls(), nil
	case StepRefund:
		if r.Phase != RefundCreating {
			return invalid()
		}
		if f.Ambiguous() {
			return unknown()
		}
		// Stripe refused before making anything (amount_too_large, already refunded...).
		r.Phase, r.Failure, r.UpdatedAt = RefundFailed, &f, ev.At
		return r, nil, nil
	case StepRefundOnReader:
		if r.Phase != RefundSending {
			return invalid()
		}
		switch {
		case f.Ambiguous():
			return unknown()
		case f.Kind == KindInvalidRequest || f.Kind == KindNotFound || f.Kind == KindAuth:
			// Stripe refused the refund itself: another reader would not help.
			r.Phase, r.Failure, r.UpdatedAt = RefundFailed, &f, ev.At
			return r, nil, nil
		}
		r.Phase, r.Failure, r.UpdatedAt = RefundDeclined, &f, ev.At
		return r, nil, nil
	case StepCancelRefundAction:
		if r.Phase != RefundCanceling {
			return invalid()
		}
		// Busy means the card is being read right now; offline or no answer means the
		// reader's state is not known. Re-read either way.
		return unknown()
	}
	return invalid()
}

// refuse is an event that does not apply in the refund's phase.
func (r Refund) refuse(e Event) (Refund, []Effect, error) {
	return r, nil, &TransitionError{Phase: Phase(r.Phase.String()), Event: e}
}

// reads reports whether the refund has something to re-read and no call in flight.
func (r Refund) reads() bool {
	switch r.Phase {
	case RefundAwaiting, RefundDeclined, RefundPending, RefundSucceeded, RefundUnknown:
		return true
	}
	return false
}

// polls is the next poll in the phases that wait for something, else nothing.
func (r Refund) polls() []Effect {
	if r.Followed() {
		return []Effect{r.poll(true)}
	}
	return nil
}

// Followed reports whether the machine reads the refund again by itself, a failed read
// included: while it waits for the card, for Stripe's outcome or for an answer.
func (r Refund) Followed() bool {
	switch r.Phase {
	case RefundAwaiting, RefundPending, RefundUnknown, RefundCanceling:
		return true
	}
	return false
}

// poll re-reads the refund; the reader too while an in-person refund has no refund
// at Stripe yet. The reader is read first, so a refund that is not listed after the
// reader's action was seen over can never appear later.
func (r Refund) poll(wait bool) Effect {
	eff := ReadRefund{RefundID: r.ID, PaymentIntentID: r.PaymentIntentID, StripeID: r.StripeID, Wait: wait}
	if r.InPerson && r.StripeID == "" {
		eff.ReaderID = r.ReaderID
	}
	return eff
}

func (r Refund) create() CreateRefund {
	return CreateRefund{RefundID: r.ID, OrderID: r.OrderID, PaymentIntentID: r.PaymentIntentID, Amount: r.Amount,
		Reason: r.Reason, Key: r.CreateKey()}
}

func (r Refund) send(takeOver bool) RefundOnReader {
	return RefundOnReader{RefundID: r.ID, OrderID: r.OrderID, PaymentIntentID: r.PaymentIntentID, ReaderID: r.ReaderID,
		Amount: r.Amount, Reason: r.Reason, Key: r.ReaderKey(), TakeOver: takeOver}
}
