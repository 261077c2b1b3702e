package checkout

import "fmt"

// Replace returns the cart with line i replaced by l (its quantity or price edited),
// checked the way Add checks a new line against the rest of the cart.
func (c Cart) Replace(i int, l Line) (Cart, error) {
	if i < 0 || i >= len(c.Lines) {
		return c, fmt.Errorf("%w: there is no line %d", ErrBadLine, i+1)
	}
	edited, err := c.Remove(i).Add(l)
	if err != nil {
		return c, err
	}
	return edited.moveLast(i), nil
}

// Insert returns the cart with l at position i (a removal undone), checked the way Add
// checks a new line; a position past the end adds it last.
func (c Cart) Insert(i int, l Line) (Cart, error) {
	added, err := c.Add(l)
	if err != nil {
		return c, err
	}
	return added.moveLast(min(max(i, 0), len(c.Lines))), nil
}

// moveLast moves the last line to position i; the cart's lines are its own copy.
func (c Cart) moveLast(i int) Cart {
	n := len(c.Lines) - 1
	last := c.Lines[n]
	copy(c.Lines[i+1:], c.Lines[i:n])
	c.Lines[i] = last
	return c
}
