package checkout

import "time"

// Summary is what history and the shift report need of an order: how it ended, not the
// steps it took. The store keeps one for every order, small enough to read ten thousand
// in a few milliseconds, and keeps it after the order is archived.
type Summary struct {
	OrderID         string
	PaymentIntentID string
	Phase           Phase
	Amount          Money
	Tip             int64 // what the customer added on the reader, in Amount's currency
	Cash            *Cash // set for a sale paid in cash
	ReaderID        string
	Card            Card
	StartedAt       time.Time
	UpdatedAt       time.Time
}

// SummariesOf is the summary of each session, in order.
func SummariesOf(sessions []Session) []Summary {
	out := make([]Summary, len(sessions))
	for i, s := range sessions {
		out[i] = s.Summary()
	}
	return out
}

// Summary is the session's summary.
func (s Session) Summary() Summary {
	return Summary{OrderID: s.OrderID, PaymentIntentID: s.PaymentIntentID, Phase: s.Phase, Amount: s.Amount, Tip: s.Tip, Cash: s.Cash,
		ReaderID: s.ReaderID, Card: s.Card, StartedAt: s.StartedAt, UpdatedAt: s.UpdatedAt}
}
