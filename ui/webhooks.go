package ui

import (
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/till-pos/till/checkout"
)

// hooksEvery is how often the root reads the webhook receiver's state: the header's
// source turns back to polling by itself when events go silent, with no message.
const hooksEvery = time.Second

type (
	// noticeMsg is a webhook's news, from main's receiver.
	noticeMsg struct{ notice checkout.Notified }
	// hooksMsg is the time to read the receiver's state again.
	hooksMsg struct{}
)

// listen waits for the receiver's next notice. Each notice handled sets up the next
// wait, so exactly one is under way; none when no receiver runs (or it has no channel).
func (m Model) listen() tea.Cmd {
	if m.webhooks == nil {
		return nil
	}
	notices := m.webhooks.Notices()
	if notices == nil {
		return nil
	}
	return func() tea.Msg {
		n, ok := <-notices
		if !ok {
			return nil // the receiver stopped: no more news, polling carries on
		}
		return noticeMsg{notice: n}
	}
}

// noticed applies a webhook's notice to the cashier's payment, to a payment support
// is settling and to the refunds under way, as a poll's result would be (a notice about
// none of them changes nothing), keeps the reader list current with the reader it
// names, and shows its lag at once.
func (m Model) noticed(msg noticeMsg) (Model, tea.Cmd) {
	if r := msg.notice.Reader; r != nil {
		m.picker = m.picker.Note(*r)
	}
	var cashier, support, refunds tea.Cmd
	m.payment, cashier = m.payment.Notice(msg.notice)
	m.support, support = m.support.Notice(msg.notice)
	m.refund, refunds = m.refund.Notice(msg.notice)
	return m.readHooks(), tea.Batch(cashier, support, refunds, m.listen())
}

// readHooks takes the receiver's state now.
func (m Model) readHooks() Model {
	if m.webhooks != nil {
		m.hooks.On, m.hooks.Health = true, m.webhooks.Health()
	}
	return m
}

// hooksTick schedules the next read of the receiver's state; none when no receiver runs.
func (m Model) hooksTick() tea.Cmd {
	if m.webhooks == nil {
		return nil
	}
	return m.opts.after(hooksEvery, func(time.Time) tea.Msg { return hooksMsg{} })
}
