// Package history is the history page: the finished payments of this till's journal and
// those Stripe finds in its scope (checkout.LoadHistory), newest first, found as the
// cashier types (an order id, an amount, a last four, a brand, days), and one payment's
// details with its refunds, from where its receipt, its timeline and a refund are one
// key away. The cart and the support screen each ask the root to open it (their own
// messages); the root calls Open, and the page asks the root for what it shows next
// (ReceiptMsg, TimelineMsg, RefundMsg, CloseMsg).
package history

import (
	"context"
	"slices"
	"time"

	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/ui/common"
)

// Lookback is how far back the page reads when it opens; a day typed before it reads
// back to that day.
const Lookback = 7 * 24 * time.Hour

// Gateway finds the account's succeeded payments.
type Gateway = checkout.PaymentSearcher

// Book is this till's journal: its sessions and refunds.
type Book interface {
	checkout.HistoryBook
	RefundsOf(orderID string) ([]checkout.Refund, error)
}

// Deps are the page's connections and clock.
type Deps struct {
	Gateway     Gateway
	Book        Book
	Now         func() time.Time
	CallTimeout time.Duration
	TillID      string // this till's metadata[till_id], for the scope Stripe's payments are kept to
}

// Origin is where the page was opened from, and where esc goes back to.
type Origin int

// Origins of the page.
const (
	FromCart Origin = iota
	FromSupport
)

// Messages with which the page asks the root for what it shows next.
type (
	// CloseMsg asks to close the page, back to where it was opened from.
	CloseMsg struct{ Origin Origin }
	// ReceiptMsg asks for the receipt of a payment: its PaymentIntent, or a cash sale's
	// order.
	ReceiptMsg struct{ ID string }
	// TimelineMsg asks for an order's timeline: every call of its journal.
	TimelineMsg struct{ OrderID string }
	// RefundMsg asks to refund a payment.
	RefundMsg struct{ Row checkout.HistoryRow }
)

// Model is the history page.
type Model struct {
	styles *common.Styles
	shared common.Keys
	deps   Deps
	ck     common.Checkout

	open    bool
	origin  Origin
	gen     int // the newest load: an answer for an older one is dropped
	loading bool
	since   time.Time // how far back the rows go
	hist    checkout.History
	err     error

	find   textinput.Model
	query  checkout.HistoryFilter
	shown  []checkout.HistoryRow // the rows the query finds
	cursor int                   // -1 from Open until the rows come: the first row, whatever was selected before

	detail     bool // one payment's details are on screen
	refunds    []checkout.Refund
	refund     int // the refund selected in the details, for its receipt: the newest at first
	refundsErr error
}

// New is the page, closed.
func New(st *common.Styles, k common.Keys, deps Deps) Model {
	return Model{styles: st, shared: k, deps: deps, find: common.Input(30)}
}

// With hands the page what it reads of the cashier's side: the readers (their names,
// and the scope of Stripe's payments).
func (m Model) With(ck common.Checkout) Model {
	m.ck = ck
	return m
}

// IsOpen reports whether the page is shown.
func (m Model) IsOpen() bool { return m.open }

// Origin is where the page was opened from.
func (m Model) Origin() Origin { return m.origin }

// Open shows the page, read afresh, with what was typed before still typed and the
// cursor on the newest payment it finds: the customer at the counter is most often
// the last one, not the payment opened the last time.
func (m Model) Open(from Origin) (Model, tea.Cmd) {
	m.open, m.origin, m.detail, m.cursor = true, from, false, -1
	return m.load(m.deps.Now().Add(-Lookback))
}

// Reload reads the payments again (a refund changed one), keeping the selection and
// whatever is on screen.
func (m Model) Reload() (Model, tea.Cmd) {
	if !m.open {
		return m, nil
	}
	var cmd tea.Cmd
	if m.detail {
		cmd = m.refundsCmd()
	}
	m, load := m.load(m.since)
	return m, tea.Batch(load, cmd)
}

// Close hides the page.
func (m Model) Close() Model {
	m.open, m.detail = false, false
	return m
}

// Selected is the payment under the cursor.
func (m Model) Selected() (checkout.HistoryRow, bool) {
	if len(m.shown) == 0 {
		return checkout.HistoryRow{}, false
	}
	return m.shown[common.Clamp(m.cursor, len(m.shown))], true
}

// Busy reports whether the page shows a spinner.
func (m Model) Busy() bool { return m.open && m.loading }

// Question is the page's open question; it asks none.
func (m Model) Question() string { return "" }

// Typing reports whether keys are text. The find field takes every letter, but a
// question mark is never part of a search, so ? still lists the keys.
func (m Model) Typing() bool { return false }

// load reads the finished payments since a time: this till's journal, and Stripe's
// in its scope (the readers of its sessions and of the list, its till id).
func (m Model) load(since time.Time) (Model, tea.Cmd) {
	m.gen++
	m.loading, m.since = true, since
	d, gen, ck := m.deps, m.gen, m.ck
	return m, func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), d.CallTimeout)
		defer cancel()
		// LoadHistory adds the readers of the orders it reads to the scope.
		own := []string{ck.ReaderID, ck.Session.ReaderID}
		h, err := checkout.LoadHistory(ctx, d.Book, d.Gateway, checkout.NewScope(d.TillID, own, ck.Readers), since)
		if h.Note != "" {
			err = nil // the history says what it lacks
		}
		return loadedMsg{gen: gen, history: h, err: err}
	}
}

// refundsCmd reads this till's refunds of the selected payment's order.
func (m Model) refundsCmd() tea.Cmd {
	row, ok := m.Selected()
	if !ok || row.OrderID == "" {
		return nil
	}
	b := m.deps.Book
	return func() tea.Msg {
		refunds, err := b.RefundsOf(row.OrderID)
		return refundsMsg{order: row.OrderID, refunds: refunds, err: err}
	}
}

// Update takes the page's answers and, while it is shown, the keys.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case loadedMsg:
		if msg.gen != m.gen {
			return m, nil
		}
		m.loading, m.err = false, msg.err
		if msg.err == nil {
			m.hist = msg.history
		}
		return m.filter(), nil
	case refundsMsg:
		if row, ok := m.Selected(); ok && row.OrderID == msg.order {
			m.refunds, m.refundsErr, m.refund = msg.refunds, msg.err, len(msg.refunds)-1
		}
		return m, nil
	case tea.KeyMsg:
		if m.open {
			return m.key(msg)
		}
	}
	return m, nil
}

// typed reads the find field again: the rows it finds, and, for a day before what was
// read, a read back to that day.
func (m Model) typed() (Model, tea.Cmd) {
	m.query = checkout.ParseHistoryQuery(m.find.Value(), m.deps.Now(), time.Local)
	m = m.filter()
	if !m.query.From.IsZero() && m.query.From.Before(m.since) {
		return m.load(m.query.From)
	}
	return m, nil
}

// filter keeps the rows the query finds; the cursor stays on its payment.
func (m Model) filter() Model {
	shown := checkout.FilterHistory(m.hist.Rows, m.query)
	m.cursor = common.Follow(m.shown, shown, m.cursor, checkout.HistoryRow.Key)
	m.shown = slices.Clip(shown)
	if m.detail && len(shown) == 0 {
		m.detail = false
	}
	return m
}

// refundable reports whether the payment has anything left to refund, or is a cash
// sale, whose r says how it is refunded (from the drawer, not by till).
func refundable(r checkout.HistoryRow) bool {
	return r.Cash != nil || (r.Status != checkout.HistoryCanceled && r.Left().Amount > 0)
}

type (
	// loadedMsg is the history as read.
	loadedMsg struct {
		gen     int
		history checkout.History
		err     error
	}
	// refundsMsg is this till's refunds of an order.
	refundsMsg struct {
		order   string
		refunds []checkout.Refund
		err     error
	}
)
