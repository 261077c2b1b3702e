package cart

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/ui/common"
)

// The line form's fields, in tab order. The tax class is asked only when the shop has
// tax classes.
const (
	fieldDescription = iota
	fieldPrice
	fieldQuantity
	fieldTax
	fieldCount
)

var fieldNames = [fieldCount]string{"Description", "Price", "Quantity", "Tax class"}

// maxDescription is the longest description the form takes, in characters.
const maxDescription = 60

// lineForm is the form that adds a free line to the cart or edits one. Its fields hold
// exactly what was typed (common.Input); what is wrong is said beside the field.
type lineForm struct {
	inputs [fieldCount]textinput.Model
	fields int // how many of the fields are asked: the tax class only when there are classes
	focus  int
	edit   int                // the line being edited, or -1 when adding
	was    checkout.Line      // the line being edited, as it was
	errs   [fieldCount]string // what is wrong with each field
	err    string             // what is wrong with the line as a whole
}

func newLineForm(taxed bool) lineForm {
	f := lineForm{edit: -1, fields: fieldTax}
	if taxed {
		f.fields = fieldCount
	}
	for i := range f.inputs {
		f.inputs[i] = common.Input(40)
		f.inputs[i].Blur()
	}
	f.inputs[fieldDescription].Focus()
	return f
}

// editing is the form filled in with line i, to change it.
func editing(i int, l checkout.Line, currency string, taxed bool) lineForm {
	f := newLineForm(taxed || l.TaxClass != "")
	f.edit, f.was = i, l
	f.inputs[fieldDescription].SetValue(l.Description)
	f.inputs[fieldPrice].SetValue(checkout.Money{Amount: l.UnitPrice, Currency: currency}.Decimal())
	f.inputs[fieldQuantity].SetValue(strconv.FormatInt(l.Quantity, 10))
	f.inputs[fieldTax].SetValue(l.TaxClass)
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
	return f.to((f.focus + by + f.fields) % f.fields)
}

// update types into the focused field.
// A field's error goes once its text changes: it spoke of what was there before.
func (f lineForm) update(msg tea.Msg) (lineForm, tea.Cmd) {
	var cmd tea.Cmd
	was := f.inputs[f.focus].Value()
	f.inputs[f.focus], cmd = f.inputs[f.focus].Update(msg)
	if f.inputs[f.focus].Value() != was {
		f.errs[f.focus], f.err = "", ""
	}
	return f, cmd
}

// line reads the form as a cart line of the catalogue's currency and tax classes. Every
// field is checked, so all that is wrong is said at once, and the focus goes to the
// first bad field. An edited line keeps its SKU and its discount.
func (f lineForm) line(cat checkout.Catalogue) (lineForm, checkout.Line, bool) {
	f.errs, f.err = [fieldCount]string{}, ""
	desc := strings.TrimSpace(f.inputs[fieldDescription].Value())
	switch n := utf8.RuneCountInString(desc); {
	case n == 0:
		f.errs[fieldDescription] = "Give the line a description."
	case n > maxDescription:
		f.errs[fieldDescription] = "At most " + strconv.Itoa(maxDescription) + " characters; this is " + strconv.Itoa(n) + "."
	}
	price, err := checkout.ParseAmount(f.inputs[fieldPrice].Value(), cat.Currency())
	if err != nil {
		f.errs[fieldPrice] = common.Sentence(common.Strip(err, checkout.ErrBadAmount))
	}
	qty, msg := quantity(f.inputs[fieldQuantity].Value())
	f.errs[fieldQuantity] = msg
	class, rate, ok := taxClass(cat, f.inputs[fieldTax].Value())
	if class != "" && !ok {
		f.errs[fieldTax] = strconv.Quote(class) + " is not a tax class: " + classList(cat) + ". Empty: no tax."
	}
	for i, e := range f.errs {
		if e != "" {
			return f.to(i), checkout.Line{}, false
		}
	}
	l := checkout.Line{Description: desc, UnitPrice: price.Amount, Quantity: qty, TaxClass: class, TaxRate: rate}
	if f.edit >= 0 {
		l.SKU, l.Discount = f.was.SKU, f.was.Discount
	}
	return f, l, true
}

// taxClass reads the tax class field: a class's name, or the start of only one ("prep"
// for "prepared food"), so a cashier need not type a long name out.
func taxClass(cat checkout.Catalogue, text string) (string, checkout.Rate, bool) {
	class := strings.ToLower(strings.TrimSpace(text))
	if rate, ok := cat.Class(class); ok || class == "" {
		return class, rate, ok
	}
	var found []string
	for _, name := range cat.TaxClasses().Names() {
		if strings.HasPrefix(name, class) {
			found = append(found, name)
		}
	}
	if len(found) != 1 {
		return class, 0, false
	}
	rate, ok := cat.Class(found[0])
	return found[0], rate, ok
}

// classList names the shop's tax classes with their rates: "grocery 1%, prepared food 8.25%".
func classList(cat checkout.Catalogue) string {
	classes := cat.TaxClasses()
	names := classes.Names()
	for i, n := range names {
		names[i] = n + " " + classes[n].String()
	}
	return strings.Join(names, ", ")
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
