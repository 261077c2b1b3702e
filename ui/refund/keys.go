package refund

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/ui/common"
)

// keyMap is the page's keys; keys enables the ones that apply now. The running refund's
// keys are the payment page's: x cancel, s check, r retry, p other reader, o take over,
// and on a simulated reader 1 and t for test cards.
type keyMap struct {
	Up, Down, More, Fewer           key.Binding
	Next, Back, Yes, No             key.Binding
	OtherReader, Retry, TakeOver    key.Binding
	Cancel, Check, Done, Receipt    key.Binding
	Present, TestCards, PresentCard key.Binding
}

func (m Model) keys() keyMap {
	k := keyMap{
		Up: m.shared.Up, Down: m.shared.Down, Back: m.shared.Back, Yes: m.shared.Yes, No: m.shared.No,
		More:        common.Binding("→/+", "one more back", "right", "+"),
		Fewer:       common.Binding("←/-", "one fewer", "left", "-"),
		Next:        common.Binding("enter", "next", "enter"),
		OtherReader: common.Binding("p", "other reader", "p"),
		Retry:       common.Binding("r", "retry", "r"),
		TakeOver:    common.Binding("o", "take over", "o"),
		Cancel:      common.Binding("x", "cancel refund", "x"),
		Check:       common.Binding("s", "check", "s"),
		Done:        common.Binding("enter", "done", "enter", "esc"),
		Receipt:     common.Binding("v", "refund receipt", "v"),
		Present:     common.Binding("1", "present the card that paid", "1"),
		TestCards:   common.Binding("t", "test cards", "t"),
		PresentCard: common.Binding("enter", "present", "enter"),
	}
	switch m.step {
	case stepLoading:
		common.On(&k.Back)
	case stepFailed:
		k.Back.SetHelp("esc", "back to the history")
		common.On(&k.Back)
	case stepWhat:
		k.Back.SetHelp("esc", "back to the history")
		common.On(&k.Up, &k.Down, &k.Next, &k.Back)
	case stepLines:
		common.On(&k.Next, &k.Back, &k.More, &k.Fewer)
		if len(m.units) > 1 {
			common.On(&k.Up, &k.Down)
		}
	case stepAmount:
		common.On(&k.Next, &k.Back)
	case stepReason:
		common.On(&k.Up, &k.Down, &k.Next, &k.Back)
	case stepConfirm:
		common.On(&k.Yes, &k.No)
		if m.inPerson() && len(m.readers) > 1 {
			common.On(&k.OtherReader)
		}
	case stepRunning:
		m.runningKeys(&k)
	}
	return k
}

// runningKeys enables the keys of the refund under way, by its phase.
func (m Model) runningKeys(k *keyMap) {
	if m.checking && !m.lane.Stalled() {
		return // nothing applies until Stripe says where the refund is
	}
	switch m.overlay {
	case overlayCancel, overlayTakeOver:
		common.On(&k.Yes, &k.No)
		return
	case overlayCards:
		common.On(&k.Up, &k.Down, &k.PresentCard, &k.Back)
		return
	}
	r := m.lane.Refund()
	switch r.Phase {
	case checkout.RefundAwaiting:
		if m.simulated() && m.presenting == "" {
			common.On(&k.Present, &k.TestCards)
		}
		common.On(&k.Check, &k.Cancel)
	case checkout.RefundDeclined:
		common.On(&k.Retry, &k.Check, &k.Cancel)
		if len(m.readers) > 1 {
			common.On(&k.OtherReader)
		}
		if m.readerInUse() {
			common.On(&k.TakeOver)
		}
	case checkout.RefundUnknown:
		common.On(&k.Check)
		if m.cancels() {
			common.On(&k.Cancel)
		}
	case checkout.RefundPending:
		common.On(&k.Done, &k.Receipt, &k.Check)
	case checkout.RefundSucceeded:
		common.On(&k.Done, &k.Receipt)
	case checkout.RefundFailed, checkout.RefundCanceled:
		common.On(&k.Done)
	}
	if m.lane.Stalled() {
		common.On(&k.Check)
	}
}

// ShortHelp implements help.KeyMap: the keys that end or cancel the refund first, so a
// narrow screen never loses them.
func (m Model) ShortHelp() []key.Binding {
	k := m.keys()
	return []key.Binding{k.Yes, k.No, k.PresentCard, k.Next, k.Done, k.Receipt, k.Back, k.Retry, k.OtherReader, k.TakeOver, k.Cancel,
		k.Check, k.Present, k.TestCards, k.More, k.Fewer, k.Up}
}

// FullHelp implements help.KeyMap.
func (m Model) FullHelp() [][]key.Binding { return [][]key.Binding{m.ShortHelp()} }

// Question is the page's open question.
func (m Model) Question() string {
	switch {
	case m.step == stepConfirm && m.asking:
		return m.confirmQuestion()
	case m.overlay == overlayCancel && m.lane.Refund().Phase == checkout.RefundAwaiting:
		return "Cancel the refund? The reader stops waiting for the card; nothing is refunded. (y/n)"
	case m.overlay == overlayCancel:
		return "Cancel the refund? Nothing is refunded. (y/n)"
	case m.overlay == overlayTakeOver:
		return "Replace what " + common.ReaderName(m.readers, m.lane.Refund().ReaderID) + " is doing? Its customer must start again. (y/n)"
	}
	return ""
}

// confirmQuestion asks to refund what was chosen, saying where the money goes.
func (m Model) confirmQuestion() string {
	amount := m.chosenAmount().String()
	if m.inPerson() {
		return "Refund " + amount + " on " + common.ReaderName(m.readers, m.readerID) + "? The customer presents their card there. (y/n)"
	}
	return "Refund " + amount + " to " + common.CardText(m.payment.Card) + "? (y/n)"
}

// key handles a key on the page.
func (m Model) key(msg tea.KeyMsg) (Model, tea.Cmd) {
	k := m.keys()
	if m.step != stepRunning {
		return m.formKey(msg, k)
	}
	now := m.now()
	switch m.overlay {
	case overlayCancel:
		return m.confirmKey(msg, k, checkout.CancelRequested{At: now})
	case overlayTakeOver:
		return m.confirmKey(msg, k, checkout.RetryRequested{TakeOver: true, At: now})
	case overlayCards:
		var p common.Picked
		m.card, p = common.Pick(msg, k.Up, k.Down, k.PresentCard, k.Back, m.card, len(common.TestCards))
		if p != common.Moving {
			m.overlay = overlayNone
		}
		if p == common.Chosen {
			return m.present(common.TestCards[m.card].Number)
		}
		return m, nil
	}
	switch {
	case key.Matches(msg, k.Check):
		if m.lane.Stalled() {
			return m.act(checkout.Resumed{At: now}) // nothing in flight after a failed save
		}
		m.asked = true
		return m.act(checkout.CheckRequested{At: now})
	case key.Matches(msg, k.Cancel):
		m.overlay = overlayCancel // a cancel cannot be undone: ask first
	case key.Matches(msg, k.Retry):
		return m.act(checkout.RetryRequested{At: now})
	case key.Matches(msg, k.TakeOver):
		m.overlay = overlayTakeOver
	case key.Matches(msg, k.OtherReader):
		return m, common.Emit(PickReaderMsg{ReaderID: m.lane.Refund().ReaderID})
	case key.Matches(msg, k.Present):
		return m.present(m.deps.Gateway.TestCardFor(m.lane.Refund().Card))
	case key.Matches(msg, k.TestCards):
		m.overlay, m.card = overlayCards, 0
	case key.Matches(msg, k.Done):
		return m.done()
	case key.Matches(msg, k.Receipt):
		return m, common.Emit(ReceiptMsg{ID: m.lane.Refund().ID})
	}
	return m, nil
}

// confirmKey answers an overlay's y/n question: yes applies ev, the event asked about.
func (m Model) confirmKey(msg tea.KeyMsg, k keyMap, ev checkout.Event) (Model, tea.Cmd) {
	q := &common.Question[Model]{Yes: func(m Model) (Model, tea.Cmd) { return m.act(ev) }}
	return common.Answer(msg, k.Yes, k.No, m, q, func(m Model) Model { m.overlay = overlayNone; return m })
}
