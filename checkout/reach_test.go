package checkout

import (
	"testing"
	"time"
)

func TestAnswered(t *testing.T) {
	for status, want := range map[int]bool{0: false, 200: true, 402: true, 404: true, 429: true, 500: true,
		502: false, 503: false, 504: false} {
		if got := Answered(status); got != want {
			t.Errorf("Answered(%d) = %v, want %v", status, got, want)
		}
	}
}

func TestReachOutageAndBack(t *testing.T) {
	loc := time.FixedZone("shop", 2*3600)
	at := func(s int) time.Time { return t0.Add(time.Duration(s) * time.Second) }
	var r Reach
	r = r.Observe(at(0), true)
	if r.Down() || r.Banner(loc) != "" {
		t.Fatal("down after an answer")
	}
	r = r.Observe(at(10), false)
	if r.Down() {
		t.Fatal("one dropped connection is not an outage")
	}
	r = r.Observe(at(11), false)
	r = r.Observe(at(40), false)
	if !r.Down() || !r.Since.Equal(at(10)) || r.Misses != 3 {
		t.Fatalf("after three misses: %+v", r)
	}
	if got, want := r.Banner(loc), "Stripe unreachable since 14:00 — card payments cannot be taken"; got != want {
		t.Errorf("banner %q, want %q", got, want)
	}
	if r.Recovered(at(41), time.Minute, loc) != "" {
		t.Error("recovered while down")
	}
	r = r.Observe(at(5), false) // sent earlier, reported late: the outage began then
	if !r.Since.Equal(at(5)) {
		t.Errorf("since %v, want the earliest unanswered attempt", r.Since)
	}
	r = r.Observe(at(600), true)
	if r.Down() || !r.BackAt.Equal(at(600)) || !r.WasDownSince.Equal(at(5)) || r.Misses != 0 || !r.Since.IsZero() {
		t.Fatalf("after an answer: %+v", r)
	}
	if got, want := r.Recovered(at(630), time.Minute, loc), "Stripe answers again since 14:10 (unreachable from 14:00)"; got != want {
		t.Errorf("recovered %q, want %q", got, want)
	}
	if r.Recovered(at(700), time.Minute, loc) != "" {
		t.Error("recovery words last for ever")
	}
	// An attempt sent before Stripe's latest answer, reported late, says nothing.
	r = r.Observe(at(599), false)
	r = r.Observe(at(598), false)
	if r.Down() || r.Misses != 0 {
		t.Fatalf("stale misses counted: %+v", r)
	}
}

func TestReachAnswerWithErrorIsNotAnOutage(t *testing.T) {
	var r Reach
	for i := 0; i < 5; i++ {
		r = r.Observe(t0.Add(time.Duration(i)*time.Second), Answered(402))
	}
	if r.Down() {
		t.Fatal("declines are answers")
	}
}

func TestNarrowBanner(t *testing.T) {
	r := Reach{Since: t0, Misses: 2}
	if got := r.NarrowBanner(time.UTC); got != "Stripe unreachable since 12:00 — no card payments" {
		t.Errorf("narrow %q", got)
	}
	if (Reach{}).NarrowBanner(time.UTC) != "" {
		t.Error("narrow banner while Stripe answers")
	}
}
