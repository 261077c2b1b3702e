package checkout

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
)

// SettleJournal is the journal Settle writes to, and reads to number its attempts.
type SettleJournal interface {
	Journal
	Entries(orderID string) ([]Entry, error)
}

// Settlement is support's request to capture or cancel a PaymentIntent that no
// session of this till drives: another till's, or one whose order this till finished.
type Settlement struct {
	Intent  Intent   // as support last saw it; Settle reads it again first
	Capture bool     // capture it; else cancel it
	Reason  string   // the cancellation_reason of a cancel; empty means abandoned
	Readers []string // readers the payment may still be on, besides the one in its metadata
}

// Settle carries out a Settlement: the support path the screen and `till payments`
// both take. It reads the intent first (one already captured or canceled needs
// nothing), and before a cancel clears any reader still working on the intent,
// compare-before-cancel, so the next sale does not find it busy. Every call is
// journaled under the intent's order before it is made (Carry), the capture or cancel
// under SupportKey: the attempt's number comes from the journal, so a call repeated
// after an answer was lost replays nothing stale, and one made afresh never collides.
func Settle(ctx context.Context, g Gateway, j SettleJournal, req Settlement, now func() time.Time) Event {
	in := req.Intent
	order := in.OrderID
	if order == "" {
		order = "support_" + in.ID
	}
	s := Session{OrderID: order, PaymentIntentID: in.ID, Phase: Phase("support")}
	step, word := StepCancelIntent, "cancel"
	if req.Capture {
		step, word = StepCapture, "capture"
	}
	read, err := g.ReadIntent(WithOrder(ctx, order), in.ID)
	if err != nil {
		return StepFailed{Step: StepRead, Failure: *AsFailure(err), At: now()}
	}
	switch {
	case req.Capture && read.Status == IntentSucceeded:
		return Captured{Intent: read, At: now()}
	case !req.Capture && read.Status == IntentCanceled:
		return PaymentCanceled{Intent: read, At: now()}
	}
	if !req.Capture {
		for _, r := range settleReaders(read, req.Readers) {
			ev := Carry(ctx, g, j, s, CancelReaderAction{ReaderID: r, PaymentIntentID: in.ID}, now)
			if f, ok := ev.(StepFailed); ok && f.Failure.Kind == KindReaderBusy {
				// The card is being authorized right now: canceling the intent would
				// fail or race it. Nothing was changed; look again in a moment.
				return ev
			}
			// Any other failure (the reader is offline, say) leaves the cancel of the
			// intent to stop any charge, as the checkout machine does.
		}
	}
	entries, err := j.Entries(order)
	if err != nil {
		return StepFailed{Step: step, Failure: Failure{Kind: KindStore, Message: err.Error()}, At: now()}
	}
	key := SupportKey(in.ID, word, attempts(entries, step, in.ID)+1)
	var eff Effect = CaptureIntent{PaymentIntentID: in.ID, Key: key, Capturable: read.AmountCapturable}
	if !req.Capture {
		eff = CancelIntent{PaymentIntentID: in.ID, Reason: req.Reason, Key: key}
	}
	return Carry(ctx, g, j, s, eff, now)
}

// SupportKey is the idempotency key of support's n-th capture or cancel of an intent.
func SupportKey(pi, what string, n int) string {
	return fmt.Sprintf("till_support_%s_%s_%d", pi, what, n)
}

// attempts counts the journal's earlier support calls of a step on an intent: their
// keys, each once. The store keeps a finished call's after line in place of its before
// line, so an attempt shows as either.
func attempts(entries []Entry, step Step, pi string) int {
	keys := map[string]bool{}
	for _, e := range entries {
		if (e.Stage == StageBefore || e.Stage == StageAfter) && e.Step == string(step) && e.PaymentIntentID == pi &&
			strings.HasPrefix(e.IdempotencyKey, "till_support_") {
			keys[e.IdempotencyKey] = true
		}
	}
	return len(keys)
}

// settleReaders are the readers that may still be working on the intent: the one its
// metadata names and those the caller knows, each once.
func settleReaders(in Intent, more []string) []string {
	var out []string
	for _, r := range append([]string{in.ReaderID}, more...) {
		if r != "" && !slices.Contains(out, r) {
			out = append(out, r)
		}
	}
	return out
}
