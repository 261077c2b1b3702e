package checkout

import (
	"context"
	"slices"
	"time"
)

// ShiftLedger is what a shift's report and its close read: the shift book and this
// till's refunds. The store implements it.
type ShiftLedger interface {
	ShiftBook
	RefundBook
	UnfinishedRefunds() ([]Refund, error)
}

// Shift is a till's shift as the screen's Shift pane and `till shift` both report and
// close it: the journal's totals with the refunds, this till's and Stripe's on its
// payments. Both call these methods, so they count and refuse alike.
type Shift struct {
	Ledger ShiftLedger
	Stripe RefundLister
	TillID string
}

// Report is the current shift with its refunds. The error is the journal's: when
// Stripe cannot be read, the report keeps this till's own refunds and says so in
// RefundsNote.
func (s Shift) Report(ctx context.Context, now time.Time) (ShiftReport, error) {
	r, err := CurrentShift(s.Ledger, now)
	if err != nil {
		return r, err
	}
	return s.withRefunds(ctx, r)
}

// Close ends the current shift at now, refused while a payment is unresolved or any of
// this till's refunds is under way (whenever it started: its outcome is not known). keep,
// when not nil, gets the final report, refunds included, before the close is recorded
// (the screen exports it there); its error leaves the shift open.
func (s Shift) Close(ctx context.Context, now time.Time, keep func(ShiftReport) error) (ShiftReport, error) {
	return CloseShift(s.Ledger, now, func(r ShiftReport) (ShiftReport, error) {
		r, err := s.withRefunds(ctx, r)
		if err == nil {
			err = r.CanClose()
		}
		if err == nil && keep != nil {
			err = keep(r)
		}
		return r, err
	})
}

// withRefunds adds the shift's refunds, and every refund of this till under way however
// long ago it started: those are what keep the shift from closing.
func (s Shift) withRefunds(ctx context.Context, r ShiftReport) (ShiftReport, error) {
	r, err := ShiftWithRefunds(ctx, r, s.Ledger, s.Stripe, s.TillID)
	if err != nil {
		return r, err
	}
	open, err := s.Ledger.UnfinishedRefunds()
	if err != nil {
		return r, err
	}
	r.UnresolvedRefunds = slices.DeleteFunc(open, func(x Refund) bool { return !x.Phase.UnderWay() })
	return r, nil
}
