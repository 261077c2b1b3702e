package timeline

import (
	"fmt"
	"testing"
	"time"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/ui/common"
)

// BenchmarkEntriesView draws a long journal's Timeline at 80×24, the middle entry
// chosen: every entry's height is worked out, a screenful drawn.
func BenchmarkEntriesView(b *testing.B) {
	m := New(common.DefaultStyles(), common.DefaultKeys(), Deps{})
	m.order = "ord_20261129T162302_9f53dc84"
	at := time.Date(2026, 11, 29, 16, 23, 2, 0, time.UTC)
	for i := range 2000 {
		m.entries = append(m.entries, checkout.Entry{OrderID: m.order, At: at.Add(time.Duration(i) * time.Second),
			Stage: checkout.StageCall, Method: "GET", Path: "/v1/terminal/readers/tmr_front", HTTPStatus: 200,
			RequestID: fmt.Sprintf("req_Emu%010d", i), IdempotencyKey: "till_" + m.order + "_process_1", Outcome: "ok"})
	}
	m.entry = len(m.entries) / 2
	b.ReportAllocs()
	for b.Loop() {
		m.View(&common.Page{Width: 80, Height: 18}, 0)
	}
}
