package cart

import (
	"errors"
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/ui/common"
)

// The add-line form's fields, in tab order.
const (
	fieldDescription = iota
	fieldPrice
	fieldQuantity
	fieldCount
)

var fieldNames = [fieldCount]string{"Description", "Price", "Quantity"}

// lineForm is the three-field form that adds a line to the cart.
type lineForm struct {
	inputs [fieldCount]textinput.Model
	focus  int
	err    string // what is wrong with the last attempt to add
}

func newLineForm() lineForm {
	var f lineForm
	placeholders := [fieldCount]string{"Coffee", "3.50", "1"}
	limits := [fieldCount]int{60, 12, 4}
	for i := range f.inputs {
		in := textinput.New()
		in.Prompt = ""
		in.Placeholder = placeholders[i]
		in.CharLimit = limits[i]
		in.Width = 40
		in.Cursor.SetMode(cursor.CursorStatic) // no blinking: calm, and views stay reproducible
		f.inputs[i] = in
	}
	f.inputs[fieldDescription].Focus()
	return f
}

// move focuses the next (+1) or previous (-1) field, wrapping around.
func (f lineForm) move(by int) lineForm {
	f.inputs[f.focus].Blur()
	f.focus = (f.focus + by + fieldCount) % fieldCount
	f.inputs[f.focus].Focus()
	return f
}

// update types into the focused field.
func (f lineForm) update(msg tea.Msg) (lineForm, tea.Cmd) {
	var cmd tea.Cmd
	f.inputs[f.focus], cmd = f.inputs[f.focus].Update(msg)
	return f, cmd
}

// line reads the form as a cart line in the given currency, or says what is wrong.
func (f lineForm) line(currency string) (checkout.Line, error) {
	price, err := checkout.ParseAmount(f.inputs[fieldPrice].Value(), currency)
	if err != nil {
		return checkout.Line{}, errors.New("Price: " + common.Sentence(common.Strip(err, checkout.ErrBadAmount)))
	}
	qtyText := strings.TrimSpace(f.inputs[fieldQuantity].Value())
	if qtyText == "" {
		qtyText = "1" // the placeholder says so
	}
	qty, err := strconv.ParseInt(qtyText, 10, 64)
	if err != nil {
		return checkout.Line{}, errors.New("Quantity: enter a whole number, for example 2")
	}
	return checkout.Line{
		Description: f.inputs[fieldDescription].Value(),
		UnitPrice:   price.Amount,
		Quantity:    qty,
	}, nil
}
