package cart

import (
	"github.com/charmbracelet/bubbles/key"

	"github.com/till-pos/till/ui/common"
)

// keyMap is the cart page's keys; keys enables the ones that apply now.
type keyMap struct {
	Up, Down                                 key.Binding
	Add, Edit, Remove, Undo, Charge, Reader  key.Binding
	Submit, NextField, PrevField, Back, Quit key.Binding
	Yes, No                                  key.Binding
}

func (m Model) keys() keyMap {
	k := keyMap{
		Up: m.shared.Up, Down: m.shared.Down, Back: m.shared.Back, Yes: m.shared.Yes, No: m.shared.No,
		Add:       common.Binding("a", "add line", "a"),
		Edit:      common.Binding("e", "edit line", "e"),
		Remove:    common.Binding("d", "remove", "d"),
		Undo:      common.Binding("u", "undo remove", "u"),
		Charge:    common.Binding("enter", "charge", "enter"),
		Reader:    common.Binding("p", "reader", "p"),
		Submit:    common.Binding("enter", "add", "enter"),
		NextField: common.Binding("tab", "next field", "tab"),
		PrevField: common.Binding("shift+tab", "previous", "shift+tab"),
		Quit:      common.Binding("q", "quit", "q"),
	}
	switch {
	case m.asking:
		common.On(&k.Yes, &k.No)
		return k
	case m.formOpen:
		if m.form.edit >= 0 {
			k.Submit.SetHelp("enter", "save")
		}
		common.On(&k.Submit, &k.NextField, &k.PrevField, &k.Back)
		return k
	}
	common.On(&k.Add, &k.Charge, &k.Reader, &k.Quit)
	if n := len(m.cart.Lines); n > 0 {
		common.On(&k.Edit, &k.Remove)
		if n > 1 {
			common.On(&k.Up, &k.Down)
		}
	}
	if len(m.undo) > 0 {
		common.On(&k.Undo)
	}
	return k
}

// ShortHelp implements help.KeyMap: the keys that apply now, the most used first.
func (m Model) ShortHelp() []key.Binding {
	k := m.keys()
	return []key.Binding{k.Yes, k.No, k.Submit, k.NextField, k.PrevField, k.Back,
		k.Add, k.Charge, k.Edit, k.Remove, k.Undo, k.Up, k.Reader, k.Quit}
}

// FullHelp implements help.KeyMap.
func (m Model) FullHelp() [][]key.Binding { return [][]key.Binding{m.ShortHelp()} }
