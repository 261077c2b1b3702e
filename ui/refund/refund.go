// Package refund is the refund page: one payment refunded from the history, whole, by
// chosen lines of its cart (with their share of tax and discounts) or by an amount,
// never more than is left, with one of Stripe's reasons; then the refund driven through
// the refund machine in a lane of its own (drive.RefundLane): a card refund through
// the API, an Interac refund on the reader with the customer's card, as a payment is
// (cancel and check keys, test cards on a simulated reader). A pending refund is
// followed until it settles, on screen or behind it, and the cashier told the outcome
// with Stripe's failure reason. Refunds an earlier run left open are resumed at start.
package refund

import (
	"context"
	"crypto/rand"
	"time"

	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/ui/common"
	"github.com/till-pos/till/ui/drive"
)

// Gateway is what the page asks Stripe besides the refund machine's calls: the payment
// as it is now, and, on a simulated reader, the test card to present.
type Gateway interface {
	ReadIntent(ctx context.Context, paymentIntentID string) (checkout.Intent, error)
	PresentCard(ctx context.Context, readerID, number string) (checkout.Reader, error)
	TestCardFor(card checkout.Card) string
}

// Book is this till's records: the cart an order sold, its refunds, those left open.
type Book interface {
	Session(orderID string) (checkout.Session, bool, error)
	RefundsOf(orderID string) ([]checkout.Refund, error)
	UnfinishedRefunds() ([]checkout.Refund, error)
}

// Deps are the page's connections.
type Deps struct {
	Env     drive.Env // its Refunds and RefundStore drive the refunds
	Gateway Gateway
	Book    Book
	// NewID makes a refund's id; nil: checkout.NewRefundID with a random nonce.
	NewID func() string
}

// Messages with which the page asks the root for something.
type (
	// CloseMsg asks to close the page; the history underneath is read again.
	CloseMsg struct{}
	// ReceiptMsg asks for the receipt of the refund on screen, over the page.
	ReceiptMsg struct{ ID string }
	// PickReaderMsg asks for a reader for the in-person refund, the cursor on ReaderID.
	PickReaderMsg struct{ ReaderID string }
	// PresentedMsg is the answer to presenting a test card; the root notes the reader.
	PresentedMsg struct {
		Reader checkout.Reader
		err    error
	}
	// ClockMsg redraws the time the reader has waited for the card.
	ClockMsg struct{}
)

// step is where the page is.
type step int

const (
	stepLoading step = iota // reading the payment afresh
	stepFailed              // it could not be read, or cannot be refunded
	stepWhat                // everything left, chosen lines, or an amount
	stepLines               // which units of the cart
	stepAmount              // an amount typed
	stepReason              // one of Stripe's reasons
	stepConfirm             // the summary, and "refund? (y/n)"
	stepRunning             // the refund in its lane
)

// What can be refunded, in the order offered.
const (
	whatAll = iota
	whatLines
	whatAmount
	whatCount
)

// overlay is a panel on the running refund that takes the keys while open.
type overlay int

const (
	overlayNone overlay = iota
	overlayCards
	overlayCancel
	overlayTakeOver
)

// Model is the refund page.
type Model struct {
	styles *common.Styles
	shared common.Keys
	deps   Deps

	readers []checkout.Reader // as the root last handed them
	chosen  string            // the reader of the next charge

	open    bool
	step    step
	loadGen int
	failure string // why the payment cannot be refunded now (stepFailed)

	row      checkout.HistoryRow // the payment as the history showed it
	payment  checkout.Intent     // as Stripe says now
	cart     checkout.Cart       // as this till sold it; empty when unknown
	already  []checkout.RefundLine
	what     int
	units    []int64 // per cart line, the units to give back
	line     int
	amount   textinput.Model
	fieldErr string
	reason   int
	readerID string // for an in-person refund
	asking   bool   // "refund? (y/n)"

	lane     drive.RefundLane   // the refund on screen
	behind   []drive.RefundLane // refunds followed while the screen shows something else
	waiting  []checkout.Refund  // in-person refunds left open, resumed on screen one at a time
	resumed  bool               // the refund on screen was left open by an earlier run
	checking bool               // resumed, not read again yet: what it shows may be stale
	asked    bool               // the cashier pressed check: say when Stripe has answered

	overlay    overlay
	card       int
	presenting string
	clocking   bool

	// inUseMine names this till's own work on the reader the last send found in use, as
	// the root last handed it (WithInUse); "" when it knows of none.
	inUseMine string
}

// New is the page, closed, following nothing.
func New(st *common.Styles, k common.Keys, deps Deps) Model {
	if deps.NewID == nil {
		now := deps.Env.Now
		deps.NewID = func() string {
			var nonce [4]byte
			_, _ = rand.Read(nonce[:]) // crypto/rand.Read never returns an error
			return checkout.NewRefundID(now(), nonce)
		}
	}
	return Model{styles: st, shared: k, deps: deps, lane: drive.NewRefundLane("", checkout.Refund{})}
}

// WithReaders hands the page the reader list and the reader of the next charge.
func (m Model) WithReaders(rs []checkout.Reader, chosen string) Model {
	m.readers, m.chosen = rs, chosen
	return m
}

// WithInUse hands the page this till's name for the work the last send found on the
// reader ("order O-1", "refund rf_1": support.Whose), "" when it is none of this till's.
func (m Model) WithInUse(mine string) Model {
	m.inUseMine = mine
	return m
}

// IsOpen reports whether the page is shown.
func (m Model) IsOpen() bool { return m.open }

// Refund is the refund on screen (zero before one starts).
func (m Model) Refund() checkout.Refund { return m.lane.Refund() }

// Live reports whether a refund's outcome is not known yet, on screen or behind it:
// quitting would leave it to the next start.
func (m Model) Live() bool {
	if m.lane.Refund().Phase.UnderWay() || len(m.waiting) > 0 {
		return true
	}
	for _, l := range m.behind {
		if l.Refund().Phase.UnderWay() {
			return true
		}
	}
	return false
}

// Spins reports whether the page shows a spinner: a call is under way.
func (m Model) Spins() bool {
	if !m.open {
		return false
	}
	if m.step == stepLoading || m.presenting != "" || m.checking {
		return true
	}
	switch m.lane.Refund().Phase {
	case checkout.RefundCreating, checkout.RefundSending, checkout.RefundCanceling, checkout.RefundUnknown, checkout.RefundPending:
		return m.step == stepRunning && !m.lane.Stalled()
	}
	return false
}

// needsCashier reports whether a refund cannot go on without the cashier: an in-person
// refund Stripe has not made, which waits for (or may yet ask for) the customer's card.
func needsCashier(r checkout.Refund) bool {
	return r.InPerson && r.StripeID == "" && r.Phase.UnderWay()
}

// Open starts a refund of the payment a history row shows: it is read afresh first.
// The page is closed only once its refund needs the cashier no more (see done), so
// nothing is on screen to put aside.
func (m Model) Open(row checkout.HistoryRow) (Model, tea.Cmd) {
	m.lane = drive.NewRefundLane("", checkout.Refund{})
	m.open, m.step, m.row, m.failure, m.overlay, m.asking, m.resumed, m.checking = true, stepLoading, row, "", overlayNone, false, false, false
	m.loadGen++
	return m, m.loadCmd(row)
}

// loadCmd reads the payment afresh, the cart this till sold and its refunds so far.
func (m Model) loadCmd(row checkout.HistoryRow) tea.Cmd {
	d, gen := m.deps, m.loadGen
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), d.Env.CallTimeout)
		defer cancel()
		msg := loadedMsg{gen: gen}
		if msg.payment, msg.err = d.Gateway.ReadIntent(ctx, row.PaymentIntentID); msg.err != nil {
			return msg
		}
		if row.OrderID == "" {
			return msg
		}
		if msg.refunds, msg.err = d.Book.RefundsOf(row.OrderID); msg.err != nil {
			return msg
		}
		s, found, err := d.Book.Session(row.OrderID)
		if err == nil && found && s.PaymentIntentID == row.PaymentIntentID {
			msg.cart = s.Cart
		}
		return msg
	}
}

// Close hides the page; a refund it follows goes on behind.
func (m Model) Close() Model {
	m.open, m.overlay, m.asking = false, overlayNone, false
	return m
}

// Typing reports whether keys are text: the amount field.
func (m Model) Typing() bool { return m.open && m.step == stepAmount }

type (
	// loadedMsg is the payment as read for a refund.
	loadedMsg struct {
		gen     int
		payment checkout.Intent
		cart    checkout.Cart
		refunds []checkout.Refund
		err     error
	}
	// unfinishedMsg is the refunds an earlier run left open.
	unfinishedMsg struct {
		refunds []checkout.Refund
		err     error
	}
)

// laneID names a refund's lane.
func laneID(refundID string) drive.ID { return drive.ID("refund " + refundID) }

// now is the page's clock.
func (m Model) now() time.Time { return m.deps.Env.Now() }
