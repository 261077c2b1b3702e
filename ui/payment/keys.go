package payment

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/ui/common"
)

// keyMap is the payment page's keys; keys enables the ones that apply now.
type keyMap struct {
	Up, Down                             key.Binding
	Capture, Retry, RetryOther, TakeOver key.Binding
	NewSale, Again, Aside                key.Binding
	Approve, Decline, TestCards, Tip     key.Binding
	Receipt                              key.Binding
	Check, Cancel, Present               key.Binding
	Yes, No, Back, Quit                  key.Binding
}

func (m Model) keys() keyMap {
	k := keyMap{
		Up: m.shared.Up, Down: m.shared.Down, Back: m.shared.Back, Yes: m.shared.Yes, No: m.shared.No,
		Capture:    common.Binding("enter/c", "capture", "enter", "c"),
		Retry:      common.Binding("r", "retry", "r"),
		RetryOther: common.Binding("p", "other reader", "p"),
		TakeOver:   common.Binding("o", "take over", "o"),
		NewSale:    common.Binding("enter/n", "new sale", "enter", "n"),
		Again:      common.Binding("r", "same cart again", "r"),
		Aside:      common.Binding("n", "next sale", "n"),
		Approve:    common.Binding("1", "approve card", "1"),
		Decline:    common.Binding("2", "decline card", "2"),
		TestCards:  common.Binding("t", "test cards", "t"),
		Tip:        common.Binding("3", "approve with tip", "3"),
		Receipt:    common.Binding("r", "receipt", "r"),
		Check:      common.Binding("s", "check", "s"),
		Cancel:     common.Binding("x", "cancel payment", "x"),
		Present:    common.Binding("enter", "present", "enter"),
		Quit:       common.Binding("q", "quit", "q"),
	}
	s := m.lane.Session()
	if m.checking && !m.lane.Stalled() {
		return k // nothing applies until Stripe says where the payment is
	}
	switch m.overlay {
	case overlayConfirmCancel, overlayConfirmTakeOver:
		common.On(&k.Yes, &k.No)
		return k
	case overlayCards:
		common.On(&k.Up, &k.Down, &k.Present, &k.Back)
		return k
	case overlayTip:
		k.Present.SetHelp("enter", "present with tip")
		common.On(&k.Present, &k.Back)
		return k
	}
	switch s.Phase {
	case checkout.Awaiting:
		if m.simulated() && m.presenting == "" {
			common.On(&k.Approve, &k.Decline, &k.TestCards)
			if m.tips() {
				common.On(&k.Tip)
			}
		}
		common.On(&k.Check, &k.Cancel)
	case checkout.Approved:
		common.On(&k.Capture, &k.Check, &k.Cancel)
	case checkout.Declined:
		common.On(&k.Retry, &k.RetryOther, &k.Check, &k.Cancel)
		if m.readerInUse() {
			common.On(&k.TakeOver)
		}
	case checkout.Unknown:
		common.On(&k.Check, &k.Cancel)
		if m.asides() {
			common.On(&k.Aside)
		}
	case checkout.Paid:
		common.On(&k.NewSale, &k.Receipt, &k.Quit)
	case checkout.Canceled:
		common.On(&k.NewSale, &k.Again, &k.Quit)
	}
	if m.lane.Stalled() {
		common.On(&k.Check)
	}
	return k
}

// ShortHelp implements help.KeyMap: the keys that apply now, those that end or cancel
// the payment first, so a narrow screen never loses them.
func (m Model) ShortHelp() []key.Binding {
	k := m.keys()
	return []key.Binding{k.Yes, k.No, k.Present, k.Back, k.Capture, k.NewSale, k.Aside, k.Receipt, k.Again, k.Retry, k.RetryOther,
		k.TakeOver, k.Cancel, k.Check, k.Approve, k.Decline, k.Tip, k.TestCards, k.Up, k.Quit}
}

// FullHelp implements help.KeyMap.
func (m Model) FullHelp() [][]key.Binding { return [][]key.Binding{m.ShortHelp()} }

// key handles a key on the payment's screens.
func (m Model) key(msg tea.KeyMsg) (Model, tea.Cmd) {
	k := m.keys()
	switch m.overlay {
	case overlayCards:
		return m.cardsKey(msg, k)
	case overlayConfirmCancel:
		return m.confirmKey(msg, k, checkout.CancelRequested{At: m.deps.Env.Now()})
	case overlayConfirmTakeOver: // replacing another payment: its customer must start again
		return m.confirmKey(msg, k, checkout.RetryRequested{TakeOver: true, At: m.deps.Env.Now()})
	case overlayTip:
		return m.tipKey(msg, k)
	}
	now := m.deps.Env.Now()
	switch {
	case key.Matches(msg, k.Check):
		if m.lane.Stalled() {
			// Nothing is in flight after a failed save: carry on as after a restart.
			return m.Act(checkout.Resumed{At: now})
		}
		m.asked = true
		return m.Act(checkout.CheckRequested{At: now})
	case key.Matches(msg, k.Cancel):
		m.overlay = overlayConfirmCancel // a cancel cannot be undone: ask first
		return m, nil
	case key.Matches(msg, k.Capture):
		return m.Act(checkout.CaptureRequested{At: now})
	case key.Matches(msg, k.Retry):
		return m.Act(checkout.RetryRequested{At: now})
	case key.Matches(msg, k.TakeOver):
		m.overlay = overlayConfirmTakeOver
		return m, nil
	case key.Matches(msg, k.RetryOther):
		return m, common.Emit(RetryElsewhereMsg{ReaderID: m.lane.Session().ReaderID})
	case key.Matches(msg, k.Approve):
		return m.present(common.CardApproves, 0)
	case key.Matches(msg, k.Decline):
		return m.present(common.CardDeclines, 0)
	case key.Matches(msg, k.Tip):
		m.overlay, m.tip = overlayTip, newTipForm()
	case key.Matches(msg, k.Receipt):
		return m, common.Emit(ReceiptMsg{Session: m.lane.Session()})
	case key.Matches(msg, k.TestCards):
		m.overlay, m.card = overlayCards, 0
	case key.Matches(msg, k.NewSale):
		return m.newSale()
	case key.Matches(msg, k.Aside):
		return m.setAside()
	case key.Matches(msg, k.Again):
		return m.again()
	case key.Matches(msg, k.Quit):
		return m, tea.Quit
	}
	return m, nil
}

// confirmKey answers an overlay's y/n question: yes applies ev, the event asked about.
func (m Model) confirmKey(msg tea.KeyMsg, k keyMap, ev checkout.Event) (Model, tea.Cmd) {
	q := &common.Question[Model]{Yes: func(m Model) (Model, tea.Cmd) { return m.Act(ev) }}
	return common.Answer(msg, k.Yes, k.No, m, q, func(m Model) Model { m.overlay = overlayNone; return m })
}

// cardsKey handles the list of test cards.
func (m Model) cardsKey(msg tea.KeyMsg, k keyMap) (Model, tea.Cmd) {
	var p common.Picked
	m.card, p = common.Pick(msg, k.Up, k.Down, k.Present, k.Back, m.card, len(common.TestCards))
	if p != common.Moving {
		m.overlay = overlayNone
	}
	if p == common.Chosen {
		return m.present(common.TestCards[m.card].Number, 0)
	}
	return m, nil
}
