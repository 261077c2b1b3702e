// Package support is the support screen, opened over the cashier's with ctrl+s or F2:
// five panes (Readers, Payments, Timeline, Shift, Webhooks) and the settling of unfinished
// payments. The cashier's payment keeps running underneath; support drives a payment of
// this till's journal in its own lane, never the cashier's.
package support

import (
	"cmp"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/ui/common"
	"github.com/till-pos/till/ui/drive"
	"github.com/till-pos/till/ui/support/payments"
	"github.com/till-pos/till/ui/support/readers"
	"github.com/till-pos/till/ui/support/shift"
	"github.com/till-pos/till/ui/support/timeline"
	"github.com/till-pos/till/ui/support/webhooks"
)

// Lane is support's lane: a payment of this till's journal being settled.
const Lane drive.ID = "support"

// Gateway is what the screen needs from Stripe.
type Gateway interface {
	checkout.Gateway
	readers.Gateway
	payments.Gateway
	shift.Gateway
}

// Store is what the screen needs from the database.
type Store interface {
	drive.Store
	payments.Journal
	payments.RefundJournal
	timeline.Journal
	shift.Journal
	Session(orderID string) (checkout.Session, bool, error)
}

// Deps are the screen's connections.
type Deps struct {
	Env     drive.Env // for its lane; shares the cashier's saver
	Gateway Gateway
	Store   Store
	Demo    readers.Demo // nil when the API is not an emulator
}

// Options tune the screen.
type Options struct {
	StuckAfter time.Duration
	ExportDir  string
	TillID     string
	Live       bool // Stripe live mode: no test cards
}

// CloseMsg asks the root to go back to the cashier's screen.
type CloseMsg struct{}

// SettleCashierMsg asks the root to apply an event to the cashier's own payment.
type SettleCashierMsg struct{ Event checkout.Event }

// ForgetMsg tells the root that support settles an order the cashier's queue holds.
type ForgetMsg struct{ OrderID string }

// HistoryMsg asks the root for the history of finished payments (back here after).
type HistoryMsg struct{}

// pane is one page of the screen.
type pane int

const (
	paneReaders pane = iota
	panePayments
	paneTimeline
	paneShift
	paneWebhooks
	paneCount
)

var paneNames = [paneCount]string{"Readers", "Payments", "Timeline", "Shift", "Webhooks"}

// Model is the support screen.
type Model struct {
	styles *common.Styles
	shared common.Keys
	deps   Deps
	ck     common.Checkout

	open     bool
	pane     pane
	readers  readers.Model
	payments payments.Model
	timeline timeline.Model
	shift    shift.Model
	webhooks webhooks.Model

	lane   drive.Lane
	acting string // what support is settling, for the status line
	// watch is the cashier's payment support asked to capture or cancel, until it has;
	// watchMoved says it has moved since (a call under way): a payment asked of while
	// declined is declined already, which is not how the request ended.
	watch      string
	watchMoved bool
	// known are the PaymentIntents of this till's journal (its last days), so a payment
	// of this till is "this till" after a restart too.
	known common.Recent
}

// New is the screen, closed.
func New(st *common.Styles, k common.Keys, deps Deps, opts Options) Model {
	env := deps.Env
	return Model{
		styles: st, shared: k, deps: deps,
		readers: readers.New(st, k, readers.Deps{Gateway: deps.Gateway, Demo: deps.Demo, Now: env.Now, After: env.After,
			CallTimeout: env.CallTimeout, StuckAfter: opts.StuckAfter, TillID: opts.TillID, Live: opts.Live}),
		payments: payments.New(st, k, payments.Deps{Gateway: deps.Gateway, Journal: deps.Store, Refunds: deps.Store, Now: env.Now,
			CallTimeout: env.CallTimeout, TillID: opts.TillID}),
		timeline: timeline.New(st, k, timeline.Deps{Journal: deps.Store, Now: env.Now, ExportDir: opts.ExportDir}),
		shift: shift.New(st, k, shift.Deps{Journal: deps.Store, Gateway: deps.Gateway, TillID: opts.TillID, CallTimeout: env.CallTimeout,
			Now: env.Now, ExportDir: opts.ExportDir}),
		webhooks: webhooks.New(st, env.Now),
		lane:     drive.NewLane(Lane, checkout.Session{}),
	}
}

// With hands the screen what it knows of the cashier's side. When the cashier's
// payment that support asked to settle has moved on, it says so and reads the list
// again.
func (m Model) With(ck common.Checkout) (Model, tea.Cmd) {
	m.ck = ck
	m = m.sync()
	s := ck.Session
	if m.watch == "" || s.PaymentIntentID != m.watch {
		return m, nil
	}
	if !settled(s.Phase) {
		m.watchMoved = true
		return m, nil
	}
	if !m.watchMoved {
		return m, nil
	}
	m.watch, m.watchMoved = "", false
	return m.done(s)
}

// WithWebhooks hands the screen the webhook receiver's state, for its Webhooks pane.
func (m Model) WithWebhooks(w common.Webhooks) Model {
	m.webhooks = m.webhooks.With(w)
	return m
}

// Notice applies a webhook's notice to the payment support is settling, as a poll's
// result would be; one about another payment (or old news) changes nothing.
func (m Model) Notice(n checkout.Notified) (Model, tea.Cmd) {
	before := m.lane.Session().Phase
	lane, cmd, err := m.lane.Act(m.deps.Env, n)
	if err != nil {
		return m, nil
	}
	m.lane = lane
	m, more := m.moved(before)
	return m.sync(), tea.Batch(cmd, more)
}

// settled reports a phase a capture or cancel ends in, well or not.
func settled(p checkout.Phase) bool {
	return p.Finished() || p == checkout.Declined || p == checkout.Unknown
}

// sync hands the panes the cashier's side, with the payments support knows are this
// till's too.
func (m Model) sync() Model {
	ck := m.ck
	ck.Driven = ck.Driven.With(m.lane.Session().PaymentIntentID)
	for _, pi := range append(m.payments.Known(), m.known...) {
		ck.Driven = ck.Driven.With(pi)
	}
	m.readers = m.readers.With(ck)
	m.payments = m.payments.With(ck)
	return m
}

// IsOpen reports whether the screen is shown.
func (m Model) IsOpen() bool { return m.open }

// Open shows the screen on the pane it was last on, and reads which payments this
// till's journal knows.
func (m Model) Open() (Model, tea.Cmd) {
	m.open = true
	m, cmd := m.enter(m.pane)
	st, since := m.deps.Store, m.deps.Env.Now().Add(-readers.Lookback)
	return m, tea.Batch(cmd, func() tea.Msg {
		sessions, err := st.Sessions(since)
		if err != nil {
			return nil // the screen still works; only "this till" knows less
		}
		var pis []string
		for _, s := range sessions {
			if s.PaymentIntentID != "" {
				pis = append(pis, s.PaymentIntentID)
			}
		}
		return knownMsg{pis: pis}
	})
}

// Timeline shows the screen on the Timeline pane with an order's journal: every call,
// for a finished payment too (the history asks for it).
func (m Model) Timeline(orderID string) (Model, tea.Cmd) {
	m.open = true
	m.readers, m.payments, m.timeline, m.shift = m.readers.Leave(), m.payments.Leave(), m.timeline.Leave(), m.shift.Leave()
	m.pane = paneTimeline
	var cmd tea.Cmd
	m.timeline, cmd = m.timeline.Show(orderID)
	return m.sync(), cmd
}

// Close hides the screen; the Readers pane's loop ends, as it is no longer visible, and
// the Timeline forgets the order chosen for it: the next visit starts from the cashier's.
func (m Model) Close() Model {
	m.open = false
	m.readers, m.payments, m.timeline, m.shift = m.readers.Leave(), m.payments.Leave(), m.timeline.Leave().Unpin(), m.shift.Leave()
	return m
}

// enter shows a pane and loads what it shows.
func (m Model) enter(p pane) (Model, tea.Cmd) {
	m.readers, m.payments, m.timeline, m.shift = m.readers.Leave(), m.payments.Leave(), m.timeline.Leave(), m.shift.Leave()
	m.pane = p
	var cmd tea.Cmd
	switch p {
	case paneReaders:
		m.readers, cmd = m.readers.Enter()
	case panePayments:
		m.payments, cmd = m.payments.Enter()
	case paneTimeline:
		m.timeline, cmd = m.timeline.Load(cmp.Or(m.timeline.Chosen(), m.timelineOrder()))
	case paneShift:
		m.shift, cmd = m.shift.Load()
	}
	return m.sync(), cmd
}

// timelineOrder is the order the Timeline pane shows when none was chosen for it: the
// payment selected in the Payments pane, else the cashier's current one.
func (m Model) timelineOrder() string {
	if p, ok := m.payments.Selected(); ok && p.OrderID != "" {
		return p.OrderID
	}
	return m.ck.Session.OrderID
}

// Question is the open question of the pane on screen.
func (m Model) Question() string {
	switch m.pane {
	case paneReaders:
		return m.readers.Question()
	case panePayments:
		return m.payments.Question()
	case paneShift:
		return m.shift.Question()
	}
	return ""
}

// Acting is what is under way, for the status line.
func (m Model) Acting() string {
	if m.acting != "" {
		return m.acting
	}
	if m.pane == paneReaders {
		return m.readers.Acting()
	}
	return ""
}

// paneOpen reports whether the pane's list or question has every key.
func (m Model) paneOpen() bool {
	switch m.pane {
	case paneReaders:
		return m.readers.Open()
	case panePayments:
		return m.payments.Open()
	case paneTimeline:
		return m.timeline.Open()
	case paneShift:
		return m.shift.Open()
	}
	return false
}

// keyMap is the screen's own keys; the pane's come with them. 1–5 always switch panes
// and do nothing else anywhere on this screen.
type keyMap struct{ Back, NextPane, PrevPane, PaneN, History key.Binding }

func (m Model) keys() keyMap {
	k := keyMap{Back: m.shared.Back,
		NextPane: common.Binding("tab", "next pane", "tab"),
		PrevPane: common.Binding("shift+tab", "previous pane", "shift+tab"),
		PaneN:    common.Binding("1–5", "pane", "1", "2", "3", "4", "5"),
		History:  common.Binding("h", "payment history", "h")}
	k.Back.SetHelp("esc", "back to the cashier")
	if !m.paneOpen() {
		common.On(&k.Back, &k.NextPane, &k.PrevPane, &k.PaneN, &k.History)
	}
	return k
}

// FullHelp implements help.KeyMap: the pane's keys, then the screen's.
func (m Model) FullHelp() [][]key.Binding {
	return [][]key.Binding{m.paneKeys(), m.TabKeys()}
}

// TabKeys are the screen's own keys, the same on every pane.
func (m Model) TabKeys() []key.Binding {
	k := m.keys()
	return []key.Binding{k.PaneN, k.NextPane, k.PrevPane, k.History, k.Back}
}

// ShortHelp implements help.KeyMap: the pane's actions first, then the tabs.
func (m Model) ShortHelp() []key.Binding {
	k := m.keys()
	return append(m.paneKeys(), k.PaneN, k.NextPane, k.Back, k.History)
}

// paneKeys are the pane's keys, its arrows last.
func (m Model) paneKeys() []key.Binding {
	switch m.pane {
	case paneReaders:
		return append(m.readers.ShortHelp(), m.readers.Arrows())
	case panePayments:
		return append(m.payments.ShortHelp(), m.payments.Arrows())
	case paneTimeline:
		return append(m.timeline.ShortHelp(), m.timeline.Arrows())
	case paneShift:
		return append(m.shift.ShortHelp(), m.shift.Arrows())
	}
	return nil // the Webhooks pane is read, not worked
}

// Update routes keys to the screen's tabs or the pane on screen, and every other
// message to its lane and all its panes, shown or not.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	if km, ok := msg.(tea.KeyMsg); ok {
		return m.key(km)
	}
	switch msg := msg.(type) {
	case payments.SettleMsg:
		return m.settle(msg.Payment, msg.Event)
	case payments.TimelineMsg:
		return m.Timeline(msg.OrderID)
	case loadedMsg:
		return m.loaded(msg)
	case actedMsg:
		return m.acted(msg)
	case knownMsg:
		m.known = nil
		for _, pi := range msg.pis {
			m.known = m.known.With(pi)
		}
		return m.sync(), nil
	}
	before := m.lane.Session().Phase
	lane, cmd, r := m.lane.Update(m.deps.Env, msg)
	if r.Mine {
		m.lane = lane
		cmd = r.Said(cmd)
		m, more := m.moved(before)
		return m.sync(), tea.Batch(cmd, more)
	}
	var cmds [4]tea.Cmd
	m.readers, cmds[0] = m.readers.Update(msg)
	m.payments, cmds[1] = m.payments.Update(msg)
	m.timeline, cmds[2] = m.timeline.Update(msg)
	m.shift, cmds[3] = m.shift.Update(msg)
	return m.sync(), tea.Batch(cmds[:]...)
}

func (m Model) key(msg tea.KeyMsg) (Model, tea.Cmd) {
	k := m.keys()
	switch {
	case key.Matches(msg, k.Back):
		return m, common.Emit(CloseMsg{})
	case key.Matches(msg, k.NextPane):
		return m.enter((m.pane + 1) % paneCount)
	case key.Matches(msg, k.PrevPane):
		return m.enter((m.pane + paneCount - 1) % paneCount)
	case key.Matches(msg, k.PaneN):
		return m.enter(pane(msg.String()[0] - '1'))
	case key.Matches(msg, k.History):
		return m, common.Emit(HistoryMsg{})
	}
	var cmd tea.Cmd
	switch m.pane {
	case paneReaders:
		m.readers, cmd = m.readers.Update(msg)
	case panePayments:
		m.payments, cmd = m.payments.Update(msg)
	case paneTimeline:
		m.timeline, cmd = m.timeline.Update(msg)
	case paneShift:
		m.shift, cmd = m.shift.Update(msg)
	}
	return m.sync(), cmd
}

type (
	// loadedMsg is a session loaded for support to act on through the machine.
	loadedMsg struct {
		pi      string
		session checkout.Session
		found   bool
		err     error
		event   checkout.Event // what to apply to it
		intent  *checkout.Intent
	}
	// actedMsg is the event of a direct call on an intent that has no session here.
	actedMsg struct {
		pi      string
		capture bool // the request: capture, or cancel
		event   checkout.Event
	}
	// knownMsg is the PaymentIntents of this till's journal.
	knownMsg struct{ pis []string }
)

// Typing reports whether keys are text; the support screen has no field.
func (m Model) Typing() bool { return false }
