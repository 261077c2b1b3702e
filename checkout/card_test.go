package checkout

import "testing"

func TestCardBrandName(t *testing.T) {
	for brand, want := range map[string]string{"amex": "American Express", "eftpos_au": "eftpos", "newbrand": "newbrand", "": ""} {
		if got := (Card{Brand: brand}).BrandName(); got != want {
			t.Errorf("%q: %q, want %q", brand, got, want)
		}
	}
}
