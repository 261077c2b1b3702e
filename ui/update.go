package ui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/till-pos/till/checkout"
)

// Update implements tea.Model. It routes: window size, keys, then results.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	next, cmd := m.update(msg)
	next, anim := next.fit().animate()
	return next, tea.Batch(cmd, anim)
}

func (m Model) update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.help.Width = msg.Width
		return m, nil
	case tea.KeyMsg:
		return m.key(msg)
	case readersMsg:
		return m.readersListed(msg), nil
	case unfinishedMsg:
		return m.unfinished(msg)
	case savedMsg:
		return m.onLane(msg.job.lane, func(m Model) (Model, tea.Cmd) { return m.saved(msg) })
	case dueMsg:
		return m.onLane(msg.job.lane, func(m Model) (Model, tea.Cmd) { return m.due(msg) })
	case resultMsg:
		return m.onLane(msg.lane, func(m Model) (Model, tea.Cmd) { return m.finished(msg) })
	case presentedMsg:
		return m.presented(msg)
	case noticeMsg:
		return m.noticed(msg)
	case prefSavedMsg:
		if msg.err != nil {
			m.flash = flash{level: levelWarn, text: "Could not remember the reader for next time: " + msg.err.Error()}
		}
		return m, nil
	case spinMsg:
		return m.spun()
	case clockMsg:
		return m.ticked()
	}
	return m.supportMsg(msg)
}

// onLane handles a message of the driving code in its lane; when support's payment
// moves on, the support screen says so.
func (m Model) onLane(l lane, fn func(Model) (Model, tea.Cmd)) (Model, tea.Cmd) {
	if l == laneCashier {
		return fn(m)
	}
	before := m.other.session.Phase
	m, cmd := m.inSupportLane(fn)
	m, more := m.supportLaneMoved(before)
	return m, tea.Batch(cmd, more)
}

// supportMsg handles the support screen's messages.
func (m Model) supportMsg(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case readersReadMsg:
		return m.readersRead(msg)
	case readersDueMsg:
		return m.readersDue(msg)
	case readerActedMsg:
		return m.readerActed(msg)
	case faultToggledMsg:
		return m.faultToggled(msg)
	case paymentsMsg:
		return m.paymentsLoaded(msg), nil
	case supportLoadedMsg:
		return m.supportLoaded(msg)
	case paymentActedMsg:
		return m.paymentActed(msg)
	case entriesMsg:
		return m.entriesRead(msg), nil
	case shiftMsg:
		m.sup.report, m.sup.shiftErr, m.sup.hasShift = msg.report, msg.err, msg.err == nil
		return m, nil
	case shiftClosedMsg:
		return m.shiftClosed(msg)
	case exportedMsg:
		if msg.err != nil {
			m.flash = flash{level: levelError, text: "Could not export: " + msg.err.Error()}
		} else {
			m.flash = flash{level: levelWarn, text: "Exported to " + strings.Join(msg.paths, " and ") + "."}
		}
		return m, nil
	}
	return m, nil
}

// key hands a key press to whatever has the keys now: a question, an overlay, or the
// phase's screen. Keys that do not apply are disabled and match nothing.
func (m Model) key(msg tea.KeyMsg) (Model, tea.Cmd) {
	m.flash = flash{}
	k := m.keymap()
	if m.confirmQuit {
		switch {
		case key.Matches(msg, k.Yes), key.Matches(msg, k.ForceQuit):
			return m, tea.Quit
		case key.Matches(msg, k.No):
			m.confirmQuit = false
		}
		return m, nil
	}
	if key.Matches(msg, k.ForceQuit) {
		if m.live() {
			m.confirmQuit = true
			return m, nil
		}
		return m, tea.Quit
	}
	if key.Matches(msg, k.Support) {
		if m.sup.open {
			return m.closeSupport(), nil
		}
		return m.openSupport()
	}
	if m.sup.open {
		return m.supportKey(msg, k)
	}
	switch m.overlay {
	case overlayForm:
		return m.formKey(msg, k)
	case overlayPicker:
		return m.pickerKey(msg, k)
	case overlayCards:
		return m.cardsKey(msg, k)
	case overlayConfirmCancel: // releasing an authorization
		return m.confirmKey(msg, k, checkout.CancelRequested{At: m.opts.Now()})
	case overlayConfirmTakeOver: // replacing another payment: its customer must start again
		return m.confirmKey(msg, k, checkout.RetryRequested{TakeOver: true, At: m.opts.Now()})
	}
	if m.session.Phase == checkout.Building {
		return m.cartKey(msg, k)
	}
	return m.paymentKey(msg, k)
}

// unfinished resumes the oldest payment a previous run left open; the others wait
// until it is done.
func (m Model) unfinished(msg unfinishedMsg) (Model, tea.Cmd) {
	if msg.err != nil {
		m.flash = flash{level: levelError, text: "Could not read unfinished payments: " + msg.err.Error()}
		return m, nil
	}
	var open []checkout.Session
	for _, s := range msg.sessions {
		if s.OrderID != m.session.OrderID || m.session.OrderID == "" {
			open = append(open, s)
		}
	}
	if len(open) == 0 {
		return m, nil
	}
	if m.session.Phase != checkout.Building {
		m.pending = append(m.pending, open...)
		return m, nil
	}
	m.pending = append(m.pending, open[1:]...)
	return m.resume(open[0])
}

// resume carries on a session found unfinished: it re-reads Stripe before anything else.
func (m Model) resume(s checkout.Session) (Model, tea.Cmd) {
	next, effects, err := checkout.Apply(s, checkout.Resumed{At: m.opts.Now()})
	if err != nil {
		m.flash = flash{level: levelError, text: fmt.Sprintf("Could not resume order %s: %v", s.OrderID, err)}
		return m, nil
	}
	m.session, m.resumed, m.overlay = s, true, overlayNone
	m.gen++
	return m.commit(next, effects)
}

// newSale resumes the next unfinished payment, if any, else opens an empty cart.
func (m Model) newSale() (Model, tea.Cmd) {
	if len(m.pending) > 0 {
		next := m.pending[0]
		m.pending = m.pending[1:]
		return m.resume(next)
	}
	m.session, m.resumed, m.cursor = emptySession(m.opts.Currency), false, 0
	m.gen++
	return m, nil
}
