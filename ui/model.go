package ui

import (
	"time"

	"github.com/charmbracelet/bubbles/help"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/ui/cart"
	"github.com/till-pos/till/ui/cash"
	"github.com/till-pos/till/ui/common"
	"github.com/till-pos/till/ui/display"
	"github.com/till-pos/till/ui/drive"
	"github.com/till-pos/till/ui/golive"
	"github.com/till-pos/till/ui/history"
	"github.com/till-pos/till/ui/outbox"
	"github.com/till-pos/till/ui/payment"
	"github.com/till-pos/till/ui/picker"
	"github.com/till-pos/till/ui/receipt"
	"github.com/till-pos/till/ui/refund"
	"github.com/till-pos/till/ui/support"
)

// Model is the root of the screen. It implements tea.Model. It routes keys to the page
// on screen and every other message to every component, draws the header, the status
// line and the help, and holds nothing else but the quit question.
type Model struct {
	opts   Options
	styles *common.Styles
	keys   common.Keys
	help   help.Model

	golive  golive.Model // live mode's first page, until the cashier confirms
	cart    cart.Model
	picker  picker.Model
	payment payment.Model
	receipt receipt.Model
	support support.Model
	history history.Model // the finished payments: from the cart (h) or support (h)
	refund  refund.Model  // a refund from the history, and refunds left open
	display display.Model // the cart on the reader's screen: no page of its own
	cash    cash.Model
	outbox  outbox.Model
	reach   func() checkout.Reach // nil: Stripe is taken to answer

	webhooks Webhooks        // nil when no receiver runs
	hooks    common.Webhooks // the receiver's state as last read, for the header and support

	flash       common.Flash
	confirmQuit bool
	showHelp    bool // the list of every key is on screen
	helpTop     int  // the list's first line shown, when it is longer than the screen
	frame       int
	spinning    bool
	bannerUntil time.Time // when the "Stripe answers again" line a redraw is due for ends
	width       int
	height      int
}

// New builds the screen. Nothing is read until Init runs.
func New(deps Deps, opts Options) Model {
	opts = opts.withDefaults()
	st, k := common.DefaultStyles(), common.DefaultKeys()
	h := help.New()
	h.Styles.ShortKey = st.Key
	h.Styles.ShortDesc = st.Muted
	h.Styles.ShortSeparator = st.Muted
	h.Styles.Ellipsis = st.Muted
	if opts.Live {
		deps.Demo = nil // an emulator's faults are a demo's, never a live till's
	}
	env := drive.Env{
		Gateway: deps.Gateway, Store: deps.Store, Saver: drive.NewSaver(), After: opts.after,
		PollEvery: opts.PollEvery, MaxBackoff: opts.MaxBackoff, PollWait: opts.PollWait, RefundWait: opts.RefundWait, CallTimeout: opts.CallTimeout, Now: opts.Now,
		Busy:    opts.Busy,
		Refunds: deps.Gateway, RefundStore: deps.Store,
	}
	return Model{
		opts: opts, styles: st, keys: k, help: h,
		golive: golive.New(st, opts.Live && !opts.LiveConfirmed),
		cart:   cart.New(st, k, opts.Catalogue, deps.Store),
		picker: picker.New(st, k, deps.Gateway, deps.Store, opts.CallTimeout, opts.ReaderID).Listed(opts.Readers),
		payment: payment.New(st, k, payment.Deps{Env: env, Cards: deps.Gateway, Journal: deps.Store},
			payment.Options{Currency: opts.Currency, CaptureMethod: opts.CaptureMethod, StuckAfter: opts.StuckAfter,
				NewOrderID: opts.NewOrderID, TestAmount: opts.TestAmount, Live: opts.Live, Tipping: opts.Tipping}),
		receipt: receipt.New(st, k, receipt.Deps{Gateway: deps.Gateway, Sessions: deps.Store, Journal: deps.Store,
			Print: receipt.Printer(deps.Print), Timeout: opts.CallTimeout, Now: opts.Now},
			receipt.Options{Shop: opts.Receipts, Width: opts.ReceiptWidth, Live: opts.Live}),
		display: display.New(display.Deps{Gateway: deps.Gateway, Timeout: opts.CallTimeout, Now: opts.Now, After: opts.after}),
		support: support.New(st, k, support.Deps{Env: env, Gateway: deps.Gateway, Store: deps.Store, Demo: deps.Demo},
			support.Options{StuckAfter: opts.StuckAfter, ExportDir: opts.ExportDir, TillID: opts.TillID, Live: opts.Live}),
		cash:   cash.New(st, k, deps.Store, cash.Options{Increment: opts.CashIncrement, NewOrderID: opts.NewOrderID, Now: opts.Now}),
		outbox: outbox.New(outbox.Deps{Env: env, Store: deps.Store, Probe: deps.Gateway, Reach: deps.Reach}, opts.OutboxEvery),
		reach:  deps.Reach,
		history: history.New(st, k, history.Deps{Gateway: deps.Gateway, Book: deps.Store, Now: opts.Now, CallTimeout: opts.CallTimeout,
			TillID: opts.TillID}),
		refund:   refund.New(st, k, refund.Deps{Env: env, Gateway: deps.Gateway, Book: deps.Store, NewID: opts.NewRefundID}),
		webhooks: deps.Webhooks,
	}.readHooks()
}

// Init implements tea.Model: it lists the readers and looks for unfinished payments
// and refunds, and follows the webhook receiver. In live mode, payments and refunds
// left open are resumed only once the cashier has confirmed.
func (m Model) Init() tea.Cmd {
	resume := tea.Batch(m.payment.Init(), m.outbox.Init(), m.refund.Init())
	if m.golive.Asking() {
		resume = nil // golive.ConfirmedMsg brings it
	}
	return tea.Batch(m.cart.Init(), m.picker.Init(), resume, m.hooksTick(), m.listen())
}

// checkout is what the support screen may know of the cashier's side.
func (m Model) checkout() common.Checkout {
	return common.Checkout{
		Session: m.payment.Session(), Pending: m.payment.Pending(), Driven: m.payment.Driven(),
		ReaderID: m.picker.Chosen(), Readers: m.picker.Readers(), Refund: m.refund.Refund(),
	}
}
