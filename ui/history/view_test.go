package history

import (
	"errors"
	"strings"
	"testing"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/ui/common"
)

// A payment's second line keeps whole parts: the one that does not fit is cut as a
// name is (at least a few letters, no space before "…"), or left out with "…".
func TestJoinFit(t *testing.T) {
	parts := []string{"ord_20260314144500_1ac1ac", "Interac •••• 1933", "Front counter"}
	for _, tc := range []struct {
		w    int
		want string
	}{
		{80, "ord_20260314144500_1ac1ac · Interac •••• 1933 · Front counter"},
		{55, "ord_20260314144500_1ac1ac · Interac •••• 1933 · Front…"}, // "Front …" cut at its space
		{52, "ord_20260314144500_1ac1ac · Interac •••• 1933 …"},        // "Fro…" says nothing
		{30, "ord_20260314144500_1ac1ac …"},
		{20, "ord_20260314144500_…"},
	} {
		if got := joinFit(parts, tc.w); got != tc.want {
			t.Errorf("in %d cells: %q, want %q", tc.w, got, tc.want)
		}
	}
}

// A payment's details give way, from the last row, to what is under them on a short
// screen: why this till's refunds could not be read, or that they were made elsewhere.
// At 60×16 the rows filled the page and the screen's edge cut those words off.
func TestDetailLeavesRoomForWhatIsUnder(t *testing.T) {
	usd := func(n int64) checkout.Money { return checkout.Money{Amount: n, Currency: "usd"} }
	row := checkout.HistoryRow{Amount: usd(2974), Refunded: usd(300), Status: checkout.HistoryPartiallyRefunded, Tip: usd(100),
		Card: checkout.Card{Brand: "visa", Last4: "4242"}, OrderID: "ord_20261129T200436_0c1b66c1", PaymentIntentID: "pi_3Emu0000000001",
		ReaderID: "tmr_front", Source: checkout.SourceTill}
	for _, tc := range []struct {
		name string
		err  error
		want string
	}{
		{"unread", errors.New("the journal is locked by another till (timeout)"), "(timeout)"},
		{"outside", nil, "another till)."},
	} {
		m := New(common.DefaultStyles(), common.DefaultKeys(), Deps{})
		m.refundsErr = tc.err
		p := &common.Page{Width: 60, Height: 10} // 60×16
		m.detailView(p, row)
		v := p.String() // no colour in tests
		if len(p.Lines) > 10 || !strings.Contains(v, tc.want) || !strings.Contains(v, "no room for") {
			t.Errorf("%s: %d lines, the words under the rows cut off, or the rows not named:\n%s", tc.name, len(p.Lines), v)
		}
	}
}
