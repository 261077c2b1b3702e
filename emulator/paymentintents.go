package emulator

import (
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/till-pos/till/checkout"
)

var (
	piCreateParams = []string{"amount", "currency", "payment_method_types", "allowed_payment_method_types", "automatic_payment_methods", "capture_method",
		"description", "metadata", "receipt_email", "statement_descriptor", "statement_descriptor_suffix", "payment_method_options",
		"transfer_group", "application_fee_amount", "transfer_data", "on_behalf_of", "customer", "setup_future_usage"}
	piCaptureParams = []string{"amount_to_capture", "metadata", "statement_descriptor", "statement_descriptor_suffix", "final_capture",
		"application_fee_amount"}
	piCancelParams    = []string{"cancellation_reason"}
	piExpands         = []string{"latest_charge", "payment_method", "latest_charge.balance_transaction", "latest_charge.refunds"}
	piIncrementParams = []string{"amount", "description", "metadata", "application_fee_amount", "statement_descriptor", "transfer_data"}

	// minimumAmounts are Stripe's minimum charge amounts, in minor units.
	minimumAmounts = map[string]int64{"usd": 50, "cad": 50, "eur": 50, "aud": 50, "nzd": 50, "sgd": 50, "chf": 50,
		"gbp": 30, "jpy": 50, "dkk": 250, "nok": 300, "sek": 300, "hkd": 400, "mxn": 1000}
)

const maxAmount = 99999999

func (x *txn) intent(id, param string) (*intentRec, *apiError) {
	rec, ok := x.st.Intents.get(id)
	if !ok || !x.owns(id) {
		return nil, errNoSuch("payment_intent", id, param)
	}
	return rec, nil
}

// pathIntent is the PaymentIntent of /v1/payment_intents/{intent}, once the request's
// expansions are known to be ones a PaymentIntent has.
func (x *txn) pathIntent() (*intentRec, *apiError) {
	if err := x.checkExpand(piExpands...); err != nil {
		return nil, err
	}
	return x.intent(x.pathValue("intent"), "intent")
}

// renderIntent is the PaymentIntent as the request sees it, at its API version,
// expansions applied.
func (x *txn) renderIntent(pi *paymentIntent) *paymentIntent {
	pi = pi.at(x.version)
	expandCharge, expandPM := x.expands("latest_charge"), x.expands("payment_method") && pi.PaymentMethod.ID != ""
	if !expandCharge && !expandPM {
		return pi // rendered before anything changes it; a caller expanding more copies it first
	}
	out := *pi
	if expandCharge {
		x.expandCharge(&out, "latest_charge.")
	}
	if expandPM {
		if pm, ok := x.st.PaymentMethods.peek(pi.PaymentMethod.ID); ok {
			m := *pm
			out.PaymentMethod.obj = &m
		}
	}
	return &out
}

// expandCharge puts the intent's latest charge in place of its id; at is the charge's
// path in the request's expansions ("latest_charge.").
func (x *txn) expandCharge(pi *paymentIntent, at string) {
	if ch, ok := x.st.Charges.peek(pi.LatestCharge.ID); ok && pi.LatestCharge.ID != "" {
		pi.LatestCharge.obj = x.renderCharge(ch, at)
	}
}

// formatAmount writes an amount in minor units in the currency's major unit, with as
// many decimals as Stripe counts for it ("0.50 usd", "50 jpy", "0.010 kwd").
func formatAmount(n int64, currency string) string {
	return checkout.Money{Amount: n, Currency: currency}.Decimal() + " " + currency
}

// checkCurrency refuses what is not a currency: minor units and Stripe's exceptions to
// them come from package checkout's ISO 4217 table, so a code must be in it. The
// message starts as Stripe's does; Stripe then lists the currencies the account takes.
func checkCurrency(param, cur string) *apiError {
	if !checkout.KnownCurrency(cur) {
		return validationError("", param, "Invalid currency: %s. Stripe currencies are three-letter ISO 4217 codes in lower case, such as usd, eur or gbp.", cur)
	}
	return nil
}

// checkAmountStep refuses an amount Stripe does not take in its currency: a
// three-decimal currency's (KWD, BHD, JOD, OMR, TND) must end in 0, and ISK's must be
// whole krónur though the API counts ISK with two decimals.
// UNCERTAIN: Stripe's code and wording for this refusal.
func checkAmountStep(param, currency string, n int64) *apiError {
	if step := checkout.AmountStep(currency); n%step != 0 {
		return validationError("", param, "Invalid amount: %d is not a multiple of %d; amounts in %s go in steps of %s.",
			n, step, currency, formatAmount(step, currency))
	}
	return nil
}

// readAmount validates an amount parameter in the given currency.
func readAmount(p params, name, currency string, required bool) (int64, bool, *apiError) {
	n, ok, err := p.integer(name)
	if err != nil {
		return 0, false, err
	}
	if !ok {
		if required {
			return 0, false, errMissingParam(name)
		}
		return 0, false, nil
	}
	if n < 1 {
		return 0, false, validationError("parameter_invalid_integer", name, "This value must be greater than or equal to 1.")
	}
	if min := minimumAmounts[currency]; n < min {
		return 0, false, validationError("amount_too_small", name, "Amount must be at least %s", formatAmount(min, currency))
	}
	if n > maxAmount {
		return 0, false, validationError("amount_too_large", name, "Amount must be no more than %s", formatAmount(maxAmount, currency))
	}
	if err := checkAmountStep(name, currency, n); err != nil {
		return 0, false, err
	}
	return n, true, nil
}

func readMetadata(p params) (map[string]string, bool, *apiError) {
	md, sent := p.hash("metadata")
	if len(md) > 50 {
		return nil, false, validationError("", "metadata", "Metadata can have at most 50 keys.")
	}
	for k, v := range md {
		if inner, _, nested := strings.Cut(k, "]["); nested {
			return nil, false, validationError("", "metadata["+inner+"]", "Invalid value type: metadata[%s] must be a string.", inner)
		}
		if len(k) > 40 {
			return nil, false, validationError("", "metadata", "Metadata keys can be at most 40 characters long (%q).", k)
		}
		if len(v) > 500 {
			return nil, false, validationError("", "metadata["+k+"]", "Metadata values can be at most 500 characters long.")
		}
	}
	return md, sent, nil
}

// optStr is a string parameter as a pointer: nil when absent or empty.
func optStr(p params, name string) *string {
	s, ok := p.str(name)
	if !ok || s == "" {
		return nil
	}
	v := s // only a value sent is moved to the heap: &s would move s on every call
	return &v
}

// optString is optStr refusing a value longer than max characters (max 0: any length).
func optString(p params, name string, max int) (*string, *apiError) {
	s := optStr(p, name)
	if s != nil && max > 0 && len(*s) > max {
		return nil, validationError("", name, "%s must be at most %d characters long.", name, max)
	}
	return s, nil
}

func (x *txn) createIntent() (any, error) {
	p := x.p
	cur, ok := p.str("currency")
	if !ok {
		if _, has := p.str("amount"); !has {
			return nil, errMissingParam("amount")
		}
		return nil, errMissingParam("currency")
	}
	cur = strings.ToLower(cur)
	if err := checkCurrency("currency", cur); err != nil {
		return nil, err
	}
	amount, _, err := readAmount(p, "amount", cur, true)
	if err != nil {
		return nil, err
	}
	mt, err := x.paymentMethodTypes(cur)
	if err != nil {
		return nil, err
	}
	types := mt.types
	capture := "automatic"
	if x.atLeast(versionAsyncCapture) {
		capture = "automatic_async"
	}
	if capture, err = readCaptureMethod(p, capture); err != nil {
		return nil, err
	}
	md, _, err := readMetadata(p)
	if err != nil {
		return nil, err
	}
	opts, err := readCardPresentOptions(p, types)
	if err != nil {
		return nil, err
	}
	desc, err := optString(p, "description", 1000)
	if err != nil {
		return nil, err
	}
	email, _ := optString(p, "receipt_email", 800)
	sd, err := optString(p, "statement_descriptor", 22)
	if err != nil {
		return nil, err
	}
	sds, err := optString(p, "statement_descriptor_suffix", 22)
	if err != nil {
		return nil, err
	}
	tg, _ := optString(p, "transfer_group", 0)
	customer, err := optCustomer(p, "customer")
	if err != nil {
		return nil, err
	}
	usage, err := optUsage(p)
	if err != nil {
		return nil, err
	}
	conn, err := x.readConnect(amount, paymentIntent{})
	if err != nil {
		return nil, err
	}
	if err := x.checkExpand(piExpands...); err != nil {
		return nil, err
	}

	id, seq := x.newID("pi")
	pi := paymentIntent{
		ID: id, Object: "payment_intent", Amount: amount, AllowedPaymentMethodTypes: mt.allowed, AutomaticPaymentMethods: mt.auto,
		ApplicationFeeAmount: conn.fee, CaptureMethod: capture,
		ClientSecret: id + "_secret_" + digest(id, 24), ConfirmationMethod: "automatic", Created: x.now.Unix(),
		Currency: cur, Customer: customer, Description: desc, Invoice: x.e.keptForm.invoice, Metadata: md, OnBehalfOf: conn.onBehalfOf,
		PaymentMethodOptions: opts, PaymentMethodTypes: types, ReceiptEmail: email, SetupFutureUsage: usage,
		StatementDescriptor: sd, StatementDescriptorSuffix: sds, TransferData: conn.transferData, TransferGroup: tg,
		Status: "requires_payment_method",
	}
	x.st.Intents.put(id, seqOfID(id), &intentRec{Seq: seq, Obj: pi})
	x.emit("payment_intent.created", &pi)
	return x.renderIntent(&pi), nil
}

// readCaptureMethod is the capture_method sent, or current when none was.
func readCaptureMethod(p params, current string) (string, *apiError) {
	s, ok := p.str("capture_method")
	if !ok {
		return current, nil
	}
	if s != "automatic" && s != "automatic_async" && s != "manual" {
		return "", errInvalidEnum("capture_method", s, "automatic", "automatic_async", "manual")
	}
	return s, nil
}

const cpOptions = "payment_method_options[card_present]"

var (
	cardPresentOptionFields = []string{"request_extended_authorization", "request_incremental_authorization_support",
		"capture_method", "routing"}
	cardPresentCaptureMethods = []string{"manual", "manual_preferred"}
	routingPriorities         = []string{"domestic", "international"}
)

func readCardPresentOptions(p params, types []string) (paymentMethodOptions, *apiError) {
	var opts paymentMethodOptions
	if err := onlyFields(p, cpOptions, cardPresentOptionFields...); err != nil {
		return opts, err
	}
	if slices.Contains(types, "card_present") {
		ext, err := p.optBool(cpOptions + "[request_extended_authorization]")
		if err != nil {
			return opts, err
		}
		inc, err := p.optBool(cpOptions + "[request_incremental_authorization_support]")
		if err != nil {
			return opts, err
		}
		cp := &cardPresentOptions{
			RequestExtendedAuthorization:           ext != nil && *ext,
			RequestIncrementalAuthorizationSupport: inc != nil && *inc,
		}
		if m, ok := p.str(cpOptions + "[capture_method]"); ok && m != "" {
			if !slices.Contains(cardPresentCaptureMethods, m) {
				return opts, errInvalidEnum(cpOptions+"[capture_method]", m, cardPresentCaptureMethods...)
			}
			cp.CaptureMethod = m
		}
		if r, ok := p.str(cpOptions + "[routing][requested_priority]"); ok {
			if !slices.Contains(routingPriorities, r) {
				return opts, errInvalidEnum(cpOptions+"[routing][requested_priority]", r, routingPriorities...)
			}
			cp.Routing = &routing{RequestedPriority: &r}
		}
		opts.CardPresent = cp
	}
	if slices.Contains(types, "interac_present") {
		opts.InteracPresent = &struct{}{}
	}
	return opts, nil
}

func (x *txn) retrieveIntent() (any, error) {
	rec, err := x.pathIntent()
	if err != nil {
		return nil, err
	}
	return x.renderIntent(&rec.Obj), nil
}

func (x *txn) captureIntent() (any, error) {
	rec, aerr := x.pathIntent()
	if aerr != nil {
		return nil, aerr
	}
	pi := &rec.Obj
	n, sent, err := x.p.integer("amount_to_capture")
	if err != nil {
		return nil, err
	}
	md, err := readMetadataUpdate(x.p)
	if err != nil {
		return nil, err
	}
	if pi.Status != "requires_capture" {
		return nil, errUnexpectedState(pi, "This PaymentIntent could not be captured because it has a status of %s. "+
			"Only a PaymentIntent with one of the following statuses may be captured: requires_capture.", pi.Status)
	}
	if !sent {
		n = pi.AmountCapturable
	}
	if err := x.capture(pi, n, "amount_to_capture", "application_fee_amount"); err != nil {
		return nil, err
	}
	pi.Metadata = md.apply(pi.Metadata)
	return x.renderIntent(pi), nil
}

// capture captures n of an authorized PaymentIntent (the rest is released), with the
// application fee of feeParam when sent (Connect charges only, as at creation); param
// names the amount parameter for errors.
func (x *txn) capture(pi *paymentIntent, n int64, param, feeParam string) *apiError {
	if n < 1 {
		return validationError("parameter_invalid_integer", param, "This value must be greater than or equal to 1.")
	}
	if n > pi.AmountCapturable {
		return invalidRequest(http.StatusBadRequest, "amount_too_large", param,
			"The amount to capture (%d) is greater than the amount capturable (%d).", n, pi.AmountCapturable)
	}
	if err := checkAmountStep(param, pi.Currency, n); err != nil {
		return err
	}
	fee, err := x.p.optInt(feeParam)
	if err != nil {
		return err
	}
	sd, err := optString(x.p, "statement_descriptor", 22)
	if err != nil {
		return err
	}
	sds, err := optString(x.p, "statement_descriptor_suffix", 22)
	if err != nil {
		return err
	}
	if fee != nil {
		if *fee < 0 || *fee > n {
			return validationError("", feeParam, "%s must be between 0 and the amount captured (%d).", feeParam, n)
		}
		if x.account == "" && pi.TransferData == nil {
			return validationError("", feeParam, "Can only apply an application fee to a direct payment (Stripe-Account header) or a destination payment (transfer_data[destination]).")
		}
		pi.ApplicationFeeAmount = fee
	}
	if sd != nil {
		pi.StatementDescriptor = sd
	}
	if sds != nil {
		pi.StatementDescriptorSuffix = sds
	}
	pi.Status, pi.AmountReceived, pi.AmountCapturable = "succeeded", n, 0
	delete(x.e.authorized, pi.ID)
	if ch, ok := x.st.Charges.get(pi.LatestCharge.ID); ok {
		ch.ApplicationFeeAmount = pi.ApplicationFeeAmount
		ch.StatementDescriptor, ch.StatementDescriptorSuffix = pi.StatementDescriptor, pi.StatementDescriptorSuffix
		if email := optStr(x.p, "receipt_email"); email != nil { // the charge capture endpoint's
			ch.ReceiptEmail = email
		}
		x.captureCharge(ch, n)
		x.emit("charge.captured", ch)
	}
	x.emit("payment_intent.succeeded", pi)
	return nil
}

// metadataUpdate is a validated change of an object's metadata, read before anything
// changes and applied after: keys merge in, an empty value deletes its key, and
// metadata="" (clearMetadata) empties the hash first.
type metadataUpdate struct {
	md          map[string]string
	sent, clear bool
}

func readMetadataUpdate(p params) (metadataUpdate, *apiError) {
	md, sent, err := readMetadata(p)
	v, bare := p.str("metadata")
	return metadataUpdate{md: md, sent: sent, clear: bare && v == ""}, err
}

// apply changes m as the request asked and returns it (a new hash when m was nil).
func (u metadataUpdate) apply(m map[string]string) map[string]string {
	if !u.sent {
		return m
	}
	if u.clear || m == nil {
		m = map[string]string{}
	}
	mergeMetadata(m, u.md)
	return m
}

func mergeMetadata(dst, src map[string]string) {
	for k, v := range src {
		if v == "" {
			delete(dst, k)
		} else {
			dst[k] = v
		}
	}
}

var cancelableStatuses = []string{"requires_payment_method", "requires_capture", "requires_confirmation", "requires_action", "processing"}

func (x *txn) cancelIntent() (any, error) {
	rec, aerr := x.pathIntent()
	if aerr != nil {
		return nil, aerr
	}
	pi := &rec.Obj
	reason, hasReason := x.p.str("cancellation_reason")
	if hasReason {
		switch reason {
		case "abandoned", "duplicate", "fraudulent", "requested_by_customer":
		default:
			return nil, errInvalidEnum("cancellation_reason", reason, "abandoned", "duplicate", "fraudulent", "requested_by_customer")
		}
	}
	if !slices.Contains(cancelableStatuses, pi.Status) {
		return nil, errUnexpectedState(pi, "You cannot cancel this PaymentIntent because it has a status of %s. "+
			"Only a PaymentIntent with one of the following statuses may be canceled: %s.", pi.Status, strings.Join(cancelableStatuses, ", "))
	}
	var r *string
	if hasReason {
		r = &reason
	}
	x.cancel(pi, r, x.now)
	return x.renderIntent(pi), nil
}

// cancel cancels a PaymentIntent, releasing an uncaptured authorization.
func (x *txn) cancel(pi *paymentIntent, reason *string, at time.Time) {
	if pi.Status == "requires_capture" {
		if ch, ok := x.st.Charges.get(pi.LatestCharge.ID); ok {
			ch.AmountRefunded, ch.Refunded = ch.Amount, true
			x.emit("charge.refunded", ch)
		}
	}
	pi.Status, pi.AmountCapturable = "canceled", 0
	delete(x.e.authorized, pi.ID)
	pi.CancellationReason, pi.CanceledAt = reason, i64Ptr(at.Unix())
	x.emit("payment_intent.canceled", pi)
}
