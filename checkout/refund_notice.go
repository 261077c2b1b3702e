package checkout

import "time"

// A webhook's notice feeds the refund machine as it feeds the payment's (notice.go):
// whichever of a notice and a poll comes first moves the refund; the other then no
// longer applies. A notice is taken only as far as it cannot be stale:
//
//   - A refund's own event (refund.created|updated|failed, charge.refund.updated) that
//     says more than the refund knows settles it at once: a refund's status only goes
//     forward (pending, then succeeded, then perhaps failed; failed and canceled are
//     final), so one that says less, or as much, is old news. A succeeded refund may
//     still fail, so that one is read once more to confirm.
//   - A reader's event about this refund's action, or charge.refunded on its payment,
//     says something happened without saying what: the refund is read at once, and the
//     read decides.

// refundRank ranks a refund status by how far it has gone; Stripe never moves a refund
// to a lower rank.
func refundRank(st RefundStatus) int {
	switch st {
	case RefundStatusPending, RefundStatusRequiresAction:
		return 1
	case RefundStatusSucceeded:
		return 2
	case RefundStatusFailed, RefundStatusCanceled:
		return 3
	}
	return 0
}

// phaseRank is how far the refund's phase says it has gone at Stripe.
func phaseRank(p RefundPhase) int {
	switch p {
	case RefundPending:
		return 1
	case RefundSucceeded:
		return 2
	case RefundFailed, RefundCanceled:
		return 3
	}
	return 0
}

// refundNotified applies a webhook's notice to the refund (see above).
func refundNotified(r Refund, ev Notified, invalid func() (Refund, []Effect, error)) (Refund, []Effect, error) {
	if r.Phase == RefundNew || r.Phase == RefundFailed || r.Phase == RefundCanceled {
		return invalid()
	}
	switch {
	case ev.Refund != nil && r.owns(*ev.Refund):
		return refundEventNotice(r, *ev.Refund, ev.At, invalid)
	case ev.Reader != nil && r.InPerson && ev.Reader.ID == r.ReaderID:
		if a, ours := ev.Reader.RefundActionFor(r.ID); ours && a.Status != ActionInProgress {
			return readRefundNow(r, ev.At, invalid)
		}
	case ev.ChargeRefunded != "" && ev.ChargeRefunded == r.PaymentIntentID:
		return readRefundNow(r, ev.At, invalid)
	}
	return invalid()
}

// owns reports whether a Stripe refund is this refund: its id once known, else
// till's refund id in its metadata, on the same payment.
func (r Refund) owns(sr StripeRefund) bool {
	if sr.PaymentIntentID != r.PaymentIntentID {
		return false
	}
	if r.StripeID != "" {
		return sr.ID == r.StripeID
	}
	return sr.TillRefundID == r.ID
}

func refundEventNotice(r Refund, sr StripeRefund, at time.Time, invalid func() (Refund, []Effect, error)) (Refund, []Effect, error) {
	if refundRank(sr.Status) <= max(refundRank(r.Status), phaseRank(r.Phase)) {
		return invalid() // old news
	}
	next, effects, err := settleRefund(r, sr, at)
	if err == nil && next.Phase == RefundSucceeded {
		effects = append(effects, next.poll(false))
	}
	return next, effects, err
}

// readRefundNow reads the refund at once while till waits for it; the read decides.
func readRefundNow(r Refund, at time.Time, invalid func() (Refund, []Effect, error)) (Refund, []Effect, error) {
	switch r.Phase {
	case RefundAwaiting, RefundPending, RefundUnknown:
		r.UpdatedAt = at
		return r, []Effect{r.poll(false)}, nil
	}
	return invalid()
}
