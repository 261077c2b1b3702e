package support

import (
	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/ui/common"
)

// explain words a payment's failure on its reader. A reader in use is told as support
// knows it (checkout.ExplainInUse): the reader by name, whose the work on it is (a lane
// of this till: the cashier's payment or refund, support's own, one of this till's
// journal) and, as support has no take-over, the Readers pane's cancel in its place
// (said of the screen by name: the words can come after the cashier's screen is back).
func (m Model) explain(f *checkout.Failure, readerID string) string {
	if !f.ReaderInUse() {
		return checkout.Explain(f)
	}
	in := checkout.InUse{Reader: common.ReaderName(m.ck.Readers, readerID), Mine: m.Whose(f.Message)}
	words := checkout.ExplainInUse(f.Message, in)
	if in.Mine == "" {
		words += " The support screen's Readers pane cancels its action (x)."
	}
	return words
}

// Whose names this till's unfinished work with the id other (a PaymentIntent or a
// refund), "order O-1" or "refund re_1", or "" when support knows of none: the
// cashier's payment, queue and refund, support's lane, the journal's unfinished. The
// root hands the cashier's pages its name for the work on a reader they find in use.
func (m Model) Whose(other string) string {
	if other == "" {
		return ""
	}
	if r := m.ck.Refund; r.ID == other {
		return "refund " + r.ID
	}
	sessions := append([]checkout.Session{m.ck.Session, m.lane.Session()}, m.ck.Pending...)
	for _, s := range sessions {
		if s.PaymentIntentID == other {
			return "order " + s.OrderID
		}
	}
	return m.payments.Whose(other)
}
