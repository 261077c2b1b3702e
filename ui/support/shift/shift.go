// Package shift is the support screen's Shift pane: what this till took since the
// shift started, per currency, what is unresolved, and the key that closes the shift:
// it asks first, exports the report, and is refused while anything is unresolved.
package shift

import (
	"fmt"
	"strings"
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
	styles *common.Styles
	shared common.Keys
	deps   Deps
	report checkout.ShiftReport
	err    error
	has    bool
	ask    *common.Question[Model]
}

// New is the pane before its first visit.
func New(st *common.Styles, k common.Keys, deps Deps) Model {
	return Model{styles: st, shared: k, deps: deps}
}

// Question is the pane's open question.
func (m Model) Question() string {
	if m.ask != nil {
		return m.ask.Text
	}
	return ""
}

// Open reports whether a question has the keys, not the tabs.
func (m Model) Open() bool { return m.ask != nil }

// Leave hides the pane.
func (m Model) Leave() Model {
	m.ask = nil
	return m
}

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
		m, cmd := m.Load()
		if msg.err != nil {
			text := common.Sentence(msg.err.Error())
			if len(msg.paths) > 0 {
				text = "The shift is still open: " + text + " " + export.Said(msg.paths)
			}
			return m, tea.Batch(cmd, common.Say(common.LevelError, text))
		}
		return m, tea.Batch(cmd, common.Say(common.LevelWarn, "Shift closed at "+m.deps.Now().Format("15:04")+
			"; a new one starts now. Its report: "+strings.TrimPrefix(export.Said(msg.paths), "Exported to ")))
	case tea.KeyMsg:
		k := m.keys()
		if m.ask != nil {
			return common.Answer(msg, k.Yes, k.No, m, m.ask, func(m Model) Model { m.ask = nil; return m })
		}
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
type keyMap struct{ Up, Refresh, Export, Close, Yes, No key.Binding }

func (m Model) keys() keyMap {
	k := keyMap{Up: m.shared.Up, Yes: m.shared.Yes, No: m.shared.No,
		Refresh: common.Binding("s", "refresh", "s"),
		Export:  common.Binding("e", "export", "e"),
		Close:   common.Binding("C", "close the shift", "C")}
	if m.ask != nil {
		common.On(&k.Yes, &k.No)
		return k
	}
	common.On(&k.Refresh)
	if m.has {
		common.On(&k.Export, &k.Close)
	}
	return k
}

// ShortHelp lists the pane's keys, in help-line order.
func (m Model) ShortHelp() []key.Binding {
	k := m.keys()
	return []key.Binding{k.Yes, k.No, k.Export, k.Close, k.Refresh}
}

// Arrows is the pane's list-moving binding; the pane has no list.
func (m Model) Arrows() key.Binding { return m.keys().Up }

// close asks, then exports the shift's report and records a new shift start; refused
// while anything is unresolved.
func (m Model) close() (Model, tea.Cmd) {
	if !m.has {
		return m, nil
	}
	if err := m.report.CanClose(); err != nil {
		return m, common.Say(common.LevelError, common.Sentence(err.Error()))
	}
	dir := m.deps.ExportDir
	m.ask = &common.Question[Model]{
		Text: "Close the shift? Its report is exported to " + dir + " first, and a new shift starts. (y/n)",
		Yes: func(m Model) (Model, tea.Cmd) {
			j, now := m.deps.Journal, m.deps.Now()
			return m, func() tea.Msg {
				// Read again: a payment may have started since the pane was drawn.
				r, err := checkout.CurrentShift(j, now)
				if err == nil {
					err = r.CanClose()
				}
				if err != nil {
					return closedMsg{err: err}
				}
				paths, err := export.Write(dir, files(r)...)
				if err != nil {
					return closedMsg{err: fmt.Errorf("could not export its report: %w", err)}
				}
				_, err = checkout.CloseShift(j, now)
				return closedMsg{paths: paths, err: err}
			}
		},
	}
	return m, nil
}

// export writes the shift's report as CSV and JSON.
func (m Model) export() tea.Cmd {
	if !m.has {
		return nil
	}
	return export.Cmd(m.deps.ExportDir, files(m.report)...)
}

// files are the report's exports, named for the shift's end (never for data).
func files(r checkout.ShiftReport) []export.File {
	stamp := r.Until.UTC().Format("20060102-150405")
	return []export.File{
		{Kind: "shift", Stamp: stamp, Ext: "csv", Data: func() ([]byte, error) { return export.Encoded(r.WriteCSV) }},
		{Kind: "shift", Stamp: stamp, Ext: "json", Data: func() ([]byte, error) { return export.Encoded(r.WriteJSON) }},
	}
}

type (
	// reportMsg is the shift's report.
	reportMsg struct {
		report checkout.ShiftReport
		err    error
	}
	// closedMsg reports the closing of the shift and where its report went.
	closedMsg struct {
		paths []string
		err   error
	}
)

// View draws the shift's totals, one column per currency, and what is unresolved.
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
		head := common.Cell("", 12, false)
		rows := []string{"captured", "refunded", "canceled", "unresolved"}
		cells := make([]string, len(rows))
		for i, name := range rows {
			cells[i] = st.Label.Render(common.Cell(name, 12, false))
		}
		for _, t := range r.Totals {
			head += common.Cell(common.Upper(t.Currency), colTotal, true)
			for i, v := range []string{count(t.Captured, t.Paid), t.Refunded.String(), count(t.Canceled, t.CanceledCount),
				count(t.Unresolved, t.UnresolvedCount)} {
				cells[i] += common.Cell(v, colTotal, true)
			}
		}
		p.Line(st.Muted.Render(head))
		for _, c := range cells {
			p.Line(c)
		}
	}
	p.Blank()
	if len(r.Unresolved) == 0 {
		p.Para(st.Success, "Nothing unresolved: the shift can close (C exports its report, then closes it).")
		return
	}
	p.Para(st.Warning, common.Plural(len(r.Unresolved), "unresolved payment", "unresolved payments")+" — settle them in the Payments pane before closing:")
	from, to := common.Window(len(r.Unresolved), 0, 6)
	for _, u := range r.Unresolved[from:to] {
		row := common.Cell(u.OrderID, 30, false) + common.Cell(u.Phase.String(), 12, false) + common.Cell(u.Amount.String(), 12, true)
		if p.Width >= 80 {
			row += "  " + u.PaymentIntentID
		}
		p.Line("  " + row)
	}
	st.MoreRows(p, from, to, len(r.Unresolved))
}

// colTotal is the width of a currency's column.
const colTotal = 18

// count is an amount with its number of payments: "$12.00 (2)".
func count(amount checkout.Money, n int) string {
	return fmt.Sprintf("%s (%d)", amount, n)
}
