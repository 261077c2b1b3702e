package drive

import (
	"context"
	"errors"
	"math/rand/v2"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/ui/common"
)

// Store is what driving needs from the database: the session, saved before each call,
// and the journal the calls are written to.
type Store interface {
	SaveSession(checkout.Session) error
	checkout.Journal
}

// Env is what a lane drives with: Stripe, the disk and the clock. One Env serves every
// lane of a screen, so their saves share one Saver.
type Env struct {
	Gateway    checkout.Gateway
	Store      Store
	Saver      *Saver
	After      func(time.Duration, func(time.Time) tea.Msg) tea.Cmd // tea.Tick; tests record the waits
	PollEvery  time.Duration                                        // checkout.Schedule's first interval
	MaxBackoff time.Duration                                        // the longest wait
	// PollWait, when set, is the wait instead (main's pace: slower while webhooks arrive).
	PollWait func(checkout.Session) time.Duration
	// RefundWait, when set, is a refund's wait likewise (RefundDelay).
	RefundWait  func(checkout.Refund) time.Duration
	CallTimeout time.Duration // per call
	Now         func() time.Time
	// Busy notes Stripe's rate limits on the calls ("Stripe is busy, retrying"); nil
	// notes nothing.
	Busy *checkout.Busy
	// Refunds and RefundStore drive refunds (RefundLane): Stripe's refund calls, and
	// the refunds' records, each saved before its call.
	Refunds     checkout.RefundGateway
	RefundStore RefundStore
}

// PollDelay is how long a lane waits before a waiting effect (a poll) of session s.
// It is the one place the screen decides it.
func (env Env) PollDelay(s checkout.Session) time.Duration {
	if env.PollWait != nil {
		return env.PollWait(s)
	}
	return checkout.Schedule{Every: env.PollEvery, Max: env.MaxBackoff}.Delay(s, env.Now(), rand.Float64())
}

// RefundDelay is how long a refund lane waits before a waiting effect of refund r.
func (env Env) RefundDelay(r checkout.Refund) time.Duration {
	if env.RefundWait != nil {
		return env.RefundWait(r)
	}
	return checkout.Schedule{Every: env.PollEvery, Max: env.MaxBackoff}.RefundDelay(r, env.Now(), rand.Float64())
}

// ID names a lane in its messages.
type ID string

// Lane is one payment session being driven, with its bookkeeping. It is a value: every
// method returns the next lane.
type Lane struct {
	core[checkout.Session, sessions]
}

// NewLane is a lane holding s, nothing in flight.
func NewLane(id ID, s checkout.Session) Lane {
	return Lane{core[checkout.Session, sessions]{id: id, state: s}}
}

// Session is the lane's session as the screen shows it.
func (l Lane) Session() checkout.Session { return l.state }

// Put replaces the session without saving it (a new sale's empty cart) and drops every
// read under way.
func (l Lane) Put(s checkout.Session) Lane { return Lane{l.put(s)} }

// Drop starts a new generation: reads under way are dropped, the next check starts a
// new poll (after a card was presented, say).
func (l Lane) Drop() Lane { return Lane{l.drop()} }

// Act applies an event someone asked for, to the lane's session. It starts a new poll
// generation, so a read already under way cannot act on a session that has moved on.
// A refused event leaves the lane as it was.
func (l Lane) Act(env Env, ev checkout.Event) (Lane, tea.Cmd, error) {
	return l.Start(env, l.state, ev)
}

// Start takes s (loaded from disk, say) into the lane and applies ev to it.
func (l Lane) Start(env Env, s checkout.Session, ev checkout.Event) (Lane, tea.Cmd, error) {
	c, cmd, err := l.start(env, s, ev)
	return Lane{c}, cmd, err
}

// Update takes the lane's own messages: a save done, a poll due, a call's result.
func (l Lane) Update(env Env, msg tea.Msg) (Lane, tea.Cmd, Report) {
	c, cmd, r := l.update(env, msg)
	return Lane{c}, cmd, r
}

// Report is what a message did to a lane, for its owner.
type Report struct {
	Mine  bool           // the message was this lane's
	Event checkout.Event // the result it carried, when it was not a stale read
	Flash string         // an error to show: a save failed
}

// Said is cmd and, when the message could not be saved, a Cmd that says so.
func (r Report) Said(cmd tea.Cmd) tea.Cmd {
	if r.Flash == "" {
		return cmd
	}
	return tea.Batch(cmd, common.Say(common.LevelError, r.Flash))
}

// Refusal words an event the machine would not take from the cashier or support; thing
// is what the lane drives ("payment", "refund") and now where it is, in the words of
// PhaseWords: a capture support asks for of a payment the reader found busy says so,
// and that the capture did not reach Stripe (a refused event has no effects). Not
// "nothing was sent": the payment's earlier steps were.
func Refusal(err error, thing, now string) string {
	if errors.Is(err, checkout.ErrInvalidTransition) {
		return "That does not apply to this " + thing + " now (" + now + "); till did not send it to Stripe."
	}
	return common.Sentence(err.Error())
}

// sessions is the payment machine, as a lane drives it.
type sessions struct{}

func (sessions) apply(s checkout.Session, ev checkout.Event) (checkout.Session, []checkout.Effect, error) {
	return checkout.Apply(s, ev)
}
func (sessions) key(s checkout.Session) string          { return s.OrderID }
func (sessions) save(env Env, s checkout.Session) error { return env.Store.SaveSession(s) }
func (sessions) stalls(prev checkout.Session) bool      { return prev.Phase != checkout.Building }
func (sessions) notSaved(s checkout.Session, cause string) string {
	return checkout.NotSaved(s, cause) // true about what reached Stripe: earlier steps of the order may have
}
func (sessions) delay(env Env, s checkout.Session) time.Duration { return env.PollDelay(s) }
func (sessions) carry(ctx context.Context, env Env, s checkout.Session, eff checkout.Effect) checkout.Event {
	return checkout.Carry(ctx, env.Gateway, env.Store, s, eff, env.Now)
}

// read reports whether an effect is a status read, whose results a newer generation
// makes stale.
func (sessions) read(eff checkout.Effect) bool {
	switch e := eff.(type) {
	case checkout.ReadStatus:
		return true
	case checkout.CreateIntent:
		return e.Wait
	}
	return false
}
