package main

import (
	"encoding/json"
	"net/url"
	"path/filepath"
	"strings"
	"testing"

	"github.com/till-pos/till/emulator"
)

func (e *supportEnv) history(t *testing.T, args ...string) (map[string]historyRow, []historyRow) {
	t.Helper()
	code, out, errOut := e.till(t, append([]string{"payments", "--history", "--json"}, args...)...)
	if code != 0 {
		t.Fatalf("history: exit %d, %q", code, errOut)
	}
	var rows []historyRow
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		t.Fatalf("not JSON: %q", out)
	}
	byOrder := map[string]historyRow{}
	for _, r := range rows {
		byOrder[r.OrderID] = r
	}
	return byOrder, rows
}

func TestHistoryFindsFinishedPaymentsEvenWithoutTheJournal(t *testing.T) {
	e := newSupportEnv(t, emulator.Options{})
	t.Setenv("TILL_READER", e.readers[0])
	for _, order := range []string{"H-1", "H-2"} {
		if code, p := e.payOn(t, "--amount", "12.50", "--order", order, "--card", "5555555555554444"); code != 0 {
			t.Fatalf("pay %s: %+v", order, p)
		}
	}
	if code, _, errOut := e.refundOn(t, "H-1", "--amount", "2.50"); code != 0 {
		t.Fatalf("refund: %q", errOut)
	}
	// Another shop's payment is not this till's business.
	far := e.postForm(t, "/v1/terminal/locations", url.Values{"display_name": {"Other shop"}, "address[country]": {"US"},
		"address[line1]": {"1 Far Road"}, "address[city]": {"Faraway"}, "address[postal_code]": {"99999"}, "address[state]": {"CA"}})
	farReader := e.postForm(t, "/v1/terminal/readers", url.Values{"registration_code": {"simulated-wpe"}, "location": {far["id"].(string)}})
	away := e.authorize(t, "far-1", farReader["id"].(string), 1600)
	e.postForm(t, "/v1/payment_intents/"+away.ID+"/capture", url.Values{})

	byOrder, rows := e.history(t)
	h1 := byOrder["H-1"]
	if len(rows) != 2 || rows[0].OrderID != "H-2" || h1.Amount != 1250 || h1.Refunded != 250 || h1.Left != 1000 || h1.Status != "partially_refunded" ||
		h1.CardBrand != "mastercard" || h1.CardLast4 != "4444" || h1.Reader != e.readers[0] || h1.Source != "both" {
		t.Fatalf("history %+v", rows)
	}
	if _, rows := e.history(t, "--search", "h-1 4444"); len(rows) != 1 || rows[0].OrderID != "H-1" {
		t.Fatalf("search: %+v", rows)
	}

	// The journal is lost (a new database): Stripe still has the payments, and one can
	// still be refunded by its order id.
	e.db = filepath.Join(t.TempDir(), "new.db")
	byOrder, rows = e.history(t)
	if len(rows) != 2 || byOrder["H-1"].Source != "stripe" || byOrder["H-1"].Refunded != 250 {
		t.Fatalf("history without the journal %+v", rows)
	}
	code, res, errOut := e.refundOn(t, "H-2")
	if code != 0 || res.Amount != 1250 || res.OrderID != "H-2" {
		t.Fatalf("refund without the journal: exit %d, %+v, %q", code, res, errOut)
	}
}

func TestHistoryRefusesABadSince(t *testing.T) {
	e := newSupportEnv(t, emulator.Options{})
	code, _, errOut := e.till(t, "payments", "--history", "--since", "yesterday")
	if code != 2 || !strings.Contains(errOut, "not a time to look back to") {
		t.Fatalf("exit %d, %q", code, errOut)
	}
	if code, _, _ := e.till(t, "payments", "--history", "--unfinished"); code != 2 {
		t.Fatalf("--history with --unfinished: exit %d", code)
	}
}

// A cashier looking for this morning's cash sale finds it in the history: tender cash,
// what was given and the change, by its order, its amount or the word cash; refunding
// it is refused in plain words.
func TestHistoryShowsCashSales(t *testing.T) {
	e := newSupportEnv(t, emulator.Options{})
	t.Setenv("TILL_READER", e.readers[0])
	if code, p := e.payOn(t, "--amount", "12.50", "--order", "H-1"); code != 0 {
		t.Fatalf("pay: %+v", p)
	}
	for _, args := range [][]string{
		{"--amount", "10.02", "--currency", "cad", "--cash", "20", "--order", "cash-1"},
		{"--amount", "5", "--cash", "5", "--order", "cash-2"},
	} {
		if code, _, errOut := e.till(t, append([]string{"pay"}, args...)...); code != 0 {
			t.Fatalf("pay %v: exit %d, %q", args, code, errOut)
		}
	}
	byOrder, rows := e.history(t)
	c := byOrder["cash-1"]
	if len(rows) != 3 || c.Tender != "cash" || c.Amount != 1000 || c.Currency != "cad" || c.CashGiven == nil || *c.CashGiven != 2000 ||
		c.CashChange == nil || *c.CashChange != 1000 || c.Left != 0 || c.PaymentIntent != "" || c.Status != "paid" || c.Source != "till" {
		t.Fatalf("history %+v", rows)
	}
	if h := byOrder["H-1"]; h.Tender != "card" || h.CashGiven != nil {
		t.Fatalf("card row %+v", h)
	}
	for search, want := range map[string]int{"cash-1": 1, "cash": 2, "10.00": 1, "card": 1} {
		if _, rows := e.history(t, "--search", search); len(rows) != want {
			t.Errorf("--search %s: %+v", search, rows)
		}
	}
	code, out, _ := e.till(t, "payments", "--history")
	if code != 0 || !strings.Contains(out, "cash (given CA$20.00, change CA$10.00)") || !strings.Contains(out, "TENDER") {
		t.Fatalf("exit %d\n%s", code, out)
	}
	code, _, errOut := e.till(t, "refund", "cash-1")
	if code != 2 || !strings.Contains(errOut, "order cash-1 was paid in cash: give the CA$10.00 back from the drawer") {
		t.Fatalf("refund of a cash sale: exit %d, %q", code, errOut)
	}
}

// With Stripe unreachable, till payments --history --json printed this till's journal's
// payments as a bare list and exited 1, which a script could take for the whole history.
// It prints the error object instead, with the journal's payments under "payments".
func TestHistoryJSONSaysWhenStripeWasNotSearched(t *testing.T) {
	e := newSupportEnv(t, emulator.Options{})
	t.Setenv("TILL_READER", e.readers[0])
	if code, p := e.payOn(t, "--amount", "4.00", "--order", "HD-1"); code != 0 {
		t.Fatalf("pay: %+v", p)
	}
	e.url = "http://127.0.0.1:1" // nothing listens
	code, out, errOut := e.till(t, "payments", "--history", "--json")
	var got jsonIncomplete[historyRow]
	if err := json.Unmarshal([]byte(out), &got); err != nil || strings.Count(out, "\n") != 1 {
		t.Fatalf("exit %d, stdout %q is not one JSON object (%v); stderr %q", code, out, err, errOut)
	}
	if code != 1 || got.ExitCode != 1 || !strings.Contains(got.Error, "only this till's journal") || !strings.Contains(errOut, got.Error) ||
		len(got.Payments) != 1 || got.Payments[0].OrderID != "HD-1" {
		t.Fatalf("exit %d, %+v; stderr %q", code, got, errOut)
	}
	// Without --json, the journal's payments are listed as before, with the warning.
	if code, out, errOut := e.till(t, "payments", "--history"); code != 1 || !strings.Contains(out, "HD-1") || !strings.Contains(errOut, "only this till's journal") {
		t.Fatalf("exit %d, %q %q", code, out, errOut)
	}
}
