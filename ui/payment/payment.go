// Package payment is the payment page: one cart's payment from the moment it is charged
// until it is paid or canceled (creating, sending, awaiting the card, approved,
// declined, unknown, capturing, paid, canceling, canceled), driven through the checkout
// machine in the cashier's lane. It keeps running while another page is shown.
package payment

import (
	"context"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/ui/common"
	"github.com/till-pos/till/ui/drive"
)

// Lane is the cashier's lane.
const Lane drive.ID = "cashier"

// Presenter presents a test card on a simulated reader, with the tip the customer
// picks on the reader's tip screen when there is one.
type Presenter interface {
	PresentCard(ctx context.Context, readerID, number string) (checkout.Reader, error)
	PresentCardWithTip(ctx context.Context, readerID, number string, tip int64) (checkout.Reader, error)
}

// Journal finds the payments an earlier run left open.
type Journal interface {
	Unfinished() ([]checkout.Session, error)
}

// Deps are the page's connections.
type Deps struct {
	Env     drive.Env
	Cards   Presenter
	Journal Journal
}

// Options tune the page.
type Options struct {
	Currency      string
	CaptureMethod checkout.CaptureMethod
	StuckAfter    time.Duration
	NewOrderID    func() string
	// TestAmount says what a simulated reader does with an amount ("" for an amount
	// that simply approves); nil knows of no test amounts.
	TestAmount func(checkout.Money) string
	// Live: Stripe live mode, where no reader takes test cards from the keyboard.
	Live bool
	// Tipping is the shop's tipping policy: each charge tells the reader to skip the
	// tip screen, or what percentage tips are worked out on.
	Tipping checkout.TipPolicy
}

// RetryElsewhereMsg asks the root for a reader to retry the declined payment on.
type RetryElsewhereMsg struct{ ReaderID string }

// BackToCartMsg gives a cart back: its charge did not start (Failure says why), or its
// payment was canceled and the cashier wants it again.
type BackToCartMsg struct {
	Cart    checkout.Cart
	Failure *checkout.Failure
}

// ReceiptMsg asks the root for the receipt of the paid payment.
type ReceiptMsg struct{ Session checkout.Session }

// PresentedMsg is the answer to presenting a test card; the root notes the reader.
type PresentedMsg struct {
	Reader checkout.Reader
	err    error
}

// overlay is a panel on top of the phase's screen that takes the keys while it is open.
type overlay int

const (
	overlayNone            overlay = iota
	overlayCards                   // choose a test card to present
	overlayConfirmCancel           // cancel the payment (release an authorization)?
	overlayConfirmTakeOver         // replace another payment on the reader?
	overlayTip                     // the tip the simulated customer picks
)

// Model is the payment page.
type Model struct {
	styles *common.Styles
	shared common.Keys
	deps   Deps
	opts   Options

	lane     drive.Lane
	readers  []checkout.Reader // as the root last handed them
	resumed  bool              // the session was found unfinished at start
	checking bool              // a resumed session not read again yet: what it shows may be stale
	asked    bool              // the cashier pressed check: say when Stripe has answered
	pending  []checkout.Session
	// driven are the PaymentIntents this run has worked on, newest last, so support can
	// tell this till's finished payments from another's.
	driven common.Recent
	// inUseMine names this till's own work on the reader the last send found in use, as
	// the root last handed it (WithInUse); "" when it knows of none.
	inUseMine string

	overlay    overlay
	card       int    // selected test card
	presenting string // number of the card being presented
	tip        tipForm
	clocking   bool
}

// New is the page with no payment.
func New(st *common.Styles, k common.Keys, deps Deps, opts Options) Model {
	return Model{styles: st, shared: k, deps: deps, opts: opts, lane: drive.NewLane(Lane, empty(opts.Currency))}
}

func empty(currency string) checkout.Session {
	return checkout.Session{Cart: checkout.Cart{Currency: currency}}
}

// Init looks for payments an earlier run left open.
func (m Model) Init() tea.Cmd {
	j := m.deps.Journal
	return func() tea.Msg {
		sessions, err := j.Unfinished()
		return unfinishedMsg{sessions: sessions, err: err}
	}
}

// Session is the payment as the page shows it.
func (m Model) Session() checkout.Session { return m.lane.Session() }

// Active reports whether there is a payment to show: charged, not yet a new sale.
func (m Model) Active() bool { return m.lane.Session().Phase != checkout.Building }

// Live reports whether a payment is under way, one that quitting would leave open.
func (m Model) Live() bool {
	p := m.lane.Session().Phase
	return p != checkout.Building && !p.Finished()
}

// Pending are the payments an earlier run left open, waiting their turn.
func (m Model) Pending() []checkout.Session { return m.pending }

// Driven are the PaymentIntents this run has worked on.
func (m Model) Driven() common.Recent { return m.driven }

// WithReaders hands the page the reader list, for names and for what a reader can do.
func (m Model) WithReaders(rs []checkout.Reader) Model {
	m.readers = rs
	return m
}

// WithInUse hands the page this till's name for the work the last send found on the
// reader ("order O-1", "refund rf_1": support.Whose), "" when it is none of this till's.
func (m Model) WithInUse(mine string) Model {
	m.inUseMine = mine
	return m
}

// Spins reports whether the page shows a spinner: a call is under way.
func (m Model) Spins() bool {
	if m.checking || m.presenting != "" {
		return true
	}
	switch m.lane.Session().Phase {
	case checkout.Creating, checkout.Sending, checkout.Capturing, checkout.Canceling, checkout.Unknown:
		return !m.lane.Stalled()
	}
	return false
}

// Charge starts the payment of a cart on a reader.
func (m Model) Charge(cart checkout.Cart, readerID string) (Model, tea.Cmd) {
	s := empty(cart.Currency)
	s.Cart = cart
	lane, cmd, err := m.lane.Start(m.deps.Env, s, checkout.ChargeRequested{
		OrderID:       m.opts.NewOrderID(),
		Amount:        cart.Total(),
		Tipping:       m.opts.Tipping.For(cart.Totals()),
		ReaderID:      readerID,
		CaptureMethod: m.opts.CaptureMethod,
		At:            m.deps.Env.Now(),
	})
	if err != nil {
		return m, common.Say(common.LevelWarn, drive.Refusal(err, "payment", s.PhaseWords()))
	}
	m.lane = lane
	return m.settle(cmd)
}

// Act applies an event someone asked for: the cashier's keys, or support settling the
// cashier's own payment. A refused event says why.
func (m Model) Act(ev checkout.Event) (Model, tea.Cmd) {
	lane, cmd, err := m.lane.Act(m.deps.Env, ev)
	if err != nil {
		return m, common.Say(common.LevelWarn, drive.Refusal(err, "payment", m.lane.Session().PhaseWords()))
	}
	m.lane = lane
	return m.settle(cmd)
}

// Notice applies a webhook's notice to the payment, as a poll's result would be. One
// that changes nothing (old news, another payment's) is dropped; one that applies starts
// a new poll generation, so the poll it overtook is not made.
func (m Model) Notice(n checkout.Notified) (Model, tea.Cmd) {
	lane, cmd, err := m.lane.Act(m.deps.Env, n)
	if err != nil {
		return m, nil
	}
	m.lane = lane
	return m.settle(cmd)
}

// settle notes what the lane now holds and gives a cart back whose charge never started.
func (m Model) settle(cmd tea.Cmd) (Model, tea.Cmd) {
	s := m.lane.Session()
	m.driven = m.driven.With(s.PaymentIntentID)
	m = m.fit()
	if s.Phase == checkout.Building && !s.Cart.Empty() {
		m.lane = m.lane.Put(empty(s.Cart.Currency))
		cmd = tea.Batch(cmd, common.Emit(BackToCartMsg{Cart: s.Cart, Failure: s.Failure}))
	}
	if s.Phase == checkout.Awaiting && !m.clocking {
		m.clocking = true
		cmd = tea.Batch(cmd, m.tick())
	}
	return m, cmd
}

// Update takes the lane's messages, the page's own, and, while shown, the keys.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyMsg:
		return m.key(msg)
	case unfinishedMsg:
		return m.unfinished(msg)
	case PresentedMsg:
		return m.presented(msg)
	case ClockMsg:
		if m.lane.Session().Phase != checkout.Awaiting {
			m.clocking = false
			return m, nil
		}
		return m, m.tick()
	}
	lane, cmd, r := m.lane.Update(m.deps.Env, msg)
	if !r.Mine {
		return m, nil
	}
	was := m.lane.Session().Phase
	m.lane = lane
	if r.Event != nil {
		m.checking = false // Stripe has answered since the resume (or failed to)
	}
	var checked tea.Cmd
	m.asked, checked = common.Checked(m.asked, r.Event, lane.Session().Phase == was, m.deps.Env.Now(), "payment")
	return m.settle(tea.Batch(r.Said(cmd), checked))
}

// tick redraws the elapsed time in a second.
func (m Model) tick() tea.Cmd {
	return m.deps.Env.After(time.Second, func(time.Time) tea.Msg { return ClockMsg{} })
}

// present holds a test card to the simulated reader, the customer picking tip on the
// reader's tip screen when it is above zero. The poll under way is dropped; the check
// that follows the answer starts a new one.
func (m Model) present(number string, tip int64) (Model, tea.Cmd) {
	m.lane = m.lane.Drop()
	m.presenting = number
	gw, readerID, timeout := m.deps.Cards, m.lane.Session().ReaderID, m.deps.Env.CallTimeout
	return m, func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), timeout)
		defer cancel()
		var r checkout.Reader
		var err error
		if tip > 0 {
			r, err = gw.PresentCardWithTip(ctx, readerID, number, tip)
		} else {
			r, err = gw.PresentCard(ctx, readerID, number)
		}
		return PresentedMsg{Reader: r, err: err}
	}
}

// tips reports whether the reader offers the customer a tip on this payment.
func (m Model) tips() bool {
	t := m.lane.Session().Tipping
	return t != nil && !t.Skip
}

// presented checks the payment at once after a card was presented, whatever the answer.
func (m Model) presented(msg PresentedMsg) (Model, tea.Cmd) {
	if m.presenting == "" {
		return m, nil
	}
	m.presenting = ""
	var say tea.Cmd
	if msg.err != nil {
		say = common.Say(common.LevelError, "Could not present the card: "+checkout.Explain(checkout.AsFailure(msg.err)))
	}
	lane, cmd, err := m.lane.Act(m.deps.Env, checkout.CheckRequested{At: m.deps.Env.Now()})
	if err != nil {
		return m, say // the payment has moved on; it says so itself
	}
	m.lane = lane
	return m.settle(tea.Batch(say, cmd))
}

// fit closes an overlay that no longer belongs to the session's phase: a poll can move
// the payment on while the cashier is looking at a list.
func (m Model) fit() Model {
	p := m.lane.Session().Phase
	ok := true
	switch m.overlay {
	case overlayCards:
		ok = p == checkout.Awaiting && m.simulated()
	case overlayTip:
		ok = p == checkout.Awaiting && m.simulated() && m.tips()
	case overlayConfirmCancel:
		ok = m.cancels()
	case overlayConfirmTakeOver:
		ok = m.readerInUse()
	}
	if !ok {
		m.overlay = overlayNone
	}
	return m
}

// cancels reports whether the payment can be canceled now.
func (m Model) cancels() bool {
	s := m.lane.Session()
	switch s.Phase {
	case checkout.Awaiting, checkout.Approved, checkout.Declined:
		return true
	case checkout.Unknown:
		return true // with no intent known yet, the machine finds it first, then cancels it
	}
	return false
}

// Question is the page's open question.
func (m Model) Question() string {
	switch m.overlay {
	case overlayConfirmCancel:
		switch m.lane.Session().Phase {
		case checkout.Approved:
			return "Release the authorization? Nothing will be charged. (y/n)"
		case checkout.Awaiting:
			return "Cancel the payment? The reader stops waiting for the card; nothing is charged. (y/n)"
		}
		if m.lane.Session().Held == checkout.StepCapture {
			// The capture got no answer: it may have taken the money already.
			return "Cancel the payment? If the capture has not reached Stripe, nothing is charged; if it has, the payment stays paid (refund it from the history). (y/n)"
		}
		return "Cancel the payment? Nothing is charged. (y/n)"
	case overlayConfirmTakeOver:
		return "Replace the other payment on " + m.readerName() + "? Its customer must start again. (y/n)"
	}
	return ""
}

// readerInUse reports whether the last send found the reader taking another payment,
// which only the cashier may decide to replace.
func (m Model) readerInUse() bool {
	s := m.lane.Session()
	return s.Phase == checkout.Declined && s.Failure.ReaderInUse()
}

// testAmount is what a simulated reader does with the payment's amount, or "". With
// tipping on, the amount the card pays is only known once the customer picks the tip.
func (m Model) testAmount() string {
	if m.opts.TestAmount == nil || !m.simulated() {
		return ""
	}
	h := m.opts.TestAmount(m.lane.Session().Amount)
	if h != "" && m.tips() {
		h += " A tip the customer adds changes the total, and the total with the tip decides."
	}
	return h
}

// simulated reports whether the session's reader is a simulated one, which takes test
// cards from the keyboard and answers Stripe's test amounts. In live mode none is: a
// live till never offers a test card, whatever the reader calls itself.
func (m Model) simulated() bool {
	r, ok := common.FindReader(m.readers, m.lane.Session().ReaderID)
	return ok && r.Simulated() && !m.opts.Live
}

// readerName names the session's reader.
func (m Model) readerName() string {
	return common.ReaderName(m.readers, m.lane.Session().ReaderID)
}

type (
	// unfinishedMsg is the sessions the store holds that never finished, oldest first.
	unfinishedMsg struct {
		sessions []checkout.Session
		err      error
	}
	// ClockMsg redraws the elapsed time while the reader waits for a card.
	ClockMsg struct{}
)
