package checkout

import (
	"math"
	"testing"
	"time"
)

func awaitingSince(since time.Time) Session {
	return Session{Phase: Awaiting, ActionSince: since}
}

func TestScheduleDelay(t *testing.T) {
	def := Schedule{}
	tests := []struct {
		name   string
		p      Schedule
		s      Session
		waited time.Duration
		jitter float64
		want   time.Duration
	}{
		{"first read after a second", def, awaitingSince(t0), 0, 0, time.Second},
		{"still every second at 9.9s", def, awaitingSince(t0), 9900 * time.Millisecond, 0, time.Second},
		{"every 2s from 10s", def, awaitingSince(t0), 10 * time.Second, 0, 2 * time.Second},
		{"every 3s from 30s", def, awaitingSince(t0), 30 * time.Second, 0, 3 * time.Second},
		{"every 5s from a minute", def, awaitingSince(t0), time.Minute, 0, 5 * time.Second},
		{"every 10s from five minutes", def, awaitingSince(t0), 5 * time.Minute, 0, 10 * time.Second},
		{"jitter lengthens by at most a tenth", def, awaitingSince(t0), 0, 0.999999, 1100 * time.Millisecond},
		{"jitter out of range is clamped", def, awaitingSince(t0), 0, 7, 1100 * time.Millisecond},
		{"Every scales the table", Schedule{Every: 2 * time.Second, Max: time.Minute}, awaitingSince(t0), 40 * time.Second, 0, 6 * time.Second},
		{"Max caps it", Schedule{Every: 2 * time.Second, Max: 5 * time.Second}, awaitingSince(t0), 40 * time.Second, 0, 5 * time.Second},
		{"Max below Every is Every", Schedule{Every: 2 * time.Second, Max: time.Second}, awaitingSince(t0), 0, 0, 2 * time.Second},
		{"not awaiting: every interval", def, Session{Phase: Unknown, ActionSince: t0}, time.Hour, 0, time.Second},
		{"one failure: 1–2s", def, Session{Phase: Awaiting, ActionSince: t0, ReadFailures: 1}, time.Hour, 0, time.Second},
		{"three failures, top of the jitter", def, Session{Phase: Awaiting, ReadFailures: 3}, 0, 0.999999, 8 * time.Second},
		{"failures stop at Max", def, Session{Phase: Awaiting, ReadFailures: 30}, 0, 0, 5 * time.Second},
		{"webhooks: a safety net", Schedule{Webhooks: true}, awaitingSince(t0), 0, 0, 30 * time.Second},
		{"webhooks: its own net", Schedule{Webhooks: true, SafetyNet: 15 * time.Second}, awaitingSince(t0), 0, 0, 15 * time.Second},
		{"webhooks: an unknown outcome is still read at once", Schedule{Webhooks: true}, Session{Phase: Unknown}, 0, 0, time.Second},
	}
	for _, tt := range tests {
		got := tt.p.Delay(tt.s, t0.Add(tt.waited), tt.jitter)
		if diff := got - tt.want; diff < -10*time.Microsecond || diff > 10*time.Microsecond {
			t.Errorf("%s: Delay = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// reads plays the schedule against a customer whose card comes after card (never when
// negative) and returns the reads made until one sees it or limit passes.
func reads(p Schedule, card, limit time.Duration, jitter func(int) float64) int {
	s := awaitingSince(t0)
	elapsed, n := time.Duration(0), 0
	for {
		elapsed += p.Delay(s, t0.Add(elapsed), jitter(n))
		if elapsed > limit {
			return n
		}
		n++
		if card >= 0 && elapsed >= card {
			return n
		}
	}
}

// The budget: a card after T ≤ 10s is seen by read ⌈T⌉, whatever the jitter,
// and a customer who never taps costs no more than 56 reads in two minutes (60 calls
// less the list, the create and the send).
func TestScheduleBudget(t *testing.T) {
	jitters := map[string]func(int) float64{
		"none": func(int) float64 { return 0 },
		"most": func(int) float64 { return 0.999 },
		"mixed": func(n int) float64 {
			return math.Mod(float64(n)*0.618, 1)
		},
	}
	for name, j := range jitters {
		for tenths := 1; tenths <= 100; tenths++ {
			T := time.Duration(tenths) * 100 * time.Millisecond
			want := int(math.Ceil(T.Seconds()))
			if got := reads(Schedule{}, T, time.Hour, j); got > want {
				t.Errorf("jitter %s, card after %v: %d reads, budget %d", name, T, got, want)
			}
		}
		if got := reads(Schedule{}, -1, 2*time.Minute, j); got > 56 {
			t.Errorf("jitter %s: %d reads in a two-minute wait, budget 56", name, got)
		}
	}
	if got := reads(Schedule{}, -1, 2*time.Minute, jitters["none"]); got != 42 {
		t.Errorf("two-minute wait without jitter: %d reads, the table says 42", got)
	}
}

// Webhooks cut polling to a safety net: a two-minute wait costs four reads.
func TestScheduleWithWebhooks(t *testing.T) {
	if got := reads(Schedule{Webhooks: true}, -1, 2*time.Minute, func(int) float64 { return 0 }); got != 4 {
		t.Errorf("two-minute wait with webhooks: %d reads, want 4", got)
	}
}

// A refund waiting for the customer's card on the reader, or pending at Stripe, slows
// down as a payment does; one being created or read after a failure does not.
func TestScheduleRefundDelay(t *testing.T) {
	start := time.Date(2026, 11, 29, 10, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name string
		r    Refund
		now  time.Duration // after start
		p    Schedule
		want time.Duration
	}{
		{"on the reader, just sent", Refund{Phase: RefundAwaiting, ActionSince: start}, time.Second, Schedule{}, time.Second},
		{"on the reader for 40 s", Refund{Phase: RefundAwaiting, ActionSince: start}, 40 * time.Second, Schedule{}, 3 * time.Second},
		{"on the reader for 6 min, capped", Refund{Phase: RefundAwaiting, ActionSince: start}, 6 * time.Minute, Schedule{}, 10 * time.Second},
		{"pending for 2 min", Refund{Phase: RefundPending, StartedAt: start}, 2 * time.Minute, Schedule{Max: time.Minute}, 5 * time.Second},
		{"pending with webhooks", Refund{Phase: RefundPending, StartedAt: start}, time.Second, Schedule{Webhooks: true}, 30 * time.Second},
		{"unknown with webhooks keeps the pace", Refund{Phase: RefundUnknown, StartedAt: start}, 2 * time.Minute, Schedule{Webhooks: true}, time.Second},
		{"reads failing back off", Refund{Phase: RefundPending, StartedAt: start, ReadFailures: 3}, time.Second, Schedule{}, 4 * time.Second},
	} {
		if got := tc.p.RefundDelay(tc.r, start.Add(tc.now), 0); got != tc.want {
			t.Errorf("%s: wait %v, want %v", tc.name, got, tc.want)
		}
	}
}
