package emulator

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// FuzzFormParams: any request body is read as form parameters or refused with a
// Stripe-shaped error, and every way the handlers read parameters copes with what was
// read: no panic, and the idempotency fingerprint does not depend on map order and
// stays what state files hold.
func FuzzFormParams(f *testing.F) {
	for _, seed := range []string{
		"amount=1234&currency=usd&payment_method_types[]=card_present&capture_method=manual&metadata[order_id]=ord_1",
		"payment_method_types[0]=card_present&payment_method_types[1]=interac_present&expand[]=latest_charge",
		"cart[line_items][0][amount]=100&cart[line_items][0][description]=x&cart[line_items][0][quantity]=1&cart[line_items][1][amount]=5",
		"metadata=&metadata[a]=1&metadata[a][b]=2&a[=1&]=2&[]=3&x[99999999999999999999]=4&x[-1]=5",
		"%zz=1&a=%&b=%%",
		"amount=99999999999999999999999&amount_tip=-1&process_config[enable_customer_cancellation]=maybe",
		"a;b=c&d=e;f",
	} {
		f.Add(seed, "application/x-www-form-urlencoded")
	}
	f.Add("amount=1", "application/json")
	f.Fuzz(func(t *testing.T, body, contentType string) {
		r := httptest.NewRequest(http.MethodPost, "/v1/payment_intents", strings.NewReader(body))
		r.Header.Set("Content-Type", contentType)
		p, apiErr := readParams(r)
		if apiErr != nil {
			if apiErr.status < 400 || apiErr.fields.Message == "" {
				t.Fatalf("%q refused without a Stripe error: %+v", body, apiErr)
			}
			return
		}
		for key := range p {
			name := topName(key)
			p.str(key)
			p.integer(key)
			p.boolean(key)
			p.optInt(key)
			p.optBool(key)
			p.list(name)
			p.indexes(name)
			p.hash(name)
		}
		p.expand()
		p.checkKnown(piCreateParams)
		if p.fingerprint() != params(cloneValues(p)).fingerprint() {
			t.Fatalf("%q: fingerprint depends on order", body)
		}
		// State files keep fingerprints: the hash must stay that of url.Values.Encode.
		if sum := sha256.Sum256([]byte(url.Values(p).Encode())); p.fingerprint() != hex.EncodeToString(sum[:]) {
			t.Fatalf("%q: fingerprint is not the SHA-256 of the encoded parameters", body)
		}
	})
}

func cloneValues(p params) map[string][]string {
	out := make(map[string][]string, len(p))
	for k, v := range p {
		out[k] = append([]string(nil), v...)
	}
	return out
}

// routerExecs is how many requests one emulator serves in FuzzRouter before a new one
// replaces it, so state (and memory) stays small however long the fuzzing runs.
const routerExecs = 500

// FuzzRouter sends any request (method, path and query, body, idempotency key, API
// version, key) to the emulator: it never panics, and every answer under /v1/ is JSON
// with a request id, an object or a Stripe error.
func FuzzRouter(f *testing.F) {
	for _, seed := range []struct {
		method                     uint8
		target, body, key, version string
	}{
		{1, "/v1/payment_intents", "amount=1234&currency=usd&payment_method_types[]=card_present&capture_method=manual", "k1", ""},
		{0, "/v1/payment_intents?limit=3&created[gte]=0&expand[]=data.latest_charge", "", "", ""},
		{0, "/v1/payment_intents/search?query=metadata['order_id']:'ord_1'", "", "", ""},
		{0, "/v1/terminal/readers", "", "", "2023-10-16"},
		{1, "/v1/terminal/readers/tmr_Emu0000000002/process_payment_intent", "payment_intent=pi_Emu0000000004", "k2", ""},
		{1, "/v1/test_helpers/terminal/readers/tmr_Emu0000000002/present_payment_method", "card_present[number]=4242424242424242", "", ""},
		{1, "/v1/payment_intents/pi_Emu0000000004/capture", "", "k3", "2026-09-30.endive"},
		{1, "/v1/terminal/readers/tmr_Emu0000000002/set_reader_display", "type=cart&cart[currency]=usd&cart[total]=5&cart[line_items][0][amount]=5&cart[line_items][0][description]=x&cart[line_items][0][quantity]=1", "", ""},
		{2, "/v1/terminal/locations/tml_x", "", "", ""},
		{0, "/v1/nothing/here", "", "", ""},
		{1, "/_emulator/faults", "latency=1ms", "", ""},
		{0, "/_emulator/state", "", "", ""},
	} {
		f.Add(seed.method, seed.target, seed.body, seed.key, seed.version, true)
	}
	methods := []string{http.MethodGet, http.MethodPost, http.MethodDelete, http.MethodPut, http.MethodPatch, http.MethodHead}
	var emu *Emulator
	served := 0
	f.Fuzz(func(t *testing.T, method uint8, target, body, key, version string, auth bool) {
		if emu == nil || served%routerExecs == 0 {
			var err error
			if emu, err = New(Options{Seed: true}); err != nil {
				t.Fatal(err)
			}
		}
		served++
		if !strings.HasPrefix(target, "/") {
			target = "/" + target
		}
		r, err := http.NewRequest(methods[int(method)%len(methods)], "http://emulator"+target, strings.NewReader(body))
		if err != nil {
			return // not a request any client could send
		}
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		if auth {
			r.Header.Set("Authorization", "Bearer sk_test_fuzz")
		}
		if key != "" {
			r.Header.Set("Idempotency-Key", key)
		}
		if version != "" {
			r.Header.Set("Stripe-Version", version)
		}
		w := httptest.NewRecorder()
		emu.ServeHTTP(w, r)
		emu.ClearFaults() // a fault set by this request must not slow or drop the next
		if !strings.HasPrefix(r.URL.Path, "/v1/") || r.Method == http.MethodHead || w.Code == http.StatusMethodNotAllowed ||
			(w.Code >= 300 && w.Code < 400) { // net/http's redirect to the clean path ("/v1/." to "/v1/")
			return
		}
		var doc map[string]any
		if err := json.Unmarshal(w.Body.Bytes(), &doc); err != nil {
			t.Fatalf("%s %s: HTTP %d answer is not a JSON object: %q", r.Method, target, w.Code, w.Body.String())
		}
		if w.Header().Get("Request-Id") == "" {
			t.Fatalf("%s %s: no Request-Id", r.Method, target)
		}
		if _, isErr := doc["error"]; isErr != (w.Code >= 400) {
			t.Fatalf("%s %s: HTTP %d with %q", r.Method, target, w.Code, w.Body.String())
		}
	})
}
