package main

import (
	"context"
	"time"

	"github.com/till-pos/till/checkout"
)

// waitOrNotice waits before a poll, as long as the pace says. A webhook's notice that
// applies to the session ends the wait early and is returned: the poll it replaces is
// not made. Notices that change nothing (old news, another payment's) are skipped.
func (d *driver) waitOrNotice(ctx context.Context, s checkout.Session) (checkout.Event, error) {
	wait := checkout.Backoff(d.pollEvery, d.maxBackoff, s.ReadFailures)
	if d.pace != nil {
		wait = d.pace(s)
	}
	t := time.NewTimer(wait)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-t.C:
			return nil, nil
		case n := <-d.notices:
			if _, _, err := checkout.Apply(s, n); err == nil {
				d.logf("webhook %s (%s) moves order %s on", n.EventID, n.Type, s.OrderID)
				return n, nil
			}
		}
	}
}
