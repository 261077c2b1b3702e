// Package receipt is the receipt page: the receipt of one payment, made afresh from
// Stripe (checkout.FindReceipt: the card's chip data is never stored), shown as the
// receipt printer prints it, sent to the shop's print command or a file, and emailed by
// Stripe to an address the cashier types. It opens for any order of this till or any
// PaymentIntent: the paid screen opens it for its payment, a history page for an
// earlier one (each asks the root with a message of its own; the root calls Open).
package receipt

import (
	"context"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/ui/common"
)

// Printer sends a receipt's text to the printer or a file and says where it went.
type Printer func(ctx context.Context, paymentIntent, text string) (string, error)

// Deps are the page's connections.
type Deps struct {
	Gateway  checkout.ReceiptGateway
	Sessions checkout.ReceiptRecords // orders and refunds, whose receipts it makes
	Journal  checkout.Journal        // the email request is journaled under the order
	Print    Printer                 // nil: the shop has no printer; the receipt is only shown
	Timeout  time.Duration           // per call to Stripe
	Now      func() time.Time
}

// Options tune the page.
type Options struct {
	Shop  checkout.Shop // who the receipt is from
	Width int           // the receipt printer's characters per line
	Live  bool          // Stripe live mode: Stripe really sends the email
}

// For says which receipt to show.
type For struct {
	ID string // an order of this till, a PaymentIntent (pi_…), or a refund this till made
	// Sale: opened from the payment just paid, so the page offers the next sale.
	Sale bool
}

// CloseMsg asks the root to close the page; NewSale asks for the next sale too.
type CloseMsg struct{ NewSale bool }

// Model is the receipt page.
type Model struct {
	styles *common.Styles
	shared common.Keys
	deps   Deps
	opts   Options

	open    bool
	of      For
	gen     int // the newest Open: an answer for an older one is dropped
	loading bool
	failed  error // why the receipt could not be made
	receipt checkout.Receipt
	lines   []string      // the receipt's text, a line each
	top     int           // the first line shown
	screen  common.Screen // the body's cells, as the root last laid the screen out

	email    bool // the email field is open
	input    textinput.Model
	fieldErr string
	busy     string   // the call under way: "Printing…", "Asking Stripe…"
	done     []string // what was done with the receipt, said on the page
}

// New is the page, closed.
func New(st *common.Styles, k common.Keys, deps Deps, opts Options) Model {
	return Model{styles: st, shared: k, deps: deps, opts: opts}
}

type (
	loadedMsg struct {
		gen     int
		receipt checkout.Receipt
		text    string
		err     error
	}
	printedMsg struct {
		gen   int
		where string
		err   error
	}
	emailedMsg struct {
		gen  int
		addr string
		err  error
	}
)

// Open shows the receipt of an order or a PaymentIntent, read from Stripe now.
func (m Model) Open(f For) (Model, tea.Cmd) {
	m.gen++
	m.open, m.of, m.top, m.email, m.busy, m.done = true, f, 0, false, "", nil
	m.input, m.fieldErr = common.Input(40), ""
	return m.load()
}

// load reads the payment and makes its receipt.
func (m Model) load() (Model, tea.Cmd) {
	m.loading, m.failed = true, nil
	d, o, gen, id := m.deps, m.opts, m.gen, m.of.ID
	return m, func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), d.Timeout)
		defer cancel()
		r, err := checkout.FindReceipt(ctx, d.Gateway, d.Sessions, o.Shop, id)
		if err != nil {
			return loadedMsg{gen: gen, err: err}
		}
		r.At = r.At.Local()
		text, err := checkout.ReceiptText(r, o.Width)
		return loadedMsg{gen: gen, receipt: r, text: text, err: err}
	}
}

// Close closes the page.
func (m Model) Close() Model {
	m.open = false
	m.gen++ // answers still under way are for a page no longer shown
	return m
}

// IsOpen reports whether the page is on screen.
func (m Model) IsOpen() bool { return m.open }

// Busy reports whether the page shows a spinner: a call is under way.
func (m Model) Busy() bool { return m.open && (m.loading || m.busy != "") }

// Question is the page's open question: it asks none.
func (m Model) Question() string { return "" }

// Typing reports whether keys are text: the email address.
func (m Model) Typing() bool { return m.email }

// Update takes the page's answers and, while shown, the keys.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyMsg:
		return m.key(msg)
	case loadedMsg:
		if msg.gen != m.gen {
			return m, nil
		}
		m.loading = false
		if msg.err != nil {
			m.failed = msg.err
			return m, nil
		}
		m.receipt, m.lines = msg.receipt, strings.Split(strings.TrimRight(msg.text, "\n"), "\n")
		return m, nil
	case printedMsg:
		if msg.gen != m.gen {
			return m, nil
		}
		m.busy = ""
		if msg.err != nil {
			return m, common.Say(common.LevelError, "The receipt was not printed: "+msg.err.Error())
		}
		m.done = append(m.done, "Receipt "+msg.where+".")
		return m, nil
	case emailedMsg:
		if msg.gen != m.gen {
			return m, nil
		}
		m.busy = ""
		if msg.err != nil {
			m.email = true // the address stays, to try again
			return m, common.Say(common.LevelError, "The email receipt was not asked for: "+checkout.Explain(checkout.AsFailure(msg.err)))
		}
		m.done = append(m.done, m.emailed(msg.addr))
		m.input = common.Input(40)
		return m, nil
	}
	return m, nil
}

// emailed says what asking for the email did, in plain words: in test mode Stripe
// keeps the address on the payment but sends nothing.
func (m Model) emailed(addr string) string {
	if m.opts.Live {
		return "Stripe emails the receipt to " + addr + "."
	}
	return "The receipt address " + addr + " is on the payment; in test mode Stripe sends no email."
}

// print sends the receipt to the printer or a file.
func (m Model) print() (Model, tea.Cmd) {
	m.busy = "Printing…"
	printer, gen, pi, text := m.deps.Print, m.gen, m.receipt.FileName(), strings.Join(m.lines, "\n")+"\n"
	return m, func() tea.Msg {
		where, err := printer(context.Background(), pi, text)
		return printedMsg{gen: gen, where: where, err: err}
	}
}

// send asks Stripe to email the receipt to the address typed, or says what is wrong
// with it and keeps it.
func (m Model) send() (Model, tea.Cmd) {
	addr, err := checkout.ParseEmail(m.input.Value())
	if err != nil {
		m.fieldErr = "Email: " + common.Sentence(common.Strip(err, checkout.ErrBadEmail)) + " Nothing was sent to Stripe."
		return m, nil
	}
	m.email, m.busy = false, "Asking Stripe to email the receipt…"
	d, gen, r := m.deps, m.gen, m.receipt
	return m, func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), d.Timeout)
		defer cancel()
		return emailedMsg{gen: gen, addr: addr, err: checkout.EmailReceipt(ctx, d.Gateway, d.Journal, r, addr, d.Now)}
	}
}
