package checkout

import "fmt"

// CashBook is where a cash sale is kept: the session (what the shift report counts) and
// the order's journal. The store implements it.
type CashBook interface {
	SaveSession(Session) error
	Journal
}

// ErrCashNotKept wraps the error of a cash sale the book could not keep.
type ErrCashNotKept struct{ Err error }

func (e *ErrCashNotKept) Error() string {
	return "could not record the cash sale, so it is not in the journal or the shift report: " + e.Err.Error()
}

func (e *ErrCashNotKept) Unwrap() error { return e.Err }

// RecordCash takes a cash sale through the machine and keeps it: the screen's cash page
// and till pay --cash both call it. A refused sale (ErrBadCash: short, no amount) is
// not kept; one the book could not keep returns *ErrCashNotKept.
func RecordCash(b CashBook, s Session, ev CashTendered) (Session, error) {
	paid, _, err := Apply(s, ev)
	if err != nil {
		return s, err
	}
	if err := b.SaveSession(paid); err != nil {
		return s, &ErrCashNotKept{Err: err}
	}
	c := paid.Cash
	// The note is for people reading the order's timeline; the session is the record.
	_, _ = b.Append(Entry{OrderID: paid.OrderID, At: ev.At, Stage: StageNote, Step: "cash", Phase: paid.Phase.String(),
		Outcome: fmt.Sprintf("paid in cash: due %s, given %s, change %s", c.Due, c.Given, c.Change)})
	return paid, nil
}
