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
	// PaymentIntents and charges no longer have invoice (invoices take several payments):
	// https://docs.stripe.com/changelog/basil/2025-03-31/add-support-for-multiple-partial-payments-on-invoices
	versionNoInvoice = "2025-03-31"
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

// renderCuts are the versions at which an object's JSON changes (rather than what a
// request does), oldest first: clients of two versions between the same cuts read the
// same JSON.
var renderCuts = [...]string{versionNoInvoice, versionActionAPIError, versionAllowedTypes}

// renderEpoch is the span between renderCuts that version v falls in.
func renderEpoch(v string) int {
	n := 0
	for _, cut := range renderCuts {
		if versionAtLeast(v, cut) {
			n++
		}
	}
	return n
}

// epochVersion is a version of epoch i, to render an object at for clients of that span.
func epochVersion(i int) string {
	if i == 0 {
		return releasedVersions[0]
	}
	return renderCuts[i-1]
}

// versioned is an object whose JSON differs by API version (within renderCuts):
// atVersion is the object as a client of version v reads it, itself when that is how it
// is kept, else a copy. Other objects read the same at every version.
type versioned interface {
	atVersion(v string) any
}

// noTypes is what a rendered allowed_payment_method_types points to when it is null.
var noTypes []string

// keptForm is how new objects keep the fields that read otherwise by version and have no
// value (null, or no key): as a client of the account default version reads them, so
// that rendering one for such a client (every event, and every request without a
// Stripe-Version) copies nothing. Objects kept otherwise (an earlier state file, another
// default) read the same, through a copy (atVersion).
type keptForm struct {
	invoice        nullIfSet // an object's invoice
	noAllowedTypes *[]string // allowed_payment_method_types not set
}

func keptFormAt(v string) keptForm {
	return keptForm{invoice: invoiceAt(v), noAllowedTypes: allowedTypesAt(nil, v)}
}

// allowedTypesAt is allowed_payment_method_types, kept as cur, as a client of version v
// reads it: from 2026-07-29 on, the list or null (&noTypes); before, no key (nil). It is
// cur itself when that is how cur reads.
func allowedTypesAt(cur *[]string, v string) *[]string {
	switch show := versionAtLeast(v, versionAllowedTypes); {
	case show && cur == nil:
		return &noTypes
	case !show:
		return nil
	}
	return cur
}

// invoiceAt is whether a client of version v reads an invoice field (null): before
// 2025-03-31.basil (the emulator has no invoices); from it, no key.
func invoiceAt(v string) nullIfSet { return nullIfSet(!versionAtLeast(v, versionNoInvoice)) }

// copyUnless is obj when keep, else a copy of obj that set changes: an object renders
// at a version without a copy where it reads as it is kept.
func copyUnless[T any](obj *T, keep bool, set func(*T)) *T {
	if keep {
		return obj
	}
	out := *obj
	set(&out)
	return &out
}

func (pi *paymentIntent) at(v string) *paymentIntent {
	types, invoice := allowedTypesAt(pi.AllowedPaymentMethodTypes, v), invoiceAt(v)
	return copyUnless(pi, types == pi.AllowedPaymentMethodTypes && invoice == pi.Invoice, func(out *paymentIntent) {
		out.AllowedPaymentMethodTypes, out.Invoice = types, invoice
	})
}

func (pi *paymentIntent) atVersion(v string) any { return pi.at(v) }

func (si *setupIntent) at(v string) *setupIntent {
	types := allowedTypesAt(si.AllowedPaymentMethodTypes, v)
	return copyUnless(si, types == si.AllowedPaymentMethodTypes, func(out *setupIntent) { out.AllowedPaymentMethodTypes = types })
}

func (si *setupIntent) atVersion(v string) any { return si.at(v) }

func (ch *charge) at(v string) *charge {
	invoice := invoiceAt(v)
	return copyUnless(ch, invoice == ch.Invoice, func(out *charge) { out.Invoice = invoice })
}

func (ch *charge) atVersion(v string) any { return ch.at(v) }

// actionAt is a reader's action with api_error as version v has it: from
// 2026-05-27.dahlia on, the error the API failed the action with, or null; before, no
// key. It is a itself when that is how it is kept, else a copy.
func actionAt(a *readerAction, v string) *readerAction {
	if a == nil {
		return nil
	}
	return copyUnless(a, (a.APIError != nil) == versionAtLeast(v, versionActionAPIError), func(out *readerAction) {
		if a.APIError == nil {
			out.APIError = &noAPIError
		} else {
			out.APIError = nil
		}
	})
}

func (r *reader) atVersion(v string) any {
	a := actionAt(r.Action, v)
	return copyUnless(r, a == r.Action, func(out *reader) { out.Action = a })
}
