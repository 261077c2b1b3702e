package main

import (
	"context"
	"math/rand/v2"
	"time"

	"github.com/till-pos/till/checkout"
)

// waitOrNotice waits before a poll, as long as the pace says. A webhook's notice that
// applies to the session ends the wait early and is returned: the poll it replaces is
// not made. Notices that change nothing (old news, another payment's) are skipped.
func (d *driver) waitOrNotice(ctx context.Context, s checkout.Session) (checkout.Event, error) {
	wait := d.pollWait(s)
	if d.sleep != nil {
		return nil, d.sleep(ctx, wait)
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

// pollWait is how long to wait before the session's next poll: the pace when there is
// one, else the schedule.
func (d *driver) pollWait(s checkout.Session) time.Duration {
	if d.pace != nil {
		return d.pace(s)
	}
	jitter := rand.Float64
	if d.jitter != nil {
		jitter = d.jitter
	}
	return d.schedule.Delay(s, d.now(), jitter())
}
