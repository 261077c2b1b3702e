package ui

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/till-pos/till/checkout"
)

// paymentKey handles the screens of a payment under way or finished.
func (m Model) paymentKey(msg tea.KeyMsg, k keyMap) (Model, tea.Cmd) {
	now := m.opts.Now()
	switch {
	case key.Matches(msg, k.Check):
		if m.stalled {
			// Nothing is in flight after a failed save: carry on as after a restart.
			return m.act(checkout.Resumed{At: now})
		}
		return m.act(checkout.CheckRequested{At: now})
	case key.Matches(msg, k.Cancel):
		if m.session.Phase == checkout.Approved {
			m.overlay = overlayConfirmCancel
			return m, nil
		}
		return m.act(checkout.CancelRequested{At: now})
	case key.Matches(msg, k.Capture):
		return m.act(checkout.CaptureRequested{At: now})
	case key.Matches(msg, k.Retry):
		return m.act(checkout.RetryRequested{At: now})
	case key.Matches(msg, k.TakeOver):
		m.overlay = overlayConfirmTakeOver
		return m, nil
	case key.Matches(msg, k.RetryOther):
		return m.openPicker(true)
	case key.Matches(msg, k.Approve):
		return m.present(cardApproves)
	case key.Matches(msg, k.Decline):
		return m.present(cardDeclines)
	case key.Matches(msg, k.TestCards):
		m.overlay, m.card = overlayCards, 0
	case key.Matches(msg, k.NewSale):
		return m.newSale()
	case key.Matches(msg, k.Quit):
		return m, tea.Quit
	}
	return m, nil
}

// confirmKey answers an overlay's y/n question: yes applies ev, the event asked about.
func (m Model) confirmKey(msg tea.KeyMsg, k keyMap, ev checkout.Event) (Model, tea.Cmd) {
	switch {
	case key.Matches(msg, k.Yes):
		m.overlay = overlayNone
		return m.act(ev)
	case key.Matches(msg, k.No):
		m.overlay = overlayNone
	}
	return m, nil
}

// cardsKey handles the list of test cards.
func (m Model) cardsKey(msg tea.KeyMsg, k keyMap) (Model, tea.Cmd) {
	switch {
	case key.Matches(msg, k.Up, k.Down):
		m.card = moved(msg, k, m.card, len(testCards))
	case key.Matches(msg, k.Back):
		m.overlay = overlayNone
	case key.Matches(msg, k.Present):
		m.overlay = overlayNone
		return m.present(testCards[m.card].Number)
	}
	return m, nil
}

// present holds a test card to the simulated reader. The poll under way is dropped; the
// check that follows the answer starts a new one.
func (m Model) present(number string) (Model, tea.Cmd) {
	m.gen++
	m.presenting = number
	return m, presentCmd(m.deps.Gateway, m.session.ReaderID, number, m.opts.CallTimeout)
}

// presented checks the payment at once after a card was presented, whatever the answer.
func (m Model) presented(msg presentedMsg) (Model, tea.Cmd) {
	m.presenting = ""
	if msg.err != nil {
		m.flash = flash{level: levelError, text: "Could not present the card: " + checkout.Explain(checkout.AsFailure(msg.err))}
	} else {
		m.noteReader(&msg.reader)
	}
	next, effects, err := checkout.Apply(m.session, checkout.CheckRequested{At: m.opts.Now()})
	if err != nil {
		return m, nil // the payment has moved on; it says so itself
	}
	m.gen++
	return m.commit(next, effects)
}
