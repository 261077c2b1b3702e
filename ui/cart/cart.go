// Package cart is the cart page: the lines being sold, found in the catalogue by name
// or SKU as the cashier types, scanned by barcode, put on quick keys, or typed as free
// lines; quantities, line edits and the undo of a removal; discounts on a line or on the
// order; the subtotal, discounts, tax and total; and the key that sends the cart to be
// charged. The cart under way is kept on disk after every change, so a restart gets it
// back.
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

// CashMsg asks the root to take the cart in cash.
type CashMsg struct{ Cart checkout.Cart }

// HistoryMsg asks the root to open the history of payments.
type HistoryMsg struct{}

// QuitMsg asks the root to quit: the cart is on disk, and comes off the reader's
// screen first.
type QuitMsg struct{}

// removed is a line taken out of the cart, and where it was.
type removed struct {
	at   int
	line checkout.Line
}

// undoDepth is how many removals can be undone.
const undoDepth = 20

// mode is what has the page's keys: the cart, or one of its fields.
type mode int

const (
	modeCart     mode = iota
	modeFind          // the find-or-scan field
	modeForm          // the free line form, adding or editing
	modeDiscount      // a discount on a line or on the order
)

// Model is the cart page.
type Model struct {
	styles *common.Styles
	shared common.Keys
	drafts *drafts
	cat    checkout.Catalogue
	items  bool // the catalogue has items to find and scan

	cart     checkout.Cart
	cursor   int // selected line
	mode     mode
	find     finder
	form     lineForm
	discount discountForm
	undo     []removed         // newest last
	failure  *checkout.Failure // why the last charge did not start
	asking   bool              // "quit?" is on screen
}

// New is an empty cart of the catalogue's currency and tax rules, whose drafts are
// kept in prefs.
func New(st *common.Styles, k common.Keys, cat checkout.Catalogue, prefs Prefs) Model {
	return Model{styles: st, shared: k, drafts: newDrafts(prefs), cat: cat, items: len(cat.Items()) > 0, cart: cat.NewCart()}
}

// Init reads the cart an earlier run left under way.
func (m Model) Init() tea.Cmd { return m.drafts.loadCmd(m.cat.Currency()) }

// Cart is the cart being built.
func (m Model) Cart() checkout.Cart { return m.cart }

// Put replaces the cart (an earlier payment's, given back) and says why the last charge
// did not start, when it did not.
func (m Model) Put(c checkout.Cart, failure *checkout.Failure) (Model, tea.Cmd) {
	m.cart, m.failure, m.cursor, m.mode, m.undo, m.asking = c, failure, 0, modeCart, nil, false
	return m, m.drafts.saveCmd(c)
}

// Clear empties the cart once it is being charged; the payment holds it now.
func (m Model) Clear() (Model, tea.Cmd) { return m.Put(m.cat.NewCart(), nil) }

// Question is the page's open question.
func (m Model) Question() string {
	if m.asking {
		return "Quit? The cart is kept and comes back when till starts again. (y/n)"
	}
	return ""
}

// Typing reports whether keys are text for a field.
func (m Model) Typing() bool { return m.mode != modeCart }

// Update takes the page's keys and the draft read at start.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case draftMsg:
		return m.loaded(msg)
	case draftSavedMsg:
		if msg.err != nil {
			return m, common.Say(common.LevelWarn, "Could not keep the cart on disk: "+msg.err.Error()+". It is still here.")
		}
		return m, nil
	case tea.KeyMsg:
		return m.key(msg)
	}
	return m, nil
}

// loaded takes the cart an earlier run left, unless one is being built already.
func (m Model) loaded(msg draftMsg) (Model, tea.Cmd) {
	switch {
	case msg.err != nil:
		return m, common.Say(common.LevelWarn, "Could not read the cart left from last time: "+msg.err.Error())
	case msg.cart.Empty() || !m.cart.Empty():
		return m, nil
	}
	m.cart, m.cursor = msg.cart, len(msg.cart.Lines)-1
	m.cart.Pricing = m.cat.Pricing() // not sold yet: the shop's rules now
	return m, common.Say(common.LevelWarn, "The cart left open last time is back ("+common.Plural(len(msg.cart.Lines), "line", "lines")+").")
}

func (m Model) key(msg tea.KeyMsg) (Model, tea.Cmd) {
	k := m.keys()
	if m.asking {
		quit := &common.Question[Model]{Yes: func(m Model) (Model, tea.Cmd) {
			return m, tea.Sequence(m.drafts.saveCmd(m.cart), common.Emit(QuitMsg{}))
		}}
		return common.Answer(msg, k.Yes, k.No, m, quit, func(m Model) Model { m.asking = false; return m })
	}
	switch m.mode {
	case modeFind:
		return m.findKey(msg, k)
	case modeForm:
		return m.formKey(msg, k)
	case modeDiscount:
		return m.discountKey(msg, k)
	}
	if m.items && scanned(msg) {
		// A scanner (or a paste) types a whole code at once: it is a code, not keys.
		m.mode, m.find = modeFind, newFinder(m.cat, string(msg.Runes))
		return m, nil
	}
	lines := len(m.cart.Lines)
	switch {
	case key.Matches(msg, k.Up, k.Down):
		m.cursor = common.Moved(msg, k.Up, m.cursor, lines)
	case key.Matches(msg, k.Find):
		m.mode, m.find = modeFind, newFinder(m.cat, "")
	case key.Matches(msg, k.Scan):
		m.mode, m.find = modeFind, newFinder(m.cat, string(msg.Runes))
	case key.Matches(msg, k.Add):
		m.mode, m.form = modeForm, newLineForm(m.taxed())
	case key.Matches(msg, k.Edit):
		m.mode, m.form = modeForm, editing(m.cursor, m.cart.Lines[m.cursor], m.cart.Currency, m.taxed())
	case key.Matches(msg, k.More):
		return m.requantify(1)
	case key.Matches(msg, k.Less):
		return m.requantify(-1)
	case key.Matches(msg, k.LineDiscount):
		m.mode, m.discount = modeDiscount, discounting(m.cart, m.cursor)
	case key.Matches(msg, k.OrderDiscount):
		m.mode, m.discount = modeDiscount, discounting(m.cart, orderWide)
	case key.Matches(msg, k.Remove):
		m.undo = append(m.undo, removed{at: m.cursor, line: m.cart.Lines[m.cursor]})
		if len(m.undo) > undoDepth {
			m.undo = m.undo[1:]
		}
		return m.changed(m.cart.Remove(m.cursor), common.Clamp(m.cursor, lines-1))
	case key.Matches(msg, k.Undo):
		r := m.undo[len(m.undo)-1]
		cart, err := m.cart.Insert(r.at, r.line)
		if err != nil {
			return m, common.Say(common.LevelWarn, "Cannot put "+r.line.Description+" back: "+common.Sentence(common.Strip(err, checkout.ErrBadLine)))
		}
		m.undo = m.undo[:len(m.undo)-1]
		return m.changed(cart, min(r.at, len(cart.Lines)-1))
	case key.Matches(msg, k.Charge):
		if m.cart.Empty() {
			return m, common.Say(common.LevelWarn, m.emptyText())
		}
		return m, common.Emit(ChargeMsg{Cart: m.cart})
	case key.Matches(msg, k.Cash):
		return m, common.Emit(CashMsg{Cart: m.cart})
	case key.Matches(msg, k.Reader):
		return m, common.Emit(PickReaderMsg{})
	case key.Matches(msg, k.History):
		return m, common.Emit(HistoryMsg{})
	case key.Matches(msg, k.Quit):
		if m.cart.Empty() {
			return m, common.Emit(QuitMsg{})
		}
		m.asking = true
	}
	return m, nil
}

// emptyText says how to fill an empty cart.
func (m Model) emptyText() string {
	if !m.items {
		return "The cart is empty. Press a to add a line."
	}
	return "The cart is empty. Scan or find an item (/), or press a for a free line."
}

// scanned reports whether a key press is several characters at once: a barcode
// scanner's code (the terminal reads it in one go) or a paste.
func scanned(msg tea.KeyMsg) bool {
	return msg.Type == tea.KeyRunes && (len(msg.Runes) > 1 || msg.Paste)
}

// taxed reports whether the shop has tax classes, which free lines are asked for.
func (m Model) taxed() bool { return len(m.cat.TaxClasses()) > 0 }

// requantify changes the selected line's quantity by one.
func (m Model) requantify(by int64) (Model, tea.Cmd) {
	l := m.cart.Lines[m.cursor]
	if l.Quantity+by < 1 {
		return m, common.Say(common.LevelWarn, "The quantity is 1. Press d to remove the line.")
	}
	l.Quantity += by
	cart, err := m.cart.Replace(m.cursor, l)
	if err != nil {
		return m, common.Say(common.LevelWarn, "Cannot change the quantity: "+common.Sentence(common.Strip(err, checkout.ErrBadLine)))
	}
	return m.changed(cart, m.cursor)
}

// changed takes the next cart, keeps it on disk, and puts the cursor on a line.
func (m Model) changed(c checkout.Cart, cursor int) (Model, tea.Cmd) {
	m.cart, m.cursor, m.failure = c, max(cursor, 0), nil
	return m, m.drafts.saveCmd(c)
}

// formKey handles the line form: every key it does not know is typing.
func (m Model) formKey(msg tea.KeyMsg, k keyMap) (Model, tea.Cmd) {
	switch {
	case key.Matches(msg, k.Back):
		m.mode = modeCart
	case key.Matches(msg, k.NextField):
		m.form = m.form.move(1)
	case key.Matches(msg, k.PrevField):
		m.form = m.form.move(-1)
	case key.Matches(msg, k.Submit):
		return m.submit()
	default:
		var cmd tea.Cmd
		m.form, cmd = m.form.update(msg)
		return m, cmd
	}
	return m, nil
}

// submit adds or replaces the form's line, or keeps the form open with what is wrong.
func (m Model) submit() (Model, tea.Cmd) {
	form, l, ok := m.form.line(m.cat)
	m.form = form
	if !ok {
		return m, nil
	}
	var cart checkout.Cart
	var err error
	at := len(m.cart.Lines)
	if m.form.edit >= 0 {
		at = m.form.edit
		cart, err = m.cart.Replace(at, l)
	} else {
		cart, err = m.cart.Add(l)
	}
	if err != nil {
		m.form.err = common.Sentence(common.Strip(err, checkout.ErrBadLine))
		return m, nil
	}
	m.mode = modeCart
	return m.changed(cart, at)
}
