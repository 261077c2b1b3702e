package ui

import (
	tea "github.com/charmbracelet/bubbletea"

	"github.com/till-pos/till/checkout"
)

// lane says whose session a job drives. The cashier's payment is one lane; a payment
// support settles from the Payments pane (an unfinished order of an earlier run) is the
// other. Both go through the same driving code (act, commit, saved, due, finished).
type lane int

const (
	laneCashier lane = iota
	laneSupport
)

// laneState is the part of the model that belongs to one lane.
type laneState struct {
	session checkout.Session
	rev     int
	gen     int
	stalled bool
}

// swap exchanges the lane in place with the one put aside.
func (m Model) swap() Model {
	aside := laneState{session: m.session, rev: m.rev, gen: m.gen, stalled: m.stalled}
	m.session, m.rev, m.gen, m.stalled = m.other.session, m.other.rev, m.other.gen, m.other.stalled
	m.other = aside
	m.lane = 1 - m.lane
	return m
}

// inSupportLane runs fn with the support lane's session in place, and puts the
// cashier's back afterwards. Outside it, the model always holds the cashier's lane.
func (m Model) inSupportLane(fn func(Model) (Model, tea.Cmd)) (Model, tea.Cmd) {
	m, cmd := fn(m.swap())
	return m.swap(), cmd
}
