package ui

import (
	"context"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/till-pos/till/checkout"
)

// The Cmds below do the screen's I/O. Each captures plain values, never the model.

// saveCmd writes the job's session; Update makes the job's call once it is on disk.
func saveCmd(sv *saver, st Store, j job) tea.Cmd {
	return func() tea.Msg {
		return savedMsg{job: j, err: sv.save(st, j.rev, j.session)}
	}
}

// performCmd makes the job's call, journaled, and reports the event it produced.
func performCmd(gw Gateway, st Store, j job, opts Options) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(checkout.WithBusy(context.Background(), opts.Busy), opts.CallTimeout)
		defer cancel()
		ev := checkout.Carry(ctx, gw, st, j.session, j.effect, opts.Now)
		return resultMsg{lane: j.lane, gen: j.gen, read: j.read(), event: ev}
	}
}

// listReadersCmd lists the readers and reads the remembered choice.
func listReadersCmd(deps Deps, timeout time.Duration) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), timeout)
		defer cancel()
		readers, err := deps.Gateway.ListReaders(ctx)
		pref, prefErr := deps.Store.Pref(prefReader)
		return readersMsg{readers: readers, err: err, pref: pref, prefErr: prefErr}
	}
}

// unfinishedCmd finds the payments a previous run left open.
func unfinishedCmd(st Store) tea.Cmd {
	return func() tea.Msg {
		sessions, err := st.Unfinished()
		return unfinishedMsg{sessions: sessions, err: err}
	}
}

// presentCmd presents a test card on a simulated reader.
func presentCmd(gw Gateway, readerID, number string, timeout time.Duration) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), timeout)
		defer cancel()
		r, err := gw.PresentCard(ctx, readerID, number)
		return presentedMsg{reader: r, err: err}
	}
}

// savePrefCmd remembers the chosen reader for the next start.
func savePrefCmd(st Store, readerID string) tea.Cmd {
	return func() tea.Msg {
		return prefSavedMsg{err: st.SetPref(prefReader, readerID)}
	}
}
