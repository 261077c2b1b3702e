package emulator

import (
	"fmt"
	"net/http"
	"strings"
)

// apiErrorFields is Stripe's error hash: the body of an error response and the
// PaymentIntent's last_payment_error.
type apiErrorFields struct {
	Charge        string         `json:"charge,omitempty"`
	Code          string         `json:"code,omitempty"`
	DeclineCode   string         `json:"decline_code,omitempty"`
	DocURL        string         `json:"doc_url,omitempty"`
	Message       string         `json:"message,omitempty"`
	Param         string         `json:"param,omitempty"`
	PaymentIntent *paymentIntent `json:"payment_intent,omitempty"`
	PaymentMethod *paymentMethod `json:"payment_method,omitempty"`
	Type          string         `json:"type"`
}

// apiError is a failed request: an HTTP status and Stripe's error hash.
type apiError struct {
	status int
	fields apiErrorFields
	// validation marks errors found before the endpoint began executing; like Stripe,
	// the emulator does not store them under an idempotency key.
	validation bool
}

func (e *apiError) Error() string { return e.fields.Message }

type errorEnvelope struct {
	Error apiErrorFields `json:"error"`
}

func docURL(code string) string {
	if code == "" {
		return ""
	}
	return "https://stripe.com/docs/error-codes/" + strings.ReplaceAll(code, "_", "-")
}

func invalidRequest(status int, code, param, format string, args ...any) *apiError {
	return &apiError{status: status, fields: apiErrorFields{
		Type: "invalid_request_error", Code: code, Param: param, DocURL: docURL(code),
		Message: fmt.Sprintf(format, args...),
	}}
}

func validationError(code, param, format string, args ...any) *apiError {
	e := invalidRequest(http.StatusBadRequest, code, param, format, args...)
	e.validation = true
	return e
}

func errMissingParam(param string) *apiError {
	return validationError("parameter_missing", param, "Missing required param: %s.", param)
}

func errUnknownParam(param string) *apiError {
	return validationError("parameter_unknown", param, "Received unknown parameter: %s", param)
}

func errInvalidInteger(param, value string) *apiError {
	return validationError("parameter_invalid_integer", param, "Invalid integer: %s", value)
}

func errInvalidBoolean(param, value string) *apiError {
	return validationError("", param, "Invalid boolean: %s", value)
}

func errInvalidEnum(param, value string, allowed ...string) *apiError {
	return validationError("", param, "Invalid %s: must be one of %s (got %q)", param, strings.Join(allowed, ", "), value)
}

// errNoSuch is Stripe's resource_missing: 404 with the id's parameter named.
func errNoSuch(kind, id, param string) *apiError {
	e := invalidRequest(http.StatusNotFound, "resource_missing", param, "No such %s: '%s'", kind, id)
	return e
}

func errUnexpectedState(pi *paymentIntent, format string, args ...any) *apiError {
	e := invalidRequest(http.StatusBadRequest, "payment_intent_unexpected_state", "", format, args...)
	cp := *pi
	e.fields.PaymentIntent = &cp
	return e
}

const (
	msgReaderBusy = "Reader is currently busy processing another request. Please reference the integration guide at " +
		"https://stripe.com/docs/terminal/payments/collect-card-payment?terminal-sdk-platform=server-driven#handle-errors " +
		"for details on how to handle this error."
	msgReaderOffline = "Reader is currently offline, please ensure the reader is powered on and connected to the internet " +
		"before retrying your request. Reference the integration guide at " +
		"https://docs.stripe.com/terminal/payments/collect-card-payment?terminal-sdk-platform=server-driven#reader-offline " +
		"for details on how to handle this error."
	msgReaderTimeout = "There was a timeout when sending this command to the reader. Please reference the integration guide at " +
		"https://stripe.com/docs/terminal/payments/collect-card-payment?terminal-sdk-platform=server-driven#handle-errors " +
		"for details on how to handle this error."
	msgIntentInvalidState = "Payment intent must be in the requires_payment_method state to be processed by a reader."
	msgNoKey              = "You did not provide an API key. You need to provide your API key in the Authorization header, " +
		"using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication " +
		"for details, or we can help at https://support.stripe.com/."
	msgConnectionError  = "Could not connect to Stripe."
	msgCustomerCanceled = "This action could not be completed due to an error on the card reader."
)

func errReaderBusy() *apiError {
	return invalidRequest(http.StatusBadRequest, "terminal_reader_busy", "", msgReaderBusy)
}

func errReaderOffline() *apiError {
	return invalidRequest(http.StatusBadRequest, "terminal_reader_offline", "", msgReaderOffline)
}

func errReaderTimeout() *apiError {
	return invalidRequest(http.StatusBadRequest, "terminal_reader_timeout", "", msgReaderTimeout)
}
