package ui

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// rule is the line under the header, and the banners that belong on every screen: in
// live mode it starts with LIVE (at every size, the first thing it says), and while a
// webhook receiver runs it ends with the source that keeps payments current (webhooks
// and the last event's lag, or polling). A banner that comes and goes (an outage) goes
// on its own line under this one, so LIVE never moves.
func (m Model) rule(w int) string {
	st := m.styles
	left := ""
	if m.opts.Live {
		left = st.Live.Render(" LIVE ") + st.Error.Render(" real cards, real money ")
	}
	right := ""
	for _, short := range []bool{false, true} {
		src := m.hooks.Source(short)
		if src == "" {
			break
		}
		style := st.Muted
		switch {
		case m.hooks.Health.Arriving:
			style = st.Success
		case m.hooks.Fallen():
			style = st.Warning // webhooks went silent: till polls fast until they are back
		}
		right = style.Render(" "+src+" ") + st.Rule.Render("──")
		if ansi.StringWidth(left)+ansi.StringWidth(right) <= w {
			break
		}
		right = ""
	}
	fill := max(w-ansi.StringWidth(left)-ansi.StringWidth(right), 0)
	return left + st.Rule.Render(strings.Repeat("─", fill)) + right
}

// liveMark opens the first line of the screen that asks to be enlarged, in live mode.
func (m Model) liveMark() string {
	if !m.opts.Live {
		return ""
	}
	return m.styles.Live.Render(" LIVE ") + " "
}
