package emulator

import "net/http"

// loseAnswer applies the lost_capture fault to a capture's successful answer (first or
// replayed): the change is made, the connection drops before the client hears of it.
func (e *Emulator) loseAnswer(w http.ResponseWriter, r *http.Request, rt route, res response) (response, bool) {
	if !rt.capture || res.status != http.StatusOK || !e.captureAnswerLost(r) {
		return res, false
	}
	if hj, ok := w.(http.Hijacker); ok {
		if conn, _, err := hj.Hijack(); err == nil {
			conn.Close()
			return response{}, true
		}
	}
	return errorResponse(&apiError{status: http.StatusInternalServerError,
		fields: apiErrorFields{Type: "api_error", Message: msgServerError}}, res.reqID), true
}

// captureAnswerLost reports whether the lost_capture fault is on for the reader that
// authorized the PaymentIntent being captured (by /v1/payment_intents/{intent}/capture
// or /v1/charges/{charge}/capture).
func (e *Emulator) captureAnswerLost(r *http.Request) bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	piID := r.PathValue("intent")
	if ch, ok := e.st.Charges.get(r.PathValue("charge")); ok {
		piID = ch.PaymentIntent.ID
	}
	rec, ok := e.st.Intents.get(piID)
	return ok && e.faultFor(rec.Reader).LostCapture
}
