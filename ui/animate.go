package ui

import (
	"time"

	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/till-pos/till/checkout"
)

// spinnerKind is the spinner's look; its frames are drawn from the model's frame count,
// so a view can be rendered for any frame without running the spinner.
var spinnerKind = spinner.MiniDot

// spins reports whether the screen shows a spinner: a call is under way.
func (m Model) spins() bool {
	switch m.session.Phase {
	case checkout.Creating, checkout.Sending, checkout.Capturing, checkout.Canceling, checkout.Unknown:
		return !m.stalled
	}
	return m.overlay == overlayPicker && m.loadingReaders
}

// animate starts the spinner or the elapsed-time clock when the screen needs one that
// is not running yet. Each runs as one loop that stops when it is no longer needed.
func (m Model) animate() (Model, tea.Cmd) {
	var cmds []tea.Cmd
	if m.spins() && !m.spinning {
		m.spinning = true
		cmds = append(cmds, m.after(spinnerKind.FPS, func(time.Time) tea.Msg { return spinMsg{} }))
	}
	if m.session.Phase == checkout.Awaiting && !m.clocking {
		m.clocking = true
		cmds = append(cmds, m.after(time.Second, func(time.Time) tea.Msg { return clockMsg{} }))
	}
	return m, tea.Batch(cmds...)
}

// spun advances the spinner, or ends its loop.
func (m Model) spun() (Model, tea.Cmd) {
	if !m.spins() {
		m.spinning = false
		return m, nil
	}
	m.frame++
	return m, m.after(spinnerKind.FPS, func(time.Time) tea.Msg { return spinMsg{} })
}

// ticked redraws the elapsed time once a second while the reader waits for a card.
func (m Model) ticked() (Model, tea.Cmd) {
	if m.session.Phase != checkout.Awaiting {
		m.clocking = false
		return m, nil
	}
	return m, m.after(time.Second, func(time.Time) tea.Msg { return clockMsg{} })
}

// spinnerView is the spinner's current frame.
func (m Model) spinnerView() string {
	f := spinnerKind.Frames
	return m.styles.Spinner.Render(f[m.frame%len(f)])
}
