// Package shift is the support screen's Shift pane: what this till took since the
// shift started, per currency, with its refunds (those made outside till marked), what
// is unresolved, and the key that closes the shift: it asks first, exports the report,
// and is refused while a payment is unresolved or a refund under way. It reports and
// closes through checkout.Shift, as `till shift` does.
package shift

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/ui/common"
	"github.com/till-pos/till/ui/support/export"
)

// Journal is what the pane reads and records: the shifts' book and this till's refunds.
type Journal = checkout.ShiftLedger

// Gateway lists the account's refunds, for those made outside this till.
type Gateway = checkout.RefundLister

// Deps are the pane's connections and clock.
type Deps struct {
	Journal     Journal
	Gateway     Gateway
	TillID      string
	CallTimeout time.Duration
	Now         func() time.Time
	ExportDir   string
}

// shift is the one way the pane reports and closes, the same as `till shift`.
func (d Deps) shift() checkout.Shift {
	return checkout.Shift{Ledger: d.Journal, Stripe: d.Gateway, TillID: d.TillID}
}

// call gives a Cmd's call its timeout.
func (d Deps) call() (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.Background(), d.CallTimeout)
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
	wrote  written // the report just written, until the pane is left
}

// written is a report the pane wrote: the shift's closing one, or an export.
type written struct {
	heading string
	paths   []string
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
	m.ask, m.wrote = nil, written{}
	return m
}

// Report is the shift as last read, and whether it was read.
func (m Model) Report() (checkout.ShiftReport, bool) { return m.report, m.has }

// Load reads the sessions since the shift started and sums them, with the shift's
// refunds.
func (m Model) Load() (Model, tea.Cmd) {
	d, now := m.deps, m.deps.Now()
	return m, func() tea.Msg {
		ctx, cancel := d.call()
		defer cancel()
		report, err := d.shift().Report(ctx, now)
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
		// The pane lists the report's files, whole: a status line at 60 columns has no room
		// for a long directory and two names.
		at := m.deps.Now().Format("15:04")
		m.wrote = written{heading: "The shift closed at " + at + "; its report is in", paths: msg.paths}
		return m, tea.Batch(cmd, common.Say(common.LevelWarn, "Shift closed at "+at+"; a new one starts now."))
	case exportedMsg:
		if msg.err != nil {
			return m, common.Say(common.LevelError, export.Failed(msg.err))
		}
		at := m.deps.Now().Format("15:04")
		m.wrote = written{heading: "This shift's report, exported at " + at + ", is in", paths: msg.paths}
		return m, common.Say(common.LevelWarn, "Shift report exported at "+at+".")
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
// while a payment is unresolved or a refund under way.
func (m Model) close() (Model, tea.Cmd) {
	if !m.has {
		return m, nil
	}
	if err := m.report.CanClose(); err != nil {
		text := common.Sentence(err.Error())
		if open := blocking(m.report); len(open) > 0 {
			// The pane lists them under its verdict: the whole list in the status line
			// pushed that list off a short screen.
			text = "Shift not closed: " + strings.Join(open, " and ") + " (listed above)."
		}
		return m, common.Say(common.LevelError, text)
	}
	dir := m.deps.ExportDir
	m.ask = &common.Question[Model]{
		Text: "Close the shift? Its report is exported to " + dir + " first, and a new shift starts. (y/n)",
		Yes: func(m Model) (Model, tea.Cmd) {
			d, now := m.deps, m.deps.Now()
			return m, func() tea.Msg {
				ctx, cancel := d.call()
				defer cancel()
				// Close reads again: a payment or a refund may have started since the pane was drawn.
				var paths []string
				_, err := d.shift().Close(ctx, now, func(r checkout.ShiftReport) error {
					var err error
					if paths, err = export.Write(dir, files(r)...); err != nil {
						return fmt.Errorf("could not export its report: %w", err)
					}
					return nil
				})
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
	dir, fs := m.deps.ExportDir, files(m.report)
	return func() tea.Msg {
		paths, err := export.Write(dir, fs...)
		return exportedMsg{paths: paths, err: err}
	}
}

// files are the report's exports, named for the shift's end (never for data).
func files(r checkout.ShiftReport) []export.File {
	stamp := export.Stamp(r.Until)
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
	// exportedMsg reports where the shift's report was exported.
	exportedMsg struct {
		paths []string
		err   error
	}
)

// View draws the shift's totals, one column per currency, its refunds, and what is
// unresolved.
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
	// Whether the shift can close comes first, then what keeps it open, so a short screen
	// loses only the totals.
	m.verdict(p, r)
	m.lastReport(p)
	m.refundsUnderWay(p, r)
	if len(r.Unresolved) > 0 {
		m.unresolved(p, r)
	}
	p.Blank()
	if len(r.Totals) == 0 {
		p.Line(st.Muted.Render("No payments in this shift yet."))
	} else {
		m.totals(p, r)
	}
	if r.RefundsNote != "" {
		// Why the refunds may be incomplete; its network detail gives way first.
		p.Blank()
		p.FitPara(st.Warning, common.Sentence(r.RefundsNote))
	}
}

// refundsUnderWay lists the refunds that keep the shift open.
func (m Model) refundsUnderWay(p *common.Page, r checkout.ShiftReport) {
	n := len(r.UnresolvedRefunds)
	if n == 0 {
		return
	}
	st := m.styles
	p.Blank()
	them := common.ForCount(n, "it", "them")
	p.Para(st.Warning, common.Plural(n, "refund is", "refunds are")+" under way — finish "+them+" on the cashier's screen (it resumes "+them+") before closing:")
	st.RefundRows(p, r.UnresolvedRefunds, false)
}

// unresolved lists the payments that keep the shift open.
func (m Model) unresolved(p *common.Page, r checkout.ShiftReport) {
	st := m.styles
	p.Blank()
	// Not "settle it here": the Payments pane's advice may be to leave an order open on
	// the cashier's screen to the cashier.
	each := common.ForCount(len(r.Unresolved), "it", "each")
	p.Para(st.Warning, common.Plural(len(r.Unresolved), "unresolved payment", "unresolved payments")+" — the Payments pane says what to do with "+each+":")
	// As many as the page has room for, and how many more there are, above a blank and
	// the totals' first line (which says they have no room when they have only that).
	from, to := common.Window(len(r.Unresolved), 0, p.RowsAbove(len(r.Unresolved), 2, 1, 6))
	for _, u := range r.Unresolved[from:to] {
		// In 56 cells at 60 columns: till's order id (28) and a space, the longest phase
		// words ("not completed") and a space, an amount up to "CA$12,345.67".
		row := common.Cell(u.OrderID, 29, false) + common.Cell(u.PhaseWords(), 14, false) + common.Cell(u.WithTip().String(), 12, true)
		if p.Width >= 80 {
			row += "  " + u.PaymentIntentID
		}
		p.Line("  " + row)
	}
	st.MoreRows(p, from, to, len(r.Unresolved))
}

// lastReport says where the report the pane just wrote went, under the verdict: the
// directory, broken at its separators, then each file's name.
func (m Model) lastReport(p *common.Page) {
	if len(m.wrote.paths) == 0 {
		return
	}
	st := m.styles
	p.Blank()
	p.Para(st.Title, m.wrote.heading)
	for _, l := range export.Lines(m.wrote.paths, p.TextWidth()) {
		p.Line(st.Muted.Render(l))
	}
}

// verdict says whether the shift can close, and what keeps it open. When Stripe's
// refunds were not all read it can still close (an outage must not keep a shift open),
// but the words say what was checked: this till's journal.
func (m Model) verdict(p *common.Page, r checkout.ShiftReport) {
	st := m.styles
	open := blocking(r)
	switch {
	case len(open) > 0:
		p.Para(st.Warning, "Cannot close yet: "+strings.Join(open, " and ")+" (below).")
	case r.RefundsNote != "":
		p.Para(st.Warning, "Nothing unresolved in this till's journal: the shift can close, but its refunds may be incomplete (below).")
	default:
		// One line at 60 columns; C's question says the report is exported first.
		p.Para(st.Success, "Nothing unresolved: the shift can close.")
	}
}

// blocking is what keeps the shift open, in words.
func blocking(r checkout.ShiftReport) []string {
	var open []string
	if n := len(r.Unresolved); n > 0 {
		open = append(open, common.Plural(n, "unresolved payment", "unresolved payments"))
	}
	if n := len(r.UnresolvedRefunds); n > 0 {
		open = append(open, common.Plural(n, "refund", "refunds")+" under way")
	}
	return open
}

// totals draws the table of sums, a column per currency. Tips (a part of what was
// captured), cash and refunds made outside this till (the Dashboard, the API, another
// till) on its payments get rows of their own when the shift has any, as the report's
// text and CSV have columns for them.
func (m Model) totals(p *common.Page, r checkout.ShiftReport) {
	st := m.styles
	// Each row's value is an amount and, for those that count payments, how many.
	type row struct {
		name  string
		value func(checkout.Totals) (checkout.Money, int)
		shown func(checkout.Totals) bool
	}
	always := func(checkout.Totals) bool { return true }
	uncounted := -1
	// Captured is what Stripe captured, as its Dashboard shows it: the tips are in it, and
	// said under it as a part (the report's "captured" column is the sales alone). One
	// row, not sales and tips under a total: 60×16 keeps the refunds' rows.
	rows := []row{
		{"captured", func(t checkout.Totals) (checkout.Money, int) { return t.Captured.Add(t.Tips), t.Paid }, always},
		{"  incl. tips", func(t checkout.Totals) (checkout.Money, int) { return t.Tips, uncounted },
			func(t checkout.Totals) bool { return t.Tips.Amount != 0 }},
		{"cash", func(t checkout.Totals) (checkout.Money, int) { return t.Cash, t.CashCount },
			func(t checkout.Totals) bool { return t.CashCount > 0 }},
		{"  rounding", func(t checkout.Totals) (checkout.Money, int) { return t.CashRounding, uncounted },
			func(t checkout.Totals) bool { return t.CashRounding.Amount != 0 }},
		{"refunded", func(t checkout.Totals) (checkout.Money, int) { return t.Refunded, t.RefundCount }, always},
		{"  outside till", func(t checkout.Totals) (checkout.Money, int) { return t.RefundedOutside, t.RefundOutsideCount },
			func(t checkout.Totals) bool { return t.RefundOutsideCount > 0 }},
		{"canceled", func(t checkout.Totals) (checkout.Money, int) { return t.Canceled, t.CanceledCount }, always},
		{"unresolved", func(t checkout.Totals) (checkout.Money, int) { return t.Unresolved, t.UnresolvedCount }, always},
	}
	head := common.Cell("", 14, false)
	for _, t := range r.Totals {
		head += common.Cell(common.Upper(t.Currency), colAmount, true) + strings.Repeat(" ", colTotal-colAmount)
	}
	// The rows give way from the last on a short screen, and are named on a "… no room
	// for:" line rather than cut off unseen; the refunds' note under them keeps a line.
	d := p.Detail(st)
	d.Heading(st.Muted.Render(strings.TrimRight(head, " ")))
	for _, rw := range rows {
		if !slices.ContainsFunc(r.Totals, rw.shown) {
			continue
		}
		line := st.Label.Render(common.Cell(rw.name, 14, false))
		for _, t := range r.Totals {
			// The amounts line up whether or not a count follows them.
			amount, n := rw.value(t)
			counted := ""
			if n != uncounted {
				counted = fmt.Sprintf("(%d)", n)
			}
			line += common.Cell(amount.String(), colAmount, true) + " " + common.Cell(counted, colTotal-colAmount-1, false)
		}
		d.LineRow(strings.TrimSpace(rw.name), strings.TrimRight(line, " "))
	}
	below := 0
	if r.RefundsNote != "" {
		below = 2 // a blank and the note's first line
	}
	p.Above(d, below)
}

// colTotal is the width of a currency's column, colAmount of its amounts: a count
// "(12)" follows each.
const (
	colTotal  = 20
	colAmount = 14
)
