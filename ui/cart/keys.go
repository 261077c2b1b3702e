package cart

import (
	"github.com/charmbracelet/bubbles/key"

	"github.com/till-pos/till/ui/common"
)

// keyMap is the cart page's keys; keys enables the ones that apply now.
type keyMap struct {
	Up, Down                    key.Binding
	Add, Remove, Charge, Reader key.Binding
	Submit, NextField           key.Binding
	PrevField, Back, Quit       key.Binding
}

func (m Model) keys() keyMap {
	k := keyMap{
		Up: m.shared.Up, Down: m.shared.Down, Back: m.shared.Back,
		Add:       common.Binding("a", "add line", "a"),
		Remove:    common.Binding("d", "remove", "d"),
		Charge:    common.Binding("enter", "charge", "enter"),
		Reader:    common.Binding("p", "reader", "p"),
		Submit:    common.Binding("enter", "add", "enter"),
		NextField: common.Binding("tab", "next field", "tab"),
		PrevField: common.Binding("shift+tab", "previous", "shift+tab"),
		Quit:      common.Binding("q", "quit", "q"),
	}
	if m.formOpen {
		common.On(&k.Submit, &k.NextField, &k.PrevField, &k.Back)
		return k
	}
	common.On(&k.Add, &k.Charge, &k.Reader, &k.Quit)
	if n := len(m.cart.Lines); n > 0 {
		common.On(&k.Remove)
		if n > 1 {
			common.On(&k.Up, &k.Down)
		}
	}
	return k
}

// ShortHelp implements help.KeyMap: the keys that apply now, in help-line order.
func (m Model) ShortHelp() []key.Binding {
	k := m.keys()
	return []key.Binding{k.Up, k.Add, k.Remove, k.Charge, k.Reader, k.Submit, k.NextField, k.PrevField, k.Back, k.Quit}
}

// FullHelp implements help.KeyMap.
func (m Model) FullHelp() [][]key.Binding { return [][]key.Binding{m.ShortHelp()} }
