package timeline

import (
	"strings"

	"github.com/till-pos/till/checkout"
)

// standing is where an order stands as till last saved it: its phase in the words the
// support screen's header uses (PhaseWords), or, for a paid order this till refunded of
// (refunded, minor units), the history's; its PaymentIntent and that intent's status,
// and the last failure with its codes as Stripe and till name them.
func standing(s checkout.Session, refunded int64) string {
	parts := []string{s.PhaseWordsRefunded(refunded)}
	if s.PaymentIntentID != "" {
		parts = append(parts, strings.TrimSpace(s.PaymentIntentID+" "+string(s.IntentStatus)))
	}
	if f := s.Failure; f != nil {
		failure := "last failure " + string(f.Kind)
		for _, code := range []string{f.Code, f.DeclineCode} {
			if code != "" && !strings.Contains(failure, code) {
				failure += " " + code
			}
		}
		parts = append(parts, failure)
	}
	return strings.Join(parts, " · ")
}
