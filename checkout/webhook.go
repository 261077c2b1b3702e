package checkout

import "time"

// WebhookHealth is the state of till's webhook receiver, as the header and the support
// screen show it: which source keeps payments current, how late the last event came,
// and what went wrong.
type WebhookHealth struct {
	Listen        string        // the address the receiver listens on
	Received      int           // new events, signature verified
	Duplicates    int           // events seen before (Stripe's retries, replays): acknowledged, not applied
	Rejected      int           // requests refused: missing, forged or expired signature, wrong account or mode
	Failures      int           // signed events that could not be read or recorded
	OtherVersion  int           // events at another API version than till's, read anyway
	LastEventAt   time.Time     // when the last new event arrived
	LastLag       time.Duration // the last event's arrival minus its creation at Stripe (whole seconds: up to 1s more)
	LastProblem   string        // why the last refused or failed request was
	LastProblemAt time.Time
	// Arriving: an event came within the silence window, so polling is only the slow
	// safety net. It turns false by itself when webhooks go quiet.
	Arriving bool
}

// Source names what keeps payments current: "webhooks" while they arrive, else "polling".
func (h WebhookHealth) Source() string {
	if h.Arriving {
		return "webhooks"
	}
	return "polling"
}
