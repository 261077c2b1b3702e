package checkout

import (
	"errors"
	"testing"
)

func TestParseFee(t *testing.T) {
	tests := []struct {
		text, currency string
		want           Fee
	}{
		{"", "usd", Fee{}},
		{"2.5%", "usd", Fee{BasisPoints: 250}},
		{" 3 % ", "usd", Fee{BasisPoints: 300}},
		{"0.01%", "usd", Fee{BasisPoints: 1}},
		{"100%", "usd", Fee{BasisPoints: 10000}},
		{"0.30", "usd", Fee{Fixed: 30}},
		{"50", "jpy", Fee{Fixed: 50}},
	}
	for _, tt := range tests {
		got, err := ParseFee(tt.text, tt.currency)
		if err != nil || got != tt.want {
			t.Errorf("ParseFee(%q) = %+v, %v; want %+v", tt.text, got, err, tt.want)
		}
	}
	for _, bad := range []string{"abc", "2.555%", "-1%", "0%", "101%", "%", "1e2%", "0.301", "-0.30", "2,5%", "1.5", "1000%"} {
		currency := "usd"
		if bad == "1.5" {
			currency = "jpy"
		}
		if _, err := ParseFee(bad, currency); !errors.Is(err, ErrBadFee) {
			t.Errorf("ParseFee(%q, %s) = %v, want ErrBadFee", bad, currency, err)
		}
	}
}

func TestFeeOn(t *testing.T) {
	tests := []struct {
		fee    Fee
		amount int64
		want   int64
	}{
		{Fee{}, 1000, 0},
		{Fee{Fixed: 30}, 1000, 30},
		{Fee{Fixed: 30}, 20, 20}, // never more than the payment
		{Fee{BasisPoints: 250}, 1000, 25},
		{Fee{BasisPoints: 250}, 1234, 31}, // 30.85 rounds up
		{Fee{BasisPoints: 250}, 1218, 30}, // 30.45 rounds down
		{Fee{BasisPoints: 250}, 1220, 31}, // 30.5 rounds half up
		{Fee{BasisPoints: 1}, 4999, 0},    // 0.4999
		{Fee{BasisPoints: 1}, 5000, 1},    // 0.5
		{Fee{BasisPoints: 10000}, 777, 777},
		{Fee{BasisPoints: 333}, MaxAmount, 3330000}, // 3,329,999.967
		{Fee{BasisPoints: 250}, 0, 0},
	}
	for _, tt := range tests {
		if got := tt.fee.On(tt.amount); got != tt.want {
			t.Errorf("%+v.On(%d) = %d, want %d", tt.fee, tt.amount, got, tt.want)
		}
	}
}

func TestFeeString(t *testing.T) {
	for fee, want := range map[Fee]string{{BasisPoints: 250}: "2.5%", {BasisPoints: 300}: "3%", {BasisPoints: 1}: "0.01%", {Fixed: 30}: "$0.30"} {
		if got := fee.String("usd"); got != want {
			t.Errorf("%+v = %q, want %q", fee, got, want)
		}
	}
}

// TestCapturable: a capture takes what Stripe says is capturable, else the sale and the
// tip, never the sale alone (the application fee and the outbox's words are worked out
// on it).
func TestCapturable(t *testing.T) {
	for _, tc := range []struct {
		name string
		s    Session
		want int64
	}{
		{"Stripe has said", Session{Amount: usd(1000), Tip: 200, AmountCapturable: 1150}, 1150},
		{"not yet, with a tip", Session{Amount: usd(1000), Tip: 200}, 1200},
		{"not yet, no tip", Session{Amount: usd(1000)}, 1000},
	} {
		if got := tc.s.capturable(); got != tc.want {
			t.Errorf("%s: capturable %d, want %d", tc.name, got, tc.want)
		}
	}
}
