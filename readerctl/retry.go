package readerctl

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	mrand "math/rand/v2"
	"time"

	"github.com/stripe/stripe-go/v76"
	"github.com/till-pos/till/checkout"
)

// Rate limits. Stripe answers 429 when an account sends more than its limit (25
// requests a second in test mode, 100 live), and Stripe-Should-Retry: true when a
// request may simply be sent again (a lock on the object, say). Nothing was done either
// way, so till sends the same request again — same idempotency key — after a jittered
// wait, for as long as the call's deadline allows, and notes each wait in the caller's
// checkout.Busy: a quiet "Stripe is busy" state, never an error while time remains.
//
// stripe-go has retries of its own (Config.MaxNetworkRetries) but sleeps without
// watching the deadline and retries a 429 only for lock_timeout; so the observer tells
// it not to retry these answers (it rewrites Stripe-Should-Retry to false) and they are
// retried here alone: one layer per kind of failure, no request sent twice over.

// DefaultRateLimitRetries is how often a call Stripe rate limited is sent again, while
// its deadline allows, when Config.RateLimitRetries is zero.
const DefaultRateLimitRetries = 10

// rateLimitWait is the wait before re-sending a rate-limited call for the retry-th
// time: 250ms doubled per retry up to 4s, jittered to between half and all of it so
// tills that were turned away together come back apart. u is in [0, 1).
func rateLimitWait(retry int, u float64) time.Duration {
	d := 250 * time.Millisecond
	for i := 0; i < retry && d < 4*time.Second; i++ {
		d *= 2
	}
	d = min(d, 4*time.Second)
	return d/2 + time.Duration(float64(d/2)*u)
}

// retryWait says whether a failed call may be sent again, and after how long: only an
// answer Stripe marked retryable, within the retry budget, when the wait ends before
// the deadline.
func (c *Client) retryWait(ctx context.Context, seen *attempt, retry int) (time.Duration, bool) {
	if !seen.retryable() || retry >= c.rateRetries {
		return 0, false
	}
	wait := rateLimitWait(retry, mrand.Float64())
	if deadline, ok := ctx.Deadline(); ok && time.Until(deadline) <= wait {
		return 0, false
	}
	return wait, true
}

// retryLoop runs do until it succeeds or fails for good, re-sending what Stripe rate
// limited. It returns the last error.
func (c *Client) retryLoop(ctx context.Context, do func(ctx context.Context, seen *attempt) error) (*attempt, error) {
	for retry := 0; ; retry++ {
		seen := &attempt{}
		err := do(ctx, seen)
		if err == nil {
			return seen, nil
		}
		wait, again := c.retryWait(ctx, seen, retry)
		if !again {
			return seen, err
		}
		checkout.BusyFrom(ctx).Note(time.Now(), wait)
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return seen, err
		case <-t.C:
		}
	}
}

// fixKey gives a POST that carries no business key one of its own, so that re-sending
// it after a rate limit uses the same key (stripe-go would draw a new one per call).
func fixKey(p *stripe.Params) {
	if p.IdempotencyKey == nil {
		var b [12]byte
		_, _ = rand.Read(b[:])
		p.IdempotencyKey = stripe.String("till_" + hex.EncodeToString(b[:]))
	}
}
