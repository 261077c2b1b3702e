package emulator

import (
	"slices"
	"strings"
)

var (
	piUpdateParams = []string{"amount", "currency", "capture_method", "description", "metadata", "payment_method_types",
		"allowed_payment_method_types", "receipt_email", "statement_descriptor", "statement_descriptor_suffix",
		"payment_method_options", "transfer_group", "application_fee_amount", "transfer_data", "customer", "setup_future_usage"}
	piListParams   = []string{"created", "customer", "limit", "starting_after", "ending_before"}
	piSearchParams = []string{"query", "limit", "page"}
	// piLockedFields may not change once the PaymentIntent was authorized or finished.
	piLockedFields = []string{"amount", "currency", "capture_method", "payment_method_types", "allowed_payment_method_types",
		"payment_method_options", "setup_future_usage"}
)

func (x *txn) updateIntent() (any, error) {
	rec, aerr := x.pathIntent()
	if aerr != nil {
		return nil, aerr
	}
	pi := &rec.Obj
	open := pi.Status == "requires_payment_method" || pi.Status == "requires_confirmation"
	for k := range x.p {
		if n := topName(k); !open && slices.Contains(piLockedFields, n) {
			return nil, errUnexpectedState(pi, "You cannot update %s on this PaymentIntent because it has a status of %s.", n, pi.Status)
		}
	}
	next := *pi
	next.Metadata = copyMap(pi.Metadata)
	cur := pi.Currency
	if c, ok := x.p.str("currency"); ok {
		cur = strings.ToLower(c)
		if err := checkCurrency("currency", cur); err != nil {
			return nil, err
		}
		next.Currency = cur
	}
	if n, ok, err := readAmount(x.p, "amount", cur, false); err != nil {
		return nil, err
	} else if ok {
		next.Amount = n
	}
	capture, err := readCaptureMethod(x.p, next.CaptureMethod)
	if err != nil {
		return nil, err
	}
	next.CaptureMethod = capture
	if mt, err := x.paymentMethodTypes(cur); err != nil {
		return nil, err
	} else if mt.sent {
		next.PaymentMethodTypes, next.AllowedPaymentMethodTypes, next.AutomaticPaymentMethods = mt.types, mt.allowed, mt.auto
	}
	conn, err := x.readConnect(next.Amount, next)
	if err != nil {
		return nil, err
	}
	next.ApplicationFeeAmount, next.TransferData = conn.fee, conn.transferData
	if x.p.has("customer") {
		if next.Customer, err = optCustomer(x.p, "customer"); err != nil {
			return nil, err
		}
	}
	if x.p.has("setup_future_usage") {
		if next.SetupFutureUsage, err = optUsage(x.p); err != nil {
			return nil, err
		}
	}
	if x.p.has("payment_method_options") || x.p.hasPrefix("payment_method_options[") {
		opts, err := readCardPresentOptions(x.p, next.PaymentMethodTypes)
		if err != nil {
			return nil, err
		}
		next.PaymentMethodOptions = opts
	}
	md, err := readMetadataUpdate(x.p)
	if err != nil {
		return nil, err
	}
	next.Metadata = md.apply(next.Metadata)
	for _, f := range []struct {
		name string
		max  int
		dst  **string
	}{
		{"description", 1000, &next.Description}, {"receipt_email", 800, &next.ReceiptEmail},
		{"statement_descriptor", 22, &next.StatementDescriptor}, {"statement_descriptor_suffix", 22, &next.StatementDescriptorSuffix},
		{"transfer_group", 0, &next.TransferGroup},
	} {
		if !x.p.has(f.name) {
			continue
		}
		v, err := optString(x.p, f.name, f.max)
		if err != nil {
			return nil, err
		}
		*f.dst = v
	}
	// Stripe clears last_payment_error when the PaymentIntent is updated for any reason.
	next.LastPaymentError = nil
	*pi = next
	return x.renderIntent(pi), nil
}

func (p params) hasPrefix(prefix string) bool {
	for k := range p {
		if strings.HasPrefix(k, prefix) {
			return true
		}
	}
	return false
}

// createdFilter reads created=<ts> or created[gt|gte|lt|lte]=<ts>.
func (x *txn) createdFilter() (func(int64) bool, *apiError) {
	checks := []func(int64) bool{}
	if n, ok, err := x.p.integer("created"); err != nil {
		return nil, err
	} else if ok {
		checks = append(checks, func(c int64) bool { return c == n })
	}
	for op, cmp := range map[string]func(a, b int64) bool{
		"gt": func(a, b int64) bool { return a > b }, "gte": func(a, b int64) bool { return a >= b },
		"lt": func(a, b int64) bool { return a < b }, "lte": func(a, b int64) bool { return a <= b },
	} {
		n, ok, err := x.p.integer("created[" + op + "]")
		if err != nil {
			return nil, err
		}
		if ok {
			checks = append(checks, func(c int64) bool { return cmp(c, n) })
		}
	}
	for k := range x.p {
		if topName(k) == "created" && k != "created" && !slices.Contains([]string{"created[gt]", "created[gte]", "created[lt]", "created[lte]"}, k) {
			return nil, errUnknownParam(k)
		}
	}
	return func(c int64) bool {
		for _, ok := range checks {
			if !ok(c) {
				return false
			}
		}
		return true
	}, nil
}

func (x *txn) listIntents() (any, error) {
	match, err := x.listCreated(piExpands...)
	if err != nil {
		return nil, err
	}
	// customer walks the index's list of the customer's PaymentIntents (intentTerms).
	customer, byCustomer := x.p.str("customer")
	t := x.st.Intents
	keep := func(en *entry[intentRec]) bool { return match(en.created) }
	render := func(rec *intentRec) any { return x.renderIntent(&rec.Obj) }
	return listPage(x, t, t.listFor(byCustomer, fieldTerm("customer", customer)), owned(x, keep), render,
		"/v1/payment_intents", "payment_intent")
}

// piSearchFields are the fields PaymentIntent search takes, each a string or a number.
var piSearchFields = searchFields{
	"status":   strField(func(o any) string { return o.(*paymentIntent).Status }),
	"currency": strField(func(o any) string { return o.(*paymentIntent).Currency }),
	"customer": optField(func(o any) *string { return o.(*paymentIntent).Customer }),
	"amount":   numField(func(o any) int64 { return o.(*paymentIntent).Amount }),
	"created":  numField(func(o any) int64 { return o.(*paymentIntent).Created }),
	"metadata": metadataField(func(o any) map[string]string { return o.(*paymentIntent).Metadata }),
}

// searchIntents answers the Search API. Unlike Stripe's, the index is immediately
// consistent.
func (x *txn) searchIntents() (any, error) {
	if err := x.listOf(piExpands...); err != nil {
		return nil, err
	}
	return x.search("/v1/payment_intents/search", "PaymentIntent", piSearchFields,
		candidatesOf(x, x.st.Intents, piIndexed, func(rec *intentRec) searchable {
			return searchable{obj: &rec.Obj, render: func() any { return x.renderIntent(&rec.Obj) }}
		}))
}
