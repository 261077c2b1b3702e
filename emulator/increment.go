package emulator

import (
	"net/http"
)

// maxIncrements is how many increment_authorization attempts Stripe allows on one
// PaymentIntent, declines included.
const maxIncrements = 10

// incrementAuthorization raises an uncaptured card_present authorization to a new total,
// as a hotel or a bar tab does. The card's test behaviour applies to the new total: an
// amount ending in a declining test ending is declined (HTTP 402, the authorization
// stays as it was).
func (x *txn) incrementAuthorization() (any, error) {
	rec, aerr := x.pathIntent()
	if aerr != nil {
		return nil, aerr
	}
	pi := &rec.Obj
	amount, sent, err := x.p.integer("amount")
	if err != nil {
		return nil, err
	}
	if !sent {
		return nil, errMissingParam("amount")
	}
	md, err := readMetadataUpdate(x.p)
	if err != nil {
		return nil, err
	}
	desc, err := optString(x.p, "description", 1000)
	if err != nil {
		return nil, err
	}
	fee, err := x.p.optInt("application_fee_amount")
	if err != nil {
		return nil, err
	}
	if pi.Status != "requires_capture" {
		return nil, errUnexpectedState(pi, "This PaymentIntent could not be incremented because it has a status of %s. "+
			"Only a PaymentIntent with one of the following statuses may be incremented: requires_capture.", pi.Status)
	}
	ch, ok := x.st.Charges.get(pi.LatestCharge.ID)
	if !ok || ch.PaymentMethodDetails.CardPresent == nil || ch.PaymentMethodDetails.CardPresent.IncrementalAuthorizationSupported == nil ||
		!*ch.PaymentMethodDetails.CardPresent.IncrementalAuthorizationSupported {
		// UNCERTAIN: Stripe's code for an authorization that cannot be incremented.
		return nil, invalidRequest(http.StatusBadRequest, "incremental_authorization_not_supported", "",
			"This PaymentIntent does not support incremental authorization: create it with "+
				"payment_method_options[card_present][request_incremental_authorization_support]=true and use a card that supports it.")
	}
	if amount <= pi.Amount {
		return nil, validationError("", "amount", "The new amount (%d) must be greater than the amount already authorized (%d).", amount, pi.Amount)
	}
	if amount > maxAmount {
		return nil, validationError("amount_too_large", "amount", "Amount must be no more than %s", formatAmount(maxAmount, pi.Currency))
	}
	if err := checkAmountStep("amount", pi.Currency, amount); err != nil {
		return nil, err
	}
	if fee != nil && (*fee < 0 || *fee > amount) {
		return nil, validationError("", "application_fee_amount", "application_fee_amount must be between 0 and the amount (%d).", amount)
	}
	if rec.Increments >= maxIncrements {
		return nil, invalidRequest(http.StatusBadRequest, "", "",
			"This PaymentIntent has reached the maximum of %d incremental authorization attempts.", maxIncrements)
	}
	rec.Increments++
	cp := ch.PaymentMethodDetails.CardPresent
	card, _ := cardByFingerprint(cp.Fingerprint)
	if res := authorizeCard(card, amount); !res.approved {
		cp2 := *pi
		e := &apiError{status: http.StatusPaymentRequired, fields: declineError(res, ch.ID)}
		e.fields.PaymentIntent = &cp2
		return nil, e
	}
	pi.Amount, pi.AmountCapturable = amount, amount
	ch.Amount, cp.AmountAuthorized = amount, i64Ptr(amount)
	pi.Metadata = md.apply(pi.Metadata)
	if desc != nil {
		pi.Description = desc
	}
	if fee != nil {
		pi.ApplicationFeeAmount, ch.ApplicationFeeAmount = fee, fee
	}
	x.emit("payment_intent.amount_capturable_updated", pi)
	return x.renderIntent(pi), nil
}
