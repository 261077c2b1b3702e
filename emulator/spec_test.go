package emulator

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/stripe/stripe-mock/embedded"
)

// The proof of issue 3: every response body the emulator produces in these tests is
// checked against Stripe's OpenAPI spec (spec3.json embedded in stripe-mock v0.203.0),
// including that it carries no field the spec does not declare.

type schema struct {
	Ref                  string             `json:"$ref"`
	Type                 string             `json:"type"`
	Nullable             bool               `json:"nullable"`
	Properties           map[string]*schema `json:"properties"`
	Required             []string           `json:"required"`
	AnyOf                []*schema          `json:"anyOf"`
	Items                *schema            `json:"items"`
	Enum                 []any              `json:"enum"`
	AdditionalProperties json.RawMessage    `json:"additionalProperties"`
}

type specOp struct {
	Responses map[string]struct {
		Content map[string]struct {
			Schema *schema `json:"schema"`
		} `json:"content"`
	} `json:"responses"`
}

type openAPI struct {
	Paths      map[string]map[string]specOp `json:"paths"`
	Components struct {
		Schemas map[string]*schema `json:"schemas"`
	} `json:"components"`
	// names are the component schemas' names, by schema.
	names map[*schema]string
	// alwaysPresent are, per component schema, the fields spec3.beta.sdk.json (of the
	// same stripe-mock) lists as required. spec3.json lists few fields as required since
	// 2026 (a PaymentIntent: id, object, created, livemode, status), yet Stripe sends
	// every one of these, null when it has no value; the SDK spec says which.
	alwaysPresent map[string][]string
}

// fieldsFrom are the always-present fields that a versioned change brought: a response
// at an earlier API version does not have them.
var fieldsFrom = map[string]string{
	"payment_intent.allowed_payment_method_types":             versionAllowedTypes,
	"setup_intent.allowed_payment_method_types":               versionAllowedTypes,
	"terminal_reader_reader_resource_reader_action.api_error": versionActionAPIError,
}

// fieldsUntil are the fields Stripe removed at a version, which the spec (of a later
// version) no longer declares: a response at an earlier version always has them, null
// where the emulator has no value.
var fieldsUntil = map[string]string{
	"payment_intent.invoice": versionNoInvoice,
	"charge.invoice":         versionNoInvoice,
}

type specRoute struct {
	method string
	re     *regexp.Regexp
	path   string
	op     specOp
}

var (
	specOnce   sync.Once
	specDoc    *openAPI
	specRoutes []specRoute
	specErr    error
	// validated counts the bodies checked, by spec path, for the report.
	validatedMu sync.Mutex
	validated   = map[string]int{}
)

func loadSpec(t testing.TB) *openAPI {
	specOnce.Do(func() {
		specDoc = &openAPI{}
		if specErr = json.Unmarshal(embedded.OpenAPISpec, specDoc); specErr != nil {
			return
		}
		var sdk struct {
			Components struct {
				Schemas map[string]struct {
					Required []string `json:"required"`
				} `json:"schemas"`
			} `json:"components"`
		}
		if specErr = json.Unmarshal(embedded.BetaOpenAPISpec, &sdk); specErr != nil {
			return
		}
		specDoc.names = map[*schema]string{}
		specDoc.alwaysPresent = map[string][]string{}
		for name, s := range specDoc.Components.Schemas {
			specDoc.names[s] = name
			for _, f := range sdk.Components.Schemas[name].Required {
				if _, declared := s.Properties[f]; declared && !slices.Contains(s.Required, f) {
					specDoc.alwaysPresent[name] = append(specDoc.alwaysPresent[name], f)
				}
			}
		}
		for path, ops := range specDoc.Paths {
			re := regexp.MustCompile("^" + regexp.MustCompile(`\\{[^}]+\\}`).ReplaceAllString(regexp.QuoteMeta(path), `[^/]+`) + "$")
			for method, op := range ops {
				specRoutes = append(specRoutes, specRoute{method: strings.ToUpper(method), re: re, path: path, op: op})
			}
		}
		// Literal paths win over templated ones (/v1/payment_intents/search vs /{intent}).
		sort.Slice(specRoutes, func(i, j int) bool {
			return strings.Count(specRoutes[i].path, "{") < strings.Count(specRoutes[j].path, "{")
		})
	})
	if specErr != nil {
		t.Fatalf("spec3.json: %v", specErr)
	}
	return specDoc
}

// responseSchema finds the schema the spec gives for a response.
func responseSchema(t testing.TB, method, path string, status int) (*schema, string) {
	doc := loadSpec(t)
	if status >= 400 {
		return doc.Components.Schemas["error"], "error"
	}
	for _, r := range specRoutes {
		if r.method == method && r.re.MatchString(path) {
			if res, ok := r.op.Responses["200"]; ok {
				return res.Content["application/json"].Schema, method + " " + r.path
			}
		}
	}
	return nil, ""
}

// validate checks v, a response at API version version, against s and returns every
// violation. A body recorded by an earlier emulator (version "") is not asked for the
// fields that are always present: that emulator did not write them all.
func validate(doc *openAPI, s *schema, v any, at, version string) []string {
	for s != nil && s.Ref != "" {
		s = doc.Components.Schemas[strings.TrimPrefix(s.Ref, "#/components/schemas/")]
	}
	if s == nil || (s.Type == "" && len(s.AnyOf) == 0 && len(s.Enum) == 0) {
		return nil // an open schema accepts anything
	}
	if v == nil {
		if s.Nullable {
			return nil
		}
		return []string{at + ": null, but the spec does not allow null"}
	}
	if len(s.AnyOf) > 0 {
		// The errors reported are the closest alternative's, among those of the value's
		// type if any (an expanded object's, not "want a string").
		var best []string
		bestOfType := false
		for i, alt := range s.AnyOf {
			errs := validate(doc, alt, v, at, version)
			if len(errs) == 0 {
				return nil
			}
			ofType := len(errs) > 1 || !strings.HasPrefix(errs[0], at+": want ")
			if i == 0 || ofType && !bestOfType || ofType == bestOfType && len(errs) < len(best) {
				best, bestOfType = errs, ofType
			}
		}
		return best
	}
	if len(s.Enum) > 0 {
		ok := false
		for _, e := range s.Enum {
			ok = ok || e == v
		}
		if !ok {
			return []string{fmt.Sprintf("%s: %v is not one of %v", at, v, s.Enum)}
		}
	}
	switch s.Type {
	case "object":
		m, ok := v.(map[string]any)
		if !ok {
			return []string{fmt.Sprintf("%s: want an object, got %T", at, v)}
		}
		var errs []string
		for _, r := range s.Required {
			if _, ok := m[r]; !ok {
				errs = append(errs, at+"."+r+": required field missing")
			}
		}
		name := doc.names[s]
		if version == "" {
			name = "" // no field is known to be always present
		}
		for _, r := range doc.alwaysPresent[name] {
			from, gated := fieldsFrom[name+"."+r]
			if _, ok := m[r]; !ok && (!gated || versionAtLeast(version, from)) {
				errs = append(errs, fmt.Sprintf("%s.%s: absent, but Stripe always sends %s.%s (null when unset)", at, r, name, r))
			}
		}
		removed := map[string]bool{}
		for field, until := range fieldsUntil {
			obj, r, _ := strings.Cut(field, ".")
			if obj != doc.names[s] || version != "" && versionAtLeast(version, until) {
				continue
			}
			removed[r] = true
			if v, ok := m[r]; version != "" && (!ok || v != nil) {
				errs = append(errs, fmt.Sprintf("%s.%s: %v, but before %s Stripe sends %s (null here)", at, r, v, until, field))
			}
		}
		var extra *schema
		switch string(s.AdditionalProperties) {
		case "", "false":
		case "true":
			extra = &schema{}
		default:
			extra = &schema{}
			if err := json.Unmarshal(s.AdditionalProperties, extra); err != nil {
				return []string{at + ": unreadable additionalProperties in the spec"}
			}
		}
		for k, fv := range m {
			ps, declared := s.Properties[k]
			switch {
			case removed[k]:
			case declared:
				errs = append(errs, validate(doc, ps, fv, at+"."+k, version)...)
			case extra != nil:
				errs = append(errs, validate(doc, extra, fv, at+"."+k, version)...)
			case len(s.Properties) > 0:
				errs = append(errs, at+"."+k+": field not declared by the spec")
			}
		}
		return errs
	case "array":
		a, ok := v.([]any)
		if !ok {
			return []string{fmt.Sprintf("%s: want an array, got %T", at, v)}
		}
		var errs []string
		for i, item := range a {
			errs = append(errs, validate(doc, s.Items, item, fmt.Sprintf("%s[%d]", at, i), version)...)
		}
		return errs
	case "string":
		if _, ok := v.(string); !ok {
			return []string{fmt.Sprintf("%s: want a string, got %T", at, v)}
		}
	case "integer":
		if f, ok := v.(float64); !ok || f != float64(int64(f)) {
			return []string{fmt.Sprintf("%s: want an integer, got %v", at, v)}
		}
	case "number":
		if _, ok := v.(float64); !ok {
			return []string{fmt.Sprintf("%s: want a number, got %T", at, v)}
		}
	case "boolean":
		if _, ok := v.(bool); !ok {
			return []string{fmt.Sprintf("%s: want a boolean, got %T", at, v)}
		}
	}
	return nil
}

// eventObjectErrors validates the objects carried by an event or a list of events, each
// at its event's API version; recorded events (recorded) at none.
func eventObjectErrors(doc *openAPI, body any, recorded bool) []string {
	m, _ := body.(map[string]any)
	if m["object"] == "event" {
		_, errs := validateEventObject(doc, m, "body", recorded)
		return errs
	}
	list, _ := m["data"].([]any)
	var errs []string
	for i, item := range list {
		ev, _ := item.(map[string]any)
		_, e := validateEventObject(doc, ev, fmt.Sprintf("body.data[%d]", i), recorded)
		errs = append(errs, e...)
	}
	return errs
}

// specChecker wraps the emulator so that every API response is validated.
type specChecker struct {
	t *testing.T
	h http.Handler
	// recorded is set when the answers include bodies an earlier emulator recorded
	// (idempotent replays, events of an old state file): they are checked at no version.
	recorded bool
}

type capture struct {
	http.ResponseWriter
	status int
	body   bytes.Buffer
}

func (c *capture) WriteHeader(s int) { c.status = s; c.ResponseWriter.WriteHeader(s) }
func (c *capture) Write(b []byte) (int, error) {
	c.body.Write(b)
	return c.ResponseWriter.Write(b)
}

// Hijack lets the drop faults through; a dropped response has no body to check.
func (c *capture) Hijack() (conn net.Conn, rw *bufio.ReadWriter, err error) {
	return c.ResponseWriter.(http.Hijacker).Hijack()
}

func (s specChecker) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	c := &capture{ResponseWriter: w, status: http.StatusOK}
	s.h.ServeHTTP(c, r)
	if strings.HasPrefix(r.URL.Path, "/_emulator/") || c.body.Len() == 0 {
		return
	}
	body := c.body.Bytes()
	if versionAtLeast(r.Header.Get("Stripe-Version"), versionNoPaymentMethodTypes) {
		body = withoutEndiveAdditions(s.t, body)
	}
	version := w.Header().Get("Stripe-Version")
	if s.recorded {
		version = ""
	}
	checkBody(s.t, r.Method, r.URL.Path, c.status, version, body)
}

// withoutEndiveAdditions takes out of a body what API versions after the spec's
// (2026-08-26.dahlia) add, so the rest is still checked: endive's card_present and
// interac_present values of allowed_payment_method_types.
func withoutEndiveAdditions(t testing.TB, body []byte) []byte {
	var v any
	if err := json.Unmarshal(body, &v); err != nil {
		return body
	}
	var walk func(any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			for k, sub := range x {
				if list, ok := sub.([]any); ok && k == "allowed_payment_method_types" {
					x[k] = slicesDeleteFunc(list, func(e any) bool { return e == "card_present" || e == "interac_present" })
					continue
				}
				walk(sub)
			}
		case []any:
			for _, sub := range x {
				walk(sub)
			}
		}
	}
	walk(v)
	out, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("re-encode: %v", err)
	}
	return out
}

func slicesDeleteFunc(list []any, del func(any) bool) []any {
	out := []any{}
	for _, e := range list {
		if !del(e) {
			out = append(out, e)
		}
	}
	return out
}

// checkBody validates a response of the API version version ("" when recorded).
func checkBody(t testing.TB, method, path string, status int, version string, body []byte) {
	t.Helper()
	sch, name := responseSchema(t, method, path, status)
	if sch == nil {
		t.Errorf("spec: no response schema for %s %s", method, path)
		return
	}
	var v any
	if err := json.NewDecoder(bytes.NewReader(body)).Decode(&v); err != nil && err != io.EOF {
		t.Errorf("spec: %s %s: body is not JSON: %v", method, path, err)
		return
	}
	errs := validate(loadSpec(t), sch, v, "body", version)
	if status == http.StatusOK && strings.HasPrefix(path, "/v1/events") {
		errs = append(errs, eventObjectErrors(loadSpec(t), v, version == "")...)
	}
	if len(errs) > 0 {
		sort.Strings(errs)
		t.Errorf("spec: %s %s (%d) does not match %s:\n  %s", method, path, status, name, strings.Join(errs, "\n  "))
	}
	validatedMu.Lock()
	validated[name]++
	validatedMu.Unlock()
}
