package emulator

import (
	"net/http"
)

// The Charges API: a PaymentIntent's charges read, listed, searched, updated and
// captured (capturing a PaymentIntent's charge captures the PaymentIntent).

var (
	chargeExpands       = []string{"payment_intent", "balance_transaction", "refunds"}
	chargeListParams    = []string{"created", "customer", "payment_intent", "transfer_group", "limit", "starting_after", "ending_before"}
	chargeSearchParams  = []string{"query", "limit", "page"}
	chargeUpdateParams  = []string{"description", "metadata", "receipt_email", "transfer_group", "customer"}
	chargeCaptureParams = []string{"amount", "application_fee_amount", "receipt_email", "statement_descriptor",
		"statement_descriptor_suffix", "transfer_group"}
	chargeRefundListParams = []string{"limit", "starting_after", "ending_before"}
)

// chargeSearchFields are the fields Charge search takes.
var chargeSearchFields = searchFields{
	"amount":         numField(func(o any) int64 { return o.(*charge).Amount }),
	"created":        numField(func(o any) int64 { return o.(*charge).Created }),
	"currency":       strField(func(o any) string { return o.(*charge).Currency }),
	"customer":       optField(func(o any) *string { return o.(*charge).Customer }),
	"status":         strField(func(o any) string { return o.(*charge).Status }),
	"payment_intent": strField(func(o any) string { return o.(*charge).PaymentIntent.ID }),
	"refunded":       strField(func(o any) string { return boolString(o.(*charge).Refunded) }),
	"disputed":       strField(func(o any) string { return boolString(o.(*charge).Disputed) }),
	"metadata":       metadataField(func(o any) map[string]string { return o.(*charge).Metadata }),
	"payment_method_details.card_present.last4": optField(func(o any) *string {
		if cp := o.(*charge).PaymentMethodDetails.CardPresent; cp != nil {
			return &cp.Last4
		}
		return nil
	}),
}

func boolString(b bool) string {
	if b {
		return "true"
	}
	return "false"
}

func (x *txn) charge(id, param string) (*charge, *apiError) {
	ch, ok := x.st.Charges.get(id)
	if !ok || !x.owns(id) {
		return nil, errNoSuch("charge", id, param)
	}
	return ch, nil
}

// pathCharge is the charge of /v1/charges/{charge}, once the expansions are known.
func (x *txn) pathCharge() (*charge, *apiError) {
	if err := x.checkExpand(chargeExpands...); err != nil {
		return nil, err
	}
	return x.charge(x.pathValue("charge"), "charge")
}

// renderCharge is the charge as the request sees it, at its API version; at is the path of the charge in
// the response ("" at the top, "latest_charge." inside a PaymentIntent).
func (x *txn) renderCharge(ch *charge, at string) *charge {
	out := *ch
	out.Invoice = invoiceAt(x.version)
	if x.expands(at+"payment_intent") && ch.PaymentIntent.ID != "" {
		if rec, ok := x.st.Intents.peek(ch.PaymentIntent.ID); ok {
			pi := rec.Obj
			out.PaymentIntent.obj = pi.at(x.version)
		}
	}
	x.expandBalance(&out.BalanceTransaction, at+"balance_transaction")
	if x.expands(at + "refunds") {
		out.Refunds = &listEnvelope{Object: "list", Data: []any{}, URL: "/v1/charges/" + ch.ID + "/refunds"}
		for en := range newestFirst(x.st.Refunds.withTerm(fieldTerm("charge", ch.ID))) {
			if r := x.st.Refunds.objOf(en); r != nil {
				obj := r.Obj
				out.Refunds.Data = append(out.Refunds.Data, &obj)
			}
		}
	}
	return &out
}

func (x *txn) retrieveCharge() (any, error) {
	ch, err := x.pathCharge()
	if err != nil {
		return nil, err
	}
	return x.renderCharge(ch, ""), nil
}

func (x *txn) listCharges() (any, error) {
	match, err := x.listCreated(chargeExpands...)
	if err != nil {
		return nil, err
	}
	customer, byCustomer := x.p.str("customer")
	piID, byPI := x.p.str("payment_intent")
	group, byGroup := x.p.str("transfer_group")
	t := x.st.Charges
	list := t.listFor(byPI, fieldTerm("payment_intent", piID))
	keep := func(en *entry[charge]) bool {
		ch := t.objOf(en)
		return ch != nil && match(ch.Created) && (!byPI || ch.PaymentIntent.ID == piID) &&
			(!byCustomer || ch.Customer != nil && *ch.Customer == customer) &&
			(!byGroup || ch.TransferGroup != nil && *ch.TransferGroup == group)
	}
	render := func(ch *charge) any { return x.renderCharge(ch, "") }
	return listPage(x, t, list, owned(x, keep), render, "/v1/charges", "charge")
}

func (x *txn) searchCharges() (any, error) {
	if err := x.listOf(chargeExpands...); err != nil {
		return nil, err
	}
	return x.search("/v1/charges/search", "Charge", chargeSearchFields,
		candidatesOf(x, x.st.Charges, chargeIndexed, func(ch *charge) searchable {
			return searchable{obj: ch, render: func() any { return x.renderCharge(ch, "") }}
		}))
}

func (x *txn) updateCharge() (any, error) {
	ch, aerr := x.pathCharge()
	if aerr != nil {
		return nil, aerr
	}
	md, err := readMetadataUpdate(x.p)
	if err != nil {
		return nil, err
	}
	desc, err := optString(x.p, "description", 1000)
	if err != nil {
		return nil, err
	}
	customer, err := optCustomer(x.p, "customer")
	if err != nil {
		return nil, err
	}
	before := x.snapshot(ch)
	if x.p.has("customer") {
		if ch.Customer != nil {
			return nil, invalidRequest(http.StatusBadRequest, "", "customer", "Charge %s already has a customer.", ch.ID)
		}
		ch.Customer = customer
	}
	if x.p.has("description") {
		ch.Description = desc
	}
	if x.p.has("transfer_group") {
		ch.TransferGroup, _ = optString(x.p, "transfer_group", 0)
	}
	if x.p.has("receipt_email") {
		ch.ReceiptEmail = optStr(x.p, "receipt_email")
	}
	ch.Metadata = md.apply(ch.Metadata)
	x.emitUpdated(ch, before, "charge.updated")
	return x.renderCharge(ch, ""), nil
}

// captureChargeEndpoint captures an uncaptured charge: through its PaymentIntent, as
// Stripe does for a PaymentIntent's charge.
func (x *txn) captureChargeEndpoint() (any, error) {
	ch, aerr := x.pathCharge()
	if aerr != nil {
		return nil, aerr
	}
	if ch.Captured {
		return nil, invalidRequest(http.StatusBadRequest, "charge_already_captured", "charge", "Charge %s has already been captured.", ch.ID)
	}
	rec, ok := x.st.Intents.get(ch.PaymentIntent.ID)
	if !ok || rec.Obj.LatestCharge.ID != ch.ID || rec.Obj.Status != "requires_capture" {
		return nil, invalidRequest(http.StatusBadRequest, "charge_expired_for_capture", "charge",
			"Charge %s cannot be captured: its authorization is no longer open.", ch.ID)
	}
	n, sent, err := x.p.integer("amount")
	if err != nil {
		return nil, err
	}
	if !sent {
		n = rec.Obj.AmountCapturable
	}
	if err := x.capture(&rec.Obj, n, "amount", "application_fee_amount"); err != nil {
		return nil, err
	}
	return x.renderCharge(ch, ""), nil
}

func (x *txn) listChargeRefunds() (any, error) {
	if err := x.listOf(); err != nil {
		return nil, err
	}
	ch, err := x.charge(x.pathValue("charge"), "charge")
	if err != nil {
		return nil, err
	}
	t := x.st.Refunds
	render := func(r *refundRec) any {
		obj := r.Obj
		return &obj
	}
	return listPage(x, t, t.withTerm(fieldTerm("charge", ch.ID)), nil, render, "/v1/charges/"+ch.ID+"/refunds", "refund")
}

func (x *txn) retrievePaymentMethod() (any, error) {
	if err := x.checkExpand(); err != nil {
		return nil, err
	}
	id := x.pathValue("payment_method")
	pm, ok := x.st.PaymentMethods.get(id)
	if !ok || !x.owns(id) {
		return nil, errNoSuch("payment_method", id, "payment_method")
	}
	out := *pm
	return &out, nil
}
