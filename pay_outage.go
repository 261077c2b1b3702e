package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/till-pos/till/checkout"
)

// cardsRefused is till pay's refusal of a card sale while Stripe does not answer, with
// the command that takes the sale in cash instead.
func cardsRefused(r checkout.Reach, now time.Time, amountText string) string {
	if amountText == "" {
		amountText = "AMOUNT"
	}
	return r.CardsRefused(now, time.Local) + " For cash: till pay --cash GIVEN --amount " + amountText
}

// sendHeldFirst sends the outbox again before a new sale: Stripe just answered (the
// readers were listed), so captures and cancels held from earlier runs go out now.
// What became of each is told on stderr; the sale goes on whatever happened.
func sendHeldFirst(ctx context.Context, svc *services, orderID string, stderr io.Writer) {
	outcomes, err := sendHeld(ctx, svc, orderID, svc.cfg.CallTimeout)
	if err != nil {
		fmt.Fprintf(stderr, "till pay: cannot read the outbox: %v\n", err)
		return
	}
	for _, o := range outcomes {
		fmt.Fprintln(stderr, "till pay: held from before: "+o.words(time.Now()))
	}
}

// heldAtExit says what till pay leaves behind when it stops with a call held.
func heldAtExit(s checkout.Session, r checkout.Reach, now time.Time) string {
	h, _ := s.HeldCall()
	msg := "Stripe did not answer"
	if !r.Since.IsZero() {
		msg += " since " + r.Since.Local().Format("15:04")
	}
	msg += fmt.Sprintf(". The %s is held: the next till pay, till outbox --send or the screen sends it again under the same key", h.What())
	if c := h.Countdown(now); c != "" {
		msg += ", until its authorization expires (" + c + ")"
	}
	return msg + fmt.Sprintf(". Order %s.", s.OrderID)
}
