// Package cash is the cash tender page: the cart's total in cash (rounded as the
// currency's cash is), the amount the customer gives, the change due as it is typed,
// and the sale recorded through checkout.RecordCash — the same as till pay --cash. It
// works on any day, not only while Stripe is unreachable: no reader, no Stripe.
package cash

import (
	"errors"
	"time"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/ui/common"
)

// Options tune the page.
type Options struct {
	Increment  int64 // the smallest cash amount, minor units (cash.rounding)
	NewOrderID func() string
	Now        func() time.Time
}

// DoneMsg tells the root the cart was paid in cash and recorded: it empties the cart.
type DoneMsg struct{ Session checkout.Session }

// ReceiptMsg asks the root for the receipt of the cash sale just recorded.
type ReceiptMsg struct{ OrderID string }

// recordedMsg is the answer of the book.
type recordedMsg struct {
	session checkout.Session
	err     error
}

// Model is the cash page.
type Model struct {
	styles *common.Styles
	shared common.Keys
	book   checkout.CashBook
	opts   Options

	open   bool
	cart   checkout.Cart
	given  textinput.Model
	err    string            // why the last enter took nothing
	saving bool              // the sale is being written
	paid   *checkout.Session // recorded: the change is on screen
}

// New is the closed page.
func New(st *common.Styles, k common.Keys, book checkout.CashBook, opts Options) Model {
	return Model{styles: st, shared: k, book: book, opts: opts, given: common.Input(16)}
}

// Open shows the page for a cart.
func (m Model) Open(c checkout.Cart) Model {
	m.open, m.cart, m.err, m.saving, m.paid = true, c, "", false, nil
	m.given.Reset()
	m.given.Focus()
	return m
}

// IsOpen reports whether the page is on screen.
func (m Model) IsOpen() bool { return m.open }

// due is what the customer owes in cash.
func (m Model) due() checkout.Money { return checkout.RoundCash(m.cart.Total(), m.opts.Increment) }

// read is the amount typed: empty is the exact amount due.
func (m Model) read() (checkout.Money, error) {
	if m.given.Value() == "" {
		return m.due(), nil
	}
	return checkout.ParseAmount(m.given.Value(), m.cart.Currency)
}

// Update takes the book's answer always and the keys while the page is on screen.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case recordedMsg:
		return m.recorded(msg)
	case tea.KeyMsg:
		if m.open {
			return m.key(msg)
		}
	}
	return m, nil
}

func (m Model) key(msg tea.KeyMsg) (Model, tea.Cmd) {
	k := m.keys()
	switch {
	case m.saving:
		return m, nil
	case m.paid != nil:
		order := m.paid.OrderID
		switch {
		case key.Matches(msg, k.Done, k.Back):
			m.open, m.paid = false, nil
		case key.Matches(msg, k.Receipt):
			m.open, m.paid = false, nil
			return m, common.Emit(ReceiptMsg{OrderID: order})
		}
		return m, nil
	case key.Matches(msg, k.Back):
		m.open = false
		return m, nil
	case key.Matches(msg, k.Take):
		return m.take()
	}
	var cmd tea.Cmd
	m.given, cmd = m.given.Update(msg)
	m.err = ""
	return m, cmd
}

// take records the sale when the cash given covers it.
func (m Model) take() (Model, tea.Cmd) {
	given, err := m.read()
	switch {
	case err != nil:
		m.err = common.Sentence(common.Strip(err, checkout.ErrBadAmount))
		return m, nil
	case given.Amount < m.due().Amount:
		m.err = "That is " + checkout.Money{Amount: m.due().Amount - given.Amount, Currency: given.Currency}.String() + " short of " + m.due().String() + "."
		return m, nil
	}
	m.saving, m.err = true, ""
	book, s := m.book, checkout.Session{Cart: m.cart}
	ev := checkout.CashTendered{OrderID: m.opts.NewOrderID(), Amount: m.cart.Total(), Given: given, Increment: m.opts.Increment, At: m.opts.Now()}
	return m, func() tea.Msg {
		paid, err := checkout.RecordCash(book, s, ev)
		return recordedMsg{session: paid, err: err}
	}
}

// recorded shows the change, or why the sale was not kept (nothing is lost: the cart is
// still here).
func (m Model) recorded(msg recordedMsg) (Model, tea.Cmd) {
	if !m.saving {
		return m, nil
	}
	m.saving = false
	var notKept *checkout.ErrCashNotKept
	switch {
	case errors.As(msg.err, &notKept):
		m.err = common.Sentence(msg.err.Error()) + " The cart is still here: try again."
		return m, nil
	case msg.err != nil:
		m.err = common.Sentence(common.Strip(msg.err, checkout.ErrBadCash))
		return m, nil
	}
	s := msg.session
	m.paid = &s
	return m, common.Emit(DoneMsg{Session: s})
}

// Question is the page's open question: it asks none.
func (m Model) Question() string { return "" }

// Typing reports whether keys are text: the amount given is being typed.
func (m Model) Typing() bool { return m.open && m.paid == nil }
