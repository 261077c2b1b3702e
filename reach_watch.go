package main

import (
	"log/slog"
	"sync"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/readerctl"
)

// reachWatch holds what this process knows about reaching Stripe: every HTTP attempt
// the Stripe client makes is reported to it (readerctl's OnCall). The screen shows its
// banner; till pay refuses card sales while Stripe does not answer.
type reachWatch struct {
	mu  sync.Mutex
	r   checkout.Reach
	log *slog.Logger
}

// observe takes one attempt's outcome, logging when Stripe stops or starts answering.
func (w *reachWatch) observe(c readerctl.Call) {
	w.mu.Lock()
	was := w.r
	w.r = w.r.Observe(c.At, checkout.Answered(c.HTTPStatus))
	now := w.r
	w.mu.Unlock()
	switch {
	case !was.Down() && now.Down():
		w.log.Warn("Stripe unreachable", "since", now.Since, "misses", now.Misses, "last_error", c.Err, "status", c.HTTPStatus)
	case was.Down() && !now.Down():
		w.log.Info("Stripe answers again", "unreachable_since", now.WasDownSince, "back_at", now.BackAt)
	}
}

// Reach is the state now.
func (w *reachWatch) Reach() checkout.Reach {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.r
}
