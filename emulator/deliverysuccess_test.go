package emulator

import (
	"fmt"
	"slices"
	"testing"
	"time"
)

// TestEventsByDeliverySuccess: pending_webhooks counts the endpoints an event has not
// reached yet, and GET /v1/events?delivery_success= lists by it: true, the events every
// endpoint took (one without endpoints too); false, those still pending or given up at
// one.
func TestEventsByDeliverySuccess(t *testing.T) {
	f := newFixture(t, Options{WebhookBackoff: time.Millisecond})
	c := f.as("", "")
	ok, failing := newReceiver(t, ""), newReceiver(t, "")
	failing.fail.Store(1000)
	epOK := c.ok("POST", "/v1/webhook_endpoints", form("url", ok.srv.URL, "enabled_events[]", "payment_intent.created"))
	c.ok("POST", "/v1/webhook_endpoints", form("url", failing.srv.URL, "enabled_events[]", "payment_intent.canceled"))
	ok.secret = str(epOK, "secret")

	pi := c.ok("POST", "/v1/payment_intents", form("amount", "1000", "currency", "usd"))
	c.ok("POST", "/v1/payment_intents/"+str(pi, "id")+"/cancel", nil)
	created := ok.rawEvents(1)[0]
	if num(created, "pending_webhooks") != 1 {
		t.Fatalf("pending_webhooks when sent: %v", created["pending_webhooks"])
	}
	c.paidOn(f.readers[0], 500, "automatic", "") // its charge.succeeded goes to no endpoint
	ok.rawEvents(1)

	byDelivery := func(success string) []string {
		list := c.ok("GET", "/v1/events", form("delivery_success", success, "limit", "100"))
		var types []string
		for _, ev := range dig(list, "data").([]any) {
			m := ev.(map[string]any)
			types = append(types, fmt.Sprintf("%s/%d", str(m, "type"), num(m, "data", "object", "amount")))
			if (num(m, "pending_webhooks") == 0) != (success == "true") {
				t.Errorf("delivery_success=%s lists %s with pending_webhooks %v", success, str(m, "id"), m["pending_webhooks"])
			}
		}
		return types
	}
	// The deliveries are counted once they arrive: wait for the three attempts to fail.
	deadline := time.Now().Add(5 * time.Second)
	for failing.hits.Load() < webhookAttempts || !slices.Contains(byDelivery("true"), "payment_intent.created/500") {
		if time.Now().After(deadline) {
			t.Fatalf("deliveries not counted: %d attempts, %v", failing.hits.Load(), byDelivery("true"))
		}
		time.Sleep(5 * time.Millisecond)
	}
	if got := byDelivery("true"); !slices.Contains(got, "payment_intent.created/500") || !slices.Contains(got, "payment_intent.created/1000") ||
		!slices.Contains(got, "charge.succeeded/500") || slices.Contains(got, "payment_intent.canceled/1000") {
		t.Errorf("delivery_success=true: %v", got)
	}
	if got := byDelivery("false"); !slices.Equal(got, []string{"payment_intent.canceled/1000"}) {
		t.Errorf("delivery_success=false: %v", got)
	}
	c.fails("GET", "/v1/events", form("delivery_success", "maybe"), 400, "", "delivery_success")
}

// TestBalanceTransactionsByPayout: the emulator makes no payouts, so a payout filter
// names one it does not have: 404, as for any unknown id; the list without it is whole.
func TestBalanceTransactionsByPayout(t *testing.T) {
	f := newFixture(t, Options{})
	c := f.as("", "")
	c.paidOn(f.readers[0], 1000, "automatic", "")
	if list := c.ok("GET", "/v1/balance_transactions", nil); len(dig(list, "data").([]any)) != 1 {
		t.Fatalf("balance transactions: %v", list)
	}
	c.fails("GET", "/v1/balance_transactions", form("payout", "po_1Missing"), 404, "resource_missing", "payout")
}
