package support

import (
	"fmt"
	"strings"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/ui/common"
)

// Heading is the header after the shop's name: the screen, and what the checkout
// underneath is doing. Short, for a narrow screen, leaves out the screen's name (the
// tabs under the header say it) and the word "order" before the order id.
func (m Model) Heading(short bool) []string {
	st := m.styles
	parts := []string{st.Title.Render("Support")}
	s := m.ck.Session
	order := ", order "
	if short {
		parts, order = nil, ", "
	}
	switch r := m.ck.Refund; {
	case r.Phase.UnderWay() && !m.ck.Live():
		parts = append(parts, st.Header.Render("cashier: refund "+r.Phase.String()+order+r.OrderID))
	case s.Phase == checkout.Building:
		parts = append(parts, st.Muted.Render("cashier: cart open"))
	case m.ck.Live():
		parts = append(parts, st.Header.Render("cashier: "+s.Phase.String()+order+s.OrderID))
	default:
		parts = append(parts, st.Muted.Render("cashier: "+s.Phase.String()+order+s.OrderID))
	}
	return parts
}

// wideTabs is the narrowest screen the tabs are spaced out on.
const wideTabs = 70

// roomy is the shortest body that has a blank line under the tabs: at 60×20 with a
// one-line status it has.
const roomy = 14

// View draws the tabs and the pane on screen.
func (m Model) View(sc common.Screen) string {
	p := &common.Page{Width: sc.Width, Height: sc.Height}
	// The tabs are spaced out when they fit so, and close together on a narrow screen.
	pad := " "
	if sc.Width > 0 && sc.Width < wideTabs {
		pad = ""
	}
	var tabs []string
	for i, name := range paneNames {
		label := fmt.Sprintf("%d %s", i+1, name)
		if pane(i) == m.pane {
			tabs = append(tabs, m.styles.Selected.Render("["+label+"]"))
		} else {
			tabs = append(tabs, m.styles.Muted.Render(pad+label+pad))
		}
	}
	p.Line(strings.Join(tabs, " "))
	// On a short screen the blank under the tabs goes first: the pane needs the line.
	if sc.Height == 0 || sc.Height >= roomy {
		p.Blank()
	}
	switch m.pane {
	case paneReaders:
		m.readers.View(p, sc.Frame)
	case panePayments:
		m.payments.View(p, sc.Frame)
	case paneTimeline:
		m.timeline.View(p, sc.Frame)
	case paneShift:
		m.shift.View(p, sc.Frame)
	case paneWebhooks:
		m.webhooks.View(p, sc.Frame)
	}
	return p.String()
}
