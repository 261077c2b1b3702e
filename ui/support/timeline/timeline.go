// Package timeline is the support screen's Timeline pane: an order's journal, every
// step before its call with its idempotency key, every HTTP request with Stripe's
// request id, and the outcome; exported as JSON.
package timeline

import (
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/ui/common"
	"github.com/till-pos/till/ui/support/export"
)

// Journal reads an order's journal.
type Journal interface {
	Entries(orderID string) ([]checkout.Entry, error)
}

// Deps are the pane's connections and clock.
type Deps struct {
	Journal   Journal
	Now       func() time.Time
	ExportDir string
}

// Model is the Timeline pane.
type Model struct {
	styles  common.Styles
	shared  common.Keys
	deps    Deps
	order   string
	entries []checkout.Entry
	err     error
	entry   int
}

// New is the pane showing no order.
func New(st common.Styles, k common.Keys, deps Deps) Model {
	return Model{styles: st, shared: k, deps: deps}
}

// Question is the pane's open question; it asks none.
func (m Model) Question() string { return "" }

// Open reports whether a list or a question has the keys; never here.
func (m Model) Open() bool { return false }

// Load shows an order's journal, read again.
func (m Model) Load(order string) (Model, tea.Cmd) {
	if order != m.order {
		m.entries, m.entry = nil, 0
	}
	m.order, m.err = order, nil
	if order == "" {
		return m, nil
	}
	j := m.deps.Journal
	return m, func() tea.Msg {
		entries, err := j.Entries(order)
		return entriesMsg{order: order, entries: entries, err: err}
	}
}

// Update takes the pane's answers and, while it is shown, its keys.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case entriesMsg:
		if msg.order == m.order {
			m.entries, m.err = msg.entries, msg.err
			m.entry = common.Clamp(m.entry, len(msg.entries))
		}
	case tea.KeyMsg:
		k := m.keys()
		switch {
		case key.Matches(msg, k.Up, k.Down):
			m.entry = common.Moved(msg, k.Up, m.entry, len(m.entries))
		case key.Matches(msg, k.Export):
			return m, m.export()
		case key.Matches(msg, k.Refresh):
			return m.Load(m.order)
		}
	}
	return m, nil
}

// keyMap is the pane's keys.
type keyMap struct{ Up, Down, Export, Refresh key.Binding }

func (m Model) keys() keyMap {
	k := keyMap{Up: m.shared.Up, Down: m.shared.Down,
		Export:  common.Binding("e", "export", "e"),
		Refresh: common.Binding("s", "refresh", "s")}
	common.On(&k.Refresh)
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
	return []key.Binding{k.Refresh, k.Export}
}

// Arrows is the pane's list-moving binding.
func (m Model) Arrows() key.Binding { return m.keys().Up }

// export writes the timeline as JSON.
func (m Model) export() tea.Cmd {
	if m.order == "" {
		return nil
	}
	doc := struct {
		OrderID    string           `json:"order_id"`
		ExportedAt time.Time        `json:"exported_at"`
		Entries    []checkout.Entry `json:"entries"`
	}{m.order, m.deps.Now().UTC(), m.entries}
	if doc.Entries == nil {
		doc.Entries = []checkout.Entry{}
	}
	path := filepath.Join(m.deps.ExportDir, "till-timeline-"+m.order+".json")
	return export.Cmd(export.File{Path: path, Data: func() ([]byte, error) { return export.JSON(doc) }})
}

// entriesMsg is an order's journal.
type entriesMsg struct {
	order   string
	entries []checkout.Entry
	err     error
}

// View draws the order's journal.
func (m Model) View(p *common.Page, frame int) {
	st := m.styles
	if m.order == "" {
		p.Para(st.Muted, "No payment selected. Choose one in the Payments pane (enter), or start a payment on the cashier's screen.")
		return
	}
	p.Line(st.Title.Render("Order "+m.order) + st.Muted.Render(" · "+common.Plural(len(m.entries), "journal entry", "journal entries")))
	if m.err != nil {
		p.Para(st.Error, "Could not read the journal: "+m.err.Error())
		return
	}
	if len(m.entries) == 0 {
		p.Line(st.Muted.Render("Nothing journaled for this order yet."))
		return
	}
	p.Line(st.Muted.Render("  " + common.Cell("time", 13, false) + common.Cell("stage", 7, false) + common.Cell("step", 14, false) +
		common.Cell("http", 5, false) + common.Cell("took", 8, false) + "outcome"))
	from, to := common.Window(len(m.entries), m.entry, 7)
	for i := from; i < to; i++ {
		e := m.entries[i]
		status := ""
		if e.HTTPStatus != 0 {
			status = strconv.Itoa(e.HTTPStatus)
		}
		took := ""
		if e.Duration > 0 {
			took = e.Duration.Round(time.Millisecond).String()
		}
		row := common.Cell(e.At.Local().Format("15:04:05.000"), 13, false) + common.Cell(e.Stage, 7, false) + common.Cell(e.Step, 14, false) +
			common.Cell(status, 5, false) + common.Cell(took, 8, false) + e.Outcome
		p.Line(st.Pointer(i == m.entry, row))
		if extra := entryExtra(e); extra != "" {
			p.Line("    " + st.Muted.Render(extra))
		}
	}
	st.MoreRows(p, from, to, len(m.entries))
}

// entryExtra is an entry's second line: the request, idempotency key and request id.
func entryExtra(e checkout.Entry) string {
	var parts []string
	if e.Method != "" || e.Path != "" {
		parts = append(parts, strings.TrimSpace(e.Method+" "+e.Path))
	}
	if e.IdempotencyKey != "" {
		parts = append(parts, "key "+e.IdempotencyKey)
	}
	if e.RequestID != "" {
		parts = append(parts, e.RequestID)
	}
	return strings.Join(parts, " · ")
}
