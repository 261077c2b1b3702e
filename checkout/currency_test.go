package checkout

import (
	"errors"
	"strings"
	"testing"
)

// The embedded ISO 4217 list is read whole: every code there is, with the minor units
// the standard gives (CLDR, for one, says IQD 0 and IDR 0).
func TestISO4217ListOne(t *testing.T) {
	if n := len(isoMinorUnits); n < 150 {
		t.Fatalf("only %d currencies read from the ISO 4217 list", n)
	}
	for code, want := range map[string]int{
		"usd": 2, "eur": 2, "jpy": 0, "krw": 0, "kwd": 3, "bhd": 3, "jod": 3, "omr": 3, "tnd": 3,
		"lyd": 3, "iqd": 3, "isk": 0, "clf": 4, "uyw": 4, "idr": 2, "cop": 2, "mga": 2, "mru": 2, "huf": 2,
	} {
		if got, ok := isoMinorUnits[code]; !ok || got != want {
			t.Errorf("ISO 4217 minor units of %s = %d (found %v), want %d", code, got, ok, want)
		}
	}
	for _, code := range []string{"xau", "xxx", "xts", "xdr"} {
		if _, ok := isoMinorUnits[code]; ok {
			t.Errorf("%s has no minor unit in ISO 4217 and is no currency to pay in", code)
		}
	}
}

func TestDecimalsAndSteps(t *testing.T) {
	for _, tt := range []struct {
		cur      string
		decimals int
		step     int64
	}{
		{"usd", 2, 1}, {"USD", 2, 1}, {"jpy", 0, 1}, {"kwd", 3, 10}, {"BHD", 3, 10}, {"jod", 3, 10},
		{"omr", 3, 10}, {"tnd", 3, 10}, {"isk", 2, 100}, {"mga", 0, 1}, {"ugx", 0, 1}, {"huf", 2, 1},
		{"xyz", 2, 1}, // not a currency: shown as two-decimal, never charged (CheckCurrency)
	} {
		if d, s := Decimals(tt.cur), AmountStep(tt.cur); d != tt.decimals || s != tt.step {
			t.Errorf("%s: decimals %d step %d, want %d and %d", tt.cur, d, s, tt.decimals, tt.step)
		}
	}
}

// Stripe's own zero-decimal list (its currencies guide) is what ISO 4217 and the
// exceptions give together.
func TestStripeZeroDecimalCurrencies(t *testing.T) {
	stripeZero := "bif clp djf gnf jpy kmf krw mga pyg rwf ugx vnd vuv xaf xof xpf"
	for _, c := range strings.Fields(stripeZero) {
		if Decimals(c) != 0 {
			t.Errorf("%s should be zero-decimal", c)
		}
	}
	for c := range isoMinorUnits {
		if Decimals(c) == 0 && !strings.Contains(stripeZero, c) && c != "uyi" {
			t.Errorf("%s is zero-decimal here but not in Stripe's list", c)
		}
	}
}

func TestCheckCurrency(t *testing.T) {
	for _, c := range terminalCurrencies {
		if err := CheckCurrency(c); err != nil {
			t.Errorf("%s: %v", c, err)
		}
	}
	if err := CheckCurrency(" EUR "); err != nil {
		t.Errorf("EUR: %v", err)
	}
	for cur, want := range map[string]error{
		"kwd": ErrNotTerminalCurrency, "inr": ErrNotTerminalCurrency, "bhd": ErrNotTerminalCurrency,
		"xyz": ErrUnknownCurrency, "": ErrUnknownCurrency, "us": ErrUnknownCurrency, "xau": ErrUnknownCurrency,
	} {
		err := CheckCurrency(cur)
		if !errors.Is(err, want) {
			t.Errorf("CheckCurrency(%q) = %v, want %v", cur, err, want)
		}
	}
	if err := CheckCurrency("kwd"); !strings.Contains(err.Error(), "Stripe Terminal cannot take KWD") {
		t.Errorf("message: %v", err)
	}
}
