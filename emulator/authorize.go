package emulator

import (
	"slices"
	"sort"
)

// authorize runs the authorization of a presented card and ends the reader's action.
func (x *txn) authorize(rec *readerRec, pp pendingPresent) {
	piRec, ok := x.st.Intents.get(rec.Obj.Action.paymentIntentID())
	if !ok {
		x.failInvalid(rec, "resource_missing", "The PaymentIntent no longer exists.")
		return
	}
	pi := &piRec.Obj
	want := "requires_payment_method"
	if rec.Obj.Action.Type == "confirm_payment_intent" {
		want = "requires_confirmation"
	}
	if pi.Status != want {
		// Canceled (or paid) while the reader waited for the card.
		x.failInvalid(rec, "intent_invalid_state", msgIntentInvalidState)
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
	card := pp.card()
	total := pi.Amount + pp.Tip
	res := authorizeCard(card, total)
	pm, ok := x.st.PaymentMethods.get(pp.PaymentMethod)
	if !ok {
		pm = x.newPaymentMethod(card, res.readMethod)
	}
	piRec.Reader = rec.Obj.ID
	ch := x.newCharge(pi, pm, card, res, total, terminalPlace{reader: rec.Obj.ID, location: rec.Obj.Location.ID})
	if !res.approved {
		x.decline(pi, ch, pm, res)
	} else {
		x.approve(pi, ch, pm, card, pp, rec.AllowRedisplay)
	}
	switch {
	case f.ConnectionError == ConnectionAuthorized:
		// The authorization went through; the reader never heard back.
		x.failAction(rec, "connection_error", msgConnectionError)
	case res.approved:
		x.succeedAction(rec)
	default:
		x.failActionAPI(rec, *pi.LastPaymentError)
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
	case a.ProcessSetupIntent != nil:
		return a.ProcessSetupIntent.ProcessConfig.allowed()
	case a.RefundPayment != nil:
		return a.RefundPayment.RefundPaymentConfig.allowed()
	}
	return cfg != nil && cfg.EnableCustomerCancellation != nil && *cfg.EnableCustomerCancellation
}

// capturesAtOnce reports whether an approved payment is captured at authorization:
// single-message Interac always is; otherwise capture_method decides, overridden for
// card_present by payment_method_options[card_present][capture_method] (manual, or
// manual_preferred: manual when the card allows it, which every simulated
// card_present card does).
func capturesAtOnce(pi *paymentIntent, card testCard) bool {
	if card.Type == "interac_present" {
		return true
	}
	if cp := pi.PaymentMethodOptions.CardPresent; card.Type == "card_present" && cp != nil && cp.CaptureMethod != "" {
		return false
	}
	return pi.CaptureMethod != "manual"
}

// incrementable reports whether an authorization supports increment_authorization: asked
// for at creation, on a network that offers it. UNCERTAIN: Stripe lists Visa,
// Mastercard, American Express and Discover (Discover only for some businesses).
func incrementable(pi *paymentIntent, card testCard) bool {
	cp := pi.PaymentMethodOptions.CardPresent
	return card.Type == "card_present" && cp != nil && cp.RequestIncrementalAuthorizationSupport &&
		slices.Contains([]string{"visa", "mastercard", "amex", "discover"}, card.Network)
}

func (x *txn) approve(pi *paymentIntent, ch *charge, pm *paymentMethod, card testCard, pp pendingPresent, allowRedisplay string) {
	if pp.TipSent {
		pi.AmountDetails = &amountDetails{Tip: &tipAmount{Amount: i64Ptr(pp.Tip)}}
		pi.Amount += pp.Tip
	}
	pi.LastPaymentError = nil
	pi.LatestCharge, pi.PaymentMethod = idRef(ch.ID), idRef(pm.ID)
	if pi.SetupFutureUsage != nil && card.Type == "card_present" {
		saved := x.generatedCard(card, pi.Customer, allowRedisplay, generatedFrom{Charge: strPtr(ch.ID),
			PaymentMethodDetails: &generatedFromDetail{Type: "card_present", CardPresent: ch.PaymentMethodDetails.CardPresent}})
		ch.PaymentMethodDetails.CardPresent.GeneratedCard = strPtr(saved.ID)
	}
	if capturesAtOnce(pi, card) {
		pi.Status, pi.AmountReceived = "succeeded", ch.Amount
		x.captureCharge(ch, ch.Amount)
		if pi.CaptureMethod != "automatic_async" {
			x.emit("charge.succeeded", ch)
			x.emit("payment_intent.succeeded", pi)
			return
		}
		// Asynchronous capture: the succeeded events come before the balance transaction,
		// which a charge.updated brings (Stripe's asynchronous-capture guide).
		bt := ch.BalanceTransaction
		ch.BalanceTransaction = ref{}
		x.emit("charge.succeeded", ch)
		x.emit("payment_intent.succeeded", pi)
		ch.BalanceTransaction = bt
		x.emitChanged("charge.updated", ch, `{"balance_transaction":null}`)
		return
	}
	before := x.now.Add(authWindow).Unix()
	if cp := ch.PaymentMethodDetails.CardPresent; cp != nil {
		cp.CaptureBefore = &before
	} else if cd := ch.PaymentMethodDetails.Card; cd != nil {
		cd.CaptureBefore = &before
	}
	pi.Status, pi.AmountCapturable = "requires_capture", ch.Amount
	x.e.authorized[pi.ID] = before
	x.emit("charge.succeeded", ch)
	x.emit("payment_intent.amount_capturable_updated", pi)
}

// declineError is the card_error a decline (res) answers for charge chargeID.
func declineError(res authResult, chargeID string) apiErrorFields {
	return apiErrorFields{Type: "card_error", Code: res.code, DeclineCode: res.declineCode, Message: res.message,
		DocURL: docURL(res.code), Charge: chargeID}
}

func (x *txn) decline(pi *paymentIntent, ch *charge, pm *paymentMethod, res authResult) {
	m := *pm
	e := declineError(res, ch.ID)
	e.PaymentMethod = &m
	pi.LastPaymentError = &e
	pi.Status, pi.LatestCharge, pi.PaymentMethod = "requires_payment_method", idRef(ch.ID), ref{}
	x.emit("charge.failed", ch)
	x.emit("payment_intent.payment_failed", pi)
}

// settle brings the state up to the clock: authorizations whose window has ended are
// applied, and uncaptured authorizations past capture_before are released.
func (x *txn) settle() {
	x.st.Readers.scan(func(rec *readerRec) bool { // every request: no list made
		if rec.Pending != nil && !x.now.Before(rec.Pending.DueAt) && !x.e.faultFor(rec.Obj.ID).Disconnect {
			x.st.Readers.touch(rec.Obj.ID)
			pp := *rec.Pending
			rec.Pending = nil
			if rec.Obj.Action != nil && rec.Obj.Action.Status == "in_progress" {
				x.as(x.st.ownerOf(rec.Obj.ID), func() { x.authorize(rec, pp) })
			}
		}
		return true
	})
	x.expireCollected()
	x.settleRefunds()
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
			x.as(x.st.ownerOf(id), func() { x.cancel(&rec.Obj, strPtr("automatic"), x.now) })
		}
	}
}

// indexAuthorizations rebuilds the index of uncaptured authorizations from the state.
func (e *Emulator) indexAuthorizations() {
	e.authorized = map[string]int64{}
	// A scan of the terms, not the term list: a restart builds no index until needed.
	t := e.st.Intents
	t.scanTerm(fieldTerm("status", "requires_capture"), func(en *entry[intentRec]) {
		rec := t.objOf(en)
		if rec == nil || rec.Obj.Status != "requires_capture" {
			return
		}
		if ch, ok := e.st.Charges.peek(rec.Obj.LatestCharge.ID); ok {
			if before := ch.captureBefore(); before != nil {
				e.authorized[rec.Obj.ID] = *before
			}
		}
	})
}

// captureBefore is when the charge's authorization is released if it is not captured.
func (ch *charge) captureBefore() *int64 {
	switch d := ch.PaymentMethodDetails; {
	case d.CardPresent != nil:
		return d.CardPresent.CaptureBefore
	case d.Card != nil:
		return d.Card.CaptureBefore
	}
	return nil
}
