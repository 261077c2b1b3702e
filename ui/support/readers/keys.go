package readers

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/ui/common"
)

// keyMap is the pane's keys.
type keyMap struct {
	Up, Down                           key.Binding
	CancelAction, ClearDisplay, Faults key.Binding
	TestCards, Present, Check          key.Binding
	Toggle, Yes, No, Back              key.Binding
}

func (m Model) keys() keyMap {
	k := keyMap{
		Up: m.shared.Up, Down: m.shared.Down, Yes: m.shared.Yes, No: m.shared.No, Back: m.shared.Back,
		CancelAction: common.Binding("x", "cancel action", "x"),
		ClearDisplay: common.Binding("c", "clear display", "c"),
		Faults:       common.Binding("f", "emulator faults", "f"),
		TestCards:    common.Binding("t", "present a test card", "t"),
		Present:      common.Binding("enter", "present", "enter"),
		Check:        common.Binding("s", "check now", "s"),
		Toggle:       common.Binding("enter", "switch", "enter"),
	}
	switch {
	case m.ask != nil:
		common.On(&k.Yes, &k.No)
		return k
	case m.faultsOn:
		common.On(&k.Up, &k.Down, &k.Toggle, &k.Back)
		return k
	case m.cardsOn:
		common.On(&k.Up, &k.Down, &k.Present, &k.Back)
		return k
	}
	common.On(&k.Check)
	r, ok := m.selected()
	if len(m.readers) > 1 {
		common.On(&k.Up, &k.Down)
	}
	if ok && r.Action != nil && r.Action.Status == checkout.ActionInProgress {
		common.On(&k.CancelAction)
		if r.Action.Type == "set_reader_display" {
			common.On(&k.ClearDisplay)
		}
		if m.takesCards(r) && r.Action.Type == "process_payment_intent" {
			common.On(&k.TestCards)
		}
	}
	if ok && m.deps.Demo != nil {
		common.On(&k.Faults)
	}
	return k
}

// ShortHelp lists the pane's keys but the arrows, in help-line order.
func (m Model) ShortHelp() []key.Binding {
	k := m.keys()
	return []key.Binding{k.Yes, k.No, k.Toggle, k.Present, k.Back, k.CancelAction, k.ClearDisplay, k.Check, k.TestCards, k.Faults}
}

// Arrows is the pane's list-moving binding.
func (m Model) Arrows() key.Binding { return m.keys().Up }

func (m Model) key(msg tea.KeyMsg) (Model, tea.Cmd) {
	k := m.keys()
	if m.ask != nil {
		return common.Answer(msg, k.Yes, k.No, m, m.ask, func(m Model) Model { m.ask = nil; return m })
	}
	var p common.Picked
	switch {
	case m.faultsOn:
		m.faultPick, p = common.Pick(msg, k.Up, k.Down, k.Toggle, k.Back, m.faultPick, len(m.faultList()))
		m.faultsOn = p != common.Closed
		if p == common.Chosen {
			return m.toggleFault()
		}
		return m, nil
	case m.cardsOn:
		m.card, p = common.Pick(msg, k.Up, k.Down, k.Present, k.Back, m.card, len(common.TestCards))
		m.cardsOn = p == common.Moving
		if p == common.Chosen {
			return m.present(common.TestCards[m.card].Number)
		}
		return m, nil
	}
	switch {
	case key.Matches(msg, k.Up, k.Down):
		m.pick = common.Moved(msg, k.Up, m.pick, len(m.readers))
	case key.Matches(msg, k.ClearDisplay):
		return m.cancelAction(true)
	case key.Matches(msg, k.CancelAction):
		return m.cancelAction(false)
	case key.Matches(msg, k.Check):
		return m.load(true)
	case key.Matches(msg, k.TestCards):
		m.cardsOn, m.card = true, 0
	case key.Matches(msg, k.Faults):
		m.faultsOn, m.faultPick = true, 0
	}
	return m, nil
}
