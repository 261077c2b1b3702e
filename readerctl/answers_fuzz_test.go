package readerctl

import (
	"context"
	"net/http"
	"strings"
	"testing"
)

// FuzzAnswer maps any HTTP answer (status, headers, body; for lists a first and a
// second page) through one of the client's calls: nothing panics, every error is a
// *checkout.Failure of a known kind, and no failure carries the key.
func FuzzAnswer(f *testing.F) {
	reader := `{"id":"tmr_1","object":"terminal.reader","status":"online","action":{"type":"process_payment_intent","status":"in_progress","process_payment_intent":{"payment_intent":"pi_1"}}}`
	intent := `{"id":"pi_1","object":"payment_intent","status":"requires_capture","amount":100,"currency":"usd","metadata":{"order_id":"ord_1"},"latest_charge":{"id":"ch_1","object":"charge","payment_method_details":{"type":"card_present","card_present":{"brand":"visa","last4":"4242","capture_before":1700000000}}}}`
	for i, seed := range []struct {
		status      int
		header      string
		first, next string
	}{
		{200, "Request-Id: req_1", `{"object":"list","data":[` + reader + `],"has_more":true}`, `{"object":"list","data":[],"has_more":true}`},
		{200, "", `{"object":"list","data":[],"has_more":true}`, ``},
		{200, "Content-Type: application/json", intent, ``},
		{200, "", reader, ``},
		{200, "", `{"object":"search_result","data":[` + intent + `],"has_more":true,"next_page":"x"}`, `{"object":"search_result","data":[],"has_more":true,"next_page":null}`},
		{402, "Request-Id: req_2", `{"error":{"type":"card_error","code":"card_declined","decline_code":"insufficient_funds","message":"declined"}}`, ``},
		{400, "", `{"error":{"type":"invalid_request_error","code":"terminal_reader_busy"}}`, ``},
		{409, "Idempotent-Replayed: true", `{"error":{"type":"idempotency_error"}}`, ``},
		{429, "Stripe-Should-Retry: true", `{"error":{"type":"invalid_request_error","code":"rate_limit"}}`, ``},
		{500, "", `<html>oops</html>`, ``},
		{401, "", `{"error":{"message":"Invalid API Key provided: ` + testKey + `"}}`, ``},
		{200, "", `null`, ``},
		{204, "", ``, ``},
	} {
		f.Add(uint8(i), seed.status, seed.header, []byte(seed.first), []byte(seed.next))
	}
	script := &scripted{}
	// No rate-limit retries here: each would sleep (up to the call's deadline) on every
	// 429 the fuzzer makes, and the minimizer re-runs such inputs for minutes. The retries
	// have tests of their own (retry_test.go); this target maps answers to failures.
	c := scriptedClient(f, script, -1)
	f.Fuzz(func(t *testing.T, which uint8, status int, header string, first, next []byte) {
		h := http.Header{}
		for _, line := range strings.Split(header, "\n") {
			if name, value, ok := strings.Cut(line, ":"); ok {
				h.Add(strings.TrimSpace(name), strings.TrimSpace(value))
			}
		}
		script.answers = []answer{{status: status, header: h, body: first}, {status: 200, header: h, body: next}}
		call := clientCalls[int(which)%len(clientCalls)]
		checkOutcome(t, call.name, call.do(context.Background(), c))
	})
}
