package emulator

import (
	"net/http"
	"testing"

	"github.com/stripe/stripe-go/v76"
)

// TestSaveCardOnReader: stripe-go v76 saves a card with a SetupIntent on a reader.
func TestSaveCardOnReader(t *testing.T) {
	f := webhookFixture(t, Options{})
	si, err := f.sc.SetupIntents.New(&stripe.SetupIntentParams{Customer: stripe.String("cus_Jenny"),
		PaymentMethodTypes: stripe.StringSlice([]string{"card_present"})})
	if err != nil || si.Status != stripe.SetupIntentStatusRequiresPaymentMethod || si.Usage != "off_session" {
		t.Fatalf("create = %+v, %v", si, err)
	}
	r, err := f.sc.TerminalReaders.ProcessSetupIntent(f.readers[0], &stripe.TerminalReaderProcessSetupIntentParams{
		SetupIntent: stripe.String(si.ID), CustomerConsentCollected: stripe.Bool(true)})
	if err != nil || r.Action.Type != "process_setup_intent" || r.Action.Status != "in_progress" || r.Action.ProcessSetupIntent.SetupIntent.ID != si.ID {
		t.Fatalf("process_setup_intent = %+v, %v", r, err)
	}
	r = f.present(f.readers[0], "5555555555554444")
	if r.Action.Status != "succeeded" || r.Action.ProcessSetupIntent.GeneratedCard == "" {
		t.Fatalf("after the card: %+v", r.Action)
	}
	p := &stripe.SetupIntentParams{}
	p.AddExpand("latest_attempt")
	got, err := f.sc.SetupIntents.Get(si.ID, p)
	if err != nil || got.Status != stripe.SetupIntentStatusSucceeded || got.PaymentMethod.ID != r.Action.ProcessSetupIntent.GeneratedCard ||
		got.LatestAttempt == nil || got.LatestAttempt.PaymentMethodDetails.CardPresent.GeneratedCard.ID != got.PaymentMethod.ID {
		t.Fatalf("SetupIntent after = %+v, %v", got, err)
	}
	card, err := f.sc.PaymentMethods.Get(got.PaymentMethod.ID, nil)
	if err != nil || card.Type != "card" || card.Card.Brand != "mastercard" || card.Card.Last4 != "4444" || card.Customer.ID != "cus_Jenny" {
		t.Fatalf("generated card = %+v, %v", card, err)
	}
	read, err := f.sc.PaymentMethods.Get(got.LatestAttempt.PaymentMethod.ID, nil)
	if err != nil || read.Type != "card_present" || read.CardPresent.Last4 != "4444" {
		t.Fatalf("card read = %+v, %v", read, err)
	}
	c := f.as("", "")
	if raw := c.ok("GET", "/v1/payment_methods/"+card.ID, nil); str(raw, "card", "generated_from", "setup_attempt") != got.LatestAttempt.ID {
		t.Fatalf("generated_from: %v", raw["card"])
	}
	att := c.ok("GET", "/v1/setup_attempts", form("setup_intent", si.ID))
	if n := len(dig(att, "data").([]any)); n != 1 {
		t.Fatalf("setup_attempts: %v", att)
	}
	if list := c.ok("GET", "/v1/setup_intents", form("customer", "cus_Jenny")); str(list, "data", "0", "id") != si.ID {
		t.Fatalf("list by customer: %v", list)
	}

	// A succeeded SetupIntent cannot be processed or canceled again.
	_, err = f.sc.TerminalReaders.ProcessSetupIntent(f.readers[0], &stripe.TerminalReaderProcessSetupIntentParams{
		SetupIntent: stripe.String(si.ID), CustomerConsentCollected: stripe.Bool(true)})
	wantErr(t, err, http.StatusBadRequest, stripe.ErrorTypeInvalidRequest, "intent_invalid_state", "")
	_, err = f.sc.SetupIntents.Cancel(si.ID, nil)
	wantErr(t, err, http.StatusBadRequest, stripe.ErrorTypeInvalidRequest, "setup_intent_unexpected_state", "")
}

func TestSaveCardDeclined(t *testing.T) {
	f := newFixture(t, Options{})
	c := f.as("", "2024-09-30.acacia")
	si := c.ok("POST", "/v1/setup_intents", form("payment_method_types[]", "card_present", "metadata[till]", "1"))
	c.ok("POST", "/v1/terminal/readers/"+f.readers[1]+"/process_setup_intent", form("setup_intent", str(si, "id"), "allow_redisplay", "always"))
	r := c.ok("POST", "/v1/test_helpers/terminal/readers/"+f.readers[1]+"/present_payment_method",
		form("card_present[number]", "4000000000009995"))
	if str(r, "action", "status") != "failed" || str(r, "action", "failure_code") != "setup_intent_authentication_failure" {
		t.Fatalf("declined setup: %v", r["action"])
	}
	got := c.ok("GET", "/v1/setup_intents/"+str(si, "id"), nil)
	if str(got, "status") != "requires_payment_method" || str(got, "last_setup_error", "decline_code") != "insufficient_funds" {
		t.Fatalf("SetupIntent after a decline: %v", got)
	}
	upd := c.ok("POST", "/v1/setup_intents/"+str(si, "id"), form("description", "retry", "metadata[till]", ""))
	if str(upd, "description") != "retry" || len(dig(upd, "metadata").(map[string]any)) != 0 {
		t.Fatalf("update: %v", upd)
	}
	canceled := c.ok("POST", "/v1/setup_intents/"+str(si, "id")+"/cancel", form("cancellation_reason", "abandoned"))
	if str(canceled, "status") != "canceled" || str(canceled, "cancellation_reason") != "abandoned" {
		t.Fatalf("cancel: %v", canceled)
	}
}

func TestCollectInputs(t *testing.T) {
	f := newFixture(t, Options{})
	c, reader := f.as("", ""), f.readers[0]
	inputs := form(
		"inputs[0][type]", "email", "inputs[0][custom_text][title]", "Email for the receipt", "inputs[0][required]", "true",
		"inputs[1][type]", "selection", "inputs[1][custom_text][title]", "How was it?",
		"inputs[1][selection][choices][0][id]", "good", "inputs[1][selection][choices][0][text]", "Good",
		"inputs[1][selection][choices][1][id]", "bad", "inputs[1][selection][choices][1][text]", "Bad",
		"inputs[2][type]", "signature", "inputs[2][custom_text][title]", "Sign here",
		"inputs[2][toggles][0][title]", "Newsletter", "inputs[2][toggles][0][default_value]", "enabled",
		"metadata[order]", "o-1")
	path := "/v1/terminal/readers/" + reader
	c.fails("POST", path+"/collect_inputs", form("inputs[0][type]", "email"), http.StatusBadRequest, "parameter_missing", "inputs[0][custom_text][title]")
	c.fails("POST", path+"/collect_inputs", form("inputs[0][type]", "email", "inputs[0][custom_text][title]", "Email",
		"inputs[0][custom_text][subtitle]", "x"), http.StatusBadRequest, "parameter_unknown", "inputs[0][custom_text][subtitle]")
	c.fails("POST", "/v1/test_helpers/terminal/readers/"+reader+"/succeed_input_collection", nil, http.StatusBadRequest, "", "")
	r := c.ok("POST", path+"/collect_inputs", inputs)
	if str(r, "action", "type") != "collect_inputs" || str(r, "action", "status") != "in_progress" || str(r, "action", "collect_inputs", "metadata", "order") != "o-1" {
		t.Fatalf("collect_inputs: %v", r["action"])
	}
	r = c.ok("POST", "/v1/test_helpers/terminal/readers/"+reader+"/succeed_input_collection", nil)
	in := dig(r, "action", "collect_inputs", "inputs").([]any)
	if str(r, "action", "status") != "succeeded" || str(in[0].(map[string]any), "email", "value") == "" ||
		str(in[1].(map[string]any), "selection", "id") != "good" || str(in[2].(map[string]any), "signature", "value") == "" ||
		str(in[2].(map[string]any), "toggles", "0", "value") != "enabled" {
		t.Fatalf("after the customer: %v", r["action"])
	}

	// Optional inputs skipped; then a customer who walks away.
	c.ok("POST", path+"/collect_inputs", inputs)
	r = c.ok("POST", "/v1/test_helpers/terminal/readers/"+reader+"/succeed_input_collection", form("skip_non_required_inputs", "all"))
	in = dig(r, "action", "collect_inputs", "inputs").([]any)
	if dig(in[0].(map[string]any), "skipped") != false || dig(in[1].(map[string]any), "skipped") != true || dig(in[1].(map[string]any), "selection", "id") != nil {
		t.Fatalf("skipped inputs: %v", in)
	}
	c.ok("POST", path+"/collect_inputs", inputs)
	r = c.ok("POST", "/v1/test_helpers/terminal/readers/"+reader+"/timeout_input_collection", nil)
	if str(r, "action", "status") != "failed" || str(r, "action", "failure_code") != inputsTimedOutCode {
		t.Fatalf("timeout: %v", r["action"])
	}
}
