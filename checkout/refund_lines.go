package checkout

import (
	"errors"
	"fmt"
)

// ErrBadRefundLines is wrapped by errors about the lines asked to be given back.
var ErrBadRefundLines = errors.New("cannot refund those lines")

// LinesToRefund reads which units of the sold cart specs give back: "SKU" (one unit)
// or "SKU:QTY", taken from the lines with that SKU in order, past the units already
// given back (by this till's earlier refunds of the order).
func LinesToRefund(cart Cart, specs []string, already []RefundLine) ([]RefundLine, error) {
	left := UnitsLeft(cart, already)
	var out []RefundLine
	for _, spec := range specs {
		sku, want, err := ParseItemSpec(spec)
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrBadRefundLines, err)
		}
		sold, have := int64(0), int64(0)
		for i, l := range cart.Lines {
			if l.SKU == sku {
				sold += l.Quantity
				have += left[i]
			}
		}
		switch {
		case sold == 0:
			return nil, fmt.Errorf("%w: the order sold no %s", ErrBadRefundLines, sku)
		case want > have:
			return nil, fmt.Errorf("%w: %d of %s were sold and %d are left to refund, not %d", ErrBadRefundLines, sold, sku, have, want)
		}
		for i, l := range cart.Lines {
			if l.SKU != sku || left[i] == 0 || want == 0 {
				continue
			}
			n := min(want, left[i])
			out = append(out, RefundLine{Line: i, SKU: sku, Quantity: n})
			left[i] -= n
			want -= n
		}
	}
	return out, nil
}

// LinesAmount is what giving back lines of the sold cart comes to, each with its share
// of the discounts and tax. A line's units are priced so that giving back all of them,
// over any number of refunds, gives back exactly what the line cost: each refund takes
// the line's total for the units given back so far, less what earlier refunds took.
func LinesAmount(cart Cart, lines []RefundLine, already []RefundLine) (Money, error) {
	totals := cart.Totals()
	done := make([]int64, len(cart.Lines))
	for _, r := range already {
		if r.Line >= 0 && r.Line < len(done) {
			done[r.Line] += r.Quantity
		}
	}
	sum := Money{Currency: cart.Currency}
	for _, r := range lines {
		if r.Line < 0 || r.Line >= len(cart.Lines) || r.Quantity < 1 {
			return Money{}, fmt.Errorf("%w: the order has no line %d", ErrBadRefundLines, r.Line+1)
		}
		l := cart.Lines[r.Line]
		if done[r.Line]+r.Quantity > l.Quantity {
			return Money{}, fmt.Errorf("%w: line %d sold %d and %d are left to refund, not %d",
				ErrBadRefundLines, r.Line+1, l.Quantity, l.Quantity-done[r.Line], r.Quantity)
		}
		total := totals.Lines[r.Line].Total
		sum.Amount += share(total, l.Quantity, done[r.Line]+r.Quantity) - share(total, l.Quantity, done[r.Line])
		done[r.Line] += r.Quantity
	}
	return sum, nil
}

// share is n of a line's q units' part of its total, rounded half up.
func share(total, q, n int64) int64 { return (2*total*n + q) / (2 * q) }

// UnitsLeft is, per line of the sold cart, the units not yet given back.
func UnitsLeft(cart Cart, already []RefundLine) []int64 {
	left := make([]int64, len(cart.Lines))
	for i, l := range cart.Lines {
		left[i] = l.Quantity
	}
	for _, r := range already {
		if r.Line >= 0 && r.Line < len(left) {
			left[r.Line] = max(left[r.Line]-r.Quantity, 0)
		}
	}
	return left
}

// RefundedLines are the lines that refunds gave back, or may still give back: every
// refund but those that ended with nothing refunded, so the same units are never
// given back twice.
func RefundedLines(refunds []Refund) []RefundLine {
	var out []RefundLine
	for _, r := range refunds {
		if r.Phase != RefundFailed && r.Phase != RefundCanceled {
			out = append(out, r.Lines...)
		}
	}
	return out
}
