// Package cart is the cart page: the lines being sold, the form that adds one, and the
// key that sends the cart to be charged.
package cart

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/ui/common"
)

// ChargeMsg asks the root to charge the cart.
type ChargeMsg struct{ Cart checkout.Cart }

// PickReaderMsg asks the root to open the reader picker.
type PickReaderMsg struct{}

// Model is the cart page.
type Model struct {
	styles   common.Styles
	shared   common.Keys
	cart     checkout.Cart
	cursor   int // selected line
	form     lineForm
	formOpen bool
	failure  *checkout.Failure // why the last charge did not start
}

// New is an empty cart in a currency.
func New(st common.Styles, k common.Keys, currency string) Model {
	return Model{styles: st, shared: k, cart: checkout.Cart{Currency: currency}, form: newLineForm()}
}

// Cart is the cart being built.
func (m Model) Cart() checkout.Cart { return m.cart }

// Put replaces the cart (an earlier payment's, given back) and says why the last charge
// did not start, when it did not.
func (m Model) Put(c checkout.Cart, failure *checkout.Failure) Model {
	m.cart, m.failure, m.cursor, m.formOpen = c, failure, 0, false
	return m
}

// Clear empties the cart once it is being charged.
func (m Model) Clear() Model {
	return m.Put(checkout.Cart{Currency: m.cart.Currency}, nil)
}

// Question is the page's open question; the cart asks none.
func (m Model) Question() string { return "" }

// Update handles the page's keys.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return m, nil
	}
	k := m.keys()
	if m.formOpen {
		return m.formKey(km, k)
	}
	lines := len(m.cart.Lines)
	switch {
	case key.Matches(km, k.Up, k.Down):
		m.cursor = common.Moved(km, k.Up, m.cursor, lines)
	case key.Matches(km, k.Add):
		m.form, m.formOpen = newLineForm(), true
	case key.Matches(km, k.Remove):
		m.cart = m.cart.Remove(m.cursor)
		m.cursor = common.Clamp(m.cursor, lines-1)
	case key.Matches(km, k.Charge):
		if m.cart.Empty() {
			return m, common.Say(common.LevelWarn, "The cart is empty. Press a to add a line.")
		}
		return m, common.Emit(ChargeMsg{Cart: m.cart})
	case key.Matches(km, k.Reader):
		return m, common.Emit(PickReaderMsg{})
	case key.Matches(km, k.Quit):
		return m, tea.Quit
	}
	return m, nil
}

// formKey handles the add-line form: every key it does not know is typing.
func (m Model) formKey(msg tea.KeyMsg, k keyMap) (Model, tea.Cmd) {
	switch {
	case key.Matches(msg, k.Back):
		m.formOpen = false
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
	l, err := m.form.line(m.cart.Currency)
	if err != nil {
		m.form.err = err.Error()
		return m
	}
	cart, err := m.cart.Add(l)
	if err != nil {
		m.form.err = common.Sentence(common.Strip(err, checkout.ErrBadLine))
		return m
	}
	m.cart, m.cursor, m.formOpen = cart, len(cart.Lines)-1, false
	return m
}
