package ui

import (
	"fmt"
	"strings"
	"time"
)

// supportHeader names the shop and the screen, and what the checkout underneath is doing.
func (m Model) supportHeader() string {
	st := m.styles
	parts := []string{st.Shop.Render(m.opts.Shop), st.Title.Render("Support")}
	if m.live() {
		parts = append(parts, st.Header.Render("checkout: order "+m.session.OrderID+" "+m.session.Phase.String()))
	} else {
		parts = append(parts, st.Muted.Render("checkout: "+m.session.Phase.String()))
	}
	return strings.Join(parts, st.Muted.Render(" · "))
}

// supportBody draws the pane tabs and the pane.
func (m Model) supportBody(p *page) {
	var tabs []string
	for i, name := range paneNames {
		label := fmt.Sprintf("%d %s", i+1, name)
		if pane(i) == m.sup.pane {
			tabs = append(tabs, m.styles.Selected.Render("["+label+"]"))
		} else {
			tabs = append(tabs, m.styles.Muted.Render(" "+label+" "))
		}
	}
	p.line(strings.Join(tabs, " "))
	p.blank()
	switch m.sup.pane {
	case paneReaders:
		m.readersPane(p)
	case panePayments:
		m.paymentsPane(p)
	case paneTimeline:
		m.timelinePane(p)
	case paneShift:
		m.shiftPane(p)
	}
}

// age words a duration the short way: 45s, 3m05s, 2h10m, 3d4h.
func age(d time.Duration) string {
	if d < 0 {
		d = 0
	}
	s := int(d / time.Second)
	switch {
	case s < 60:
		return fmt.Sprintf("%ds", s)
	case s < 3600:
		return fmt.Sprintf("%dm%02ds", s/60, s%60)
	case s < 86400:
		return fmt.Sprintf("%dh%02dm", s/3600, s%3600/60)
	}
	return fmt.Sprintf("%dd%dh", s/86400, s%86400/3600)
}

// owner says whose payment an intent is.
func (m Model) owner(pi string) string {
	switch {
	case pi == "":
		return ""
	case m.thisTill(pi):
		return "this till"
	}
	return "other"
}
