// Package display keeps the cart on the reader's screen while it is built
// (set_reader_display): a change reaches the reader checkout.DisplayDebounce after the
// last one, never over a payment, and the cart comes off the screen when the sale is
// abandoned, when the cashier picks another reader, and when till quits. It is not a
// page: it has no keys and no view. The root hands it the cart (or the payment) and
// the chosen reader after every update, with With, and runs the Cmds it returns; the
// rule of what is shown when is checkout.DisplaySync.
package display

import (
	"context"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/till-pos/till/checkout"
)

// quitTimeout bounds the clear made when till quits: a reader that does not answer
// must not keep the cashier waiting (the next payment replaces the cart anyway).
const quitTimeout = 3 * time.Second

// Deps are the component's connections and clock.
type Deps struct {
	Gateway checkout.DisplayGateway
	Timeout time.Duration // per call
	Now     func() time.Time
	// After schedules a message (tea.Tick; tests record the waits instead).
	After func(time.Duration, func(time.Time) tea.Msg) tea.Cmd
}

// Model is the reader display's state.
type Model struct {
	deps Deps
	sync checkout.DisplaySync
	gen  int       // the newest timer's number; older timers are ignored
	wake time.Time // when the newest timer fires; zero when none is set
}

// New is the display with nothing shown.
func New(deps Deps) Model { return Model{deps: deps} }

// DueMsg is a timer: the debounce or the retry wait may be over.
type DueMsg struct{ gen int }

// doneMsg is a display call's result.
type doneMsg struct{ res checkout.DisplayResult }

// With takes the session on the cashier's side (the cart being built, as a session in
// the Building phase, or the payment) and the reader the next charge goes to, and
// returns the call or the timer that is due.
func (m Model) With(s checkout.Session, readerID string) (Model, tea.Cmd) {
	m.sync = m.sync.Update(s, readerID, m.deps.Now())
	return m.due()
}

// Update takes the component's timers and results.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case DueMsg:
		if msg.gen != m.gen {
			return m, nil // a newer timer replaced it
		}
		m.wake = time.Time{}
		return m.due()
	case doneMsg:
		m.sync = m.sync.Done(msg.res)
		return m.due()
	}
	return m, nil
}

// due makes the call that is due, or sets a timer for when one may be.
func (m Model) due() (Model, tea.Cmd) {
	now := m.deps.Now()
	eff, wait := m.sync.Due(now)
	switch {
	case eff != nil:
		m.sync = m.sync.Start()
		return m, m.perform(eff, m.deps.Timeout)
	case wait <= 0:
		return m, nil
	}
	at := now.Add(wait)
	if !m.wake.IsZero() && !at.Before(m.wake) {
		return m, nil // the timer set fires first, and asks again
	}
	m.gen++
	m.wake = at
	gen := m.gen
	return m, m.deps.After(wait, func(time.Time) tea.Msg { return DueMsg{gen: gen} })
}

// perform carries out a display call in a Cmd.
func (m Model) perform(eff checkout.DisplayEffect, timeout time.Duration) tea.Cmd {
	gw, now := m.deps.Gateway, m.deps.Now
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), timeout)
		defer cancel()
		return doneMsg{res: checkout.PerformDisplay(ctx, gw, eff, now)}
	}
}

// Quit is what till does to the reader's screen when it quits: it takes till's cart
// off it, if the reader shows it, within quitTimeout. The Cmd returns no message.
func (m Model) Quit() tea.Cmd {
	on, shown := m.sync.ShownOn, m.sync.Shown
	if on == "" || shown == nil {
		return nil
	}
	off := m.perform(checkout.ClearDisplay{ReaderID: on, Display: *shown}, min(m.deps.Timeout, quitTimeout))
	return func() tea.Msg {
		off()
		return nil
	}
}
