package checkout

import (
	"fmt"
	"strings"
)

// Tipping is what till tells the reader about tips for one payment
// (process_config on process_payment_intent).
type Tipping struct {
	// Skip hides the tip screen (process_config[skip_tipping]).
	Skip bool `json:"skip,omitempty"`
	// AmountEligible is what percentage tips are worked out on
	// (process_config[tipping][amount_eligible]); 0 sends none, and the reader uses
	// the whole amount.
	AmountEligible int64 `json:"amount_eligible,omitempty"`
}

// TipBase says what a suggested percentage tip is a percentage of.
type TipBase string

// Tip bases.
const (
	TipPreTax TipBase = ""      // the total before tax (the default)
	TipTotal  TipBase = "total" // the whole total, tax included
)

// TipPolicy is the shop's tipping setting.
type TipPolicy struct {
	Enabled bool
	Base    TipBase
}

// ParseTipBase reads the configuration word: "pre_tax" or "total".
func ParseTipBase(s string) (TipBase, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "pre_tax":
		return TipPreTax, nil
	case "total":
		return TipTotal, nil
	}
	return "", fmt.Errorf("tipping.eligible: %q is not pre_tax or total", s)
}

// For is the reader's tipping for a sale with these totals: skipped when the shop has
// tipping off; otherwise percentages on the total before tax (when there is tax) or on
// the total. A bare amount with no cart has totals with no tax, so it is the total.
func (p TipPolicy) For(t CartTotals) *Tipping {
	if !p.Enabled {
		return &Tipping{Skip: true}
	}
	if p.Base == TipPreTax && t.Tax > 0 && t.Total > t.Tax {
		return &Tipping{AmountEligible: t.Total - t.Tax}
	}
	return &Tipping{}
}
