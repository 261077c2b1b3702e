package checkout

import (
	"fmt"
	"time"
)

// A held call is the outbox of one session: a capture or a cancel that till owes Stripe
// and has not had an answer to. The session holds it (Session.Held) from the moment the
// call is decided — saved before the call is made — until an answer comes, so a call
// cut off by a network failure or by till being killed is still owed afterwards. It is
// never sent blind: after any failure the machine reads the PaymentIntent first and
// sends the same call again, under the same idempotency key, only when the read shows
// it has not taken effect. So a capture that went through is never made twice, and a
// replay is a replay (Stripe answers a repeated key with the first answer).
//
// Only a call that got no answer stays held. Any answer — success, or an error Stripe
// sent — releases it: a repeated key would only get the same error back, so the cashier
// (or the headless rules) decides what next, under a new key. A held capture is also
// released when its authorization's capture_before passes: the bank may have released
// the funds, and the cashier decides whether to try again or cancel.

// hold marks the call the session is about to make as owed.
func (s Session) hold(step Step) Session {
	s.Held, s.HeldSince = step, time.Time{}
	return s
}

func (s Session) release() Session {
	s.Held, s.HeldSince = "", time.Time{}
	return s
}

// heard takes a failed answer to a held call: no answer keeps the call owed (from the
// first time it went unanswered); any other failure releases it.
func (s Session) heard(f Failure, at time.Time) Session {
	if s.Held == "" {
		return s
	}
	if f.Kind != KindNetwork {
		return s.release()
	}
	if s.HeldSince.IsZero() {
		s.HeldSince = at
	}
	return s
}

// resumeHeld keeps owing the call that was in flight when till stopped. Sessions saved
// by a till that did not hold calls are given theirs from the phase.
func (s Session) resumeHeld(at time.Time) Session {
	switch {
	case s.Held != "":
	case s.Phase == Capturing:
		s.Held = StepCapture
	case s.Phase == Canceling:
		s.Held = StepCancelAction
	default:
		return s
	}
	if s.HeldSince.IsZero() {
		s.HeldSince = s.UpdatedAt
		if s.HeldSince.IsZero() {
			s.HeldSince = at
		}
	}
	return s
}

// onRead decides, from a fresh read of the intent (and of the reader's action on it,
// when read), what a held call becomes: sent again (done), still owed while the card is
// being authorized, or released because the payment ended or its answer came.
func (s Session) onRead(in Intent, action *ReaderAction, at time.Time) (Session, []Effect, bool) {
	switch {
	case s.Held == "":
		return s, nil, false
	case s.Phase == Capturing || s.Phase == Canceling,
		in.Status == IntentSucceeded, in.Status == IntentCanceled:
		// The call's answer came, or the payment ended without it.
		return s.release(), nil, false
	case in.Status == IntentProcessing:
		return s, nil, false // the card is being authorized: read again after it
	}
	if s.Held == StepCapture {
		if in.Status != IntentRequiresCapture {
			return s.release(), nil, false
		}
		if !s.CaptureBefore.IsZero() && !at.Before(s.CaptureBefore) {
			s = s.release()
			s.Phase = Approved
			s.Failure = &Failure{Kind: KindExpired, Message: fmt.Sprintf("capture_before was %s", s.CaptureBefore.UTC().Format(time.RFC3339))}
			return s, nil, true
		}
		s.Phase, s.Failure = Capturing, nil
		return s, []Effect{CaptureIntent{PaymentIntentID: s.PaymentIntentID, Key: s.CaptureKey(), Capturable: s.capturable()}}, true
	}
	s.Phase, s.Failure = Canceling, nil
	if action != nil && action.Status == ActionInProgress {
		return s, []Effect{CancelReaderAction{ReaderID: s.ReaderID, PaymentIntentID: s.PaymentIntentID}}, true
	}
	s, effects, _ := s.cancelIntent()
	return s, effects, true
}

// cancelOwed reports whether the session holds a cancel: the cashier asked for it and
// Stripe has not said it is done.
func (s Session) cancelOwed() bool { return s.Held == StepCancelAction || s.Held == StepCancelIntent }

// cancelUnseen cancels an order whose PaymentIntent till never saw (its creation got no
// answer): the intent is looked for, or made under the order's own key, and canceled,
// so that the order can never be paid by card later. The cancel is held meanwhile.
func (s Session) cancelUnseen(reason string, at time.Time) (Session, []Effect, error) {
	s.Phase, s.CancelReason, s.UpdatedAt = Canceling, reason, at
	s = s.hold(StepCancelAction)
	find := s.create(false)
	find.Replay = true
	return s, []Effect{find}, nil
}

// abandon cancels the intent found for an order whose cancel is owed, unless it already
// ended; it is never sent to a reader.
func (s Session) abandon(in Intent, at time.Time) (Session, []Effect, error) {
	if in.Status == IntentSucceeded || in.Status == IntentCanceled {
		return resolve(s, in, nil, at)
	}
	s.Phase = Canceling
	return s.cancelIntent()
}
