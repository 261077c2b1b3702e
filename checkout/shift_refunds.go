package checkout

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"
)

// Who made a refund a shift report counts.
const (
	RefundByThisTill  = "this_till"
	RefundByOtherTill = "other_till"   // another till, on this till's payment
	RefundOutsideTill = "outside_till" // the Dashboard or the API, on this till's payment
)

// ShiftRefund is one refund a shift report counts: made by this till, or made by
// anyone else on a payment this till took.
type ShiftRefund struct {
	RefundID        string       `json:"refund_id,omitempty"` // till's id, when a till made it
	StripeID        string       `json:"refund,omitempty"`
	PaymentIntentID string       `json:"payment_intent"`
	OrderID         string       `json:"order_id,omitempty"`
	Amount          Money        `json:"amount"`
	Status          RefundStatus `json:"status"`
	Source          string       `json:"source"` // RefundByThisTill, RefundByOtherTill or RefundOutsideTill
	At              time.Time    `json:"at"`
}

// Outside reports whether the refund was made anywhere but this till.
func (r ShiftRefund) Outside() bool { return r.Source != RefundByThisTill }

// AddRefunds counts a shift's refunds into the report: this till's own (mine, as it
// saved them) and Stripe's (atStripe: the account's refunds of the shift, fresher, and
// the only source for refunds made outside till), keeping of Stripe's those this till
// made or that are on its payments (ours). Only refunds that gave money back (succeeded
// or pending) are summed; a refund of this till still under way is unresolved.
func (r ShiftReport) AddRefunds(mine []Refund, atStripe []StripeRefund, ours func(StripeRefund) bool) ShiftReport {
	inShift := func(t time.Time) bool { return !t.Before(r.Since) && !t.After(r.Until) }
	// Stripe's times are whole seconds: one made in the shift's first second counts.
	inShiftAtStripe := func(t time.Time) bool { return inShift(t) || t.Equal(r.Since.Truncate(time.Second)) }
	mineByID := map[string]Refund{}
	seen := map[string]bool{}
	for _, m := range mine {
		mineByID[m.ID] = m
	}
	r.Refunds = nil
	r.UnresolvedRefunds = nil
	for i := len(atStripe) - 1; i >= 0; i-- { // Stripe lists newest first
		sr := atStripe[i]
		m, isMine := mineByID[sr.TillRefundID]
		if !inShiftAtStripe(sr.Created) || seen[sr.ID] || !(isMine && m.StripeID == sr.ID || ours(sr)) {
			continue
		}
		seen[sr.ID] = true
		row := ShiftRefund{RefundID: sr.TillRefundID, StripeID: sr.ID, PaymentIntentID: sr.PaymentIntentID, OrderID: sr.OrderID,
			Amount: sr.Amount, Status: sr.Status, Source: RefundOutsideTill, At: sr.Created}
		switch {
		case isMine:
			row.Source = RefundByThisTill
		case sr.TillRefundID != "":
			row.Source = RefundByOtherTill
		}
		r.Refunds = append(r.Refunds, row)
	}
	for _, m := range mine {
		switch {
		case !inShift(m.StartedAt) || (m.StripeID != "" && seen[m.StripeID]):
		case m.Phase.UnderWay():
			r.UnresolvedRefunds = append(r.UnresolvedRefunds, m)
		case m.StripeID != "":
			// Stripe was not read (or has not listed it yet): what this till last saw.
			r.Refunds = append(r.Refunds, ShiftRefund{RefundID: m.ID, StripeID: m.StripeID, PaymentIntentID: m.PaymentIntentID,
				OrderID: m.OrderID, Amount: m.Amount, Status: m.Status, Source: RefundByThisTill, At: m.StartedAt})
		}
	}
	sort.SliceStable(r.Refunds, func(i, j int) bool { return r.Refunds[i].At.Before(r.Refunds[j].At) })
	r.Totals = append([]Totals(nil), r.Totals...)
	for _, x := range r.Refunds {
		if !x.Status.Counts() {
			continue
		}
		t := r.totalsOf(x.Amount.Currency)
		t.Refunded = t.Refunded.Add(x.Amount)
		t.RefundCount++
		if x.Outside() {
			t.RefundedOutside = t.RefundedOutside.Add(x.Amount)
			t.RefundOutsideCount++
		}
	}
	return r
}

// totalsOf is the report's totals in a currency, added (in order) when missing.
func (r *ShiftReport) totalsOf(cur string) *Totals {
	for i := range r.Totals {
		if r.Totals[i].Currency == cur {
			return &r.Totals[i]
		}
	}
	r.Totals = append(r.Totals, *newTotals(cur))
	sort.Slice(r.Totals, func(i, j int) bool { return r.Totals[i].Currency < r.Totals[j].Currency })
	return r.totalsOf(cur)
}

// RefundBook is where a till keeps its refunds and sessions.
type RefundBook interface {
	Refunds(since time.Time) ([]Refund, error)
	Session(orderID string) (Session, bool, error)
}

// RefundLister lists the account's refunds since a time, each with its payment's till.
type RefundLister interface {
	RefundsSince(ctx context.Context, since time.Time, limit int) ([]StripeRefund, error)
}

// ShiftRefundsLimit bounds the refunds one report reads from Stripe.
const ShiftRefundsLimit = 1000

// ShiftWithRefunds adds the shift's refunds to a report: this till's, and Stripe's on
// this till's payments (its till_id, or a payment this till's journal holds). When
// Stripe cannot be read the report keeps this till's own refunds and says so in
// RefundsNote; the error returned is the journal's only.
func ShiftWithRefunds(ctx context.Context, r ShiftReport, book RefundBook, g RefundLister, tillID string) (ShiftReport, error) {
	mine, err := book.Refunds(r.Since)
	if err != nil {
		return r, err
	}
	atStripe, listErr := g.RefundsSince(ctx, r.Since, ShiftRefundsLimit)
	ours := func(sr StripeRefund) bool {
		if tillID != "" && sr.PaymentTillID == tillID {
			return true
		}
		s, found, err := book.Session(sr.OrderID)
		return err == nil && found && s.PaymentIntentID == sr.PaymentIntentID
	}
	r = r.AddRefunds(mine, atStripe, ours)
	if listErr != nil {
		r.RefundsNote = "refunds made outside this till could not be read from Stripe: " + ExplainReadWithDetail(AsFailure(listErr))
	} else if len(atStripe) == ShiftRefundsLimit {
		r.RefundsNote = fmt.Sprintf("only the newest %d refunds of the account were read from Stripe", ShiftRefundsLimit)
	}
	return r, nil
}

// RefundsBlockClose refuses to close a shift while a refund's outcome is not known,
// naming them. A pending refund does not block: Stripe has it and may take days.
func RefundsBlockClose(open []Refund) error {
	var names []string
	for _, x := range open {
		if x.Phase.UnderWay() {
			names = append(names, fmt.Sprintf("%s (order %s, %s, %s)", x.ID, x.OrderID, x.Amount, x.Phase))
		}
	}
	if len(names) == 0 {
		return nil
	}
	return fmt.Errorf("the shift cannot close: %d refund(s) under way: %s; finish them first with till refund --refund-id",
		len(names), strings.Join(names, ", "))
}
