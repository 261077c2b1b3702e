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
	version string // the API version the request runs at (its Stripe-Version, or the account default)
	account string // the connected account the request acts on (Stripe-Account); "" = the platform
	p       params
	r       *http.Request // nil for Go convenience calls
	// expandPrefix is "data." on list and search requests, whose expand[] paths name
	// fields of each item.
	expandPrefix string
	emitted      []*event
	// emittedTargets are the webhook endpoints of each emitted event.
	emittedTargets [][]webhookTarget
	// A request emits up to three events or so: room for four in the txn's allocation.
	emittedRoom [4]*event
	targetsRoom [4][]webhookTarget
}

func (e *Emulator) begin(reqID, idemKey, version string, p params, r *http.Request) *txn {
	if p == nil {
		p = params{}
	}
	if version == "" {
		version = e.defaultVersion
	}
	x := &txn{e: e, st: e.st, now: e.now(), reqID: reqID, idemKey: idemKey, version: version, p: p, r: r}
	x.emitted, x.emittedTargets = x.emittedRoom[:0], x.targetsRoom[:0]
	if r != nil {
		x.account = r.Header.Get("Stripe-Account") // checked by readAccount before
	}
	return x
}

// as runs fn on behalf of an account: what settle does to an object (authorize, expire,
// fail) belongs to the object's account, whoever's request brought the clock forward.
func (x *txn) as(account string, fn func()) {
	saved := x.account
	x.account = account
	defer func() { x.account = saved }()
	fn()
}

// pathValue is a {wildcard} of the route.
func (x *txn) pathValue(name string) string {
	if x.r == nil {
		return ""
	}
	return x.r.PathValue(name)
}

// expands reports whether the request asked to expand the given field path of the
// object (or, on a list, of each item); expanding a.b expands a too.
func (x *txn) expands(path string) bool {
	full := x.expandPrefix + path
	return slices.ContainsFunc(x.p.expand(), func(e string) bool { return e == full || strings.HasPrefix(e, full+".") })
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

// listOf starts a list or search: its expand[] paths name fields of each item (data.),
// which must be fields the item can expand.
func (x *txn) listOf(expands ...string) *apiError {
	x.expandPrefix = "data."
	return x.checkExpand(expands...)
}

// listCreated is listOf for a list that takes the created filter, which it returns.
func (x *txn) listCreated(expands ...string) (func(int64) bool, *apiError) {
	if err := x.listOf(expands...); err != nil {
		return nil, err
	}
	return x.createdFilter()
}
