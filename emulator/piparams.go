package emulator

import (
	"fmt"
	"net/http"
	"regexp"
	"slices"
)

// Parameters PaymentIntents (and, for some, SetupIntents) share beyond the amount.

// emulatedTypes are the payment method types the emulator can take payments with.
var emulatedTypes = []string{"card_present", "interac_present", "card"}

// automaticPaymentMethods is automatic_payment_methods: the payment method types
// follow from the account's settings (dynamic payment methods).
type automaticPaymentMethods struct {
	AllowRedirects *string `json:"allow_redirects,omitempty"`
	Enabled        bool    `json:"enabled"`
}

// methodTypes are an intent's payment method types as the request set them.
type methodTypes struct {
	types   []string
	allowed *[]string // as the object keeps it: nil or &noTypes when not set (keptForm)
	auto    *automaticPaymentMethods
	sent    bool // false when the request set none of them
}

// paymentMethodTypes reads payment_method_types, automatic_payment_methods or, from
// 2026-07-29, allowed_payment_method_types; from 2026-09-30 (endive) a writable
// payment_method_types is refused.
func (x *txn) paymentMethodTypes(currency string) (methodTypes, *apiError) {
	mt, err := x.readMethodTypes(currency)
	if err != nil {
		return methodTypes{}, err
	}
	if mt.allowed == nil {
		mt.allowed = x.e.keptForm.noAllowedTypes
	}
	auto, err := readAutomaticPaymentMethods(x.p)
	if err != nil || auto == nil {
		return mt, err
	}
	if mt.sent {
		return methodTypes{}, validationError("", "automatic_payment_methods",
			"You may only specify one of these parameters: automatic_payment_methods, payment_method_types, allowed_payment_method_types.")
	}
	mt.auto, mt.sent = auto, true
	if auto.Enabled {
		// UNCERTAIN: the dynamic payment methods of a Terminal account: in person and online cards.
		mt.types = []string{"card", "card_present"}
		if currency == "cad" {
			mt.types = append(mt.types, "interac_present")
		}
	}
	return mt, nil
}

func readAutomaticPaymentMethods(p params) (*automaticPaymentMethods, *apiError) {
	if !p.hasPrefix("automatic_payment_methods[") {
		return nil, nil
	}
	if err := onlyFields(p, "automatic_payment_methods", "enabled", "allow_redirects"); err != nil {
		return nil, err
	}
	on, ok, err := p.boolean("automatic_payment_methods[enabled]")
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, errMissingParam("automatic_payment_methods[enabled]")
	}
	auto := &automaticPaymentMethods{Enabled: on}
	if r, ok := p.str("automatic_payment_methods[allow_redirects]"); ok {
		if r != "always" && r != "never" {
			return nil, errInvalidEnum("automatic_payment_methods[allow_redirects]", r, "always", "never")
		}
		auto.AllowRedirects = &r
	}
	return auto, nil
}

func (x *txn) readMethodTypes(currency string) (methodTypes, *apiError) {
	types, hasTypes := x.p.list("payment_method_types")
	allowed, hasAllowed := x.p.list("allowed_payment_method_types")
	fail := func(err *apiError) (methodTypes, *apiError) { return methodTypes{}, err }
	switch {
	case hasTypes && x.atLeast(versionNoPaymentMethodTypes):
		return fail(validationError("payment_method_types_no_longer_supported", "payment_method_types",
			"payment_method_types is no longer supported on API version %s. Use allowed_payment_method_types to limit "+
				"the payment method types, or leave both out.", x.version))
	case hasAllowed && !x.atLeast(versionAllowedTypes):
		return fail(errUnknownParam("allowed_payment_method_types"))
	case hasTypes && hasAllowed:
		return fail(validationError("", "allowed_payment_method_types",
			"You may only specify one of these parameters: allowed_payment_method_types, payment_method_types."))
	case hasTypes:
		for _, t := range types {
			if !slices.Contains(emulatedTypes, t) {
				return fail(validationError("", "payment_method_types",
					"The payment method type provided: %s is invalid. This emulator supports card_present, interac_present and card.", t))
			}
		}
		if len(types) == 0 {
			return fail(validationError("parameter_invalid_empty", "payment_method_types", "payment_method_types must not be empty."))
		}
		return methodTypes{types: types, sent: true}, nil
	case hasAllowed:
		// card_present and interac_present are allowed types from endive on.
		for i, t := range allowed {
			if (t == "card_present" || t == "interac_present") && !x.atLeast(versionNoPaymentMethodTypes) {
				return fail(validationError("", fmt.Sprintf("allowed_payment_method_types[%d]", i),
					"Invalid allowed_payment_method_types[%d]: %s can be allowed from API version 2026-09-30.endive on.", i, t))
			}
		}
		// Incompatible types are dropped silently, as Stripe does: Interac is Canadian only.
		// UNCERTAIN: types the emulator cannot take (link, ...) are dropped too, and an
		// empty result is refused.
		for _, t := range allowed {
			if slices.Contains(emulatedTypes, t) && (t != "interac_present" || currency == "cad") && !slices.Contains(types, t) {
				types = append(types, t)
			}
		}
		if len(types) == 0 {
			return fail(validationError("", "allowed_payment_method_types",
				"None of the allowed_payment_method_types can be used for this payment (this emulator takes card_present, interac_present in cad, and card)."))
		}
		kept := new([]string) // here only: a pointer to allowed would take it to the heap on every call
		*kept = allowed
		return methodTypes{types: types, allowed: kept, sent: true}, nil
	}
	// UNCERTAIN: with none, Stripe's dynamic payment methods decide; for a Terminal
	// integration that is card_present.
	return methodTypes{types: []string{"card_present"}}, nil
}

var (
	customerIDRe = regexp.MustCompile(`^cus_[A-Za-z0-9]+$`)
	usages       = []string{"on_session", "off_session"}
)

// optCustomer reads a customer id. UNCERTAIN: the emulator has no Customers API; any
// well-formed cus_ id is taken as an existing customer, anything else is resource_missing.
func optCustomer(p params, name string) (*string, *apiError) {
	s, ok := p.str(name)
	if !ok || s == "" {
		return nil, nil
	}
	if !customerIDRe.MatchString(s) {
		return nil, errNoSuch("customer", s, name)
	}
	return &s, nil
}

// optAccount reads a connected account id (on_behalf_of, transfer_data[destination]).
func optAccount(p params, name string) (*string, *apiError) {
	s, ok := p.str(name)
	if !ok || s == "" {
		return nil, nil
	}
	if !accountIDRe.MatchString(s) {
		return nil, invalidRequest(http.StatusBadRequest, "resource_missing", name, "No such destination: '%s'", s)
	}
	return &s, nil
}

// optUsage reads setup_future_usage; "" clears it on update.
func optUsage(p params) (*string, *apiError) {
	s, ok := p.str("setup_future_usage")
	if !ok || s == "" {
		return nil, nil
	}
	if !slices.Contains(usages, s) {
		return nil, errInvalidEnum("setup_future_usage", s, usages...)
	}
	return &s, nil
}

// connectParams are the Connect parameters of a PaymentIntent.
type connectParams struct {
	fee          *int64
	transferData *transferData
	onBehalfOf   *string
}

// readConnect reads application_fee_amount, transfer_data and on_behalf_of against an
// amount. Stripe takes an application fee only on a direct charge (Stripe-Account) or a
// destination charge (transfer_data[destination]).
func (x *txn) readConnect(amount int64, cur paymentIntent) (connectParams, *apiError) {
	c := connectParams{fee: cur.ApplicationFeeAmount, transferData: cur.TransferData, onBehalfOf: cur.OnBehalfOf}
	var err *apiError
	if x.p.has("on_behalf_of") {
		if c.onBehalfOf, err = optAccount(x.p, "on_behalf_of"); err != nil {
			return c, err
		}
	}
	if x.p.hasPrefix("transfer_data[") {
		for k := range x.p {
			if topName(k) == "transfer_data" && !slices.Contains([]string{"amount", "destination"}, subField(k, "transfer_data")) {
				return c, errUnknownParam(k)
			}
		}
		td := transferData{}
		if cur.TransferData != nil {
			td = *cur.TransferData
		}
		if x.p.has("transfer_data[destination]") {
			dest, err := optAccount(x.p, "transfer_data[destination]")
			if err != nil {
				return c, err
			}
			if dest != nil {
				td.Destination = *dest
			}
		}
		if td.Destination == "" {
			return c, errMissingParam("transfer_data[destination]")
		}
		if td.Amount, err = x.p.optInt("transfer_data[amount]"); err != nil {
			return c, err
		}
		if td.Amount != nil && (*td.Amount < 0 || *td.Amount > amount) {
			return c, validationError("", "transfer_data[amount]", "transfer_data[amount] must be between 0 and the amount (%d).", amount)
		}
		c.transferData = &td
	}
	if x.p.has("application_fee_amount") {
		if c.fee, err = x.p.optInt("application_fee_amount"); err != nil {
			return c, err
		}
		if c.fee != nil && (*c.fee < 0 || *c.fee > amount) {
			return c, validationError("", "application_fee_amount", "application_fee_amount must be between 0 and the amount (%d).", amount)
		}
		if c.fee != nil && x.account == "" && c.transferData == nil {
			return c, validationError("", "application_fee_amount",
				"Can only apply an application_fee_amount when the PaymentIntent is attempting a direct payment (using an OAuth key "+
					"or Stripe-Account header) or destination payment (using `transfer_data[destination]`).")
		}
	}
	return c, nil
}
