package ui

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/till-pos/till/checkout"
)

// cartKey handles the cart screen.
func (m Model) cartKey(msg tea.KeyMsg, k keyMap) (Model, tea.Cmd) {
	lines := len(m.session.Cart.Lines)
	switch {
	case key.Matches(msg, k.Up, k.Down):
		m.cursor = moved(msg, k, m.cursor, lines)
	case key.Matches(msg, k.Add):
		m.form, m.overlay = newLineForm(), overlayForm
	case key.Matches(msg, k.Remove):
		m.session.Cart = m.session.Cart.Remove(m.cursor)
		m.cursor = clamp(m.cursor, lines-1)
	case key.Matches(msg, k.Charge):
		return m.charge()
	case key.Matches(msg, k.Reader):
		return m.openPicker(false)
	case key.Matches(msg, k.Quit):
		return m, tea.Quit
	}
	return m, nil
}

// formKey handles the add-line form: every key it does not know is typing.
func (m Model) formKey(msg tea.KeyMsg, k keyMap) (Model, tea.Cmd) {
	switch {
	case key.Matches(msg, k.Back):
		m.overlay = overlayNone
	case key.Matches(msg, k.NextField):
		m.form = m.form.move(1)
	case key.Matches(msg, k.PrevField):
		m.form = m.form.move(-1)
	case key.Matches(msg, k.Submit):
		return m.addLine(), nil
	default:
		var cmd tea.Cmd
		m.form, cmd = m.form.update(msg)
		return m, cmd
	}
	return m, nil
}

// addLine adds the form's line to the cart, or keeps the form open with what is wrong.
func (m Model) addLine() Model {
	l, err := m.form.line(m.session.Cart.Currency)
	if err != nil {
		m.form.err = err.Error()
		return m
	}
	cart, err := m.session.Cart.Add(l)
	if err != nil {
		m.form.err = sentence(strip(err, checkout.ErrBadLine))
		return m
	}
	m.session.Cart, m.cursor, m.overlay = cart, len(cart.Lines)-1, overlayNone
	return m
}

// charge starts the payment of the cart on the chosen reader.
func (m Model) charge() (Model, tea.Cmd) {
	if m.session.Cart.Empty() {
		m.flash = flash{level: levelWarn, text: "The cart is empty. Press a to add a line."}
		return m, nil
	}
	if m.readerID == "" {
		m, cmd := m.openPicker(false)
		m.pickCharge = true
		m.flash = flash{level: levelWarn, text: "Choose a reader for this payment."}
		return m, cmd
	}
	return m.act(checkout.ChargeRequested{
		OrderID:       m.opts.NewOrderID(),
		Amount:        m.session.Cart.Total(),
		ReaderID:      m.readerID,
		CaptureMethod: m.opts.CaptureMethod,
		At:            m.opts.Now(),
	})
}
