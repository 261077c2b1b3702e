package ui

import (
	"context"
	"fmt"
	"slices"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/till-pos/till/checkout"
)

// payment is one unfinished payment: an intent from Stripe, a session from this till's
// journal, or both.
type payment struct {
	checkout.Intent                   // as Stripe last said, or as the session knows it
	session         *checkout.Session // this till's session for the intent, if any
	fromStripe      bool
}

// loadPayments reads the unfinished payments again.
func (m Model) loadPayments() (Model, tea.Cmd) {
	m.sup.loadingPays = true
	deps, since, timeout := m.deps, m.opts.Now().Add(-payLookback), m.opts.CallTimeout
	return m, func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), timeout)
		defer cancel()
		var msg paymentsMsg
		msg.sessions, msg.storeErr = deps.Store.Unfinished()
		msg.intents, msg.stripeErr = deps.Gateway.UnfinishedIntents(ctx, since)
		return msg
	}
}

// paymentsLoaded merges the store's and Stripe's unfinished payments, one row per intent.
func (m Model) paymentsLoaded(msg paymentsMsg) Model {
	m.sup.loadingPays = false
	var errs []string
	if msg.storeErr != nil {
		errs = append(errs, "Could not read this till's journal: "+msg.storeErr.Error())
	}
	if msg.stripeErr != nil {
		errs = append(errs, "Could not list Stripe's payments: "+checkout.Explain(checkout.AsFailure(msg.stripeErr)))
	}
	payments := mergePayments(msg.sessions, msg.intents, m.scope(msg.sessions).Has)
	m.sup.pay = follow(m.sup.payments, payments, m.sup.pay, func(p payment) string { return p.ID })
	m.sup.payments = payments
	m.sup.intents = slices.Clone(msg.intents)
	m.sup.paymentsErr = errs
	return m
}

// scope is what this till's support looks after: its own payments and those of its
// readers' locations.
func (m Model) scope(sessions []checkout.Session) checkout.Scope {
	own := []string{m.readerID, m.session.ReaderID}
	for _, s := range sessions {
		own = append(own, s.ReaderID)
	}
	return checkout.NewScope(m.opts.TillID, own, m.readers)
}

// mergePayments deduplicates by PaymentIntent: Stripe's view of the intent wins, the
// session says it is this till's. Sessions without an intent yet are listed too; of
// Stripe's other intents, the unfinished ones in scope.
func mergePayments(sessions []checkout.Session, intents []checkout.Intent, inScope func(checkout.Intent) bool) []payment {
	var out []payment
	byPI := map[string]int{}
	for _, s := range sessions {
		p := payment{Intent: checkout.Intent{ID: s.PaymentIntentID, Status: s.IntentStatus, Amount: s.Amount,
			OrderID: s.OrderID, ReaderID: s.ReaderID, Card: s.Card, CaptureBefore: s.CaptureBefore, Created: s.StartedAt}}
		p.session = &s
		if s.PaymentIntentID != "" {
			byPI[s.PaymentIntentID] = len(out)
		}
		out = append(out, p)
	}
	for _, in := range intents {
		i, ok := byPI[in.ID]
		switch {
		case ok:
			out[i].Intent, out[i].fromStripe = in, true
		case in.Unfinished() && inScope(in):
			out = append(out, payment{Intent: in, fromStripe: true})
		}
	}
	slices.SortStableFunc(out, func(a, b payment) int { return a.Created.Compare(b.Created) })
	return out
}

// selectedPayment is the payment under the cursor.
func (m Model) selectedPayment() (payment, bool) {
	if len(m.sup.payments) == 0 {
		return payment{}, false
	}
	return m.sup.payments[clamp(m.sup.pay, len(m.sup.payments))], true
}

// advice is seed 002's rule for a payment.
func (m Model) advice(p payment) checkout.Advice {
	return checkout.Advise(p.Intent, p.session, m.sup.intents)
}

// capturePayment captures the selected payment, asking first when the advice is not to.
func (m Model) capturePayment() (Model, tea.Cmd) {
	p, ok := m.selectedPayment()
	if !ok || p.ID == "" {
		return m, nil
	}
	run := func(m Model) (Model, tea.Cmd) { return m.settle(p, checkout.CaptureRequested{At: m.opts.Now()}) }
	if a := m.advice(p); a.Action != checkout.AdviseCapture {
		m.sup.ask = &question{text: "Advice: " + a.Reason + " Capture " + p.ID + " anyway? (y/n)", yes: run}
		return m, nil
	}
	return run(m)
}

// pickReason opens the list of cancellation reasons for the selected payment.
func (m Model) pickReason() Model {
	p, ok := m.selectedPayment()
	if !ok || p.ID == "" {
		return m
	}
	m.sup.overlay, m.sup.reason = supportReasons, 0
	if a := m.advice(p); a.Action == checkout.AdviseCancel {
		m.sup.reason = max(slices.Index(checkout.CancelReasons, a.CancelReason), 0)
	}
	return m
}

// cancelPayment cancels the selected payment with the chosen reason, asking first when
// the advice is not to cancel.
func (m Model) cancelPayment() (Model, tea.Cmd) {
	m.sup.overlay = supportNone
	p, ok := m.selectedPayment()
	if !ok || p.ID == "" {
		return m, nil
	}
	reason := checkout.CancelReasons[clamp(m.sup.reason, len(checkout.CancelReasons))]
	run := func(m Model) (Model, tea.Cmd) {
		return m.settle(p, checkout.CancelRequested{Reason: reason, At: m.opts.Now()})
	}
	if a := m.advice(p); a.Action != checkout.AdviseCancel {
		m.sup.ask = &question{text: "Advice: " + a.Reason + " Cancel " + p.ID + " anyway? (y/n)", yes: run}
		return m, nil
	}
	return run(m)
}

// settle carries out a capture or cancel. The cashier's own payment goes through the
// cashier's session; a payment this till's journal knows goes through its session, in
// the support lane; any other straight to Stripe under a support key.
func (m Model) settle(p payment, ev checkout.Event) (Model, tea.Cmd) {
	if p.ID == m.session.PaymentIntentID {
		return m.act(ev)
	}
	if m.other.session.PaymentIntentID == p.ID && !m.other.session.Phase.Finished() && m.other.session.Phase != checkout.Building {
		return m.inSupportLane(func(m Model) (Model, tea.Cmd) { return m.act(ev) })
	}
	if busy(m.other.session.Phase) {
		m.flash = flash{level: levelWarn, text: "Still settling order " + m.other.session.OrderID + "; wait for it to finish."}
		return m, nil
	}
	if p.session != nil {
		st, order, in := m.deps.Store, p.session.OrderID, p.Intent
		var intent *checkout.Intent
		if p.fromStripe {
			intent = &in
		}
		return m, func() tea.Msg {
			s, found, err := st.Session(order)
			return supportLoadedMsg{pi: p.ID, session: s, found: found, err: err, event: ev, intent: intent}
		}
	}
	m.sup.cancels = bumped(m.sup.cancels, p.ID)
	return m, directCmd(m.deps.Gateway, m.deps.Store, p.Intent, ev, m.sup.cancels[p.ID], m.opts)
}

// bumped returns a copy of counts with key's count one higher; models are values, so
// their maps are never changed in place.
func bumped(counts map[string]int, key string) map[string]int {
	out := make(map[string]int, len(counts)+1)
	for k, v := range counts {
		out[k] = v
	}
	out[key]++
	return out
}

// supportLoaded drives a session of this till's journal through the machine in the
// support lane: brought up to date with Stripe's intent when it is behind, then the
// request applied and carried out like the cashier's own.
func (m Model) supportLoaded(msg supportLoadedMsg) (Model, tea.Cmd) {
	if msg.err != nil || !msg.found {
		text := "this till's journal no longer has it"
		if msg.err != nil {
			text = msg.err.Error()
		}
		m.flash = flash{level: levelError, text: "Could not load the order of " + msg.pi + ": " + text}
		return m, nil
	}
	s := msg.session
	if msg.intent != nil && msg.intent.Status != s.IntentStatus {
		// The journal is behind Stripe (till stopped mid-call): catch up first.
		if next, effects, err := checkout.Apply(s, checkout.StatusRead{Intent: msg.intent, At: m.opts.Now()}); err == nil && len(effects) == 0 {
			s = next
		}
	}
	if _, _, err := checkout.Apply(s, msg.event); err != nil {
		m.flash = flash{level: levelWarn, text: fmt.Sprintf("Order %s is %s in this till's journal; %s does not apply. Check it first.", s.OrderID, s.Phase, eventName(msg.event))}
		return m, nil
	}
	m.pending = slices.DeleteFunc(slices.Clone(m.pending), func(p checkout.Session) bool { return p.OrderID == s.OrderID })
	m.sup.acting = eventName(msg.event) + " " + msg.pi + "…"
	return m.inSupportLane(func(m Model) (Model, tea.Cmd) {
		m.session, m.stalled = s, false
		return m.act(msg.event) // a new poll generation: reads of the lane's last session are dropped
	})
}

// supportLaneMoved reports a settled support-lane payment and reads the list again.
func (m Model) supportLaneMoved(before checkout.Phase) (Model, tea.Cmd) {
	s := m.other.session
	if s.Phase == before || !(s.Phase.Finished() || s.Phase == checkout.Declined || s.Phase == checkout.Unknown) {
		return m, nil
	}
	m.sup.acting = ""
	switch s.Phase {
	case checkout.Paid:
		m.flash = flash{level: levelWarn, text: "Captured " + s.PaymentIntentID + " (" + s.Amount.String() + ", order " + s.OrderID + ")."}
	case checkout.Canceled:
		m.flash = flash{level: levelWarn, text: "Canceled " + s.PaymentIntentID + " (order " + s.OrderID + "). Nothing was charged."}
	default:
		m.flash = flash{level: levelError, text: "Order " + s.OrderID + ": " + checkout.Explain(s.Failure)}
	}
	if m.sup.open && m.sup.pane == panePayments {
		return m.loadPayments()
	}
	return m, nil
}

// paymentActed reports a direct call's outcome and reads the list again.
func (m Model) paymentActed(msg paymentActedMsg) (Model, tea.Cmd) {
	m.sup.acting = ""
	switch ev := msg.event.(type) {
	case checkout.Captured:
		m.flash = flash{level: levelWarn, text: "Captured " + msg.pi + " (" + ev.Intent.Amount.String() + ")."}
	case checkout.PaymentCanceled:
		m.flash = flash{level: levelWarn, text: "Canceled " + msg.pi + ". Nothing was charged."}
	case checkout.StepFailed:
		m.flash = flash{level: levelError, text: msg.pi + ": " + checkout.Explain(&ev.Failure)}
	}
	if m.sup.open && m.sup.pane == panePayments {
		return m.loadPayments()
	}
	return m, nil
}

// directCmd captures or cancels an intent this till has no session for, under the
// support keys. It is journaled under the intent's order when it has one.
func directCmd(gw Gateway, st Store, in checkout.Intent, ev checkout.Event, cancels int, opts Options) tea.Cmd {
	var eff checkout.Effect = checkout.CaptureIntent{PaymentIntentID: in.ID, Key: "till_support_" + in.ID + "_capture", Capturable: in.AmountCapturable}
	if c, ok := ev.(checkout.CancelRequested); ok {
		eff = checkout.CancelIntent{PaymentIntentID: in.ID, Reason: c.Reason, Key: fmt.Sprintf("till_support_%s_cancel_%d", in.ID, cancels)}
	}
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), opts.CallTimeout)
		defer cancel()
		if in.OrderID == "" {
			return paymentActedMsg{pi: in.ID, event: checkout.Perform(ctx, gw, eff, opts.Now)}
		}
		s := checkout.Session{OrderID: in.OrderID, PaymentIntentID: in.ID, Phase: checkout.Unknown}
		return paymentActedMsg{pi: in.ID, event: checkout.Carry(ctx, gw, st, s, eff, opts.Now)}
	}
}

// eventName words a support request.
func eventName(ev checkout.Event) string {
	if _, ok := ev.(checkout.CaptureRequested); ok {
		return "Capturing"
	}
	return "Canceling"
}

// expiry counts down to capture_before: "expires in 1d 23h".
func expiry(before, now time.Time) string {
	if before.IsZero() {
		return ""
	}
	d := before.Sub(now)
	if d <= 0 {
		return "authorization expired"
	}
	days, hours, mins := int(d/(24*time.Hour)), int(d/time.Hour)%24, int(d/time.Minute)%60
	switch {
	case days > 0:
		return fmt.Sprintf("expires in %dd %dh", days, hours)
	case hours > 0:
		return fmt.Sprintf("expires in %dh %dm", hours, mins)
	}
	return fmt.Sprintf("expires in %dm", max(mins, 1))
}

// busy reports a phase with a call under way.
func busy(p checkout.Phase) bool {
	switch p {
	case checkout.Creating, checkout.Sending, checkout.Capturing, checkout.Canceling:
		return true
	}
	return false
}
