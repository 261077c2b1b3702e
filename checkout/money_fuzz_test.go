package checkout

import (
	"errors"
	"strings"
	"testing"
)

// FuzzParseAmount: whatever a person types, ParseAmount either refuses it with
// ErrBadAmount or returns an amount Stripe takes (above zero, at most MaxAmount, on the
// currency's step) that reads back the same from its own decimal form.
func FuzzParseAmount(f *testing.F) {
	for _, seed := range []struct{ text, cur string }{
		{"12.34", "usd"}, {"12", "eur"}, {".5", "gbp"}, {"1200", "jpy"}, {"12.34", "kwd"}, {"12.345", "kwd"},
		{"5", "isk"}, {"100", "mga"}, {"999999.99", "usd"}, {"-1", "usd"}, {"1e3", "usd"}, {"١٢", "usd"},
		{"0.00", "usd"}, {" 7 ", "USD"}, {"1,000", "usd"}, {"99999999999999999999", "usd"}, {"5", "xyz"},
	} {
		f.Add(seed.text, seed.cur)
	}
	f.Fuzz(func(t *testing.T, text, currency string) {
		m, err := ParseAmount(text, currency)
		if err != nil {
			if !errors.Is(err, ErrBadAmount) {
				t.Fatalf("ParseAmount(%q, %q): %v does not wrap ErrBadAmount", text, currency, err)
			}
			return
		}
		cur := strings.ToLower(strings.TrimSpace(currency))
		if m.Currency != cur || !KnownCurrency(cur) {
			t.Fatalf("ParseAmount(%q, %q) currency %q", text, currency, m.Currency)
		}
		if m.Amount <= 0 || m.Amount > MaxAmount || m.Amount%AmountStep(cur) != 0 {
			t.Fatalf("ParseAmount(%q, %q) = %d: not an amount Stripe takes", text, currency, m.Amount)
		}
		back, err := ParseAmount(m.Decimal(), cur)
		if err != nil || back != m {
			t.Fatalf("%q %s reads back from %q as %+v, %v", text, cur, m.Decimal(), back, err)
		}
		_ = m.String()
	})
}
