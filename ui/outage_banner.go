package ui

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/ui/common"
)

// maxHeldLines is how many held calls the banner lists, one line each.
const maxHeldLines = 2

// recoveredFor is how long the banner says Stripe answers again after an outage.
const recoveredFor = time.Minute

// reachNow is whether Stripe answers, as main last saw it.
func (m Model) reachNow() checkout.Reach {
	if m.reach == nil {
		return checkout.Reach{}
	}
	return m.reach()
}

// recoveredUntil is when the "Stripe answers again" line ends, while it shows.
func (m Model) recoveredUntil() (time.Time, bool) {
	return m.reachNow().RecoveredUntil(m.opts.Now(), recoveredFor)
}

// banner is the lasting lines under the rule, on every screen: Stripe unreachable
// (wrapped rather than cut: it is why cards are refused), or back a moment ago, and each
// capture or cancel held until Stripe answers, with the time left to capture.
func (m Model) banner(w int) []string {
	st, now := m.styles, m.opts.Now()
	r := m.reachNow()
	var lines []string
	if text := r.Banner(time.Local); text != "" {
		if ansi.StringWidth(text) > w {
			text = r.NarrowBanner(time.Local)
		}
		for _, l := range common.Wrap(text, w) {
			lines = append(lines, st.Error.Render(l))
		}
	} else if text := r.Recovered(now, recoveredFor, time.Local); text != "" {
		lines = append(lines, st.Success.Render(text))
	}
	held := m.outbox.Held()
	for i, h := range held {
		if i == maxHeldLines && len(held) > maxHeldLines+1 {
			lines = append(lines, st.Warning.Render(fmt.Sprintf("… and %d more held (ctrl+s › Payments)", len(held)-i)))
			break
		}
		lines = append(lines, st.Warning.Render(heldLine(h, now, w)))
	}
	return lines
}

// heldLine is one held call: what, since when, and the countdown; what till does about
// it when the line has room.
func heldLine(h checkout.HeldCall, now time.Time, w int) string {
	what := h.What()
	text := strings.ToUpper(what[:1]) + what[1:] + " held since " + h.Since.In(time.Local).Format("15:04")
	if c := h.Countdown(now); c != "" {
		text += " · " + c
	}
	if long := text + " · sent when Stripe answers"; ansi.StringWidth(long) <= w {
		return long
	}
	return text
}
