package ui

import (
	tea "github.com/charmbracelet/bubbletea"

	"github.com/till-pos/till/ui/cart"
	"github.com/till-pos/till/ui/common"
	"github.com/till-pos/till/ui/history"
	"github.com/till-pos/till/ui/picker"
	"github.com/till-pos/till/ui/receipt"
	"github.com/till-pos/till/ui/refund"
	"github.com/till-pos/till/ui/support"
)

// refunds routes what the history and refund pages ask for, and what asks for them: the
// history opens from the cart (back to it) or from support (back to support); a row
// opens its timeline on support's Timeline pane, its receipt page, or the refund page; the
// refund page asks for a reader and its refund's receipt, and, once closed, has the
// history read again.
func (m Model) refunds(msg tea.Msg) (Model, tea.Cmd) {
	var cmd tea.Cmd
	switch msg.(type) {
	case cart.HistoryMsg, support.HistoryMsg:
		if m.refund.IsOpen() {
			// The refund on screen comes first; the history it came from is under it.
			m.support = m.support.Close()
			return m, common.Say(common.LevelWarn, "Finish the refund on screen first: the history is under it.")
		}
	}
	switch msg := msg.(type) {
	case cart.HistoryMsg:
		m.history, cmd = m.history.Open(history.FromCart)
	case support.HistoryMsg:
		m.support = m.support.Close()
		m.history, cmd = m.history.Open(history.FromSupport)
	case history.CloseMsg:
		m.history = m.history.Close()
		if msg.Origin == history.FromSupport {
			m.support, cmd = m.support.Open()
		}
	case history.TimelineMsg:
		m.support, cmd = m.support.Timeline(msg.OrderID)
	case history.RefundMsg:
		m.refund, cmd = m.refund.Open(msg.Row)
	case history.ReceiptMsg:
		return m.openReceipt(receipt.For{ID: msg.ID}) // esc on it comes back here
	case refund.ReceiptMsg:
		return m.openReceipt(receipt.For{ID: msg.ID}) // over the finished refund, as over the history
	case refund.CloseMsg:
		m.refund = m.refund.Close()
		m.history, cmd = m.history.Reload()
	case refund.PickReaderMsg:
		return m.openPicker(picker.ForRefund, msg.ReaderID)
	}
	return m, cmd
}

// withRefund takes the refund page back after a call on it.
func (m Model) withRefund(r refund.Model, cmd tea.Cmd) (Model, tea.Cmd) {
	m.refund = r
	return m, cmd
}

// quitQuestion asks before quitting while a payment or a refund is open.
func (m Model) quitQuestion() string {
	switch {
	case m.payment.Live() && m.refund.Live():
		return "The payment and the refund stay open and till resumes them next time. Quit? (y/n)"
	case m.refund.Live():
		return "The refund stays open and till resumes it next time. Quit? (y/n)"
	}
	return "The payment stays open and till resumes it next time. Quit? (y/n)"
}
