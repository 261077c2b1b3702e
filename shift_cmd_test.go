package main

import (
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/emulator"
)

// shiftDoc is what a script reads from `till shift report --json`.
type shiftDoc struct {
	Since  time.Time `json:"since"`
	Totals []struct {
		Currency        string `json:"currency"`
		Captured        int64  `json:"captured"`
		Refunded        int64  `json:"refunded"`
		Canceled        int64  `json:"canceled"`
		Unresolved      int64  `json:"unresolved"`
		PaidCount       int    `json:"paid_count"`
		CanceledCount   int    `json:"canceled_count"`
		UnresolvedCount int    `json:"unresolved_count"`
	} `json:"totals"`
	Unresolved []struct {
		OrderID       string `json:"order_id"`
		PaymentIntent string `json:"payment_intent"`
	} `json:"unresolved"`
}

func (e *supportEnv) shiftJSON(t *testing.T) shiftDoc {
	t.Helper()
	code, out, errOut := e.till(t, "shift", "report", "--json")
	if code != 0 {
		t.Fatalf("shift report: exit %d, %q", code, errOut)
	}
	var r shiftDoc
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("not JSON: %q", out)
	}
	return r
}

func TestShiftReportAndClose(t *testing.T) {
	e := newSupportEnv(t, emulator.Options{})
	if code, _, _ := e.till(t, "pay", "--amount", "12.00", "--order", "SH-1"); code != 0 {
		t.Fatal("payment SH-1 failed")
	}
	if code, _, _ := e.till(t, "pay", "--amount", "3.50", "--order", "SH-2"); code != 0 {
		t.Fatal("payment SH-2 failed")
	}
	open := e.openPayment(t, "SH-3")

	r := e.shiftJSON(t)
	if len(r.Totals) != 1 || r.Totals[0].Currency != "usd" || r.Totals[0].Captured != 1550 || r.Totals[0].Unresolved != 500 ||
		r.Totals[0].PaidCount != 2 || r.Totals[0].UnresolvedCount != 1 || r.Totals[0].Canceled != 0 || r.Totals[0].CanceledCount != 0 {
		t.Fatalf("totals %+v, want usd 1550 captured (2), 500 unresolved (1)", r.Totals)
	}
	if len(r.Unresolved) != 1 || r.Unresolved[0].OrderID != "SH-3" || r.Unresolved[0].PaymentIntent != open.PaymentIntent {
		t.Fatalf("unresolved %+v", r.Unresolved)
	}

	code, out, errOut := e.till(t, "shift", "close")
	if code != 1 || !strings.Contains(errOut, "SH-3") || !strings.Contains(errOut, "1 payment is unresolved") || out != "" {
		t.Fatalf("close with SH-3 open: exit %d, %q %q", code, out, errOut)
	}
	if code, _, errOut := e.till(t, "payments", "cancel", open.PaymentIntent); code != 0 {
		t.Fatalf("cancel SH-3: %q", errOut)
	}
	code, out, errOut = e.till(t, "shift", "close")
	if code != 0 || !strings.Contains(out, "Shift closed") || !strings.Contains(out, "$15.50 (2)") || !strings.Contains(out, "$5.00 (1)") {
		t.Fatalf("close: exit %d, %q %q", code, out, errOut)
	}
	r = e.shiftJSON(t)
	if len(r.Totals) != 0 || len(r.Unresolved) != 0 || time.Since(r.Since) > time.Minute {
		t.Fatalf("the next shift should start empty: %+v", r)
	}
	if code, _, _ := e.till(t, "pay", "--amount", "1.00", "--order", "SH-4"); code != 0 {
		t.Fatal("payment SH-4 failed")
	}
	if r = e.shiftJSON(t); len(r.Totals) != 1 || r.Totals[0].Captured != 100 {
		t.Fatalf("the new shift: %+v", r.Totals)
	}
}

func TestShiftCSV(t *testing.T) {
	e := newSupportEnv(t, emulator.Options{})
	// Two currencies from the journal alone; the report reads no Stripe.
	st := openStore(t, e.db)
	start := time.Now().Add(-time.Hour)
	for i, s := range []checkout.Session{
		{OrderID: "a", Phase: checkout.Paid, Amount: checkout.Money{Amount: 1234, Currency: "usd"}},
		{OrderID: "b", Phase: checkout.Canceled, Amount: checkout.Money{Amount: 700, Currency: "jpy"}},
		{OrderID: "c", Phase: checkout.Paid, Amount: checkout.Money{Amount: 5, Currency: "usd"}},
		{OrderID: "d", Phase: checkout.Paid, Amount: checkout.Money{Amount: 750, Currency: "usd"}, Cash: &checkout.Cash{
			Due: checkout.Money{Amount: 750, Currency: "usd"}, Given: checkout.Money{Amount: 1000, Currency: "usd"}, Change: checkout.Money{Amount: 250, Currency: "usd"}}},
	} {
		s.StartedAt = start.Add(time.Duration(i) * time.Minute)
		if err := st.SaveSession(s); err != nil {
			t.Fatal(err)
		}
	}
	st.Close()
	code, out, errOut := e.till(t, "shift", "report", "--csv")
	if code != 0 {
		t.Fatalf("exit %d, %q", code, errOut)
	}
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || len(rows) != 3 {
		t.Fatalf("csv %q: %v", out, err)
	}
	if strings.Join(rows[0][2:], ",") != "currency,captured,refunded,canceled,unresolved,paid_count,canceled_count,unresolved_count,tips,refunded_count,refunded_outside,refunded_outside_count,cash,cash_count,cash_rounding,refunds_note" {
		t.Fatalf("header %v", rows[0])
	}
	if got := strings.Join(rows[1][2:], ","); got != "jpy,0,0,700,0,0,1,0,0,0,0,0,0,0,0," {
		t.Errorf("jpy row %s", got)
	}
	if got := strings.Join(rows[2][2:], ","); got != "usd,12.39,0.00,0.00,0.00,2,0,0,0.00,0,0.00,0,7.50,1,0.00," {
		t.Errorf("usd row %s", got)
	}
	if since, err := time.Parse(time.RFC3339, rows[1][0]); err != nil || since.Sub(start).Abs() > time.Second {
		t.Errorf("the shift should start with the first session: %v %v", rows[1][0], err)
	}
	if code, _, _ := e.till(t, "shift", "report", "--csv", "--json"); code != 2 {
		t.Errorf("--csv with --json: exit %d", code)
	}
	if code, _, _ := e.till(t, "shift"); code != 2 {
		t.Errorf("no subcommand: exit %d", code)
	}
}
