package checkout

import "testing"

// A page titled "Card declined" shows the decline's words without saying it again.
func TestDeclineReason(t *testing.T) {
	for code, want := range map[string][2]string{
		"":                   {"Card declined. Ask for another card.", "Ask for another card."},
		"insufficient_funds": {"Declined: insufficient funds. Ask for another card.", "Insufficient funds. Ask for another card."},
		"processing_error":   {"The card could not be processed. Try again.", "The card could not be processed. Try again."},
		"lost_card":          {"Declined by the card issuer. Ask for another card.", "Declined by the card issuer. Ask for another card."},
	} {
		f := &Failure{Kind: KindDeclined, Code: "card_declined", DeclineCode: code}
		if got := Explain(f); got != want[0] {
			t.Errorf("%q: Explain %q, want %q", code, got, want[0])
		}
		if got := DeclineReason(f); got != want[1] {
			t.Errorf("%q: DeclineReason %q, want %q", code, got, want[1])
		}
	}
}
