package ui

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/till-pos/till/checkout"
)

// prefShift is the preference that holds when the current shift started (RFC 3339).
const prefShift = "shift_started"

// timelineOrder is the order the Timeline pane shows: the payment selected in the
// Payments pane, else the cashier's current one.
func (m Model) timelineOrder() string {
	if p, ok := m.selectedPayment(); ok && p.OrderID != "" {
		return p.OrderID
	}
	return m.session.OrderID
}

// loadTimeline reads the journal of the timeline's order.
func (m Model) loadTimeline() (Model, tea.Cmd) {
	order := m.timelineOrder()
	if order != m.sup.order {
		m.sup.entries, m.sup.entry = nil, 0
	}
	m.sup.order, m.sup.entriesErr = order, nil
	if order == "" {
		return m, nil
	}
	st := m.deps.Store
	return m, func() tea.Msg {
		entries, err := st.Entries(order)
		return entriesMsg{order: order, entries: entries, err: err}
	}
}

// entriesRead takes the journal, if it is still the one on screen.
func (m Model) entriesRead(msg entriesMsg) Model {
	if msg.order != m.sup.order {
		return m
	}
	m.sup.entries, m.sup.entriesErr = msg.entries, msg.err
	m.sup.entry = clamp(m.sup.entry, len(msg.entries))
	return m
}

// loadShift reads the sessions since the shift started and sums them.
func (m Model) loadShift() (Model, tea.Cmd) {
	st, now := m.deps.Store, m.opts.Now()
	return m, func() tea.Msg {
		report, err := shiftReport(st, now)
		return shiftMsg{report: report, err: err}
	}
}

// shiftReport is checkout.Report since the recorded shift start; with none recorded,
// the shift started with the first session in the journal.
func shiftReport(st Store, now time.Time) (checkout.ShiftReport, error) {
	text, err := st.Pref(prefShift)
	if err != nil {
		return checkout.ShiftReport{}, err
	}
	var since time.Time
	if text != "" {
		if since, err = time.Parse(time.RFC3339, text); err != nil {
			return checkout.ShiftReport{}, fmt.Errorf("the recorded shift start %q is not a time: %w", text, err)
		}
	}
	sessions, err := st.Sessions(since)
	if err != nil {
		return checkout.ShiftReport{}, err
	}
	if text == "" {
		since = now
		if len(sessions) > 0 {
			since = sessions[0].StartedAt
		}
	}
	return checkout.Report(sessions, since, now), nil
}

// closeShift records a new shift start, refused while anything is unresolved.
func (m Model) closeShift() (Model, tea.Cmd) {
	if !m.sup.hasShift {
		return m, nil
	}
	if err := m.sup.report.CanClose(); err != nil {
		m.flash = flash{level: levelError, text: sentence(err.Error())}
		return m, nil
	}
	st, now := m.deps.Store, m.opts.Now()
	return m, func() tea.Msg {
		// Read again: a payment may have started since the pane was drawn.
		report, err := shiftReport(st, now)
		if err == nil {
			err = report.CanClose()
		}
		if err == nil {
			err = st.SetPref(prefShift, now.UTC().Format(time.RFC3339))
		}
		return shiftClosedMsg{err: err}
	}
}

// shiftClosed says so and shows the new, empty shift.
func (m Model) shiftClosed(msg shiftClosedMsg) (Model, tea.Cmd) {
	if msg.err != nil {
		m.flash = flash{level: levelError, text: sentence(msg.err.Error())}
	} else {
		m.flash = flash{level: levelWarn, text: "Shift closed at " + m.opts.Now().Format("15:04") + ". A new shift starts now."}
	}
	if m.sup.open && m.sup.pane == paneShift {
		return m.loadShift()
	}
	return m, nil
}

// exportTimeline writes the timeline as JSON.
func (m Model) exportTimeline() tea.Cmd {
	if m.sup.order == "" {
		return nil
	}
	doc := struct {
		OrderID    string           `json:"order_id"`
		ExportedAt time.Time        `json:"exported_at"`
		Entries    []checkout.Entry `json:"entries"`
	}{m.sup.order, m.opts.Now().UTC(), m.sup.entries}
	if doc.Entries == nil {
		doc.Entries = []checkout.Entry{}
	}
	path := filepath.Join(m.opts.ExportDir, "till-timeline-"+m.sup.order+".json")
	return exportCmd(map[string]func() ([]byte, error){path: func() ([]byte, error) { return jsonBytes(doc) }})
}

// exportShift writes the shift's report as CSV and JSON.
func (m Model) exportShift() tea.Cmd {
	if !m.sup.hasShift {
		return nil
	}
	r := m.sup.report
	base := filepath.Join(m.opts.ExportDir, "till-shift-"+r.Until.UTC().Format("20060102-150405"))
	return exportCmd(map[string]func() ([]byte, error){
		base + ".csv":  func() ([]byte, error) { return shiftCSV(r) },
		base + ".json": func() ([]byte, error) { return jsonBytes(shiftJSON(r)) },
	})
}

// shiftCSV is one line per currency; amounts in minor units, as Stripe counts them.
func shiftCSV(r checkout.ShiftReport) ([]byte, error) {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	rows := [][]string{{"since", "until", "currency", "captured", "refunded", "canceled", "unresolved", "paid_count", "canceled_count", "unresolved_count"}}
	for _, t := range r.Totals {
		rows = append(rows, []string{r.Since.UTC().Format(time.RFC3339), r.Until.UTC().Format(time.RFC3339), t.Currency,
			strconv.FormatInt(t.Captured.Amount, 10), strconv.FormatInt(t.Refunded.Amount, 10),
			strconv.FormatInt(t.Canceled.Amount, 10), strconv.FormatInt(t.Unresolved.Amount, 10),
			strconv.Itoa(t.Paid), strconv.Itoa(t.CanceledCount), strconv.Itoa(t.UnresolvedCount)})
	}
	if err := w.WriteAll(rows); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// shiftJSON is the report with its field names written out for people and scripts.
func shiftJSON(r checkout.ShiftReport) any {
	type totals struct {
		Currency        string `json:"currency"`
		Captured        int64  `json:"captured"`
		Refunded        int64  `json:"refunded"`
		Canceled        int64  `json:"canceled"`
		Unresolved      int64  `json:"unresolved"`
		PaidCount       int    `json:"paid_count"`
		CanceledCount   int    `json:"canceled_count"`
		UnresolvedCount int    `json:"unresolved_count"`
	}
	type unresolved struct {
		OrderID       string         `json:"order_id"`
		Phase         string         `json:"phase"`
		Amount        checkout.Money `json:"amount"`
		PaymentIntent string         `json:"payment_intent,omitempty"`
		StartedAt     time.Time      `json:"started_at"`
	}
	doc := struct {
		Since      time.Time    `json:"since"`
		Until      time.Time    `json:"until"`
		Totals     []totals     `json:"totals"`
		Unresolved []unresolved `json:"unresolved"`
	}{Since: r.Since.UTC(), Until: r.Until.UTC(), Totals: []totals{}, Unresolved: []unresolved{}}
	for _, t := range r.Totals {
		doc.Totals = append(doc.Totals, totals{t.Currency, t.Captured.Amount, t.Refunded.Amount, t.Canceled.Amount,
			t.Unresolved.Amount, t.Paid, t.CanceledCount, t.UnresolvedCount})
	}
	for _, s := range r.Unresolved {
		doc.Unresolved = append(doc.Unresolved, unresolved{s.OrderID, s.Phase.String(), s.Amount, s.PaymentIntentID, s.StartedAt.UTC()})
	}
	return doc
}

func jsonBytes(v any) ([]byte, error) {
	b, err := json.MarshalIndent(v, "", "  ")
	return append(b, '\n'), err
}

// exportCmd writes each file; exports hold no secrets, but payments are nobody else's
// business, so the files are private to the user.
func exportCmd(files map[string]func() ([]byte, error)) tea.Cmd {
	return func() tea.Msg {
		var paths []string
		for path, data := range files {
			b, err := data()
			if err == nil {
				err = os.WriteFile(path, b, 0o600)
			}
			if err != nil {
				return exportedMsg{err: err}
			}
			paths = append(paths, path)
		}
		slices.Sort(paths)
		return exportedMsg{paths: paths}
	}
}
