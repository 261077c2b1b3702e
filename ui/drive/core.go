package drive

import (
	"context"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/till-pos/till/checkout"
)

// machine is what a lane drives: the cashier's payment session or a refund. Each is a
// pure state machine whose value is saved before any call it asks for is made.
type machine[S any] interface {
	apply(s S, ev checkout.Event) (S, []checkout.Effect, error)
	key(s S) string // saves of one key reach the disk in the order they were committed
	save(env Env, s S) error
	carry(ctx context.Context, env Env, s S, eff checkout.Effect) checkout.Event
	delay(env Env, s S) time.Duration // the wait before a waiting effect (a poll)
	read(eff checkout.Effect) bool    // a status read, stale once someone acts again
	stalls(prev S) bool               // whether a lane put back to prev has anything to carry on
	// notSaved says s could not be written (cause) and where it stands at Stripe: true
	// about what reached Stripe, as far as till knows.
	notSaved(s S, cause string) string
}

// core is a lane of any machine: the state, its last commit and its poll generation.
type core[S any, M machine[S]] struct {
	id      ID
	state   S
	rev     int  // the revision of this lane's last commit: only its failed save restores the state before it
	gen     int  // poll generation: bumped when someone acts; older reads are dropped
	stalled bool // a save failed and nothing is in flight; a check resumes
}

// Stalled reports that a save failed and nothing is in flight: only a check goes on.
func (c core[S, M]) Stalled() bool { return c.stalled }

// put replaces the state without saving it and drops every read under way.
func (c core[S, M]) put(s S) core[S, M] {
	c.state, c.stalled = s, false
	c.gen++
	return c
}

// drop starts a new generation: reads under way are dropped.
func (c core[S, M]) drop() core[S, M] {
	c.gen++
	return c
}

// start takes s into the lane and applies ev to it, in a new poll generation, so a read
// already under way cannot act on a state that has moved on. A refused event leaves
// the lane as it was.
func (c core[S, M]) start(env Env, s S, ev checkout.Event) (core[S, M], tea.Cmd, error) {
	var m M
	next, effects, err := m.apply(s, ev)
	if err != nil {
		return c, nil, err
	}
	c.state = s
	c.gen++
	c, cmd := c.commit(env, next, effects)
	return c, cmd, nil
}

// update takes the lane's own messages: a save done, a poll due, a call's result.
func (c core[S, M]) update(env Env, msg tea.Msg) (core[S, M], tea.Cmd, Report) {
	switch msg := msg.(type) {
	case SavedMsg:
		if msg.job.lane == c.id {
			return c.saved(env, msg)
		}
	case DueMsg:
		if msg.job.lane == c.id {
			if msg.job.read && msg.job.gen != c.gen {
				return c, nil, Report{Mine: true}
			}
			return c, c.performCmd(env, msg.job), Report{Mine: true}
		}
	case ResultMsg:
		if msg.lane == c.id {
			if msg.read && msg.gen != c.gen {
				return c, nil, Report{Mine: true} // a stale read: the state has moved on
			}
			c, cmd := c.result(env, msg.event)
			return c, cmd, Report{Mine: true, Event: msg.event}
		}
	}
	return c, nil, Report{}
}

// result applies the event an effect produced. One that no longer fits (a late poll,
// say) is ignored: the state has moved on and says so itself.
func (c core[S, M]) result(env Env, ev checkout.Event) (core[S, M], tea.Cmd) {
	var m M
	next, effects, err := m.apply(c.state, ev)
	if err != nil {
		return c, nil
	}
	return c.commit(env, next, effects)
}

// commit takes the next state and returns a Cmd per effect that saves it and then
// carries the effect out; with no effects it still saves.
func (c core[S, M]) commit(env Env, next S, effects []checkout.Effect) (core[S, M], tea.Cmd) {
	var m M
	prev := c.state
	c.state, c.stalled = next, false
	c.rev = env.Saver.next()
	j := job{lane: c.id, rev: c.rev, gen: c.gen, prev: prev, state: next}
	var cmds []tea.Cmd
	if len(effects) == 0 {
		cmds = append(cmds, c.saveCmd(env, j))
	}
	for _, e := range effects {
		j.effect, j.read = e, m.read(e)
		cmds = append(cmds, c.saveCmd(env, j))
	}
	return c, tea.Batch(cmds...)
}

// saved carries on once a state is on disk, or, when it could not be written, puts
// the previous state back: the call it guarded is never made.
func (c core[S, M]) saved(env Env, msg SavedMsg) (core[S, M], tea.Cmd, Report) {
	var m M
	j := msg.job
	if msg.err != nil {
		text := m.notSaved(j.state.(S), msg.err.Error())
		if j.rev == c.rev {
			c.state = j.prev.(S)
			c.stalled = m.stalls(c.state)
		}
		return c, nil, Report{Mine: true, Flash: text}
	}
	if j.effect == nil || (j.read && j.gen != c.gen) {
		return c, nil, Report{Mine: true}
	}
	if checkout.Waits(j.effect) {
		return c, env.After(m.delay(env, j.state.(S)), func(time.Time) tea.Msg { return DueMsg{job: j} }), Report{Mine: true}
	}
	return c, c.performCmd(env, j), Report{Mine: true}
}

// saveCmd writes the job's state; the lane makes the job's call once it is on disk.
func (c core[S, M]) saveCmd(env Env, j job) tea.Cmd {
	var m M
	s := j.state.(S)
	return func() tea.Msg {
		return SavedMsg{job: j, err: env.Saver.save(m.key(s), j.rev, func() error { return m.save(env, s) })}
	}
}

// performCmd makes the job's call, journaled, and reports the event it produced. It
// captures plain values, never the model.
func (c core[S, M]) performCmd(env Env, j job) tea.Cmd {
	var m M
	s := j.state.(S)
	return func() tea.Msg {
		// The adapter notes Stripe's rate limits in env.Busy: "Stripe is busy, retrying".
		ctx, cancel := context.WithTimeout(checkout.WithBusy(context.Background(), env.Busy), env.CallTimeout)
		defer cancel()
		return ResultMsg{lane: j.lane, gen: j.gen, read: j.read, event: m.carry(ctx, env, s, j.effect)}
	}
}
