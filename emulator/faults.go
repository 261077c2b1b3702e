package emulator

import (
	"time"
)

// Timeout variants of Fault.Timeout.
const (
	TimeoutLost      = "lost"      // the reader never got the command
	TimeoutDelivered = "delivered" // the reader got and ran the command: the false negative
)

// ConnectionError variants of Fault.ConnectionError.
const (
	ConnectionNotAuthorized = "not_authorized" // the reader lost Stripe before the authorization
	ConnectionAuthorized    = "authorized"     // the authorization went through; only its result was lost
)

// Fault is a failure to simulate, on one reader or on every request. Faults live in
// memory only (they are not part of the state file) and stay until cleared.
type Fault struct {
	// Offline: Stripe has not heard from the reader for 2 minutes. Every reader command
	// gets terminal_reader_offline; the reader shows status offline and a stale
	// last_seen_at.
	Offline bool
	// Timeout: reader commands get terminal_reader_timeout; TimeoutDelivered runs the
	// command anyway, TimeoutLost does not.
	Timeout string
	// ConnectionError: the next authorization fails the action with connection_error
	// ("Could not connect to Stripe."); with ConnectionAuthorized the PaymentIntent is
	// authorized (or declined) all the same.
	ConnectionError string
	// Disconnect: the reader drops off mid-payment. Its action stays in_progress with no
	// webhook, presented cards are refused, commands time out (offline after 2 minutes);
	// cancel_action still clears the action on Stripe's side.
	Disconnect bool
	// CustomerCancel: the customer presses cancel instead of paying; the action fails
	// with customer_canceled. Like on Stripe, the reader only offers the button when the
	// payment was sent with process_config[enable_customer_cancellation]=true; without it
	// the fault has no effect.
	CustomerCancel bool
	// Latency (plus a random part up to Jitter) delays every matching request.
	Latency time.Duration
	Jitter  time.Duration
	// ErrorRate and DropRate are the fractions (0..1) of matching requests answered with
	// HTTP 500 or with a dropped connection. With AfterMutation the request runs first
	// and only its response is lost.
	ErrorRate     float64
	DropRate      float64
	AfterMutation bool
	// RateLimit enforces the test-mode limit of 25 requests per second (429 rate_limit).
	RateLimit bool
	// Busy: every reader command gets terminal_reader_busy, as when the reader is still
	// working on another request (presenting a card still works).
	Busy bool
	// LostCapture: a capture of a PaymentIntent the reader authorized is made, but its
	// answer never arrives: the connection drops after the change, for the first request
	// and for its idempotent replays alike, while the fault is on.
	LostCapture bool
	// Webhook faults act on delivery to Options.Webhooks, as a global fault only (they
	// are ignored on a reader): every delivery waits WebhookDelay; the fractions (0..1)
	// WebhookLossRate and WebhookDuplicateRate of deliveries are never made, or made twice.
	WebhookDelay         time.Duration
	WebhookLossRate      float64
	WebhookDuplicateRate float64
}

// activeFault is a fault and when it was set (offline and disconnect date from then).
type activeFault struct {
	Fault
	since time.Time
}

const (
	offlineAfter   = 2 * time.Minute
	testRateLimit  = 25
	msgServerError = "An unknown error occurred while processing the request (simulated by the emulator)."
	msgRateLimit   = "Too many requests hit the API too quickly. We recommend an exponential backoff of your requests."
)

// SetFault sets the fault of one reader, or with readerID "" the global fault, which
// applies to every reader and every request. A zero Fault clears it.
func (e *Emulator) SetFault(readerID string, f Fault) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.setFaultLocked(readerID, f)
}

// setFaultLocked is SetFault for callers holding e.mu.
func (e *Emulator) setFaultLocked(readerID string, f Fault) {
	if readerID != "" {
		f.WebhookDelay, f.WebhookLossRate, f.WebhookDuplicateRate = 0, 0, 0
	}
	if f == (Fault{}) {
		delete(e.faults, readerID)
		return
	}
	since := e.now()
	if old, ok := e.faults[readerID]; ok {
		since = old.since
		if f.Offline && !old.Offline || f.Disconnect && !old.Disconnect {
			since = e.now()
		}
	}
	e.faults[readerID] = activeFault{Fault: f, since: since}
}

// ClearFaults removes every fault.
func (e *Emulator) ClearFaults() {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.faults = map[string]activeFault{}
}

// Faults returns the faults set, by reader id ("" = global).
func (e *Emulator) Faults() map[string]Fault {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.faultsLocked()
}

// faultsLocked is Faults for callers holding e.mu.
func (e *Emulator) faultsLocked() map[string]Fault {
	out := make(map[string]Fault, len(e.faults))
	for id, f := range e.faults {
		out[id] = f.Fault
	}
	return out
}

// faultFor merges the global fault with the reader's own (readerID "" = global only).
// Callers hold e.mu.
func (e *Emulator) faultFor(readerID string) activeFault {
	g, r := e.faults[""], e.faults[readerID]
	if readerID == "" {
		return g
	}
	m := activeFault{since: r.since}
	if g.since.After(m.since) || m.since.IsZero() {
		m.since = g.since
	}
	f := &m.Fault
	f.Offline = g.Offline || r.Offline
	f.Disconnect = g.Disconnect || r.Disconnect
	f.CustomerCancel = g.CustomerCancel || r.CustomerCancel
	f.Timeout = first(r.Timeout, g.Timeout)
	f.ConnectionError = first(r.ConnectionError, g.ConnectionError)
	f.Latency, f.Jitter = max(g.Latency, r.Latency), max(g.Jitter, r.Jitter)
	f.ErrorRate, f.DropRate = max(g.ErrorRate, r.ErrorRate), max(g.DropRate, r.DropRate)
	f.AfterMutation = g.AfterMutation || r.AfterMutation
	f.RateLimit = g.RateLimit || r.RateLimit
	f.Busy = g.Busy || r.Busy
	f.LostCapture = g.LostCapture || r.LostCapture
	return m
}

func first(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
