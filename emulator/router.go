package emulator

import (
	"net/http"
)

// apiRoutes are the Stripe endpoints the emulator serves.
func (e *Emulator) apiRoutes() []route {
	return []route{
		{pattern: "POST /v1/payment_intents", allowed: piCreateParams, fn: (*txn).createIntent},
		{pattern: "GET /v1/payment_intents", allowed: piListParams, fn: (*txn).listIntents},
		{pattern: "GET /v1/payment_intents/search", allowed: piSearchParams, fn: (*txn).searchIntents},
		{pattern: "GET /v1/payment_intents/{intent}", fn: (*txn).retrieveIntent},
		{pattern: "POST /v1/payment_intents/{intent}", allowed: piUpdateParams, fn: (*txn).updateIntent},
		{pattern: "POST /v1/payment_intents/{intent}/capture", allowed: piCaptureParams, fn: (*txn).captureIntent, capture: true},
		{pattern: "POST /v1/payment_intents/{intent}/cancel", allowed: piCancelParams, fn: (*txn).cancelIntent},
		{pattern: "POST /v1/payment_intents/{intent}/increment_authorization", allowed: piIncrementParams, fn: (*txn).incrementAuthorization},
		{pattern: "GET /v1/setup_intents", allowed: siListParams, fn: (*txn).listSetupIntents},
		{pattern: "POST /v1/setup_intents", allowed: siCreateParams, fn: (*txn).createSetupIntent},
		{pattern: "GET /v1/setup_intents/{intent}", fn: (*txn).retrieveSetupIntent},
		{pattern: "POST /v1/setup_intents/{intent}", allowed: siUpdateParams, fn: (*txn).updateSetupIntent},
		{pattern: "POST /v1/setup_intents/{intent}/cancel", allowed: siCancelParams, fn: (*txn).cancelSetupIntent},
		{pattern: "GET /v1/setup_attempts", allowed: setupAttemptListParams, fn: (*txn).listSetupAttempts},
		{pattern: "GET /v1/charges", allowed: chargeListParams, fn: (*txn).listCharges},
		{pattern: "GET /v1/charges/search", allowed: chargeSearchParams, fn: (*txn).searchCharges},
		{pattern: "GET /v1/charges/{charge}", fn: (*txn).retrieveCharge},
		{pattern: "POST /v1/charges/{charge}", allowed: chargeUpdateParams, fn: (*txn).updateCharge},
		{pattern: "POST /v1/charges/{charge}/capture", allowed: chargeCaptureParams, fn: (*txn).captureChargeEndpoint, capture: true},
		{pattern: "GET /v1/charges/{charge}/refunds", allowed: chargeRefundListParams, fn: (*txn).listChargeRefunds},
		{pattern: "GET /v1/payment_methods/{payment_method}", fn: (*txn).retrievePaymentMethod},
		{pattern: "GET /v1/balance_transactions", allowed: balanceListParams, fn: (*txn).listBalanceTransactions},
		{pattern: "GET /v1/balance_transactions/{id}", fn: (*txn).retrieveBalanceTransaction},
		{pattern: "POST /v1/refunds", allowed: refundParams, fn: (*txn).createRefund},
		{pattern: "GET /v1/refunds", allowed: refundListParams, fn: (*txn).listRefunds},
		{pattern: "GET /v1/refunds/{refund}", fn: (*txn).retrieveRefund},
		{pattern: "POST /v1/refunds/{refund}", allowed: refundUpdateParams, fn: (*txn).updateRefund},
		{pattern: "POST /v1/refunds/{refund}/cancel", fn: (*txn).cancelRefund},
		{pattern: "GET /v1/events", allowed: eventListParams, fn: (*txn).listEvents},
		{pattern: "GET /v1/events/{event}", fn: (*txn).retrieveEvent},
		{pattern: "GET /v1/webhook_endpoints", allowed: webhookListParams, fn: (*txn).listWebhookEndpoints},
		{pattern: "POST /v1/webhook_endpoints", allowed: webhookCreateParams, fn: (*txn).createWebhookEndpoint},
		{pattern: "GET /v1/webhook_endpoints/{webhook_endpoint}", fn: (*txn).retrieveWebhookEndpoint},
		{pattern: "POST /v1/webhook_endpoints/{webhook_endpoint}", allowed: webhookUpdateParams, fn: (*txn).updateWebhookEndpoint},
		{pattern: "DELETE /v1/webhook_endpoints/{webhook_endpoint}", fn: (*txn).deleteWebhookEndpoint},
		{pattern: "GET /v1/terminal/readers", allowed: readerListParams, fn: (*txn).listReaders},
		{pattern: "POST /v1/terminal/readers", allowed: readerRegisterParams, fn: (*txn).registerReader},
		{pattern: "GET /v1/terminal/readers/{reader}", fn: (*txn).retrieveReader},
		{pattern: "POST /v1/terminal/readers/{reader}", allowed: readerUpdateParams, fn: (*txn).updateReader},
		{pattern: "DELETE /v1/terminal/readers/{reader}", fn: (*txn).deleteReader},
		{pattern: "POST /v1/terminal/readers/{reader}/process_payment_intent", allowed: processParams, fn: (*txn).processPaymentIntent, command: true},
		{pattern: "POST /v1/terminal/readers/{reader}/process_setup_intent", allowed: processSetupIntentParams, fn: (*txn).processSetupIntent, command: true},
		{pattern: "POST /v1/terminal/readers/{reader}/collect_payment_method", allowed: collectParams, fn: (*txn).collectPaymentMethod, command: true},
		{pattern: "POST /v1/terminal/readers/{reader}/confirm_payment_intent", allowed: confirmParams, fn: (*txn).confirmPaymentIntent, command: true},
		{pattern: "POST /v1/terminal/readers/{reader}/collect_inputs", allowed: collectInputsParams, fn: (*txn).collectInputs, command: true},
		{pattern: "POST /v1/terminal/readers/{reader}/cancel_action", fn: (*txn).cancelAction, command: true},
		{pattern: "POST /v1/terminal/readers/{reader}/set_reader_display", allowed: displayParams, fn: (*txn).setReaderDisplay, command: true},
		{pattern: "POST /v1/terminal/readers/{reader}/refund_payment", allowed: refundPaymentParams, fn: (*txn).refundPayment, command: true},
		{pattern: "GET /v1/terminal/locations", allowed: locationListParams, fn: (*txn).listLocations},
		{pattern: "POST /v1/terminal/locations", allowed: locationParams, fn: (*txn).createLocation},
		{pattern: "GET /v1/terminal/locations/{location}", fn: (*txn).retrieveLocation},
		{pattern: "POST /v1/terminal/locations/{location}", allowed: locationParams, fn: (*txn).updateLocation},
		{pattern: "DELETE /v1/terminal/locations/{location}", fn: (*txn).deleteLocation},
		{pattern: "GET /v1/terminal/configurations", allowed: configurationListParams, fn: (*txn).listConfigurations},
		{pattern: "POST /v1/terminal/configurations", allowed: configurationParams, fn: (*txn).createConfiguration},
		{pattern: "GET /v1/terminal/configurations/{configuration}", fn: (*txn).retrieveConfiguration},
		{pattern: "POST /v1/terminal/configurations/{configuration}", allowed: configurationParams, fn: (*txn).updateConfiguration},
		{pattern: "DELETE /v1/terminal/configurations/{configuration}", fn: (*txn).deleteConfiguration},
		{pattern: "POST /v1/terminal/connection_tokens", allowed: connectionTokenParams, fn: (*txn).createConnectionToken},
		{pattern: "POST /v1/test_helpers/terminal/readers/{reader}/present_payment_method", allowed: presentParams, fn: (*txn).presentPaymentMethod},
		{pattern: "POST /v1/test_helpers/terminal/readers/{reader}/succeed_input_collection", allowed: succeedInputsParams, fn: (*txn).succeedInputCollection},
		{pattern: "POST /v1/test_helpers/terminal/readers/{reader}/timeout_input_collection", fn: (*txn).timeoutInputCollection},
	}
}

func (e *Emulator) newRouter() *http.ServeMux {
	mux := http.NewServeMux()
	for _, rt := range e.apiRoutes() {
		mux.HandleFunc(rt.pattern, func(w http.ResponseWriter, r *http.Request) { e.handle(w, r, rt) })
	}
	e.adminRoutes(mux)
	unknown := route{pattern: "/", fn: func(x *txn) (any, error) {
		return nil, invalidRequest(http.StatusNotFound, "", "", "Unrecognized request URL (%s: %s). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.",
			x.r.Method, x.r.URL.Path)
	}, anyParams: true}
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { e.handle(w, r, unknown) })
	return mux
}
