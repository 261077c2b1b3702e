package main

import (
	"fmt"
	"strings"

	"github.com/till-pos/till/checkout"
)

// The ids a command takes as arguments go into Stripe's URLs and search queries, the
// database's keys, and messages printed to a terminal. Each is checked before it is
// used, so a path, a newline or a terminal's escape sequence never travels on, and a
// mistyped id is named as such rather than looked up.

// maxStripeIDLen is longer than any id Stripe makes (a PaymentIntent's is 27 characters).
const maxStripeIDLen = 255

// checkStripeID refuses an id that is not a Stripe id of one kind: prefix (pi_, tmr_),
// then letters and digits.
func checkStripeID(kind, prefix, id string) error {
	rest, ok := strings.CutPrefix(id, prefix)
	if !ok || rest == "" || len(id) > maxStripeIDLen || strings.TrimFunc(rest, isStripeIDChar) != "" {
		return fmt.Errorf("%q is not a %s id (%s followed by letters and digits)", id, kind, prefix)
	}
	return nil
}

// isStripeIDChar reports whether r may be in a Stripe id or API key: letters, digits
// and '_'.
func isStripeIDChar(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_'
}

// checkReference refuses what cannot name an order, a payment or a refund: order ids
// and till's refund ids keep to letters, digits, '_', '-' and '.' (checkout's rules),
// and so do Stripe's ids.
func checkReference(ref string) error {
	if checkout.ValidOrderID(ref) == nil || checkout.CheckRefundID(ref) == nil && strings.Trim(ref, ".") != "" {
		return nil
	}
	return fmt.Errorf("%q is not an order, payment (pi_…) or refund id: those are letters, digits, '_', '-' and '.'", ref)
}
