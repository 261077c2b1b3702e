package emulator

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/stripe/stripe-go/v76"
)

func TestReaderBusyFault(t *testing.T) {
	f := newFixture(t, Options{})
	if err := f.e.SetNamedFault(f.readers[0], "reader_busy", true); err != nil {
		t.Fatal(err)
	}
	pi := f.createPI(1000, "manual")
	_, err := f.sc.TerminalReaders.ProcessPaymentIntent(f.readers[0], &stripe.TerminalReaderProcessPaymentIntentParams{PaymentIntent: stripe.String(pi.ID)})
	wantErr(t, err, http.StatusBadRequest, stripe.ErrorTypeInvalidRequest, stripe.ErrorCodeTerminalReaderBusy, "")
	_, err = f.sc.TerminalReaders.CancelAction(f.readers[0], nil)
	wantErr(t, err, http.StatusBadRequest, stripe.ErrorTypeInvalidRequest, stripe.ErrorCodeTerminalReaderBusy, "")
	// The other reader, and reading the reader, still work.
	f.process(f.readers[1], pi.ID)
	if _, err := f.sc.TerminalReaders.Get(f.readers[0], nil); err != nil {
		t.Fatal(err)
	}
	f.e.SetNamedFault(f.readers[0], "reader_busy", false)
	f.process(f.readers[0], pi.ID)
}

// TestLostCaptureAnswer: the capture is made, the answer never comes, retries with the
// same key lose theirs too; re-reading the PaymentIntent shows the truth.
func TestLostCaptureAnswer(t *testing.T) {
	f := newFixture(t, Options{})
	pi := f.createPI(1000, "manual")
	f.process(f.readers[0], pi.ID)
	f.present(f.readers[0], "")
	other := f.createPI(1000, "manual")
	f.process(f.readers[1], other.ID)
	f.present(f.readers[1], "")
	if err := f.e.SetNamedFault(f.readers[0], "lost_capture", true); err != nil {
		t.Fatal(err)
	}
	p := &stripe.PaymentIntentCaptureParams{}
	p.SetIdempotencyKey("capture:" + pi.ID)
	for range 2 {
		_, err := f.sc.PaymentIntents.Capture(pi.ID, p)
		var se *stripe.Error
		if err == nil || errors.As(err, &se) {
			t.Fatalf("capture answered: %v", err)
		}
	}
	if got := f.getPI(pi.ID); got.Status != stripe.PaymentIntentStatusSucceeded || got.AmountReceived != 1000 {
		t.Fatalf("after the lost answers: %s", got.Status)
	}
	// A new key is answered (the capture is refused: already done); other readers' captures too.
	_, err := f.sc.PaymentIntents.Capture(pi.ID, nil)
	wantErr(t, err, http.StatusBadRequest, stripe.ErrorTypeInvalidRequest, "payment_intent_unexpected_state", "")
	if got, err := f.sc.PaymentIntents.Capture(other.ID, nil); err != nil || got.Status != stripe.PaymentIntentStatusSucceeded {
		t.Fatalf("other reader's capture: %v", err)
	}
	f.e.SetNamedFault(f.readers[0], "lost_capture", false)
	if got, err := f.sc.PaymentIntents.Capture(pi.ID, p); err != nil || got.Status != stripe.PaymentIntentStatusSucceeded {
		t.Fatalf("replay once the fault is off: %v", err)
	}
}

func TestCustomerCancelsRefundAndSetup(t *testing.T) {
	f := newFixture(t, Options{})
	c := f.as("", "")
	pi, err := f.sc.PaymentIntents.New(&stripe.PaymentIntentParams{Amount: stripe.Int64(3000), Currency: stripe.String("cad"),
		PaymentMethodTypes: stripe.StringSlice([]string{"interac_present"})})
	if err != nil {
		t.Fatal(err)
	}
	f.process(f.readers[0], pi.ID)
	f.present(f.readers[0], "")
	f.e.SetFault(f.readers[0], Fault{CustomerCancel: true})
	c.ok("POST", "/v1/terminal/readers/"+f.readers[0]+"/refund_payment", form("payment_intent", pi.ID,
		"refund_payment_config[enable_customer_cancellation]", "true"))
	r := c.ok("POST", "/v1/test_helpers/terminal/readers/"+f.readers[0]+"/present_payment_method", nil)
	if str(r, "action", "failure_code") != "customer_canceled" {
		t.Fatalf("refund canceled by the customer: %v", r["action"])
	}
	if list := c.ok("GET", "/v1/refunds", form("payment_intent", pi.ID)); len(dig(list, "data").([]any)) != 0 {
		t.Fatalf("a refund was made: %v", list)
	}
	si := c.ok("POST", "/v1/setup_intents", form("payment_method_types[]", "card_present"))
	c.ok("POST", "/v1/terminal/readers/"+f.readers[0]+"/process_setup_intent", form("setup_intent", str(si, "id"),
		"customer_consent_collected", "true", "process_config[enable_customer_cancellation]", "true"))
	r = c.ok("POST", "/v1/test_helpers/terminal/readers/"+f.readers[0]+"/present_payment_method", nil)
	if str(r, "action", "failure_code") != "customer_canceled" {
		t.Fatalf("setup canceled by the customer: %v", r["action"])
	}
}

func TestFaultCatalog(t *testing.T) {
	_, c := newAdminClient(t)
	got, err := c.FaultCatalog(context.Background())
	if err != nil || len(got) != len(FaultNames) {
		t.Fatalf("FaultCatalog = %v, %v", got, err)
	}
	for i, fi := range got {
		if fi.Name != FaultNames[i] || len(fi.Explanation) < 30 || strings.Contains(fi.Explanation, "\n") {
			t.Errorf("%d: %+v", i, fi)
		}
	}
}

func TestAdminPresentsOnAConnectedAccountsReader(t *testing.T) {
	f := newFixture(t, Options{})
	shop := f.as("acct_1Shop", "")
	reader := shop.newReader()
	pi := shop.ok("POST", "/v1/payment_intents", form("amount", "1000", "currency", "usd"))
	shop.ok("POST", "/v1/terminal/readers/"+reader+"/process_payment_intent", form("payment_intent", str(pi, "id")))
	if err := f.e.PresentCard(reader, ""); err != nil {
		t.Fatal(err)
	}
	if got := shop.ok("GET", "/v1/payment_intents/"+str(pi, "id"), nil); str(got, "status") != "succeeded" {
		t.Fatalf("after the admin present: %v", got["status"])
	}
	evs := dig(shop.ok("GET", "/v1/events", form("type", "charge.succeeded")), "data").([]any)
	if len(evs) != 1 {
		t.Fatalf("the connected account's charge event: %v", evs)
	}
}
