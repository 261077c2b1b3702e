package main

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/till-pos/till/checkout"
)

// heldOutcome is what became of one outbox entry when till sent it again.
type heldOutcome struct {
	Call    checkout.HeldCall
	Session checkout.Session
	Err     error // the session could not be read or saved
}

// sendHeld works the outbox: each session holding a capture or cancel (except skip, an
// order another driver has in hand) is driven through the checkout machine until it
// rests. The machine reads the payment first and sends the call again, under its own
// key, only when the read shows it has not taken effect; nothing here decides a phase.
// Each session gets budget, and is left as soon as a call of it goes unanswered; sending
// stops there, or when the database cannot keep a step: the next would fare no better,
// and they stay on disk for the next run.
func sendHeld(ctx context.Context, svc *services, skip string, budget time.Duration) ([]heldOutcome, error) {
	calls, err := svc.store.Outbox()
	if err != nil {
		return nil, err
	}
	var out []heldOutcome
	for _, h := range calls {
		if h.OrderID == skip {
			continue
		}
		if ctx.Err() != nil {
			break
		}
		s, found, err := svc.store.Session(h.OrderID)
		if err != nil || !found {
			if err == nil {
				err = fmt.Errorf("no session for order %s", h.OrderID)
			}
			out = append(out, heldOutcome{Call: h, Err: err})
			continue
		}
		runCtx, cancel := context.WithTimeout(ctx, budget)
		d := svc.driver()
		d.rest = func(checkout.Session) checkout.Event { return nil } // the held call only; the cashier decides the rest
		d.pace = func(s checkout.Session) time.Duration {
			if s.ReadFailures > 0 || (s.Failure != nil && s.Failure.Kind == checkout.KindNetwork) {
				cancel() // a call went unanswered: leave it held rather than wait out the budget
			}
			return d.schedule.Delay(s, time.Now(), rand.Float64())
		}
		final, err := d.run(runCtx, s, checkout.Resumed{At: time.Now()})
		cancel()
		if err == errStopped {
			err = nil // still held: reported from the session
		}
		out = append(out, heldOutcome{Call: h, Session: final, Err: err})
		if final.Held != "" || errors.As(err, new(*notSaved)) {
			break // Stripe does not answer, or the disk cannot keep a step: the next would fare no better
		}
	}
	return out, nil
}

// words say what became of the held call, for the cashier.
func (o heldOutcome) words(now time.Time) string {
	h, s := o.Call, o.Session
	switch {
	case errors.As(o.Err, new(*notSaved)):
		// The run may have sent it, and Stripe answered: the error says where the order stands.
		return fmt.Sprintf("order %s: the %s: %v", h.OrderID, h.What(), o.Err)
	case o.Err != nil:
		return fmt.Sprintf("order %s: the %s could not be sent again: %v", h.OrderID, h.What(), o.Err)
	case s.Held != "":
		left := ""
		if c := h.Countdown(now); c != "" {
			left = " (" + c + " to capture)"
		}
		return fmt.Sprintf("order %s: the %s is still held: Stripe did not answer. It is sent again, under the same key, on the next run%s.",
			h.OrderID, h.What(), left)
	}
	return h.Outcome(s)
}
