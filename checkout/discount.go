package checkout

import (
	"errors"
	"fmt"
	"strings"
)

// Discount takes money off a line or the whole order: a fixed amount or a percentage.
// Exactly one of Amount and Percent is set.
type Discount struct {
	Amount  int64 `json:"amount,omitempty"`  // minor units of the cart's currency
	Percent Rate  `json:"percent,omitempty"` // of the line, or of the order after line discounts
}

// ErrBadDiscount is wrapped by every discount error.
var ErrBadDiscount = errors.New("bad discount")

// ParseDiscount reads a discount typed by a person: "10%" is a percentage, "1.50" an
// amount in the currency's major unit.
func ParseDiscount(text, currency string) (Discount, error) {
	s := strings.TrimSpace(text)
	if strings.HasSuffix(s, "%") {
		r, err := ParseRate(s)
		if err != nil {
			return Discount{}, fmt.Errorf("%w: %v", ErrBadDiscount, err)
		}
		if r == 0 {
			return Discount{}, fmt.Errorf("%w: the percentage must be above zero", ErrBadDiscount)
		}
		return Discount{Percent: r}, nil
	}
	m, err := ParseAmount(s, currency)
	if err != nil {
		return Discount{}, fmt.Errorf("%w: %v; or a percentage like 10%%", ErrBadDiscount, err)
	}
	return Discount{Amount: m.Amount}, nil
}

// valid checks the discount's own fields.
func (d Discount) valid() error {
	switch {
	case d.Amount < 0 || d.Percent < 0:
		return fmt.Errorf("%w: a discount cannot be negative", ErrBadDiscount)
	case d.Amount > 0 && d.Percent > 0:
		return fmt.Errorf("%w: give an amount or a percentage, not both", ErrBadDiscount)
	case d.Amount == 0 && d.Percent == 0:
		return fmt.Errorf("%w: the discount is zero", ErrBadDiscount)
	case d.Percent > RateScale:
		return fmt.Errorf("%w: a discount cannot be more than 100%%", ErrBadDiscount)
	}
	return nil
}

// off is how much the discount takes off an amount: the fixed amount, or the
// percentage rounded half up.
func (d *Discount) off(amount int64) int64 {
	if d == nil {
		return 0
	}
	if d.Percent > 0 {
		return d.Percent.Of(amount)
	}
	return d.Amount
}

// Label says what the discount is, for the cart and the receipt: "10% off" or
// "$1.50 off".
func (d Discount) Label(currency string) string {
	if d.Percent > 0 {
		return d.Percent.String() + " off"
	}
	return Money{Amount: d.Amount, Currency: currency}.String() + " off"
}
