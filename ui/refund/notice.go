package refund

import (
	"slices"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/till-pos/till/checkout"
)

// Notice applies a webhook's notice to the refund on screen and to those followed
// behind it, as a poll's result would be: the refund machine takes what it can (a
// refund's event, its reader's, its charge's) and refuses the rest, which changes
// nothing.
func (m Model) Notice(n checkout.Notified) (Model, tea.Cmd) {
	var cmds []tea.Cmd
	if lane, cmd, err := m.lane.Act(m.deps.Env, n); err == nil {
		// Stripe has spoken since a resume: what the page shows is no longer stale.
		m.lane, m.checking = lane, false
		m, cmd = m.settle(cmd)
		cmds = append(cmds, cmd)
	}
	for i, l := range m.behind {
		next, cmd, err := l.Act(m.deps.Env, n)
		if err != nil {
			continue
		}
		m.behind = slices.Clone(m.behind)
		m.behind[i] = next
		cmds = append(cmds, cmd)
	}
	return m, tea.Batch(cmds...)
}
