package emulator

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stripe/stripe-go/v76"
)

// TestCurrencyRules: a PaymentIntent's amount follows the currency's minor units as
// Stripe counts them (ISO 4217 with Stripe's exceptions, from package checkout): the
// minimum and maximum are written in them, three-decimal amounts end in 0, ISK is whole
// krónur though two-decimal, MGA is zero-decimal though ISO gives it two, and a code
// that is no currency is refused as Stripe refuses it.
func TestCurrencyRules(t *testing.T) {
	f := newFixture(t, Options{})
	for _, tc := range []struct {
		name, currency, amount string
		code, param, msg       string // code "" and msg "" with param "": accepted
	}{
		{"usd", "usd", "1000", "", "", ""},
		{"usd below the minimum", "usd", "49", "amount_too_small", "amount", "at least 0.50 usd"},
		{"usd above the maximum", "usd", "100000000", "amount_too_large", "amount", "no more than 999999.99 usd"},
		{"jpy, zero-decimal", "jpy", "1001", "", "", ""},
		{"jpy below the minimum", "jpy", "49", "amount_too_small", "amount", "at least 50 jpy"},
		{"jpy above the maximum", "jpy", "100000000", "amount_too_large", "amount", "no more than 99999999 jpy"},
		{"isk in whole kronur", "isk", "50000", "", "", ""},
		{"isk with aurar", "isk", "50050", "", "amount", "steps of 1.00 isk"},
		{"kwd ending in 0", "kwd", "5120", "", "", ""},
		{"kwd not ending in 0", "kwd", "5125", "", "amount", "steps of 0.010 kwd"},
		{"kwd above the maximum", "kwd", "100000000", "amount_too_large", "amount", "no more than 99999.999 kwd"},
		{"bhd not ending in 0", "bhd", "1001", "", "amount", "steps of 0.010 bhd"},
		{"mga, zero-decimal for Stripe", "mga", "1001", "", "", ""},
		{"mga above the maximum", "mga", "100000000", "amount_too_large", "amount", "no more than 99999999 mga"},
		{"upper case is lowered", "KWD", "5120", "", "", ""},
		{"not a currency", "xyz", "1000", "", "currency", "Invalid currency: xyz."},
		{"gold has no minor unit", "xau", "1000", "", "currency", "Invalid currency: xau."},
		{"not a code", "dollars", "1000", "", "currency", "Invalid currency: dollars."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			form := url.Values{"amount": {tc.amount}, "currency": {tc.currency}, "payment_method_types[]": {"card_present"}}
			res, body := rawCall(t, f.srv.URL, http.MethodPost, "/v1/payment_intents", testKey, form, nil)
			if tc.param == "" {
				if res.StatusCode != http.StatusOK || body["currency"] != strings.ToLower(tc.currency) || fmt.Sprint(body["amount"]) != tc.amount {
					t.Fatalf("got %d %v", res.StatusCode, body)
				}
				return
			}
			if res.StatusCode != http.StatusBadRequest || errField(body, "type") != "invalid_request_error" ||
				errField(body, "code") != tc.code || errField(body, "param") != tc.param || !strings.Contains(errField(body, "message"), tc.msg) {
				t.Fatalf("got %d %v", res.StatusCode, body)
			}
		})
	}
}

// TestCaptureFollowsTheCurrencyStep: a partial capture of a three-decimal amount must
// end in 0 too.
func TestCaptureFollowsTheCurrencyStep(t *testing.T) {
	f := newFixture(t, Options{})
	pi := f.createPI(5120, "manual", func(p *stripe.PaymentIntentParams) { p.Currency = stripe.String("kwd") })
	f.process(f.readers[0], pi.ID)
	f.present(f.readers[0], "")
	_, err := f.sc.PaymentIntents.Capture(pi.ID, &stripe.PaymentIntentCaptureParams{AmountToCapture: stripe.Int64(5005)})
	if se := wantErr(t, err, http.StatusBadRequest, stripe.ErrorTypeInvalidRequest, "", "amount_to_capture"); !strings.Contains(se.Msg, "0.010 kwd") {
		t.Errorf("message %q", se.Msg)
	}
	got, err := f.sc.PaymentIntents.Capture(pi.ID, &stripe.PaymentIntentCaptureParams{AmountToCapture: stripe.Int64(5000)})
	if err != nil || got.Status != stripe.PaymentIntentStatusSucceeded || got.AmountReceived != 5000 {
		t.Fatalf("capture of 5000 kwd minor units: %v %+v", err, got)
	}
}
