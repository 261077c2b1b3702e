package emulator

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"testing"
)

// caller sends raw requests as one account at one API version, for what stripe-go v76
// cannot send (newer parameters, endpoints it lacks, other versions).
type caller struct {
	t       *testing.T
	base    string
	account string // Stripe-Account, "" = the platform
	version string // Stripe-Version, "" = the account default
}

func (f *fixture) as(account, version string) caller {
	return caller{t: f.t, base: f.srv.URL, account: account, version: version}
}

func (c caller) call(method, path string, form url.Values) (int, map[string]any) {
	c.t.Helper()
	h := map[string]string{}
	if c.account != "" {
		h["Stripe-Account"] = c.account
	}
	if c.version != "" {
		h["Stripe-Version"] = c.version
	}
	res, body := rawCall(c.t, c.base, method, path, testKey, form, h)
	return res.StatusCode, body
}

// ok sends a request that must succeed and returns its body.
func (c caller) ok(method, path string, form url.Values) map[string]any {
	c.t.Helper()
	status, body := c.call(method, path, form)
	if status != http.StatusOK {
		c.t.Fatalf("%s %s (%s %s): %d %v", method, path, c.account, c.version, status, body)
	}
	return body
}

// fails sends a request that must fail with status and code (and param, unless "-"),
// and returns the error's message.
func (c caller) fails(method, path string, form url.Values, status int, code, param string) string {
	c.t.Helper()
	got, body := c.call(method, path, form)
	if got != status || errField(body, "code") != code || param != "-" && errField(body, "param") != param {
		c.t.Fatalf("%s %s: %d %v; want %d code=%q param=%q", method, path, got, body, status, code, param)
	}
	return errField(body, "message")
}

func str(m map[string]any, keys ...string) string {
	v := dig(m, keys...)
	s, _ := v.(string)
	return s
}

func num(m map[string]any, keys ...string) int64 {
	f, _ := dig(m, keys...).(float64)
	return int64(f)
}

// dig walks nested objects by key; a number picks that element of a list.
func dig(m map[string]any, keys ...string) any {
	var v any = m
	for _, k := range keys {
		switch cur := v.(type) {
		case map[string]any:
			v = cur[k]
		case []any:
			var i int
			if _, err := fmt.Sscan(k, &i); err != nil || i >= len(cur) {
				return nil
			}
			v = cur[i]
		default:
			return nil
		}
	}
	return v
}

func form(kv ...string) url.Values {
	v := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		v.Add(kv[i], kv[i+1])
	}
	return v
}

// paidOn creates and pays a PaymentIntent on a reader of the caller's account.
func (c caller) paidOn(reader string, amount int64, capture, card string, extra ...string) map[string]any {
	c.t.Helper()
	pi := c.ok("POST", "/v1/payment_intents", form(append([]string{"amount", strconv.FormatInt(amount, 10), "currency", "usd",
		"payment_method_types[]", "card_present", "capture_method", capture}, extra...)...))
	c.ok("POST", "/v1/terminal/readers/"+reader+"/process_payment_intent", form("payment_intent", str(pi, "id")))
	present := form("type", "card_present")
	if card != "" {
		present.Set("card_present[number]", card)
	}
	c.ok("POST", "/v1/test_helpers/terminal/readers/"+reader+"/present_payment_method", present)
	return c.ok("GET", "/v1/payment_intents/"+str(pi, "id"), form("expand[]", "latest_charge"))
}

// newReader gives the caller's account a location and a simulated reader.
// shopAddress is a location's address with every field Stripe requires of it.
var shopAddress = []string{"address[line1]", "1 Main St", "address[city]", "Springfield", "address[postal_code]", "62701", "address[state]", "IL", "address[country]", "US"}

func (c caller) newReader() string {
	c.t.Helper()
	loc := c.ok("POST", "/v1/terminal/locations", form(append([]string{"display_name", "Shop"}, shopAddress...)...))
	r := c.ok("POST", "/v1/terminal/readers", form("registration_code", "simulated-wpe", "location", str(loc, "id")))
	return str(r, "id")
}
