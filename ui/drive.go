package ui

import (
	"errors"
	"math/rand/v2"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/till-pos/till/checkout"
)

// act applies an event the cashier asked for. It starts a new poll generation, so a
// read already under way cannot act on a session the cashier has moved on.
func (m Model) act(ev checkout.Event) (Model, tea.Cmd) {
	next, effects, err := checkout.Apply(m.session, ev)
	if err != nil {
		m.flash = m.refusal(err)
		return m, nil
	}
	m.gen++
	return m.commit(next, effects)
}

// result applies the event an effect produced. One that no longer fits the session (a
// late poll, say) is ignored: the session has moved on and says so itself.
func (m Model) result(ev checkout.Event) (Model, tea.Cmd) {
	m.noteReader(readerOf(ev))
	next, effects, err := checkout.Apply(m.session, ev)
	if err != nil {
		return m, nil
	}
	return m.commit(next, effects)
}

// commit takes the next session and returns a Cmd per effect that saves it and then
// carries the effect out; with no effects it still saves.
func (m Model) commit(next checkout.Session, effects []checkout.Effect) (Model, tea.Cmd) {
	prev := m.session
	m.session, m.stalled = next, false
	m.driven = m.driven.with(next.PaymentIntentID)
	m.revs++
	m.rev = m.revs
	j := job{lane: m.lane, rev: m.rev, gen: m.gen, prev: prev, session: next}
	var cmds []tea.Cmd
	if len(effects) == 0 {
		cmds = append(cmds, saveCmd(m.saver, m.deps.Store, j))
	}
	for _, e := range effects {
		j.effect = e
		cmds = append(cmds, saveCmd(m.saver, m.deps.Store, j))
	}
	return m, tea.Batch(cmds...)
}

// saved carries on once a session is on disk, or, when it could not be written,
// puts the previous session back: the call it guarded is never made.
func (m Model) saved(msg savedMsg) (Model, tea.Cmd) {
	j := msg.job
	if msg.err != nil {
		text := "Could not save: " + msg.err.Error() + "."
		if j.effect != nil {
			text += " Nothing was sent."
		}
		m.flash = flash{level: levelError, text: text}
		if j.rev == m.rev {
			m.session = j.prev
			m.stalled = j.prev.Phase != checkout.Building
		}
		return m, nil
	}
	if j.effect == nil || (j.read() && j.gen != m.gen) {
		return m, nil
	}
	if checkout.Waits(j.effect) {
		wait := checkout.Schedule{Every: m.opts.PollEvery, Max: m.opts.MaxBackoff}.Delay(j.session, m.opts.Now(), rand.Float64())
		if m.opts.PollWait != nil {
			wait = m.opts.PollWait(j.session)
		}
		return m, m.after(wait, func(_ time.Time) tea.Msg { return dueMsg{job: j} })
	}
	return m, performCmd(m.deps.Gateway, m.deps.Store, j, m.opts)
}

// due makes a waiting effect's call, unless the cashier has acted since it was planned.
func (m Model) due(msg dueMsg) (Model, tea.Cmd) {
	if msg.job.read() && msg.job.gen != m.gen {
		return m, nil
	}
	return m, performCmd(m.deps.Gateway, m.deps.Store, msg.job, m.opts)
}

// finished applies an effect's event; stale reads are dropped, other results never are.
func (m Model) finished(msg resultMsg) (Model, tea.Cmd) {
	if msg.read && msg.gen != m.gen {
		return m, nil
	}
	return m.result(msg.event)
}

// refusal words an event the machine would not take from the cashier.
func (m Model) refusal(err error) flash {
	if errors.Is(err, checkout.ErrInvalidTransition) {
		return flash{level: levelWarn, text: "That does not apply to this payment any more."}
	}
	return flash{level: levelWarn, text: sentence(err.Error())}
}

// readerOf returns the reader an event carries, if any.
func readerOf(ev checkout.Event) *checkout.Reader {
	switch ev := ev.(type) {
	case checkout.ProcessSent:
		return &ev.Reader
	case checkout.ActionCanceled:
		return &ev.Reader
	case checkout.StatusRead:
		return ev.Reader
	}
	return nil
}

// noteReader keeps the reader list current with every reader Stripe returns, so the
// header shows its latest status.
func (m *Model) noteReader(r *checkout.Reader) {
	if r == nil || r.ID == "" {
		return
	}
	// A new slice: earlier copies of the model must not see the change.
	readers := make([]checkout.Reader, 0, len(m.readers)+1)
	found := false
	for _, x := range m.readers {
		if x.ID == r.ID {
			x, found = *r, true
		}
		readers = append(readers, x)
	}
	if !found {
		readers = append(readers, *r)
	}
	m.readers = readers
}
