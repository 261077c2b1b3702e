package emulator

import (
	"net/http"
	"slices"
	"strings"
)

var (
	presentParams = []string{"type", "card_present", "interac_present", "card", "amount_tip"}
	presentTypes  = []string{"card_present", "interac_present", "card"}
	// presentFields are the fields each card hash of present_payment_method takes.
	presentFields = map[string][]string{"card_present": {"number"}, "interac_present": {"number"},
		"card": {"number", "exp_month", "exp_year", "cvc"}}
)

// presentPaymentMethod is the test helper that taps a card on a simulated reader (or,
// with type=card, keys one in).
func (x *txn) presentPaymentMethod() (any, error) {
	rec, err := x.reader(x.pathValue("reader"), "reader")
	if err != nil {
		return nil, err
	}
	typ, _ := x.p.str("type")
	if typ != "" && !slices.Contains(presentTypes, typ) {
		return nil, errInvalidEnum("type", typ, presentTypes...)
	}
	for k := range x.p {
		if fields, ok := presentFields[topName(k)]; ok && !slices.Contains(fields, subField(k, topName(k))) {
			return nil, errUnknownParam(k)
		}
	}
	number, err := presentedNumber(x.p, typ)
	if err != nil {
		return nil, err
	}
	tip, err := x.p.optInt("amount_tip")
	if err != nil {
		return nil, err
	}
	if tip != nil && *tip < 0 {
		return nil, validationError("parameter_invalid_integer", "amount_tip", "This value must be greater than or equal to 0.")
	}
	if err := x.readyForCommand(rec); err != nil {
		return nil, err
	}
	if err := x.present(rec, typ, number, tip); err != nil {
		return nil, err
	}
	return x.renderReader(rec), nil
}

// presentedNumber reads the card number of the hash matching type; card[...] also needs
// an expiry (the simulated reader does not check it otherwise).
func presentedNumber(p params, typ string) (string, *apiError) {
	number, _ := p.str("card_present[number]")
	if n, ok := p.str("interac_present[number]"); ok {
		number = n
	}
	if !p.hasPrefix("card[") {
		return number, nil
	}
	if typ != "card" {
		return "", validationError("", "card", "card[...] can only be sent with type=card.")
	}
	for _, f := range []string{"number", "exp_month", "exp_year"} {
		if !p.has("card[" + f + "]") {
			return "", errMissingParam("card[" + f + "]")
		}
	}
	month, _, err := p.integer("card[exp_month]")
	if err != nil {
		return "", err
	}
	if month < 1 || month > 12 {
		return "", validationError("invalid_expiry_month", "card[exp_month]", "Your card's expiration month is invalid.")
	}
	if _, _, err := p.integer("card[exp_year]"); err != nil {
		return "", err
	}
	number, _ = p.str("card[number]")
	return number, nil
}

// present takes a card on the reader's in-progress action: it authorizes a payment,
// collects a payment method, completes an in-person refund or saves a card.
func (x *txn) present(rec *readerRec, typ, number string, tip *int64) *apiError {
	a := rec.Obj.Action
	if a == nil || a.Status != "in_progress" || !slices.Contains([]string{"process_payment_intent", "collect_payment_method",
		"refund_payment", "process_setup_intent"}, a.Type) {
		return invalidRequest(http.StatusBadRequest, "", "",
			"Reader %s has no payment in progress to present a card to: call process_payment_intent first.", rec.Obj.ID)
	}
	if a.Type == "process_setup_intent" {
		return x.presentForSetup(rec, typ, number)
	}
	pi, ok := x.st.Intents.get(a.paymentIntentID())
	if !ok {
		return errNoSuch("payment_intent", a.paymentIntentID(), "payment_intent")
	}
	card, err := resolveCard(pi.Obj.PaymentMethodTypes, "PaymentIntent "+pi.Obj.ID, typ, number)
	if err != nil {
		return err
	}
	if a.Type == "refund_payment" {
		return x.refundInPerson(rec, card)
	}
	pp := pendingPresent{Card: card.Number, Type: card.Type}
	// A tip is chosen only where the reader showed the tip screen; otherwise amount_tip
	// has nothing to act on.
	if x.tippingOffered(rec, &pi.Obj) {
		pp.TipSent = true
		if tip != nil {
			pp.Tip = *tip
		}
	}
	if a.Type == "collect_payment_method" {
		x.collect(rec, &pi.Obj, card, pp)
		return nil
	}
	x.startAuthorization(rec, pp)
	return nil
}

// card is the simulated card presented, as the payment method type it was presented as.
func (pp pendingPresent) card() testCard {
	c := testCards[pp.Card]
	if pp.Type == "card" {
		c.Type = "card"
	}
	return c
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
// intent's payment method types (reference §2.2). With type card, a card_present test
// number is keyed in as a card.
func resolveCard(types []string, intent, typ, number string) (testCard, *apiError) {
	if typ == "" && !slices.Contains(types, "card_present") && !slices.Contains(types, "interac_present") && slices.Contains(types, "card") {
		typ = "card"
	}
	param := "card_present[number]"
	switch typ {
	case "interac_present":
		param = "interac_present[number]"
	case "card":
		param = "card[number]"
	}
	if number == "" {
		number = defaultCard
		if typ == "interac_present" || typ != "card" && !slices.Contains(types, "card_present") && slices.Contains(types, "interac_present") {
			number = defaultInteracCard
		}
	}
	card, ok := testCards[strings.ReplaceAll(number, " ", "")]
	if !ok {
		return testCard{}, validationError("", param,
			"%s is not one of Stripe's simulated test card numbers (see https://docs.stripe.com/terminal/references/testing).", number)
	}
	switch {
	case typ == "interac_present" && card.Type != "interac_present":
		return testCard{}, validationError("", param, "%s is not an Interac test card.", number)
	case typ == "card" && card.Type != "card_present":
		return testCard{}, validationError("", param, "%s cannot be keyed in as a card.", number)
	case typ == "card":
		card.Type = "card"
	}
	if !slices.Contains(types, card.Type) {
		return testCard{}, invalidRequest(http.StatusBadRequest, "", "type",
			"%s does not accept %s payments (payment_method_types: %s).", intent, card.Type, strings.Join(types, ", "))
	}
	return card, nil
}
