package emulator

import (
	"net/http"
	"time"
)

// idempotencyCheck answers a request whose Idempotency-Key was seen before: a replay
// of the first response, or an error when the key is reused on another endpoint or
// with other parameters. done is false for a new key.
func (st *state) idempotencyCheck(scoped, key, path string, p params, reqID string) (res response, done bool) {
	rec, ok := st.Idempotency.peek(scoped)
	if !ok {
		return response{}, false
	}
	if rec.Path != path {
		err := invalidRequest(http.StatusBadRequest, "", "",
			"Keys for idempotent requests can only be used for the same endpoint they were first used for ('%s' vs '%s'). "+
				"Try using a key other than '%s' if you meant to execute a different request.", rec.Path, path, key)
		return errorResponse(err, reqID), true
	}
	if rec.Fingerprint != p.fingerprint() {
		err := &apiError{status: http.StatusBadRequest, fields: apiErrorFields{Type: "idempotency_error",
			Message: "Keys for idempotent requests can only be used with the same parameters they were first used with. " +
				"Try using a key other than '" + key + "' if you meant to execute a different request."}}
		return errorResponse(err, reqID), true
	}
	return response{status: rec.Status, body: rec.Body, replayed: true, reqID: rec.RequestID}, true
}

// idempotencyTTL is how long keys are kept; Stripe prunes them after 24 hours.
const idempotencyTTL = 24 * time.Hour

// pruneKeys forgets idempotency keys older than a day, at most once a minute. Keys are
// kept in creation order, so only the expired ones are visited.
func (x *txn) pruneKeys() {
	if x.now.Sub(x.e.lastPrune) < time.Minute {
		return
	}
	x.e.lastPrune = x.now
	cutoff := x.now.Add(-idempotencyTTL).Unix()
	var expired []string
	x.st.Idempotency.oldest(func(en *entry[idempotencyRec]) bool {
		if en.created >= cutoff {
			return false
		}
		expired = append(expired, en.id)
		return true
	})
	for _, k := range expired {
		x.st.Idempotency.del(k)
	}
}
