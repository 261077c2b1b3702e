package checkout

import "time"

// Notified reports an event Stripe sent to till's webhook receiver: the PaymentIntent or
// the reader as it was when Stripe made the event. Webhooks come late, twice and in any
// order, so the machine takes from a notice only what cannot be stale, and reads afresh
// for the rest:
//
//   - An intent that reached requires_capture never waits for a card again, and one that
//     succeeded or was canceled never changes again. A notice that the intent got further
//     than the session knows is applied at once; one that it got less far is old news.
//   - A reader whose action on this payment succeeded cannot be stale either (a payment
//     that was authorized is never sent to a reader again): only the intent is read.
//   - A failure (a failed action, a failed payment) looks the same whether it is this
//     attempt's or a late one of an earlier attempt, so it only makes till read both at
//     once; the read decides.
//   - A PaymentIntent has at most one successful charge, so its card is the payment's
//     card whenever it comes (the intent's own events do not carry it).
//
// Whichever of a notice and a poll comes first moves the session; the other then no
// longer applies (Apply returns an error, which drivers ignore).
type Notified struct {
	EventID string
	Type    string    // Stripe's event type, e.g. terminal.reader.action_succeeded
	Created time.Time // when Stripe made the event, by Stripe's clock
	Intent  *Intent   // set for payment_intent.* events
	Reader  *Reader   // set for terminal.reader.* events
	Charge  *Charge   // set for charge.succeeded
	// Refund is set for a refund's own events (refund.*, charge.refund.updated), and
	// ChargeRefunded (the PaymentIntent) for charge.refunded: they feed the refund
	// machine (refund_notice.go).
	Refund         *StripeRefund
	ChargeRefunded string
	At             time.Time // when till received it
}

func (Notified) event() {}

// Charge is a PaymentIntent's successful charge as a webhook tells it: the card.
type Charge struct {
	PaymentIntentID string
	Card            Card
	CaptureBefore   time.Time
}

// progress ranks an intent status by how far the payment has gone; no PaymentIntent
// ever moves to a lower rank.
func progress(st IntentStatus) int {
	switch st {
	case IntentRequiresCapture:
		return 1
	case IntentSucceeded, IntentCanceled:
		return 2
	}
	return 0
}

// notified applies a webhook's notice (see Notified).
func notified(s Session, ev Notified, invalid func() (Session, []Effect, error)) (Session, []Effect, error) {
	if s.PaymentIntentID == "" {
		return invalid()
	}
	switch {
	case ev.Intent != nil && ev.Intent.ID == s.PaymentIntentID:
		return intentNotice(s, *ev.Intent, ev.At, invalid)
	case ev.Reader != nil && ev.Reader.ID == s.ReaderID:
		return readerNotice(s, *ev.Reader, ev.At, invalid)
	case ev.Charge != nil && ev.Charge.PaymentIntentID == s.PaymentIntentID:
		return chargeNotice(s, *ev.Charge, ev.At, invalid)
	}
	return invalid()
}

// chargeNotice takes the card that paid; a payment waiting for its card carries on
// polling (the notice overtook the poll it would otherwise have made).
func chargeNotice(s Session, c Charge, at time.Time, invalid func() (Session, []Effect, error)) (Session, []Effect, error) {
	if c.Card.Last4 == "" || (c.Card == s.Card && (c.CaptureBefore.IsZero() || c.CaptureBefore.Equal(s.CaptureBefore))) {
		return invalid()
	}
	s.Card, s.UpdatedAt = c.Card, at
	if !c.CaptureBefore.IsZero() {
		s.CaptureBefore = c.CaptureBefore
	}
	if s.Phase == Awaiting {
		return s, []Effect{s.poll(true)}, nil
	}
	return s, nil, nil
}

func intentNotice(s Session, in Intent, at time.Time, invalid func() (Session, []Effect, error)) (Session, []Effect, error) {
	p := progress(in.Status)
	switch s.Phase {
	case Sending, Awaiting, Declined, Unknown, Approved:
		if p > 0 && p > progress(s.IntentStatus) {
			return resolve(s, in, nil, at)
		}
	case Capturing, Canceling:
		// A call is settling the payment; only its final state can overtake the answer.
		if p == 2 {
			return resolve(s, in, nil, at)
		}
		return invalid()
	}
	if p == 0 && badNews(in) {
		return recheck(s, at, nil, invalid)
	}
	return invalid()
}

// badNews is an intent back to waiting after a failed attempt, or one that needs the
// cashier: news that may be this attempt's or an earlier one's.
func badNews(in Intent) bool {
	switch in.Status {
	case IntentRequiresPaymentMethod:
		return in.LastError != nil
	case IntentRequiresAction, IntentRequiresConfirmation:
		return true
	}
	return false
}

func readerNotice(s Session, r Reader, at time.Time, invalid func() (Session, []Effect, error)) (Session, []Effect, error) {
	a, ok := r.ActionFor(s.PaymentIntentID)
	if !ok || a.Status == ActionInProgress {
		return invalid()
	}
	if a.Status == ActionSucceeded {
		return recheck(s, at, &r, invalid)
	}
	return recheck(s, at, nil, invalid)
}

// recheck reads the payment at once: while the reader waits for the card, now; while
// it is being sent, as soon as the reader has taken it. known is a reader state that
// cannot be stale, so only the intent needs reading.
func recheck(s Session, at time.Time, known *Reader, invalid func() (Session, []Effect, error)) (Session, []Effect, error) {
	switch s.Phase {
	case Awaiting:
		s.UpdatedAt = at
		return s, []Effect{ReadStatus{ReaderID: s.ReaderID, PaymentIntentID: s.PaymentIntentID, Known: known}}, nil
	case Sending:
		if s.Recheck {
			return invalid()
		}
		s.Recheck, s.UpdatedAt = true, at
		return s, nil, nil
	}
	return invalid()
}
