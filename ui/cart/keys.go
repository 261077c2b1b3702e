package cart

import (
	"github.com/charmbracelet/bubbles/key"

	"github.com/till-pos/till/ui/common"
)

// keyMap is the cart page's keys; keys enables the ones that apply now.
type keyMap struct {
	Up, Down                                 key.Binding
	Find, Scan, AddItem                      key.Binding
	Add, Edit, Remove, Undo, Charge, Reader  key.Binding
	History                                  key.Binding
	More, Less, LineDiscount, OrderDiscount  key.Binding
	Cash                                     key.Binding
	Submit, NextField, PrevField, Back, Quit key.Binding
	Apply, Yes, No                           key.Binding
}

// digits are the keys that open the find-or-scan field with themselves typed: a
// scanner's code, or a quick key's number.
var digits = []string{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"}

func (m Model) keys() keyMap {
	k := keyMap{
		Up: m.shared.Up, Down: m.shared.Down, Back: m.shared.Back, Yes: m.shared.Yes, No: m.shared.No,
		Find:          common.Binding("/", "find item", "/"),
		Scan:          common.Binding("0-9", "scan or quick key", digits...),
		AddItem:       common.Binding("enter", "add item", "enter"),
		Add:           common.Binding("a", "free line", "a"),
		Edit:          common.Binding("e", "edit line", "e"),
		Remove:        common.Binding("d", "remove", "d"),
		Undo:          common.Binding("u", "undo remove", "u"),
		More:          common.Binding("+/-", "quantity", "+", "="),
		Less:          common.Binding("", "", "-"),
		LineDiscount:  common.Binding("%", "line discount", "%"),
		OrderDiscount: common.Binding("o", "order discount", "o"),
		Charge:        common.Binding("enter", "charge", "enter"),
		Reader:        common.Binding("p", "reader", "p"),
		Cash:          common.Binding("$", "cash", "$"),
		History:       common.Binding("h", "history", "h"),
		Submit:        common.Binding("enter", "add", "enter"),
		Apply:         common.Binding("enter", "apply", "enter"),
		NextField:     common.Binding("tab", "next field", "tab"),
		PrevField:     common.Binding("shift+tab", "previous", "shift+tab"),
		Quit:          common.Binding("q", "quit", "q"),
	}
	switch {
	case m.asking:
		common.On(&k.Yes, &k.No)
		return k
	case m.mode == modeFind:
		common.On(&k.AddItem, &k.Back)
		if len(m.find.hits) > 1 {
			common.On(&k.Up, &k.Down)
		}
		return k
	case m.mode == modeForm:
		if m.form.edit >= 0 {
			k.Submit.SetHelp("enter", "save")
		}
		common.On(&k.Submit, &k.NextField, &k.PrevField, &k.Back)
		return k
	case m.mode == modeDiscount:
		common.On(&k.Apply, &k.Back)
		return k
	}
	common.On(&k.Add, &k.Charge, &k.Reader, &k.History, &k.Quit)
	if m.items {
		common.On(&k.Find, &k.Scan)
	}
	if n := len(m.cart.Lines); n > 0 {
		common.On(&k.Edit, &k.Remove, &k.More, &k.Less, &k.LineDiscount, &k.OrderDiscount, &k.Cash)
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
	return []key.Binding{k.Yes, k.No, k.AddItem, k.Submit, k.Apply, k.NextField, k.PrevField, k.Back,
		k.Charge, k.Cash, k.Undo, k.Find, k.Scan, k.Add, k.More, k.LineDiscount, k.OrderDiscount, k.Edit, k.Remove,
		k.Up, k.Reader, k.History, k.Quit}
}

// FullHelp implements help.KeyMap.
func (m Model) FullHelp() [][]key.Binding { return [][]key.Binding{m.ShortHelp()} }
