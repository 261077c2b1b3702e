package main

import (
	"time"

	"github.com/till-pos/till/checkout"
)

// webhookSource is what the poll pace needs to know of the webhooks: are they arriving.
type webhookSource interface {
	Health() checkout.WebhookHealth
}

// pollPace is how long a driver waits before re-reading a payment. While webhooks
// arrive, a payment waiting for its card is re-read only at webhook.safety_poll: the
// events bring the news, and the read is the safety net for a lost one. When they go
// quiet (webhook.silent_after) the fast poll, with its backoff, comes back by itself;
// any other phase (an unknown outcome, say) is always read at the fast pace.
// (Issue 14's poll schedule takes this place when it lands in checkout.)
func pollPace(cfg Config, hooks webhookSource) func(checkout.Session) time.Duration {
	return func(s checkout.Session) time.Duration {
		fast := checkout.Backoff(cfg.PollEvery, cfg.MaxBackoff, s.ReadFailures)
		if hooks != nil && s.Phase == checkout.Awaiting && cfg.SafetyPoll > fast && hooks.Health().Arriving {
			return cfg.SafetyPoll
		}
		return fast
	}
}
