package payment

import (
	tea "github.com/charmbracelet/bubbletea"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/ui/common"
)

// A capture or cancel Stripe did not answer is held (checkout's held calls): till sends
// it again, under the same key, once Stripe answers. The cashier need not wait for that:
// the held payment can be set aside to the outbox, which sends it in the background,
// and the next sale taken (in cash while Stripe is unreachable).

// SetAsideMsg hands the root a payment whose call is held, for the outbox.
type SetAsideMsg struct{ Session checkout.Session }

// asides reports whether the payment on screen can be set aside: its call is held and
// nothing is in flight.
func (m Model) asides() bool {
	s := m.lane.Session()
	return s.Held != "" && s.Phase == checkout.Unknown && !m.checking
}

// setAside gives the held payment to the outbox and starts the next sale. A card payment
// being canceled gives its cart back, to be taken in cash.
func (m Model) setAside() (Model, tea.Cmd) {
	s := m.lane.Session()
	m, cmd := m.newSale()
	cmd = tea.Batch(cmd, common.Emit(SetAsideMsg{Session: s}))
	if s.Held != checkout.StepCapture {
		return m, tea.Batch(cmd, common.Emit(BackToCartMsg{Cart: s.Cart}),
			common.Say(common.LevelWarn, "The card payment of order "+s.OrderID+" is canceled when Stripe answers; nothing is charged. The cart is back: $ takes it in cash."))
	}
	h, _ := s.HeldCall()
	return m, tea.Batch(cmd, common.Say(common.LevelWarn, "The "+h.What()+" of order "+s.OrderID+" is held: till sends it when Stripe answers."))
}

// Enqueue adds a payment that needs the cashier (a held capture whose deadline passed)
// to the queue of unfinished payments; one with nothing on screen is shown at once.
func (m Model) Enqueue(s checkout.Session) Model {
	if m.lane.Session().OrderID == s.OrderID {
		return m
	}
	for _, p := range m.pending {
		if p.OrderID == s.OrderID {
			return m
		}
	}
	m.pending = append(m.pending, s)
	return m
}

// notHeld are the sessions without a held call: the others are the outbox's.
func notHeld(sessions []checkout.Session) []checkout.Session {
	var out []checkout.Session
	for _, s := range sessions {
		if s.Held == "" {
			out = append(out, s)
		}
	}
	return out
}

// held says what is held and until when, and that the next sale can be taken.
func (v view) held() {
	h, ok := v.s.HeldCall()
	if !ok {
		return
	}
	text := "Stripe did not answer the " + h.What() + ". It is held and sent again, under the same key, as soon as Stripe answers"
	if c := h.Countdown(v.deps.Env.Now()); c != "" {
		text += " (" + c + " to capture)"
	}
	v.p.Blank()
	v.p.Para(v.st.Warning, text+". Press n to take the next sale meanwhile.")
}
