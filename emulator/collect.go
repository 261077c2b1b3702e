package emulator

import (
	"net/http"
	"time"
)

var (
	collectParams = []string{"payment_intent", "collect_config"}
	confirmParams = []string{"payment_intent", "confirm_config"}
)

// collectWindow is how long a collected payment method waits for confirmation.
const collectWindow = 30 * time.Second

const msgCollectTimeout = "The collected payment method was not confirmed within 30 seconds."

// collectPaymentMethod starts the collect-inspect-confirm flow: the reader reads a card
// without authorizing it.
func (x *txn) collectPaymentMethod() (any, error) {
	rec, piID, cfg, err := x.paymentCommand("collect_config")
	if err != nil {
		return nil, err
	}
	rec.Obj.Action = &readerAction{
		Type: "collect_payment_method", Status: "in_progress",
		CollectPaymentMethod: &collectPaymentMethodAction{PaymentIntent: idRef(piID), CollectConfig: cfg},
	}
	return x.renderReader(rec), nil
}

// collect attaches the presented card to the PaymentIntent without authorizing it.
func (x *txn) collect(rec *readerRec, pi *paymentIntent, card testCard, pp pendingPresent) {
	pm := x.newPaymentMethod(card, card.ReadMethod)
	pi.Status, pi.PaymentMethod = "requires_confirmation", idRef(pm.ID)
	m := *pm
	a := rec.Obj.Action
	a.CollectPaymentMethod.PaymentMethod = &m
	a.Status = "succeeded"
	pp.PaymentMethod, pp.DueAt = pm.ID, x.now.Add(collectWindow)
	rec.Collected = &pp
	x.emit("terminal.reader.action_updated", x.readerNow(rec))
}

// releaseCollected gives up a collected, unconfirmed payment method.
func (x *txn) releaseCollected(rec *readerRec) {
	if rec.Collected == nil {
		return
	}
	if a := rec.Obj.Action; a != nil && a.CollectPaymentMethod != nil {
		if pi, ok := x.st.Intents.get(a.CollectPaymentMethod.PaymentIntent.ID); ok && pi.Obj.Status == "requires_confirmation" {
			pi.Obj.Status, pi.Obj.PaymentMethod = "requires_payment_method", ref{}
		}
	}
	rec.Collected = nil
}

func (x *txn) confirmPaymentIntent() (any, error) {
	rec, err := x.reader(x.pathValue("reader"), "reader")
	if err != nil {
		return nil, err
	}
	piID, ok := x.p.str("payment_intent")
	if !ok || piID == "" {
		return nil, errMissingParam("payment_intent")
	}
	for k := range x.p {
		if topName(k) == "confirm_config" && subField(k, "confirm_config") != "return_url" {
			return nil, errUnknownParam(k)
		}
	}
	if err := x.readyForCommand(rec); err != nil {
		return nil, err
	}
	pi, err := x.intent(piID, "payment_intent")
	if err != nil {
		return nil, err
	}
	a := rec.Obj.Action
	if rec.Collected == nil || a == nil || a.CollectPaymentMethod == nil || a.CollectPaymentMethod.PaymentIntent.ID != piID ||
		pi.Obj.Status != "requires_confirmation" {
		return nil, invalidRequest(http.StatusBadRequest, "intent_invalid_state", "",
			"Payment intent must be in the requires_confirmation state, with a payment method collected on this reader, to be confirmed.")
	}
	pp := *rec.Collected
	rec.Collected = nil
	rec.Obj.Action = &readerAction{Type: "confirm_payment_intent", Status: "in_progress",
		ConfirmPaymentIntent: &confirmPaymentIntentAction{PaymentIntent: idRef(piID)}}
	x.startAuthorization(rec, pp)
	return x.renderReader(rec), nil
}

// expireCollected ends collections left unconfirmed past the 30-second window.
func (x *txn) expireCollected() {
	x.st.Readers.scan(func(rec *readerRec) bool { // every request: no list made
		if rec.Collected == nil || x.now.Before(rec.Collected.DueAt) {
			return true
		}
		x.st.Readers.touch(rec.Obj.ID)
		x.as(x.st.ownerOf(rec.Obj.ID), func() {
			x.releaseCollected(rec)
			if a := rec.Obj.Action; a != nil && a.CollectPaymentMethod != nil {
				x.failAction(rec, "collection_timeout", msgCollectTimeout)
			}
		})
		return true
	})
}
