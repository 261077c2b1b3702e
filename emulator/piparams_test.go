package emulator

import (
	"net/http"
	"testing"

	"github.com/stripe/stripe-go/v76"
)

func TestConnectParameters(t *testing.T) {
	f := newFixture(t, Options{})
	c, shop := f.as("", ""), f.as("acct_1Shop", "")
	base := []string{"amount", "1000", "currency", "usd"}
	with := func(kv ...string) map[string][]string { return form(append(append([]string{}, base...), kv...)...) }

	// An application fee needs a direct charge (Stripe-Account) or a destination.
	c.fails("POST", "/v1/payment_intents", with("application_fee_amount", "100"), http.StatusBadRequest, "", "application_fee_amount")
	direct := shop.ok("POST", "/v1/payment_intents", with("application_fee_amount", "100", "on_behalf_of", "acct_1Shop"))
	if num(direct, "application_fee_amount") != 100 || str(direct, "on_behalf_of") != "acct_1Shop" {
		t.Fatalf("direct charge: %v", direct)
	}
	dest := c.ok("POST", "/v1/payment_intents", with("application_fee_amount", "100", "transfer_data[destination]", "acct_1Shop",
		"transfer_group", "order-7", "capture_method", "manual", "payment_method_types[]", "card_present"))
	if str(dest, "transfer_data", "destination") != "acct_1Shop" || num(dest, "application_fee_amount") != 100 {
		t.Fatalf("destination charge: %v", dest)
	}
	c.fails("POST", "/v1/payment_intents", with("transfer_data[amount]", "5"), http.StatusBadRequest, "parameter_missing", "transfer_data[destination]")
	c.fails("POST", "/v1/payment_intents", with("transfer_data[destination]", "bob"), http.StatusBadRequest, "resource_missing", "transfer_data[destination]")
	c.fails("POST", "/v1/payment_intents", with("application_fee_amount", "5000", "transfer_data[destination]", "acct_1"), http.StatusBadRequest, "", "application_fee_amount")
	c.fails("POST", "/v1/payment_intents", with("customer", "bob"), http.StatusNotFound, "resource_missing", "customer")
	c.fails("POST", "/v1/payment_intents", with("setup_future_usage", "sometimes"), http.StatusBadRequest, "", "setup_future_usage")

	// The charge carries them.
	c.ok("POST", "/v1/terminal/readers/"+f.readers[0]+"/process_payment_intent", form("payment_intent", str(dest, "id")))
	c.ok("POST", "/v1/test_helpers/terminal/readers/"+f.readers[0]+"/present_payment_method", nil)
	ch := c.ok("GET", "/v1/payment_intents/"+str(dest, "id"), form("expand[]", "latest_charge"))["latest_charge"].(map[string]any)
	if str(ch, "transfer_data", "destination") != "acct_1Shop" || num(ch, "application_fee_amount") != 100 || str(ch, "transfer_group") != "order-7" ||
		str(ch, "payment_method_details", "card_present", "reader") != f.readers[0] {
		t.Fatalf("charge: %v", ch)
	}
	// At capture, on what was authorized (as till does with Connect).
	held := shop.paidOn(shop.newReader(), 1500, "manual", "", "application_fee_amount", "40")
	captured := shop.ok("POST", "/v1/payment_intents/"+str(held, "id")+"/capture", form("application_fee_amount", "38", "expand[]", "latest_charge"))
	if num(captured, "application_fee_amount") != 38 || num(captured, "latest_charge", "application_fee_amount") != 38 {
		t.Fatalf("fee at capture: %v", captured)
	}
	plain := c.paidOn(f.readers[1], 1500, "manual", "")
	c.fails("POST", "/v1/payment_intents/"+str(plain, "id")+"/capture", form("application_fee_amount", "38"), http.StatusBadRequest, "", "application_fee_amount")
	c.fails("POST", "/v1/payment_intents/"+str(direct, "id"), form("customer", "cus_B"), http.StatusNotFound, "resource_missing", "intent")
	if upd := shop.ok("POST", "/v1/payment_intents/"+str(direct, "id"), form("customer", "cus_B", "application_fee_amount", "50")); str(upd, "customer") != "cus_B" ||
		num(upd, "application_fee_amount") != 50 {
		t.Fatalf("update: %v", upd)
	}
}

func TestSetupFutureUsageSavesTheCard(t *testing.T) {
	f := newFixture(t, Options{})
	pi := f.createPI(1500, "automatic", func(p *stripe.PaymentIntentParams) {
		p.Customer, p.SetupFutureUsage = stripe.String("cus_Regular"), stripe.String("off_session")
	})
	f.process(f.readers[0], pi.ID)
	f.present(f.readers[0], "")
	got := f.getPI(pi.ID, "latest_charge")
	gen := got.LatestCharge.PaymentMethodDetails.CardPresent.GeneratedCard
	if got.SetupFutureUsage != "off_session" || gen == "" {
		t.Fatalf("no generated_card: %+v", got.LatestCharge.PaymentMethodDetails.CardPresent)
	}
	card, err := f.sc.PaymentMethods.Get(gen, nil)
	if err != nil || card.Type != "card" || card.Customer.ID != "cus_Regular" || card.Card.Last4 != "4242" {
		t.Fatalf("saved card: %+v, %v", card, err)
	}

	// From acacia, saving needs the customer's redisplay consent on the reader.
	c := f.as("", "2024-09-30.acacia")
	pi2 := c.ok("POST", "/v1/payment_intents", form("amount", "1500", "currency", "usd", "customer", "cus_Regular", "setup_future_usage", "on_session"))
	c.fails("POST", "/v1/terminal/readers/"+f.readers[1]+"/process_payment_intent", form("payment_intent", str(pi2, "id")),
		http.StatusBadRequest, "", "process_config[allow_redisplay]")
	r := c.ok("POST", "/v1/terminal/readers/"+f.readers[1]+"/process_payment_intent", form("payment_intent", str(pi2, "id"),
		"process_config[allow_redisplay]", "always", "process_config[return_url]", "https://example.com/back"))
	if str(r, "action", "process_payment_intent", "process_config", "return_url") != "https://example.com/back" {
		t.Fatalf("process_config: %v", r["action"])
	}
	c.ok("POST", "/v1/test_helpers/terminal/readers/"+f.readers[1]+"/present_payment_method", nil)
	ch := c.ok("GET", "/v1/payment_intents/"+str(pi2, "id"), form("expand[]", "latest_charge"))
	saved := c.ok("GET", "/v1/payment_methods/"+str(ch, "latest_charge", "payment_method_details", "card_present", "generated_card"), nil)
	if str(saved, "allow_redisplay") != "always" {
		t.Fatalf("saved card: %v", saved)
	}
}

func TestManualPreferredHolds(t *testing.T) {
	f := newFixture(t, Options{})
	c := f.as("", "")
	for _, tc := range []struct {
		card, currency, types, status string
	}{
		{"", "usd", "card_present", "requires_capture"},
		{"4506445006931933", "cad", "interac_present", "succeeded"}, // single-message: captured at once
	} {
		pi := c.ok("POST", "/v1/payment_intents", form("amount", "1000", "currency", tc.currency, "payment_method_types[]", tc.types,
			"payment_method_options[card_present][capture_method]", "manual_preferred"))
		if tc.types == "card_present" && str(pi, "payment_method_options", "card_present", "capture_method") != "manual_preferred" {
			t.Fatalf("options: %v", pi["payment_method_options"])
		}
		c.ok("POST", "/v1/terminal/readers/"+f.readers[0]+"/process_payment_intent", form("payment_intent", str(pi, "id")))
		present := form()
		if tc.card != "" {
			present = form("type", "interac_present", "interac_present[number]", tc.card)
		}
		c.ok("POST", "/v1/test_helpers/terminal/readers/"+f.readers[0]+"/present_payment_method", present)
		if got := c.ok("GET", "/v1/payment_intents/"+str(pi, "id"), nil); str(got, "status") != tc.status || str(got, "capture_method") != "automatic" {
			t.Errorf("%s manual_preferred: %s (%s)", tc.types, str(got, "status"), str(got, "capture_method"))
		}
	}
	c.fails("POST", "/v1/payment_intents", form("amount", "1000", "currency", "usd", "payment_method_options[card_present][capture_method]", "later"),
		http.StatusBadRequest, "", "payment_method_options[card_present][capture_method]")
}

func TestKeyedCardOnReader(t *testing.T) {
	f := newFixture(t, Options{})
	c := f.as("", "")
	pi := c.ok("POST", "/v1/payment_intents", form("amount", "1000", "currency", "usd", "payment_method_types[]", "card", "capture_method", "manual"))
	c.ok("POST", "/v1/terminal/readers/"+f.readers[0]+"/process_payment_intent", form("payment_intent", str(pi, "id")))
	path := "/v1/test_helpers/terminal/readers/" + f.readers[0] + "/present_payment_method"
	c.fails("POST", path, form("type", "card", "card[number]", "4242424242424242"), http.StatusBadRequest, "parameter_missing", "card[exp_month]")
	c.fails("POST", path, form("type", "card", "card[number]", "4242424242424242", "card[exp_month]", "13", "card[exp_year]", "2030"),
		http.StatusBadRequest, "invalid_expiry_month", "card[exp_month]")
	c.fails("POST", path, form("type", "card_present", "card[number]", "4242424242424242"), http.StatusBadRequest, "", "card")
	r := c.ok("POST", path, form("type", "card", "card[number]", "5555555555554444", "card[exp_month]", "12", "card[exp_year]", "2030", "card[cvc]", "123"))
	if str(r, "action", "status") != "succeeded" {
		t.Fatalf("keyed card: %v", r["action"])
	}
	got := c.ok("GET", "/v1/payment_intents/"+str(pi, "id"), form("expand[]", "latest_charge"))
	if str(got, "status") != "requires_capture" || str(got, "latest_charge", "payment_method_details", "type") != "card" ||
		str(got, "latest_charge", "payment_method_details", "card", "brand") != "mastercard" ||
		str(got, "latest_charge", "payment_method_details", "card", "checks", "cvc_check") != "pass" {
		t.Fatalf("keyed payment: %v", got)
	}
	c.ok("POST", "/v1/payment_intents/"+str(pi, "id")+"/capture", nil)
}

func TestIncrementAuthorization(t *testing.T) {
	f := newFixture(t, Options{})
	inc := func(p *stripe.PaymentIntentParams) {
		p.PaymentMethodOptions = &stripe.PaymentIntentPaymentMethodOptionsParams{CardPresent: &stripe.PaymentIntentPaymentMethodOptionsCardPresentParams{
			RequestIncrementalAuthorizationSupport: stripe.Bool(true)}}
	}
	pi := f.createPI(5000, "manual", inc)
	f.process(f.readers[0], pi.ID)
	f.present(f.readers[0], "")
	if got := f.getPI(pi.ID, "latest_charge"); !got.LatestCharge.PaymentMethodDetails.CardPresent.IncrementalAuthorizationSupported {
		t.Fatalf("incremental_authorization_supported is false")
	}
	got, err := f.sc.PaymentIntents.IncrementAuthorization(pi.ID, &stripe.PaymentIntentIncrementAuthorizationParams{Amount: stripe.Int64(7000)})
	if err != nil || got.Amount != 7000 || got.AmountCapturable != 7000 {
		t.Fatalf("increment = %+v, %v", got, err)
	}
	_, err = f.sc.PaymentIntents.IncrementAuthorization(pi.ID, &stripe.PaymentIntentIncrementAuthorizationParams{Amount: stripe.Int64(6000)})
	wantErr(t, err, http.StatusBadRequest, stripe.ErrorTypeInvalidRequest, "", "amount")
	// The test amounts apply to the new total: a decline leaves the old authorization.
	_, err = f.sc.PaymentIntents.IncrementAuthorization(pi.ID, &stripe.PaymentIntentIncrementAuthorizationParams{Amount: stripe.Int64(9005)})
	if se := wantErr(t, err, http.StatusPaymentRequired, stripe.ErrorTypeCard, stripe.ErrorCodeCardDeclined, ""); se.DeclineCode != "generic_decline" {
		t.Fatalf("decline code %s", se.DeclineCode)
	}
	if got := f.getPI(pi.ID, "latest_charge"); got.AmountCapturable != 7000 || got.LatestCharge.PaymentMethodDetails.CardPresent.AmountAuthorized != 7000 {
		t.Fatalf("after a declined increment: %d / %d", got.AmountCapturable, got.LatestCharge.PaymentMethodDetails.CardPresent.AmountAuthorized)
	}
	if got, err := f.sc.PaymentIntents.Capture(pi.ID, nil); err != nil || got.AmountReceived != 7000 {
		t.Fatalf("capture = %+v, %v", got, err)
	}
	// Without the request at creation, or after capture: refused.
	plain := f.createPI(5000, "manual")
	f.process(f.readers[1], plain.ID)
	f.present(f.readers[1], "")
	_, err = f.sc.PaymentIntents.IncrementAuthorization(plain.ID, &stripe.PaymentIntentIncrementAuthorizationParams{Amount: stripe.Int64(6000)})
	wantErr(t, err, http.StatusBadRequest, stripe.ErrorTypeInvalidRequest, "incremental_authorization_not_supported", "")
	_, err = f.sc.PaymentIntents.IncrementAuthorization(pi.ID, &stripe.PaymentIntentIncrementAuthorizationParams{Amount: stripe.Int64(8000)})
	wantErr(t, err, http.StatusBadRequest, stripe.ErrorTypeInvalidRequest, "payment_intent_unexpected_state", "")
}

func TestReaderLabelDefaultsToRegistrationCode(t *testing.T) {
	f := newFixture(t, Options{})
	r, err := f.sc.TerminalReaders.New(&stripe.TerminalReaderParams{RegistrationCode: stripe.String("simulated-s700")})
	if err != nil || r.Label != "simulated-s700" {
		t.Fatalf("register without label = %+v, %v", r, err)
	}
	r, err = f.sc.TerminalReaders.Update(r.ID, &stripe.TerminalReaderParams{Label: stripe.String("Till 3")})
	if err != nil || r.Label != "Till 3" {
		t.Fatalf("relabel = %+v, %v", r, err)
	}
	r, err = f.sc.TerminalReaders.Update(r.ID, &stripe.TerminalReaderParams{Label: stripe.String("")})
	if err != nil || r.Label != "simulated-s700" {
		t.Fatalf("unset label = %+v, %v", r, err)
	}
}

// TestReceiptForEveryCard: the EMV receipt fields a receipt printer needs are there and
// plausible for each approving test card.
func TestReceiptForEveryCard(t *testing.T) {
	f := newFixture(t, Options{})
	for number, card := range testCards {
		if card.Code != "" {
			continue
		}
		types := []string{"card_present"}
		cur := "usd"
		if card.Type == "interac_present" {
			types, cur = []string{"interac_present"}, "cad"
		}
		pi, err := f.sc.PaymentIntents.New(&stripe.PaymentIntentParams{Amount: stripe.Int64(1000), Currency: stripe.String(cur),
			PaymentMethodTypes: stripe.StringSlice(types)})
		if err != nil {
			t.Fatal(err)
		}
		f.process(f.readers[0], pi.ID)
		f.present(f.readers[0], number)
		got := f.getPI(pi.ID, "latest_charge")
		d := got.LatestCharge.PaymentMethodDetails
		cp := d.CardPresent
		if cp == nil {
			if d.InteracPresent == nil {
				t.Fatalf("%s: no details", number)
			}
			r := d.InteracPresent.Receipt
			if r.AuthorizationCode == "" || r.DedicatedFileName != "A0000002771010" || d.InteracPresent.ReadMethod == "" {
				t.Errorf("%s: Interac receipt %+v", number, r)
			}
			continue
		}
		r := cp.Receipt
		if r.AuthorizationCode == "" || len(r.AuthorizationCode) != 6 || r.ApplicationCryptogram == "" || r.ApplicationPreferredName != card.AppName ||
			r.DedicatedFileName != dedicatedFileNames[card.Network] || r.DedicatedFileName == "" || r.AuthorizationResponseCode != "3030" ||
			string(r.CardholderVerificationMethod) != card.CVM || string(cp.ReadMethod) != card.ReadMethod || cp.Last4 != number[len(number)-4:] {
			t.Errorf("%s: receipt %+v read %s", number, r, cp.ReadMethod)
		}
	}
}

// The default test card's outcome by the total's last two digits, as Stripe's simulated
// readers answer.
func TestAuthorizeByAmount(t *testing.T) {
	for _, tc := range []struct {
		total    int64
		approved bool
		decline  string
		cvm      string
	}{
		{1000, true, "", "none"}, {1001, false, "call_issuer", ""}, {1002, true, "", "offline_pin"}, {2503, true, "", "online_pin"},
		{1005, false, "generic_decline", ""}, {1055, false, "incorrect_pin", ""}, {1060, false, "online_or_offline_pin_required", ""},
		{1065, false, "withdrawal_count_limit_exceeded", ""}, {1075, false, "pin_try_exceeded", ""}, {1099, true, "", "none"},
	} {
		got := authorizeCard(testCards[defaultCard], tc.total)
		cvm := got.cvm
		if !got.approved {
			cvm = "" // a declined card is not verified
		}
		if got.approved != tc.approved || got.declineCode != tc.decline || cvm != tc.cvm || !tc.approved && got.message == "" {
			t.Errorf("authorizeCard(default card, %d) = %+v", tc.total, got)
		}
	}
}
