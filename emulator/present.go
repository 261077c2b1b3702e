package emulator

import (
	"net/http"
	"slices"
	"strings"
)

var presentParams = []string{"type", "card_present", "interac_present", "amount_tip"}

// presentPaymentMethod is the test helper that taps a card on a simulated reader.
func (x *txn) presentPaymentMethod() (any, error) {
	rec, err := x.reader(x.pathValue("reader"), "reader")
	if err != nil {
		return nil, err
	}
	typ, _ := x.p.str("type")
	if typ != "" && typ != "card_present" && typ != "interac_present" {
		return nil, errInvalidEnum("type", typ, "card_present", "interac_present")
	}
	for k := range x.p {
		if n := topName(k); (n == "card_present" || n == "interac_present") && subField(k, n) != "number" {
			return nil, errUnknownParam(k)
		}
	}
	number, _ := x.p.str("card_present[number]")
	if n, ok := x.p.str("interac_present[number]"); ok {
		number = n
	}
	tip, err := x.p.optInt("amount_tip")
	if err != nil {
		return nil, err
	}
	if tip != nil && *tip < 0 {
		return nil, validationError("parameter_invalid_integer", "amount_tip", "This value must be greater than or equal to 0.")
	}
	if err := x.checkExpand(readerExpands...); err != nil {
		return nil, err
	}
	if err := x.commandable(rec); err != nil {
		return nil, err
	}
	if err := x.present(rec, typ, number, tip); err != nil {
		return nil, err
	}
	return x.renderReader(rec), nil
}

// present takes a card on the reader's in-progress payment action: it authorizes a
// payment, collects a payment method, or completes an in-person refund.
func (x *txn) present(rec *readerRec, typ, number string, tip *int64) *apiError {
	a := rec.Obj.Action
	if a == nil || a.Status != "in_progress" || (a.Type != "process_payment_intent" && a.Type != "collect_payment_method" && a.Type != "refund_payment") {
		return invalidRequest(http.StatusBadRequest, "", "",
			"Reader %s has no payment in progress to present a card to: call process_payment_intent first.", rec.Obj.ID)
	}
	pi, ok := x.st.Intents.get(a.paymentIntentID())
	if !ok {
		return errNoSuch("payment_intent", a.paymentIntentID(), "payment_intent")
	}
	card, err := resolveCard(&pi.Obj, typ, number)
	if err != nil {
		return err
	}
	pp := pendingPresent{Card: card.Number, Type: card.Type}
	if tip != nil {
		pp.Tip, pp.TipSent = *tip, true
	}
	switch a.Type {
	case "collect_payment_method":
		x.collect(rec, &pi.Obj, card, pp)
		return nil
	case "refund_payment":
		return x.refundInPerson(rec, card)
	}
	x.startAuthorization(rec, pp)
	return nil
}

// startAuthorization authorizes the card now or, with Options.AuthorizeDelay, leaves it
// pending until settle finds the authorizing window over.
func (x *txn) startAuthorization(rec *readerRec, pp pendingPresent) {
	if d := x.e.opts.AuthorizeDelay; d > 0 {
		pp.DueAt = x.now.Add(d)
		rec.Pending = &pp
		return
	}
	x.authorize(rec, pp)
}

// resolveCard picks the simulated card: the number given, or the default for the
// PaymentIntent's payment method types (reference §2.2).
func resolveCard(pi *paymentIntent, typ, number string) (testCard, *apiError) {
	param := "card_present[number]"
	if typ == "interac_present" {
		param = "interac_present[number]"
	}
	if number == "" {
		number = defaultCard
		if typ == "interac_present" || !slices.Contains(pi.PaymentMethodTypes, "card_present") {
			number = defaultInteracCard
		}
	}
	card, ok := testCards[strings.ReplaceAll(number, " ", "")]
	if !ok {
		return testCard{}, validationError("", param,
			"%s is not one of Stripe's simulated test card numbers (see https://docs.stripe.com/terminal/references/testing).", number)
	}
	if typ == "interac_present" && card.Type != "interac_present" {
		return testCard{}, validationError("", param, "%s is not an Interac test card.", number)
	}
	if !slices.Contains(pi.PaymentMethodTypes, card.Type) {
		return testCard{}, invalidRequest(http.StatusBadRequest, "", "type",
			"PaymentIntent %s does not accept %s payments (payment_method_types: %s).",
			pi.ID, card.Type, strings.Join(pi.PaymentMethodTypes, ", "))
	}
	return card, nil
}
