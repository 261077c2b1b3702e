package common

import (
	"strings"
	"testing"

	"github.com/till-pos/till/checkout"
)

// The refunds not settled: three at most and how many more, each with its id whole
// after its row or under it when asked for, else a line each.
func TestRefundRows(t *testing.T) {
	r := func(id string) checkout.Refund {
		return checkout.Refund{ID: id, OrderID: "ord_20260314144500_1ac1ac", Phase: checkout.RefundAwaiting,
			Amount: checkout.Money{Amount: 4500, Currency: "cad"}}
	}
	refunds := []checkout.Refund{r("rf_1"), r("rf_20260314T150926_00000002"), r("rf_3"), r("rf_4")}
	row := "ord_20260314144500_1ac1ac awaiting CA$45.00"
	for _, tc := range []struct {
		width int
		ids   bool
		want  []string
	}{
		{80, true, []string{row + " rf_1", row, "rf_20260314T150926_00000002", row + " rf_3", "(1–3 of 4)"}},
		{60, false, []string{row, row, row, "(1–3 of 4)"}},
	} {
		p := &Page{Width: tc.width}
		DefaultStyles().RefundRows(p, refunds, tc.ids)
		got := plainLines(p)
		if strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("%d columns, ids %v:\n got %q\nwant %q", tc.width, tc.ids, got, tc.want)
		}
	}
}
