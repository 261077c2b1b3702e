package cart

import (
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/ui/common"
)

// The find-or-scan field: typing filters the catalogue by name or SKU (checkout's Find,
// on every key), and enter adds an item. A barcode scanner types its code and enter, so
// a digit typed on the cart opens the field with that digit in it: the scanned item is
// added with no key before it. A quick key is its number, then enter.

// finder is the open find-or-scan field.
type finder struct {
	input  textinput.Model
	hits   []checkout.Item // what the text finds, best first
	cursor int             // the selected hit
	err    string          // why enter added nothing
}

func newFinder(cat checkout.Catalogue, typed string) finder {
	f := finder{input: common.Input(30)}
	f.input.SetValue(typed)
	f.input.CursorEnd()
	return f.found(cat)
}

// found filters the catalogue by the text typed.
func (f finder) found(cat checkout.Catalogue) finder {
	f.hits, f.cursor, f.err = cat.Find(f.input.Value()), 0, ""
	return f
}

// update types into the field and filters again.
func (f finder) update(cat checkout.Catalogue, msg tea.Msg) (finder, tea.Cmd) {
	before := f.input.Value()
	var cmd tea.Cmd
	f.input, cmd = f.input.Update(msg)
	if f.input.Value() != before {
		f = f.found(cat)
	}
	return f, cmd
}

// pick is what enter adds and how it was found: the item whose barcode or SKU is the
// text, else the quick key the text is the number of, else the selected hit.
func (f finder) pick(cat checkout.Catalogue) (checkout.Item, string, bool) {
	text := strings.TrimSpace(f.input.Value())
	if text != "" {
		if it, ok := cat.ByBarcode(text); ok {
			return it, "barcode " + text, true
		}
		if it, ok := cat.BySKU(text); ok {
			return it, "SKU " + it.SKU, true
		}
		if n, ok := quickKey(text); ok {
			if it, ok := cat.Quick(n); ok {
				return it, "quick key " + text, true
			}
		}
	}
	if len(f.hits) > 0 {
		return f.hits[common.Clamp(f.cursor, len(f.hits))], "", true
	}
	return checkout.Item{}, "", false
}

// quickKey is the quick key text is the number of: a lone digit.
func quickKey(text string) (int, bool) {
	n, err := strconv.Atoi(text)
	return n, err == nil && len(text) == 1
}

// notFound says why enter added nothing, naming what was typed (which stays typed). A
// lone digit was meant as a quick key, so it says which keys there are.
func notFound(text string, cat checkout.Catalogue) string {
	text = strings.TrimSpace(text)
	if text == "" {
		return "The catalogue has no items. Press esc, then a for a free line."
	}
	if _, ok := quickKey(text); ok {
		switch n := len(cat.QuickKeys()); n {
		case 0:
			return "This shop has no quick keys. Find the item by name (type it), or press esc, then a for a free line."
		case 1:
			return "There is no quick key " + text + ": the only one is 1. Press backspace and try again."
		default:
			return "There is no quick key " + text + ": they are 1 to " + strconv.Itoa(n) + ". Press backspace and try again."
		}
	}
	return "No item has the barcode or SKU " + strconv.Quote(text) + ", and no name matches it. " +
		"Check the code, or press esc, then a for a free line."
}

// findKey handles the open field: enter adds, up and down select, esc closes, and
// every other key is typing.
func (m Model) findKey(msg tea.KeyMsg, k keyMap) (Model, tea.Cmd) {
	switch {
	case key.Matches(msg, k.Back):
		m.mode = modeCart
		return m, nil
	case key.Matches(msg, k.Up, k.Down):
		m.find.cursor = common.Moved(msg, k.Up, m.find.cursor, len(m.find.hits))
		return m, nil
	case key.Matches(msg, k.AddItem):
		it, _, ok := m.find.pick(m.cat)
		if !ok {
			m.find.err = notFound(m.find.input.Value(), m.cat)
			return m, nil
		}
		cart, at, err := m.cart.AddItem(m.cat.Line(it, 1))
		if err != nil {
			m.find.err = "Cannot add " + it.Name + ": " + common.Sentence(common.Strip(err, checkout.ErrBadLine))
			return m, nil
		}
		m.mode = modeCart
		return m.changed(cart, at)
	}
	var cmd tea.Cmd
	m.find, cmd = m.find.update(m.cat, msg)
	return m, cmd
}
