package ui

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"os"
	"path/filepath"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/ui/common"
)

// Gateway is what the screen needs from Stripe: the state machine's calls, the list of
// readers, the cart on the reader's screen, receipts, and the test helpers that present
// a card (with the tip the customer picks) on a simulated reader.
type Gateway interface {
	checkout.Gateway
	checkout.ReceiptGateway
	ListReaders(ctx context.Context) ([]checkout.Reader, error)
	SetReaderDisplay(ctx context.Context, readerID string, d checkout.Display) (checkout.Reader, error)
	PresentCard(ctx context.Context, readerID, number string) (checkout.Reader, error)
	PresentCardWithTip(ctx context.Context, readerID, number string, tip int64) (checkout.Reader, error)
	// For the support screen: every location; the readers with the PaymentIntents their
	// actions work on; the unfinished in-person intents since a time (with the other
	// intents of their orders).
	ListLocations(ctx context.Context) ([]checkout.Location, error)
	ListReadersWithIntents(ctx context.Context) ([]checkout.Reader, []checkout.Intent, error)
	UnfinishedIntents(ctx context.Context, since time.Time) ([]checkout.Intent, error)
	// For the history and refunds: finding payments, refunding them, the shift's refunds,
	// and the simulated card that paid (presented again for an in-person refund).
	checkout.RefundGateway
	checkout.PaymentSearcher
	checkout.RefundLister
	FindIntentsByOrder(ctx context.Context, orderID string) ([]checkout.Intent, error)
	TestCardFor(card checkout.Card) string
}

// Store is what the screen needs from the database.
type Store interface {
	SaveSession(checkout.Session) error
	Unfinished() ([]checkout.Session, error)
	Pref(key string) (string, error)
	SetPref(key, value string) error
	checkout.Journal // every call is journaled before it is made
	// For the support screen: an order's journal, the sessions of the last days, the
	// orders of a shift, one session.
	Entries(orderID string) ([]checkout.Entry, error)
	Sessions(since time.Time) ([]checkout.Session, error)
	Summaries(since time.Time) ([]checkout.Summary, error)
	Session(orderID string) (checkout.Session, bool, error)
	// The captures and cancels held while Stripe did not answer (the outbox).
	Outbox() ([]checkout.HeldCall, error)
	// For refunds: each saved before its call, one (for its receipt), an order's, those
	// left unfinished, a shift's.
	SaveRefund(checkout.Refund) error
	Refund(id string) (checkout.Refund, bool, error)
	RefundsOf(orderID string) ([]checkout.Refund, error)
	UnfinishedRefunds() ([]checkout.Refund, error)
	Refunds(since time.Time) ([]checkout.Refund, error)
}

// Demo is the emulator's fault panel; Deps.Demo is nil when the API is not an emulator.
type Demo interface {
	ReaderFaults(ctx context.Context) (map[string][]string, error)       // reader id → faults on
	ToggleReaderFault(ctx context.Context, readerID, fault string) error // one fault on or off
	Faults() []Fault                                                     // the switchable faults, explained
}

// Fault is one switchable emulator fault and what it does.
type Fault = common.Fault

// Webhooks is till's webhook receiver (main's): the events it verified, and its state
// for the header and the support screen.
type Webhooks interface {
	Notices() <-chan checkout.Notified
	Health() checkout.WebhookHealth
}

// Printer sends a receipt's text to the shop's receipt printer, or writes it to a file,
// and says where it went ("sent to lp -d counter", "written to /var/receipts/…").
type Printer func(ctx context.Context, paymentIntent, text string) (string, error)

// Deps are the screen's connections to the outside world.
type Deps struct {
	Gateway  Gateway
	Store    Store
	Demo     Demo     // nil when the API is not an emulator
	Webhooks Webhooks // nil when no receiver runs: the screen polls
	Print    Printer  // nil: receipts are only shown
	// Reach is whether Stripe answers, from every call till makes (main's); nil: it is
	// taken to answer.
	Reach func() checkout.Reach
}

// Options tune the screen. The zero value of every field has a sensible default.
type Options struct {
	Shop          string                 // shown in the header, e.g. "till demo shop"
	Currency      string                 // cart currency; default "usd"
	CaptureMethod checkout.CaptureMethod // default manual
	ReaderID      string                 // configured reader; "" = remembered pref "reader", else the only one, else pick
	PollEvery     time.Duration          // default 1s: checkout.Schedule's first interval
	MaxBackoff    time.Duration          // default 10s
	CallTimeout   time.Duration          // per Gateway call; default 15s
	Now           func() time.Time       // default time.Now
	NewOrderID    func() string          // default "ord_" + UTC time + random hex
	NewRefundID   func() string          // default checkout.NewRefundID: "rf_" + UTC time + random hex
	StuckAfter    time.Duration          // a reader action in progress longer is flagged; default 2m
	ExportDir     string                 // where support exports go, made when missing; main passes the configured one
	TillID        string                 // this till's metadata[till_id], for the support screen's scope
	Busy          *checkout.Busy         // notes Stripe's rate limits on the payment's calls; default a new one
	// Readers is the reader list main read just before the screen opens (to check the
	// configured reader); nil has the screen list them itself.
	Readers []checkout.Reader
	// TestAmount says what a simulated reader does with an amount ("" when it simply
	// approves); main passes the emulator's answer. nil: no hint.
	TestAmount func(checkout.Money) string
	Live       bool // Stripe live mode: real payments (the LIVE banner; no test cards, no emulator faults)
	// LiveConfirmed: the cashier confirmed live mode up front (--confirm-live); else the
	// screen's first page asks.
	LiveConfirmed bool
	// PollWait is how long to wait before re-reading a payment (main's pace: slower
	// while webhooks arrive); nil is checkout.Schedule from PollEvery and MaxBackoff.
	PollWait func(checkout.Session) time.Duration
	// RefundWait is a refund's wait likewise; nil is checkout.Schedule's RefundDelay.
	RefundWait func(checkout.Refund) time.Duration
	// CashIncrement is the smallest cash amount in minor units (cash.rounding); 0 is
	// the currency's own rule.
	CashIncrement int64
	// OutboxEvery is how often held captures and cancels are tried again; default 15s.
	OutboxEvery time.Duration

	// Catalogue is what the cart sells, with the shop's tax rules; the zero value has
	// no items and no tax, in Currency.
	Catalogue checkout.Catalogue
	// Tipping is the shop's tipping policy, sent with every charge; the zero value
	// has the reader skip the tip screen.
	Tipping checkout.TipPolicy
	// Receipts is who the receipts are from: name, address, tax id, footer.
	Receipts checkout.Shop
	// ReceiptWidth is the receipt printer's characters per line; default 42.
	ReceiptWidth int

	// after schedules a message; tea.Tick, replaced in tests to record the waits.
	after func(time.Duration, func(time.Time) tea.Msg) tea.Cmd
}

func (o Options) withDefaults() Options {
	if o.Shop == "" {
		o.Shop = "till"
	}
	if o.Currency == "" {
		o.Currency = o.Catalogue.Currency()
	}
	if o.Currency == "" {
		o.Currency = "usd"
	}
	if o.Catalogue.Currency() == "" {
		o.Catalogue, _ = checkout.NewCatalogue(o.Currency, checkout.Pricing{}, nil, nil, nil) // nothing to refuse
	}
	if o.ReceiptWidth == 0 {
		o.ReceiptWidth = 42
	}
	if o.Receipts.Name == "" {
		o.Receipts.Name = o.Shop
	}
	if o.CaptureMethod == "" {
		o.CaptureMethod = checkout.CaptureManual
	}
	if o.PollEvery <= 0 {
		o.PollEvery = time.Second
	}
	if o.MaxBackoff <= 0 {
		o.MaxBackoff = 10 * time.Second
	}
	if o.MaxBackoff < o.PollEvery {
		o.MaxBackoff = o.PollEvery
	}
	if o.CallTimeout <= 0 {
		o.CallTimeout = 15 * time.Second
	}
	if o.StuckAfter <= 0 {
		o.StuckAfter = 2 * time.Minute
	}
	if o.ExportDir == "" {
		o.ExportDir = filepath.Join(os.TempDir(), "till-exports") // never the working directory
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Busy == nil {
		o.Busy = &checkout.Busy{}
	}
	if o.CashIncrement <= 0 {
		o.CashIncrement = checkout.CashIncrement(o.Currency)
	}
	if o.OutboxEvery <= 0 {
		o.OutboxEvery = 15 * time.Second
	}
	if o.NewOrderID == nil {
		o.NewOrderID = orderIDs(o.Now)
	}
	if o.after == nil {
		o.after = tea.Tick
	}
	return o
}

// orderIDs makes order ids that sort by time and do not collide between two tills.
func orderIDs(now func() time.Time) func() string {
	return func() string {
		var b [3]byte
		_, _ = rand.Read(b[:]) // crypto/rand.Read never returns an error
		return "ord_" + now().UTC().Format("20060102150405") + "_" + hex.EncodeToString(b[:])
	}
}
