package emulator

import "net/http"

// The reader commands of the server-driven integration.

// paymentCommand checks what process_payment_intent and collect_payment_method share:
// the reader can take a command, the intent waits for a payment method, and the config
// (under configParam) is valid. The reader's current action is released: a new command
// replaces whatever the reader was showing or waiting for.
func (x *txn) paymentCommand(configParam string) (*readerRec, string, *processConfig, error) {
	rec, err := x.reader(x.pathValue("reader"), "reader")
	if err != nil {
		return nil, "", nil, err
	}
	piID, ok := x.p.str("payment_intent")
	if !ok || piID == "" {
		return nil, "", nil, errMissingParam("payment_intent")
	}
	cfg, allowRedisplay, err := readProcessConfig(x.p, configParam)
	if err != nil {
		return nil, "", nil, err
	}
	if err := x.readyForCommand(rec); err != nil {
		return nil, "", nil, err
	}
	pi, err := x.intent(piID, "payment_intent")
	if err != nil {
		return nil, "", nil, err
	}
	if pi.Obj.Status != "requires_payment_method" {
		return nil, "", nil, invalidRequest(http.StatusBadRequest, "intent_invalid_state", "", msgIntentInvalidState)
	}
	// From 2024-09-30 (acacia) saving a card needs the customer's redisplay consent.
	if pi.Obj.SetupFutureUsage != nil && allowRedisplay == "" && x.atLeast(versionAllowRedisplay) {
		return nil, "", nil, invalidRequest(http.StatusBadRequest, "", configParam+"[allow_redisplay]",
			"%s[allow_redisplay] is required when the PaymentIntent has setup_future_usage.", configParam)
	}
	x.releaseCollected(rec)
	rec.AllowRedisplay = allowRedisplay
	return rec, piID, cfg, nil
}

func (x *txn) processPaymentIntent() (any, error) {
	rec, piID, cfg, err := x.paymentCommand("process_config")
	if err != nil {
		return nil, err
	}
	rec.Obj.Action = &readerAction{
		Type: "process_payment_intent", Status: "in_progress",
		ProcessPaymentIntent: &processPaymentIntentAction{PaymentIntent: idRef(piID), ProcessConfig: cfg},
	}
	return x.renderReader(rec), nil
}

func (x *txn) cancelAction() (any, error) {
	rec, err := x.reader(x.pathValue("reader"), "reader")
	if err != nil {
		return nil, err
	}
	if err := x.checkExpand(readerExpands...); err != nil {
		return nil, err
	}
	// A disconnected reader's action is cleared on Stripe's side all the same.
	if !x.e.faultFor(rec.Obj.ID).Disconnect {
		if err := x.commandable(rec); err != nil {
			return nil, err
		}
	}
	if (rec.Obj.Action == nil || rec.Obj.Action.Status != "in_progress") && rec.Collected == nil {
		return nil, invalidRequest(http.StatusBadRequest, "", "", "Reader %s has no in-progress action to cancel.", rec.Obj.ID)
	}
	x.releaseCollected(rec)
	rec.Obj.Action = nil
	return x.renderReader(rec), nil
}

// failAction ends the reader's action with a failure.
func (x *txn) failAction(rec *readerRec, code, message string) {
	a := rec.Obj.Action
	a.Status, a.FailureCode, a.FailureMessage = "failed", strPtr(code), strPtr(message)
	x.emit("terminal.reader.action_failed", x.readerNow(rec))
}

// failActionAPI ends the reader's action with a failure the Stripe API answered (a
// decline): the action keeps the error for api_error, on a reader whose software
// reports it.
func (x *txn) failActionAPI(rec *readerRec, e apiErrorFields) {
	e.PaymentIntent, e.PaymentMethod = nil, nil // api_error carries the ids only
	if reportsAPIError(rec.Obj.DeviceSwVersion) {
		p := &e
		rec.Obj.Action.APIError = &p
	}
	x.failAction(rec, e.Code, e.Message)
}

// failInvalid ends the reader's action with an invalid_request_error the API answered
// (the PaymentIntent changed state meanwhile, the charge was refunded already).
func (x *txn) failInvalid(rec *readerRec, code, message string) {
	x.failActionAPI(rec, invalidRequest(http.StatusBadRequest, code, "", "%s", message).fields)
}

func (x *txn) succeedAction(rec *readerRec) {
	a := rec.Obj.Action
	a.Status, a.FailureCode, a.FailureMessage = "succeeded", nil, nil
	x.emit("terminal.reader.action_succeeded", x.readerNow(rec))
}
