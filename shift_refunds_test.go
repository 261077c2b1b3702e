package main

import (
	"encoding/json"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/emulator"
)

// A refund made in the Dashboard (straight on the emulator, no till metadata) on this
// till's payment counts in the shift, marked as made outside till; one on another
// till's payment does not count.
func TestShiftCountsADashboardRefund(t *testing.T) {
	e := newSupportEnv(t, emulator.Options{})
	if code, p := e.payOn(t, "--amount", "12.00", "--order", "SR-1"); code != 0 {
		t.Fatalf("pay: %+v", p)
	}
	if code, res, errOut := e.refundOn(t, "SR-1", "--amount", "2.00"); code != 0 {
		t.Fatalf("refund: %+v %q", res, errOut)
	}
	pi := e.session(t, "SR-1").PaymentIntentID
	dash := e.postForm(t, "/v1/refunds", url.Values{"payment_intent": {pi}, "amount": {"300"}})
	elsewhere := e.authorize(t, "other-1", e.readers[1], 900)
	e.postForm(t, "/v1/payment_intents/"+elsewhere.ID+"/capture", url.Values{})
	e.postForm(t, "/v1/refunds", url.Values{"payment_intent": {elsewhere.ID}})

	code, out, errOut := e.till(t, "shift", "report", "--json")
	if code != 0 {
		t.Fatalf("shift report: exit %d, %q", code, errOut)
	}
	var doc struct {
		Totals []struct {
			Currency             string `json:"currency"`
			Refunded             int64  `json:"refunded"`
			RefundedCount        int    `json:"refunded_count"`
			RefundedOutside      int64  `json:"refunded_outside"`
			RefundedOutsideCount int    `json:"refunded_outside_count"`
		} `json:"totals"`
		Refunds []struct {
			Refund  string `json:"refund"`
			OrderID string `json:"order_id"`
			Source  string `json:"source"`
			Outside bool   `json:"outside_till"`
		} `json:"refunds"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("not JSON: %q", out)
	}
	if len(doc.Totals) != 1 || doc.Totals[0].Refunded != 500 || doc.Totals[0].RefundedCount != 2 ||
		doc.Totals[0].RefundedOutside != 300 || doc.Totals[0].RefundedOutsideCount != 1 {
		t.Fatalf("totals %+v, want 500 refunded in 2, 300 of it outside till in 1", doc.Totals)
	}
	if len(doc.Refunds) != 2 || doc.Refunds[1].Refund != dash["id"] || !doc.Refunds[1].Outside || doc.Refunds[1].Source != "outside_till" ||
		doc.Refunds[1].OrderID != "SR-1" || doc.Refunds[0].Outside {
		t.Fatalf("refunds %+v", doc.Refunds)
	}
	_, text, _ := e.till(t, "shift", "report")
	if !strings.Contains(text, "$5.00 (2)") || !strings.Contains(text, "refunded outside this till (Dashboard or API): order SR-1, $3.00") {
		t.Fatalf("text report:\n%s", text)
	}
}

// The shift does not close while a refund's outcome is unknown.
func TestShiftCloseWaitsForRefunds(t *testing.T) {
	e := newSupportEnv(t, emulator.Options{})
	st := openStore(t, e.db)
	r := checkout.Refund{ID: "rf-open", OrderID: "SC-1", PaymentIntentID: "pi_x", Amount: checkout.Money{Amount: 100, Currency: "usd"},
		Phase: checkout.RefundUnknown, StartedAt: time.Now()}
	if err := st.SaveRefund(r); err != nil {
		t.Fatal(err)
	}
	st.Close()
	code, _, errOut := e.till(t, "shift", "close")
	if code != 1 || !strings.Contains(errOut, "rf-open") {
		t.Fatalf("close with a refund under way: exit %d, %q", code, errOut)
	}
}
