package emulator

import (
	"encoding/json"
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/stripe/stripe-go/v76/webhook"
)

// rawEvents waits for n deliveries to rc, checks their signature with the endpoint's
// secret (stripe-go's webhook.ValidatePayload) and returns them decoded.
func (rc *receiver) rawEvents(n int) []map[string]any {
	rc.t.Helper()
	var out []map[string]any
	for len(out) < n {
		select {
		case r := <-rc.got:
			if err := webhook.ValidatePayload(r.body, r.sig, rc.secret); err != nil {
				rc.t.Fatalf("bad signature: %v", err)
			}
			checkEventBody(rc.t, r.body)
			var m map[string]any
			if err := json.Unmarshal(r.body, &m); err != nil {
				rc.t.Fatal(err)
			}
			out = append(out, m)
		case <-time.After(5 * time.Second):
			rc.t.Fatalf("%d of %d webhooks arrived", len(out), n)
		}
	}
	return out
}

func TestWebhookEndpoints(t *testing.T) {
	f := newFixture(t, Options{WebhookBackoff: 10 * time.Millisecond})
	c := f.as("", "")
	rcAll, rcPI, rcConnect := newReceiver(t, ""), newReceiver(t, ""), newReceiver(t, "")

	c.fails("POST", "/v1/webhook_endpoints", form("url", rcAll.srv.URL), http.StatusBadRequest, "parameter_missing", "enabled_events")
	c.fails("POST", "/v1/webhook_endpoints", form("url", "ftp://x", "enabled_events[]", "*"), http.StatusBadRequest, "url_invalid", "url")
	c.fails("POST", "/v1/webhook_endpoints", form("url", rcAll.srv.URL, "enabled_events[]", "charge.sold"), http.StatusBadRequest, "", "enabled_events")

	all := c.ok("POST", "/v1/webhook_endpoints", form("url", rcAll.srv.URL, "enabled_events[]", "*", "description", "everything"))
	pi := c.ok("POST", "/v1/webhook_endpoints", form("url", rcPI.srv.URL, "enabled_events[]", "payment_intent.succeeded",
		"enabled_events[]", "payment_intent.created", "api_version", "2025-03-31.basil"))
	conn := c.ok("POST", "/v1/webhook_endpoints", form("url", rcConnect.srv.URL, "enabled_events[]", "*", "connect", "true"))
	rcAll.secret, rcPI.secret, rcConnect.secret = str(all, "secret"), str(pi, "secret"), str(conn, "secret")
	if len(rcAll.secret) < 20 || rcAll.secret[:6] != "whsec_" || dig(all, "api_version") != nil {
		t.Fatalf("create: %v", all)
	}
	if got := c.ok("GET", "/v1/webhook_endpoints/"+str(all, "id"), nil); got["secret"] != nil || str(got, "status") != "enabled" {
		t.Fatalf("retrieve shows the secret or is not enabled: %v", got)
	}

	c.paidOn(f.readers[0], 1000, "automatic", "")
	evAll := rcAll.rawEvents(4)
	if got := []string{str(evAll[0], "type"), str(evAll[3], "type")}; !slices.Equal(got, []string{"payment_intent.created", "terminal.reader.action_succeeded"}) ||
		str(evAll[0], "api_version") != DefaultAPIVersion || num(evAll[0], "pending_webhooks") != 2 {
		t.Fatalf("endpoint for *: %v", evAll)
	}
	evPI := rcPI.rawEvents(2)
	if str(evPI[0], "type") != "payment_intent.created" || str(evPI[1], "type") != "payment_intent.succeeded" ||
		str(evPI[1], "api_version") != "2025-03-31.basil" {
		t.Fatalf("filtered endpoint at basil: %v", evPI)
	}
	rcConnect.none(50 * time.Millisecond)

	// A connected account's events go to the platform's Connect endpoint only.
	shop := f.as("acct_1Shop", "")
	shop.ok("POST", "/v1/terminal/locations", form(append([]string{"display_name", "Shop"}, shopAddress...)...))
	shop.ok("POST", "/v1/payment_intents", form("amount", "1000", "currency", "usd"))
	ev := rcConnect.rawEvents(1)[0]
	if str(ev, "type") != "payment_intent.created" || str(ev, "account") != "acct_1Shop" {
		t.Fatalf("Connect endpoint: %v", ev)
	}
	rcAll.none(50 * time.Millisecond)

	// Disabled or deleted: nothing more.
	c.ok("POST", "/v1/webhook_endpoints/"+str(all, "id"), form("disabled", "true"))
	c.ok("DELETE", "/v1/webhook_endpoints/"+str(pi, "id"), nil)
	c.ok("POST", "/v1/payment_intents", form("amount", "1000", "currency", "usd"))
	rcAll.none(50 * time.Millisecond)
	rcPI.none(0)
	if list := c.ok("GET", "/v1/webhook_endpoints", nil); len(dig(list, "data").([]any)) != 2 || str(list, "data", "1", "status") != "disabled" {
		t.Fatalf("list: %v", list)
	}
	// Re-enabled, with a new URL.
	c.ok("POST", "/v1/webhook_endpoints/"+str(all, "id"), form("disabled", "false", "url", rcPI.srv.URL, "enabled_events[]", "payment_intent.created"))
	rcPI.secret = rcAll.secret
	c.ok("POST", "/v1/payment_intents", form("amount", "1000", "currency", "usd"))
	if ev := rcPI.rawEvents(1)[0]; str(ev, "type") != "payment_intent.created" {
		t.Fatalf("after the URL changed: %v", ev)
	}
}

func TestWebhookEndpointLimit(t *testing.T) {
	f := newFixture(t, Options{})
	c := f.as("", "")
	for range maxWebhookEndpoints {
		c.ok("POST", "/v1/webhook_endpoints", form("url", "http://127.0.0.1:9/hook", "enabled_events[]", "*"))
	}
	c.fails("POST", "/v1/webhook_endpoints", form("url", "http://127.0.0.1:9/hook", "enabled_events[]", "*"), http.StatusBadRequest, "", "")
	f.as("acct_1Other", "").ok("POST", "/v1/webhook_endpoints", form("url", "http://127.0.0.1:9/hook", "enabled_events[]", "*"))
}
