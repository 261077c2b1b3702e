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

// At 80 columns a tipped payment's tip has a column on its first line, so its second
// line has room for the reader's name whole: it read "… · tip $1.00 · Back cou…" (the
// list's rows as the history golden has them). A name too long for the room is still
// cut as a name is.
func TestSecondLineNamesTheReaderWhole(t *testing.T) {
	usd := func(n int64) checkout.Money { return checkout.Money{Amount: n, Currency: "usd"} }
	row := checkout.HistoryRow{Amount: usd(800), Refunded: usd(300), Status: checkout.HistoryPartiallyRefunded, Tip: usd(100),
		Card: checkout.Card{Brand: "mastercard", Last4: "4444"}, OrderID: "ord_20260314150000_a2b2c2", ReaderID: "tmr_back"}
	for _, tc := range []struct {
		name, reader string
		width        int
		want         string
	}{
		{"80 columns", "Back counter", 80, "ord_20260314150000_a2b2c2 · Mastercard •••• 4444 · Back counter"},
		{"a long name", "The back counter by the window", 80, "ord_20260314150000_a2b2c2 · Mastercard •••• 4444 · The back counter by…"},
		{"60 columns", "Back counter", 60, "ord_20260314150000_a2b2c2 · Mastercard •••• 4444 …"},
	} {
		m := New(common.DefaultStyles(), common.DefaultKeys(), Deps{})
		m.ck.Readers = []checkout.Reader{{ID: "tmr_back", Label: tc.reader}}
		wide := checkout.HistoryRow{Amount: checkout.Money{Amount: 4500, Currency: "cad"}, Status: checkout.HistoryPaid} // as the list shows
		lay := planLayout([]checkout.HistoryRow{row, wide}, tc.width)
		_, second := m.rowText(row, lay)
		p := common.Page{Width: tc.width}
		if got := joinFit(second, max(p.TextWidth()-4, 10)); got != tc.want {
			t.Errorf("%s: second line %q, want %q", tc.name, got, tc.want)
		}
	}
}

// A refund's row whose id goes on the line under it ends where its words end: the phase
// column's padding stood at the end of the line as trailing spaces.
func TestRefundRowsEndWithTheirWords(t *testing.T) {
	usd := func(n int64) checkout.Money { return checkout.Money{Amount: n, Currency: "usd"} }
	row := checkout.HistoryRow{Amount: usd(2974), Refunded: usd(1275), Status: checkout.HistoryPartiallyRefunded,
		Card: checkout.Card{Brand: "visa", Last4: "4242"}, OrderID: "ord_20260314140200_c0ffee", PaymentIntentID: "pi_1", Source: checkout.SourceBoth}
	m := New(common.DefaultStyles(), common.DefaultKeys(), Deps{})
	m.refunds = []checkout.Refund{
		{ID: "rf_20260314T150926_00000001", Amount: usd(825), Phase: checkout.RefundSucceeded},
		{ID: "rf_20260314T151200_00000002", Amount: usd(450), Phase: checkout.RefundPending},
	}
	for _, width := range []int{60, 80} {
		p := &common.Page{Width: width, Height: 18}
		m.detailView(p, row)
		for _, l := range p.Lines {
			if strings.HasSuffix(l, " ") {
				t.Errorf("at %d columns a line ends in spaces: %q", width, l)
			}
		}
		if !strings.Contains(p.String(), "rf_20260314T151200_00000002") {
			t.Errorf("at %d columns the refunds are not listed:\n%s", width, p.String())
		}
	}
}

// With nothing under them (no refunds, none outside this till), a payment's rows give
// way from the last on a short screen, named on a "no room" line, as they do over a
// list of refunds: the root cut them off at the screen's edge.
func TestDetailFitsWithNothingUnder(t *testing.T) {
	usd := func(n int64) checkout.Money { return checkout.Money{Amount: n, Currency: "usd"} }
	row := checkout.HistoryRow{Amount: usd(2974), Status: checkout.HistoryPaid, Card: checkout.Card{Brand: "visa", Last4: "4242"},
		OrderID: "ord_20261129T200436_0c1b66c1", PaymentIntentID: "pi_3Emu0000000001", ReaderID: "tmr_front", Source: checkout.SourceTill}
	m := New(common.DefaultStyles(), common.DefaultKeys(), Deps{})
	p := &common.Page{Width: 60, Height: 6}
	m.detailView(p, row)
	if v := p.String(); len(p.Lines) > 6 || !strings.Contains(v, "no room for: PaymentIntent, Reader, Found in") {
		t.Errorf("%d lines in 6, or the rows left out not named:\n%s", len(p.Lines), v)
	}
}
