package emulator

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

// TestEventsRenderedPerVersion: an event's data.object is drawn at the account's default
// API version whatever the version of the request that caused it, and GET /v1/events
// answers it so; each webhook endpoint gets it at its own version, the fields that
// differ by version (the reader action's api_error, allowed_payment_method_types)
// included, previous_attributes alike.
func TestEventsRenderedPerVersion(t *testing.T) {
	f := newFixture(t, Options{WebhookBackoff: 10 * time.Millisecond})
	old, now := f.as("", ""), f.as("", "2026-08-26.dahlia")
	rcOld, rcNew := newReceiver(t, ""), newReceiver(t, "")
	types := []string{"enabled_events[]", "terminal.reader.action_failed", "enabled_events[]", "payment_intent.created"}
	epOld := old.ok("POST", "/v1/webhook_endpoints", form(append([]string{"url", rcOld.srv.URL}, types...)...))
	epNew := old.ok("POST", "/v1/webhook_endpoints", form(append([]string{"url", rcNew.srv.URL, "api_version", "2026-05-27.dahlia"}, types...)...))
	rcOld.secret, rcNew.secret = str(epOld, "secret"), str(epNew, "secret")

	// A decline made by a client of the newest version.
	pi := now.ok("POST", "/v1/payment_intents", form("amount", "1000", "currency", "usd", "capture_method", "manual"))
	now.ok("POST", "/v1/terminal/readers/"+f.readers[0]+"/process_payment_intent", form("payment_intent", str(pi, "id")))
	r := now.ok("POST", "/v1/test_helpers/terminal/readers/"+f.readers[0]+"/present_payment_method",
		form("card_present[number]", "4000000000009995"))
	if _, ok := dig(r, "action", "api_error").(map[string]any); !ok {
		t.Fatalf("the request's own answer: %v", dig(r, "action"))
	}
	if !hasKey(pi, "allowed_payment_method_types") || pi["allowed_payment_method_types"] != nil {
		t.Fatalf("allowed_payment_method_types at 2026-08-26: %v", pi)
	}

	evOld, evNew := rcOld.rawEvents(2), rcNew.rawEvents(2)
	for _, ev := range [][]map[string]any{evOld, evNew} {
		if str(ev[0], "type") != "payment_intent.created" || str(ev[1], "type") != "terminal.reader.action_failed" {
			t.Fatalf("events: %v", ev)
		}
	}
	if a := dig(evOld[1], "data", "object", "action").(map[string]any); hasKey(a, "api_error") || str(evOld[1], "api_version") != DefaultAPIVersion {
		t.Fatalf("endpoint at %s got api_error: %v", DefaultAPIVersion, a)
	}
	if e, ok := dig(evNew[1], "data", "object", "action", "api_error").(map[string]any); !ok || e["decline_code"] != "insufficient_funds" ||
		str(evNew[1], "api_version") != "2026-05-27.dahlia" {
		t.Fatalf("endpoint at 2026-05-27 has no api_error: %v", dig(evNew[1], "data", "object", "action"))
	}
	if hasKey(dig(evOld[0], "data", "object").(map[string]any), "allowed_payment_method_types") {
		t.Fatalf("allowed_payment_method_types at %s: %v", DefaultAPIVersion, evOld[0])
	}
	if str(evNew[0], "id") != str(evOld[0], "id") {
		t.Fatal("one event, two ids")
	}

	// The stored event is the account default's, whichever version reads it.
	for _, c := range []caller{old, now} {
		got := c.ok("GET", "/v1/events/"+str(evNew[1], "id"), nil)
		if a := dig(got, "data", "object", "action").(map[string]any); hasKey(a, "api_error") || str(got, "api_version") != DefaultAPIVersion {
			t.Fatalf("GET /v1/events/{id}: %v at %s", a, str(got, "api_version"))
		}
		list := c.ok("GET", "/v1/events", form("type", "terminal.reader.action_failed"))
		if a := dig(list, "data", "0", "data", "object", "action").(map[string]any); hasKey(a, "api_error") {
			t.Fatalf("GET /v1/events: %v", a)
		}
	}

	// An event at the default version is encoded once for every endpoint that shares it.
	if str(evNew[0], "data", "object", "id") != str(pi, "id") {
		t.Fatalf("payment_intent.created: %v", evNew[0])
	}
}

// TestPreviousAttributesPerVersion: an *.updated event's previous_attributes, at an
// endpoint of another version, are those of the object as that version reads it. (The
// only versioned object with *.updated events, the charge, has no field that changes
// between epochs: the reader stands in.)
func TestPreviousAttributesPerVersion(t *testing.T) {
	f := newFixture(t, Options{})
	c := f.as("", "")
	c.ok("POST", "/v1/webhook_endpoints", form("url", "https://example.com/hook", "enabled_events[]", "*", "api_version", "2026-05-27.dahlia"))
	c.ok("POST", "/v1/webhook_endpoints", form("url", "https://example.com/old", "enabled_events[]", "*"))

	f.e.mu.Lock()
	x := f.e.begin("", "", "", nil, nil)
	rec := &readerRec{Obj: reader{ID: "tmr_1", Object: "terminal.reader", Action: &readerAction{Type: "process_payment_intent", Status: "in_progress"}}}
	before := x.snapshot(x.readerNow(rec))
	declined := &apiErrorFields{Type: "card_error", Code: "card_declined"}
	rec.Obj.Action.Status, rec.Obj.Action.APIError = "failed", &declined
	x.emitUpdated(x.readerNow(rec), before, "terminal.reader.action_failed")
	ev, targets := x.emitted[0], x.emittedTargets[0]
	f.e.mu.Unlock()

	if want := `{"action":{"status":"in_progress"}}`; string(ev.Data.PreviousAttributes) != want {
		t.Fatalf("the event's previous_attributes = %s, want %s", ev.Data.PreviousAttributes, want)
	}
	if len(targets) != 2 || targets[1].data != nil || targets[0].data == nil {
		t.Fatalf("targets: %+v", targets)
	}
	if want := `{"action":{"api_error":null,"status":"in_progress"}}`; string(targets[0].data.PreviousAttributes) != want {
		t.Fatalf("at 2026-05-27: previous_attributes = %s, want %s", targets[0].data.PreviousAttributes, want)
	}
	if !strings.Contains(string(targets[0].data.Object), `"api_error":{"code":"card_declined"`) || strings.Contains(string(ev.Data.Object), "api_error") {
		t.Fatalf("data.object: %s / at 2026-05-27: %s", ev.Data.Object, targets[0].data.Object)
	}
}

// TestChargeUpdatedPerVersion: a charge reads otherwise before 2025-03-31.basil
// (invoice), so each endpoint gets charge.updated drawn at its own version, with
// previous_attributes: the balance transaction an asynchronous capture brings, and what
// POST /v1/charges/{id} changed.
func TestChargeUpdatedPerVersion(t *testing.T) {
	f := newFixture(t, Options{WebhookBackoff: 10 * time.Millisecond})
	basil := f.as("", "2025-03-31.basil")
	rcOld, rcNew := newReceiver(t, ""), newReceiver(t, "")
	rcOld.secret = str(basil.ok("POST", "/v1/webhook_endpoints", form("url", rcOld.srv.URL, // the account default's
		"enabled_events[]", "charge.updated")), "secret")
	rcNew.secret = str(basil.ok("POST", "/v1/webhook_endpoints", form("url", rcNew.srv.URL, "api_version", "2025-03-31.basil",
		"enabled_events[]", "charge.updated")), "secret")

	pi := basil.ok("POST", "/v1/payment_intents", form("amount", "1000", "currency", "usd")) // automatic_async
	basil.ok("POST", "/v1/terminal/readers/"+f.readers[0]+"/process_payment_intent", form("payment_intent", str(pi, "id")))
	r := basil.ok("POST", "/v1/test_helpers/terminal/readers/"+f.readers[0]+"/present_payment_method", nil)
	if str(r, "action", "status") != "succeeded" {
		t.Fatalf("payment: %v", r["action"])
	}
	ch := str(basil.ok("GET", "/v1/payment_intents/"+str(pi, "id"), nil), "latest_charge")
	basil.ok("POST", "/v1/charges/"+ch, form("metadata[order]", "42"))

	for _, c := range []struct {
		rc      *receiver
		invoice bool
	}{{rcOld, true}, {rcNew, false}} {
		evs := c.rc.rawEvents(2)
		for i, want := range []string{`{"balance_transaction":null}`, `{"metadata":{"order":null}}`} {
			prev, _ := json.Marshal(dig(evs[i], "data", "previous_attributes"))
			if string(prev) != want {
				t.Errorf("%s endpoint, charge.updated %d: previous_attributes %s, want %s", str(evs[i], "api_version"), i, prev, want)
			}
			if obj := dig(evs[i], "data", "object").(map[string]any); hasKey(obj, "invoice") != c.invoice {
				t.Errorf("%s endpoint, charge.updated %d: invoice %v, want %v", str(evs[i], "api_version"), i, !c.invoice, c.invoice)
			}
		}
	}
}
