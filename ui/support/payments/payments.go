// Package payments is the support screen's Payments pane: the unfinished payments of
// this till's journal and of Stripe (in this till's scope), one row per PaymentIntent,
// each with the settle rule's advice, and the keys that capture or cancel one.
package payments

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/ui/common"
)

// Lookback is how far back the pane asks Stripe for unfinished intents.
const Lookback = 7 * 24 * time.Hour

// Gateway finds the unfinished intents (with the other intents of their orders).
type Gateway interface {
	UnfinishedIntents(ctx context.Context, since time.Time) ([]checkout.Intent, error)
}

// Journal lists this till's unfinished sessions.
type Journal interface {
	Unfinished() ([]checkout.Session, error)
}

// Deps are the pane's connections and clock.
type Deps struct {
	Gateway     Gateway
	Journal     Journal
	Refunds     RefundJournal // nil: the pane lists no refunds
	Now         func() time.Time
	CallTimeout time.Duration
	TillID      string
}

// Payment is one unfinished payment: an intent from Stripe, a session from this till's
// journal, or both.
type Payment struct {
	checkout.Intent                   // as Stripe last said, or as the session knows it
	Session         *checkout.Session // this till's session for the intent, if any
	FromStripe      bool
}

// SettleMsg asks the support screen to capture or cancel a payment.
type SettleMsg struct {
	Payment Payment
	Event   checkout.Event // CaptureRequested or CancelRequested
}

// TimelineMsg asks the support screen to show an order's timeline.
type TimelineMsg struct{ OrderID string }

// Model is the Payments pane.
type Model struct {
	styles *common.Styles
	shared common.Keys
	deps   Deps
	ck     common.Checkout

	payments  []Payment
	intents   []checkout.Intent // every intent listed, for Advise's siblings
	errs      []string
	unlisted  bool // Stripe's list failed: the rows are this till's journal's only
	loading   bool
	pay       int
	reason    int
	reasonsOn bool // the cancellation reasons are listed
	ask       *common.Question[Model]

	refunds    []checkout.Refund // this till's refunds not settled (refunds.go)
	refundsErr error
}

// New is the pane before its first visit.
func New(st *common.Styles, k common.Keys, deps Deps) Model {
	return Model{styles: st, shared: k, deps: deps}
}

// With hands the pane what it knows of the cashier's side.
func (m Model) With(ck common.Checkout) Model {
	m.ck = ck
	return m
}

// Known are the PaymentIntents of the rows this till's journal holds.
func (m Model) Known() []string {
	var out []string
	for _, p := range m.payments {
		if p.Session != nil && p.ID != "" {
			out = append(out, p.ID)
		}
	}
	return out
}

// Selected is the payment under the cursor.
func (m Model) Selected() (Payment, bool) {
	if len(m.payments) == 0 {
		return Payment{}, false
	}
	return m.payments[common.Clamp(m.pay, len(m.payments))], true
}

// Question is the pane's open question.
func (m Model) Question() string {
	if m.ask != nil {
		return m.ask.Text
	}
	return ""
}

// Open reports whether a list or a question has the keys, not the tabs.
func (m Model) Open() bool { return m.reasonsOn || m.ask != nil }

// Enter shows the pane and reads the payments again.
func (m Model) Enter() (Model, tea.Cmd) {
	m.reasonsOn, m.ask = false, nil
	return m.Load()
}

// Leave hides the pane.
func (m Model) Leave() Model {
	m.reasonsOn, m.ask = false, nil
	return m
}

// Load reads the unfinished payments again.
func (m Model) Load() (Model, tea.Cmd) {
	m.loading = true
	d := m.deps
	since := d.Now().Add(-Lookback)
	return m, tea.Batch(func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), d.CallTimeout)
		defer cancel()
		var msg loadedMsg
		msg.sessions, msg.storeErr = d.Journal.Unfinished()
		msg.intents, msg.stripeErr = d.Gateway.UnfinishedIntents(ctx, since)
		return msg
	}, m.refundsCmd())
}

// Update takes the pane's answers and, while it is shown, its keys.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyMsg:
		return m.key(msg)
	case loadedMsg:
		return m.loaded(msg), nil
	case refundsMsg:
		m.refunds, m.refundsErr = msg.refunds, msg.err
	}
	return m, nil
}

// loaded merges the store's and Stripe's unfinished payments, one row per intent.
func (m Model) loaded(msg loadedMsg) Model {
	m.loading = false
	var errs []string
	if msg.storeErr != nil {
		errs = append(errs, "Could not read this till's journal: "+msg.storeErr.Error())
	}
	if msg.stripeErr != nil {
		errs = append(errs, "Could not list Stripe's payments: "+common.Sentence(checkout.ExplainReadWithDetail(checkout.AsFailure(msg.stripeErr))))
	}
	payments := merge(m.fresher(msg.sessions), msg.intents, m.scope(msg.sessions).Has)
	m.pay = common.Follow(m.payments, payments, m.pay, func(p Payment) string { return p.ID })
	m.payments = payments
	m.intents = slices.Clone(msg.intents)
	m.errs, m.unlisted = errs, msg.stripeErr != nil
	return m
}

// fresher are the journal's unfinished sessions with the cashier's payment as the
// cashier's side has it now: the journal's save of its last step may still be on its
// way (a payment support just canceled read as "canceling" and stayed listed).
func (m Model) fresher(sessions []checkout.Session) []checkout.Session {
	cs := m.ck.Session
	var out []checkout.Session
	for _, s := range sessions {
		switch {
		case cs.PaymentIntentID == "" || s.PaymentIntentID != cs.PaymentIntentID:
			out = append(out, s)
		case !cs.Phase.Finished():
			out = append(out, cs)
		}
	}
	return out
}

// scope is what this till's support looks after: its own payments and those of its
// readers' locations, the readers of its unfinished orders counted too, as `till
// payments --unfinished` counts them.
func (m Model) scope(sessions []checkout.Session) checkout.Scope {
	own := []string{m.ck.ReaderID, m.ck.Session.ReaderID}
	return checkout.NewScope(m.deps.TillID, own, m.ck.Readers).WithReadersOf(checkout.SummariesOf(sessions))
}

// merge deduplicates by PaymentIntent: Stripe's view of the intent wins, the session
// says it is this till's. Sessions without an intent yet are listed too; of Stripe's
// other intents, the unfinished ones in scope.
func merge(sessions []checkout.Session, intents []checkout.Intent, inScope func(checkout.Intent) bool) []Payment {
	var out []Payment
	byPI := map[string]int{}
	for _, s := range sessions {
		p := Payment{Intent: checkout.Intent{ID: s.PaymentIntentID, Status: s.IntentStatus, Amount: s.Charged(),
			OrderID: s.OrderID, ReaderID: s.ReaderID, Card: s.Card, CaptureBefore: s.CaptureBefore, Created: s.StartedAt}}
		p.Session = &s
		if s.PaymentIntentID != "" {
			byPI[s.PaymentIntentID] = len(out)
		}
		out = append(out, p)
	}
	for _, in := range intents {
		i, ok := byPI[in.ID]
		switch {
		case ok:
			out[i].Intent, out[i].FromStripe = in, true
		case in.Unfinished() && inScope(in):
			out = append(out, Payment{Intent: in, FromStripe: true})
		}
	}
	slices.SortStableFunc(out, func(a, b Payment) int { return a.Created.Compare(b.Created) })
	return out
}

// advice is the settle rule's advice for a payment.
func (m Model) advice(p Payment) checkout.Advice {
	return checkout.Advise(p.Intent, p.Session, m.intents)
}

// keyMap is the pane's keys.
type keyMap struct {
	Up, Down                                   key.Binding
	Capture, Cancel, Timeline, Refresh, Reason key.Binding
	Yes, No, Back                              key.Binding
}

func (m Model) keys() keyMap {
	k := keyMap{
		Up: m.shared.Up, Down: m.shared.Down, Yes: m.shared.Yes, No: m.shared.No, Back: m.shared.Back,
		Capture:  common.Binding("c", "capture", "c"),
		Cancel:   common.Binding("x", "cancel", "x"),
		Timeline: common.Binding("enter", "timeline", "enter"),
		Refresh:  common.Binding("s", "refresh", "s"),
		Reason:   common.Binding("enter", "cancel with reason", "enter"),
	}
	switch {
	case m.ask != nil:
		common.On(&k.Yes, &k.No)
		return k
	case m.reasonsOn:
		common.On(&k.Up, &k.Down, &k.Reason, &k.Back)
		return k
	}
	common.On(&k.Refresh)
	if len(m.payments) > 1 {
		common.On(&k.Up, &k.Down)
	}
	p, _ := m.Selected() // none when the list is empty
	if p.ID != "" {
		common.On(&k.Cancel)
		if !p.FromStripe || p.Status == checkout.IntentRequiresCapture {
			// Stripe captures only an authorization; what this till's journal alone says
			// may be behind, and its machine refuses a capture that does not apply.
			common.On(&k.Capture)
		}
	}
	if p.OrderID != "" { // a payment with no order (the Dashboard's) has no timeline
		common.On(&k.Timeline)
	}
	return k
}

// ShortHelp lists the pane's keys but the arrows, in help-line order.
func (m Model) ShortHelp() []key.Binding {
	k := m.keys()
	return []key.Binding{k.Capture, k.Cancel, k.Timeline, k.Refresh, k.Reason, k.Yes, k.No, k.Back}
}

// Arrows is the pane's list-moving binding.
func (m Model) Arrows() key.Binding { return m.keys().Up }

func (m Model) key(msg tea.KeyMsg) (Model, tea.Cmd) {
	k := m.keys()
	if m.ask != nil {
		return common.Answer(msg, k.Yes, k.No, m, m.ask, func(m Model) Model { m.ask = nil; return m })
	}
	if m.reasonsOn {
		var p common.Picked
		m.reason, p = common.Pick(msg, k.Up, k.Down, k.Reason, k.Back, m.reason, len(checkout.CancelReasons))
		switch p {
		case common.Chosen:
			return m.cancel()
		case common.Closed:
			m.reasonsOn = false
		}
		return m, nil
	}
	switch {
	case key.Matches(msg, k.Up, k.Down):
		m.pay = common.Moved(msg, k.Up, m.pay, len(m.payments))
	case key.Matches(msg, k.Capture):
		return m.capture()
	case key.Matches(msg, k.Cancel):
		return m.pickReason(), nil
	case key.Matches(msg, k.Timeline):
		p, _ := m.Selected()
		return m, common.Emit(TimelineMsg{OrderID: p.OrderID})
	case key.Matches(msg, k.Refresh):
		return m.Load()
	}
	return m, nil
}

// capture captures the selected payment, asking first when the advice is not to.
func (m Model) capture() (Model, tea.Cmd) {
	p, ok := m.Selected()
	if !ok || p.ID == "" {
		return m, nil
	}
	run := func(m Model) (Model, tea.Cmd) {
		return m, common.Emit(SettleMsg{Payment: p, Event: checkout.CaptureRequested{At: m.deps.Now()}})
	}
	if a := m.advice(p); a.Action != checkout.AdviseCapture {
		m.ask = &common.Question[Model]{Text: "Advice: " + a.Reason + " Capture " + p.ID + " anyway? (y/n)", Yes: run}
		return m, nil
	}
	return run(m)
}

// pickReason opens the list of cancellation reasons for the selected payment.
func (m Model) pickReason() Model {
	p, ok := m.Selected()
	if !ok || p.ID == "" {
		return m
	}
	m.reasonsOn, m.reason = true, 0
	if a := m.advice(p); a.Action == checkout.AdviseCancel {
		m.reason = max(slices.Index(checkout.CancelReasons, a.CancelReason), 0)
	}
	return m
}

// cancel cancels the selected payment with the chosen reason, asking first when the
// advice is not to cancel.
func (m Model) cancel() (Model, tea.Cmd) {
	m.reasonsOn = false
	p, ok := m.Selected()
	if !ok || p.ID == "" {
		return m, nil
	}
	reason := checkout.CancelReasons[common.Clamp(m.reason, len(checkout.CancelReasons))]
	run := func(m Model) (Model, tea.Cmd) {
		return m, common.Emit(SettleMsg{Payment: p, Event: checkout.CancelRequested{Reason: reason, At: m.deps.Now()}})
	}
	if a := m.advice(p); a.Action != checkout.AdviseCancel {
		m.ask = &common.Question[Model]{Text: "Advice: " + a.Reason + " Cancel " + p.ID + " anyway? (y/n)", Yes: run}
		return m, nil
	}
	return run(m)
}

// loadedMsg is the pane's data: the store's unfinished sessions and Stripe's intents
// of the last days.
type loadedMsg struct {
	sessions  []checkout.Session
	storeErr  error
	intents   []checkout.Intent
	stripeErr error
}

// Expiry counts down to capture_before, for the list, where no label says what
// expires: "expires in 1d 23h", or "authorization expired".
func Expiry(before, now time.Time) string {
	if a := authorization(before, now); a != "expired" {
		return a
	}
	return "authorization expired"
}

// authorization counts down to capture_before: "expires in 1d 23h", "expired", or ""
// when the payment has no deadline.
func authorization(before, now time.Time) string {
	if before.IsZero() {
		return ""
	}
	d := before.Sub(now)
	if d <= 0 {
		return "expired"
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

// Drop takes a payment off the list at once: it was settled; the next read confirms.
func (m Model) Drop(pi string) Model {
	var keep []Payment
	for _, p := range m.payments {
		if p.ID != pi || pi == "" {
			keep = append(keep, p)
		}
	}
	m.payments = keep
	m.pay = common.Clamp(m.pay, len(keep))
	return m
}
