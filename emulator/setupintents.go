package emulator

import (
	"net/http"
	"slices"
	"strings"
)

// SetupIntents save a card for later without charging it: on a reader with
// process_setup_intent, then present_payment_method. The card read is a card_present
// payment method; the reusable one is the card payment method generated from it
// (generated_card), attached to the SetupIntent's customer.

var (
	siCreateParams = []string{"payment_method_types", "allowed_payment_method_types", "automatic_payment_methods", "customer",
		"description", "metadata", "on_behalf_of", "usage"}
	siUpdateParams           = []string{"payment_method_types", "allowed_payment_method_types", "customer", "description", "metadata"}
	siListParams             = []string{"created", "customer", "payment_method", "limit", "starting_after", "ending_before"}
	siCancelParams           = []string{"cancellation_reason"}
	siExpands                = []string{"latest_attempt", "payment_method"}
	siCancellationReasons    = []string{"abandoned", "duplicate", "requested_by_customer"}
	setupAttemptListParams   = []string{"setup_intent", "created", "limit", "starting_after", "ending_before"}
	processSetupIntentParams = []string{"setup_intent", "allow_redisplay", "customer_consent_collected", "process_config"}
	siCancelableStatuses     = []string{"requires_payment_method", "requires_confirmation", "requires_action", "processing"}
)

type setupIntent struct {
	ID     string `json:"id"`
	Object string `json:"object"`
	// AllowedPaymentMethodTypes is as paymentIntent's.
	AllowedPaymentMethodTypes         *[]string                `json:"allowed_payment_method_types,omitempty"`
	Application                       *string                  `json:"application"`
	AutomaticPaymentMethods           *automaticPaymentMethods `json:"automatic_payment_methods"`
	CancellationReason                *string                  `json:"cancellation_reason"`
	ClientSecret                      string                   `json:"client_secret"`
	Created                           int64                    `json:"created"`
	Customer                          *string                  `json:"customer"`
	Description                       *string                  `json:"description"`
	ExcludedPaymentMethodTypes        alwaysNull               `json:"excluded_payment_method_types"`
	LastSetupError                    *apiErrorFields          `json:"last_setup_error"`
	LatestAttempt                     ref                      `json:"latest_attempt"`
	Livemode                          bool                     `json:"livemode"`
	Mandate                           *string                  `json:"mandate"`
	Metadata                          map[string]string        `json:"metadata"`
	NextAction                        *struct{}                `json:"next_action"`
	OnBehalfOf                        *string                  `json:"on_behalf_of"`
	PaymentMethod                     ref                      `json:"payment_method"`
	PaymentMethodConfigurationDetails alwaysNull               `json:"payment_method_configuration_details"`
	PaymentMethodOptions              alwaysNull               `json:"payment_method_options"`
	PaymentMethodTypes                []string                 `json:"payment_method_types"`
	SingleUseMandate                  *string                  `json:"single_use_mandate"`
	Status                            string                   `json:"status"`
	Usage                             string                   `json:"usage"`
}

type setupIntentRec struct {
	Seq int64       `json:"seq"`
	Obj setupIntent `json:"object"`
}

type setupAttemptCardPresent struct {
	GeneratedCard *string   `json:"generated_card"`
	Offline       *struct{} `json:"offline"`
}

type setupAttemptDetails struct {
	CardPresent *setupAttemptCardPresent `json:"card_present,omitempty"`
	Type        string                   `json:"type"`
}

type setupAttempt struct {
	ID                   string              `json:"id"`
	Object               string              `json:"object"`
	Application          *string             `json:"application"`
	Created              int64               `json:"created"`
	Customer             *string             `json:"customer"`
	CustomerAccount      alwaysNull          `json:"customer_account"`
	FlowDirections       []string            `json:"flow_directions"`
	Livemode             bool                `json:"livemode"`
	OnBehalfOf           *string             `json:"on_behalf_of"`
	PaymentMethod        string              `json:"payment_method"`
	PaymentMethodDetails setupAttemptDetails `json:"payment_method_details"`
	SetupError           *apiErrorFields     `json:"setup_error"`
	SetupIntent          string              `json:"setup_intent"`
	Status               string              `json:"status"`
	Usage                string              `json:"usage"`
}

type setupAttemptRec struct {
	Seq int64        `json:"seq"`
	Obj setupAttempt `json:"object"`
}

type processSetupIntentAction struct {
	GeneratedCard *string             `json:"generated_card,omitempty"`
	ProcessConfig *cancellationConfig `json:"process_config,omitempty"`
	SetupIntent   string              `json:"setup_intent"`
}

func (x *txn) setupIntent(id, param string) (*setupIntentRec, *apiError) {
	rec, ok := x.st.SetupIntents.get(id)
	if !ok || !x.owns(id) {
		return nil, errNoSuch("setup_intent", id, param)
	}
	return rec, nil
}

// renderSetupIntent is the SetupIntent as the request sees it, at its API version,
// expansions applied.
func (x *txn) renderSetupIntent(si *setupIntent) *setupIntent {
	out := *si.at(x.version)
	if x.expands("latest_attempt") && si.LatestAttempt.ID != "" {
		if a, ok := x.st.SetupAttempts.get(si.LatestAttempt.ID); ok {
			att := a.Obj
			out.LatestAttempt.obj = &att
		}
	}
	if x.expands("payment_method") && si.PaymentMethod.ID != "" {
		if pm, ok := x.st.PaymentMethods.get(si.PaymentMethod.ID); ok {
			m := *pm
			out.PaymentMethod.obj = &m
		}
	}
	return &out
}

func (x *txn) createSetupIntent() (any, error) {
	mt, err := x.paymentMethodTypes("")
	if err != nil {
		return nil, err
	}
	customer, err := optCustomer(x.p, "customer")
	if err != nil {
		return nil, err
	}
	obo, err := optAccount(x.p, "on_behalf_of")
	if err != nil {
		return nil, err
	}
	usage := "off_session"
	if u, ok := x.p.str("usage"); ok {
		if !slices.Contains(usages, u) {
			return nil, errInvalidEnum("usage", u, usages...)
		}
		usage = u
	}
	md, _, err := readMetadata(x.p)
	if err != nil {
		return nil, err
	}
	desc, err := optString(x.p, "description", 1000)
	if err != nil {
		return nil, err
	}
	if err := x.checkExpand(siExpands...); err != nil {
		return nil, err
	}
	id, seq := x.newID("seti")
	si := setupIntent{ID: id, Object: "setup_intent", AllowedPaymentMethodTypes: mt.allowed, AutomaticPaymentMethods: mt.auto,
		ClientSecret: id + "_secret_" + digest(id, 24), Created: x.now.Unix(), Customer: customer, Description: desc, Metadata: md,
		OnBehalfOf: obo, PaymentMethodTypes: mt.types,
		Status: "requires_payment_method", Usage: usage}
	x.st.SetupIntents.put(id, seqOfID(id), &setupIntentRec{Seq: seq, Obj: si})
	x.emit("setup_intent.created", &si)
	return x.renderSetupIntent(&si), nil
}

func (x *txn) pathSetupIntent() (*setupIntentRec, *apiError) {
	if err := x.checkExpand(siExpands...); err != nil {
		return nil, err
	}
	return x.setupIntent(x.pathValue("intent"), "intent")
}

func (x *txn) retrieveSetupIntent() (any, error) {
	rec, err := x.pathSetupIntent()
	if err != nil {
		return nil, err
	}
	return x.renderSetupIntent(&rec.Obj), nil
}

func (x *txn) updateSetupIntent() (any, error) {
	rec, aerr := x.pathSetupIntent()
	if aerr != nil {
		return nil, aerr
	}
	next := rec.Obj
	next.Metadata = copyMap(rec.Obj.Metadata)
	if mt, err := x.paymentMethodTypes(""); err != nil {
		return nil, err
	} else if mt.sent {
		if next.Status != "requires_payment_method" {
			return nil, invalidRequest(http.StatusBadRequest, "setup_intent_unexpected_state", "payment_method_types",
				"You cannot update payment_method_types on a SetupIntent with a status of %s.", next.Status)
		}
		next.PaymentMethodTypes, next.AllowedPaymentMethodTypes, next.AutomaticPaymentMethods = mt.types, mt.allowed, mt.auto
	}
	var err *apiError
	if x.p.has("customer") {
		if next.Customer, err = optCustomer(x.p, "customer"); err != nil {
			return nil, err
		}
	}
	if x.p.has("description") {
		if next.Description, err = optString(x.p, "description", 1000); err != nil {
			return nil, err
		}
	}
	md, err := readMetadataUpdate(x.p)
	if err != nil {
		return nil, err
	}
	next.Metadata = md.apply(next.Metadata)
	rec.Obj = next
	return x.renderSetupIntent(&rec.Obj), nil
}

func (x *txn) cancelSetupIntent() (any, error) {
	rec, aerr := x.pathSetupIntent()
	if aerr != nil {
		return nil, aerr
	}
	si := &rec.Obj
	var reason *string
	if r, ok := x.p.str("cancellation_reason"); ok {
		if !slices.Contains(siCancellationReasons, r) {
			return nil, errInvalidEnum("cancellation_reason", r, siCancellationReasons...)
		}
		reason = &r
	}
	if !slices.Contains(siCancelableStatuses, si.Status) {
		return nil, invalidRequest(http.StatusBadRequest, "setup_intent_unexpected_state", "",
			"You cannot cancel this SetupIntent because it has a status of %s. Only a SetupIntent with one of the following "+
				"statuses may be canceled: %s.", si.Status, strings.Join(siCancelableStatuses, ", "))
	}
	si.Status, si.CancellationReason = "canceled", reason
	x.emit("setup_intent.canceled", si)
	return x.renderSetupIntent(si), nil
}

func (x *txn) listSetupIntents() (any, error) {
	match, err := x.listCreated(siExpands...)
	if err != nil {
		return nil, err
	}
	customer, byCustomer := x.p.str("customer")
	pm, byPM := x.p.str("payment_method")
	t := x.st.SetupIntents
	keep := func(en *entry[setupIntentRec]) bool {
		rec := t.objOf(en)
		if rec == nil {
			return false
		}
		si := &rec.Obj
		return match(si.Created) && (!byCustomer || si.Customer != nil && *si.Customer == customer) && (!byPM || si.PaymentMethod.ID == pm)
	}
	render := func(rec *setupIntentRec) any { return x.renderSetupIntent(&rec.Obj) }
	return listPage(x, t, t.all(), owned(x, keep), render, "/v1/setup_intents", "setup_intent")
}

func (x *txn) listSetupAttempts() (any, error) {
	if err := x.checkExpand(); err != nil {
		return nil, err
	}
	siID, ok := x.p.str("setup_intent")
	if !ok || siID == "" {
		return nil, errMissingParam("setup_intent")
	}
	if _, err := x.setupIntent(siID, "setup_intent"); err != nil {
		return nil, err
	}
	match, err := x.createdFilter()
	if err != nil {
		return nil, err
	}
	t := x.st.SetupAttempts
	keep := func(en *entry[setupAttemptRec]) bool { return match(en.created) }
	render := func(rec *setupAttemptRec) any {
		att := rec.Obj
		return &att
	}
	return listPage(x, t, t.withTerm(fieldTerm("setup_intent", siID)), keep, render, "/v1/setup_attempts", "setup_attempt")
}

// processSetupIntent asks the reader to read a card to save. Before 2024-09-30 the
// customer's consent was customer_consent_collected; since, it is allow_redisplay.
func (x *txn) processSetupIntent() (any, error) {
	rec, err := x.reader(x.pathValue("reader"), "reader")
	if err != nil {
		return nil, err
	}
	siID, ok := x.p.str("setup_intent")
	if !ok || siID == "" {
		return nil, errMissingParam("setup_intent")
	}
	allowRedisplay, err := x.readConsent()
	if err != nil {
		return nil, err
	}
	if err := onlyFields(x.p, "process_config", "enable_customer_cancellation"); err != nil {
		return nil, err
	}
	cancel, err := x.p.optBool("process_config[enable_customer_cancellation]")
	if err != nil {
		return nil, err
	}
	if err := x.readyForCommand(rec); err != nil {
		return nil, err
	}
	si, err := x.setupIntent(siID, "setup_intent")
	if err != nil {
		return nil, err
	}
	if si.Obj.Status != "requires_payment_method" {
		return nil, invalidRequest(http.StatusBadRequest, "intent_invalid_state", "",
			"Setup intent must be in the requires_payment_method state to be processed by a reader.")
	}
	if !slices.Contains(si.Obj.PaymentMethodTypes, "card_present") {
		return nil, invalidRequest(http.StatusBadRequest, "", "setup_intent",
			"SetupIntent %s does not accept card_present (payment_method_types: %s).", siID, strings.Join(si.Obj.PaymentMethodTypes, ", "))
	}
	act := &processSetupIntentAction{SetupIntent: siID}
	if cancel != nil {
		act.ProcessConfig = &cancellationConfig{EnableCustomerCancellation: cancel}
	}
	x.releaseCollected(rec)
	rec.AllowRedisplay = allowRedisplay
	rec.Obj.Action = &readerAction{Type: "process_setup_intent", Status: "in_progress", ProcessSetupIntent: act}
	return x.renderReader(rec), nil
}

// readConsent reads the customer's consent to save the card, as the API version has it.
func (x *txn) readConsent() (string, *apiError) {
	if !x.atLeast(versionAllowRedisplay) {
		if x.p.has("allow_redisplay") {
			return "", errUnknownParam("allow_redisplay")
		}
		consent, ok, err := x.p.boolean("customer_consent_collected")
		if err != nil {
			return "", err
		}
		if !ok {
			return "", errMissingParam("customer_consent_collected")
		}
		if !consent {
			return "", validationError("", "customer_consent_collected", "customer_consent_collected must be true to save a card.")
		}
		return "unspecified", nil
	}
	if x.p.has("customer_consent_collected") {
		return "", errUnknownParam("customer_consent_collected")
	}
	v, ok := x.p.str("allow_redisplay")
	if !ok {
		return "", errMissingParam("allow_redisplay")
	}
	if !slices.Contains(allowRedisplayValues, v) {
		return "", errInvalidEnum("allow_redisplay", v, allowRedisplayValues...)
	}
	return v, nil
}

// presentForSetup completes a process_setup_intent action with the card presented.
func (x *txn) presentForSetup(rec *readerRec, typ, number string) *apiError {
	a := rec.Obj.Action.ProcessSetupIntent
	siRec, ok := x.st.SetupIntents.get(a.SetupIntent)
	if !ok {
		return errNoSuch("setup_intent", a.SetupIntent, "setup_intent")
	}
	si := &siRec.Obj
	card, err := resolveCard([]string{"card_present"}, "SetupIntent "+si.ID, typ, number)
	if err != nil {
		return err
	}
	f := x.e.faultFor(rec.Obj.ID)
	switch {
	case si.Status != "requires_payment_method":
		x.failInvalid(rec, "intent_invalid_state", "Setup intent must be in the requires_payment_method state to be processed by a reader.")
		return nil
	case f.CustomerCancel && customerMayCancel(rec.Obj.Action):
		x.failAction(rec, "customer_canceled", msgCustomerCanceled)
		return nil
	case f.ConnectionError == ConnectionNotAuthorized:
		x.failAction(rec, "connection_error", msgConnectionError)
		return nil
	}
	read := x.newPaymentMethod(card, card.ReadMethod)
	attID, seq := x.newID("setatt")
	att := setupAttempt{ID: attID, Object: "setup_attempt", Created: x.now.Unix(), Customer: si.Customer, OnBehalfOf: si.OnBehalfOf,
		PaymentMethod: read.ID, PaymentMethodDetails: setupAttemptDetails{Type: "card_present", CardPresent: &setupAttemptCardPresent{}},
		SetupIntent: si.ID, Usage: si.Usage}
	si.LatestAttempt = idRef(attID)
	if card.Code != "" {
		// Stripe's error test cards fail a SetupIntent with setup_intent_authentication_failure.
		e := &apiErrorFields{Type: "card_error", Code: "setup_intent_authentication_failure", DeclineCode: card.DeclineCode,
			Message: "The latest attempt to set up the payment method has failed because authentication failed.",
			DocURL:  docURL("setup_intent_authentication_failure"), PaymentMethod: read}
		att.Status, att.SetupError = "failed", e
		si.LastSetupError = e
		x.st.SetupAttempts.put(attID, seqOfID(attID), &setupAttemptRec{Seq: seq, Obj: att})
		x.emit("setup_intent.setup_failed", si)
		x.failActionAPI(rec, *e)
		return nil
	}
	saved := x.generatedCard(card, si.Customer, rec.AllowRedisplay, generatedFrom{SetupAttempt: strPtr(attID)})
	att.Status, att.PaymentMethodDetails.CardPresent.GeneratedCard = "succeeded", strPtr(saved.ID)
	x.st.SetupAttempts.put(attID, seqOfID(attID), &setupAttemptRec{Seq: seq, Obj: att})
	// UNCERTAIN: the SetupIntent's payment_method is the reusable generated card.
	si.Status, si.PaymentMethod, si.LastSetupError = "succeeded", idRef(saved.ID), nil
	a.GeneratedCard = strPtr(saved.ID)
	x.emit("setup_intent.succeeded", si)
	if si.Customer != nil {
		x.emit("payment_method.attached", saved)
	}
	if f.ConnectionError == ConnectionAuthorized {
		x.failAction(rec, "connection_error", msgConnectionError)
		return nil
	}
	x.succeedAction(rec)
	return nil
}
