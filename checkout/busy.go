package checkout

import (
	"context"
	"sync/atomic"
	"time"
)

// Busy is the quiet "Stripe is busy, retrying" state. When Stripe rate limits a call
// (HTTP 429, or Stripe-Should-Retry: true) the adapter waits and sends it again, with
// the same idempotency key, while the caller's deadline allows; before each wait it
// notes it here. Nothing failed and nothing was done twice, so drivers show it as a
// state, never as an error: the screen while Active, `till pay` through OnWait.
//
// A driver puts its Busy in the context of its calls (WithBusy). The zero value is
// ready; a Busy is safe for concurrent use.
type Busy struct {
	until   atomic.Int64 // unix nanoseconds: the end of the latest wait
	retries atomic.Int64
	// OnWait, when set, is called before each wait, from the calling goroutine.
	OnWait func(wait time.Duration)
}

// Note records that a call will be sent again after wait.
func (b *Busy) Note(now time.Time, wait time.Duration) {
	if b == nil {
		return
	}
	end := now.Add(wait).UnixNano()
	for {
		old := b.until.Load()
		if old >= end || b.until.CompareAndSwap(old, end) {
			break
		}
	}
	b.retries.Add(1)
	if b.OnWait != nil {
		b.OnWait(wait)
	}
}

// Active reports whether a call is waiting to be sent again at now.
func (b *Busy) Active(now time.Time) bool {
	return b != nil && now.UnixNano() < b.until.Load()
}

// Retries counts the waits noted so far.
func (b *Busy) Retries() int64 {
	if b == nil {
		return 0
	}
	return b.retries.Load()
}

type busyKey struct{}

// WithBusy makes the adapter note rate-limit waits of ctx's calls in b.
func WithBusy(ctx context.Context, b *Busy) context.Context {
	return context.WithValue(ctx, busyKey{}, b)
}

// BusyFrom is the Busy of ctx's calls, or nil (on which Note does nothing).
func BusyFrom(ctx context.Context) *Busy {
	b, _ := ctx.Value(busyKey{}).(*Busy)
	return b
}
