package checkout

import (
	"fmt"
	"sort"
)

// LineTotals is one line's share of the cart's money, in minor units.
type LineTotals struct {
	Gross         int64 `json:"gross"`          // unit price × quantity
	LineDiscount  int64 `json:"line_discount"`  // the line's own discount
	OrderDiscount int64 `json:"order_discount"` // the line's share of the order's discount
	Net           int64 `json:"net"`            // Gross less both discounts: the price tax applies to, or includes
	Tax           int64 `json:"tax"`
	Total         int64 `json:"total"` // what the line costs: Net plus Tax, or Net when prices include tax
}

// TaxLine is the tax of one class and rate: the amount it was charged on (without
// tax) and the tax. Receipts show one per rate, as EU VAT rules ask.
type TaxLine struct {
	Class string `json:"class"`
	Rate  Rate   `json:"rate"`
	Base  int64  `json:"base"`
	Tax   int64  `json:"tax"`
}

// CartTotals is the arithmetic of a cart. Subtotal − Discount (+ Tax when prices
// exclude it) = Total; the lines' Tax and Total add up to the cart's exactly.
type CartTotals struct {
	Currency  string       `json:"currency"`
	Inclusive bool         `json:"tax_inclusive"`
	Lines     []LineTotals `json:"lines"`
	Subtotal  int64        `json:"subtotal"` // the lines before any discount
	Discount  int64        `json:"discount"` // every line discount and the order's
	Tax       int64        `json:"tax"`      // added on top, or included in Total
	Total     int64        `json:"total"`    // what the customer pays, before any tip
	Taxes     []TaxLine    `json:"taxes,omitempty"`
}

// Totals works the cart out in integers, in this order:
//
//  1. each line's gross, less its own discount (a percentage rounded half up);
//  2. the order's discount, on what is left (at most all of it), shared among the
//     lines in proportion to it (largest remainder, so the shares add up exactly);
//  3. tax on each line's net: exact as the rational net×rate/1e6 (prices before tax)
//     or net×rate/(1e6+rate) (prices that include it), rounded half up — per line
//     with RoundLine, or once per tax class and rate on the sum of its lines with
//     RoundTotal, that rounded tax then shared among the lines as in step 2.
//
// It assumes a cart that Add and the discount setters accepted.
func (c Cart) Totals() CartTotals {
	t := CartTotals{Currency: c.Currency, Inclusive: c.Pricing.Inclusive(), Lines: make([]LineTotals, len(c.Lines))}
	after := make([]int64, len(c.Lines))
	var left int64
	for i, l := range c.Lines {
		lt := &t.Lines[i]
		lt.Gross = l.Total()
		lt.LineDiscount = l.Discount.off(lt.Gross)
		after[i] = lt.Gross - lt.LineDiscount
		left += after[i]
		t.Subtotal += lt.Gross
	}
	// A fixed order discount larger than what is left (a line was removed after it
	// was given) takes what there is: no line ever goes below zero.
	for i, share := range allocate(min(c.Discount.off(left), left), after) {
		lt := &t.Lines[i]
		lt.OrderDiscount = share
		lt.Net = after[i] - share
		t.Discount += lt.LineDiscount + share
	}
	c.tax(&t)
	for i := range t.Lines {
		lt := &t.Lines[i]
		lt.Total = lt.Net
		if !t.Inclusive {
			lt.Total += lt.Tax
		}
		t.Tax += lt.Tax
		t.Total += lt.Total
	}
	return t
}

// tax fills each line's Tax and the per-rate breakdown.
func (c Cart) tax(t *CartTotals) {
	type group struct {
		TaxLine
		lines []int
	}
	type key struct {
		class string
		rate  Rate
	}
	var groups []*group
	byKey := map[key]*group{}
	for i, l := range c.Lines {
		if l.TaxRate == 0 && l.TaxClass == "" {
			continue // a free line with no class: no tax
		}
		k := key{l.TaxClass, l.TaxRate}
		g := byKey[k]
		if g == nil {
			g = &group{TaxLine: TaxLine{Class: l.TaxClass, Rate: l.TaxRate}}
			byKey[k] = g
			groups = append(groups, g)
		}
		g.lines = append(g.lines, i)
	}
	for _, g := range groups {
		nets := make([]int64, len(g.lines))
		var sum int64
		for k, i := range g.lines {
			nets[k] = t.Lines[i].Net
			sum += nets[k]
		}
		if c.Pricing.Rounding == RoundLine {
			for _, i := range g.lines {
				t.Lines[i].Tax = divRound(taxFraction(t.Lines[i].Net, g.Rate, c.Pricing))
				g.Tax += t.Lines[i].Tax
			}
		} else {
			g.Tax = divRound(taxFraction(sum, g.Rate, c.Pricing))
			for k, share := range allocate(g.Tax, nets) {
				t.Lines[g.lines[k]].Tax = share
			}
		}
		g.Base = sum
		if c.Pricing.Inclusive() {
			g.Base -= g.Tax
		}
		t.Taxes = append(t.Taxes, g.TaxLine)
	}
	sort.SliceStable(t.Taxes, func(i, j int) bool { return t.Taxes[i].Rate < t.Taxes[j].Rate })
}

// allocate shares total among the weights in proportion (largest remainder: each
// share is rounded down, and the units left over go to the largest remainders, the
// earlier line first on a tie). The shares add up to total exactly. total×weight
// must fit in an int64: both stay below MaxAmount in a valid cart.
func allocate(total int64, weights []int64) []int64 {
	shares := make([]int64, len(weights))
	var sum int64
	for _, w := range weights {
		sum += w
	}
	if total == 0 || sum == 0 {
		return shares
	}
	rems := make([]int64, len(weights))
	left := total
	for i, w := range weights {
		shares[i], rems[i] = total*w/sum, total*w%sum
		left -= shares[i]
	}
	order := make([]int, len(weights))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return rems[order[a]] > rems[order[b]] })
	for _, i := range order[:left] {
		shares[i]++
	}
	return shares
}

// check verifies what Totals assumes: valid discounts no larger than what they apply
// to, and amounts that stay within MaxAmount.
func (c Cart) check() error {
	var left int64
	for i, l := range c.Lines {
		if l.Discount == nil {
			left += l.Total()
			continue
		}
		if err := l.Discount.valid(); err != nil {
			return fmt.Errorf("line %d: %w", i+1, err)
		}
		off := l.Discount.off(l.Total())
		if off > l.Total() {
			return fmt.Errorf("%w: line %d's discount, %s, is more than the line", ErrBadDiscount, i+1, Money{off, c.Currency})
		}
		left += l.Total() - off
	}
	if d := c.Discount; d != nil {
		if err := d.valid(); err != nil {
			return err
		}
		if off := d.off(left); off > left {
			return fmt.Errorf("%w: the order's discount, %s, is more than the order", ErrBadDiscount, Money{off, c.Currency})
		}
	}
	t := c.Totals()
	if t.Subtotal > MaxAmount || t.Total > MaxAmount {
		return fmt.Errorf("the total would be more than the largest amount, %s", Money{MaxAmount, c.Currency})
	}
	return nil
}
