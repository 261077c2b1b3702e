package emulator

import (
	"net/http"
	"net/url"
	"testing"
)

// A reader read can carry its payment and the payment's charge (Stripe expands four
// levels deep): one call where a poll would otherwise need two.
func TestReaderExpandsItsPaymentsCharge(t *testing.T) {
	f := newFixture(t, Options{})
	pi := f.createPI(1000, "manual")
	f.process(f.readers[0], pi.ID)
	f.present(f.readers[0], "")
	intentOf := func(expand ...string) map[string]any {
		t.Helper()
		q := url.Values{"expand[]": expand}
		res, body := rawCall(t, f.srv.URL, http.MethodGet, "/v1/terminal/readers/"+f.readers[0], testKey, q, nil)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("expand %v: HTTP %d %v", expand, res.StatusCode, body)
		}
		action, _ := body["action"].(map[string]any)
		ppi, _ := action["process_payment_intent"].(map[string]any)
		in, _ := ppi["payment_intent"].(map[string]any)
		return in
	}
	in := intentOf(actionIntentCharge)
	ch, _ := in["latest_charge"].(map[string]any)
	if in["status"] != "requires_capture" || ch["object"] != "charge" {
		t.Fatalf("nested expansion: intent %v, charge %v", in["status"], in["latest_charge"])
	}
	in = intentOf("action.process_payment_intent.payment_intent")
	if _, isObject := in["latest_charge"].(map[string]any); in["id"] != pi.ID || isObject {
		t.Fatalf("one level: intent %v with charge %v; want the intent and the charge's id", in["id"], in["latest_charge"])
	}
}
