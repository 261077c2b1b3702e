package receipt

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/till-pos/till/ui/common"
)

// keyMap is the receipt page's keys; keys enables the ones that apply now.
type keyMap struct {
	Scroll, Down, PageUp, PageDown key.Binding
	Print, Email, Again, NewSale   key.Binding
	Send, Back                     key.Binding
}

func (m Model) keys() keyMap {
	k := keyMap{
		Back:     m.shared.Back,
		Scroll:   common.Binding("↑/↓", "scroll", "up"),
		Down:     common.Binding("", "", "down"),
		PageUp:   common.Binding("pgup/pgdn", "page", "pgup"),
		PageDown: common.Binding("", "", "pgdown"),
		Print:    common.Binding("p", "print", "p"),
		Email:    common.Binding("e", "email receipt", "e"),
		Again:    common.Binding("r", "try again", "r"),
		NewSale:  common.Binding("enter/n", "new sale", "enter", "n"),
		Send:     common.Binding("enter", "ask Stripe to email it", "enter"),
	}
	if m.email {
		common.On(&k.Send, &k.Back)
		return k
	}
	common.On(&k.Back)
	if m.of.Sale {
		common.On(&k.NewSale)
	}
	switch {
	case m.loading || m.busy != "":
	case m.failed != nil:
		common.On(&k.Again)
	default:
		common.On(&k.Scroll, &k.Down, &k.PageUp, &k.PageDown)
		if m.receipt.Emailable() {
			common.On(&k.Email)
		}
		if m.deps.Print != nil {
			common.On(&k.Print)
		}
	}
	return k
}

// ShortHelp implements help.KeyMap: the keys that apply now, the most used first.
func (m Model) ShortHelp() []key.Binding {
	k := m.keys()
	return []key.Binding{k.Send, k.NewSale, k.Print, k.Email, k.Again, k.Scroll, k.PageUp, k.Back}
}

// FullHelp implements help.KeyMap.
func (m Model) FullHelp() [][]key.Binding { return [][]key.Binding{m.ShortHelp()} }

// key handles a key on the page.
func (m Model) key(msg tea.KeyMsg) (Model, tea.Cmd) {
	k := m.keys()
	if m.email {
		var typed common.Typed
		var cmd tea.Cmd
		m.input, typed, cmd = common.Type(msg, k.Send, k.Back, m.input)
		switch typed {
		case common.Dismissed:
			m.email = false
		case common.Submitted:
			return m.send()
		default:
			m.fieldErr = ""
		}
		return m, cmd
	}
	switch {
	case key.Matches(msg, k.Back):
		return m, common.Emit(CloseMsg{})
	case key.Matches(msg, k.NewSale):
		return m, common.Emit(CloseMsg{NewSale: true})
	case key.Matches(msg, k.Print):
		return m.print()
	case key.Matches(msg, k.Email):
		m.email = true
	case key.Matches(msg, k.Again):
		return m.load()
	case key.Matches(msg, k.Scroll):
		m.top = m.scrolled(-1)
	case key.Matches(msg, k.Down):
		m.top = m.scrolled(1)
	case key.Matches(msg, k.PageUp):
		m.top = m.scrolled(-max(m.rows()-1, 1))
	case key.Matches(msg, k.PageDown):
		m.top = m.scrolled(max(m.rows()-1, 1))
	}
	return m, nil
}
