package main

import (
	"fmt"
	"strings"

	"github.com/till-pos/till/checkout"
)

// readerTaken is why a new sale cannot go to rd, the reader the list just showed taking
// another payment, or "" when it is free. The machine would create the sale's
// PaymentIntent and only then find the reader busy, leaving each such try as one more
// open order and PaymentIntent for support to cancel; till pay says so first, and how
// to free the reader: carry on or cancel this till's own order, or clear another's.
func readerTaken(rd checkout.Reader, readers []checkout.Reader, open []checkout.Session) string {
	pi := rd.PaymentInProgress()
	if pi == "" {
		return ""
	}
	var b strings.Builder
	fmt.Fprintf(&b, "The reader %s is taking another payment (%s)", rd.Name(), pi)
	mine := ""
	for _, s := range open {
		if s.PaymentIntentID == pi {
			mine = s.OrderID
		}
	}
	if mine != "" {
		fmt.Fprintf(&b, ": this till's order %s, still open. Carry it on with till pay --order %s, or cancel it with till payments cancel %s", mine, mine, pi)
	} else {
		fmt.Fprintf(&b, ", perhaps from another till. Wait for it, or clear the reader with till reader cancel-action %s --expect-pi %s", rd.ID, pi)
	}
	for _, r := range readers {
		if r.ID != rd.ID && r.Status != "offline" && r.PaymentInProgress() == "" {
			fmt.Fprintf(&b, "; or use another reader: --reader %s (%s)", r.ID, r.Name())
			break
		}
	}
	b.WriteString(". Nothing was sent to Stripe.")
	return b.String()
}
