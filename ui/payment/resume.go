package payment

import (
	"fmt"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/ui/common"
)

// Payments an earlier run left open: resumed one at a time, each re-read first.

// unfinished resumes the oldest payment a previous run left open; the others wait
// until it is done.
func (m Model) unfinished(msg unfinishedMsg) (Model, tea.Cmd) {
	if msg.err != nil {
		return m, common.Say(common.LevelError, "Could not read unfinished payments: "+msg.err.Error())
	}
	cur := m.lane.Session()
	var open []checkout.Session
	for _, s := range notHeld(msg.sessions) {
		if s.OrderID != cur.OrderID || cur.OrderID == "" {
			open = append(open, s)
		}
	}
	if len(open) == 0 {
		return m, nil
	}
	if cur.Phase != checkout.Building {
		m.pending = append(m.pending, open...)
		return m, nil
	}
	m.pending = append(m.pending, open[1:]...)
	return m.resume(open[0])
}

// resume carries on a session found unfinished: it re-reads Stripe before anything else.
func (m Model) resume(s checkout.Session) (Model, tea.Cmd) {
	lane, cmd, err := m.lane.Start(m.deps.Env, s, checkout.Resumed{At: m.deps.Env.Now()})
	if err != nil {
		return m, common.Say(common.LevelError, fmt.Sprintf("Could not resume order %s: %v", s.OrderID, err))
	}
	m.lane, m.resumed, m.checking, m.overlay = lane, true, true, overlayNone
	return m.settle(cmd)
}

// Forget drops an unfinished payment from the queue: support is settling it.
func (m Model) Forget(orderID string) Model {
	var keep []checkout.Session
	for _, s := range m.pending {
		if s.OrderID != orderID {
			keep = append(keep, s)
		}
	}
	m.pending = keep
	return m
}

// newSale resumes the next unfinished payment, if any, else opens an empty cart.
func (m Model) newSale() (Model, tea.Cmd) {
	if len(m.pending) > 0 {
		next := m.pending[0]
		m.pending = m.pending[1:]
		return m.resume(next)
	}
	m.lane, m.resumed, m.checking = m.lane.Put(empty(m.opts.Currency)), false, false
	return m, nil
}

// NewSale ends a paid or canceled payment's page: the next unfinished payment, or an
// empty cart. It changes nothing while the payment is under way.
func (m Model) NewSale() (Model, tea.Cmd) {
	if !m.lane.Session().Phase.Finished() {
		return m, nil
	}
	return m.newSale()
}

// again starts a new sale with the canceled payment's cart back on the cart page.
func (m Model) again() (Model, tea.Cmd) {
	c := m.lane.Session().Cart
	m, cmd := m.newSale()
	return m, tea.Batch(cmd, common.Emit(BackToCartMsg{Cart: c}))
}

// Notice says when the payment on screen was left open by an earlier run, and how
// many more wait.
func (m Model) notice(p *common.Page) {
	var parts []string
	s := m.lane.Session()
	if m.resumed && m.Live() && !m.checking {
		parts = append(parts, "Resumed: this payment was left open at "+s.StartedAt.Format("15:04")+".")
	}
	if n := len(m.pending); n > 0 {
		var orders []string
		for i, s := range m.pending {
			if i == 2 {
				orders = append(orders, "…")
				break
			}
			orders = append(orders, s.OrderID+" "+s.Amount.String())
		}
		what := "1 more unfinished payment comes"
		if n > 1 {
			what = fmt.Sprintf("%d more unfinished payments come", n)
		}
		parts = append(parts, what+" next: "+strings.Join(orders, ", ")+" (ctrl+s › Payments lists them).")
	}
	if len(parts) > 0 {
		p.Blank()
		p.Para(m.styles.Warning, strings.Join(parts, " "))
	}
}

// Typing reports whether keys are text: the simulated customer's tip is being typed.
func (m Model) Typing() bool { return m.overlay == overlayTip }
