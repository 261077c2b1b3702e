package emulator

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stripe/stripe-go/v76"
)

func TestUnknownIDs(t *testing.T) {
	f := newFixture(t, Options{})
	pi := f.createPI(1000, "manual")
	tests := []struct {
		name  string
		call  func() error
		param string
	}{
		{"retrieve PI", func() error { _, err := f.sc.PaymentIntents.Get("pi_nope", nil); return err }, "intent"},
		{"capture PI", func() error { _, err := f.sc.PaymentIntents.Capture("pi_nope", nil); return err }, "intent"},
		{"cancel PI", func() error { _, err := f.sc.PaymentIntents.Cancel("pi_nope", nil); return err }, "intent"},
		{"charge", func() error { _, err := f.sc.Charges.Get("ch_nope", nil); return err }, "charge"},
		{"reader", func() error { _, err := f.sc.TerminalReaders.Get("tmr_nope", nil); return err }, "reader"},
		{"location", func() error { _, err := f.sc.TerminalLocations.Get("tml_nope", nil); return err }, "location"},
		{"process on unknown reader", func() error {
			_, err := f.sc.TerminalReaders.ProcessPaymentIntent("tmr_nope", &stripe.TerminalReaderProcessPaymentIntentParams{PaymentIntent: stripe.String(pi.ID)})
			return err
		}, "reader"},
		{"process unknown PI", func() error {
			_, err := f.sc.TerminalReaders.ProcessPaymentIntent(f.readers[0], &stripe.TerminalReaderProcessPaymentIntentParams{PaymentIntent: stripe.String("pi_nope")})
			return err
		}, "payment_intent"},
		{"cancel_action on unknown reader", func() error { _, err := f.sc.TerminalReaders.CancelAction("tmr_nope", nil); return err }, "reader"},
		{"present on unknown reader", func() error { _, err := f.presentErr("tmr_nope", ""); return err }, "reader"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			se := wantErr(t, tc.call(), http.StatusNotFound, stripe.ErrorTypeInvalidRequest, stripe.ErrorCodeResourceMissing, tc.param)
			if !strings.Contains(se.Msg, "_nope") {
				t.Errorf("message %q does not name the id", se.Msg)
			}
		})
	}
}

func TestMissingAndInvalidParams(t *testing.T) {
	f := newFixture(t, Options{})
	tests := []struct {
		name        string
		path        string
		form        url.Values
		code, param string
	}{
		{"no amount", "/v1/payment_intents", url.Values{"currency": {"usd"}}, "parameter_missing", "amount"},
		{"no currency", "/v1/payment_intents", url.Values{"amount": {"1000"}}, "parameter_missing", "currency"},
		{"nothing", "/v1/payment_intents", url.Values{}, "parameter_missing", "amount"},
		{"amount not an integer", "/v1/payment_intents", url.Values{"amount": {"12.34"}, "currency": {"usd"}}, "parameter_invalid_integer", "amount"},
		{"amount zero", "/v1/payment_intents", url.Values{"amount": {"0"}, "currency": {"usd"}}, "parameter_invalid_integer", "amount"},
		{"amount too small", "/v1/payment_intents", url.Values{"amount": {"49"}, "currency": {"usd"}}, "amount_too_small", "amount"},
		{"amount too large", "/v1/payment_intents", url.Values{"amount": {"100000000"}, "currency": {"usd"}}, "amount_too_large", "amount"},
		{"bad capture method", "/v1/payment_intents", url.Values{"amount": {"1000"}, "currency": {"usd"}, "capture_method": {"later"}}, "", "capture_method"},
		{"unknown parameter", "/v1/payment_intents", url.Values{"amount": {"1000"}, "currency": {"usd"}, "colour": {"red"}}, "parameter_unknown", "colour"},
		{"process without PI", "/v1/terminal/readers/" + f.readers[0] + "/process_payment_intent", url.Values{}, "parameter_missing", "payment_intent"},
		{"process_config unknown field", "/v1/terminal/readers/" + f.readers[0] + "/process_payment_intent",
			url.Values{"payment_intent": {"pi_x"}, "process_config[colour]": {"red"}}, "parameter_unknown", "process_config[colour]"},
		{"unknown test card", "/v1/test_helpers/terminal/readers/" + f.readers[0] + "/present_payment_method",
			url.Values{"card_present[number]": {"1234"}}, "", "card_present[number]"},
		{"bad expand", "/v1/payment_intents", url.Values{"amount": {"1000"}, "currency": {"usd"}, "expand[]": {"customer"}}, "", "expand"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.name == "unknown test card" {
				pi := f.createPI(1000, "manual")
				f.process(f.readers[0], pi.ID)
			}
			res, body := rawCall(t, f.srv.URL, http.MethodPost, tc.path, testKey, tc.form, nil)
			if res.StatusCode != http.StatusBadRequest || errField(body, "type") != "invalid_request_error" ||
				errField(body, "code") != tc.code || errField(body, "param") != tc.param || errField(body, "message") == "" {
				t.Fatalf("got %d %v", res.StatusCode, body)
			}
		})
	}
}

func TestAuthentication(t *testing.T) {
	f := newFixture(t, Options{})
	for _, tc := range []struct {
		name, header string
		status       int
	}{
		{"no key", "", http.StatusUnauthorized},
		{"live key", "Bearer sk_live_abc", http.StatusUnauthorized},
		{"publishable key", "Bearer pk_test_abc", http.StatusUnauthorized},
		{"garbage", "Token sk_test_abc", http.StatusUnauthorized},
		{"bearer secret", "Bearer sk_test_abc", http.StatusOK},
		{"bearer restricted", "Bearer rk_test_abc", http.StatusOK},
		{"basic", "Basic " + basic("sk_test_abc:"), http.StatusOK},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, body := rawCall(t, f.srv.URL, http.MethodGet, "/v1/terminal/readers", "", nil, map[string]string{"Authorization": tc.header})
			if res.StatusCode != tc.status {
				t.Fatalf("status %d, want %d: %v", res.StatusCode, tc.status, body)
			}
			if !strings.HasPrefix(res.Header.Get("Request-Id"), "req_") || res.Header.Get("Content-Type") != "application/json" {
				t.Errorf("headers = %v", res.Header)
			}
			if tc.status == http.StatusUnauthorized && (errField(body, "type") != "invalid_request_error" || errField(body, "message") == "") {
				t.Errorf("401 body = %v", body)
			}
			if tc.status == http.StatusUnauthorized && strings.Contains(errField(body, "message"), "abc") {
				t.Errorf("the key leaked into the message: %s", errField(body, "message"))
			}
		})
	}
	_, err := stripeClientWithKey(f.srv.URL, "").PaymentIntents.Get("pi_x", nil)
	if err == nil {
		t.Fatal("stripe-go without a key succeeded")
	}
}

func TestUnrecognizedURL(t *testing.T) {
	f := newFixture(t, Options{})
	res, body := rawCall(t, f.srv.URL, http.MethodGet, "/v1/nothing_here", testKey, nil, nil)
	if res.StatusCode != http.StatusNotFound || !strings.Contains(errField(body, "message"), "Unrecognized request URL") {
		t.Fatalf("got %d %v", res.StatusCode, body)
	}
}
