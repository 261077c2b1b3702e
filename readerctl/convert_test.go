package readerctl

import (
	"context"
	"encoding/json"
	"net/http"
	"reflect"
	"sync/atomic"
	"testing"
	"time"

	"github.com/till-pos/till/checkout"
)

// serveRaw answers every request with the given JSON text.
func serveRaw(t *testing.T, body string) *Client {
	t.Helper()
	return newFake(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(body))
	})
}

func TestReaderConversion(t *testing.T) {
	seen := time.Date(2026, 3, 4, 5, 6, 7, 890e6, time.UTC)
	base := checkout.Reader{ID: "tmr_1", Label: "Front counter", DeviceType: "simulated_wisepos_e", Status: "online",
		Location: "tml_1", SerialNumber: "SN1", SoftwareVersion: "2.37.2.0", LastSeenAt: seen}
	with := func(a *checkout.ReaderAction) checkout.Reader { r := base; r.Action = a; return r }
	reader := func(location, action string) string {
		return `{"id":"tmr_1","object":"terminal.reader","label":"Front counter","device_type":"simulated_wisepos_e",
			"status":"online","serial_number":"SN1","device_sw_version":"2.37.2.0","last_seen_at":1772600767890,
			"location":` + location + `,"action":` + action + `}`
	}
	tests := []struct {
		name, json string
		want       checkout.Reader
	}{
		{"idle, location as id", reader(`"tml_1"`, `null`), with(nil)},
		{"location expanded", reader(`{"id":"tml_1","object":"terminal.location","display_name":"shop"}`, `null`), with(nil)},
		{"waiting for a card", reader(`"tml_1"`, `{"type":"process_payment_intent","status":"in_progress","process_payment_intent":{"payment_intent":"pi_9"}}`),
			with(&checkout.ReaderAction{Type: "process_payment_intent", Status: checkout.ActionInProgress, PaymentIntentID: "pi_9"})},
		{"declined, no api_error", reader(`"tml_1"`, `{"type":"process_payment_intent","status":"failed","failure_code":"card_declined","failure_message":"Your card has insufficient funds.","process_payment_intent":{"payment_intent":"pi_9"}}`),
			with(&checkout.ReaderAction{Type: "process_payment_intent", Status: checkout.ActionFailed, PaymentIntentID: "pi_9", FailureCode: "card_declined", FailureMessage: "Your card has insufficient funds."})},
		{"declined with api_error", reader(`"tml_1"`, `{"type":"process_payment_intent","status":"failed","failure_code":"card_declined","failure_message":"Your card was declined.","api_error":{"type":"card_error","code":"card_declined","decline_code":"generic_decline"},"process_payment_intent":{"payment_intent":{"id":"pi_9","object":"payment_intent"}}}`),
			with(&checkout.ReaderAction{Type: "process_payment_intent", Status: checkout.ActionFailed, PaymentIntentID: "pi_9", FailureCode: "card_declined", FailureMessage: "Your card was declined.", ErrorType: "card_error", DeclineCode: "generic_decline"})},
		{"api_error code fills a missing failure_code", reader(`"tml_1"`, `{"type":"process_payment_intent","status":"failed","api_error":{"type":"card_error","code":"expired_card"},"process_payment_intent":{"payment_intent":"pi_9"}}`),
			with(&checkout.ReaderAction{Type: "process_payment_intent", Status: checkout.ActionFailed, PaymentIntentID: "pi_9", FailureCode: "expired_card", ErrorType: "card_error"})},
		{"collect_payment_method names its intent", reader(`"tml_1"`, `{"type":"collect_payment_method","status":"in_progress","collect_payment_method":{"payment_intent":"pi_7"}}`),
			with(&checkout.ReaderAction{Type: "collect_payment_method", Status: checkout.ActionInProgress, PaymentIntentID: "pi_7"})},
		{"confirm_payment_intent expanded", reader(`"tml_1"`, `{"type":"confirm_payment_intent","status":"succeeded","confirm_payment_intent":{"payment_intent":{"id":"pi_8"}}}`),
			with(&checkout.ReaderAction{Type: "confirm_payment_intent", Status: checkout.ActionSucceeded, PaymentIntentID: "pi_8"})},
		{"a refund is not the intent's payment", reader(`"tml_1"`, `{"type":"refund_payment","status":"succeeded","refund_payment":{"payment_intent":"pi_9","amount":100}}`),
			with(&checkout.ReaderAction{Type: "refund_payment", Status: checkout.ActionSucceeded})},
		{"cart on display", reader(`"tml_1"`, `{"type":"set_reader_display","status":"in_progress","set_reader_display":{"type":"cart"}}`),
			with(&checkout.ReaderAction{Type: "set_reader_display", Status: checkout.ActionInProgress})},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := serveRaw(t, tt.json).ReadReader(context.Background(), "tmr_1")
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("reader = %s\nwant     %s", show(got), show(tt.want))
			}
		})
	}
}

func TestReaderWithoutLastSeenAt(t *testing.T) {
	got, err := serveRaw(t, `{"id":"tmr_2","object":"terminal.reader","status":null,"location":null,"action":null}`).ReadReader(context.Background(), "tmr_2")
	if err != nil {
		t.Fatal(err)
	}
	if want := (checkout.Reader{ID: "tmr_2"}); !reflect.DeepEqual(got, want) {
		t.Errorf("reader = %s, want %s", show(got), show(want))
	}
}

func TestDeletedReaderIsNotFound(t *testing.T) {
	_, err := serveRaw(t, `{"id":"tmr_3","object":"terminal.reader","deleted":true}`).ReadReader(context.Background(), "tmr_3")
	if f := checkout.AsFailure(err); f.Kind != checkout.KindNotFound {
		t.Errorf("failure = %+v, want not_found", *f)
	}
}

func TestIntentConversion(t *testing.T) {
	created := time.Unix(1772600000, 0).UTC()
	before := time.Unix(1772772800, 0).UTC()
	tests := []struct {
		name, json string
		want       checkout.Intent
	}{
		{
			name: "authorized, charge expanded",
			json: `{"id":"pi_1","object":"payment_intent","status":"requires_capture","amount":1234,"currency":"usd",
				"amount_capturable":1234,"amount_received":0,"capture_method":"manual","created":1772600000,
				"metadata":{"order_id":"o-1","other":"x"},"last_payment_error":null,
				"latest_charge":{"id":"ch_1","object":"charge","payment_method_details":{"type":"card_present",
				"card_present":{"brand":"visa","last4":"4242","capture_before":1772772800,"exp_month":12,"exp_year":2030,"cardholder_name":"J DOE"}}}}`,
			want: checkout.Intent{ID: "pi_1", Status: checkout.IntentRequiresCapture, Amount: checkout.Money{Amount: 1234, Currency: "usd"},
				AmountCapturable: 1234, CaptureMethod: checkout.CaptureManual, OrderID: "o-1", Created: created,
				Card: checkout.Card{Brand: "visa", Last4: "4242"}, CaptureBefore: before},
		},
		{
			name: "declined",
			json: `{"id":"pi_2","object":"payment_intent","status":"requires_payment_method","amount":1005,"currency":"usd",
				"capture_method":"manual","created":1772600000,"metadata":{"order_id":"o-2"},
				"last_payment_error":{"type":"card_error","code":"card_declined","decline_code":"generic_decline","message":"Your card was declined.","charge":"ch_2"},
				"latest_charge":"ch_2"}`,
			want: checkout.Intent{ID: "pi_2", Status: checkout.IntentRequiresPaymentMethod, Amount: checkout.Money{Amount: 1005, Currency: "usd"},
				CaptureMethod: checkout.CaptureManual, OrderID: "o-2", Created: created,
				LastError: &checkout.Failure{Kind: checkout.KindDeclined, Code: "card_declined", DeclineCode: "generic_decline", Message: "Your card was declined."}},
		},
		{
			name: "a failed attempt that is not a card error still counts as a decline",
			json: `{"id":"pi_3","object":"payment_intent","status":"requires_payment_method","amount":100,"currency":"usd",
				"last_payment_error":{"type":"invalid_request_error","code":"payment_method_unactivated","message":"not activated"}}`,
			want: checkout.Intent{ID: "pi_3", Status: checkout.IntentRequiresPaymentMethod, Amount: checkout.Money{Amount: 100, Currency: "usd"},
				LastError: &checkout.Failure{Kind: checkout.KindDeclined, Code: "payment_method_unactivated", Message: "not activated"}},
		},
		{
			name: "interac, captured at once",
			json: `{"id":"pi_4","object":"payment_intent","status":"succeeded","amount":500,"currency":"cad","amount_received":500,
				"capture_method":"manual","metadata":{},
				"latest_charge":{"id":"ch_4","object":"charge","payment_method_details":{"type":"interac_present",
				"interac_present":{"brand":"interac","last4":"1933"}}}}`,
			want: checkout.Intent{ID: "pi_4", Status: checkout.IntentSucceeded, Amount: checkout.Money{Amount: 500, Currency: "cad"},
				AmountReceived: 500, CaptureMethod: checkout.CaptureManual, Card: checkout.Card{Brand: "interac", Last4: "1933"}},
		},
		{
			name: "canceled",
			json: `{"id":"pi_5","object":"payment_intent","status":"canceled","amount":700,"currency":"jpy","cancellation_reason":"abandoned","metadata":{"order_id":"o-5"}}`,
			want: checkout.Intent{ID: "pi_5", Status: checkout.IntentCanceled, Amount: checkout.Money{Amount: 700, Currency: "jpy"},
				OrderID: "o-5", CancellationReason: "abandoned"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := serveRaw(t, tt.json).ReadIntent(context.Background(), "pi")
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("intent = %s\nwant     %s", show(got), show(tt.want))
			}
		})
	}
}

// TestListReadersFollowsPages: every page is fetched, and each reader keeps its own
// last_seen_at from its page's raw JSON.
func TestListReadersFollowsPages(t *testing.T) {
	all := []map[string]any{
		{"id": "tmr_a", "object": "terminal.reader", "label": "A", "location": "tml_1", "last_seen_at": 1000},
		{"id": "tmr_b", "object": "terminal.reader", "label": "B", "location": "tml_2", "last_seen_at": 2000},
		{"id": "tmr_c", "object": "terminal.reader", "label": "C", "location": "tml_1", "last_seen_at": 3000},
	}
	var pages atomic.Int32
	c := newFake(t, func(w http.ResponseWriter, r *http.Request) {
		pages.Add(1)
		start := 0
		if after := r.URL.Query().Get("starting_after"); after != "" {
			for i, rd := range all {
				if rd["id"] == after {
					start = i + 1
				}
			}
		}
		end := min(start+2, len(all)) // pages of two, whatever the limit asked
		writeJSON(w, 200, "req_list", map[string]any{"object": "list", "url": "/v1/terminal/readers",
			"has_more": end < len(all), "data": all[start:end]})
	})
	got, err := c.ListReaders(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	want := []checkout.Reader{
		{ID: "tmr_a", Label: "A", Location: "tml_1", LastSeenAt: time.UnixMilli(1000).UTC()},
		{ID: "tmr_b", Label: "B", Location: "tml_2", LastSeenAt: time.UnixMilli(2000).UTC()},
		{ID: "tmr_c", Label: "C", Location: "tml_1", LastSeenAt: time.UnixMilli(3000).UTC()},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("readers = %s\nwant      %s", show(got), show(want))
	}
	if n := pages.Load(); n != 2 {
		t.Errorf("%d page requests, want 2", n)
	}
}

func TestListReadersFailure(t *testing.T) {
	c := newFake(t, func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 401, "req_x", stripeError("invalid_request_error", "", "", "You did not provide an API key."))
	})
	readers, err := c.ListReaders(context.Background())
	if f := checkout.AsFailure(err); f.Kind != checkout.KindAuth || readers != nil {
		t.Errorf("readers %v, failure %+v; want none and auth", readers, *f)
	}
}

func show(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}
