package emulator

import (
	"net/http"
)

// apiRoutes are the Stripe endpoints the emulator serves.
func (e *Emulator) apiRoutes() []route {
	return []route{
		{pattern: "POST /v1/payment_intents", allowed: piCreateParams, fn: (*txn).createIntent},
		{pattern: "GET /v1/payment_intents/{intent}", allowed: nil, fn: (*txn).retrieveIntent},
		{pattern: "POST /v1/payment_intents/{intent}/capture", allowed: piCaptureParams, fn: (*txn).captureIntent},
		{pattern: "POST /v1/payment_intents/{intent}/cancel", allowed: piCancelParams, fn: (*txn).cancelIntent},
		{pattern: "GET /v1/charges/{charge}", allowed: nil, fn: (*txn).retrieveCharge},
		{pattern: "GET /v1/terminal/readers", allowed: readerListParams, fn: (*txn).listReaders},
		{pattern: "GET /v1/terminal/readers/{reader}", allowed: nil, fn: (*txn).retrieveReader},
		{pattern: "POST /v1/terminal/readers/{reader}/process_payment_intent", allowed: processParams, fn: (*txn).processPaymentIntent, command: true},
		{pattern: "POST /v1/terminal/readers/{reader}/cancel_action", allowed: nil, fn: (*txn).cancelAction, command: true},
		{pattern: "GET /v1/terminal/locations", allowed: locationListParams, fn: (*txn).listLocations},
		{pattern: "GET /v1/terminal/locations/{location}", allowed: nil, fn: (*txn).retrieveLocation},
		{pattern: "POST /v1/test_helpers/terminal/readers/{reader}/present_payment_method", allowed: presentParams, fn: (*txn).presentPaymentMethod},
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
