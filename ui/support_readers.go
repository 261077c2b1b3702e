package ui

import (
	"context"
	"fmt"
	"maps"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/till-pos/till/checkout"
)

// loadReaders starts a new refresh loop of the Readers pane: a read now, then one every
// readersEvery (with backoff) while the pane is visible. Older loops end with their gen.
func (m Model) loadReaders() (Model, tea.Cmd) {
	m.sup.readersGen++
	m.sup.loadingRdrs = true
	return m, readersCmd(m.deps, m.sup.readersGen, m.sup.locations == nil, m.opts.CallTimeout)
}

// readersVisible reports whether the Readers pane is on screen.
func (m Model) readersVisible() bool { return m.sup.open && m.sup.pane == paneReaders }

// readersRead takes a refresh and plans the next one.
func (m Model) readersRead(msg readersReadMsg) (Model, tea.Cmd) {
	if msg.gen != m.sup.readersGen || !m.readersVisible() {
		return m, nil
	}
	m.sup.loadingRdrs = false
	if msg.err != nil {
		m.sup.readersErr = msg.err
		m.sup.readersFails++
	} else {
		m.sup.readersErr, m.sup.readersFails, m.sup.readersAt = nil, 0, m.opts.Now()
		m.sup = m.sup.withReaders(sortedReaders(msg.readers), m.opts.Now())
	}
	if msg.locations != nil {
		names := make(map[string]string, len(msg.locations))
		for _, l := range msg.locations {
			names[l.ID] = l.DisplayName
		}
		m.sup.locations = names
	}
	if msg.faults != nil || msg.faultsErr != nil {
		m.sup.faults, m.sup.faultsErr = msg.faults, msg.faultsErr
	}
	gen := msg.gen
	wait := checkout.Backoff(readersEvery, readersMax, m.sup.readersFails)
	return m, m.after(wait, func(time.Time) tea.Msg { return readersDueMsg{gen: gen} })
}

// readersDue refreshes the pane, unless its loop has ended.
func (m Model) readersDue(msg readersDueMsg) (Model, tea.Cmd) {
	if msg.gen != m.sup.readersGen || !m.readersVisible() {
		return m, nil
	}
	return m, readersCmd(m.deps, msg.gen, m.sup.locations == nil, m.opts.CallTimeout)
}

// withReaders takes a fresh list, keeping the selection on its reader and the time each
// action in progress was first seen.
func (s support) withReaders(readers []checkout.Reader, now time.Time) support {
	seen := make(map[string]time.Time, len(readers))
	for _, r := range readers {
		if id := actionKey(r); id != "" {
			if at, ok := s.seen[id]; ok {
				seen[id] = at
			} else {
				seen[id] = now
			}
		}
	}
	s.pick, s.readers, s.seen = follow(s.readers, readers, s.pick, readerID), readers, seen
	return s
}

// actionKey names a reader's action in progress, or "" when it has none.
func actionKey(r checkout.Reader) string {
	if r.Action == nil || r.Action.Status != checkout.ActionInProgress {
		return ""
	}
	return r.ID + "|" + r.Action.Type + "|" + r.Action.PaymentIntentID
}

// actionAge is how long the reader's action has been in progress: for the checkout's
// own payment since the reader took it, else since this screen first saw it.
func (m Model) actionAge(r checkout.Reader) (time.Duration, bool) {
	at, ok := m.sup.seen[actionKey(r)]
	if !ok {
		return 0, false
	}
	if s := m.session; s.Phase == checkout.Awaiting && !s.ActionSince.IsZero() && s.ActionSince.Before(at) &&
		r.ID == s.ReaderID && r.Action.PaymentIntentID == s.PaymentIntentID {
		at = s.ActionSince
	}
	return m.opts.Now().Sub(at), true
}

// stuck reports an action in progress for longer than Options.StuckAfter: the reader
// may have dropped off mid-payment, which Stripe never reports.
func (m Model) stuck(r checkout.Reader) bool {
	age, ok := m.actionAge(r)
	return ok && age > m.opts.StuckAfter
}

// selectedReader is the reader under the cursor.
func (m Model) selectedReader() (checkout.Reader, bool) {
	if len(m.sup.readers) == 0 {
		return checkout.Reader{}, false
	}
	return m.sup.readers[clamp(m.sup.pick, len(m.sup.readers))], true
}

// cancelReaderAction cancels the selected reader's action in progress, asking first when
// the action is not this till's. The reader is read again right before the call.
func (m Model) cancelReaderAction(display bool) (Model, tea.Cmd) {
	r, ok := m.selectedReader()
	if !ok || r.Action == nil || r.Action.Status != checkout.ActionInProgress {
		return m, nil
	}
	shown := *r.Action
	what := "Canceled " + shown.Type + " on " + r.Name() + "."
	if display {
		what = "Cleared the display of " + r.Name() + "."
	}
	run := func(m Model) (Model, tea.Cmd) {
		m.sup.acting = "Canceling the action on " + r.Name() + "…"
		return m, cancelActionCmd(m.deps.Gateway, r.ID, shown, what, m.opts.CallTimeout)
	}
	if display || m.thisTill(shown.PaymentIntentID) {
		return run(m)
	}
	owner := "another till's or the Dashboard's"
	if shown.PaymentIntentID != "" {
		owner = "not this till's (" + shown.PaymentIntentID + ")"
	}
	m.sup.ask = &question{
		text: fmt.Sprintf("Cancel %s on %s? It is %s; its customer must start again. (y/n)", shown.Type, r.Name(), owner),
		yes:  run,
	}
	return m, nil
}

// presentOnReader holds a test card to the selected simulated reader.
func (m Model) presentOnReader(number string) (Model, tea.Cmd) {
	r, ok := m.selectedReader()
	if !ok || !r.Simulated() {
		return m, nil
	}
	m.sup.acting = "Presenting " + grouped(number) + " on " + r.Name() + "…"
	gw, timeout := m.deps.Gateway, m.opts.CallTimeout
	return m, func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), timeout)
		defer cancel()
		_, err := gw.PresentCard(ctx, r.ID, number)
		return readerActedMsg{done: "Presented " + grouped(number) + " on " + r.Name() + ".", err: err}
	}
}

// readerActed reports an action on a reader and reads the readers again at once.
func (m Model) readerActed(msg readerActedMsg) (Model, tea.Cmd) {
	m.sup.acting = ""
	switch {
	case msg.err != nil:
		m.flash = flash{level: levelError, text: checkout.Explain(checkout.AsFailure(msg.err))}
	case msg.refused != "":
		m.flash = flash{level: levelWarn, text: msg.refused}
	default:
		m.flash = flash{level: levelWarn, text: msg.done}
	}
	if !m.readersVisible() {
		return m, nil
	}
	return m.loadReaders()
}

// toggleFault switches the fault under the cursor on the selected reader.
func (m Model) toggleFault() (Model, tea.Cmd) {
	r, ok := m.selectedReader()
	if !ok || m.deps.Demo == nil {
		return m, nil
	}
	name := faultNames[clamp(m.sup.faultPick, len(faultNames))]
	demo, timeout := m.deps.Demo, m.opts.CallTimeout
	return m, func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), timeout)
		defer cancel()
		return faultToggledMsg{fault: name, err: demo.ToggleReaderFault(ctx, r.ID, name)}
	}
}

// faultToggled reads the readers and their faults again.
func (m Model) faultToggled(msg faultToggledMsg) (Model, tea.Cmd) {
	if msg.err != nil {
		m.flash = flash{level: levelError, text: "Could not switch " + msg.fault + ": " + msg.err.Error()}
	}
	if !m.readersVisible() {
		return m, nil
	}
	return m.loadReaders()
}

// faultOn reports whether the emulator has the fault on for the reader.
func (s support) faultOn(readerID, fault string) bool {
	for _, f := range s.faults[readerID] {
		if f == fault {
			return true
		}
	}
	return false
}

// faultNames are the emulator's switchable reader faults (emulator.FaultNames; a test
// keeps the two lists equal, and ui does not import the emulator).
var faultNames = []string{
	"offline", "timeout", "timeout_delivered", "connection_error",
	"connection_error_authorized", "disconnect", "customer_cancel", "reader_busy", "lost_capture",
}

// readersCmd lists the readers (and, when asked, the locations) and the emulator's faults.
func readersCmd(deps Deps, gen int, withLocations bool, timeout time.Duration) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), timeout)
		defer cancel()
		msg := readersReadMsg{gen: gen}
		msg.readers, msg.err = deps.Gateway.ListReaders(ctx)
		if withLocations && msg.err == nil {
			if locs, err := deps.Gateway.ListLocations(ctx); err == nil {
				msg.locations = append([]checkout.Location{}, locs...)
			}
		}
		if deps.Demo != nil {
			faults, err := deps.Demo.ReaderFaults(ctx)
			msg.faults, msg.faultsErr = maps.Clone(faults), err
			if msg.faults == nil && err == nil {
				msg.faults = map[string][]string{}
			}
		}
		return msg
	}
}

// cancelActionCmd compares before it cancels: it reads the reader again and cancels only
// when the action in progress is still the one support saw.
func cancelActionCmd(gw Gateway, readerID string, shown checkout.ReaderAction, done string, timeout time.Duration) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), timeout)
		defer cancel()
		r, err := gw.ReadReader(ctx, readerID)
		if err != nil {
			return readerActedMsg{err: err}
		}
		a := r.Action
		if a == nil || a.Status != checkout.ActionInProgress || a.Type != shown.Type || a.PaymentIntentID != shown.PaymentIntentID {
			return readerActedMsg{refused: "Nothing canceled: the reader's action changed since it was shown (now " + actionSummary(a) + "). Look again."}
		}
		if _, err := gw.CancelReaderAction(ctx, readerID); err != nil {
			return readerActedMsg{err: err}
		}
		return readerActedMsg{done: done}
	}
}

// actionSummary names an action in a few words.
func actionSummary(a *checkout.ReaderAction) string {
	if a == nil {
		return "no action"
	}
	s := a.Type + " " + string(a.Status)
	if a.PaymentIntentID != "" {
		s += " on " + a.PaymentIntentID
	}
	return s
}
