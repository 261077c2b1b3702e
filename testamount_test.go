package main

import (
	"testing"

	"github.com/till-pos/till/checkout"
)

func TestTestAmountHint(t *testing.T) {
	for _, tc := range []struct {
		amount int64
		want   string
	}{
		{1005, "Test amount: ends in 05, the simulated reader declines it (generic_decline) whatever card is presented."},
		{275, "Test amount: ends in 75, the simulated reader declines it (pin_try_exceeded) whatever card is presented."},
		{1202, "Test amount: ends in 02, the simulated reader asks for the card to be inserted with its PIN (offline_pin), then approves."},
		{1200, ""},
		{2974, ""},
	} {
		if got := testAmountHint(checkout.Money{Amount: tc.amount, Currency: "usd"}); got != tc.want {
			t.Errorf("%d: %q, want %q", tc.amount, got, tc.want)
		}
	}
}
