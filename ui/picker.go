package ui

import (
	"cmp"
	"slices"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/till-pos/till/checkout"
)

// openPicker shows the reader list, refreshed so statuses are current. retry says the
// choice sends the declined payment to that reader.
func (m Model) openPicker(retry bool) (Model, tea.Cmd) {
	current := m.readerID
	if retry {
		current = m.session.ReaderID
	}
	m.overlay, m.pickRetry, m.pick = overlayPicker, retry, 0
	for i, r := range m.readers {
		if r.ID == current {
			m.pick = i
		}
	}
	m.loadingReaders = true
	return m, listReadersCmd(m.deps, m.opts.CallTimeout)
}

// pickerKey handles the reader list.
func (m Model) pickerKey(msg tea.KeyMsg, k keyMap) (Model, tea.Cmd) {
	switch {
	case key.Matches(msg, k.Up, k.Down):
		m.pick = moved(msg, k, m.pick, len(m.readers))
	case key.Matches(msg, k.Back):
		m.overlay, m.pickCharge = overlayNone, false
	case key.Matches(msg, k.Choose):
		r := m.readers[clamp(m.pick, len(m.readers))]
		m.readerID, m.overlay = r.ID, overlayNone
		remember := savePrefCmd(m.deps.Store, r.ID)
		if m.pickCharge {
			// The picker opened because a charge had no reader: carry on with it.
			m.pickCharge = false
			m, cmd := m.charge()
			return m, tea.Batch(cmd, remember)
		}
		if !m.pickRetry {
			return m, remember
		}
		m, cmd := m.act(checkout.RetryRequested{ReaderID: r.ID, At: m.opts.Now()})
		return m, tea.Batch(cmd, remember)
	}
	return m, nil
}

// sortedReaders orders readers by name, so the picker reads the same every time
// (Stripe lists the newest first).
func sortedReaders(rs []checkout.Reader) []checkout.Reader {
	out := slices.Clone(rs)
	slices.SortStableFunc(out, func(a, b checkout.Reader) int {
		return cmp.Or(strings.Compare(a.Name(), b.Name()), strings.Compare(a.ID, b.ID))
	})
	return out
}

func readerID(r checkout.Reader) string { return r.ID }

// readersListed takes a fresh reader list and settles which reader the next charge
// uses: the configured one, else the remembered one, else the only one, else the
// cashier's choice.
func (m Model) readersListed(msg readersMsg) Model {
	m.loadingReaders = false
	if msg.err != nil {
		m.readersErr = msg.err
		m.flash = flash{level: levelError, text: "Could not list the readers: " + checkout.Explain(checkout.AsFailure(msg.err))}
		return m
	}
	// The selection follows its reader, wherever the fresh list puts it.
	readers := sortedReaders(msg.readers)
	m.readersErr, m.pick, m.readers = nil, follow(m.readers, readers, m.pick, readerID), readers
	if msg.prefErr != nil {
		m.flash = flash{level: levelWarn, text: "Could not read the remembered reader: " + msg.prefErr.Error()}
	}
	if m.readerID != "" {
		if _, ok := m.reader(m.readerID); ok {
			return m
		}
		m.flash = flash{level: levelWarn, text: "Reader " + m.readerID + " is not among this account's readers. Choose one."}
		m.readerID = ""
	}
	switch _, remembered := m.reader(msg.pref); {
	case remembered:
		m.readerID = msg.pref
	case len(m.readers) == 1:
		m.readerID = m.readers[0].ID
	case len(m.readers) == 0:
		m.flash = flash{level: levelWarn, text: "No readers found. Register one in the Stripe Dashboard, then press p."}
	}
	return m
}
