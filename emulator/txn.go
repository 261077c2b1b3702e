package emulator

import (
	"net/http"
	"slices"
	"strings"
	"time"
)

// txn is one request (or one Go convenience call) working on the state under e.mu.
type txn struct {
	e       *Emulator
	st      *state
	now     time.Time
	reqID   string
	idemKey string
	version string // Stripe-Version of the request, "" when not sent
	p       params
	r       *http.Request // nil for Go convenience calls
	// expandPrefix is "data." on list and search requests, whose expand[] paths name
	// fields of each item.
	expandPrefix string
	emitted      []*event
}

func (e *Emulator) begin(reqID, idemKey, version string, p params, r *http.Request) *txn {
	if p == nil {
		p = params{}
	}
	return &txn{e: e, st: e.st, now: e.now(), reqID: reqID, idemKey: idemKey, version: version, p: p, r: r}
}

// pathValue is a {wildcard} of the route.
func (x *txn) pathValue(name string) string {
	if x.r == nil {
		return ""
	}
	return x.r.PathValue(name)
}

// expands reports whether the request asked to expand the given field path of the
// object (or, on a list, of each item).
func (x *txn) expands(path string) bool {
	return slices.Contains(x.p.expand(), x.expandPrefix+path)
}

// checkExpand refuses expansions the endpoint's object does not support.
func (x *txn) checkExpand(allowed ...string) *apiError {
	for _, e := range x.p.expand() {
		ok := false
		for _, a := range allowed {
			ok = ok || e == x.expandPrefix+a
		}
		if !ok {
			return validationError("", "expand", "This property cannot be expanded (%s).", strings.TrimSpace(e))
		}
	}
	return nil
}

// asyncCaptureDefault reports whether the request's API version defaults capture_method
// to automatic_async (2024-04-10 and later); stripe-go v76 pins 2023-10-16.
func (x *txn) asyncCaptureDefault() bool {
	v := x.version
	if len(v) < 10 {
		return false
	}
	return v[:10] >= "2024-04-10"
}
