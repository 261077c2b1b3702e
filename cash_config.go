package main

import (
	"fmt"
	"strings"

	"github.com/till-pos/till/checkout"
)

// cashIncrement reads cash.rounding, the smallest amount the till's cash comes in:
// "auto" (the currency's own rule, checkout.CashIncrement), "none" (exact amounts), or an
// amount in the major unit such as 0.05.
func cashIncrement(text, currency string) (int64, error) {
	switch t := strings.ToLower(strings.TrimSpace(text)); t {
	case "", "auto":
		return checkout.CashIncrement(currency), nil
	case "none":
		return 1, nil
	}
	m, err := checkout.ParseAmount(text, currency)
	if err != nil {
		return 0, fmt.Errorf("cash.rounding: %q is not auto, none or an amount like 0.05 (%v)", text, err)
	}
	return m.Amount, nil
}
