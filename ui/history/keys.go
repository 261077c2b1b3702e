package history

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/ui/common"
)

// pageStep is how many payments pgup and pgdn move by.
const pageStep = 5

// keyMap is the page's keys; keys enables the ones that apply now.
type keyMap struct {
	Up, Down, PageUp, PageDown key.Binding
	Open, Clear, Back, Reload  key.Binding
	Refund, Receipt, Timeline  key.Binding
	RefundReceipt              key.Binding
}

func (m Model) keys() keyMap {
	k := keyMap{
		Up: m.shared.Up, Down: m.shared.Down, Back: m.shared.Back,
		PageUp:   common.Binding("pgup/pgdn", "page", "pgup"),
		PageDown: common.Binding("", "", "pgdown"),
		Open:     common.Binding("enter", "open payment", "enter"),
		Clear:    common.Binding("esc", "clear find", "esc"),
		Reload:   common.Binding("ctrl+r", "read again", "ctrl+r"),
		Refund:   common.Binding("r", "refund", "r"),
		Receipt:  common.Binding("v", "receipt", "v"),
		Timeline: common.Binding("t", "timeline", "t"),
		// f: the letter after the sale's receipt is taken by v, r and t.
		RefundReceipt: common.Binding("f", "refund receipt", "f"),
	}
	row, ok := m.Selected()
	if m.detail && ok {
		k.Back.SetHelp("esc", "back to the list")
		common.On(&k.Back, &k.Timeline, &k.Reload)
		if refundable(row) {
			common.On(&k.Refund)
		}
		if row.Status != "canceled" {
			common.On(&k.Receipt)
		}
		if rf, ok := m.selectedRefund(); ok && rf.HasReceipt() {
			common.On(&k.RefundReceipt)
		}
		if len(m.refunds) > 1 {
			k.Up.SetHelp("↑/↓", "select refund")
			common.On(&k.Up, &k.Down)
		}
		return k
	}
	common.On(&k.Reload)
	if m.find.Value() != "" {
		common.On(&k.Clear)
	} else {
		common.On(&k.Back)
	}
	if n := len(m.shown); n > 0 {
		common.On(&k.Open)
		if n > 1 {
			common.On(&k.Up, &k.Down, &k.PageUp, &k.PageDown)
		}
	}
	return k
}

// ShortHelp implements help.KeyMap: what ends or leaves the page first, so a narrow
// screen never loses it.
func (m Model) ShortHelp() []key.Binding {
	k := m.keys()
	return []key.Binding{k.Refund, k.Receipt, k.RefundReceipt, k.Timeline, k.Open, k.Clear, k.Back, k.Up, k.PageUp, k.Reload}
}

// FullHelp implements help.KeyMap; typing finds payments, which a key list cannot show.
func (m Model) FullHelp() [][]key.Binding {
	typing := key.NewBinding(key.WithKeys(""), key.WithHelp("type", "find an order, amount, last four, brand or days"))
	if m.detail {
		return [][]key.Binding{m.ShortHelp()}
	}
	return [][]key.Binding{append([]key.Binding{typing}, m.ShortHelp()...)}
}

// key handles a key on the page: in the list, every key that is not the page's is
// typed into the find field.
func (m Model) key(msg tea.KeyMsg) (Model, tea.Cmd) {
	k := m.keys()
	row, _ := m.Selected()
	switch {
	case key.Matches(msg, k.Reload):
		return m.Reload()
	case m.detail:
		switch {
		case key.Matches(msg, k.Back):
			m.detail = false
		case key.Matches(msg, k.Refund) && row.Cash != nil:
			return m, common.Say(common.LevelWarn, common.Sentence(checkout.CashNotRefunded(row)))
		case key.Matches(msg, k.Refund):
			return m, common.Emit(RefundMsg{Row: row})
		case key.Matches(msg, k.Receipt):
			return m, common.Emit(ReceiptMsg{ID: row.ReceiptID()})
		case key.Matches(msg, k.Timeline):
			return m, common.Emit(TimelineMsg{OrderID: row.OrderID})
		case key.Matches(msg, k.RefundReceipt):
			rf, _ := m.selectedRefund()
			return m, common.Emit(ReceiptMsg{ID: rf.ID})
		case key.Matches(msg, k.Up, k.Down):
			m.refund = common.Moved(msg, k.Up, m.refund, len(m.refunds))
		}
		return m, nil
	case key.Matches(msg, k.Up, k.Down):
		m.cursor = common.Moved(msg, k.Up, m.cursor, len(m.shown))
	case key.Matches(msg, k.PageUp):
		m.cursor = common.Clamp(m.cursor-pageStep, len(m.shown))
	case key.Matches(msg, k.PageDown):
		m.cursor = common.Clamp(m.cursor+pageStep, len(m.shown))
	case key.Matches(msg, k.Open):
		m.detail, m.refunds, m.refundsErr = true, nil, nil
		return m, m.refundsCmd()
	case key.Matches(msg, k.Clear):
		m.find.SetValue("")
		return m.typed()
	case key.Matches(msg, k.Back):
		return m, common.Emit(CloseMsg{Origin: m.origin})
	default:
		before := m.find.Value()
		var cmd tea.Cmd
		m.find, cmd = m.find.Update(msg)
		if m.find.Value() == before {
			return m, cmd
		}
		m, load := m.typed()
		return m, tea.Batch(cmd, load)
	}
	return m, nil
}

// selectedRefund is the refund selected in the details, if the payment has any.
func (m Model) selectedRefund() (checkout.Refund, bool) {
	if !m.detail || m.refund < 0 || m.refund >= len(m.refunds) {
		return checkout.Refund{}, false
	}
	return m.refunds[m.refund], true
}
