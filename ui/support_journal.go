package ui

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"slices"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/till-pos/till/checkout"
)

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
		report, err := checkout.CurrentShift(st, now)
		return shiftMsg{report: report, err: err}
	}
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
		_, err := checkout.CloseShift(st, now)
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
	path, err := checkout.ExportPath(m.opts.ExportDir, "timeline", m.sup.order, "json")
	if err != nil {
		return func() tea.Msg { return exportedMsg{err: err} }
	}
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
		base + ".csv":  func() ([]byte, error) { return encoded(r.WriteCSV) },
		base + ".json": func() ([]byte, error) { return encoded(r.WriteJSON) },
	})
}

// encoded is what write writes.
func encoded(write func(io.Writer) error) ([]byte, error) {
	var b bytes.Buffer
	err := write(&b)
	return b.Bytes(), err
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
