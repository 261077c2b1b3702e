package checkout

import "testing"

func TestMoneyDecimal(t *testing.T) {
	tests := []struct {
		m    Money
		want string
	}{
		{Money{Amount: 0, Currency: "usd"}, "0.00"},
		{Money{Amount: 5, Currency: "usd"}, "0.05"},
		{Money{Amount: 123456, Currency: "eur"}, "1234.56"},
		{Money{Amount: -250, Currency: "usd"}, "-2.50"},
		{Money{Amount: 1200, Currency: "jpy"}, "1200"},
	}
	for _, tt := range tests {
		if got := tt.m.Decimal(); got != tt.want {
			t.Errorf("%v.Decimal() = %q, want %q", tt.m, got, tt.want)
		}
	}
}
