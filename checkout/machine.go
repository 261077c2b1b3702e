package checkout

import (
	"errors"
	"fmt"
	"time"
)

// ErrInvalidTransition is returned (wrapped in a *TransitionError) when an event does
// not apply in the session's phase. The session is returned unchanged.
var ErrInvalidTransition = errors.New("invalid transition")

// TransitionError names the phase and the event that did not fit.
type TransitionError struct {
	Phase Phase
	Event Event
}

func (e *TransitionError) Error() string {
	return fmt.Sprintf("%T does not apply while %s", e.Event, e.Phase)
}

// Unwrap lets errors.Is match ErrInvalidTransition.
func (e *TransitionError) Unwrap() error { return ErrInvalidTransition }

// ErrBadCharge is wrapped by errors from a ChargeRequested that cannot start.
var ErrBadCharge = errors.New("cannot start the payment")

// Apply is the payment state machine: the next session and the effects to carry out,
// or an error and the session unchanged.
func Apply(s Session, e Event) (Session, []Effect, error) {
	invalid := func() (Session, []Effect, error) { return s, nil, &TransitionError{Phase: s.Phase, Event: e} }
	switch ev := e.(type) {
	case ChargeRequested:
		if s.Phase != Building {
			return invalid()
		}
		return charge(s, ev)
	case Resumed:
		return resume(s, ev.At, invalid)
	case IntentCreated:
		if s.Phase != Creating && !((s.Phase == Unknown || s.Phase == Canceling) && s.PaymentIntentID == "") {
			return invalid()
		}
		return adopt(s, ev.Intent, ev.At)
	case ProcessSent:
		if s.Phase != Sending {
			return invalid()
		}
		s.Phase, s.UpdatedAt, s.ActionSince = Awaiting, ev.At, ev.At
		if a, ok := ev.Reader.ActionFor(s.PaymentIntentID); ok {
			s.Action = &a
		}
		wait := !s.Recheck
		s.Recheck = false
		return s, []Effect{s.poll(wait)}, nil
	case StatusRead:
		if !s.reads() || ev.Intent == nil {
			return invalid()
		}
		if s.PaymentIntentID == "" {
			return adopt(s, *ev.Intent, ev.At)
		}
		if ev.Intent.ID != s.PaymentIntentID {
			return invalid()
		}
		s.ReadFailures, s.ReadError = 0, nil
		return resolve(s, *ev.Intent, ev.Reader, ev.At)
	case CheckRequested:
		if !s.reads() {
			return invalid()
		}
		s.UpdatedAt = ev.At
		return s, []Effect{s.poll(false)}, nil
	case RetryRequested:
		if s.Phase != Declined {
			return invalid()
		}
		if ev.ReaderID != "" {
			s.ReaderID = ev.ReaderID
		}
		s.Phase, s.Failure, s.Action, s.UpdatedAt = Sending, nil, nil, ev.At
		s.Attempts++
		return s, []Effect{ProcessOnReader{ReaderID: s.ReaderID, PaymentIntentID: s.PaymentIntentID, Key: s.ProcessKey(), TakeOver: ev.TakeOver, Tipping: s.Tipping}}, nil
	case CaptureRequested:
		if s.Phase != Approved {
			return invalid()
		}
		s.Phase, s.Failure, s.UpdatedAt = Capturing, nil, ev.At
		s.Captures++
		s = s.hold(StepCapture)
		return s, []Effect{CaptureIntent{PaymentIntentID: s.PaymentIntentID, Key: s.CaptureKey(), Capturable: s.capturable()}}, nil
	case Captured:
		if s.Phase != Capturing || ev.Intent.ID != s.PaymentIntentID {
			return invalid()
		}
		return resolve(s, ev.Intent, nil, ev.At)
	case CancelRequested:
		return cancel(s, ev, invalid)
	case CashTendered:
		return cash(s, ev, invalid)
	case ActionCanceled:
		if s.Phase != Canceling {
			return invalid()
		}
		s.Action, s.UpdatedAt = nil, ev.At
		return s.cancelIntent()
	case PaymentCanceled:
		if s.Phase != Canceling || ev.Intent.ID != s.PaymentIntentID {
			return invalid()
		}
		return resolve(s, ev.Intent, nil, ev.At)
	case StepFailed:
		return fail(s, ev, invalid)
	case Notified:
		return notified(s, ev, invalid)
	}
	return invalid()
}

func charge(s Session, ev ChargeRequested) (Session, []Effect, error) {
	if err := ValidOrderID(ev.OrderID); err != nil {
		return s, nil, fmt.Errorf("%w: %w", ErrBadCharge, err)
	}
	switch {
	case ev.Amount.Amount <= 0 || ev.Amount.Amount > MaxAmount:
		return s, nil, fmt.Errorf("%w: the amount must be above zero and at most %s", ErrBadCharge, Money{MaxAmount, ev.Amount.Currency})
	case ev.ReaderID == "":
		return s, nil, fmt.Errorf("%w: choose a reader first", ErrBadCharge)
	case !s.Cart.Empty() && s.Cart.Total() != ev.Amount:
		return s, nil, fmt.Errorf("%w: the amount, %s, is not the cart's total, %s", ErrBadCharge, ev.Amount, s.Cart.Total())
	}
	if err := CheckCurrency(ev.Amount.Currency); err != nil {
		return s, nil, fmt.Errorf("%w: %w", ErrBadCharge, err)
	}
	method := ev.CaptureMethod
	switch method {
	case "":
		method = CaptureManual
	case CaptureManual, CaptureAutomatic:
	default:
		return s, nil, fmt.Errorf("%w: capture method %q is not manual or automatic", ErrBadCharge, method)
	}
	s.OrderID, s.Amount, s.ReaderID, s.CaptureMethod, s.Tipping = ev.OrderID, ev.Amount, ev.ReaderID, method, ev.Tipping
	s.Phase, s.Failure, s.StartedAt, s.UpdatedAt = Creating, nil, ev.At, ev.At
	return s, []Effect{s.create(false)}, nil
}

// adopt takes the order's PaymentIntent, new or found again, and carries on from its state.
func adopt(s Session, in Intent, at time.Time) (Session, []Effect, error) {
	s.PaymentIntentID, s.IntentStatus, s.UpdatedAt = in.ID, in.Status, at
	s.ReadFailures, s.ReadError = 0, nil
	if s.cancelOwed() {
		return s.abandon(in, at)
	}
	if in.Status != IntentRequiresPaymentMethod || s.Attempts > 0 {
		return resolve(s, in, nil, at)
	}
	s.Phase, s.Failure = Sending, nil
	s.Attempts++
	return s, []Effect{ProcessOnReader{ReaderID: s.ReaderID, PaymentIntentID: s.PaymentIntentID, Key: s.ProcessKey(), Tipping: s.Tipping}}, nil
}

// resolve sets the phase from a fresh read of the intent and, when there is one, the
// reader. It is the single place where Stripe's state becomes till's phase.
func resolve(s Session, in Intent, r *Reader, at time.Time) (Session, []Effect, error) {
	s.IntentStatus, s.UpdatedAt = in.Status, at
	s.Tip, s.AmountReceived = in.Tip, in.AmountReceived
	if in.Card.Last4 != "" {
		s.Card = in.Card
	}
	if !in.CaptureBefore.IsZero() {
		s.CaptureBefore = in.CaptureBefore
	}
	if in.AmountCapturable > 0 {
		s.AmountCapturable = in.AmountCapturable
	}
	var action *ReaderAction
	if r != nil {
		if a, ok := r.ActionFor(s.PaymentIntentID); ok {
			action = &a
			s.Action = &a
		} else {
			s.Action = nil
		}
	}
	s, resent, done := s.onRead(in, action, at)
	if done {
		return s, resent, nil
	}
	switch in.Status {
	case IntentSucceeded:
		s.Phase, s.Failure = Paid, nil
		return s, nil, nil
	case IntentRequiresCapture:
		s.Phase, s.Failure = Approved, nil
		return s, nil, nil
	case IntentCanceled:
		s.Phase, s.Failure = Canceled, nil
		return s, nil, nil
	case IntentProcessing:
		s.Phase = Awaiting
		return s, []Effect{s.poll(true)}, nil
	case IntentRequiresConfirmation, IntentRequiresAction:
		s.Phase = Declined
		s.Failure = &Failure{Kind: KindNeedsRetry, Code: string(in.Status)}
		return s, nil, nil
	case IntentRequiresPaymentMethod:
		switch {
		case action != nil && action.Status == ActionFailed:
			s.Phase, s.Failure = Declined, actionFailure(*action, in.LastError)
			return s, nil, nil
		case action != nil:
			// In progress, or succeeded while the intent has not caught up yet.
			if s.Phase != Awaiting {
				s.ActionSince = at
			}
			s.Phase, s.Failure = Awaiting, nil
			return s, []Effect{s.poll(true)}, nil
		case r == nil:
			// Only the intent was read (after a capture or cancel): it went back to
			// waiting for a card, which the cashier must decide about.
			s.Phase = Declined
			if s.Failure == nil {
				s.Failure = &Failure{Kind: KindInterrupted}
			}
			return s, nil, nil
		case s.Phase == Declined:
			return s, nil, nil
		default:
			// The reader dropped this payment (canceled or replaced). last_payment_error
			// may be an earlier attempt's decline, so it is not the reason now.
			s.Phase, s.Failure = Declined, &Failure{Kind: KindInterrupted}
			return s, nil, nil
		}
	}
	s.Phase = Unknown
	s.Failure = &Failure{Kind: KindUnknown, Code: string(in.Status), Message: "unexpected PaymentIntent status " + string(in.Status)}
	return s, []Effect{s.poll(true)}, nil
}

// actionFailure reads why the reader's action failed: api_error when the reader sent
// one, else failure_code / failure_message, completed from the intent's last_payment_error.
func actionFailure(a ReaderAction, last *Failure) *Failure {
	f := &Failure{Code: a.FailureCode, Message: a.FailureMessage, DeclineCode: a.DeclineCode}
	switch a.FailureCode {
	case "customer_canceled":
		f.Kind = KindCustomerCanceled
	case "connection_error":
		f.Kind = KindConnectionError
	default:
		f.Kind = KindDeclined
		if last != nil {
			if f.DeclineCode == "" {
				f.DeclineCode = last.DeclineCode
			}
			if f.Code == "" {
				f.Code = last.Code
			}
			if f.Message == "" {
				f.Message = last.Message
			}
		}
	}
	return f
}

func cancel(s Session, ev CancelRequested, invalid func() (Session, []Effect, error)) (Session, []Effect, error) {
	reason := ev.Reason
	if reason == "" {
		reason = "abandoned"
	}
	switch {
	case s.Phase == Awaiting || (s.Phase == Unknown && s.PaymentIntentID != ""):
		s.Phase, s.CancelReason, s.UpdatedAt = Canceling, reason, ev.At
		if s.Held != StepCancelIntent {
			s = s.hold(StepCancelAction)
		}
		return s, []Effect{CancelReaderAction{ReaderID: s.ReaderID, PaymentIntentID: s.PaymentIntentID}}, nil
	case s.Phase == Declined || s.Phase == Approved:
		s.Phase, s.CancelReason, s.UpdatedAt = Canceling, reason, ev.At
		return s.cancelIntent()
	case s.Phase == Unknown:
		return s.cancelUnseen(reason, ev.At)
	}
	return invalid()
}

func (s Session) cancelIntent() (Session, []Effect, error) {
	if s.Held != StepCancelIntent {
		// A cancel sent before and never answered goes again under its own key.
		s.Cancels++
		s = s.hold(StepCancelIntent)
	}
	return s, []Effect{CancelIntent{PaymentIntentID: s.PaymentIntentID, Reason: s.CancelReason, Key: s.CancelKey()}}, nil
}

func fail(s Session, ev StepFailed, invalid func() (Session, []Effect, error)) (Session, []Effect, error) {
	f := ev.Failure
	unknown := func() (Session, []Effect, error) {
		s.Phase, s.Failure, s.UpdatedAt = Unknown, &f, ev.At
		return s, []Effect{s.poll(true)}, nil
	}
	switch ev.Step {
	case StepRead:
		if !s.reads() {
			return invalid()
		}
		s.ReadFailures++
		s.ReadError, s.UpdatedAt = &f, ev.At
		if s.Phase == Awaiting || s.Phase == Unknown {
			return s, []Effect{s.poll(true)}, nil
		}
		return s, nil, nil
	case StepCreate:
		if s.Phase != Creating && s.Phase != Unknown && s.Phase != Canceling {
			return invalid()
		}
		if s.cancelOwed() {
			// Looking for the intent to cancel got nowhere: the cancel is still owed.
			s = s.heard(Failure{Kind: KindNetwork}, ev.At)
			return unknown()
		}
		if f.Ambiguous() || s.Phase == Unknown {
			return unknown()
		}
		// Stripe refused before creating anything: back to the cart, nothing charged.
		s.Phase, s.Failure, s.UpdatedAt = Building, &f, ev.At
		return s, nil, nil
	case StepProcess:
		if s.Phase != Sending {
			return invalid()
		}
		if f.Ambiguous() {
			return unknown()
		}
		s.Phase, s.Failure, s.UpdatedAt = Declined, &f, ev.At
		return s, nil, nil
	case StepCapture:
		if s.Phase != Capturing {
			return invalid()
		}
		if f.Kind == KindStore {
			// The capture was never sent: still authorized, as before, and nothing is owed.
			s = s.release()
			s.Phase, s.Failure, s.UpdatedAt = Approved, &f, ev.At
			return s, nil, nil
		}
		s = s.heard(f, ev.At)
		return unknown()
	case StepCancelAction:
		if s.Phase != Canceling {
			return invalid()
		}
		s = s.heard(f, ev.At)
		if f.Kind == KindReaderBusy || f.Ambiguous() {
			// Busy means the card is being authorized right now: wait, then re-read.
			return unknown()
		}
		// The reader cannot be reached; canceling the intent still stops any charge.
		s.Failure, s.UpdatedAt = &f, ev.At
		return s.cancelIntent()
	case StepCancelIntent:
		if s.Phase != Canceling {
			return invalid()
		}
		s = s.heard(f, ev.At)
		return unknown()
	}
	return invalid()
}

// reads reports whether the session has something to re-read: an intent (or, in
// Unknown, an order whose intent may exist) and a phase with no call in flight.
func (s Session) reads() bool {
	switch s.Phase {
	case Awaiting, Approved, Declined:
		return s.PaymentIntentID != ""
	case Unknown:
		return true
	}
	return false
}

// poll is the effect that re-reads the session's state; without an intent that is
// replaying the creation under the same key, which returns the intent if it exists.
func (s Session) poll(wait bool) Effect {
	if s.PaymentIntentID == "" {
		return s.create(wait)
	}
	return ReadStatus{ReaderID: s.ReaderID, PaymentIntentID: s.PaymentIntentID, Wait: wait,
		IntentOnly: s.Phase == Approved || s.Phase == Declined}
}

func (s Session) create(wait bool) CreateIntent {
	return CreateIntent{OrderID: s.OrderID, ReaderID: s.ReaderID, Amount: s.Amount, CaptureMethod: s.CaptureMethod,
		Key: s.CreateKey(), Wait: wait, Replay: s.Phase == Unknown}
}

// resume carries on a session loaded from disk. A call that was in flight when till
// stopped may or may not have happened, so those phases become Unknown; every
// unfinished session starts with a check.
func resume(s Session, at time.Time, invalid func() (Session, []Effect, error)) (Session, []Effect, error) {
	switch s.Phase {
	case Building, Paid, Canceled:
		return invalid()
	case Creating, Sending, Capturing, Canceling:
		s = s.resumeHeld(at)
		s.Phase = Unknown
	}
	s.UpdatedAt = at
	if s.PaymentIntentID == "" && !Sendable(s.OrderID) {
		// An order from before ValidOrderID whose id no header can carry: every call
		// for it was refused before it left the machine, so Stripe has nothing of it
		// and nothing was charged. It closes, so the shift can.
		s.Phase, s.Failure = Canceled, nil
		return s, nil, nil
	}
	return s, []Effect{s.poll(false)}, nil
}
