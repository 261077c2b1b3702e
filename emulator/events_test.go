package emulator

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"unsafe"

	"github.com/stripe/stripe-go/v76"
)

// TestEventAppendJSONIsMarshal: the hand-written encoding of an event (state file,
// webhooks) is json.Marshal's, byte for byte, for events with and without their
// optional parts and with strings json.Marshal escapes.
func TestEventAppendJSONIsMarshal(t *testing.T) {
	snapshot, _ := json.Marshal(map[string]any{"id": "pi_1", "description": "<tea & cake> \"quoted\" \u2028 é \x01"})
	full := event{ID: "evt_1", Object: "event", Account: strPtr("acct_1A"), APIVersion: "2023-10-16", Created: 1773500966,
		Data: eventData{Object: rawJSON(snapshot), PreviousAttributes: `{"description":null}`}, Livemode: true, PendingWebhooks: 2,
		Request: eventRequest{ID: strPtr("req_<1>"), IdempotencyKey: strPtr("k&\\\"\t")}, Type: "payment_intent.created"}
	// A field added to event without its encoding fails here: every field is set.
	v := reflect.ValueOf(full)
	for i := range v.NumField() {
		if v.Field(i).IsZero() {
			t.Fatalf("the test event leaves %s unset", v.Type().Field(i).Name)
		}
	}
	for name, ev := range map[string]event{
		"every field":          full,
		"platform, no request": {ID: "evt_2", Object: "event", APIVersion: "2026-09-30.endive", Created: 1, Type: "charge.succeeded", Data: eventData{Object: rawJSON(snapshot)}},
		"no snapshot":          {ID: "evt_3", Object: "event"},
	} {
		want, err := json.Marshal(&ev)
		if err != nil {
			t.Fatal(err)
		}
		if got, _ := ev.appendJSON(nil); !bytes.Equal(got, want) {
			t.Errorf("%s:\n got %s\nwant %s", name, got, want)
		}
	}
}

// TestAppendJSONStringIsMarshal: the record writer's strings are json.Marshal's.
func TestAppendJSONStringIsMarshal(t *testing.T) {
	strs := []string{"", "plain", "a<b>&c", "quote\"back\\slash", "tab\tnl\n", "\b\f\r\x7f", "\x00\x1f", "é", "\u2028\u2029",
		"\xff", "日本\xe6\x97", "\xed\xa0\x80", "\U0001F600"}
	for a := range 256 { // every pair of bytes, amid text and before a rune escaped
		for c := range 256 {
			strs = append(strs, "x"+string([]byte{byte(a), byte(c)})+"\u2029y")
		}
	}
	for _, s := range strs {
		want, _ := json.Marshal(s)
		if got := appendJSONString([]byte("prefix"), s); !bytes.Equal(got, append([]byte("prefix"), want...)) {
			t.Fatalf("%q: got %s, want prefix%s", s, got, want)
		}
	}
}

// TestAnswerSharesTheEventSnapshot: a request answering with the object as an event it
// emitted took it keeps one copy of the text for both (the stored answer of its
// idempotency key is that string); an answer that differs is its own copy.
func TestAnswerSharesTheEventSnapshot(t *testing.T) {
	f := newFixture(t, Options{})
	pi := f.createPI(1000, "manual", func(p *stripe.PaymentIntentParams) { p.SetIdempotencyKey("share-1") })
	expanded := &stripe.PaymentIntentCaptureParams{}
	expanded.AddExpand("latest_charge")
	expanded.SetIdempotencyKey("share-2")
	f.process(f.readers[0], pi.ID)
	f.present(f.readers[0], "")
	if _, err := f.sc.PaymentIntents.Capture(pi.ID, expanded); err != nil {
		t.Fatal(err)
	}
	f.e.mu.Lock()
	defer f.e.mu.Unlock()
	snapshot := func(typ string) string {
		for _, en := range f.e.st.Events.all() {
			if ev := f.e.st.Events.objOf(en); ev != nil && ev.Type == typ {
				return string(ev.Data.Object)
			}
		}
		t.Fatalf("no %s event", typ)
		return ""
	}
	answer := func(key string) string {
		rec, ok := f.e.st.Idempotency.peek(idempotencyScope("", key))
		if !ok {
			t.Fatalf("no answer stored for %s", key)
		}
		return rec.Body
	}
	created, createdAnswer := snapshot("payment_intent.created"), answer("share-1")
	if created != createdAnswer || unsafe.StringData(created) != unsafe.StringData(createdAnswer) {
		t.Error("the created PaymentIntent is kept twice")
	}
	// The capture answer expands latest_charge: not the event's text, and not shared.
	succeeded, captureAnswer := snapshot("payment_intent.succeeded"), answer("share-2")
	if succeeded == captureAnswer || unsafe.StringData(succeeded) == unsafe.StringData(captureAnswer) {
		t.Error("an expanded answer shares the event's snapshot")
	}
}

// TestPreviousAttributes: an *.updated event says what the change replaced (old values,
// null for what it added, only the changed keys of metadata); other events say nothing.
func TestPreviousAttributes(t *testing.T) {
	f := newFixture(t, Options{})
	c := f.as("", "")
	paid := c.paidOn(f.readers[0], 3000, "automatic", "", "metadata[a]", "1")
	chID := str(paid, "latest_charge", "id")
	c.ok("POST", "/v1/charges/"+chID, form("description", "table 4", "metadata[b]", "2"))
	re := c.ok("POST", "/v1/refunds", form("payment_intent", str(paid, "id"), "amount", "100", "metadata[x]", "1"))
	c.ok("POST", "/v1/refunds/"+str(re, "id"), form("metadata[x]", "2"))
	bad := c.paidOn(f.readers[1], 3000, "automatic", "4000000000005126")
	failing := c.ok("POST", "/v1/refunds", form("payment_intent", str(bad, "id")))
	f.clock.Advance(2 * refundFailDelay)
	c.ok("GET", "/v1/refunds/"+str(failing, "id"), nil)

	prev := func(typ, id string) map[string]any {
		t.Helper()
		for _, ev := range dig(c.ok("GET", "/v1/events", form("type", typ, "limit", "100")), "data").([]any) {
			if e := ev.(map[string]any); str(e, "data", "object", "id") == id {
				p, _ := dig(e, "data", "previous_attributes").(map[string]any)
				return p
			}
		}
		t.Fatalf("no %s event of %s", typ, id)
		return nil
	}
	for _, tc := range []struct {
		typ, id string
		want    map[string]any
	}{
		{"charge.updated", chID, map[string]any{"description": nil, "metadata": map[string]any{"b": nil}}},
		{"refund.updated", str(re, "id"), map[string]any{"metadata": map[string]any{"x": "1"}}},
		{"charge.refund.updated", str(failing, "id"), map[string]any{"status": "pending", "failure_reason": nil,
			"failure_balance_transaction": nil, "pending_reason": "processing"}},
		{"refund.created", str(re, "id"), nil},
		{"charge.succeeded", chID, nil},
	} {
		if got := prev(tc.typ, tc.id); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s previous_attributes = %v, want %v", tc.typ, got, tc.want)
		}
	}
}

// TestAsyncCaptureEvents: under automatic_async (the default from 2024-04-10) the
// charge.succeeded event has no balance transaction yet and a charge.updated brings it,
// as Stripe's asynchronous-capture guide says; automatic capture has it at once.
func TestAsyncCaptureEvents(t *testing.T) {
	f := newFixture(t, Options{})
	for _, tc := range []struct {
		account, version, capture string
		async                     bool
	}{
		{"acct_1AsyncDefault", "2024-04-10", "", true},
		{"acct_1AsyncAsked", "2023-10-16", "automatic_async", true},
		{"acct_1AsyncNot", "2023-10-16", "automatic", false},
	} {
		c := f.as(tc.account, tc.version)
		reader := c.newReader()
		params := form("amount", "1000", "currency", "usd")
		if tc.capture != "" {
			params.Set("capture_method", tc.capture)
		}
		pi := c.ok("POST", "/v1/payment_intents", params)
		c.ok("POST", "/v1/terminal/readers/"+reader+"/process_payment_intent", form("payment_intent", str(pi, "id")))
		c.ok("POST", "/v1/test_helpers/terminal/readers/"+reader+"/present_payment_method", nil)
		var types []string
		events := dig(c.ok("GET", "/v1/events", nil), "data").([]any)
		for i := len(events) - 1; i >= 0; i-- {
			e := events[i].(map[string]any)
			if !strings.HasPrefix(str(e, "type"), "charge.") {
				continue
			}
			types = append(types, str(e, "type"))
			bt := dig(e, "data", "object", "balance_transaction")
			switch str(e, "type") {
			case "charge.succeeded":
				if (bt == nil) != tc.async {
					t.Errorf("%+v: charge.succeeded balance_transaction %v", tc, bt)
				}
			case "charge.updated":
				prev := dig(e, "data", "previous_attributes").(map[string]any)
				if bt == nil || !hasKey(prev, "balance_transaction") || prev["balance_transaction"] != nil {
					t.Errorf("%+v: charge.updated %v", tc, e["data"])
				}
			}
		}
		want := []string{"charge.succeeded"}
		if tc.async {
			want = append(want, "charge.updated")
		}
		if !reflect.DeepEqual(types, want) {
			t.Errorf("%+v: charge events %v, want %v", tc, types, want)
		}
	}
}
