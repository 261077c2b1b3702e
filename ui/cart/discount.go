package cart

import (
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/ui/common"
)

// orderWide is the discount form's target when the discount is on the whole order.
const orderWide = -1

// discountForm is the one field of a discount on a line or on the whole order: an
// amount (1.50) or a percentage (10%); empty takes the discount off.
type discountForm struct {
	input textinput.Model
	line  int    // the line discounted, or orderWide
	err   string // what is wrong with what was typed
}

// discounting is the form for a discount on line i (or orderWide), filled in with the
// discount it has.
func discounting(c checkout.Cart, i int) discountForm {
	f := discountForm{input: common.Input(20), line: i}
	d := c.Discount
	if i != orderWide {
		d = c.Lines[i].Discount
	}
	if d != nil {
		f.input.SetValue(discountText(*d, c.Currency))
		f.input.CursorEnd()
	}
	return f
}

// discountText is a discount as the cashier types it: "10%" or "1.50".
func discountText(d checkout.Discount, currency string) string {
	if d.Percent > 0 {
		return d.Percent.String()
	}
	return checkout.Money{Amount: d.Amount, Currency: currency}.Decimal()
}

// target names what the form discounts: "line 2, Latte" or "the whole order".
func (f discountForm) target(c checkout.Cart) string {
	if f.line == orderWide {
		return "the whole order"
	}
	return "line " + strconv.Itoa(f.line+1) + ", " + c.Lines[f.line].Description
}

// discountKey handles the open form: enter applies, esc closes, every other key is
// typing.
func (m Model) discountKey(msg tea.KeyMsg, k keyMap) (Model, tea.Cmd) {
	var typed common.Typed
	var cmd tea.Cmd
	m.discount.input, typed, cmd = common.Type(msg, k.Apply, k.Back, m.discount.input)
	switch typed {
	case common.Dismissed:
		m.mode = modeCart
	case common.Submitted:
		return m.applyDiscount()
	default:
		m.discount.err = ""
	}
	return m, cmd
}

// applyDiscount puts the typed discount on its line or the order (empty takes it off),
// or keeps the form open with what is wrong.
func (m Model) applyDiscount() (Model, tea.Cmd) {
	f := &m.discount
	var d *checkout.Discount
	if text := strings.TrimSpace(f.input.Value()); text != "" {
		parsed, err := checkout.ParseDiscount(text, m.cart.Currency)
		if err != nil {
			f.err = discountErr(err)
			return m, nil
		}
		d = &parsed
	}
	var cart checkout.Cart
	var err error
	if f.line == orderWide {
		cart, err = m.cart.SetDiscount(d)
	} else {
		cart, err = m.cart.SetLineDiscount(f.line, d)
	}
	if err != nil {
		f.err = discountErr(err)
		return m, nil
	}
	m.mode = modeCart
	return m.changed(cart, m.cursor)
}

// discountErr says what is wrong with a discount, naming the field.
func discountErr(err error) string {
	text := err.Error()
	for _, sentinel := range []error{checkout.ErrBadDiscount, checkout.ErrBadAmount} {
		text = strings.Replace(text, sentinel.Error()+": ", "", 1)
	}
	return "Discount: " + common.Sentence(text)
}
