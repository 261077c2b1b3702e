package drive

import (
	"context"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/till-pos/till/checkout"
)

// RefundStore is what driving a refund needs from the database: the refund, saved
// before each call, and the journal the calls are written to.
type RefundStore interface {
	SaveRefund(checkout.Refund) error
	checkout.Journal
}

// RefundLane is one refund being driven through checkout.ApplyRefund, saved before each
// call and carried out through checkout.CarryRefund, with the same bookkeeping as a
// payment's Lane: stale reads dropped, a failed save puts the refund back. It is a value.
type RefundLane struct{ core[checkout.Refund, refunds] }

// NewRefundLane is a lane holding r, nothing in flight.
func NewRefundLane(id ID, r checkout.Refund) RefundLane {
	return RefundLane{core[checkout.Refund, refunds]{id: id, state: r}}
}

// ID names the lane in its messages.
func (l RefundLane) ID() ID { return l.id }

// Refund is the lane's refund as the screen shows it.
func (l RefundLane) Refund() checkout.Refund { return l.state }

// Drop starts a new generation: reads under way are dropped (a card was presented).
func (l RefundLane) Drop() RefundLane { return RefundLane{l.drop()} }

// Act applies an event someone asked for to the lane's refund, in a new poll
// generation. A refused event leaves the lane as it was.
func (l RefundLane) Act(env Env, ev checkout.Event) (RefundLane, tea.Cmd, error) {
	return l.Start(env, l.state, ev)
}

// Start takes r (a new refund, or one loaded from disk) into the lane and applies ev.
func (l RefundLane) Start(env Env, r checkout.Refund, ev checkout.Event) (RefundLane, tea.Cmd, error) {
	c, cmd, err := l.start(env, r, ev)
	return RefundLane{c}, cmd, err
}

// Update takes the lane's own messages: a save done, a poll due, a call's result.
func (l RefundLane) Update(env Env, msg tea.Msg) (RefundLane, tea.Cmd, Report) {
	c, cmd, r := l.update(env, msg)
	return RefundLane{c}, cmd, r
}

// refunds is the refund machine, as a lane drives it.
type refunds struct{}

func (refunds) apply(r checkout.Refund, ev checkout.Event) (checkout.Refund, []checkout.Effect, error) {
	return checkout.ApplyRefund(r, ev)
}
func (refunds) key(r checkout.Refund) string          { return "refund " + r.ID }
func (refunds) save(env Env, r checkout.Refund) error { return env.RefundStore.SaveRefund(r) }
func (refunds) stalls(prev checkout.Refund) bool      { return prev.Phase != checkout.RefundNew }
func (refunds) notSaved(r checkout.Refund, cause string) string {
	return checkout.RefundNotSaved(r, cause)
}
func (refunds) read(eff checkout.Effect) bool {
	_, ok := eff.(checkout.ReadRefund)
	return ok
}

// delay is a refund's poll wait, as checkout.Schedule has it for refunds.
func (refunds) delay(env Env, r checkout.Refund) time.Duration { return env.RefundDelay(r) }

func (refunds) carry(ctx context.Context, env Env, r checkout.Refund, eff checkout.Effect) checkout.Event {
	return checkout.CarryRefund(ctx, env.Refunds, env.RefundStore, r, eff, env.Now)
}
