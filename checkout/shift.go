package checkout

import (
	"fmt"
	"sort"
	"strings"
	"time"
)

// Totals are a shift's sums in one currency, from this till's sessions. Captured is
// the sales (the orders' totals); Tips are what customers added on the reader, so
// Stripe captured Captured + Tips.
type Totals struct {
	Currency                                 string
	Captured, Refunded, Canceled, Unresolved Money // Refunded counts once AddRefunds has run
	Tips                                     Money
	Paid, CanceledCount, UnresolvedCount     int
	RefundCount                              int
	// RefundedOutside is the part of Refunded made outside this till (the Dashboard,
	// the API, another till) on this till's payments.
	RefundedOutside    Money
	RefundOutsideCount int
	// Cash is what cash sales put in the drawer (the amounts due after cash rounding);
	// CashRounding is that minus the sales' amounts. Captured counts cards only.
	Cash, CashRounding Money
	CashCount          int
}

// ShiftReport is what a till took between two times.
type ShiftReport struct {
	Since, Until time.Time
	Totals       []Totals  // sorted by currency
	Unresolved   []Summary // not finished, oldest first

	Refunds           []ShiftRefund // oldest first (AddRefunds)
	UnresolvedRefunds []Refund      // this till's refunds under way
	RefundsNote       string        // why the refunds may be incomplete, if they may
}

// newTotals are a currency's totals before anything is counted: every sum zero in it.
func newTotals(cur string) *Totals {
	zero := Money{Currency: cur}
	return &Totals{Currency: cur, Captured: zero, Refunded: zero, Canceled: zero, Unresolved: zero, Tips: zero, RefundedOutside: zero,
		Cash: zero, CashRounding: zero}
}

// Report sums the orders that started in [since, until]. An order still building its
// cart has reached no reader and counts nowhere; every other unfinished one is unresolved.
func Report(orders []Summary, since, until time.Time) ShiftReport {
	r := ShiftReport{Since: since, Until: until}
	byCur := map[string]*Totals{}
	for _, s := range orders {
		if s.Phase == Building || s.StartedAt.Before(since) || s.StartedAt.After(until) {
			continue
		}
		cur := s.Amount.Currency
		t := byCur[cur]
		if t == nil {
			t = newTotals(cur)
			byCur[cur] = t
		}
		switch s.Phase {
		case Paid:
			if s.Cash != nil {
				t.addCash(*s.Cash, s.Amount)
				break
			}
			t.Captured = t.Captured.Add(s.Amount)
			t.Tips.Amount += s.Tip
			t.Paid++
		case Canceled:
			t.Canceled = t.Canceled.Add(s.Amount)
			t.CanceledCount++
		default:
			// What the card may still be charged: the tip the customer chose is
			// authorized with the order, and there is no column of unresolved tips.
			t.Unresolved = t.Unresolved.Add(s.WithTip())
			t.UnresolvedCount++
			r.Unresolved = append(r.Unresolved, s)
		}
	}
	for _, t := range byCur {
		r.Totals = append(r.Totals, *t)
	}
	sort.Slice(r.Totals, func(i, j int) bool { return r.Totals[i].Currency < r.Totals[j].Currency })
	sort.SliceStable(r.Unresolved, func(i, j int) bool { return r.Unresolved[i].StartedAt.Before(r.Unresolved[j].StartedAt) })
	return r
}

// CanClose refuses to close a shift that left payments unresolved, naming their orders,
// or refunds under way (once AddRefunds has run).
func (r ShiftReport) CanClose() error {
	if len(r.Unresolved) == 0 {
		return RefundsBlockClose(r.UnresolvedRefunds)
	}
	names := make([]string, len(r.Unresolved))
	for i, s := range r.Unresolved {
		names[i] = fmt.Sprintf("%s (%s, %s)", s.OrderID, s.Phase, s.Amount)
	}
	noun := "payments are"
	if len(names) == 1 {
		noun = "payment is"
	}
	return fmt.Errorf("the shift cannot close: %d %s unresolved: %s; capture or cancel them first",
		len(names), noun, strings.Join(names, ", "))
}
