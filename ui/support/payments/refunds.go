package payments

import (
	tea "github.com/charmbracelet/bubbletea"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/ui/common"
)

// RefundJournal lists this till's refunds whose outcome is not settled.
type RefundJournal interface {
	UnfinishedRefunds() ([]checkout.Refund, error)
}

// refundsMsg is this till's unfinished refunds.
type refundsMsg struct {
	refunds []checkout.Refund
	err     error
}

// refundsCmd reads this till's unfinished refunds.
func (m Model) refundsCmd() tea.Cmd {
	j := m.deps.Refunds
	if j == nil {
		return nil
	}
	return func() tea.Msg {
		refunds, err := j.UnfinishedRefunds()
		return refundsMsg{refunds: refunds, err: err}
	}
}

// refundsView lists the refunds under way or pending, first: the cashier's screen
// resumes them, and the shift does not close over one under way.
func (m Model) refundsView(p *common.Page) {
	st := m.styles
	if m.refundsErr != nil {
		p.Para(st.Error, "Could not read this till's refunds: "+m.refundsErr.Error())
	}
	n := len(m.refunds)
	if n == 0 {
		return
	}
	them := common.ForCount(n, "it", "them")
	p.Para(st.Warning, common.Plural(n, "refund of this till is", "refunds of this till are")+" not settled — the cashier's screen follows "+
		them+" (and resumes "+them+" at start):")
	st.RefundRows(p, m.refunds, true)
	p.Blank()
}

// Whose names this till's unfinished work the pane read with the id other (a
// PaymentIntent or a refund), "order O-1" or "refund re_1", or "".
func (m Model) Whose(other string) string {
	for _, p := range m.payments {
		if p.Session != nil && p.ID == other && other != "" {
			return "order " + p.OrderID
		}
	}
	for _, r := range m.refunds {
		if r.ID == other && other != "" {
			return "refund " + r.ID
		}
	}
	return ""
}
