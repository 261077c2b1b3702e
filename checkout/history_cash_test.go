package checkout

import (
	"strings"
	"testing"
	"time"
)

// A cash sale is in the history beside the card payments: tender cash, the cash paid
// (rounded) with what was given and the change, found by its order, amount, date or
// the word cash, its receipt under its order, and nothing to refund through Stripe.
func TestHistoryShowsCashSales(t *testing.T) {
	in := func(d time.Duration) time.Time { return t0.Add(d) }
	cad := func(n int64) Money { return Money{n, "cad"} }
	sessions := []Summary{
		{OrderID: "ord-100", Phase: Paid, PaymentIntentID: "pi_a", Amount: usd(1234), Card: Card{"visa", "4242"}, StartedAt: in(time.Minute)},
		{OrderID: "cash-1", Phase: Paid, Amount: cad(1002), StartedAt: in(2 * time.Minute),
			Cash: &Cash{Due: cad(1000), Given: cad(2000), Change: cad(1000)}},
		{OrderID: "cash-2", Phase: Paid, Amount: usd(500), StartedAt: in(3 * time.Minute),
			Cash: &Cash{Due: usd(500), Given: usd(500), Change: usd(0)}},
	}
	rows := BuildHistory(sessions, nil, nil, func(Intent) bool { return true })
	var got []string
	for _, r := range rows {
		got = append(got, strings.Join([]string{r.OrderID, r.Tender, r.Amount.String(), r.Status, r.Source, r.Left().String(), r.ReceiptID()}, " "))
	}
	want := []string{
		"cash-2 cash $5.00 paid till $0.00 cash-2",
		"cash-1 cash CA$10.00 paid till CA$0.00 cash-1",
		"ord-100 card $12.34 paid till $12.34 pi_a",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("rows, newest first:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if c := rows[1].Cash; c == nil || c.Given != cad(2000) || c.Change != cad(1000) {
		t.Fatalf("cash %+v", c)
	}
	if rows[0].Key() == rows[1].Key() || rows[2].Key() != "pi_a" {
		t.Fatalf("keys %q %q %q", rows[0].Key(), rows[1].Key(), rows[2].Key())
	}
	for filter, want := range map[HistoryFilter]string{
		{Text: "cash-1"}:                  "cash-1",
		{Text: "10.00"}:                   "cash-1",
		{Text: "cash"}:                    "cash-2 cash-1",
		{Text: "cash 5"}:                  "cash-2",
		{Text: "4242"}:                    "ord-100",
		{From: in(90 * time.Second)}:      "cash-2 cash-1",
		{To: in(150 * time.Second)}:       "cash-1 ord-100",
		{Text: "card"}:                    "ord-100",
		{Text: "cash", To: in(time.Hour)}: "cash-2 cash-1",
	} {
		var found []string
		for _, r := range FilterHistory(rows, filter) {
			found = append(found, r.OrderID)
		}
		if strings.Join(found, " ") != want {
			t.Errorf("%+v: %q, want %q", filter, strings.Join(found, " "), want)
		}
	}
	if words := CashNotRefunded(rows[1]); !strings.Contains(words, "order cash-1 was paid in cash") || !strings.Contains(words, "CA$10.00 back from the drawer") {
		t.Errorf("refusal: %q", words)
	}
}
