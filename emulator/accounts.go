package emulator

import (
	"net/http"
	"regexp"
)

// Accounts. The API key speaks for one platform account; a request with a
// Stripe-Account header acts on a connected account instead. Any well-formed acct_ id is
// a connected account: it comes to exist on first use, empty (no locations, no readers),
// and one account never sees another's objects. Ownership is kept in state.Owners (object
// id → connected account); the platform's objects are not listed there.

// accountIDRe is the shape of a Stripe account id.
var accountIDRe = regexp.MustCompile(`^acct_[A-Za-z0-9]{1,64}$`)

// readAccount reads the Stripe-Account header: "" for the platform.
// UNCERTAIN: Stripe answers an account the key has no access to with 403 account_invalid;
// the emulator gives every well-formed id access and refuses only malformed ones.
func readAccount(r *http.Request) (string, *apiError) {
	acct := r.Header.Get("Stripe-Account")
	if acct == "" || accountIDRe.MatchString(acct) {
		return acct, nil
	}
	return "", &apiError{status: http.StatusForbidden, fields: apiErrorFields{Type: "invalid_request_error",
		Code: "account_invalid", DocURL: docURL("account_invalid"),
		Message: "The provided key does not have access to account '" + acct + "' (or that account does not exist). " +
			"Application access may have been revoked."}}
}

// owns reports whether the object belongs to the request's account.
func (x *txn) owns(id string) bool { return x.st.ownerOf(id) == x.account }

// ownerOf is the connected account an object belongs to, "" for the platform.
func (s *state) ownerOf(id string) string {
	if a, ok := s.Owners.peek(id); ok {
		return *a
	}
	return ""
}

// setOwner records an object as a connected account's ("" = the platform's).
func (s *state) setOwner(id, account string) {
	if account != "" {
		owner := account // only then on the heap
		s.Owners.putNext(id, &owner)
	}
}

// own records a new object as the request's account's.
func (x *txn) own(id string) { x.st.setOwner(id, x.account) }

// newID is state.newID for an object of the request's account.
func (x *txn) newID(prefix string) (string, int64) {
	id, seq := x.st.newID(prefix)
	x.own(id)
	return id, seq
}

// idempotencyScope is the key under which an Idempotency-Key is kept: Stripe scopes keys
// to the account they were used on.
func idempotencyScope(account, key string) string {
	if account == "" || key == "" {
		return key
	}
	return account + "/" + key
}
