package cart

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/ui/common"
)

// The line form's fields, in tab order.
const (
	fieldDescription = iota
	fieldPrice
	fieldQuantity
	fieldCount
)

var fieldNames = [fieldCount]string{"Description", "Price", "Quantity"}

// maxDescription is the longest description the form takes, in characters.
const maxDescription = 60

// lineForm is the three-field form that adds a line to the cart or edits one. Its
// fields hold exactly what was typed: they have no placeholders (which look like
// values) and no length limits (which silently drop what is typed past them); what is
// wrong is said beside the field instead.
type lineForm struct {
	inputs [fieldCount]textinput.Model
	focus  int
	edit   int                // the line being edited, or -1 when adding
	errs   [fieldCount]string // what is wrong with each field
	err    string             // what is wrong with the line as a whole
}

func newLineForm() lineForm {
	f := lineForm{edit: -1}
	for i := range f.inputs {
		in := textinput.New()
		in.Prompt = ""
		in.Width = 40
		in.Cursor.SetMode(cursor.CursorStatic) // no blinking: calm, and views stay reproducible
		f.inputs[i] = in
	}
	f.inputs[fieldDescription].Focus()
	return f
}

// editing is the form filled in with line i, to change it.
func editing(i int, l checkout.Line, currency string) lineForm {
	f := newLineForm()
	f.edit = i
	f.inputs[fieldDescription].SetValue(l.Description)
	f.inputs[fieldPrice].SetValue(checkout.Money{Amount: l.UnitPrice, Currency: currency}.Decimal())
	f.inputs[fieldQuantity].SetValue(strconv.FormatInt(l.Quantity, 10))
	return f.to(fieldQuantity)
}

// to focuses a field.
func (f lineForm) to(field int) lineForm {
	f.inputs[f.focus].Blur()
	f.focus = field
	f.inputs[f.focus].Focus()
	f.inputs[f.focus].CursorEnd()
	return f
}

// move focuses the next (+1) or previous (-1) field, wrapping around.
func (f lineForm) move(by int) lineForm {
	return f.to((f.focus + by + fieldCount) % fieldCount)
}

// update types into the focused field.
func (f lineForm) update(msg tea.Msg) (lineForm, tea.Cmd) {
	var cmd tea.Cmd
	f.inputs[f.focus], cmd = f.inputs[f.focus].Update(msg)
	return f, cmd
}

// line reads the form as a cart line in the given currency. Every field is checked, so
// all that is wrong is said at once, and the focus goes to the first bad field.
func (f lineForm) line(currency string) (lineForm, checkout.Line, bool) {
	f.errs, f.err = [fieldCount]string{}, ""
	desc := strings.TrimSpace(f.inputs[fieldDescription].Value())
	switch n := utf8.RuneCountInString(desc); {
	case n == 0:
		f.errs[fieldDescription] = "Give the line a description."
	case n > maxDescription:
		f.errs[fieldDescription] = "At most " + strconv.Itoa(maxDescription) + " characters; this is " + strconv.Itoa(n) + "."
	}
	price, err := checkout.ParseAmount(f.inputs[fieldPrice].Value(), currency)
	if err != nil {
		f.errs[fieldPrice] = common.Sentence(common.Strip(err, checkout.ErrBadAmount))
	}
	qty, msg := quantity(f.inputs[fieldQuantity].Value())
	f.errs[fieldQuantity] = msg
	for i, e := range f.errs {
		if e != "" {
			return f.to(i), checkout.Line{}, false
		}
	}
	return f, checkout.Line{Description: desc, UnitPrice: price.Amount, Quantity: qty}, true
}

// quantity reads the quantity field: empty means 1.
func quantity(text string) (int64, string) {
	text = strings.TrimSpace(text)
	if text == "" {
		return 1, ""
	}
	for _, r := range text {
		if r < '0' || r > '9' {
			return 0, "Enter a whole number, for example 2."
		}
	}
	n, err := strconv.ParseInt(text, 10, 64)
	switch {
	case err != nil || n > checkout.MaxQuantity:
		return 0, "At most " + strconv.Itoa(checkout.MaxQuantity) + " on one line; " + text + " is more."
	case n == 0:
		return 0, "At least 1."
	}
	return n, ""
}

// example is an amount as it is typed in the currency: 3.50, or 350 in yen.
func example(currency string) string {
	d := checkout.Decimals(currency)
	if d == 0 {
		return "350"
	}
	return "3.5" + strings.Repeat("0", d-1)
}
