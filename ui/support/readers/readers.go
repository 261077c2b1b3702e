// Package readers is the support screen's Readers pane: every reader of the account
// and what it does, refreshed with backoff while the pane is visible, with stuck
// actions flagged; it cancels a reader's action (compare before cancel), presents test
// cards on simulated readers and, on the emulator, switches its faults.
package readers

import (
	"context"
	"fmt"
	"slices"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/ui/common"
)

// Gateway is what the pane needs from Stripe.
type Gateway interface {
	ListReaders(ctx context.Context) ([]checkout.Reader, error)
	ListLocations(ctx context.Context) ([]checkout.Location, error)
	ReadReader(ctx context.Context, readerID string) (checkout.Reader, error)
	CancelReaderAction(ctx context.Context, readerID string) (checkout.Reader, error)
	PresentCard(ctx context.Context, readerID, number string) (checkout.Reader, error)
	// ListReadersWithIntents lists the readers with the PaymentIntents their actions
	// work on, in one listing.
	ListReadersWithIntents(ctx context.Context) ([]checkout.Reader, []checkout.Intent, error)
}

// Demo is the emulator's fault panel; nil when the API is not an emulator.
type Demo interface {
	ReaderFaults(ctx context.Context) (map[string][]string, error)
	ToggleReaderFault(ctx context.Context, readerID, fault string) error
	Faults() []common.Fault // the switchable faults, in panel order
}

// Deps are the pane's connections and clock.
type Deps struct {
	Gateway     Gateway
	Demo        Demo
	Now         func() time.Time
	After       func(time.Duration, func(time.Time) tea.Msg) tea.Cmd
	CallTimeout time.Duration
	StuckAfter  time.Duration
	TillID      string // this till's metadata[till_id]: its payments on any reader are "this till"
	Live        bool   // Stripe live mode: no test cards
}

// Lookback is how far back the pane asks Stripe for the intents on the readers.
const Lookback = 7 * 24 * time.Hour

// The pane refreshes every Every, doubling per failure up to Max.
const (
	Every = 2 * time.Second
	Max   = 30 * time.Second
)

// Model is the Readers pane.
type Model struct {
	styles *common.Styles
	shared common.Keys
	deps   Deps
	ck     common.Checkout
	// intents are the PaymentIntents listed, for whose a reader's payment is, when it was
	// created and what it is doing.
	intents []checkout.Intent

	// One refresh loop at a time: each visit (and each s) starts a new gen, and an older
	// gen's refresh is dropped; none runs while the pane is hidden.
	shown     bool
	readers   []checkout.Reader
	locations map[string]string // location id → display name
	err       error
	fails     int
	gen       int
	readAt    time.Time
	loading   bool
	pick      int
	seen      map[string]time.Time // action → when this pane first saw it in progress
	faults    map[string][]string  // reader id → faults on (emulator only)
	faultsErr error
	faultPick int
	faultsOn  bool // the fault list is open
	cardsOn   bool // the test cards are listed
	card      int
	ask       *common.Question[Model]
	acting    string // what is under way on a reader, for the status line
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

// Enter shows the pane and starts its refresh loop.
func (m Model) Enter() (Model, tea.Cmd) {
	m.shown, m.faultsOn, m.cardsOn, m.ask = true, false, false, nil
	return m.load(true)
}

// Leave hides the pane; its loop ends with the next refresh.
func (m Model) Leave() Model {
	m.shown, m.faultsOn, m.cardsOn, m.ask = false, false, false, nil
	return m
}

// Question is the pane's open question.
func (m Model) Question() string {
	if m.ask != nil {
		return m.ask.Text
	}
	return ""
}

// Acting is what is under way, for the status line.
func (m Model) Acting() string { return m.acting }

// Open reports whether a list or a question has the keys, not the tabs.
func (m Model) Open() bool { return m.faultsOn || m.cardsOn || m.ask != nil }

// load starts a new refresh loop: a read now, then one every Every (with backoff)
// while the pane is visible. Older loops end with their gen. The intents are listed on
// the first read of a visit and on s, not on every refresh.
func (m Model) load(intents bool) (Model, tea.Cmd) {
	m.gen++
	m.loading = true
	return m, m.readCmd(m.gen, m.locations == nil, intents)
}

// Update takes the pane's answers and, while it is shown, its keys.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyMsg:
		return m.key(msg)
	case readMsg:
		return m.read(msg)
	case DueMsg:
		if msg.gen != m.gen || !m.shown {
			return m, nil
		}
		return m, m.readCmd(msg.gen, m.locations == nil, false)
	case actedMsg:
		return m.acted(msg)
	case toggledMsg:
		var say tea.Cmd
		if msg.err != nil {
			say = common.Say(common.LevelError, "Could not switch "+msg.fault+": "+msg.err.Error())
		}
		if !m.shown {
			return m, say
		}
		m, cmd := m.load(false)
		return m, tea.Batch(say, cmd)
	}
	return m, nil
}

// read takes a refresh and plans the next one.
func (m Model) read(msg readMsg) (Model, tea.Cmd) {
	if msg.gen != m.gen || !m.shown {
		return m, nil
	}
	now := m.deps.Now()
	m.loading = false
	if msg.err != nil {
		m.err = msg.err
		m.fails++
	} else {
		m.err, m.fails, m.readAt = nil, 0, now
		m = m.withReaders(common.SortedReaders(msg.readers), now)
	}
	if msg.locations != nil {
		names := make(map[string]string, len(msg.locations))
		for _, l := range msg.locations {
			names[l.ID] = l.DisplayName
		}
		m.locations = names
	}
	if msg.faults != nil || msg.faultsErr != nil {
		m.faults, m.faultsErr = msg.faults, msg.faultsErr
	}
	if msg.intents != nil {
		m.intents = msg.intents
	}
	gen := msg.gen
	wait := m.refreshDelay()
	return m, m.deps.After(wait, func(time.Time) tea.Msg { return DueMsg{gen: gen} })
}

// refreshDelay is how long the pane waits before its next read: Every, doubled per
// read in a row that failed, up to Max.
func (m Model) refreshDelay() time.Duration { return checkout.Backoff(Every, Max, m.fails) }

// withReaders takes a fresh list, keeping the selection on its reader and the time each
// action in progress was first seen.
func (m Model) withReaders(readers []checkout.Reader, now time.Time) Model {
	seen := make(map[string]time.Time, len(readers))
	for _, r := range readers {
		if id := actionKey(r); id != "" {
			if at, ok := m.seen[id]; ok {
				seen[id] = at
			} else {
				seen[id] = now
			}
		}
	}
	m.pick, m.readers, m.seen = common.Follow(m.readers, readers, m.pick, common.ReaderID), readers, seen
	return m
}

// actionKey names a reader's action in progress, or "" when it has none.
func actionKey(r checkout.Reader) string {
	if r.Action == nil || r.Action.Status != checkout.ActionInProgress {
		return ""
	}
	return r.ID + "|" + r.Action.Type + "|" + r.Action.PaymentIntentID
}

// actionAge is how long the reader's action has been in progress: for the checkout's
// own payment since the reader took it; for another payment since it was created, the
// best Stripe tells (an action starts after its intent), else since this pane first saw
// it.
func (m Model) actionAge(r checkout.Reader) (time.Duration, bool) {
	at, ok := m.seen[actionKey(r)]
	if !ok {
		return 0, false
	}
	if s := m.ck.Session; s.Phase == checkout.Awaiting && !s.ActionSince.IsZero() && s.ActionSince.Before(at) &&
		r.ID == s.ReaderID && r.Action.PaymentIntentID == s.PaymentIntentID {
		at = s.ActionSince
	} else if in, ok := m.intent(r.Action.PaymentIntentID); ok && !in.Created.IsZero() && in.Created.Before(at) {
		at = in.Created
	}
	return m.deps.Now().Sub(at), true
}

// intent is a listed intent, by id.
func (m Model) intent(pi string) (checkout.Intent, bool) {
	for _, in := range m.intents {
		if in.ID == pi && pi != "" {
			return in, true
		}
	}
	return checkout.Intent{}, false
}

// mine reports whether a PaymentIntent is this till's: the cashier's side knows it, or
// Stripe's metadata says this till made it.
func (m Model) mine(pi string) bool {
	if m.ck.Mine(pi) {
		return true
	}
	in, ok := m.intent(pi)
	return ok && m.deps.TillID != "" && in.TillID == m.deps.TillID
}

// stuck reports an action in progress for longer than StuckAfter: the reader may have
// dropped off mid-payment, which Stripe never reports.
func (m Model) stuck(r checkout.Reader) bool {
	age, ok := m.actionAge(r)
	return ok && age > m.deps.StuckAfter
}

// selected is the reader under the cursor.
func (m Model) selected() (checkout.Reader, bool) {
	if len(m.readers) == 0 {
		return checkout.Reader{}, false
	}
	return m.readers[common.Clamp(m.pick, len(m.readers))], true
}

// cancelAction cancels the selected reader's action in progress, asking first when
// the action is not this till's. The reader is read again right before the call.
func (m Model) cancelAction(display bool) (Model, tea.Cmd) {
	r, ok := m.selected()
	if !ok || r.Action == nil || r.Action.Status != checkout.ActionInProgress {
		return m, nil
	}
	shown := *r.Action
	what := "Canceled " + shown.Type + " on " + r.Name() + "."
	if display {
		what = "Cleared the display of " + r.Name() + "."
	}
	run := func(m Model) (Model, tea.Cmd) {
		m.acting = "Canceling the action on " + r.Name() + "…"
		return m, m.cancelCmd(r, shown, what)
	}
	if display || m.mine(shown.PaymentIntentID) {
		return run(m)
	}
	owner := "another till's or the Dashboard's"
	if shown.PaymentIntentID != "" {
		owner = "not this till's (" + shown.PaymentIntentID + ")"
	}
	m.ask = &common.Question[Model]{
		Text: fmt.Sprintf("Cancel %s on %s? It is %s; its customer must start again. (y/n)", shown.Type, r.Name(), owner),
		Yes:  run,
	}
	return m, nil
}

// present holds a test card to the selected simulated reader.
func (m Model) present(number string) (Model, tea.Cmd) {
	r, ok := m.selected()
	if !ok || !m.takesCards(r) {
		return m, nil
	}
	m.acting = "Presenting " + common.Grouped(number) + " on " + r.Name() + "…"
	gw, timeout := m.deps.Gateway, m.deps.CallTimeout
	return m, func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), timeout)
		defer cancel()
		_, err := gw.PresentCard(ctx, r.ID, number)
		return actedMsg{done: "Presented " + common.Grouped(number) + " on " + r.Name() + ".", err: err}
	}
}

// takesCards reports whether a reader takes test cards from here: a simulated one, and
// never in live mode.
func (m Model) takesCards(r checkout.Reader) bool { return r.Simulated() && !m.deps.Live }

// acted reports an action on a reader and reads the readers again at once.
func (m Model) acted(msg actedMsg) (Model, tea.Cmd) {
	m.acting = ""
	var say tea.Cmd
	switch {
	case msg.err != nil:
		say = common.Say(common.LevelError, checkout.Explain(checkout.AsFailure(msg.err)))
	case msg.unread != "":
		say = common.Say(common.LevelError, msg.unread)
	case msg.refused != "":
		say = common.Say(common.LevelWarn, msg.refused)
	default:
		say = common.Say(common.LevelWarn, msg.done)
	}
	if !m.shown {
		return m, say
	}
	m, cmd := m.load(false)
	return m, tea.Batch(say, cmd)
}

// toggleFault switches the fault under the cursor on the selected reader.
func (m Model) toggleFault() (Model, tea.Cmd) {
	r, ok := m.selected()
	if !ok || m.deps.Demo == nil {
		return m, nil
	}
	faults := m.faultList()
	if len(faults) == 0 {
		return m, nil
	}
	f := faults[common.Clamp(m.faultPick, len(faults))]
	demo, timeout := m.deps.Demo, m.deps.CallTimeout
	return m, func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), timeout)
		defer cancel()
		return toggledMsg{fault: f.Name, err: demo.ToggleReaderFault(ctx, f.Scope(r.ID), f.Name)}
	}
}

// faultOn reports whether the emulator has the fault on for the reader (for every
// reader, a global one).
func (m Model) faultOn(readerID string, f common.Fault) bool {
	return slices.Contains(m.faults[f.Scope(readerID)], f.Name)
}
