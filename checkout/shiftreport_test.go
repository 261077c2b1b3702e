package checkout

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"
	"time"
)

func sampleShift() ShiftReport {
	jpy := func(n int64) Money { return Money{Amount: n, Currency: "jpy"} }
	sessions := []Summary{
		{OrderID: "a", Phase: Paid, Amount: usd(1234), Tip: 250, StartedAt: t0.Add(time.Minute)},
		{OrderID: "b", Phase: Canceled, Amount: jpy(700), StartedAt: t0.Add(2 * time.Minute)},
		{OrderID: "c", Phase: Approved, Amount: usd(5), PaymentIntentID: "pi_c", StartedAt: t0.Add(3 * time.Minute)},
		{OrderID: "d", Phase: Paid, Amount: usd(750), StartedAt: t0.Add(4 * time.Minute),
			Cash: &Cash{Due: usd(750), Given: usd(2000), Change: usd(1250)}},
	}
	return Report(sessions, t0, t0.Add(time.Hour))
}

func TestShiftReportJSON(t *testing.T) {
	var b bytes.Buffer
	if err := sampleShift().WriteJSON(&b); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Since      time.Time        `json:"since"`
		Totals     []map[string]any `json:"totals"`
		Unresolved []map[string]any `json:"unresolved"`
	}
	dec := json.NewDecoder(&b)
	dec.UseNumber()
	if err := dec.Decode(&doc); err != nil {
		t.Fatal(err)
	}
	if !doc.Since.Equal(t0) || len(doc.Totals) != 2 {
		t.Fatalf("doc %+v", doc)
	}
	usdTotals := doc.Totals[1]
	for field, want := range map[string]string{"captured": "1234", "tips": "250", "unresolved": "5", "paid_count": "1", "unresolved_count": "1", "canceled_count": "0",
		"cash": "750", "cash_count": "1", "cash_rounding": "0"} {
		if got, _ := usdTotals[field].(json.Number); got.String() != want {
			t.Errorf("usd %s = %s, want %s (minor units / counts)", field, got, want)
		}
	}
	if len(doc.Unresolved) != 1 || doc.Unresolved[0]["order_id"] != "c" || doc.Unresolved[0]["payment_intent"] != "pi_c" ||
		doc.Unresolved[0]["amount"] != json.Number("5") || doc.Unresolved[0]["currency"] != "usd" {
		t.Errorf("unresolved %+v", doc.Unresolved)
	}
}

func TestShiftReportCSV(t *testing.T) {
	var b bytes.Buffer
	if err := sampleShift().WriteCSV(&b); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"since,until,currency,captured,refunded,canceled,unresolved,paid_count,canceled_count,unresolved_count,tips,refunded_count,refunded_outside,refunded_outside_count,cash,cash_count,cash_rounding,refunds_note",
		"2026-11-22T12:00:00Z,2026-11-22T13:00:00Z,jpy,0,0,700,0,0,1,0,0,0,0,0,0,0,0,",
		"2026-11-22T12:00:00Z,2026-11-22T13:00:00Z,usd,12.34,0.00,0.00,0.05,1,0,1,2.50,0,0.00,0,7.50,1,0.00,",
	}
	if len(rows) != len(want) {
		t.Fatalf("rows %v", rows)
	}
	for i, row := range rows {
		if got := strings.Join(row, ","); got != want[i] {
			t.Errorf("row %d\n got %s\nwant %s", i, got, want[i])
		}
	}
}

// A report whose refunds were not all read from Stripe says so on every CSV line.
func TestShiftReportCSVCarriesTheRefundsNote(t *testing.T) {
	r := sampleShift()
	r.RefundsNote = "Refunds made outside this till could not be read from Stripe: Stripe did not answer"
	var b bytes.Buffer
	if err := r.WriteCSV(&b); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&b).ReadAll()
	if err != nil || len(rows) != 3 {
		t.Fatalf("rows %v: %v", rows, err)
	}
	for _, row := range rows[1:] {
		if row[len(row)-1] != r.RefundsNote {
			t.Errorf("row %v does not end with the note", row)
		}
	}
}

func TestShiftReportText(t *testing.T) {
	var b bytes.Buffer
	if err := sampleShift().WriteText(&b, time.UTC); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Shift from 2026-11-22 12:00 to 2026-11-22 13:00", "$12.34 (1)", "$2.50", "SALES", "TIPS", "¥700 (1)", "$7.50 (1)",
		"unresolved: order c, $0.05, approved pi_c"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("text lacks %q:\n%s", want, b.String())
		}
	}
	var empty bytes.Buffer
	_ = Report(nil, t0, t0).WriteText(&empty, time.UTC)
	if !strings.Contains(empty.String(), "No payments.") {
		t.Errorf("empty shift:\n%s", empty.String())
	}
}
