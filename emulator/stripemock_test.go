package emulator

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"testing"

	"github.com/stripe/stripe-go/v76"
	"github.com/stripe/stripe-mock/embedded"
	"github.com/stripe/stripe-mock/server"
)

// stripeMock runs Stripe's own mock (stateless, spec-driven) in-process.
func stripeMock(t testing.TB) string {
	t.Helper()
	h, err := stripeMockHandler()
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv.URL
}

// mockReader is the reader of stripe-mock's fixtures.
const mockReader = "tmr_FDOt2wlRZEdpd7"

// stripeMockHandler is stripe-mock's server with its embedded spec and fixtures.
func stripeMockHandler() (http.Handler, error) {
	sp, err := server.LoadSpec(embedded.OpenAPISpec, "")
	if err != nil {
		return nil, fmt.Errorf("stripe-mock spec: %w", err)
	}
	fx, err := server.LoadFixtures(embedded.OpenAPIFixtures, "")
	if err != nil {
		return nil, fmt.Errorf("stripe-mock fixtures: %w", err)
	}
	stub, err := server.NewStubServer(fx, sp, false, false)
	if err != nil {
		return nil, fmt.Errorf("stripe-mock: %w", err)
	}
	return http.HandlerFunc(stub.HandleRequest), nil
}

// quietStdout silences stripe-mock, which prints every request to stdout.
func quietStdout(t testing.TB) {
	devnull, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	saved := os.Stdout
	os.Stdout = devnull
	t.Cleanup(func() { os.Stdout = saved; devnull.Close() })
}

// TestTillRequestsAcceptedByStripeMock: every request of till's payment flows, as
// stripe-go sends it, passes stripe-mock's validation against the spec.
func TestTillRequestsAcceptedByStripeMock(t *testing.T) {
	quietStdout(t)
	sc := stripeClient(stripeMock(t))
	const reader, pi = mockReader, "pi_123"
	create := &stripe.PaymentIntentParams{
		Amount: stripe.Int64(1234), Currency: stripe.String("usd"), CaptureMethod: stripe.String("manual"),
		PaymentMethodTypes: stripe.StringSlice([]string{"card_present"}), Description: stripe.String("till order o-1"),
	}
	create.AddMetadata("order_id", "o-1")
	create.SetIdempotencyKey("pi-create:o-1:1")
	get := &stripe.PaymentIntentParams{}
	get.AddExpand("latest_charge")
	process := &stripe.TerminalReaderProcessPaymentIntentParams{PaymentIntent: stripe.String(pi),
		ProcessConfig: &stripe.TerminalReaderProcessPaymentIntentProcessConfigParams{EnableCustomerCancellation: stripe.Bool(true)}}
	process.SetIdempotencyKey("process:pi_123:1")
	calls := map[string]func() error{
		"create PI":   func() error { _, err := sc.PaymentIntents.New(create); return err },
		"retrieve PI": func() error { _, err := sc.PaymentIntents.Get(pi, get); return err },
		"capture": func() error {
			_, err := sc.PaymentIntents.Capture(pi, &stripe.PaymentIntentCaptureParams{})
			return err
		},
		"partial capture": func() error {
			_, err := sc.PaymentIntents.Capture(pi, &stripe.PaymentIntentCaptureParams{AmountToCapture: stripe.Int64(1000)})
			return err
		},
		"cancel PI": func() error {
			_, err := sc.PaymentIntents.Cancel(pi, &stripe.PaymentIntentCancelParams{CancellationReason: stripe.String("abandoned")})
			return err
		},
		"search PI": func() error {
			it := sc.PaymentIntents.Search(&stripe.PaymentIntentSearchParams{SearchParams: stripe.SearchParams{Query: "metadata['order_id']:'o-1'"}})
			it.Next()
			return it.Err()
		},
		"list readers": func() error {
			it := sc.TerminalReaders.List(&stripe.TerminalReaderListParams{})
			it.Next()
			return it.Err()
		},
		"retrieve reader": func() error { _, err := sc.TerminalReaders.Get(reader, nil); return err },
		"process":         func() error { _, err := sc.TerminalReaders.ProcessPaymentIntent(reader, process); return err },
		"cancel_action":   func() error { _, err := sc.TerminalReaders.CancelAction(reader, nil); return err },
		"list locations": func() error {
			it := sc.TerminalLocations.List(&stripe.TerminalLocationListParams{})
			it.Next()
			return it.Err()
		},
		"retrieve charge": func() error { _, err := sc.Charges.Get("ch_123", nil); return err },
		"present card": func() error {
			_, err := sc.TestHelpersTerminalReaders.PresentPaymentMethod(reader, &stripe.TestHelpersTerminalReaderPresentPaymentMethodParams{
				Type: stripe.String("card_present"), CardPresent: &stripe.TestHelpersTerminalReaderPresentPaymentMethodCardPresentParams{Number: stripe.String("4242424242424242")}})
			return err
		},
		"set_reader_display": func() error {
			_, err := sc.TerminalReaders.SetReaderDisplay(reader, &stripe.TerminalReaderSetReaderDisplayParams{Type: stripe.String("cart"),
				Cart: &stripe.TerminalReaderSetReaderDisplayCartParams{Currency: stripe.String("usd"), Total: stripe.Int64(1234),
					LineItems: []*stripe.TerminalReaderSetReaderDisplayCartLineItemParams{{Amount: stripe.Int64(1234), Description: stripe.String("Tea"), Quantity: stripe.Int64(1)}}}})
			return err
		},
		"refund": func() error {
			_, err := sc.Refunds.New(&stripe.RefundParams{PaymentIntent: stripe.String(pi), Amount: stripe.Int64(100)})
			return err
		},
	}
	for name, call := range calls {
		if err := call(); err != nil {
			t.Errorf("stripe-mock refused till's %s: %v", name, err)
		}
	}
}

// TestMalformedRequestsAgreeWithStripeMock: the emulator refuses what stripe-mock (the
// spec) refuses, with the same error type, and names the offending parameter.
func TestMalformedRequestsAgreeWithStripeMock(t *testing.T) {
	quietStdout(t)
	mock := stripeMock(t)
	f := newFixture(t, Options{})
	reader := f.readers[0]
	tests := []struct {
		name, path string
		form       url.Values
		param      string
	}{
		{"amount missing", "/v1/payment_intents", url.Values{"currency": {"usd"}}, "amount"},
		{"currency missing", "/v1/payment_intents", url.Values{"amount": {"1000"}}, "currency"},
		{"amount not an integer", "/v1/payment_intents", url.Values{"amount": {"ten"}, "currency": {"usd"}}, "amount"},
		{"capture_method not in enum", "/v1/payment_intents", url.Values{"amount": {"1000"}, "currency": {"usd"}, "capture_method": {"sometimes"}}, "capture_method"},
		{"unknown parameter", "/v1/payment_intents", url.Values{"amount": {"1000"}, "currency": {"usd"}, "colour": {"red"}}, "colour"},
		{"metadata value not a string", "/v1/payment_intents", url.Values{"amount": {"1000"}, "currency": {"usd"}, "metadata[a][b]": {"x"}}, "metadata[a]"},
		{"cancellation_reason not in enum", "/v1/payment_intents/PI/cancel", url.Values{"cancellation_reason": {"bored"}}, "cancellation_reason"},
		{"amount_to_capture not an integer", "/v1/payment_intents/PI/capture", url.Values{"amount_to_capture": {"1.5"}}, "amount_to_capture"},
		{"process without payment_intent", "/v1/terminal/readers/READER/process_payment_intent", url.Values{}, "payment_intent"},
		{"skip_tipping not a boolean", "/v1/terminal/readers/READER/process_payment_intent",
			url.Values{"payment_intent": {"PI"}, "process_config[skip_tipping]": {"maybe"}}, "process_config[skip_tipping]"},
		{"display type not cart", "/v1/terminal/readers/READER/set_reader_display", url.Values{"type": {"poster"}}, "type"},
		{"present type not in enum", "/v1/test_helpers/terminal/readers/READER/present_payment_method", url.Values{"type": {"cash"}}, "type"},
		{"amount_tip not an integer", "/v1/test_helpers/terminal/readers/READER/present_payment_method", url.Values{"amount_tip": {"lots"}}, "amount_tip"},
		{"register without code", "/v1/terminal/readers", url.Values{"label": {"x"}}, "registration_code"},
		{"refund reason not in enum", "/v1/refunds", url.Values{"payment_intent": {"PI"}, "reason": {"whim"}}, "reason"},
	}
	pi := f.createPI(1000, "manual")
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := strings.NewReplacer("PI", pi.ID, "READER", reader)
			path := r.Replace(tc.path)
			form := url.Values{}
			for k, v := range tc.form {
				form[k] = []string{r.Replace(v[0])}
			}
			mres, mbody := rawCall(t, mock, http.MethodPost, path, testKey, form, nil)
			eres, ebody := rawCall(t, f.srv.URL, http.MethodPost, path, testKey, form, nil)
			if mres.StatusCode != http.StatusBadRequest {
				t.Fatalf("stripe-mock accepted it: %d %v", mres.StatusCode, mbody)
			}
			if eres.StatusCode != http.StatusBadRequest || errField(ebody, "type") != errField(mbody, "type") {
				t.Fatalf("emulator %d %v; stripe-mock %d %v", eres.StatusCode, ebody, mres.StatusCode, mbody)
			}
			if tc.param != "" && errField(ebody, "param") != tc.param {
				t.Errorf("emulator param = %q, want %q (%s)", errField(ebody, "param"), tc.param, errField(ebody, "message"))
			}
			if top := topName(tc.param); top != "" && !strings.Contains(errField(mbody, "message"), top) {
				t.Logf("stripe-mock's message does not name %s: %s", top, errField(mbody, "message"))
			}
		})
	}
}
