// Package shift is the support screen's Shift pane: what this till took since the
// shift started, per currency, what is unresolved, and the key that closes the shift
// (refused while anything is unresolved).
package shift

import (
	"bytes"
	"fmt"
	"io"
	"path/filepath"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/ui/common"
	"github.com/till-pos/till/ui/support/export"
)

// Journal is what the pane reads and records: the shifts' book.
type Journal = checkout.ShiftBook

// Deps are the pane's connections and clock.
type Deps struct {
	Journal   Journal
	Now       func() time.Time
	ExportDir string
}

// Model is the Shift pane.
type Model struct {
	styles common.Styles
	shared common.Keys
	deps   Deps
	report checkout.ShiftReport
	err    error
	has    bool
}

// New is the pane before its first visit.
func New(st common.Styles, k common.Keys, deps Deps) Model {
	return Model{styles: st, shared: k, deps: deps}
}

// Question is the pane's open question; it asks none.
func (m Model) Question() string { return "" }

// Open reports whether a list or a question has the keys; never here.
func (m Model) Open() bool { return false }

// Report is the shift as last read, and whether it was read.
func (m Model) Report() (checkout.ShiftReport, bool) { return m.report, m.has }

// Load reads the sessions since the shift started and sums them.
func (m Model) Load() (Model, tea.Cmd) {
	j, now := m.deps.Journal, m.deps.Now()
	return m, func() tea.Msg {
		report, err := checkout.CurrentShift(j, now)
		return reportMsg{report: report, err: err}
	}
}

// Update takes the pane's answers and, while it is shown, its keys.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case reportMsg:
		m.report, m.err, m.has = msg.report, msg.err, msg.err == nil
	case closedMsg:
		if msg.err != nil {
			return m, common.Say(common.LevelError, common.Sentence(msg.err.Error()))
		}
		m, cmd := m.Load()
		return m, tea.Batch(cmd, common.Say(common.LevelWarn, "Shift closed at "+m.deps.Now().Format("15:04")+". A new shift starts now."))
	case tea.KeyMsg:
		k := m.keys()
		switch {
		case key.Matches(msg, k.Close):
			return m.close()
		case key.Matches(msg, k.Export):
			return m, m.export()
		case key.Matches(msg, k.Refresh):
			return m.Load()
		}
	}
	return m, nil
}

// keyMap is the pane's keys.
type keyMap struct{ Up, Refresh, Export, Close key.Binding }

func (m Model) keys() keyMap {
	k := keyMap{Up: m.shared.Up,
		Refresh: common.Binding("s", "refresh", "s"),
		Export:  common.Binding("e", "export", "e"),
		Close:   common.Binding("C", "close shift", "C")}
	common.On(&k.Refresh)
	if m.has {
		common.On(&k.Export, &k.Close)
	}
	return k
}

// ShortHelp lists the pane's keys, in help-line order.
func (m Model) ShortHelp() []key.Binding {
	k := m.keys()
	return []key.Binding{k.Refresh, k.Export, k.Close}
}

// Arrows is the pane's list-moving binding; the pane has no list.
func (m Model) Arrows() key.Binding { return m.keys().Up }

// close records a new shift start, refused while anything is unresolved.
func (m Model) close() (Model, tea.Cmd) {
	if !m.has {
		return m, nil
	}
	if err := m.report.CanClose(); err != nil {
		return m, common.Say(common.LevelError, common.Sentence(err.Error()))
	}
	j, now := m.deps.Journal, m.deps.Now()
	return m, func() tea.Msg {
		_, err := checkout.CloseShift(j, now)
		return closedMsg{err: err}
	}
}

// export writes the shift's report as CSV and JSON.
func (m Model) export() tea.Cmd {
	if !m.has {
		return nil
	}
	r := m.report
	base := filepath.Join(m.deps.ExportDir, "till-shift-"+r.Until.UTC().Format("20060102-150405"))
	return export.Cmd(
		export.File{Path: base + ".csv", Data: func() ([]byte, error) { return encoded(r.WriteCSV) }},
		export.File{Path: base + ".json", Data: func() ([]byte, error) { return encoded(r.WriteJSON) }},
	)
}

// encoded is what write writes.
func encoded(write func(io.Writer) error) ([]byte, error) {
	var b bytes.Buffer
	err := write(&b)
	return b.Bytes(), err
}

type (
	// reportMsg is the shift's report.
	reportMsg struct {
		report checkout.ShiftReport
		err    error
	}
	// closedMsg reports the closing of the shift.
	closedMsg struct{ err error }
)

// View draws the shift's totals and what is unresolved.
func (m Model) View(p *common.Page, frame int) {
	st := m.styles
	if m.err != nil {
		p.Para(st.Error, "Could not read the shift: "+m.err.Error())
		return
	}
	if !m.has {
		p.Line(st.Spinner(frame) + " Reading the shift…")
		return
	}
	r := m.report
	p.Line(st.Title.Render("Shift since "+r.Since.Local().Format("Mon 2 Jan 15:04")) +
		st.Muted.Render(" · until "+r.Until.Local().Format("15:04")))
	p.Blank()
	if len(r.Totals) == 0 {
		p.Line(st.Muted.Render("No payments in this shift yet."))
	} else {
		p.Line(st.Muted.Render(common.Cell("", 6, false) + common.Cell("captured", 17, true) + common.Cell("refunded", 17, true) +
			common.Cell("canceled", 17, true) + common.Cell("unresolved", 17, true)))
		for _, t := range r.Totals {
			p.Line(common.Cell(common.Upper(t.Currency), 6, false) + common.Cell(count(t.Captured, t.Paid), 17, true) +
				common.Cell(t.Refunded.String(), 17, true) + common.Cell(count(t.Canceled, t.CanceledCount), 17, true) +
				common.Cell(count(t.Unresolved, t.UnresolvedCount), 17, true))
		}
	}
	p.Blank()
	if len(r.Unresolved) == 0 {
		p.Line(st.Success.Render("Nothing unresolved: the shift can close (C)."))
		return
	}
	p.Line(st.Warning.Render(common.Plural(len(r.Unresolved), "unresolved payment", "unresolved payments") + " — settle them in the Payments pane before closing:"))
	from, to := common.Window(len(r.Unresolved), 0, 6)
	for _, u := range r.Unresolved[from:to] {
		p.Line("  " + common.Cell(u.OrderID, 30, false) + common.Cell(u.Phase.String(), 12, false) + common.Cell(u.Amount.String(), 12, true) + "  " + u.PaymentIntentID)
	}
	st.MoreRows(p, from, to, len(r.Unresolved))
}

// count is an amount with its number of payments: "$12.00 (2)".
func count(amount checkout.Money, n int) string {
	return fmt.Sprintf("%s (%d)", amount, n)
}
