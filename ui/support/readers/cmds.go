package readers

import (
	"context"
	"maps"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/ui/common"
)

// Messages of the pane. Like every message, each holds values only.
type (
	// readMsg is one refresh; gen names the loop it belongs to.
	readMsg struct {
		gen       int
		readers   []checkout.Reader
		err       error
		locations []checkout.Location // nil when not asked for or not read
		intents   []checkout.Intent   // nil when not asked for or not read
		faults    map[string][]string // nil without the emulator's panel
		faultsErr error
	}
	// DueMsg says the pane's next refresh is due.
	DueMsg struct{ gen int }
	// actedMsg is the answer to an action on a reader (cancel, clear, present).
	actedMsg struct {
		done    string // what was done, for the status line
		refused string // why nothing was done, when the reader had moved on
		unread  string // why nothing was done, when the reader could not be read first
		err     error
	}
	// toggledMsg is the answer to switching an emulator fault.
	toggledMsg struct {
		fault string
		err   error
	}
)

// readCmd lists the readers (and, when asked, the locations and the last days'
// intents) and the emulator's faults.
func (m Model) readCmd(gen int, withLocations, withIntents bool) tea.Cmd {
	gw, demo, timeout := m.deps.Gateway, m.deps.Demo, m.deps.CallTimeout
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), timeout)
		defer cancel()
		msg := readMsg{gen: gen}
		if withIntents {
			var ins []checkout.Intent
			if msg.readers, ins, msg.err = gw.ListReadersWithIntents(ctx); msg.err == nil {
				msg.intents = append([]checkout.Intent{}, ins...)
			}
		} else {
			msg.readers, msg.err = gw.ListReaders(ctx)
		}
		if withLocations && msg.err == nil {
			if locs, err := gw.ListLocations(ctx); err == nil {
				msg.locations = append([]checkout.Location{}, locs...)
			}
		}
		if demo != nil {
			faults, err := demo.ReaderFaults(ctx)
			msg.faults, msg.faultsErr = maps.Clone(faults), err
			if msg.faults == nil && err == nil {
				msg.faults = map[string][]string{}
			}
		}
		return msg
	}
}

// cancelCmd compares before it cancels: it reads the reader again and cancels only
// when the action in progress is still the one support saw. A read that fails sent
// nothing, and says what the network said.
func (m Model) cancelCmd(reader checkout.Reader, shown checkout.ReaderAction, done string) tea.Cmd {
	gw, timeout, readerID := m.deps.Gateway, m.deps.CallTimeout, reader.ID
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), timeout)
		defer cancel()
		r, err := gw.ReadReader(ctx, readerID)
		if err != nil {
			return actedMsg{unread: common.NothingDoneUnread("Nothing canceled", reader.Name(), checkout.AsFailure(err))}
		}
		a := r.Action
		if a == nil || a.Status != checkout.ActionInProgress || a.Type != shown.Type || a.PaymentIntentID != shown.PaymentIntentID {
			return actedMsg{refused: "Nothing canceled: the reader's action changed since it was shown (now " + actionSummary(a) + "). Look again."}
		}
		if _, err := gw.CancelReaderAction(ctx, readerID); err != nil {
			return actedMsg{err: err}
		}
		return actedMsg{done: done}
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
