package emulator

import (
	"encoding/json"
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/stripe/stripe-mock/embedded"
)

const endive = "2026-10-28.endive"

func TestAPIVersionHeader(t *testing.T) {
	f := newFixture(t, Options{})
	for _, bad := range []string{"2019-2-19", "2025-09-30.acacia", "latest", "2023-10-17"} {
		msg := f.as("", bad).fails("GET", "/v1/payment_intents", nil, http.StatusBadRequest, "", "")
		if msg != "Invalid Stripe API version: "+bad {
			t.Errorf("%s: %q", bad, msg)
		}
	}
	for _, good := range []string{"2023-10-16", "2023-10-16; terminal_collect_confirm_beta=v1", "2025-09-30.clover", endive, "2027-03-31.future"} {
		res, body := rawCall(t, f.srv.URL, "GET", "/v1/payment_intents", testKey, nil, map[string]string{"Stripe-Version": good})
		if res.StatusCode != http.StatusOK {
			t.Errorf("%s refused: %v", good, body)
		}
	}
	res, _ := rawCall(t, f.srv.URL, "GET", "/v1/payment_intents", testKey, nil, nil)
	if v := res.Header.Get("Stripe-Version"); v != DefaultAPIVersion {
		t.Errorf("no header: answered at %q, want the account default %s", v, DefaultAPIVersion)
	}
	if _, err := New(Options{APIVersion: "2024-13-01"}); err == nil {
		t.Errorf("an unknown default API version was accepted")
	}
}

func TestPaymentMethodTypesByVersion(t *testing.T) {
	f := newFixture(t, Options{})
	typed := form("amount", "1000", "currency", "usd", "payment_method_types[]", "card_present")
	allowed := form("amount", "1000", "currency", "cad", "allowed_payment_method_types[]", "card_present",
		"allowed_payment_method_types[]", "interac_present", "allowed_payment_method_types[]", "link")

	// Before 2026-07-29: payment_method_types only.
	old := f.as("", "2026-06-24.dahlia")
	old.ok("POST", "/v1/payment_intents", typed)
	old.fails("POST", "/v1/payment_intents", allowed, http.StatusBadRequest, "parameter_unknown", "allowed_payment_method_types")

	// 2026-07-29 to 2026-08-26: both, but not together, and not yet for in-person types.
	mid := f.as("", "2026-08-26.dahlia")
	mid.ok("POST", "/v1/payment_intents", typed)
	mid.ok("POST", "/v1/payment_intents", form("amount", "1000", "currency", "usd", "allowed_payment_method_types[]", "card"))
	mid.fails("POST", "/v1/payment_intents", allowed, http.StatusBadRequest, "", "allowed_payment_method_types[0]")
	both := form("amount", "1000", "currency", "usd", "payment_method_types[]", "card", "allowed_payment_method_types[]", "card")
	mid.fails("POST", "/v1/payment_intents", both, http.StatusBadRequest, "", "allowed_payment_method_types")

	// From 2026-09-30 (endive): in-person types may be allowed, and payment_method_types
	// is refused on create and update.
	now := f.as("", endive)
	pi := now.ok("POST", "/v1/payment_intents", allowed)
	if got := dig(pi, "payment_method_types"); !slices.Equal(toStrings(got), []string{"card_present", "interac_present"}) {
		t.Errorf("allowed types filtered to %v (link is dropped silently)", got)
	}
	usd := now.ok("POST", "/v1/payment_intents", form("amount", "1000", "currency", "usd", "allowed_payment_method_types[]", "interac_present",
		"allowed_payment_method_types[]", "card_present"))
	if got := toStrings(dig(usd, "payment_method_types")); !slices.Equal(got, []string{"card_present"}) {
		t.Errorf("Interac allowed for usd: %v", got)
	}
	now.fails("POST", "/v1/payment_intents", typed, http.StatusBadRequest, "payment_method_types_no_longer_supported", "payment_method_types")
	now.fails("POST", "/v1/payment_intents/"+str(usd, "id"), form("payment_method_types[]", "card"),
		http.StatusBadRequest, "payment_method_types_no_longer_supported", "payment_method_types")
	now.fails("POST", "/v1/setup_intents", form("payment_method_types[]", "card_present"),
		http.StatusBadRequest, "payment_method_types_no_longer_supported", "payment_method_types")
	auto := now.ok("POST", "/v1/payment_intents", form("amount", "1000", "currency", "cad", "automatic_payment_methods[enabled]", "true"))
	if got := toStrings(dig(auto, "payment_method_types")); !slices.Equal(got, []string{"card", "card_present", "interac_present"}) ||
		dig(auto, "automatic_payment_methods", "enabled") != true {
		t.Errorf("automatic_payment_methods: %v", auto)
	}
	now.fails("POST", "/v1/payment_intents", form("amount", "1000", "currency", "usd", "automatic_payment_methods[enabled]", "true",
		"allowed_payment_method_types[]", "card"), http.StatusBadRequest, "", "automatic_payment_methods")
	pi = now.ok("POST", "/v1/payment_intents", form("amount", "1000", "currency", "usd"))
	if got := toStrings(dig(pi, "payment_method_types")); !slices.Equal(got, []string{"card_present"}) || str(pi, "capture_method") != "automatic_async" {
		t.Errorf("endive defaults: %v %s", got, str(pi, "capture_method"))
	}

	// till's stripe-go v76 (2023-10-16) keeps working unchanged.
	if got := f.createPI(1000, "manual"); got.PaymentMethodTypes[0] != "card_present" {
		t.Errorf("stripe-go v76 create: %v", got.PaymentMethodTypes)
	}
}

func TestSetupConsentByVersion(t *testing.T) {
	f := newFixture(t, Options{})
	reader := f.readers[0]
	for _, tc := range []struct {
		version       string
		good, refused map[string]string
		missing       string
	}{
		{"2023-10-16", map[string]string{"customer_consent_collected": "true"}, map[string]string{"allow_redisplay": "always"}, "customer_consent_collected"},
		{"2024-09-30.acacia", map[string]string{"allow_redisplay": "limited"}, map[string]string{"customer_consent_collected": "true"}, "allow_redisplay"},
	} {
		c := f.as("", tc.version)
		si := c.ok("POST", "/v1/setup_intents", form("payment_method_types[]", "card_present"))
		path := "/v1/terminal/readers/" + reader + "/process_setup_intent"
		c.fails("POST", path, form("setup_intent", str(si, "id")), http.StatusBadRequest, "parameter_missing", tc.missing)
		refused := form("setup_intent", str(si, "id"))
		for k, v := range tc.refused {
			refused.Set(k, v)
		}
		c.fails("POST", path, refused, http.StatusBadRequest, "parameter_unknown", "-")
		good := form("setup_intent", str(si, "id"))
		for k, v := range tc.good {
			good.Set(k, v)
		}
		c.ok("POST", path, good)
		c.ok("POST", "/v1/terminal/readers/"+reader+"/cancel_action", nil)
	}
}

// TestVersionAndEventListsMatchTheSpec: the emulator's lists of released API versions and
// of webhook event types are the spec's.
func TestVersionAndEventListsMatchTheSpec(t *testing.T) {
	var doc struct {
		Paths map[string]map[string]struct {
			RequestBody struct {
				Content map[string]struct {
					Schema struct {
						Properties map[string]struct {
							Enum  []string `json:"enum"`
							Items struct {
								Enum []string `json:"enum"`
							} `json:"items"`
						} `json:"properties"`
					} `json:"schema"`
				} `json:"content"`
			} `json:"requestBody"`
		} `json:"paths"`
	}
	if err := json.Unmarshal(embedded.OpenAPISpec, &doc); err != nil {
		t.Fatal(err)
	}
	props := doc.Paths["/v1/webhook_endpoints"]["post"].RequestBody.Content["application/x-www-form-urlencoded"].Schema.Properties
	spec := props["api_version"].Enum
	if !slices.Equal(releasedVersions[:len(spec)], spec) {
		t.Errorf("releasedVersions differ from the spec's %d versions", len(spec))
	}
	if !slices.Equal(webhookEventTypes, props["enabled_events"].Items.Enum) {
		t.Errorf("webhookEventTypes differ from the spec's enabled_events")
	}
}

func toStrings(v any) []string {
	var out []string
	for _, s := range v.([]any) {
		out = append(out, s.(string))
	}
	return out
}

// TestActionAPIErrorByVersion: from 2026-05-27.dahlia a reader action carries api_error,
// the API's error hash when a decline failed it and null otherwise; before, no such key.
func TestActionAPIErrorByVersion(t *testing.T) {
	f := newFixture(t, Options{})
	old, now := f.as("", ""), f.as("", "2026-05-27.dahlia")
	declined := func(c caller) map[string]any {
		pi := c.ok("POST", "/v1/payment_intents", form("amount", "1000", "currency", "usd", "capture_method", "manual"))
		c.ok("POST", "/v1/terminal/readers/"+f.readers[0]+"/process_payment_intent", form("payment_intent", str(pi, "id")))
		return c.ok("POST", "/v1/test_helpers/terminal/readers/"+f.readers[0]+"/present_payment_method",
			form("card_present[number]", "4000000000009995"))
	}
	r := declined(now)
	e, ok := dig(r, "action", "api_error").(map[string]any)
	if !ok || e["type"] != "card_error" || e["code"] != "card_declined" || e["decline_code"] != "insufficient_funds" ||
		e["message"] != str(r, "action", "failure_message") || e["charge"] == "" || e["payment_method"] != nil {
		t.Fatalf("api_error of a decline: %v", dig(r, "action"))
	}
	if a := dig(old.ok("GET", "/v1/terminal/readers/"+f.readers[0], nil), "action").(map[string]any); hasKey(a, "api_error") {
		t.Fatalf("api_error at 2023-10-16: %v", a)
	}
	if a := dig(declined(old), "action").(map[string]any); hasKey(a, "api_error") {
		t.Fatalf("api_error at 2023-10-16: %v", a)
	}
	pi := now.ok("POST", "/v1/payment_intents", form("amount", "1000", "currency", "usd"))
	r = now.ok("POST", "/v1/terminal/readers/"+f.readers[0]+"/process_payment_intent", form("payment_intent", str(pi, "id")))
	if a := dig(r, "action").(map[string]any); !hasKey(a, "api_error") || a["api_error"] != nil {
		t.Fatalf("api_error of an action in progress: %v", a)
	}
	// The PaymentIntent canceled while the reader waited: the API's invalid_request_error.
	now.ok("POST", "/v1/payment_intents/"+str(pi, "id")+"/cancel", nil)
	r = now.ok("POST", "/v1/test_helpers/terminal/readers/"+f.readers[0]+"/present_payment_method", nil)
	if e, ok := dig(r, "action", "api_error").(map[string]any); !ok || e["type"] != "invalid_request_error" || e["code"] != "intent_invalid_state" {
		t.Fatalf("api_error of a canceled PaymentIntent: %v", dig(r, "action"))
	}
	// A failure on the reader's side (the customer cancels) has none.
	f.e.SetFault(f.readers[0], Fault{CustomerCancel: true})
	pi = now.ok("POST", "/v1/payment_intents", form("amount", "1000", "currency", "usd"))
	now.ok("POST", "/v1/terminal/readers/"+f.readers[0]+"/process_payment_intent", form("payment_intent", str(pi, "id"),
		"process_config[enable_customer_cancellation]", "true"))
	r = now.ok("POST", "/v1/test_helpers/terminal/readers/"+f.readers[0]+"/present_payment_method", nil)
	if a := dig(r, "action").(map[string]any); str(a, "failure_code") != "customer_canceled" || !hasKey(a, "api_error") || a["api_error"] != nil {
		t.Fatalf("api_error of a customer cancellation: %v", a)
	}
}

func hasKey(m map[string]any, k string) bool { _, ok := m[k]; return ok }

// TestInvoiceByVersion: before 2025-03-31.basil a PaymentIntent and a charge carry
// invoice (null: the emulator has no invoices) wherever they are rendered, their events
// and the webhooks of an endpoint of such a version included; from basil on, no key.
// The spec check (fieldsUntil) holds each answer to it at its version.
func TestInvoiceByVersion(t *testing.T) {
	f := newFixture(t, Options{WebhookBackoff: 10 * time.Millisecond})
	old, acacia, basil := f.as("", ""), f.as("", "2025-02-24.acacia"), f.as("", "2025-03-31.basil")
	rc := newReceiver(t, "")
	ep := old.ok("POST", "/v1/webhook_endpoints", form("url", rc.srv.URL, "api_version", "2025-03-31.basil",
		"enabled_events[]", "payment_intent.succeeded", "enabled_events[]", "charge.succeeded"))
	rc.secret = str(ep, "secret")

	pi := basil.ok("POST", "/v1/payment_intents", form("amount", "1000", "currency", "usd"))
	basil.ok("POST", "/v1/terminal/readers/"+f.readers[0]+"/process_payment_intent", form("payment_intent", str(pi, "id")))
	basil.ok("POST", "/v1/test_helpers/terminal/readers/"+f.readers[0]+"/present_payment_method", nil)
	id := str(pi, "id")
	basil.ok("POST", "/v1/refunds", form("payment_intent", id, "amount", "100"))

	hasInvoice := func(obj any) bool {
		m, ok := obj.(map[string]any)
		v, has := m["invoice"]
		if has && v != nil {
			t.Fatalf("invoice = %v, want null", v)
		}
		return ok && has
	}
	for _, c := range []struct {
		caller caller
		want   bool
	}{{old, true}, {acacia, true}, {basil, false}} {
		got := c.caller.ok("GET", "/v1/payment_intents/"+id, form("expand[]", "latest_charge"))
		charges := c.caller.ok("GET", "/v1/charges", form("payment_intent", id))
		refunds := c.caller.ok("GET", "/v1/refunds", form("payment_intent", id, "expand[]", "data.charge", "expand[]", "data.payment_intent"))
		search := c.caller.ok("GET", "/v1/payment_intents/search", form("query", "status:'succeeded'"))
		for what, obj := range map[string]any{
			"PaymentIntent": got, "its latest_charge": got["latest_charge"], "a listed charge": dig(charges, "data", "0"),
			"a refund's charge": dig(refunds, "data", "0", "charge"), "a refund's PaymentIntent": dig(refunds, "data", "0", "payment_intent"),
			"a PaymentIntent found": dig(search, "data", "0"),
		} {
			if hasInvoice(obj) != c.want {
				t.Errorf("at %q: %s has invoice: %v, want %v", c.caller.version, what, !c.want, c.want)
			}
		}
	}

	// Events are the account default's (2023-10-16): invoice null. The basil endpoint's
	// webhooks have none.
	ev := old.ok("GET", "/v1/events", form("type", "charge.succeeded"))
	if !hasInvoice(dig(ev, "data", "0", "data", "object")) {
		t.Errorf("charge.succeeded at %s without invoice: %v", DefaultAPIVersion, dig(ev, "data", "0"))
	}
	for _, got := range rc.rawEvents(2) {
		if hasInvoice(dig(got, "data", "object")) {
			t.Errorf("%s at basil has invoice", str(got, "type"))
		}
	}
}

// TestKeptFormRendersWithoutACopy: an object is kept as a client of the account default
// version reads it, so rendering it for one (every event, every request without a
// Stripe-Version) copies nothing: a PaymentIntent's and a charge's invoice (null before
// 2025-03-31.basil), a PaymentIntent's allowed_payment_method_types never set (null from
// 2026-07-29). A client of another version still reads its own form.
func TestKeptFormRendersWithoutACopy(t *testing.T) {
	for _, v := range []string{DefaultAPIVersion, "2025-03-31.basil", "2026-08-26.dahlia"} {
		f := newFixture(t, Options{APIVersion: v})
		c := f.as("", "")
		pi := c.ok("POST", "/v1/payment_intents", form("amount", "1000", "currency", "usd", "capture_method", "manual"))
		c.ok("POST", "/v1/terminal/readers/"+f.readers[0]+"/process_payment_intent", form("payment_intent", str(pi, "id")))
		c.ok("POST", "/v1/test_helpers/terminal/readers/"+f.readers[0]+"/present_payment_method", nil)

		f.e.mu.Lock()
		x := f.e.begin("", "", "", nil, nil)
		rec, _ := x.st.Intents.peek(str(pi, "id"))
		ch, _ := x.st.Charges.peek(rec.Obj.LatestCharge.ID)
		intentCopied := x.renderIntent(&rec.Obj) != &rec.Obj
		chargeCopied := ch.atVersion(v) != any(ch)
		f.e.mu.Unlock()
		if intentCopied || chargeCopied {
			t.Errorf("default %s: the PaymentIntent copied %v, the charge %v, to render at the default", v, intentCopied, chargeCopied)
		}
		for _, other := range []string{"2024-06-20", "2026-07-29.dahlia"} {
			got := f.as("", other).ok("GET", "/v1/payment_intents/"+str(pi, "id"), nil)
			if hasKey(got, "invoice") != !versionAtLeast(other, versionNoInvoice) ||
				hasKey(got, "allowed_payment_method_types") != versionAtLeast(other, versionAllowedTypes) {
				t.Errorf("default %s, read at %s: %v", v, other, got)
			}
		}
	}
}
