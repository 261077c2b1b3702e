package common

import (
	"time"

	"github.com/till-pos/till/checkout"
)

// Webhooks is what the screen knows of till's webhook receiver: whether one runs at
// all, and its state. The root reads it once a second and hands it, as a value, to
// whatever shows it (the header, support's Webhooks pane).
type Webhooks struct {
	On     bool // a receiver runs (webhook.listen); off, till only polls and nothing switches
	Health checkout.WebhookHealth
}

// Source words what keeps payments current, for the header: "webhooks · lag 2s" while
// events arrive ("webhooks" when short), else "polling"; "" when no receiver runs.
func (w Webhooks) Source(short bool) string {
	switch {
	case !w.On:
		return ""
	case w.Health.Arriving && !short:
		return "webhooks · lag " + Lag(w.Health.LastLag)
	}
	return w.Health.Source()
}

// Fallen reports webhooks that came and went silent: till polls fast again until the
// next one arrives.
func (w Webhooks) Fallen() bool {
	return w.On && !w.Health.Arriving && !w.Health.LastEventAt.IsZero()
}

// Lag words how late an event came. Stripe dates events to the second, so a lag is
// known to a second at best: below one it is "<1s".
func Lag(d time.Duration) string {
	if d < time.Second {
		return "<1s"
	}
	return Age(d)
}
