package ui

import (
	"strings"
	"testing"
	"time"

	"github.com/till-pos/till/checkout"
)

// TestResumeChecksFirst starts with payments left open: the oldest is shown and
// re-read before anything else, and the others wait their turn.
func TestResumeChecksFirst(t *testing.T) {
	capturing := approved()
	capturing.Phase, capturing.OrderID, capturing.Captures = checkout.Capturing, "ord_old", 1
	capturing.StartedAt = t0.Add(-time.Hour)
	waiting := awaiting()
	waiting.OrderID, waiting.PaymentIntentID = "ord_mid", "pi_2"
	third := awaiting()
	third.OrderID, third.PaymentIntentID = "ord_new", "pi_3"

	h := newHarness(t, Options{ReaderID: frontCounter.ID}, frontCounter)
	h.st.UnfinishedFn = func() ([]checkout.Session, error) {
		return []checkout.Session{capturing, waiting, third}, nil
	}
	intents := map[string]checkout.Intent{
		capturing.PaymentIntentID: {ID: capturing.PaymentIntentID, Status: checkout.IntentSucceeded, Card: capturing.Card},
		"pi_2":                    {ID: "pi_2", Status: checkout.IntentCanceled},
		"pi_3":                    {ID: "pi_3", Status: checkout.IntentSucceeded},
	}
	h.gw.ReadIntentFn = func(id string) (checkout.Intent, error) { return intents[id], nil }
	h.start(nil)

	var steps []string
	for _, c := range h.log.Calls() {
		if f := strings.Fields(c); f[0] != "list_readers" {
			steps = append(steps, f[0])
		}
	}
	if len(steps) == 0 || !strings.HasPrefix(steps[0], "read_") {
		t.Fatalf("calls after start %v, want a read first", steps)
	}
	for _, s := range steps {
		if s == "capture" {
			t.Errorf("a resumed capture was sent again instead of re-read: %v", steps)
		}
	}
	if h.session().OrderID != "ord_old" || h.session().Phase != checkout.Paid {
		t.Fatalf("showing %s in %s, want ord_old paid", h.session().OrderID, h.session().Phase)
	}
	viewHas(t, h.m, "2 more unfinished payments come next: ord_mid", "ord_new", "(ctrl+s › Payments lists them).")

	h.press("n")
	if h.session().OrderID != "ord_mid" || h.session().Phase != checkout.Canceled {
		t.Errorf("new sale showed %s in %s, want the next unfinished ord_mid, canceled", h.session().OrderID, h.session().Phase)
	}
	viewHas(t, h.m, "1 more unfinished payment comes next: ord_new")
	h.press("n")
	if h.session().OrderID != "ord_new" {
		t.Errorf("new sale showed %s, want ord_new", h.session().OrderID)
	}
	h.press("n")
	if h.session().Phase != checkout.Building || !h.session().Cart.Empty() || strings.Contains(h.m.View(), "Resumed") {
		t.Errorf("after the last unfinished payment: phase %s, %d lines", h.session().Phase, len(h.session().Cart.Lines))
	}
}

func TestResumedAwaitingShowsWhereItWas(t *testing.T) {
	waiting := awaiting()
	h := newHarness(t, Options{ReaderID: frontCounter.ID}, frontCounter)
	h.gw.Mirror(waiting)
	h.st.UnfinishedFn = func() ([]checkout.Session, error) { return []checkout.Session{waiting}, nil }
	h.start(func(m Model) bool { return len(h.log.Calls()) >= 4 })
	if h.session().Phase != checkout.Awaiting {
		t.Fatalf("phase %s, want awaiting, resumed", h.session().Phase)
	}
	viewHas(t, h.m, "Resumed: this payment was left open at 15:07.", "Ask the customer to tap, insert or swipe their card on Front counter.")
}
