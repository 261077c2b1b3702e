package ui

import (
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/till-pos/till/checkout"
)

// pane is one page of the support screen.
type pane int

const (
	paneReaders pane = iota
	panePayments
	paneTimeline
	paneShift
	paneCount
)

var paneNames = [paneCount]string{"Readers", "Payments", "Timeline", "Shift"}

// supportOverlay is a list on top of a support pane that takes the keys while open.
type supportOverlay int

const (
	supportNone    supportOverlay = iota
	supportFaults                 // the emulator's faults of the selected reader
	supportReasons                // why a payment is canceled
)

// question is a y/n confirmation; yes carries out what was asked.
type question struct {
	text string
	yes  func(Model) (Model, tea.Cmd)
}

// support is the support screen's state. The checkout keeps running underneath: its
// messages are handled whatever the screen shows; only the keys come here.
type support struct {
	open    bool
	pane    pane
	overlay supportOverlay
	ask     *question

	// Readers: refreshed with backoff while the pane is visible, by one loop: each visit
	// (and each s) starts a new gen, and an older gen's refresh is dropped.
	readers      []checkout.Reader
	locations    map[string]string // location id → display name
	readersErr   error
	readersFails int
	readersGen   int
	readersAt    time.Time
	loadingRdrs  bool
	pick         int
	seen         map[string]time.Time // action → when this screen first saw it in progress
	faults       map[string][]string  // reader id → faults on (emulator only)
	faultsErr    error
	faultPick    int
	acting       string // what is under way on a reader, for the status line

	// Payments: unfinished, from the store and from Stripe.
	payments    []payment
	intents     []checkout.Intent // every intent listed, for Advise's siblings
	paymentsErr []string
	loadingPays bool
	pay         int
	reason      int
	cancels     map[string]int // direct cancels sent per PaymentIntent, for their keys

	// Timeline of one order.
	order      string
	entries    []checkout.Entry
	entriesErr error
	entry      int

	// Shift.
	report   checkout.ShiftReport
	shiftErr error
	hasShift bool
}

// payLookback is how far back the Payments pane asks Stripe for unfinished intents.
const payLookback = 7 * 24 * time.Hour

// Readers refresh every readersEvery, doubling per failure up to readersMax.
const (
	readersEvery = 2 * time.Second
	readersMax   = 30 * time.Second
)

// openSupport shows the support screen on the pane it was last on.
func (m Model) openSupport() (Model, tea.Cmd) {
	m.sup.open, m.sup.overlay, m.sup.ask = true, supportNone, nil
	return m.enterPane(m.sup.pane)
}

// closeSupport goes back to where the cashier was; the readers loop ends, as the pane
// is no longer visible.
func (m Model) closeSupport() Model {
	m.sup.open, m.sup.overlay, m.sup.ask = false, supportNone, nil
	return m
}

// enterPane shows a pane and loads what it shows.
func (m Model) enterPane(p pane) (Model, tea.Cmd) {
	m.sup.pane, m.sup.overlay, m.sup.ask = p, supportNone, nil
	switch p {
	case paneReaders:
		return m.loadReaders()
	case panePayments:
		return m.loadPayments()
	case paneTimeline:
		return m.loadTimeline()
	case paneShift:
		return m.loadShift()
	}
	return m, nil
}

// thisTill reports whether a PaymentIntent belongs to this till: the cashier's payment,
// one support is settling, one waiting to be resumed, or one in this till's journal.
func (m Model) thisTill(pi string) bool {
	if pi == "" {
		return false
	}
	if pi == m.session.PaymentIntentID || pi == m.other.session.PaymentIntentID || m.driven.has(pi) {
		return true
	}
	for _, s := range m.pending {
		if s.PaymentIntentID == pi {
			return true
		}
	}
	for _, p := range m.sup.payments {
		if p.ID == pi && p.session != nil {
			return true
		}
	}
	return false
}
