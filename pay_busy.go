package main

import (
	"fmt"
	"strings"

	"github.com/till-pos/till/checkout"
)

// codeReaderOffline is Stripe's error code for a command to a reader it has not heard
// from for two minutes; till pay gives it when the list already says so.
const codeReaderOffline = "terminal_reader_offline"

// readerRefuses says why a new sale cannot go to rd as the list just showed it, with
// the failure code Stripe would give, or "" when it can. The machine would create the
// sale's PaymentIntent and only then find the reader busy or offline, leaving each such
// try as one more open order and PaymentIntent for support to cancel; till pay says so
// first, and what to do: carry on or cancel this till's own order, clear another's,
// see to an offline reader, or use another reader.
func readerRefuses(rd checkout.Reader, readers []checkout.Reader, open []checkout.Session) (code, why string) {
	var b strings.Builder
	switch pi := rd.PaymentInProgress(); {
	case pi != "":
		code = checkout.CodeReaderInUse
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
	case rd.Status == "offline":
		code = codeReaderOffline
		fmt.Fprintf(&b, "The reader %s is offline: Stripe has not heard from it for two minutes. Check its power and network, then try again", rd.Name())
	default:
		return "", ""
	}
	for _, r := range readers {
		if r.ID != rd.ID && r.Status != "offline" && r.PaymentInProgress() == "" {
			fmt.Fprintf(&b, "; or use another reader: --reader %s (%s)", r.ID, r.Name())
			break
		}
	}
	b.WriteString(". Nothing was sent to Stripe.")
	return code, b.String()
}
