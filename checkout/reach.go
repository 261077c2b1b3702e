package checkout

import (
	"fmt"
	"time"
)

// Reach is what till knows about reaching Stripe, built from the outcome of every HTTP
// attempt it makes. A server-driven reader takes no card while Stripe is unreachable
// (it has no offline mode), so while Down the screen says so and card sales are refused.
// It is a value: Observe returns the next one.
type Reach struct {
	// Since is when the current run of unanswered attempts began; zero while Stripe
	// answers.
	Since time.Time
	// Misses counts attempts in a row that got no answer.
	Misses int
	// LastAnswer is when Stripe last answered anything, an error included.
	LastAnswer time.Time
	// BackAt and WasDownSince describe the last outage that ended: from when, to when.
	BackAt, WasDownSince time.Time
}

// DownAfter is how many attempts in a row must go unanswered before till calls Stripe
// unreachable: one dropped connection is not an outage, and stripe-go retries each call
// itself, so one call that failed for good has made at least two attempts.
const DownAfter = 2

// Answered reports whether an HTTP attempt got an answer from Stripe: any status but
// none at all (a transport error or timeout) or a gateway's 502, 503 or 504, which is a
// proxy on the way saying Stripe did not answer it. Declines and other 4xx are answers.
func Answered(status int) bool {
	switch status {
	case 0, 502, 503, 504:
		return false
	}
	return true
}

// Observe takes one attempt's outcome: at is when it was sent, answered whether Stripe
// answered (Answered).
func (r Reach) Observe(at time.Time, answered bool) Reach {
	if answered {
		if r.Down() {
			r.WasDownSince, r.BackAt = r.Since, at
		}
		if at.After(r.LastAnswer) {
			r.LastAnswer = at
		}
		r.Since, r.Misses = time.Time{}, 0
		return r
	}
	if at.Before(r.LastAnswer) {
		// An attempt sent before Stripe's latest answer says nothing about now.
		return r
	}
	if r.Misses == 0 || at.Before(r.Since) {
		r.Since = at
	}
	r.Misses++
	return r
}

// Down reports whether Stripe is unreachable now.
func (r Reach) Down() bool { return r.Misses >= DownAfter }

// Banner is the lasting line the screen shows while Stripe is unreachable, and ""
// otherwise; times are in loc.
func (r Reach) Banner(loc *time.Location) string {
	if !r.Down() {
		return ""
	}
	return fmt.Sprintf("Stripe unreachable since %s — card payments cannot be taken", clock(r.Since, loc))
}

// NarrowBanner is Banner in fewer words, for a narrow screen.
func (r Reach) NarrowBanner(loc *time.Location) string {
	if !r.Down() {
		return ""
	}
	return fmt.Sprintf("Stripe unreachable since %s — no card payments", clock(r.Since, loc))
}

// RecoveredUntil is when the news that Stripe answers again ends (within after it
// came back), while it is news at now.
func (r Reach) RecoveredUntil(now time.Time, within time.Duration) (time.Time, bool) {
	if r.Down() || r.BackAt.IsZero() || now.Sub(r.BackAt) >= within {
		return time.Time{}, false
	}
	return r.BackAt.Add(within), true
}

// Recovered says when Stripe came back after an outage, while RecoveredUntil says it
// is news; "" otherwise.
func (r Reach) Recovered(now time.Time, within time.Duration, loc *time.Location) string {
	if _, ok := r.RecoveredUntil(now, within); !ok {
		return ""
	}
	return fmt.Sprintf("Stripe answers again since %s (unreachable from %s)", clock(r.BackAt, loc), clock(r.WasDownSince, loc))
}

// clock is a time of day as a cashier reads it: 10:02.
func clock(t time.Time, loc *time.Location) string { return t.In(loc).Format("15:04") }

// CardsRefused tells the cashier why a card sale is refused while Stripe does not
// answer (or did not, for the call that just failed: then since now).
func (r Reach) CardsRefused(now time.Time, loc *time.Location) string {
	since := r.Since
	if since.IsZero() {
		since = now
	}
	return fmt.Sprintf("Stripe unreachable since %s — card payments cannot be taken: the reader needs Stripe for every card. Nothing was charged; take cash instead.", clock(since, loc))
}
