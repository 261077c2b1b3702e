package readerctl

import (
	"context"
	"net/http"
	"net/url"
	"sync"
	"testing"
	"time"

	"github.com/till-pos/till/checkout"
)

// request is what the fake Stripe received.
type request struct {
	Method, Path, Key string
	Form              url.Values
}

// recorder answers every request with body and remembers what it received.
func recorder(t *testing.T, body map[string]any) (*Client, func() request) {
	t.Helper()
	var mu sync.Mutex
	var last request
	c := newFake(t, func(w http.ResponseWriter, r *http.Request) {
		_ = r.ParseForm()
		mu.Lock()
		last = request{Method: r.Method, Path: r.URL.Path, Key: r.Header.Get("Idempotency-Key"), Form: r.Form}
		mu.Unlock()
		writeJSON(w, 200, "req_ok", body)
	})
	return c, func() request { mu.Lock(); defer mu.Unlock(); return last }
}

// TestRequestsOnTheWire: each call sends the endpoint, parameters and idempotency key
// that Stripe expects.
func TestRequestsOnTheWire(t *testing.T) {
	ctx := context.Background()
	pi := map[string]any{"id": "pi_1", "object": "payment_intent", "status": "requires_payment_method"}
	reader := map[string]any{"id": "tmr_1", "object": "terminal.reader"}
	tests := []struct {
		name       string
		body       map[string]any
		call       func(c *Client) error
		wantMethod string
		wantPath   string
		wantKey    string
		wantForm   map[string]string
		absent     []string
	}{
		{
			name: "create manual", body: pi,
			call: func(c *Client) error {
				_, err := c.CreateIntent(ctx, checkout.CreateIntent{OrderID: "o-17", Amount: checkout.Money{Amount: 1234, Currency: "usd"}, CaptureMethod: checkout.CaptureManual, Key: "till_o-17_create"})
				return err
			},
			wantMethod: "POST", wantPath: "/v1/payment_intents", wantKey: "till_o-17_create",
			wantForm: map[string]string{"amount": "1234", "currency": "usd", "payment_method_types[0]": "card_present", "capture_method": "manual", "metadata[order_id]": "o-17", "description": "till order o-17"},
		},
		{
			name: "create without capture method", body: pi,
			call: func(c *Client) error {
				_, err := c.CreateIntent(ctx, checkout.CreateIntent{OrderID: "o-18", Amount: checkout.Money{Amount: 500, Currency: "cad"}, Key: "k18"})
				return err
			},
			wantMethod: "POST", wantPath: "/v1/payment_intents", wantKey: "k18",
			wantForm: map[string]string{"amount": "500", "currency": "cad", "payment_method_types[0]": "card_present", "payment_method_types[1]": "interac_present"},
			absent:   []string{"capture_method"},
		},
		{
			name: "read intent", body: pi,
			call:       func(c *Client) error { _, err := c.ReadIntent(ctx, "pi_1"); return err },
			wantMethod: "GET", wantPath: "/v1/payment_intents/pi_1",
			wantForm: map[string]string{"expand[0]": "latest_charge"},
		},
		{
			name: "capture", body: pi,
			call: func(c *Client) error {
				_, err := c.CaptureIntent(ctx, checkout.CaptureIntent{PaymentIntentID: "pi_1", Key: "till_o_capture_0"})
				return err
			},
			wantMethod: "POST", wantPath: "/v1/payment_intents/pi_1/capture", wantKey: "till_o_capture_0",
			wantForm: map[string]string{"expand[0]": "latest_charge"}, absent: []string{"amount_to_capture"},
		},
		{
			name: "cancel with reason", body: pi,
			call: func(c *Client) error {
				_, err := c.CancelIntent(ctx, checkout.CancelIntent{PaymentIntentID: "pi_1", Reason: "abandoned", Key: "till_o_cancel_0"})
				return err
			},
			wantMethod: "POST", wantPath: "/v1/payment_intents/pi_1/cancel", wantKey: "till_o_cancel_0",
			wantForm: map[string]string{"cancellation_reason": "abandoned"},
		},
		{
			name: "cancel without reason", body: pi,
			call: func(c *Client) error {
				_, err := c.CancelIntent(ctx, checkout.CancelIntent{PaymentIntentID: "pi_1", Key: "k"})
				return err
			},
			wantMethod: "POST", wantPath: "/v1/payment_intents/pi_1/cancel", wantKey: "k",
			absent: []string{"cancellation_reason"},
		},
		{
			name: "process", body: reader,
			call: func(c *Client) error {
				_, err := c.ProcessOnReader(ctx, checkout.ProcessOnReader{ReaderID: "tmr_1", PaymentIntentID: "pi_1", Key: "till_o_process_1"})
				return err
			},
			wantMethod: "POST", wantPath: "/v1/terminal/readers/tmr_1/process_payment_intent", wantKey: "till_o_process_1",
			wantForm: map[string]string{"payment_intent": "pi_1", "process_config[enable_customer_cancellation]": "true"},
		},
		{
			name: "read reader", body: reader,
			call:       func(c *Client) error { _, err := c.ReadReader(ctx, "tmr_1"); return err },
			wantMethod: "GET", wantPath: "/v1/terminal/readers/tmr_1",
		},
		{
			name: "cancel action", body: reader,
			call:       func(c *Client) error { _, err := c.CancelReaderAction(ctx, "tmr_1"); return err },
			wantMethod: "POST", wantPath: "/v1/terminal/readers/tmr_1/cancel_action",
		},
		{
			name: "present default card", body: reader,
			call:       func(c *Client) error { _, err := c.PresentCard(ctx, "tmr_1", ""); return err },
			wantMethod: "POST", wantPath: "/v1/test_helpers/terminal/readers/tmr_1/present_payment_method",
			absent: []string{"type", "card_present[number]", "interac_present[number]"},
		},
		{
			name: "present a card", body: reader,
			call:       func(c *Client) error { _, err := c.PresentCard(ctx, "tmr_1", "4000000000009995"); return err },
			wantMethod: "POST", wantPath: "/v1/test_helpers/terminal/readers/tmr_1/present_payment_method",
			wantForm: map[string]string{"type": "card_present", "card_present[number]": "4000000000009995"},
		},
		{
			name: "present interac", body: reader,
			call:       func(c *Client) error { _, err := c.PresentCard(ctx, "tmr_1", "4506445006931933"); return err },
			wantMethod: "POST", wantPath: "/v1/test_helpers/terminal/readers/tmr_1/present_payment_method",
			wantForm: map[string]string{"type": "interac_present", "interac_present[number]": "4506445006931933"},
			absent:   []string{"card_present[number]"},
		},
		{
			name: "present with a tip", body: reader,
			call:       func(c *Client) error { _, err := c.PresentCardWithTip(ctx, "tmr_1", "", 250); return err },
			wantMethod: "POST", wantPath: "/v1/test_helpers/terminal/readers/tmr_1/present_payment_method",
			wantForm: map[string]string{"amount_tip": "250"},
		},
		{
			name: "process with tipping off", body: reader,
			call: func(c *Client) error {
				_, err := c.ProcessOnReader(ctx, checkout.ProcessOnReader{ReaderID: "tmr_1", PaymentIntentID: "pi_1", Key: "k", Tipping: &checkout.Tipping{Skip: true}})
				return err
			},
			wantMethod: "POST", wantPath: "/v1/terminal/readers/tmr_1/process_payment_intent",
			wantForm: map[string]string{"process_config[skip_tipping]": "true"}, absent: []string{"process_config[tipping][amount_eligible]"},
		},
		{
			name: "process with tips on the pre-tax amount", body: reader,
			call: func(c *Client) error {
				_, err := c.ProcessOnReader(ctx, checkout.ProcessOnReader{ReaderID: "tmr_1", PaymentIntentID: "pi_1", Key: "k", Tipping: &checkout.Tipping{AmountEligible: 2391}})
				return err
			},
			wantMethod: "POST", wantPath: "/v1/terminal/readers/tmr_1/process_payment_intent",
			wantForm: map[string]string{"process_config[tipping][amount_eligible]": "2391"}, absent: []string{"process_config[skip_tipping]"},
		},
		{
			name: "process leaves tipping to the reader's configuration", body: reader,
			call: func(c *Client) error {
				_, err := c.ProcessOnReader(ctx, checkout.ProcessOnReader{ReaderID: "tmr_1", PaymentIntentID: "pi_1", Key: "k", Tipping: &checkout.Tipping{}})
				return err
			},
			wantMethod: "POST", wantPath: "/v1/terminal/readers/tmr_1/process_payment_intent",
			absent: []string{"process_config[skip_tipping]", "process_config[tipping][amount_eligible]"},
		},
		{
			name: "show the cart", body: reader,
			call: func(c *Client) error {
				_, err := c.SetReaderDisplay(ctx, "tmr_1", checkout.Display{Currency: "usd", Tax: 98, Total: 1290,
					Lines: []checkout.DisplayLine{{Description: "Latte", Amount: 900, Quantity: 2}, {Description: "Croissant (-$0.33)", Amount: 292, Quantity: 1}}})
				return err
			},
			wantMethod: "POST", wantPath: "/v1/terminal/readers/tmr_1/set_reader_display",
			wantForm: map[string]string{"type": "cart", "cart[currency]": "usd", "cart[tax]": "98", "cart[total]": "1290",
				"cart[line_items][0][description]": "Latte", "cart[line_items][0][amount]": "900", "cart[line_items][0][quantity]": "2",
				"cart[line_items][1][description]": "Croissant (-$0.33)", "cart[line_items][1][amount]": "292"},
		},
		{
			name: "email receipt", body: pi,
			call: func(c *Client) error {
				_, err := c.SetReceiptEmail(ctx, "pi_1", "ana@example.com", "till_o_receipt_email_1")
				return err
			},
			wantMethod: "POST", wantPath: "/v1/payment_intents/pi_1", wantKey: "till_o_receipt_email_1",
			wantForm: map[string]string{"receipt_email": "ana@example.com"},
		},
		{
			name: "read payment", body: pi,
			call:       func(c *Client) error { _, err := c.ReadPayment(ctx, "pi_1"); return err },
			wantMethod: "GET", wantPath: "/v1/payment_intents/pi_1",
			wantForm: map[string]string{"expand[0]": "latest_charge"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, last := recorder(t, tt.body)
			if err := tt.call(c); err != nil {
				t.Fatalf("call: %v", err)
			}
			got := last()
			if got.Method != tt.wantMethod || got.Path != tt.wantPath {
				t.Errorf("sent %s %s, want %s %s", got.Method, got.Path, tt.wantMethod, tt.wantPath)
			}
			if tt.wantKey != "" && got.Key != tt.wantKey {
				t.Errorf("Idempotency-Key %q, want %q", got.Key, tt.wantKey)
			}
			for k, v := range tt.wantForm {
				if g := got.Form.Get(k); g != v {
					t.Errorf("%s = %q, want %q (form %v)", k, g, v, got.Form)
				}
			}
			for _, k := range tt.absent {
				if _, ok := got.Form[k]; ok {
					t.Errorf("%s was sent: %v", k, got.Form)
				}
			}
		})
	}
}

// TestOnCallRecordsEachCall: the journal hook sees method, path without the query
// string, idempotency key, Stripe's request id, status and duration.
func TestOnCallRecordsEachCall(t *testing.T) {
	var mu sync.Mutex
	var calls []Call
	c := newFake(t, func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost {
			writeJSON(w, 400, "req_post", stripeError("invalid_request_error", "terminal_reader_busy", "", "busy"))
			return
		}
		writeJSON(w, 200, "req_get", map[string]any{"id": "pi_1", "object": "payment_intent"})
	}, func(cfg *Config) {
		cfg.OnCall = func(c Call) { mu.Lock(); calls = append(calls, c); mu.Unlock() }
	})
	before := time.Now()
	_, _ = c.ReadIntent(context.Background(), "pi_1")
	_, _ = c.ProcessOnReader(context.Background(), checkout.ProcessOnReader{ReaderID: "tmr_1", PaymentIntentID: "pi_1", Key: "till_o_process_1"})
	mu.Lock()
	defer mu.Unlock()
	if len(calls) != 2 {
		t.Fatalf("observed %d calls, want 2: %+v", len(calls), calls)
	}
	want := []Call{
		{Method: "GET", Path: "/v1/payment_intents/pi_1", RequestID: "req_get", HTTPStatus: 200},
		{Method: "POST", Path: "/v1/terminal/readers/tmr_1/process_payment_intent", IdempotencyKey: "till_o_process_1", RequestID: "req_post", HTTPStatus: 400},
	}
	for i, got := range calls {
		if got.At.Before(before) || got.Duration <= 0 {
			t.Errorf("call %d: At %v, Duration %v", i, got.At, got.Duration)
		}
		got.At, got.Duration = time.Time{}, 0
		if got != want[i] {
			t.Errorf("call %d = %+v\nwant     %+v", i, got, want[i])
		}
	}
}

// TestOnCallRecordsTransportErrors: an attempt with no answer is observed too, with
// its error text and no status.
func TestOnCallRecordsTransportErrors(t *testing.T) {
	var got []Call
	c, err := New(Config{APIKey: testKey, BaseURL: "http://127.0.0.1:1", MaxNetworkRetries: -1, OnCall: func(c Call) { got = append(got, c) }})
	if err != nil {
		t.Fatal(err)
	}
	_, _ = c.CancelReaderAction(context.Background(), "tmr_1")
	if len(got) != 1 || got[0].Err == "" || got[0].HTTPStatus != 0 || got[0].Path != "/v1/terminal/readers/tmr_1/cancel_action" {
		t.Errorf("observed %+v, want one call with an error and no status", got)
	}
}
