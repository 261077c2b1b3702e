package checkout

import "fmt"

// AddItem adds a catalogue line. A line for the same SKU at the same price and rate,
// with no discount of its own, takes the quantity instead (a second scan of the same
// item adds one to its line). It returns the cart and the index of the line changed.
func (c Cart) AddItem(l Line) (Cart, int, error) {
	for i, have := range c.Lines {
		if l.SKU == "" || have.SKU != l.SKU || have.UnitPrice != l.UnitPrice || have.TaxRate != l.TaxRate ||
			have.TaxClass != l.TaxClass || have.Discount != nil || l.Discount != nil {
			continue
		}
		if l.Quantity <= 0 || have.Quantity+l.Quantity > MaxQuantity {
			return c, i, fmt.Errorf("%w: the quantity must be between 1 and %d", ErrBadLine, MaxQuantity)
		}
		next := c.withLines()
		next.Lines[i].Quantity += l.Quantity
		if err := next.check(); err != nil {
			return c, i, fmt.Errorf("%w: %v", ErrBadLine, err)
		}
		return next, i, nil
	}
	next, err := c.Add(l)
	return next, len(next.Lines) - 1, err
}

// SetLineDiscount puts a discount on line i, or takes it off with nil.
func (c Cart) SetLineDiscount(i int, d *Discount) (Cart, error) {
	if i < 0 || i >= len(c.Lines) {
		return c, fmt.Errorf("%w: there is no line %d", ErrBadDiscount, i+1)
	}
	next := c.withLines()
	next.Lines[i].Discount = copyDiscount(d)
	if err := next.check(); err != nil {
		return c, err
	}
	return next, nil
}

// SetDiscount puts a discount on the whole order, or takes it off with nil. It
// applies after the lines' own discounts.
func (c Cart) SetDiscount(d *Discount) (Cart, error) {
	next := c
	next.Discount = copyDiscount(d)
	if err := next.check(); err != nil {
		return c, err
	}
	return next, nil
}

// withLines is the cart with its own copy of the lines, so changing one leaves the
// cart it came from as it was.
func (c Cart) withLines() Cart {
	c.Lines = append([]Line(nil), c.Lines...)
	return c
}

func copyDiscount(d *Discount) *Discount {
	if d == nil {
		return nil
	}
	cp := *d
	return &cp
}
