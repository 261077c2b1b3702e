package checkout

import (
	"strings"
	"testing"
)

// promises are words that say till is doing something: true only where a caller does it.
var promises = []string{"checking", "keeps check", "retrying", "will retry", "went through", "may or may not"}

func promised(msg string) string {
	for _, p := range promises {
		if strings.Contains(strings.ToLower(msg), p) {
			return p
		}
	}
	return ""
}

// ExplainRefund is printed by till refund after it stops, and by till payments: it
// states where the refund is, never that till goes on checking it (the screen says that
// where it does).
func TestExplainRefundPromisesNothing(t *testing.T) {
	for _, p := range []RefundPhase{RefundNew, RefundCreating, RefundSending, RefundAwaiting, RefundDeclined, RefundCanceling,
		RefundPending, RefundSucceeded, RefundFailed, RefundCanceled, RefundUnknown} {
		if msg := ExplainRefund(refundAt(p)); promised(msg) != "" {
			t.Errorf("%s promises %q: %q", p, promised(msg), msg)
		}
	}
}

// A read that failed moved nothing: its words say so, with no call that "may or may not
// have gone through" and no check nobody makes.
func TestExplainReadPromisesNothing(t *testing.T) {
	for _, k := range []Kind{KindNetwork, KindServer, KindAuth, KindRateLimit, KindNotFound} {
		f := &Failure{Kind: k, Message: "could not reach Stripe to list readers: connection refused"}
		for _, msg := range []string{ExplainRead(f), ExplainReadWithDetail(f)} {
			if msg == "" || promised(msg) != "" {
				t.Errorf("%s: %q", k, msg)
			}
		}
	}
	if got := ExplainRead(&Failure{Kind: KindNetwork}); got != "Stripe did not answer." {
		t.Errorf("network: %q", got)
	}
}
