package emulator

import (
	"net/http"
	"path/filepath"
	"testing"
)

func TestConnectedAccountsAreIsolated(t *testing.T) {
	f := newFixture(t, Options{})
	platform, a, b := f.as("", ""), f.as("acct_1Shop", ""), f.as("acct_2Cafe", "")

	// A new connected account starts empty: the seeded shop is the platform's.
	if got := a.ok("GET", "/v1/terminal/readers", nil); len(dig(got, "data").([]any)) != 0 {
		t.Fatalf("a new account lists readers: %v", got)
	}
	a.fails("POST", "/v1/terminal/readers", form("registration_code", "simulated-wpe"), http.StatusBadRequest, "parameter_missing", "location")
	readerA := a.newReader()
	paid := a.paidOn(readerA, 1200, "automatic", "")
	piA, chA := str(paid, "id"), str(paid, "latest_charge", "id")
	if str(paid, "status") != "succeeded" {
		t.Fatalf("connected account payment: %v", paid)
	}

	// Neither the platform nor another account sees any of it.
	for _, c := range []caller{platform, b} {
		for _, path := range []string{"/v1/payment_intents/" + piA, "/v1/charges/" + chA, "/v1/terminal/readers/" + readerA} {
			c.fails("GET", path, nil, http.StatusNotFound, "resource_missing", "-")
		}
		c.fails("POST", "/v1/terminal/readers/"+readerA+"/process_payment_intent", form("payment_intent", piA),
			http.StatusNotFound, "resource_missing", "reader")
		if n := len(dig(c.ok("GET", "/v1/events", form("type", "charge.succeeded")), "data").([]any)); n != 0 && c.account != "" {
			t.Errorf("%s sees %d charge events of acct_1Shop", c.account, n)
		}
	}
	for _, path := range []string{"/v1/payment_intents", "/v1/charges", "/v1/refunds", "/v1/balance_transactions"} {
		for _, item := range dig(b.ok("GET", path, nil), "data").([]any) {
			t.Errorf("acct_2Cafe lists %s item %v", path, item.(map[string]any)["id"])
		}
	}
	// The account's own events say where they happened.
	evs := dig(a.ok("GET", "/v1/events", form("type", "payment_intent.succeeded")), "data").([]any)
	if len(evs) != 1 || str(evs[0].(map[string]any), "account") != "acct_1Shop" {
		t.Fatalf("acct_1Shop events: %v", evs)
	}
	for _, ev := range dig(platform.ok("GET", "/v1/events", nil), "data").([]any) {
		if _, ok := ev.(map[string]any)["account"]; ok {
			t.Fatalf("platform lists a connected account's event: %v", ev)
		}
	}
}

func TestMalformedAccountRefused(t *testing.T) {
	f := newFixture(t, Options{})
	f.as("cus_123", "").fails("GET", "/v1/payment_intents", nil, http.StatusForbidden, "account_invalid", "-")
}

func TestIdempotencyKeysArePerAccount(t *testing.T) {
	f := newFixture(t, Options{})
	create := form("amount", "1000", "currency", "usd")
	h := func(acct string) map[string]string {
		m := map[string]string{"Idempotency-Key": "same-key"}
		if acct != "" {
			m["Stripe-Account"] = acct
		}
		return m
	}
	_, p := rawCall(t, f.srv.URL, "POST", "/v1/payment_intents", testKey, create, h(""))
	_, a := rawCall(t, f.srv.URL, "POST", "/v1/payment_intents", testKey, create, h("acct_1Shop"))
	res, again := rawCall(t, f.srv.URL, "POST", "/v1/payment_intents", testKey, create, h("acct_1Shop"))
	if p["id"] == a["id"] || again["id"] != a["id"] || res.Header.Get("Idempotent-Replayed") != "true" {
		t.Fatalf("platform %v, account %v, replay %v", p["id"], a["id"], again["id"])
	}
}

// TestNewObjectsSurviveRestart: what the new endpoints store, and whose it is, is in the
// state file.
func TestNewObjectsSurviveRestart(t *testing.T) {
	path := filepath.Join(t.TempDir(), "emulator.json")
	f := newFixture(t, Options{StatePath: path})
	shop := f.as("acct_1Shop", "")
	si := shop.ok("POST", "/v1/setup_intents", form("payment_method_types[]", "card_present"))
	we := shop.ok("POST", "/v1/webhook_endpoints", form("url", "http://127.0.0.1:9/", "enabled_events[]", "*"))
	conf := f.as("", "").ok("POST", "/v1/terminal/configurations", form("tipping[usd][percentages][]", "12"))
	paid := f.as("", "").paidOn(f.readers[0], 1000, "automatic", "")

	e2 := reopen(t, f.e, Options{StatePath: path, Now: f.clock.Now})
	srv := newServer(t, e2)
	again := caller{t: t, base: srv, account: "acct_1Shop"}
	platform := caller{t: t, base: srv}
	again.ok("GET", "/v1/setup_intents/"+str(si, "id"), nil)
	again.ok("GET", "/v1/webhook_endpoints/"+str(we, "id"), nil)
	platform.fails("GET", "/v1/setup_intents/"+str(si, "id"), nil, http.StatusNotFound, "resource_missing", "intent")
	if got := platform.ok("GET", "/v1/terminal/configurations/"+str(conf, "id"), nil); num(got, "tipping", "usd", "percentages", "0") != 12 {
		t.Fatalf("configuration after restart: %v", got)
	}
	ch := platform.ok("GET", "/v1/charges/"+str(paid, "latest_charge", "id"), form("expand[]", "balance_transaction"))
	if num(ch, "balance_transaction", "fee") == 0 {
		t.Fatalf("balance transaction after restart: %v", ch["balance_transaction"])
	}
}
