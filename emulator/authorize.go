package emulator

import "sort"

// authorize runs the authorization of a presented card and ends the reader's action.
func (x *txn) authorize(rec *readerRec, pp pendingPresent) {
	piRec, ok := x.st.Intents.get(rec.Obj.Action.paymentIntentID())
	if !ok {
		x.failAction(rec, "resource_missing", "The PaymentIntent no longer exists.")
		return
	}
	pi := &piRec.Obj
	want := "requires_payment_method"
	if rec.Obj.Action.Type == "confirm_payment_intent" {
		want = "requires_confirmation"
	}
	if pi.Status != want {
		// Canceled (or paid) while the reader waited for the card.
		x.failAction(rec, "intent_invalid_state", msgIntentInvalidState)
		return
	}
	f := x.e.faultFor(rec.Obj.ID)
	if f.CustomerCancel && customerMayCancel(rec.Obj.Action) {
		x.failAction(rec, "customer_canceled", msgCustomerCanceled)
		return
	}
	if f.ConnectionError != "" && f.ConnectionError != ConnectionAuthorized {
		x.failAction(rec, "connection_error", msgConnectionError)
		return
	}
	card := testCards[pp.Card]
	total := pi.Amount + pp.Tip
	res := authorizeCard(card, total)
	pm, ok := x.st.PaymentMethods.get(pp.PaymentMethod)
	if !ok {
		pm = x.newPaymentMethod(card, res.readMethod)
	}
	ch := x.newCharge(pi, pm, card, res, total)
	if !res.approved {
		x.decline(pi, ch, pm, res)
	} else {
		x.approve(pi, ch, pm, card, pp)
	}
	switch {
	case f.ConnectionError == ConnectionAuthorized:
		// The authorization went through; the reader never heard back.
		x.failAction(rec, "connection_error", msgConnectionError)
	case res.approved:
		x.succeedAction(rec)
	default:
		x.failAction(rec, res.code, res.message)
	}
}

// customerMayCancel reports whether the reader shows the customer a cancel button.
func customerMayCancel(a *readerAction) bool {
	var cfg *processConfig
	switch {
	case a.ProcessPaymentIntent != nil:
		cfg = a.ProcessPaymentIntent.ProcessConfig
	case a.CollectPaymentMethod != nil:
		cfg = a.CollectPaymentMethod.CollectConfig
	}
	return cfg != nil && cfg.EnableCustomerCancellation != nil && *cfg.EnableCustomerCancellation
}

func (x *txn) approve(pi *paymentIntent, ch *charge, pm *paymentMethod, card testCard, pp pendingPresent) {
	if pp.TipSent {
		pi.AmountDetails = &amountDetails{Tip: &tipAmount{Amount: i64Ptr(pp.Tip)}}
		pi.Amount += pp.Tip
	}
	pi.LastPaymentError = nil
	pi.LatestCharge, pi.PaymentMethod = idRef(ch.ID), idRef(pm.ID)
	// Interac is single-message: captured at authorization whatever capture_method says.
	if card.Type == "interac_present" || pi.CaptureMethod != "manual" {
		pi.Status, pi.AmountReceived = "succeeded", ch.Amount
		ch.Captured, ch.AmountCaptured = true, ch.Amount
		x.emit("charge.succeeded", ch)
		x.emit("payment_intent.succeeded", pi)
		return
	}
	before := x.now.Add(authWindow).Unix()
	ch.PaymentMethodDetails.CardPresent.CaptureBefore = &before
	pi.Status, pi.AmountCapturable = "requires_capture", ch.Amount
	x.e.authorized[pi.ID] = before
	x.emit("charge.succeeded", ch)
	x.emit("payment_intent.amount_capturable_updated", pi)
}

func (x *txn) decline(pi *paymentIntent, ch *charge, pm *paymentMethod, res authResult) {
	m := *pm
	pi.LastPaymentError = &apiErrorFields{
		Type: "card_error", Code: res.code, DeclineCode: res.declineCode, Message: res.message,
		DocURL: docURL(res.code), Charge: ch.ID, PaymentMethod: &m,
	}
	pi.Status, pi.LatestCharge, pi.PaymentMethod = "requires_payment_method", idRef(ch.ID), ref{}
	x.emit("charge.failed", ch)
	x.emit("payment_intent.payment_failed", pi)
}

// settle brings the state up to the clock: authorizations whose window has ended are
// applied, and uncaptured authorizations past capture_before are released.
func (x *txn) settle() {
	for _, rec := range x.st.readersByCreation() {
		if rec.Pending != nil && !x.now.Before(rec.Pending.DueAt) && !x.e.faultFor(rec.Obj.ID).Disconnect {
			x.st.Readers.touch(rec.Obj.ID)
			pp := *rec.Pending
			rec.Pending = nil
			if rec.Obj.Action != nil && rec.Obj.Action.Status == "in_progress" {
				x.authorize(rec, pp)
			}
		}
	}
	x.expireCollected()
	x.failRefunds()
	x.pruneKeys()
	if len(x.e.authorized) == 0 {
		return
	}
	var due []string
	for id, before := range x.e.authorized {
		if x.now.Unix() >= before {
			due = append(due, id)
		}
	}
	sort.Strings(due)
	for _, id := range due {
		delete(x.e.authorized, id)
		if rec, ok := x.st.Intents.get(id); ok && rec.Obj.Status == "requires_capture" {
			x.cancel(&rec.Obj, strPtr("automatic"), x.now)
		}
	}
}

// indexAuthorizations rebuilds the index of uncaptured authorizations from the state.
func (e *Emulator) indexAuthorizations() {
	e.authorized = map[string]int64{}
	for _, en := range e.st.Intents.withTerm("status:requires_capture") {
		rec := e.st.Intents.objOf(en)
		if rec == nil || rec.Obj.Status != "requires_capture" {
			continue
		}
		if ch, ok := e.st.Charges.peek(rec.Obj.LatestCharge.ID); ok && ch.PaymentMethodDetails.CardPresent != nil &&
			ch.PaymentMethodDetails.CardPresent.CaptureBefore != nil {
			e.authorized[rec.Obj.ID] = *ch.PaymentMethodDetails.CardPresent.CaptureBefore
		}
	}
}
