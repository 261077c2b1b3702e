package checkout

import "testing"

// PhaseWords says "declined" only of a card decline; any other failed attempt is "not
// completed" and why, an ambiguous one is being checked, the rest are their phase.
func TestPhaseWords(t *testing.T) {
	for _, tc := range []struct {
		name string
		s    Session
		want string
	}{
		{"the cart", Session{}, "cart open"},
		{"paid", Session{Phase: Paid}, "paid"},
		{"a decline with its code", Session{Phase: Declined, Failure: &Failure{Kind: KindDeclined, Code: "card_declined", DeclineCode: "insufficient_funds"}},
			"declined (insufficient_funds)"},
		{"a decline with Stripe's code only", Session{Phase: Declined, Failure: &Failure{Kind: KindDeclined, Code: "card_declined"}}, "declined (card_declined)"},
		{"a decline with no code", Session{Phase: Declined, Failure: &Failure{Kind: KindDeclined}}, "declined"},
		{"a busy reader", Session{Phase: Declined, Failure: &Failure{Kind: KindReaderBusy, Code: "terminal_reader_busy"}}, "not completed: reader busy"},
		{"the customer canceled", Session{Phase: Declined, Failure: &Failure{Kind: KindCustomerCanceled}}, "not completed: customer canceled on the reader"},
		{"a dropped action", Session{Phase: Declined, Failure: &Failure{Kind: KindInterrupted}}, "not completed: the reader dropped it"},
		{"no failure kept", Session{Phase: Declined}, "not completed"},
		{"an ambiguous failure", Session{Phase: Unknown, Failure: &Failure{Kind: KindReaderTimeout}}, "checking with Stripe after: reader did not answer"},
		{"resumed, unread", Session{Phase: Unknown}, "checking with Stripe"},
	} {
		if got := tc.s.PhaseWords(); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
	for phase, want := range map[Phase]string{Declined: "not completed", Unknown: "checking", Paid: "paid", Building: "cart open"} {
		if got := (Summary{Phase: phase}).PhaseWords(); got != want {
			t.Errorf("a summary %s: %q, want %q", phase, got, want)
		}
	}
	declined := Refund{Phase: RefundDeclined, Failure: &Failure{Kind: KindCustomerCanceled}}
	if got := declined.PhaseWords(); got != "not completed: customer canceled on the reader" {
		t.Errorf("a refund the customer canceled: %q", got)
	}
	if got := (Refund{Phase: RefundAwaiting}).PhaseWords(); got != RefundAwaiting.String() {
		t.Errorf("a refund awaiting the card: %q", got)
	}
}

// Every failure kind has its few words: none falls through to "unexpected error" but
// the unknown one.
func TestFailureWordsNameEveryKind(t *testing.T) {
	seen := map[string]Kind{}
	for _, k := range []Kind{KindDeclined, KindCustomerCanceled, KindReaderBusy, KindReaderOffline, KindReaderTimeout,
		KindConnectionError, KindInvalidState, KindNotFound, KindAuth, KindRateLimit, KindInvalidRequest, KindNetwork,
		KindServer, KindInterrupted, KindNeedsRetry, KindStore, KindExpired, KindUnknown} {
		w := FailureWords(&Failure{Kind: k})
		if other, ok := seen[w]; ok {
			t.Errorf("%s and %s are both %q", k, other, w)
		}
		seen[w] = k
	}
}

// A list that knows an order's refunds says a paid card payment refunded as the history
// does; any other order, a cash sale, and one refunded of nothing keep PhaseWords.
func TestListWords(t *testing.T) {
	paid := Session{Phase: Paid, AmountReceived: 1000, Amount: Money{Amount: 1000, Currency: "usd"}}
	cash := paid
	cash.Cash = &Cash{Given: Money{Amount: 1000, Currency: "usd"}}
	for _, tt := range []struct {
		name     string
		s        Session
		refunded int64
		want     string
	}{
		{"paid", paid, 0, "paid"},
		{"part refunded", paid, 400, "part refunded"},
		{"refunded", paid, 1000, "refunded"},
		{"a cash sale", cash, 1000, "paid"},
		{"not completed", Session{Phase: Declined, Failure: &Failure{Kind: KindReaderBusy}}, 0, "not completed"},
	} {
		if got := tt.s.ListWords(tt.refunded); got != tt.want {
			t.Errorf("%s: ListWords(%d) = %q, want %q", tt.name, tt.refunded, got, tt.want)
		}
	}
}
