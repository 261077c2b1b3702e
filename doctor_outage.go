package main

import (
	"fmt"
	"strings"
	"time"

	"github.com/till-pos/till/checkout"
)

// The doctor's lines about outages: whether Stripe answers this till now (what the
// screen's banner says), and the captures and cancels held in the outbox while it did
// not.

// bundleReach is what the doctor's own calls found about reaching Stripe.
type bundleReach struct {
	Down       bool       `json:"down"`
	Since      *time.Time `json:"unanswered_since,omitempty"`
	Misses     int        `json:"unanswered_attempts"`
	LastAnswer *time.Time `json:"last_answer,omitempty"`
}

// outageCheck says whether Stripe answered the doctor's calls, in the words of the
// screen's banner when it did not. The running till's own state is in its memory;
// the doctor's calls go the same way, so they see the same outage.
func outageCheck(r checkout.Reach) check {
	if r.Down() {
		return check{Name: "outage", Result: checkFail,
			Detail: fmt.Sprintf("%s (%d attempts in a row unanswered)", r.Banner(time.Local), r.Misses),
			Fix: "check the network (or --api-base / stripe.api_base). Meanwhile take cash: till pay --cash GIVEN --amount A, or $ on the cart; " +
				"held captures and cancels go out once Stripe answers"}
	}
	detail := "Stripe answers: card payments can be taken"
	if !r.BackAt.IsZero() {
		detail += fmt.Sprintf(" (it did not answer from %s to %s)", r.WasDownSince.Local().Format("15:04:05"), r.BackAt.Local().Format("15:04:05"))
	}
	return check{Name: "outage", Result: checkOK, Detail: detail}
}

// outboxCheck lists the calls held in the outbox with their countdowns: a warning, for
// each is money owed to or by the shop until Stripe has it. down: Stripe does not
// answer now, so sending them must wait.
func outboxCheck(svc *services, now time.Time, down bool) check {
	calls, err := svc.store.Outbox()
	switch {
	case err != nil:
		return check{Name: "outbox", Result: checkFail, Detail: "cannot read the outbox: " + err.Error(),
			Fix: "move the damaged database aside and run till doctor again; keep it for support"}
	case len(calls) == 0:
		return check{Name: "outbox", Result: checkOK, Detail: "nothing held: every capture and cancel has had its answer from Stripe"}
	}
	lines := make([]string, len(calls))
	for i, h := range calls {
		lines[i] = heldLine(h, now)
	}
	fix := "send them now: till outbox --send (each payment is read first, then sent under its own key, never twice); " +
		"the screen and the next till pay also send them by themselves"
	if down {
		fix = "once Stripe answers, till outbox --send sends them (each payment is read first, then sent under its own key, never twice); " +
			"the screen and the next till pay also send them by themselves"
	}
	return check{Name: "outbox", Result: checkWarn,
		Detail: fmt.Sprintf("%d held while Stripe did not answer: %s", len(calls), strings.Join(lines, "; ")), Fix: fix}
}

// heldLine is one held call on a line: the order, what is held, since when, and how
// long is left to capture. The commands that print it hold the database, so no till
// is sending anything now: a call the session shows in flight was cut off mid-call.
func heldLine(h checkout.HeldCall, now time.Time) string {
	state := "waiting for Stripe"
	if h.Sending {
		state = "cut off mid-call (no answer known)"
	}
	line := fmt.Sprintf("order %s: %s, %s since %s", h.OrderID, h.What(), state, h.Since.Local().Format("2006-01-02 15:04:05"))
	switch c := h.Countdown(now); c {
	case "":
	case "expired":
		line += ", its capture_before has passed"
	default:
		line += ", " + c + " to capture"
	}
	return line
}

// outageBundle is what the bundle says of outages: the doctor's view of Stripe, and the
// outbox with its countdowns (none when it cannot be read: the outbox check says why).
func outageBundle(svc *services, now time.Time) (bundleReach, []outboxRow) {
	r := svc.reach.Reach()
	reach := bundleReach{Down: r.Down(), Since: timeOrNil(r.Since), Misses: r.Misses, LastAnswer: timeOrNil(r.LastAnswer)}
	calls, _ := svc.store.Outbox()
	return reach, outboxRows(calls, now)
}

// timeOrNil is t, or nil for the zero time (left out of the bundle).
func timeOrNil(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}
