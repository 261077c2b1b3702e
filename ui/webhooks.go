package ui

import (
	tea "github.com/charmbracelet/bubbletea"

	"github.com/till-pos/till/checkout"
)

// noticeMsg is a webhook's news, from main's receiver.
type noticeMsg struct{ notice checkout.Notified }

// forwardNotices hands each webhook notice to the program until the channel closes.
func forwardNotices(p *tea.Program, notices <-chan checkout.Notified) {
	for n := range notices {
		p.Send(noticeMsg{notice: n})
	}
}

// noticed applies a webhook's notice to the cashier's payment, as a poll's result would
// be, and keeps the reader list current with the reader it names.
func (m Model) noticed(msg noticeMsg) (Model, tea.Cmd) {
	if r := msg.notice.Reader; r != nil {
		m.picker = m.picker.Note(*r)
	}
	return m.withPayment(m.payment.Notice(msg.notice))
}
