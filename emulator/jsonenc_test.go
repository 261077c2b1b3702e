package emulator

import (
	"bytes"
	"encoding/json"
	"net/url"
	"testing"

	gojson "github.com/goccy/go-json"
)

// TestFastEncoderMatchesEncodingJSON: responses, event snapshots and state-file records
// are encoded with goccy/go-json, which must write every kind of object byte for byte
// as encoding/json does (field order, null and omitempty, HTML and U+2028 escapes, map
// key order, times, the MarshalJSON of refs and configurations).
func TestFastEncoderMatchesEncodingJSON(t *testing.T) {
	const acct = "acct_1EncTest"
	f := newFixture(t, Options{SeedAccounts: []string{acct}})
	c := f.as("", "")
	odd := "<b>Tom & Jerry's</b> \"café\" \u2028\u2029\t\\ 日本"
	loc := c.ok("POST", "/v1/terminal/locations", form("display_name", odd, "address[country]", "US",
		"address[line1]", odd, "metadata[note]", odd, "metadata[a]", "1"))
	reader := str(c.ok("POST", "/v1/terminal/readers", form("registration_code", "simulated-s700", "location", str(loc, "id"),
		"label", odd)), "id")
	c.ok("POST", "/v1/terminal/configurations", form("bbpos_wisepos_e[splashscreen]", "file_123",
		"tipping[usd][percentages][]", "15", "tipping[usd][percentages][]", "20"))
	c.ok("POST", "/v1/webhook_endpoints", form("url", "https://example.com/hook?a=1&b=<2>", "enabled_events[]", "*",
		"description", odd))

	// A payment tipped, partly captured and partly refunded; one declined; one canceled.
	pi := c.ok("POST", "/v1/payment_intents", form("amount", "2000", "currency", "usd", "payment_method_types[]", "card_present",
		"capture_method", "manual", "description", odd, "metadata[order]", odd, "statement_descriptor", "TILL SHOP"))
	c.ok("POST", "/v1/terminal/readers/"+reader+"/process_payment_intent", form("payment_intent", str(pi, "id"),
		"process_config[tipping][amount_eligible]", "1500"))
	c.ok("POST", "/v1/test_helpers/terminal/readers/"+reader+"/present_payment_method", form("type", "card_present"))
	c.ok("POST", "/v1/payment_intents/"+str(pi, "id")+"/capture", form("amount_to_capture", "1500"))
	c.ok("POST", "/v1/refunds", form("payment_intent", str(pi, "id"), "amount", "500", "metadata[why]", odd))
	declined := c.ok("POST", "/v1/payment_intents", form("amount", "1000", "currency", "usd", "payment_method_types[]", "card_present"))
	c.ok("POST", "/v1/terminal/readers/"+reader+"/process_payment_intent", form("payment_intent", str(declined, "id")))
	c.ok("POST", "/v1/test_helpers/terminal/readers/"+reader+"/present_payment_method", form("type", "card_present",
		"card_present[number]", "4000000000000002"))
	rawCall(t, f.srv.URL, "POST", "/v1/payment_intents/"+str(declined, "id")+"/cancel", testKey,
		form("cancellation_reason", "abandoned"), map[string]string{"Idempotency-Key": odd[:7]})
	// A card saved by a SetupIntent, a cart on the display, a payment of a connected account.
	si := c.ok("POST", "/v1/setup_intents", form("payment_method_types[]", "card_present"))
	c.ok("POST", "/v1/terminal/readers/"+reader+"/process_setup_intent", form("setup_intent", str(si, "id"),
		"customer_consent_collected", "true"))
	c.ok("POST", "/v1/test_helpers/terminal/readers/"+reader+"/present_payment_method", form("type", "card_present"))
	c.ok("POST", "/v1/terminal/readers/"+reader+"/set_reader_display", form("type", "cart", "cart[currency]", "usd",
		"cart[line_items][0][amount]", "500", "cart[line_items][0][description]", odd, "cart[line_items][0][quantity]", "1",
		"cart[total]", "500"))
	a := f.as(acct, "")
	a.paidOn(str(a.ok("GET", "/v1/terminal/readers", nil), "data", "0", "id"), 1000, "automatic", "")

	e := f.e
	e.mu.Lock()
	defer e.mu.Unlock()
	st := e.st
	for name, n := range map[string]int{
		"locations": sameEncoding(t, st.Locations), "readers": sameEncoding(t, st.Readers), "intents": sameEncoding(t, st.Intents),
		"charges": sameEncoding(t, st.Charges), "payment methods": sameEncoding(t, st.PaymentMethods),
		"refunds": sameEncoding(t, st.Refunds), "events": sameEncoding(t, st.Events),
		"idempotency": sameEncoding(t, st.Idempotency), "owners": sameEncoding(t, st.Owners),
		"setup intents": sameEncoding(t, st.SetupIntents), "setup attempts": sameEncoding(t, st.SetupAttempts),
		"configurations": sameEncoding(t, st.Configurations), "webhook endpoints": sameEncoding(t, st.WebhookEndpoints),
		"balance transactions": sameEncoding(t, st.BalanceTransactions),
	} {
		if n == 0 {
			t.Errorf("no %s to compare", name)
		}
	}

	// Rendered objects with every expansion, and a list of them.
	x := e.begin("req_enc", "", "", params(url.Values{"expand[]": piExpands}), nil)
	st.Intents.scan(func(rec *intentRec) bool {
		sameBytes(t, "rendered "+rec.Obj.ID, x.renderIntent(&rec.Obj))
		return true
	})
	x = e.begin("req_enc", "", "", params(url.Values{"expand[]": readerExpands}), nil)
	st.Readers.scan(func(rec *readerRec) bool {
		sameBytes(t, "rendered "+rec.Obj.ID, x.renderReader(rec))
		return true
	})
	x = e.begin("req_enc", "", "", params(url.Values{"expand[]": {"data.latest_charge", "data.payment_method"}}), nil)
	list, err := x.listIntents()
	if err != nil {
		t.Fatal(err)
	}
	sameBytes(t, "list of intents", list)
}

// sameEncoding compares the encodings of every object of a table and counts them.
func sameEncoding[T any](t *testing.T, tb *table[T]) int {
	n := 0
	for _, en := range tb.all() {
		if obj := tb.objOf(en); !en.dead && obj != nil {
			sameBytes(t, tb.kind.name+" "+en.id, obj)
			n++
		}
	}
	return n
}

// sameBytes fails unless goccy/go-json, alone and through the body encoder, writes v as
// encoding/json does.
func sameBytes(t *testing.T, what string, v any) {
	t.Helper()
	want, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	got, err := gojson.Marshal(v)
	if err != nil || !bytes.Equal(got, want) {
		t.Errorf("%s: go-json wrote\n%s (%v)\nencoding/json wrote\n%s", what, got, err, want)
	}
	var be bodyEncoder
	if got, err := be.encode(v); err != nil || !bytes.Equal(got, want) {
		t.Errorf("%s: the body encoder wrote\n%s (%v)\nencoding/json wrote\n%s", what, got, err, want)
	}
}
