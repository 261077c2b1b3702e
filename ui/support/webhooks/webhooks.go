// Package webhooks is the support screen's Webhooks pane: whether till's webhook
// receiver runs, whether Stripe's events arrive (and how late), and what it refused or
// failed to take, from the state the root reads once a second. It has no keys of its
// own: there is nothing to do here but read.
package webhooks

import (
	"strconv"
	"time"

	"github.com/till-pos/till/ui/common"
)

// Model is the Webhooks pane.
type Model struct {
	styles *common.Styles
	now    func() time.Time
	hooks  common.Webhooks
}

// New is the pane; now is the screen's clock.
func New(st *common.Styles, now func() time.Time) Model {
	return Model{styles: st, now: now}
}

// With hands the pane the receiver's state.
func (m Model) With(w common.Webhooks) Model {
	m.hooks = w
	return m
}

// View draws the pane: what keeps payments current and why, then the counts, those
// support asks about first at the top so a short screen loses only the rest.
func (m Model) View(p *common.Page, _ int) {
	st := m.styles
	h := m.hooks.Health
	if !m.hooks.On {
		p.Para(st.Header, "Webhooks are off (no webhook.listen in the configuration): till polls Stripe for every payment.")
		p.Blank()
		p.Para(st.Muted, "till setup --webhook-url URL turns them on; the README's Webhooks section shows how Stripe's events reach this PC (a reverse proxy, a tunnel, or stripe listen while developing).")
		return
	}
	now := m.now()
	switch {
	case h.Arriving:
		p.Para(st.Success, "Webhooks arrive: Stripe's events move payments on at once; polling is the slow safety net.")
	case h.LastEventAt.IsZero():
		p.Para(st.Header, "No event since till started, so till polls. If a payment moved and none came, check the route from Stripe to "+h.Listen+" (till doctor tests it).")
	default:
		p.Para(st.Header, "No event for "+common.Age(now.Sub(h.LastEventAt))+": till polls until the next one. A quiet till hears none; if payments moved, check the route from Stripe (till doctor tests it).")
	}
	// The rows give way from the last up, named on a "… no room for:" line.
	d := p.Detail(st)
	last := "none yet"
	if !h.LastEventAt.IsZero() {
		last = at(h.LastEventAt, now) + ", " + common.Lag(h.LastLag) + " late"
	}
	d.Row("Last event", last)
	m.count(d, "Failures", h.Failures, "could not be read or recorded", true)
	m.count(d, "Rejected", h.Rejected, "bad or old signature, wrong account", true)
	if h.LastProblem != "" {
		d.StyledRow("Last problem", st.Warning, at(h.LastProblemAt, now)+": "+h.LastProblem)
	}
	d.Row("Received", common.Plural(h.Received, "event", "events"))
	m.count(d, "Duplicates", h.Duplicates, "retries or replays, applied once", false)
	m.count(d, "Other version", h.OtherVersion, "another API version, read anyway", false)
	d.Row("Listening on", common.OrDash(h.Listen))
	p.Under(d)
}

// count is a row of a count and what it counts, in warning colours when it counts
// problems and there were some.
func (m Model) count(d *common.Detail, label string, n int, what string, problem bool) {
	text := strconv.Itoa(n) + " (" + what + ")"
	if problem && n > 0 {
		d.StyledRow(label, m.styles.Warning, text)
		return
	}
	d.Row(label, text)
}

// at words a moment: its time of day and how long ago.
func at(t, now time.Time) string {
	return t.Local().Format("15:04:05") + " (" + common.Age(now.Sub(t)) + " ago)"
}
