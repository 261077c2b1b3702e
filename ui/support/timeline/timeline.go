// Package timeline is the support screen's Timeline pane: an order's journal, every
// step before its call with its idempotency key, every HTTP request with Stripe's
// request id, and the outcome; any order of this till's last days can be chosen,
// finished ones too, and its timeline exported as JSON.
package timeline

import (
	"slices"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/ui/common"
	"github.com/till-pos/till/ui/support/export"
)

// Lookback is how far back the order list goes.
const Lookback = 7 * 24 * time.Hour

// Journal reads an order's journal and session, and the orders of the last days.
type Journal interface {
	Entries(orderID string) ([]checkout.Entry, error)
	Session(orderID string) (checkout.Session, bool, error)
	Sessions(since time.Time) ([]checkout.Session, error)
	Refunds(since time.Time) ([]checkout.Refund, error)
}

// Deps are the pane's connections and clock.
type Deps struct {
	Journal   Journal
	Now       func() time.Time
	ExportDir string
}

// Model is the Timeline pane.
type Model struct {
	styles   *common.Styles
	shared   common.Keys
	deps     Deps
	order    string
	pinned   bool // order was chosen (the order list, the Payments pane, the history): kept when support comes back to the pane
	entries  []checkout.Entry
	standing string // where the order stands as till saved it (standing), "" with no session
	err      error
	entry    int

	ordersOn  bool // the order list is open
	orders    []checkout.Session
	refunded  map[string]int64 // what this till refunded of each order's PaymentIntent
	ordersErr error
	orderPick int
}

// New is the pane showing no order.
func New(st *common.Styles, k common.Keys, deps Deps) Model {
	return Model{styles: st, shared: k, deps: deps}
}

// Question is the pane's open question; it asks none.
func (m Model) Question() string { return "" }

// Open reports whether a list has the keys, not the tabs.
func (m Model) Open() bool { return m.ordersOn }

// Leave hides the pane.
func (m Model) Leave() Model {
	m.ordersOn = false
	return m
}

// Chosen is the order someone chose to see here ("" when none): support comes back to it
// from another pane, rather than to the pane's default.
func (m Model) Chosen() string {
	if m.pinned {
		return m.order
	}
	return ""
}

// Show shows an order someone chose (Chosen), read again.
func (m Model) Show(order string) (Model, tea.Cmd) {
	m, cmd := m.Load(order)
	m.pinned = order != ""
	return m, cmd
}

// Unpin forgets the chosen order: the next visit shows the pane's default.
func (m Model) Unpin() Model {
	m.pinned = false
	return m
}

// Load shows an order's journal, read again.
func (m Model) Load(order string) (Model, tea.Cmd) {
	if order != m.order {
		m.entries, m.standing, m.entry = nil, "", 0
	}
	m.order, m.err, m.ordersOn = order, nil, false
	if order == "" {
		return m, nil
	}
	j := m.deps.Journal
	return m, func() tea.Msg {
		entries, err := j.Entries(order)
		msg := entriesMsg{order: order, entries: entries, err: err}
		// Where the order stands is a detail: when it cannot be read, the journal still shows.
		if s, ok, serr := j.Session(order); ok && serr == nil {
			// What this till refunded of it is a detail too.
			var refunded int64
			if refunds, rerr := j.Refunds(s.StartedAt); rerr == nil {
				refunded = checkout.RefundedOf(refunds)[s.PaymentIntentID]
			}
			msg.standing = standing(s, refunded)
		}
		return msg
	}
}

// chooseOrder lists this till's orders of the last days, newest first.
func (m Model) chooseOrder() (Model, tea.Cmd) {
	m.ordersOn, m.orderPick = true, 0
	j, since := m.deps.Journal, m.deps.Now().Add(-Lookback)
	return m, func() tea.Msg {
		sessions, err := j.Sessions(since)
		msg := ordersMsg{sessions: sessions, err: err}
		// What was refunded is a detail: when it cannot be read, the orders still show.
		if refunds, rerr := j.Refunds(since); rerr == nil {
			msg.refunded = checkout.RefundedOf(refunds)
		}
		return msg
	}
}

// Update takes the pane's answers and, while it is shown, its keys.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case entriesMsg:
		if msg.order == m.order {
			m.entries, m.standing, m.err = msg.entries, msg.standing, msg.err
			m.entry = common.Clamp(m.entry, len(msg.entries))
		}
	case ordersMsg:
		m.orders, m.refunded, m.ordersErr = nil, msg.refunded, msg.err
		for _, s := range slices.Backward(msg.sessions) {
			if s.Phase != checkout.Building {
				m.orders = append(m.orders, s)
			}
		}
		for i, s := range m.orders {
			if s.OrderID == m.order {
				m.orderPick = i
			}
		}
	case tea.KeyMsg:
		return m.key(msg)
	}
	return m, nil
}

func (m Model) key(msg tea.KeyMsg) (Model, tea.Cmd) {
	k := m.keys()
	if m.ordersOn {
		var p common.Picked
		m.orderPick, p = common.Pick(msg, k.Up, k.Down, k.Open, k.Back, m.orderPick, len(m.orders))
		switch p {
		case common.Chosen:
			return m.Show(m.orders[m.orderPick].OrderID)
		case common.Closed:
			m.ordersOn = false
		}
		return m, nil
	}
	switch {
	case key.Matches(msg, k.Up, k.Down):
		m.entry = common.Moved(msg, k.Up, m.entry, len(m.entries))
	case key.Matches(msg, k.Orders):
		return m.chooseOrder()
	case key.Matches(msg, k.Export):
		return m, m.export()
	case key.Matches(msg, k.Refresh):
		return m.Load(m.order)
	}
	return m, nil
}

// keyMap is the pane's keys.
type keyMap struct{ Up, Down, Orders, Open, Back, Export, Refresh key.Binding }

func (m Model) keys() keyMap {
	k := keyMap{Up: m.shared.Up, Down: m.shared.Down, Back: m.shared.Back,
		Orders:  common.Binding("o", "choose an order", "o"),
		Open:    common.Binding("enter", "open", "enter"),
		Export:  common.Binding("e", "export", "e"),
		Refresh: common.Binding("s", "refresh", "s")}
	if m.ordersOn {
		common.On(&k.Back)
		if n := len(m.orders); n > 0 {
			common.On(&k.Open)
			if n > 1 {
				common.On(&k.Up, &k.Down)
			}
		}
		return k
	}
	common.On(&k.Orders)
	if m.order != "" {
		common.On(&k.Refresh)
	}
	if len(m.entries) > 0 {
		common.On(&k.Export)
		if len(m.entries) > 1 {
			common.On(&k.Up, &k.Down)
		}
	}
	return k
}

// ShortHelp lists the pane's keys but the arrows, in help-line order.
func (m Model) ShortHelp() []key.Binding {
	k := m.keys()
	return []key.Binding{k.Open, k.Back, k.Orders, k.Export, k.Refresh}
}

// Arrows is the pane's list-moving binding.
func (m Model) Arrows() key.Binding { return m.keys().Up }

// export writes the timeline as JSON, named for the time of the export (an order id is
// never a file name).
func (m Model) export() tea.Cmd {
	if m.order == "" {
		return nil
	}
	now := m.deps.Now()
	doc := struct {
		OrderID    string           `json:"order_id"`
		ExportedAt time.Time        `json:"exported_at"`
		Standing   string           `json:"standing,omitempty"` // as the pane says it, under the heading
		Entries    []checkout.Entry `json:"entries"`
	}{OrderID: m.order, ExportedAt: now.UTC(), Standing: m.standing, Entries: m.entries}
	if doc.Entries == nil {
		doc.Entries = []checkout.Entry{}
	}
	return export.Cmd(m.deps.ExportDir, export.File{Kind: "timeline", Stamp: export.Stamp(now), Ext: "json",
		Data: func() ([]byte, error) { return export.JSON(doc) }})
}

type (
	// entriesMsg is an order's journal.
	entriesMsg struct {
		order    string
		entries  []checkout.Entry
		standing string
		err      error
	}
	// ordersMsg is the sessions of the last days.
	ordersMsg struct {
		sessions []checkout.Session
		refunded map[string]int64 // this till's refunds, by PaymentIntent (checkout.RefundedOf)
		err      error
	}
)

// View draws the order's journal, or the list of orders.
func (m Model) View(p *common.Page, frame int) {
	st := m.styles
	if m.ordersOn {
		m.ordersView(p)
		return
	}
	if m.order == "" {
		p.Para(st.Muted, "No order on screen. Press o to choose one of this till's orders, or pick a payment in the Payments pane (enter).")
		return
	}
	p.Line(st.Title.Render("Order "+m.order) + st.Muted.Render(" · "+common.Plural(len(m.entries), "journal entry", "journal entries")))
	if m.standing != "" {
		// What till made of the calls below: a decline, say, shows only in the reads.
		p.Para(st.Muted, "Now "+m.standing)
	}
	if m.err != nil {
		p.Para(st.Error, "Could not read the journal: "+m.err.Error())
		return
	}
	if len(m.entries) == 0 {
		p.Line(st.Muted.Render("Nothing journaled for this order yet."))
		return
	}
	// The columns' names give way to the entries on a short screen.
	if !common.Short(p.Height) {
		p.Line(st.Muted.Render("  " + common.Cell("time", 13, false) + common.Cell("stage", 7, false) + common.Cell("step", 14, false) +
			common.Cell("http", 5, false) + common.Cell("took", 8, false) + "outcome"))
	}
	m.entriesView(p)
}

// ordersView lists this till's orders of the last days.
func (m Model) ordersView(p *common.Page) {
	st := m.styles
	p.Line(st.Title.Render("This till's orders, last 7 days, newest first"))
	p.Blank()
	switch {
	case m.ordersErr != nil:
		p.Para(st.Error, "Could not read the journal: "+m.ordersErr.Error())
		return
	case len(m.orders) == 0:
		p.Line(st.Muted.Render("No orders in the last 7 days."))
		return
	}
	// The order id whole, under its row on a narrow screen; the phase as the shift's
	// list says it (a failed attempt is "not completed": the order's Now line says how),
	// a paid one refunded as the history says it.
	rows := make([]common.Tailed, len(m.orders))
	for i, s := range m.orders {
		row := common.Cell(s.StartedAt.Local().Format("Mon 15:04"), 10, false) + common.Cell(s.ListWords(m.refunded[s.PaymentIntentID]), 14, false) +
			common.Cell(s.Charged().String(), 12, true) // "CA$12,345.67"
		rows[i] = common.Tailed{Row: st.Pointer(i == m.orderPick, row), Sep: "  ", Tail: s.OrderID}
	}
	p.TailedList(st, rows, m.orderPick, 8)
}
