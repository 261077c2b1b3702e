package support

import (
	"context"
	"fmt"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/ui/common"
	"github.com/till-pos/till/ui/drive"
	"github.com/till-pos/till/ui/support/payments"
)

// settle carries out a capture or cancel. The cashier's own payment goes through the
// cashier's session, when its machine takes the request; a payment this till's journal
// knows goes through its session, in support's lane; any other straight to Stripe under
// a support key.
func (m Model) settle(p payments.Payment, ev checkout.Event) (Model, tea.Cmd) {
	if cs := m.ck.Session; p.ID == cs.PaymentIntentID {
		// Refused here as the cashier's machine would refuse it, so that support watches
		// only a request that was taken.
		if _, _, err := checkout.Apply(cs, ev); err != nil {
			return m, common.Say(common.LevelWarn, drive.Refusal(err, "payment", cs.PhaseWords()))
		}
		m.watch, m.watchMoved = p.ID, false
		m.acting = eventName(ev) + " " + p.ID + " (the cashier's payment)…"
		return m, common.Emit(SettleCashierMsg{Event: ev})
	}
	s := m.lane.Session()
	if s.PaymentIntentID == p.ID && !s.Phase.Finished() && s.Phase != checkout.Building {
		lane, cmd, err := m.lane.Act(m.deps.Env, ev)
		if err != nil {
			return m, common.Say(common.LevelWarn, drive.Refusal(err, "payment", s.PhaseWords()))
		}
		m.lane = lane
		return m, cmd
	}
	if busy(s.Phase) {
		return m, common.Say(common.LevelWarn, "Still settling order "+s.OrderID+"; wait for it to finish.")
	}
	if p.Session != nil {
		st, order, in := m.deps.Store, p.Session.OrderID, p.Intent
		var intent *checkout.Intent
		if p.FromStripe {
			intent = &in
		}
		return m, func() tea.Msg {
			s, found, err := st.Session(order)
			return loadedMsg{pi: p.ID, session: s, found: found, err: err, event: ev, intent: intent}
		}
	}
	m.acting = eventName(ev) + " " + p.ID + "…"
	return m, directCmd(m.deps, p.Intent, ev)
}

// loaded drives a session of this till's journal through the machine in support's
// lane: brought up to date with Stripe's intent when it is behind, then the request
// applied and carried out like the cashier's own.
func (m Model) loaded(msg loadedMsg) (Model, tea.Cmd) {
	if msg.err != nil || !msg.found {
		text := "this till's journal no longer has it"
		if msg.err != nil {
			text = msg.err.Error()
		}
		return m, common.Say(common.LevelError, "Could not load the order of "+msg.pi+": "+text)
	}
	env := m.deps.Env
	s := msg.session
	if msg.intent != nil && msg.intent.Status != s.IntentStatus {
		// The journal is behind Stripe (till stopped mid-call): catch up first.
		if next, effects, err := checkout.Apply(s, checkout.StatusRead{Intent: msg.intent, At: env.Now()}); err == nil && len(effects) == 0 {
			s = next
		}
	}
	// A new poll generation: reads of the lane's last session are dropped.
	lane, cmd, err := m.lane.Start(env, s, msg.event)
	if err != nil {
		return m, common.Say(common.LevelWarn, fmt.Sprintf("Order %s is %s in this till's journal; %s does not apply. Check it first.", s.OrderID, s.Phase, eventName(msg.event)))
	}
	m.lane = lane
	m.acting = eventName(msg.event) + " " + msg.pi + "…"
	return m.sync(), tea.Batch(cmd, common.Emit(ForgetMsg{OrderID: s.OrderID}))
}

// moved reports a settled payment of support's lane and reads the list again.
func (m Model) moved(before checkout.Phase) (Model, tea.Cmd) {
	s := m.lane.Session()
	if s.Phase == before || !settled(s.Phase) {
		return m, nil
	}
	return m.done(s)
}

// done says how a capture or cancel of a session ended, takes a settled payment off
// the list at once, and reads the list again.
func (m Model) done(s checkout.Session) (Model, tea.Cmd) {
	m.acting = ""
	var say tea.Cmd
	switch s.Phase {
	case checkout.Paid:
		say = common.Say(common.LevelWarn, "Captured "+s.PaymentIntentID+" ("+s.Charged().String()+", order "+s.OrderID+").")
	case checkout.Canceled:
		say = common.Say(common.LevelWarn, "Canceled "+s.PaymentIntentID+" (order "+s.OrderID+"). Nothing was charged.")
	default:
		say = common.Say(common.LevelError, "Order "+s.OrderID+": "+m.explain(s.Failure, s.ReaderID))
	}
	if s.Phase.Finished() {
		m.payments = m.payments.Drop(s.PaymentIntentID)
	}
	return m.reload(say)
}

// reload reads the Payments pane again when it is on screen.
func (m Model) reload(say tea.Cmd) (Model, tea.Cmd) {
	if !m.open || m.pane != panePayments {
		return m, say
	}
	var cmd tea.Cmd
	m.payments, cmd = m.payments.Load()
	return m, tea.Batch(say, cmd)
}

// acted reports a direct call's outcome and reads the list again.
func (m Model) acted(msg actedMsg) (Model, tea.Cmd) {
	m.acting = ""
	var say tea.Cmd
	switch ev := msg.event.(type) {
	case checkout.Captured:
		say = common.Say(common.LevelWarn, "Captured "+msg.pi+" ("+ev.Intent.Amount.String()+").")
		m.payments = m.payments.Drop(msg.pi)
	case checkout.PaymentCanceled:
		say = common.Say(common.LevelWarn, "Canceled "+msg.pi+". Nothing was charged.")
		m.payments = m.payments.Drop(msg.pi)
	case checkout.StepFailed:
		say = common.Say(common.LevelError, msg.pi+": "+checkout.Explain(&ev.Failure))
		if ev.Step == checkout.StepRead {
			// Settle reads the intent before anything else: nothing was sent.
			done := "Nothing canceled"
			if msg.capture {
				done = "Nothing captured"
			}
			say = common.Say(common.LevelError, common.NothingDoneUnread(done, msg.pi, &ev.Failure))
		}
	}
	return m.reload(say)
}

// directCmd captures or cancels an intent this till has no session for, as `till
// payments` does (checkout.Settle): journaled under its order before each call, a
// reader still on it cleared before a cancel.
func directCmd(d Deps, in checkout.Intent, ev checkout.Event) tea.Cmd {
	req := checkout.Settlement{Intent: in}
	switch ev := ev.(type) {
	case checkout.CaptureRequested:
		req.Capture = true
	case checkout.CancelRequested:
		req.Reason = ev.Reason
	}
	gw, st, timeout, now := d.Gateway, d.Store, d.Env.CallTimeout, d.Env.Now
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), timeout)
		defer cancel()
		return actedMsg{pi: in.ID, capture: req.Capture, event: checkout.Settle(ctx, gw, st, req, now)}
	}
}

// eventName words a support request.
func eventName(ev checkout.Event) string {
	if _, ok := ev.(checkout.CaptureRequested); ok {
		return "Capturing"
	}
	return "Canceling"
}

// busy reports a phase with a call under way.
func busy(p checkout.Phase) bool {
	switch p {
	case checkout.Creating, checkout.Sending, checkout.Capturing, checkout.Canceling:
		return true
	}
	return false
}
