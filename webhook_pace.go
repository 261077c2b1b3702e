package main

import (
	"math/rand/v2"
	"time"

	"github.com/till-pos/till/checkout"
)

// webhookSource is what the poll pace needs to know of the webhooks: are they arriving.
type webhookSource interface {
	Health() checkout.WebhookHealth
}

// pollPace is how long a driver waits before re-reading a payment: checkout.Schedule,
// the same for `till pay` and the screen. While webhooks arrive, a payment waiting for
// its card is re-read only at webhook.safety_poll: the events bring the news, and the
// read is the safety net for a lost one. When they go quiet (webhook.silent_after) the
// schedule's own pace comes back by itself; any other phase (an unknown outcome, say)
// is always read at the schedule's pace.
func pollPace(cfg Config, hooks webhookSource) func(checkout.Session) time.Duration {
	return func(s checkout.Session) time.Duration {
		return paced(cfg, hooks).Delay(s, time.Now(), rand.Float64())
	}
}

// refundPace is pollPace for refunds: a refund on the reader or pending at Stripe is
// re-read only at the safety poll while webhooks arrive (its events settle it).
func refundPace(cfg Config, hooks webhookSource) func(checkout.Refund) time.Duration {
	return func(r checkout.Refund) time.Duration {
		return paced(cfg, hooks).RefundDelay(r, time.Now(), rand.Float64())
	}
}

// paced is the configured schedule, told whether webhooks are arriving now.
func paced(cfg Config, hooks webhookSource) checkout.Schedule {
	p := cfg.schedule()
	p.Webhooks = hooks != nil && hooks.Health().Arriving
	return p
}
