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
// be. One that changes nothing (old news, another payment's) is dropped. One that
// applies starts a new poll generation, so the poll it overtook is not made.
func (m Model) noticed(msg noticeMsg) (Model, tea.Cmd) {
	next, effects, err := checkout.Apply(m.session, msg.notice)
	if err != nil {
		return m, nil
	}
	m.noteReader(msg.notice.Reader)
	m.gen++
	return m.commit(next, effects)
}
