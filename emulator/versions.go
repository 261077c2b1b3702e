package emulator

import (
	"net/http"
	"regexp"
	"slices"
	"strings"
)

// DefaultAPIVersion is the account's default API version when Options.APIVersion is
// empty: the version stripe-go v76 (and so till) pins. Requests without a
// Stripe-Version header, and webhook endpoints registered without an api_version, get it.
const DefaultAPIVersion = "2023-10-16"

// Where Stripe changed a behaviour the emulator models, by the date part of the version.
const (
	// capture_method defaults to automatic_async instead of automatic.
	versionAsyncCapture = "2024-04-10"
	// process_setup_intent takes allow_redisplay instead of customer_consent_collected,
	// and a PaymentIntent with setup_future_usage needs process_config[allow_redisplay].
	versionAllowRedisplay = "2024-09-30"
	// A reader action failed by the Stripe API (a decline) says so in action.api_error;
	// every other action has api_error null.
	versionActionAPIError = "2026-05-27"
	// PaymentIntents and SetupIntents take allowed_payment_method_types.
	versionAllowedTypes = "2026-07-29"
	// PaymentIntents and SetupIntents refuse a writable payment_method_types, and
	// allowed_payment_method_types takes card_present and interac_present.
	versionNoPaymentMethodTypes = "2026-09-30"
)

// futureVersionRe is the shape of a release newer than releasedVersions: a date and a
// release name. UNCERTAIN: Stripe refuses any version it has not released; the emulator
// accepts later well-formed ones so that a newer SDK still works, with the behaviour of
// the newest release it knows.
var futureVersionRe = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}\.[a-z]+$`)

// requestVersion is the API version a request runs at: its Stripe-Version header without
// beta flags ("2023-10-16; terminal_collect_confirm_beta=v1"), or the account default.
// An unknown version is refused as Stripe refuses it.
func (e *Emulator) requestVersion(header string) (string, *apiError) {
	if header == "" {
		return e.defaultVersion, nil
	}
	base, _, _ := strings.Cut(header, ";")
	base = strings.TrimSpace(base)
	if !validVersion(base) {
		return "", &apiError{status: http.StatusBadRequest, fields: apiErrorFields{Type: "invalid_request_error",
			Message: "Invalid Stripe API version: " + header}}
	}
	return base, nil
}

// validVersion reports whether v is a released API version (or a later well-formed one).
func validVersion(v string) bool {
	if slices.Contains(releasedVersions, v) {
		return true
	}
	newest := releasedVersions[len(releasedVersions)-1]
	return futureVersionRe.MatchString(v) && v[:10] > newest[:10]
}

// versionAtLeast reports whether version v is the release of date (YYYY-MM-DD) or later.
func versionAtLeast(v, date string) bool {
	return len(v) >= 10 && v[:10] >= date
}

// atLeast reports whether the request's API version is the release of date or later.
func (x *txn) atLeast(date string) bool { return versionAtLeast(x.version, date) }
