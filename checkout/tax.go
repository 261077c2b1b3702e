package checkout

import (
	"fmt"
	"sort"
	"strings"
)

// TaxMode says whether prices include tax.
type TaxMode string

// Tax modes.
const (
	// TaxExclusive prices are before tax, which is added on top (US sales tax). It is
	// the zero value, so a cart with no tax rates totals what its lines add to.
	TaxExclusive TaxMode = ""
	// TaxInclusive prices include tax, which the receipt shows as a part of the total
	// (EU VAT).
	TaxInclusive TaxMode = "inclusive"
)

// Rounding says where tax is rounded to the currency's minor unit.
type Rounding string

// Roundings.
const (
	// RoundTotal computes the exact tax on the sum of each rate's lines and rounds it
	// once per rate (once on the total when every line has the same rate). It is the
	// zero value.
	RoundTotal Rounding = ""
	// RoundLine rounds each line's tax, and the tax is the sum of the rounded lines.
	RoundLine Rounding = "line"
)

// Pricing is how a cart turns prices into a total: the shop's tax mode and rounding,
// kept in the cart so an order keeps the rules it was sold under.
type Pricing struct {
	Mode     TaxMode  `json:"tax_mode,omitempty"`
	Rounding Rounding `json:"rounding,omitempty"`
}

// ParsePricing reads the configuration words: "exclusive" or "inclusive", and "line"
// or "total".
func ParsePricing(mode, rounding string) (Pricing, error) {
	var p Pricing
	switch strings.ToLower(strings.TrimSpace(mode)) {
	case "", "exclusive":
		p.Mode = TaxExclusive
	case "inclusive":
		p.Mode = TaxInclusive
	default:
		return p, fmt.Errorf("tax.mode: %q is not exclusive or inclusive", mode)
	}
	switch strings.ToLower(strings.TrimSpace(rounding)) {
	case "", "total":
		p.Rounding = RoundTotal
	case "line":
		p.Rounding = RoundLine
	default:
		return p, fmt.Errorf("tax.rounding: %q is not line or total", rounding)
	}
	return p, nil
}

// Inclusive reports whether prices include tax.
func (p Pricing) Inclusive() bool { return p.Mode == TaxInclusive }

// TaxClasses are the shop's tax classes: a name ("food", "standard") and its rate.
type TaxClasses map[string]Rate

// Names lists the classes, sorted, for messages.
func (c TaxClasses) Names() []string {
	names := make([]string, 0, len(c))
	for n := range c {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// taxFraction is the exact tax in an amount at a rate as the fraction num/den:
// amount×r/1e6 on top of a price before tax, amount×r/(1e6+r) inside a price that
// includes it.
func taxFraction(amount int64, r Rate, p Pricing) (num, den int64) {
	if p.Inclusive() {
		return amount * int64(r), int64(RateScale + r)
	}
	return amount * int64(r), int64(RateScale)
}
