package ui

import (
	"github.com/charmbracelet/bubbles/key"

	"github.com/till-pos/till/checkout"
)

// keyMap is every key till knows. keymap enables only the ones that apply now, so the
// same struct drives both what a key does and what the help line shows.
type keyMap struct {
	Up, Down                             key.Binding
	Add, Remove, Charge, Reader          key.Binding
	Capture, Retry, RetryOther, TakeOver key.Binding
	NewSale                              key.Binding
	Approve, Decline, TestCards          key.Binding
	Check, Cancel                        key.Binding
	Choose, Present                      key.Binding
	Submit, NextField, PrevField, Back   key.Binding
	Yes, No                              key.Binding
	Quit, ForceQuit                      key.Binding
	// The support screen's.
	Support, NextPane, PrevPane, PaneN    key.Binding
	CancelAction, ClearDisplay, Faults    key.Binding
	Toggle, CapturePI, CancelPI, Reason   key.Binding
	Timeline, Refresh, Export, CloseShift key.Binding
}

func newKeyMap() keyMap {
	b := func(help string, desc string, keys ...string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, desc), key.WithDisabled())
	}
	return keyMap{
		Up:         b("↑/↓", "select", "up"),
		Down:       b("", "", "down"),
		Add:        b("a", "add line", "a"),
		Remove:     b("d", "remove", "d"),
		Charge:     b("enter", "charge", "enter"),
		Reader:     b("p", "reader", "p"),
		Capture:    b("enter/c", "capture", "enter", "c"),
		Retry:      b("r", "retry", "r"),
		RetryOther: b("p", "other reader", "p"),
		TakeOver:   b("o", "take over", "o"),
		NewSale:    b("enter", "new sale", "enter", "n"),
		Approve:    b("1", "approve card", "1"),
		Decline:    b("2", "decline card", "2"),
		TestCards:  b("t", "test cards", "t"),
		Check:      b("s", "check", "s"),
		Cancel:     b("x", "cancel payment", "x"),
		Choose:     b("enter", "choose", "enter"),
		Present:    b("enter", "present", "enter"),
		Submit:     b("enter", "add", "enter"),
		NextField:  b("tab", "next field", "tab"),
		PrevField:  b("shift+tab", "previous", "shift+tab"),
		Back:       b("esc", "back", "esc"),
		Yes:        b("y", "yes", "y"),
		No:         b("n", "no", "n", "esc"),
		Quit:       b("q", "quit", "q"),
		ForceQuit:  b("ctrl+c", "quit", "ctrl+c"),

		Support:      b("ctrl+s", "support", "ctrl+s", "f2"),
		NextPane:     b("tab", "panes", "tab"),
		PrevPane:     b("", "", "shift+tab"),
		PaneN:        b("1-4", "pane", "1", "2", "3", "4"),
		CancelAction: b("x", "cancel action", "x"),
		ClearDisplay: b("c", "clear display", "c"),
		Faults:       b("f", "faults", "f"),
		Toggle:       b("enter", "switch", "enter"),
		CapturePI:    b("c", "capture", "c"),
		CancelPI:     b("x", "cancel", "x"),
		Reason:       b("enter", "cancel with reason", "enter"),
		Timeline:     b("enter", "timeline", "enter"),
		Refresh:      b("s", "refresh", "s"),
		Export:       b("e", "export", "e"),
		CloseShift:   b("C", "close shift", "C"),
	}
}

// shown lists the bindings in help-line order; disabled ones are skipped when drawn.
// ctrl+c (quit) and ctrl+s (support) work everywhere and are left out, for room.
func (k keyMap) shown() []key.Binding {
	return []key.Binding{
		k.Up, k.Add, k.Remove, k.Charge, k.Reader,
		k.Capture, k.Retry, k.RetryOther, k.TakeOver, k.NewSale,
		k.Approve, k.Decline, k.TestCards,
		k.Check, k.Cancel, k.Choose, k.Present,
		k.Submit, k.NextField, k.PrevField,
		k.Yes, k.No, k.Back, k.Quit,
	}
}

// supportShown lists the support screen's bindings in help-line order: the pane's
// actions first, the arrows last (the line is cut when too long). The pane numbers are
// on the tab bar.
func (k keyMap) supportShown() []key.Binding {
	return []key.Binding{
		k.CancelAction, k.ClearDisplay, k.Approve, k.Faults, k.Check,
		k.CapturePI, k.CancelPI, k.Timeline, k.Refresh, k.Export, k.CloseShift,
		k.Toggle, k.Reason, k.Yes, k.No, k.Back, k.NextPane, k.Up,
	}
}

// keymap enables the keys that apply to what is on screen now.
func (m Model) keymap() keyMap {
	k := newKeyMap()
	on := func(bs ...*key.Binding) {
		for _, b := range bs {
			b.SetEnabled(true)
		}
	}
	on(&k.ForceQuit, &k.Support)
	if m.confirmQuit {
		on(&k.Yes, &k.No)
		return k
	}
	if m.sup.open {
		return m.supportKeymap(k)
	}
	if m.overlay == overlayConfirmCancel || m.overlay == overlayConfirmTakeOver {
		on(&k.Yes, &k.No)
		return k
	}
	switch m.screen() {
	case screenCart:
		on(&k.Add, &k.Charge, &k.Reader, &k.Quit)
		if n := len(m.session.Cart.Lines); n > 0 {
			on(&k.Remove)
			if n > 1 {
				on(&k.Up, &k.Down)
			}
		}
	case screenForm:
		on(&k.Submit, &k.NextField, &k.PrevField, &k.Back)
	case screenPicker:
		on(&k.Back)
		if n := len(m.readers); n > 0 {
			on(&k.Choose)
			if n > 1 {
				on(&k.Up, &k.Down)
			}
		}
	case screenCards:
		on(&k.Up, &k.Down, &k.Present, &k.Back)
	case screenAwaiting:
		if m.simulated() && m.presenting == "" {
			on(&k.Approve, &k.Decline, &k.TestCards)
		}
		on(&k.Check, &k.Cancel)
	case screenApproved:
		on(&k.Capture, &k.Check, &k.Cancel)
	case screenDeclined:
		on(&k.Retry, &k.RetryOther, &k.Check, &k.Cancel)
		if m.readerInUse() {
			on(&k.TakeOver)
		}
	case screenUnknown:
		on(&k.Check)
		if m.session.PaymentIntentID != "" {
			on(&k.Cancel)
		}
	case screenPaid, screenCanceled:
		on(&k.NewSale, &k.Quit)
	}
	if m.stalled {
		on(&k.Check)
	}
	return k
}

// readerInUse reports whether the last send found the reader taking another payment,
// which only the cashier may decide to replace.
func (m Model) readerInUse() bool {
	f := m.session.Failure
	return m.session.Phase == checkout.Declined && f != nil && f.Code == checkout.CodeReaderInUse
}

// simulated reports whether the session's reader is a simulated one, which takes test
// cards from the keyboard.
func (m Model) simulated() bool {
	r, ok := m.reader(m.session.ReaderID)
	return ok && r.Simulated()
}

// reader finds a reader by id in the list.
func (m Model) reader(id string) (checkout.Reader, bool) {
	for _, r := range m.readers {
		if r.ID == id && id != "" {
			return r, true
		}
	}
	return checkout.Reader{}, false
}
