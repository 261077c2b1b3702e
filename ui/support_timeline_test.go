package ui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// The selected journal entry is on screen at every golden size, its request id, key
// and outcome in full (wrapped, not cut): support reads them off the screen. The
// entries around it are the ones the page has room for.
func TestTimelineSelectedEntryInFull(t *testing.T) {
	h := paymentsHarness(t)
	journal(h)
	h.openSupport(panePayments)
	h.press("down", "down", "enter")
	for _, tc := range []struct {
		downs int
		want  []string
	}{
		{4, []string{"> 15:05:31.000", "/v1/terminal/readers/tmr_front/process_payment_intent", "req_Emu0000000012"}},
		{1, []string{"> 15:05:32.000", "reader_timeout: terminal_reader_timeout", "till_ord_20260314150500_aaaaaa_process_1"}},
		{1, []string{"> 15:05:33.000", "req_Emu0000000019"}},
	} {
		for range tc.downs {
			h.press("down")
		}
		for _, size := range goldenSizes {
			v := ansi.Strip(sized(h.m, size[0], size[1]).View())
			// Without spaces: a path longer than the line is split across lines.
			flat := strings.Join(strings.Fields(v), "")
			for _, w := range tc.want {
				if !strings.Contains(flat, strings.Join(strings.Fields(w), "")) {
					t.Errorf("%dx%d: %q not on screen:\n%s", size[0], size[1], w, v)
				}
			}
		}
	}
}
