package readerctl

import (
	"context"
	"net/http"
	"reflect"
	"strings"
	"testing"
)

// A restricted key's missing permissions are named, each one; the others pass.
func TestMissingPermissions(t *testing.T) {
	c := newFake(t, func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.Method == http.MethodPost && strings.HasPrefix(r.URL.Path, "/v1/payment_intents/"):
			writeJSON(w, 403, "req_1", stripeError("invalid_request_error", "", "",
				"The provided key 'rk_test_***ABC123' does not have the required permissions for this endpoint on account 'acct_1'. Having the 'rak_payment_intent_write' permission would allow this request to continue."))
		case strings.HasPrefix(r.URL.Path, "/v1/terminal/locations/"):
			writeJSON(w, 403, "req_2", stripeError("invalid_request_error", "", "", "The provided key does not have the required permissions for this endpoint."))
		default:
			writeJSON(w, 404, "req_3", stripeError("invalid_request_error", "resource_missing", "", "No such object"))
		}
	}, func(cfg *Config) { cfg.APIKey = "rk_test_readerctl0123456789" })
	missing, err := c.MissingPermissions(context.Background(), Permissions)
	if err != nil {
		t.Fatal(err)
	}
	want := []Missing{{"PaymentIntents: Write", "rak_payment_intent_write"}, {"Terminal locations: Read", ""}}
	if !reflect.DeepEqual(missing, want) {
		t.Fatalf("missing %+v\nwant    %+v", missing, want)
	}
}

// A key that is refused outright is an error, not a list of every permission.
func TestMissingPermissionsWithABadKey(t *testing.T) {
	c := newFake(t, func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 401, "req_1", stripeError("invalid_request_error", "", "", "Invalid API Key provided: rk_test_****6789"))
	})
	if _, err := c.MissingPermissions(context.Background(), Permissions); err == nil {
		t.Fatal("no error")
	}
}
