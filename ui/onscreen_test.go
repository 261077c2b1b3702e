package ui

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/ui/common"
)

// The selected journal entry is on screen at every size from 60×16, its request id, key
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
		requireFlatOnScreen(t, h.m, shownSizes, tc.want)
	}
}

// requireFlatOnScreen checks that the screen shows each of want at each of sizes,
// compared without spaces: a path or an id longer than the line is split across lines.
func requireFlatOnScreen(t *testing.T, m Model, sizes [][2]int, want []string) {
	t.Helper()
	for _, size := range sizes {
		v := ansi.Strip(sized(m, size[0], size[1]).View())
		flat := strings.Join(strings.Fields(v), "")
		for _, w := range want {
			if !strings.Contains(flat, strings.Join(strings.Fields(w), "")) {
				t.Errorf("%dx%d: %q not on screen:\n%s", size[0], size[1], w, v)
			}
		}
	}
}

// The selected reader's detail is on screen whole from 60×20, its state from 60×16,
// however many readers there are: the list gives way to it.
func TestReadersDetailOnScreen(t *testing.T) {
	h := newHarness(t, Options{}, lanes(9)...)
	h.openSupport(paneReaders)
	h.press("down", "down", "down", "down", "down", "down", "down")
	requireOnScreen(t, h.m, []string{"> Lane 7", "Lane 7 · tmr_lane7", "Reader shows"},
		[]string{"Device          simulated_wisepos_e", "Last seen"})
}

// requireOnScreen checks that the screen shows each of first at every size from the
// smallest usable (60×16) and each of then from 60×20, where a detail has room whole.
func requireOnScreen(t *testing.T, m Model, first, then []string) {
	t.Helper()
	for _, size := range shownSizes {
		v := ansi.Strip(sized(m, size[0], size[1]).View())
		want := first
		if size[1] >= 20 {
			want = append(slices.Clip(first), then...)
		}
		words := strings.Join(strings.Fields(v), " ") // where long words wrap is not the point
		for _, w := range want {
			if !strings.Contains(words, strings.Join(strings.Fields(w), " ")) {
				t.Errorf("%dx%d: %q not on screen:\n%s", size[0], size[1], w, v)
			}
		}
	}
}

// The selected payment's advice is on screen from 60×16, and its authorization expiry,
// card and reader from 60×20: the list of payments gives way to them.
func TestPaymentDetailOnScreen(t *testing.T) {
	h := paymentsHarness(t)
	h.openSupport(panePayments)
	requireOnScreen(t, h.m, []string{"> pi_3Emu0000000005", "Advice: cancel."},
		[]string{"Authorization   expires in 1d 23h", "Card            Mastercard •••• 4444", "Reader          tmr_back"})
}

// Whether the shift can close is on screen at every size from 60×16, above the totals.
func TestShiftVerdictOnScreen(t *testing.T) {
	book := supportBook(t)
	requireOnScreen(t, book["support_shift"], []string{"Cannot close yet: 1 unresolved payment (below)."}, nil)
	requireOnScreen(t, book["support_shift_refunds_unread"], []string{"Nothing unresolved in this till's journal: the shift can"},
		[]string{"Refunds made outside this till could not be read"})
	requireOnScreen(t, refundBook(t)["support_shift_refunds"], []string{"Nothing unresolved: the shift can close."}, nil)
}

// The order chosen in the Timeline's list of orders is on screen at every size from
// 60×16: the list shows as many orders as the page has room for.
func TestTimelineOrderPickOnScreen(t *testing.T) {
	h := paymentsHarness(t)
	for i := range 12 {
		s := live(checkout.Paid)
		s.OrderID = fmt.Sprintf("ord_pick_%02d", i)
		s.StartedAt = t0.Add(-time.Duration(i+10) * time.Minute)
		h.st.Put(s)
	}
	h.openSupport(paneTimeline)
	h.press("o")
	for range 20 { // to the last, oldest order
		h.press("down")
	}
	v := ansi.Strip(sized(h.m, 80, 24).View())
	var picked string
	for _, l := range strings.Split(v, "\n") {
		if f := strings.Fields(l); len(f) > 0 && f[0] == ">" {
			picked = f[len(f)-1]
		}
	}
	if !strings.HasPrefix(picked, "ord_") {
		t.Fatalf("no order picked at 80x24:\n%s", v)
	}
	requireOnScreen(t, h.m, []string{"> ", picked}, nil)
}

// lanes are n online readers, "Lane 0" to "Lane n-1".
func lanes(n int) []checkout.Reader {
	var rs []checkout.Reader
	for i := range n {
		rs = append(rs, checkout.Reader{ID: fmt.Sprintf("tmr_lane%d", i), Label: fmt.Sprintf("Lane %d", i),
			DeviceType: "simulated_wisepos_e", Status: "online", LastSeenAt: t0})
	}
	return rs
}

// The reader chosen in the picker, and the test card chosen on support's Readers pane,
// are on screen at every size from 60×16: each list shows as many as the page has room
// for.
func TestPickedRowsOnScreen(t *testing.T) {
	h := newHarness(t, Options{}, lanes(12)...)
	h.start(nil)
	h.press("p")
	for range 11 {
		h.press("down")
	}
	v := ansi.Strip(sized(h.m, 120, 40).View())
	i := strings.Index(v, "> Lane ")
	if i < 0 {
		t.Fatalf("no reader picked:\n%s", v)
	}
	requireOnScreen(t, h.m, []string{strings.Join(strings.Fields(v[i:])[:3], " ")}, nil) // "> Lane 11"

	h = newHarness(t, Options{}, stuckFront())
	h.openSupport(paneReaders)
	h.press("t")
	last := len(common.TestCards) - 1
	for range last {
		h.press("down")
	}
	requireOnScreen(t, h.m, []string{"> " + common.TestCards[last].Name}, nil)
}

// The Timeline says where the order stands, under its heading: a decline shows in the
// journal only as reads of the reader, so the pane says what till made of them.
func TestTimelineSaysWhereTheOrderStands(t *testing.T) {
	h := paymentsHarness(t)
	declined := withIntent(live(checkout.Declined), checkout.IntentRequiresPaymentMethod)
	declined.OrderID, declined.PaymentIntentID, declined.StartedAt = "ord_20260314150700_dddddd", "pi_3Emu0000000011", t0.Add(-2*time.Minute)
	declined.Failure = &checkout.Failure{Kind: checkout.KindDeclined, Code: "card_declined", DeclineCode: "generic_decline"}
	h.st.Put(declined)
	_, _ = h.st.Append(checkout.Entry{OrderID: declined.OrderID, At: t0.Add(-time.Minute), Stage: checkout.StageCall,
		Method: "GET", Path: "/v1/terminal/readers/tmr_front", RequestID: "req_Emu0000000031", HTTPStatus: 200, Outcome: "ok"})
	h.openSupport(paneTimeline)
	h.press("o", "enter") // the newest order
	requireOnScreen(t, h.m, []string{"Now declined (generic_decline) · pi_3Emu0000000011 requires_payment_method · last failure declined card_declined generic_decline"}, nil)
}
