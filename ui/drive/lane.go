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
	PollWait    func(checkout.Session) time.Duration
	CallTimeout time.Duration // per call
	Now         func() time.Time
	// Busy notes Stripe's rate limits on the calls ("Stripe is busy, retrying"); nil
	// notes nothing.
	Busy *checkout.Busy
}

// PollDelay is how long a lane waits before a waiting effect (a poll) of session s.
// It is the one place the screen decides it.
func (env Env) PollDelay(s checkout.Session) time.Duration {
	if env.PollWait != nil {
		return env.PollWait(s)
	}
	return checkout.Schedule{Every: env.PollEvery, Max: env.MaxBackoff}.Delay(s, env.Now(), rand.Float64())
}

// ID names a lane in its messages.
type ID string

// Lane is one session being driven, with its bookkeeping. It is a value: every method
// returns the next lane.
type Lane struct {
	id      ID
	session checkout.Session
	rev     int  // the revision of this lane's last commit: only its failed save restores the session before it
	gen     int  // poll generation: bumped when someone acts; older reads are dropped
	stalled bool // a save failed and nothing is in flight; a check resumes the session
}

// NewLane is a lane holding s, nothing in flight.
func NewLane(id ID, s checkout.Session) Lane { return Lane{id: id, session: s} }

// Session is the lane's session as the screen shows it.
func (l Lane) Session() checkout.Session { return l.session }

// Stalled reports that a save failed and nothing is in flight: only a check goes on.
func (l Lane) Stalled() bool { return l.stalled }

// Put replaces the session without saving it (a new sale's empty cart) and drops every
// read under way.
func (l Lane) Put(s checkout.Session) Lane {
	l.session, l.stalled = s, false
	l.gen++
	return l
}

// Drop starts a new generation: reads under way are dropped, the next check starts a
// new poll (after a card was presented, say).
func (l Lane) Drop() Lane {
	l.gen++
	return l
}

// Act applies an event someone asked for, to the lane's session. It starts a new poll
// generation, so a read already under way cannot act on a session that has moved on.
// A refused event leaves the lane as it was.
func (l Lane) Act(env Env, ev checkout.Event) (Lane, tea.Cmd, error) {
	return l.Start(env, l.session, ev)
}

// Start takes s (loaded from disk, say) into the lane and applies ev to it.
func (l Lane) Start(env Env, s checkout.Session, ev checkout.Event) (Lane, tea.Cmd, error) {
	next, effects, err := checkout.Apply(s, ev)
	if err != nil {
		return l, nil, err
	}
	l.session = s
	l.gen++
	l, cmd := l.commit(env, next, effects)
	return l, cmd, nil
}

// Report is what a message did to a lane, for its owner.
type Report struct {
	Mine  bool           // the message was this lane's
	Event checkout.Event // the result it carried, when it was not a stale read
	Flash string         // an error to show: a save failed
}

// Update takes the lane's own messages: a save done, a poll due, a call's result.
func (l Lane) Update(env Env, msg tea.Msg) (Lane, tea.Cmd, Report) {
	switch msg := msg.(type) {
	case SavedMsg:
		if msg.job.lane == l.id {
			return l.saved(env, msg)
		}
	case DueMsg:
		if msg.job.lane == l.id {
			if msg.job.read() && msg.job.gen != l.gen {
				return l, nil, Report{Mine: true}
			}
			return l, performCmd(env, msg.job), Report{Mine: true}
		}
	case ResultMsg:
		if msg.lane == l.id {
			if msg.read && msg.gen != l.gen {
				return l, nil, Report{Mine: true} // a stale read: the session has moved on
			}
			l, cmd := l.result(env, msg.event)
			return l, cmd, Report{Mine: true, Event: msg.event}
		}
	}
	return l, nil, Report{}
}

// result applies the event an effect produced. One that no longer fits the session (a
// late poll, say) is ignored: the session has moved on and says so itself.
func (l Lane) result(env Env, ev checkout.Event) (Lane, tea.Cmd) {
	next, effects, err := checkout.Apply(l.session, ev)
	if err != nil {
		return l, nil
	}
	return l.commit(env, next, effects)
}

// commit takes the next session and returns a Cmd per effect that saves it and then
// carries the effect out; with no effects it still saves.
func (l Lane) commit(env Env, next checkout.Session, effects []checkout.Effect) (Lane, tea.Cmd) {
	prev := l.session
	l.session, l.stalled = next, false
	l.rev = env.Saver.next()
	j := job{lane: l.id, rev: l.rev, gen: l.gen, prev: prev, session: next}
	var cmds []tea.Cmd
	if len(effects) == 0 {
		cmds = append(cmds, saveCmd(env, j))
	}
	for _, e := range effects {
		j.effect = e
		cmds = append(cmds, saveCmd(env, j))
	}
	return l, tea.Batch(cmds...)
}

// saved carries on once a session is on disk, or, when it could not be written,
// puts the previous session back: the call it guarded is never made.
func (l Lane) saved(env Env, msg SavedMsg) (Lane, tea.Cmd, Report) {
	j := msg.job
	if msg.err != nil {
		// True about what reached Stripe: earlier steps of the order may have.
		text := checkout.NotSaved(j.session, msg.err.Error())
		if j.rev == l.rev {
			l.session = j.prev
			l.stalled = j.prev.Phase != checkout.Building
		}
		return l, nil, Report{Mine: true, Flash: text}
	}
	if j.effect == nil || (j.read() && j.gen != l.gen) {
		return l, nil, Report{Mine: true}
	}
	if checkout.Waits(j.effect) {
		return l, env.After(env.PollDelay(j.session), func(time.Time) tea.Msg { return DueMsg{job: j} }), Report{Mine: true}
	}
	return l, performCmd(env, j), Report{Mine: true}
}

// Refusal words an event the machine would not take from the cashier.
func Refusal(err error) string {
	if errors.Is(err, checkout.ErrInvalidTransition) {
		return "That does not apply to this payment any more."
	}
	return common.Sentence(err.Error())
}

// saveCmd writes the job's session; the lane makes the job's call once it is on disk.
func saveCmd(env Env, j job) tea.Cmd {
	sv, st := env.Saver, env.Store
	return func() tea.Msg {
		return SavedMsg{job: j, err: sv.save(st, j.rev, j.session)}
	}
}

// performCmd makes the job's call, journaled, and reports the event it produced. It
// captures plain values, never the model.
func performCmd(env Env, j job) tea.Cmd {
	gw, st, timeout, now, busy := env.Gateway, env.Store, env.CallTimeout, env.Now, env.Busy
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(checkout.WithBusy(context.Background(), busy), timeout)
		defer cancel()
		ev := checkout.Carry(ctx, gw, st, j.session, j.effect, now)
		return ResultMsg{lane: j.lane, gen: j.gen, read: j.read(), event: ev}
	}
}
