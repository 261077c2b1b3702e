package support

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/ui/common"
)

// Heading is the header after the shop's name: the screen, and what the checkout
// underneath is doing, in the words of checkout's PhaseWords ("declined" only for a
// card decline). With a width (a narrow screen) it leaves out the screen's name (the
// tabs under the header say it) and the word "order" before the order id, and cuts
// those words as the shop's name is cut (common.CutName), or leaves them out when
// they do not fit even cut, so that the order id stays whole; with 0 it is the long
// form.
func (m Model) Heading(width int) []string {
	st := m.styles
	s := m.ck.Session
	style, words, order := st.Muted, "cashier: "+s.PhaseWords(), s.OrderID
	switch r := m.ck.Refund; {
	case r.Phase.UnderWay() && !m.ck.Live():
		style, words, order = st.Header, "cashier: refund "+r.PhaseWords(), r.OrderID
	case s.Phase == checkout.Building:
		order = ""
	case m.ck.Live():
		style = st.Header
	}
	if width <= 0 {
		if order != "" {
			words += ", order " + order
		}
		return []string{st.Title.Render("Support"), style.Render(words)}
	}
	if order != "" {
		cut, ok := common.CutName(words, width-ansi.StringWidth(", "+order))
		if !ok {
			return []string{style.Render(order)}
		}
		words = cut + ", " + order
	}
	return []string{style.Render(words)}
}

// wideTabs is the narrowest screen the tabs are spaced out on.
const wideTabs = 70

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
	if !common.Short(sc.Height) {
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
