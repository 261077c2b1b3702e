package emulator

import (
	"net/http"
	"testing"

	"github.com/stripe/stripe-go/v76"
)

func TestChargesAPI(t *testing.T) {
	f := newFixture(t, Options{})
	c := f.as("", "")
	auto := c.paidOn(f.readers[0], 2000, "automatic", "", "metadata[order_id]", "o-1", "customer", "cus_A")
	held := c.paidOn(f.readers[1], 3000, "manual", "5555555555554444")
	chAuto, chHeld := str(auto, "latest_charge", "id"), str(held, "latest_charge", "id")

	// Listed newest first, filtered, searched.
	list := c.ok("GET", "/v1/charges", nil)
	if str(list, "data", "0", "id") != chHeld || str(list, "data", "1", "id") != chAuto {
		t.Fatalf("list: %v", list)
	}
	if got := c.ok("GET", "/v1/charges", form("payment_intent", str(auto, "id"), "expand[]", "data.balance_transaction")); len(dig(got, "data").([]any)) != 1 ||
		num(got, "data", "0", "balance_transaction", "amount") != 2000 {
		t.Fatalf("list by payment_intent: %v", got)
	}
	for q, want := range map[string]string{
		"metadata['order_id']:'o-1'":                                    chAuto,
		"captured:'false'":                                              "error",
		"amount>2500 AND status:'succeeded'":                            chHeld,
		"payment_method_details.card_present.last4:'4444'":              chHeld,
		"customer:'cus_A'":                                              chAuto,
		"refunded:'false' AND payment_intent:'" + str(held, "id") + "'": chHeld,
	} {
		if want == "error" {
			c.fails("GET", "/v1/charges/search", form("query", q), http.StatusBadRequest, "", "query")
			continue
		}
		got := c.ok("GET", "/v1/charges/search", form("query", q))
		if d := dig(got, "data").([]any); len(d) != 1 || str(got, "data", "0", "id") != want {
			t.Errorf("search %q: %v", q, got)
		}
	}

	// Captured through the charge: the PaymentIntent follows.
	c.fails("POST", "/v1/charges/"+chAuto+"/capture", nil, http.StatusBadRequest, "charge_already_captured", "charge")
	cap := c.ok("POST", "/v1/charges/"+chHeld+"/capture", form("amount", "2500", "expand[]", "balance_transaction"))
	if dig(cap, "captured") != true || num(cap, "amount_captured") != 2500 || num(cap, "amount_refunded") != 500 ||
		num(cap, "balance_transaction", "amount") != 2500 {
		t.Fatalf("charge capture: %v", cap)
	}
	if pi := c.ok("GET", "/v1/payment_intents/"+str(held, "id"), nil); str(pi, "status") != "succeeded" || num(pi, "amount_received") != 2500 {
		t.Fatalf("PaymentIntent after the charge capture: %v", pi)
	}
	upd := c.ok("POST", "/v1/charges/"+chAuto, form("description", "table 4", "metadata[note]", "x"))
	if str(upd, "description") != "table 4" || str(upd, "metadata", "note") != "x" || str(upd, "metadata", "order_id") != "o-1" {
		t.Fatalf("update: %v", upd)
	}
	pm := c.ok("GET", "/v1/payment_methods/"+str(held, "latest_charge", "payment_method"), nil)
	if str(pm, "type") != "card_present" || str(pm, "card_present", "last4") != "4444" {
		t.Fatalf("payment method: %v", pm)
	}
	c.fails("GET", "/v1/payment_methods/pm_nope", nil, http.StatusNotFound, "resource_missing", "payment_method")
}

// TestBalanceTransactions: a captured charge brings its amount less Stripe's fee; a
// refund takes its amount back, fee-free.
func TestBalanceTransactions(t *testing.T) {
	f := newFixture(t, Options{})
	pi := f.createPI(10000, "automatic")
	f.process(f.readers[0], pi.ID)
	f.present(f.readers[0], "")
	p := &stripe.PaymentIntentParams{}
	p.AddExpand("latest_charge.balance_transaction")
	got, err := f.sc.PaymentIntents.Get(pi.ID, p)
	if err != nil {
		t.Fatal(err)
	}
	bt := got.LatestCharge.BalanceTransaction
	if bt == nil || bt.Amount != 10000 || bt.Fee != 275 || bt.Net != 9725 || bt.Type != "charge" || len(bt.FeeDetails) != 1 ||
		bt.Status != "pending" || bt.Source.ID != got.LatestCharge.ID {
		t.Fatalf("charge balance transaction (US 2.7%% + 5¢): %+v", bt)
	}
	rp := &stripe.RefundParams{PaymentIntent: stripe.String(pi.ID), Amount: stripe.Int64(4000)}
	rp.AddExpand("balance_transaction")
	re, err := f.sc.Refunds.New(rp)
	if err != nil || re.BalanceTransaction == nil || re.BalanceTransaction.Amount != -4000 || re.BalanceTransaction.Fee != 0 ||
		re.BalanceTransaction.Net != -4000 {
		t.Fatalf("refund balance transaction: %+v, %v", re, err)
	}
	f.clock.Advance(payoutDelay)
	if bt, err := f.sc.BalanceTransactions.Get(bt.ID, nil); err != nil || bt.Status != "available" {
		t.Fatalf("after the payout delay: %+v, %v", bt, err)
	}
	it := f.sc.BalanceTransactions.List(&stripe.BalanceTransactionListParams{Type: stripe.String("refund")})
	n := 0
	for it.Next() {
		n++
	}
	if it.Err() != nil || n != 1 {
		t.Fatalf("list of refunds: %d, %v", n, it.Err())
	}
	// Uncaptured: no balance transaction yet.
	held := f.createPI(1000, "manual")
	f.process(f.readers[1], held.ID)
	f.present(f.readers[1], "")
	if got := f.getPI(held.ID, "latest_charge"); got.LatestCharge.BalanceTransaction != nil {
		t.Fatalf("an authorization has a balance transaction")
	}
	if fee := processingFee("cad", "interac_present", 5000); fee != 15 {
		t.Errorf("Interac fee = %d", fee)
	}
}

// TestDashboardRefundsShowOnTheCharge: refunds made straight through POST /v1/refunds
// (as from the Dashboard) are on the charge: amount_refunded and its refunds list.
func TestDashboardRefundsShowOnTheCharge(t *testing.T) {
	f := newFixture(t, Options{})
	c := f.as("", "")
	paid := c.paidOn(f.readers[0], 3000, "automatic", "")
	ch := str(paid, "latest_charge", "id")
	c.ok("POST", "/v1/refunds", form("charge", ch, "amount", "1000", "reason", "requested_by_customer"))
	c.ok("POST", "/v1/refunds", form("payment_intent", str(paid, "id"), "amount", "500"))
	got := c.ok("GET", "/v1/charges/"+ch, form("expand[]", "refunds"))
	if num(got, "amount_refunded") != 1500 || dig(got, "refunded") != false || len(dig(got, "refunds", "data").([]any)) != 2 ||
		num(got, "refunds", "data", "0", "amount") != 500 {
		t.Fatalf("charge with its refunds: %v", got)
	}
	if list := c.ok("GET", "/v1/charges/"+ch+"/refunds", nil); len(dig(list, "data").([]any)) != 2 {
		t.Fatalf("charge refunds list: %v", list)
	}
	if plain := c.ok("GET", "/v1/charges/"+ch, nil); plain["refunds"] != nil {
		t.Fatalf("refunds rendered without expand: %v", plain["refunds"])
	}
}

func TestRefundUpdateAndCancel(t *testing.T) {
	f := newFixture(t, Options{})
	c := f.as("", "")
	paid := c.paidOn(f.readers[0], 3000, "automatic", "")
	re := c.ok("POST", "/v1/refunds", form("payment_intent", str(paid, "id"), "metadata[a]", "1"))
	upd := c.ok("POST", "/v1/refunds/"+str(re, "id"), form("metadata[b]", "2"))
	if str(upd, "metadata", "a") != "1" || str(upd, "metadata", "b") != "2" {
		t.Fatalf("update: %v", upd)
	}
	c.fails("POST", "/v1/refunds/"+str(re, "id"), form("amount", "5"), http.StatusBadRequest, "parameter_unknown", "amount")
	// A card refund never waits for the customer, so it cannot be canceled.
	c.fails("POST", "/v1/refunds/"+str(re, "id")+"/cancel", nil, http.StatusBadRequest, "", "refund")

	// refund_fail: pending, then failed with the money back.
	bad := c.paidOn(f.readers[1], 3000, "automatic", "4000000000005126")
	r := c.ok("POST", "/v1/refunds", form("payment_intent", str(bad, "id")))
	if str(r, "status") != "pending" || str(r, "pending_reason") != "processing" {
		t.Fatalf("refund_fail refund: %v", r)
	}
	f.clock.Advance(2 * refundFailDelay)
	r = c.ok("GET", "/v1/refunds/"+str(r, "id"), nil)
	if str(r, "status") != "failed" || str(r, "failure_reason") != "expired_or_canceled_card" || str(r, "failure_balance_transaction") == "" {
		t.Fatalf("refund_fail later: %v", r)
	}
	if ch := c.ok("GET", "/v1/charges/"+str(bad, "latest_charge", "id"), nil); num(ch, "amount_refunded") != 0 {
		t.Fatalf("charge after the failed refund: %v", ch)
	}
}

// TestRefundAfterPartialCapture: what a partial capture released is not refundable
// again, and what it captured is refundable whole (online and on the reader).
func TestRefundAfterPartialCapture(t *testing.T) {
	f := newFixture(t, Options{})
	c := f.as("", "")
	held := c.paidOn(f.readers[0], 1000, "manual", "")
	c.ok("POST", "/v1/payment_intents/"+str(held, "id")+"/capture", form("amount_to_capture", "800"))
	c.ok("POST", "/v1/refunds", form("payment_intent", str(held, "id"), "amount", "300"))
	// 800 captured, 300 refunded: 500 left, not 300.
	c.fails("POST", "/v1/refunds", form("payment_intent", str(held, "id"), "amount", "501"), http.StatusBadRequest, "amount_too_large", "amount")
	rest := c.ok("POST", "/v1/refunds", form("payment_intent", str(held, "id")))
	if num(rest, "amount") != 500 {
		t.Fatalf("refund of the rest: %v", rest)
	}
	ch := c.ok("GET", "/v1/charges/"+str(held, "latest_charge", "id"), nil)
	if num(ch, "amount_refunded") != 1000 || dig(ch, "refunded") != true {
		t.Fatalf("charge after refunding everything captured: %v", ch)
	}
	c.fails("POST", "/v1/refunds", form("payment_intent", str(held, "id")), http.StatusBadRequest, "charge_already_refunded", "charge")

	// On the reader: the whole captured amount is refundable in person.
	held = c.paidOn(f.readers[1], 1000, "manual", "")
	c.ok("POST", "/v1/payment_intents/"+str(held, "id")+"/capture", form("amount_to_capture", "600"))
	c.ok("POST", "/v1/terminal/readers/"+f.readers[1]+"/refund_payment", form("payment_intent", str(held, "id"), "amount", "600"))
	r := c.ok("POST", "/v1/test_helpers/terminal/readers/"+f.readers[1]+"/present_payment_method", nil)
	if str(r, "action", "status") != "succeeded" {
		t.Fatalf("in-person refund of the captured amount: %v", dig(r, "action"))
	}
}

// TestChargeCarriesThePaymentsFields: the charge takes receipt_email and the statement
// descriptors from its PaymentIntent and from capture, and renders every nullable field
// of Stripe's charge (null, or {} for fraud_details) rather than leaving it out.
func TestChargeCarriesThePaymentsFields(t *testing.T) {
	f := newFixture(t, Options{})
	c := f.as("", "")
	held := c.paidOn(f.readers[0], 1000, "manual", "", "receipt_email", "a@example.com", "statement_descriptor_suffix", "TABLE 4")
	ch := dig(held, "latest_charge").(map[string]any)
	if ch["receipt_email"] != "a@example.com" || ch["statement_descriptor_suffix"] != "TABLE 4" {
		t.Fatalf("charge of the PaymentIntent: %v", ch)
	}
	for _, k := range []string{"application_fee", "failure_balance_transaction", "receipt_number", "review", "shipping",
		"source_transfer", "statement_descriptor"} {
		if v, ok := ch[k]; !ok || v != nil {
			t.Errorf("%s: %v (present %v), want null", k, v, ok)
		}
	}
	if fd, ok := ch["fraud_details"].(map[string]any); !ok || len(fd) != 0 {
		t.Errorf("fraud_details: %v", ch["fraud_details"])
	}
	c.fails("POST", "/v1/payment_intents/"+str(held, "id")+"/capture", form("statement_descriptor_suffix", "this is far too long for it"),
		http.StatusBadRequest, "", "statement_descriptor_suffix")
	c.ok("POST", "/v1/payment_intents/"+str(held, "id")+"/capture", form("statement_descriptor_suffix", "TABLE 5"))
	got := c.ok("POST", "/v1/charges/"+str(ch, "id"), form("receipt_email", "b@example.com"))
	if got["statement_descriptor_suffix"] != "TABLE 5" || got["receipt_email"] != "b@example.com" {
		t.Fatalf("charge after capture and update: %v", got)
	}
	if pi := c.ok("GET", "/v1/payment_intents/"+str(held, "id"), nil); pi["statement_descriptor_suffix"] != "TABLE 5" {
		t.Fatalf("PaymentIntent after capture: %v", pi)
	}
}
