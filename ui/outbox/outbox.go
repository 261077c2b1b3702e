// Package outbox sends again, in the background, the captures and cancels held while
// Stripe did not answer (checkout's held calls): those an earlier run left, and those
// the cashier set aside to take the next sale. One at a time, in its own lane, each is
// resumed through the checkout machine, which reads the payment first and sends the
// call again under its own key only when it has not taken effect. A session is left as
// soon as a call of it goes unanswered, and tried again a while later; while Stripe is
// unreachable and nothing is held, a light probe (the reader list) tells when it is back.
// It has no page: the root draws its countdowns under the header.
package outbox

import (
	"context"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/ui/common"
	"github.com/till-pos/till/ui/drive"
)

// Lane is the outbox's lane.
const Lane drive.ID = "outbox"

// Store finds the held calls and their sessions.
type Store interface {
	Outbox() ([]checkout.HeldCall, error)
	Session(orderID string) (checkout.Session, bool, error)
}

// Prober asks Stripe something cheap, so that whether it answers is known again.
type Prober interface {
	ListReaders(ctx context.Context) ([]checkout.Reader, error)
}

// Deps are the outbox's connections.
type Deps struct {
	Env   drive.Env
	Store Store
	Probe Prober
	Reach func() checkout.Reach // nil: Stripe is taken to answer
}

// NeedsCashierMsg hands the cashier a payment whose held call ended in a state only a
// person can settle (its capture deadline passed while Stripe was unreachable).
type NeedsCashierMsg struct{ Session checkout.Session }

// TickMsg is the outbox's clock: time to try again.
type TickMsg struct{}

type (
	loadedMsg struct {
		sessions []checkout.Session
		err      error
	}
	probedMsg struct{}
)

// Model is the outbox.
type Model struct {
	deps  Deps
	every time.Duration

	held    []checkout.Session // waiting their turn, the longest waiting first
	lane    drive.Lane
	sending bool   // the lane holds held[0]
	skip    string // the order the cashier drives now
	ticking bool
	probing bool
}

// New is an empty outbox trying again every every.
func New(deps Deps, every time.Duration) Model {
	return Model{deps: deps, every: every, lane: drive.NewLane(Lane, checkout.Session{})}
}

// Init reads what an earlier run left held.
func (m Model) Init() tea.Cmd {
	st := m.deps.Store
	return func() tea.Msg {
		calls, err := st.Outbox()
		if err != nil {
			return loadedMsg{err: err}
		}
		var out []checkout.Session
		for _, h := range calls {
			s, found, err := st.Session(h.OrderID)
			if err != nil {
				return loadedMsg{err: err}
			}
			if found && s.Held != "" {
				out = append(out, s)
			}
		}
		return loadedMsg{sessions: out}
	}
}

// Take adds a session whose call is held (the cashier set it aside) and sends it at once.
func (m Model) Take(s checkout.Session) (Model, tea.Cmd) {
	m = m.Forget(s.OrderID)
	m.held = append(m.held, s)
	return m.next()
}

// Forget drops an order: support settles it.
func (m Model) Forget(orderID string) Model {
	if m.sending && len(m.held) > 0 && m.held[0].OrderID == orderID {
		m.lane, m.sending = m.lane.Put(checkout.Session{}), false
	}
	keep := m.held[:0:0]
	for _, s := range m.held {
		if s.OrderID != orderID {
			keep = append(keep, s)
		}
	}
	m.held = keep
	return m
}

// Driving tells the outbox which order the cashier drives now: it is not touched.
func (m Model) Driving(orderID string) Model {
	m.skip = orderID
	return m
}

// Held are the held calls, as on disk or as the lane last left them.
func (m Model) Held() []checkout.HeldCall {
	out := make([]checkout.HeldCall, 0, len(m.held))
	for i, s := range m.held {
		if i == 0 && m.sending {
			s = m.lane.Session()
		}
		if h, ok := s.HeldCall(); ok {
			out = append(out, h)
		}
	}
	return out
}

// Update takes the outbox's own messages and its lane's.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case loadedMsg:
		if msg.err != nil {
			return m, common.Say(common.LevelError, "Could not read the held captures and cancels: "+msg.err.Error())
		}
		for _, s := range msg.sessions {
			if !m.has(s.OrderID) {
				m.held = append(m.held, s)
			}
		}
		return m.next()
	case TickMsg:
		m.ticking = false
		return m.next()
	case probedMsg:
		m.probing = false
		return m, nil
	}
	lane, cmd, r := m.lane.Update(m.deps.Env, msg)
	if !r.Mine {
		return m, nil
	}
	m.lane, cmd = lane, r.Said(cmd)
	if !m.sending || r.Event == nil {
		return m, cmd
	}
	return m.after(r.Event, cmd)
}

// after looks at the session being sent once a call has answered (or not).
func (m Model) after(ev checkout.Event, cmd tea.Cmd) (Model, tea.Cmd) {
	s := m.lane.Session()
	f, failed := ev.(checkout.StepFailed)
	switch {
	case s.Held == "":
		h, _ := m.held[0].HeldCall()
		m.held = m.held[1:]
		m.lane, m.sending = m.lane.Put(checkout.Session{}), false
		cmd = tea.Batch(cmd, common.Say(common.LevelWarn, "Held from before: "+h.Outcome(s)))
		if !s.Phase.Finished() {
			cmd = tea.Batch(cmd, common.Emit(NeedsCashierMsg{Session: s}))
		}
		next, more := m.next()
		return next, tea.Batch(cmd, more)
	case failed && f.Failure.Kind == checkout.KindNetwork, m.lane.Stalled():
		// Stripe did not answer: leave it held, at the back, until the next try.
		m.held = append(m.held[1:], s)
		m.lane, m.sending = m.lane.Put(checkout.Session{}), false
		return m, tea.Batch(cmd, m.tick())
	}
	return m, cmd
}

// next sends the first held session not in the cashier's hands, or probes Stripe while
// it does not answer, and keeps the clock running while there is anything to do.
func (m Model) next() (Model, tea.Cmd) {
	if m.sending {
		return m, nil
	}
	for i, s := range m.held {
		if s.OrderID == m.skip {
			continue
		}
		lane, cmd, err := m.lane.Start(m.deps.Env, s, checkout.Resumed{At: m.deps.Env.Now()})
		if err != nil {
			m.held = append(m.held[:i:i], m.held[i+1:]...) // finished meanwhile: nothing to send
			return m.next()
		}
		m.held[0], m.held[i] = m.held[i], m.held[0]
		m.lane, m.sending = lane, true
		return m, cmd
	}
	var probe tea.Cmd
	if m.down() && !m.probing && m.deps.Probe != nil {
		m.probing = true
		pr, timeout := m.deps.Probe, m.deps.Env.CallTimeout
		probe = func() tea.Msg {
			ctx, cancel := context.WithTimeout(context.Background(), timeout)
			defer cancel()
			_, _ = pr.ListReaders(ctx) // only whether Stripe answers matters (Reach)
			return probedMsg{}
		}
	}
	return m, tea.Batch(probe, m.tick())
}

// tick schedules the next try while something is held or Stripe does not answer.
func (m *Model) tick() tea.Cmd {
	if m.ticking || (len(m.held) == 0 && !m.down()) {
		return nil
	}
	m.ticking = true
	return m.deps.Env.After(m.every, func(time.Time) tea.Msg { return TickMsg{} })
}

func (m Model) down() bool { return m.deps.Reach != nil && m.deps.Reach().Down() }

func (m Model) has(orderID string) bool {
	for _, s := range m.held {
		if s.OrderID == orderID {
			return true
		}
	}
	return false
}
