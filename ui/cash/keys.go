package cash

import (
	"github.com/charmbracelet/bubbles/key"

	"github.com/till-pos/till/ui/common"
)

// keyMap is the cash page's keys; keys enables the ones that apply now.
type keyMap struct {
	Take, Done, Receipt, Back key.Binding
}

func (m Model) keys() keyMap {
	k := keyMap{
		Back:    m.shared.Back,
		Take:    common.Binding("enter", "take the cash", "enter"),
		Done:    common.Binding("enter/n", "new sale", "enter", "n"), // as on a card payment's paid page
		Receipt: common.Binding("r", "receipt", "r"),
	}
	switch {
	case !m.open || m.saving:
	case m.paid != nil:
		common.On(&k.Done, &k.Receipt)
	default:
		k.Back.SetHelp("esc", "back to the cart")
		common.On(&k.Take, &k.Back)
	}
	return k
}

// ShortHelp implements help.KeyMap.
func (m Model) ShortHelp() []key.Binding {
	k := m.keys()
	return []key.Binding{k.Take, k.Done, k.Receipt, k.Back}
}

// FullHelp implements help.KeyMap.
func (m Model) FullHelp() [][]key.Binding { return [][]key.Binding{m.ShortHelp()} }
