package checkout

import (
	"errors"
	"fmt"
	"strings"
)

// Line is one line of a cart: a description, a unit price and a quantity; a catalogue
// item's line also names its SKU and tax class. The class's rate is copied into the
// line when it is added, so the order keeps the rate it was sold at.
type Line struct {
	Description string    `json:"description"`
	UnitPrice   int64     `json:"unit_price"` // minor units of the cart's currency
	Quantity    int64     `json:"quantity"`
	SKU         string    `json:"sku,omitempty"`
	TaxClass    string    `json:"tax_class,omitempty"`
	TaxRate     Rate      `json:"tax_rate,omitempty"`
	Discount    *Discount `json:"discount,omitempty"`
}

// Total is the line's price times its quantity, before any discount.
func (l Line) Total() int64 { return l.UnitPrice * l.Quantity }

// Cart is what the customer is buying. It is a value: the methods return a new cart.
type Cart struct {
	Currency string    `json:"currency"`
	Lines    []Line    `json:"lines,omitempty"`
	Discount *Discount `json:"discount,omitempty"` // on the whole order, after line discounts
	Pricing  Pricing   `json:"pricing,omitempty"`
}

// MaxQuantity bounds one line's quantity, so totals can never overflow.
const MaxQuantity = 9999

// ErrBadLine is wrapped by every error Add returns.
var ErrBadLine = errors.New("bad line")

// Add returns the cart with one more line, or an error saying what is wrong with it.
func (c Cart) Add(l Line) (Cart, error) {
	l.Description = strings.TrimSpace(l.Description)
	switch {
	case l.Description == "":
		return c, fmt.Errorf("%w: give the line a description", ErrBadLine)
	case l.UnitPrice <= 0:
		return c, fmt.Errorf("%w: the price must be above zero", ErrBadLine)
	case l.Quantity <= 0 || l.Quantity > MaxQuantity:
		return c, fmt.Errorf("%w: the quantity must be between 1 and %d", ErrBadLine, MaxQuantity)
	case l.UnitPrice > MaxAmount || l.Total() > MaxAmount:
		return c, fmt.Errorf("%w: the total would be more than the largest amount, %s", ErrBadLine, Money{MaxAmount, c.Currency})
	case l.TaxRate < 0 || l.TaxRate > RateScale:
		return c, fmt.Errorf("%w: the tax rate must be between 0%% and 100%%", ErrBadLine)
	}
	lines := make([]Line, len(c.Lines), len(c.Lines)+1)
	copy(lines, c.Lines)
	next := c
	next.Lines = append(lines, l)
	if err := next.check(); err != nil {
		return c, fmt.Errorf("%w: %v", ErrBadLine, err)
	}
	return next, nil
}

// Remove returns the cart without line i; an index out of range changes nothing.
func (c Cart) Remove(i int) Cart {
	if i < 0 || i >= len(c.Lines) {
		return c
	}
	lines := make([]Line, 0, len(c.Lines)-1)
	lines = append(lines, c.Lines[:i]...)
	c.Lines = append(lines, c.Lines[i+1:]...)
	return c
}

// Total is what the customer pays before any tip: the lines, less discounts, plus tax
// when prices exclude it (Totals has the parts).
func (c Cart) Total() Money { return Money{Amount: c.Totals().Total, Currency: c.Currency} }

// Empty reports whether the cart has no lines.
func (c Cart) Empty() bool { return len(c.Lines) == 0 }
