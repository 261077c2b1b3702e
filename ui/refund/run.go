package refund

import (
	"context"
	"slices"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/ui/common"
	"github.com/till-pos/till/ui/drive"
)

// Init looks for refunds an earlier run left open.
func (m Model) Init() tea.Cmd {
	b := m.deps.Book
	return func() tea.Msg {
		refunds, err := b.UnfinishedRefunds()
		return unfinishedMsg{refunds: refunds, err: err}
	}
}

// Update takes the page's answers, every refund lane's messages, and, while the page is
// shown, the keys.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyMsg:
		if m.open {
			return m.key(msg)
		}
		return m, nil
	case loadedMsg:
		return m.loaded(msg)
	case unfinishedMsg:
		return m.unfinished(msg)
	case PresentedMsg:
		return m.presented(msg)
	case ClockMsg:
		return m.clocked()
	}
	if lane, cmd, r := m.lane.Update(m.deps.Env, msg); r.Mine {
		// Stripe has answered since a resume (or failed to) once an event comes back.
		was := m.lane.Refund().Phase
		m.lane, m.checking = lane, m.checking && r.Event == nil
		var checked tea.Cmd
		m.asked, checked = common.Checked(m.asked, r.Event, lane.Refund().Phase == was, m.deps.Env.Now(), "refund")
		return m.settle(tea.Batch(r.Said(cmd), checked))
	}
	return m.behindUpdate(msg)
}

// clocked redraws the waiting time each second while the reader waits for the card.
func (m Model) clocked() (Model, tea.Cmd) {
	if m.clocking = m.lane.Refund().Phase == checkout.RefundAwaiting; !m.clocking {
		return m, nil
	}
	return m, m.tick()
}

// behindUpdate hands a message to the refunds followed behind the screen (Stripe holds
// each: none needs the customer's card); one that ends is told in the status line and
// let go.
func (m Model) behindUpdate(msg tea.Msg) (Model, tea.Cmd) {
	for i, l := range m.behind {
		next, cmd, r := l.Update(m.deps.Env, msg)
		if !r.Mine {
			continue
		}
		m.behind = slices.Clone(m.behind)
		m.behind[i] = next
		cmd = r.Said(cmd)
		if x := next.Refund(); x.Phase.Finished() {
			m.behind = slices.Delete(m.behind, i, i+1)
			level := common.LevelWarn
			if x.Phase == checkout.RefundFailed {
				level = common.LevelError
			}
			cmd = tea.Batch(cmd, common.Say(level, "Order "+x.OrderID+": "+checkout.ExplainRefund(x)))
		}
		return m, cmd
	}
	return m, nil
}

// settle notes what the lane now holds: the page stays on the refund, the card keys and
// the clock follow its phase.
func (m Model) settle(cmd tea.Cmd) (Model, tea.Cmd) {
	m = m.fit()
	if m.lane.Refund().Phase == checkout.RefundAwaiting && !m.clocking {
		m.clocking = true
		cmd = tea.Batch(cmd, m.tick())
	}
	return m, cmd
}

// fit closes an overlay that no longer belongs to the refund's phase.
func (m Model) fit() Model {
	ok := true
	switch m.overlay {
	case overlayCards:
		ok = m.lane.Refund().Phase == checkout.RefundAwaiting && m.simulated()
	case overlayCancel:
		ok = m.cancels()
	case overlayTakeOver:
		ok = m.readerInUse()
	}
	if !ok {
		m.overlay = overlayNone
	}
	return m
}

// act applies an event the cashier asked for to the refund on screen.
func (m Model) act(ev checkout.Event) (Model, tea.Cmd) {
	lane, cmd, err := m.lane.Act(m.deps.Env, ev)
	if err != nil {
		return m, common.Say(common.LevelWarn, drive.Refusal(err, "refund", m.lane.Refund().PhaseWords()))
	}
	m.lane = lane
	return m.settle(cmd)
}

// cancels reports whether the refund on screen can be canceled now.
func (m Model) cancels() bool {
	r := m.lane.Refund()
	switch r.Phase {
	case checkout.RefundDeclined:
		return true
	case checkout.RefundAwaiting, checkout.RefundUnknown:
		return r.InPerson && r.StripeID == ""
	}
	return false
}

// readerInUse reports whether the last send found the reader busy for someone else,
// which only the cashier may decide to take over.
func (m Model) readerInUse() bool {
	r := m.lane.Refund()
	return r.Phase == checkout.RefundDeclined && r.Failure.ReaderInUse()
}

// tick redraws the waiting time in a second.
func (m Model) tick() tea.Cmd {
	return m.deps.Env.After(time.Second, func(time.Time) tea.Msg { return ClockMsg{} })
}

// present holds a test card to the simulated reader. The poll under way is dropped; the
// check that follows the answer starts a new one.
func (m Model) present(number string) (Model, tea.Cmd) {
	m.lane = m.lane.Drop()
	m.presenting = number
	if number == "" {
		m.presenting = "the card that paid"
	}
	gw, readerID, timeout := m.deps.Gateway, m.lane.Refund().ReaderID, m.deps.Env.CallTimeout
	return m, func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), timeout)
		defer cancel()
		r, err := gw.PresentCard(ctx, readerID, number)
		return PresentedMsg{Reader: r, err: err}
	}
}

// presented checks the refund at once after a card was presented, whatever the answer.
func (m Model) presented(msg PresentedMsg) (Model, tea.Cmd) {
	if m.presenting == "" {
		return m, nil
	}
	m.presenting = ""
	var say tea.Cmd
	if msg.err != nil {
		say = common.Say(common.LevelError, "Could not present the card: "+checkout.Explain(checkout.AsFailure(msg.err)))
	}
	lane, cmd, err := m.lane.Act(m.deps.Env, checkout.CheckRequested{At: m.now()})
	if err != nil {
		return m, say // the refund has moved on; it says so itself
	}
	m.lane = lane
	return m.settle(tea.Batch(say, cmd))
}

// simulated reports whether the refund's reader is a simulated one, which takes test
// cards from the keyboard.
func (m Model) simulated() bool {
	r, ok := common.FindReader(m.readers, m.lane.Refund().ReaderID)
	return ok && r.Simulated()
}

// done leaves the refund on screen: the next one left open comes up, else the page
// closes. A refund still pending is followed behind whatever the screen shows.
func (m Model) done() (Model, tea.Cmd) {
	if r := m.lane.Refund(); r.Phase == checkout.RefundPending || r.Phase.UnderWay() {
		m.behind = append(m.behind, m.lane)
	}
	m.lane, m.step, m.resumed, m.checking, m.overlay = drive.NewRefundLane("", checkout.Refund{}), stepLoading, false, false, overlayNone
	if len(m.waiting) > 0 {
		return m.next()
	}
	return m.Close(), common.Emit(CloseMsg{})
}

// unfinished resumes the refunds an earlier run left open: those Stripe holds (card
// refunds, in-person ones whose card was presented) are followed behind the screen; an
// in-person one that may still need the customer's card comes on screen, one at a time.
func (m Model) unfinished(msg unfinishedMsg) (Model, tea.Cmd) {
	if msg.err != nil {
		return m, common.Say(common.LevelError, "Could not read the refunds left open: "+msg.err.Error())
	}
	var cmds []tea.Cmd
	for _, r := range msg.refunds {
		if needsCashier(r) {
			m.waiting = append(m.waiting, r)
			continue
		}
		ev := r.Revisit(m.now())
		if ev == nil {
			continue
		}
		lane, cmd, err := drive.NewRefundLane(laneID(r.ID), checkout.Refund{}).Start(m.deps.Env, r, ev)
		if err != nil {
			cmds = append(cmds, common.Say(common.LevelError, "Could not resume the refund "+r.ID+": "+err.Error()))
			continue
		}
		m.behind = append(m.behind, lane)
		cmds = append(cmds, cmd)
	}
	if len(m.waiting) > 0 && !m.lane.Refund().Phase.UnderWay() && m.step != stepConfirm {
		m, cmd := m.next()
		cmds = append(cmds, cmd)
		return m, tea.Batch(cmds...)
	}
	return m, tea.Batch(cmds...)
}

// next brings the oldest in-person refund left open on screen, re-reading it first.
func (m Model) next() (Model, tea.Cmd) {
	r := m.waiting[0]
	m.waiting = m.waiting[1:]
	lane, cmd, err := drive.NewRefundLane(laneID(r.ID), checkout.Refund{}).Start(m.deps.Env, r, checkout.Resumed{At: m.now()})
	if err != nil {
		return m, common.Say(common.LevelError, "Could not resume the refund "+r.ID+": "+err.Error())
	}
	m.lane, m.step, m.open, m.resumed, m.checking, m.overlay = lane, stepRunning, true, true, true, overlayNone
	m.payment = checkout.Intent{ID: r.PaymentIntentID, Amount: r.Amount, Card: r.Card, OrderID: r.OrderID}
	return m.settle(cmd)
}
