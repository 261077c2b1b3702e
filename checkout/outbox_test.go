package checkout

import (
	"testing"
	"time"
)

func TestHeldCallEntry(t *testing.T) {
	s := held(Unknown, StepCapture)
	s.Captures, s.AmountCapturable, s.ReadFailures = 2, 1500, 3
	h, ok := s.HeldCall()
	want := HeldCall{OrderID: "ord_1", PaymentIntentID: pi, Step: StepCapture, Key: "till_ord_1_capture_2",
		Amount: usd(1500), Since: t0, CaptureBefore: t0.Add(48 * time.Hour), Checks: 3}
	if !ok || h != want {
		t.Fatalf("got %+v\nwant %+v", h, want)
	}
	eq(t, h.What(), "capture of $15.00")

	inFlight := at(Capturing).hold(StepCapture)
	inFlight.UpdatedAt = t0
	if h, ok := inFlight.HeldCall(); !ok || !h.Sending || !h.Since.Equal(t0) {
		t.Errorf("in flight: %+v %v", h, ok)
	}
	notYet := held(Unknown, StepCancelAction)
	if h, _ := notYet.HeldCall(); h.Key != "" || h.What() != "cancel of $12.34" {
		t.Errorf("a cancel not yet sent has no key: %+v", h)
	}
	if _, ok := at(Approved).HeldCall(); ok {
		t.Error("nothing held, yet an entry")
	}
}

func TestCountdown(t *testing.T) {
	h := HeldCall{CaptureBefore: t0.Add(47*time.Hour + 59*time.Minute)}
	for after, want := range map[time.Duration]string{
		0:                             "1d 23h left",
		24 * time.Hour:                "23h 59m left",
		47 * time.Hour:                "59m 00s left",
		47*time.Hour + 58*time.Minute: "1m 00s left",
		48 * time.Hour:                "expired",
	} {
		if got := h.Countdown(t0.Add(after)); got != want {
			t.Errorf("after %v: %q, want %q", after, got, want)
		}
	}
	if left, ok := h.Left(t0.Add(72 * time.Hour)); !ok || left != 0 {
		t.Errorf("past the deadline: %v %v", left, ok)
	}
	if got := (HeldCall{}).Countdown(t0); got != "" {
		t.Errorf("no deadline: %q", got)
	}
}

func TestHeldCallOutcome(t *testing.T) {
	h := HeldCall{OrderID: "o1", Step: StepCapture, Amount: usd(1200)}
	for _, tt := range []struct {
		s    Session
		want string
	}{
		{held(Unknown, StepCapture), ""},
		{at(Paid), "order o1: the capture of $12.00 went through: paid."},
		{at(Canceled), "order o1: the capture of $12.00 did not go through: the authorization was released (canceled), so the customer was not charged."},
		{withFailure(at(Approved), &Failure{Kind: KindExpired}), "order o1: the capture of $12.00 ended approved: Stripe could not be reached before"},
	} {
		if got := h.Outcome(tt.s); len(got) < len(tt.want) || got[:len(tt.want)] != tt.want {
			t.Errorf("%s: %q, want %q…", tt.s.Phase, got, tt.want)
		}
	}
	cancel := HeldCall{OrderID: "o2", Step: StepCancelIntent, Amount: usd(500)}
	if got := cancel.Outcome(at(Canceled)); got != "order o2: the cancel of $5.00 went through: canceled, nothing charged." {
		t.Errorf("cancel: %q", got)
	}
}
