package ui

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/till-pos/till/checkout"
)

// supportKeymap enables the support screen's keys that apply now.
func (m Model) supportKeymap(k keyMap) keyMap {
	on := func(bs ...*key.Binding) {
		for _, b := range bs {
			b.SetEnabled(true)
		}
	}
	switch {
	case m.sup.ask != nil:
		on(&k.Yes, &k.No)
		return k
	case m.sup.overlay == supportFaults:
		on(&k.Up, &k.Down, &k.Toggle, &k.Back)
		return k
	case m.sup.overlay == supportReasons:
		on(&k.Up, &k.Down, &k.Reason, &k.Back)
		return k
	}
	on(&k.NextPane, &k.PrevPane, &k.PaneN, &k.Back)
	switch m.sup.pane {
	case paneReaders:
		on(&k.Check)
		r, ok := m.selectedReader()
		if len(m.sup.readers) > 1 {
			on(&k.Up, &k.Down)
		}
		if ok && r.Action != nil && r.Action.Status == checkout.ActionInProgress {
			on(&k.CancelAction)
			if r.Action.Type == "set_reader_display" {
				on(&k.ClearDisplay)
			}
			if r.Simulated() && r.Action.Type == "process_payment_intent" {
				// 1 and 2 present cards here; the other panes stay on 3 and 4.
				on(&k.Approve, &k.Decline)
				k.Approve.SetHelp("1/2", "approve/decline card")
				k.PaneN = key.NewBinding(key.WithKeys("3", "4"))
			}
		}
		if ok && m.deps.Demo != nil {
			on(&k.Faults)
		}
	case panePayments:
		on(&k.Refresh)
		if n := len(m.sup.payments); n > 0 {
			on(&k.Timeline)
			if n > 1 {
				on(&k.Up, &k.Down)
			}
			if p, _ := m.selectedPayment(); p.ID != "" {
				on(&k.CapturePI, &k.CancelPI)
			}
		}
	case paneTimeline:
		on(&k.Refresh)
		if len(m.sup.entries) > 0 {
			on(&k.Export)
			if len(m.sup.entries) > 1 {
				on(&k.Up, &k.Down)
			}
		}
	case paneShift:
		on(&k.Refresh)
		if m.sup.hasShift {
			on(&k.Export, &k.CloseShift)
		}
	}
	return k
}

// supportKey handles a key on the support screen.
func (m Model) supportKey(msg tea.KeyMsg, k keyMap) (Model, tea.Cmd) {
	if q := m.sup.ask; q != nil {
		switch {
		case key.Matches(msg, k.Yes):
			m.sup.ask = nil
			return q.yes(m)
		case key.Matches(msg, k.No):
			m.sup.ask = nil
		}
		return m, nil
	}
	switch m.sup.overlay {
	case supportFaults:
		return m.faultsKey(msg, k)
	case supportReasons:
		return m.reasonsKey(msg, k)
	}
	switch {
	case key.Matches(msg, k.Back):
		return m.closeSupport(), nil
	case key.Matches(msg, k.NextPane):
		return m.enterPane((m.sup.pane + 1) % paneCount)
	case key.Matches(msg, k.PrevPane):
		return m.enterPane((m.sup.pane + paneCount - 1) % paneCount)
	case key.Matches(msg, k.PaneN):
		return m.enterPane(pane(msg.String()[0] - '1'))
	}
	switch m.sup.pane {
	case paneReaders:
		return m.readersKey(msg, k)
	case panePayments:
		return m.paymentsKey(msg, k)
	case paneTimeline:
		return m.timelineKey(msg, k)
	case paneShift:
		return m.shiftKey(msg, k)
	}
	return m, nil
}

func (m Model) readersKey(msg tea.KeyMsg, k keyMap) (Model, tea.Cmd) {
	switch {
	case key.Matches(msg, k.Up, k.Down):
		m.sup.pick = moved(msg, k, m.sup.pick, len(m.sup.readers))
	case key.Matches(msg, k.ClearDisplay):
		return m.cancelReaderAction(true)
	case key.Matches(msg, k.CancelAction):
		return m.cancelReaderAction(false)
	case key.Matches(msg, k.Check):
		return m.loadReaders()
	case key.Matches(msg, k.Approve):
		return m.presentOnReader(cardApproves)
	case key.Matches(msg, k.Decline):
		return m.presentOnReader(cardDeclines)
	case key.Matches(msg, k.Faults):
		m.sup.overlay, m.sup.faultPick = supportFaults, 0
	}
	return m, nil
}

func (m Model) faultsKey(msg tea.KeyMsg, k keyMap) (Model, tea.Cmd) {
	switch {
	case key.Matches(msg, k.Up, k.Down):
		m.sup.faultPick = moved(msg, k, m.sup.faultPick, len(faultNames))
	case key.Matches(msg, k.Toggle):
		return m.toggleFault()
	case key.Matches(msg, k.Back):
		m.sup.overlay = supportNone
	}
	return m, nil
}

func (m Model) paymentsKey(msg tea.KeyMsg, k keyMap) (Model, tea.Cmd) {
	switch {
	case key.Matches(msg, k.Up, k.Down):
		m.sup.pay = moved(msg, k, m.sup.pay, len(m.sup.payments))
	case key.Matches(msg, k.CapturePI):
		return m.capturePayment()
	case key.Matches(msg, k.CancelPI):
		return m.pickReason(), nil
	case key.Matches(msg, k.Timeline):
		return m.enterPane(paneTimeline)
	case key.Matches(msg, k.Refresh):
		return m.loadPayments()
	}
	return m, nil
}

func (m Model) reasonsKey(msg tea.KeyMsg, k keyMap) (Model, tea.Cmd) {
	switch {
	case key.Matches(msg, k.Up, k.Down):
		m.sup.reason = moved(msg, k, m.sup.reason, len(checkout.CancelReasons))
	case key.Matches(msg, k.Reason):
		return m.cancelPayment()
	case key.Matches(msg, k.Back):
		m.sup.overlay = supportNone
	}
	return m, nil
}

func (m Model) timelineKey(msg tea.KeyMsg, k keyMap) (Model, tea.Cmd) {
	switch {
	case key.Matches(msg, k.Up, k.Down):
		m.sup.entry = moved(msg, k, m.sup.entry, len(m.sup.entries))
	case key.Matches(msg, k.Export):
		return m, m.exportTimeline()
	case key.Matches(msg, k.Refresh):
		return m.loadTimeline()
	}
	return m, nil
}

func (m Model) shiftKey(msg tea.KeyMsg, k keyMap) (Model, tea.Cmd) {
	switch {
	case key.Matches(msg, k.CloseShift):
		return m.closeShift()
	case key.Matches(msg, k.Export):
		return m, m.exportShift()
	case key.Matches(msg, k.Refresh):
		return m.loadShift()
	}
	return m, nil
}
