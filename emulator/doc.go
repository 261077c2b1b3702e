// Package emulator is a stateful, local imitation of the Stripe API endpoints that till
// uses: PaymentIntents, Charges, Terminal readers and locations, and the
// present_payment_method test helper. It is till's embedded default (a demo with no
// account and no network) and the test bed of till's own tests.
//
// An Emulator is an http.Handler speaking Stripe's wire format: form-encoded bodies with
// bracket nesting, JSON responses, Stripe's error envelope, Request-Id headers, API-key
// authentication (any sk_test_/rk_test_ key) and Idempotency-Key replay. Objects decode
// with stripe-go's own types. State lives in memory and, when Options.StatePath is set,
// in a JSON file rewritten atomically after every change, so a payment left unfinished
// survives a restart.
//
// Simulated readers behave as in Stripe test mode: process_payment_intent leaves the
// action in_progress until a card is presented through the test helper, which then
// approves or declines according to the test card numbers and test amounts.
//
// # Webhooks
//
// Every event the emulator records (listed by GET /v1/events) is POSTed to each of
// Options.Webhooks with a Stripe-Signature header (t=<unix s>,v1=<HMAC-SHA256 of
// "t.body" keyed by the endpoint's secret>) and api_version 2023-10-16, so stripe-go
// v76's webhook.ConstructEvent accepts it. Delivery runs in one goroutine per endpoint,
// never under the state lock: a bounded queue, up to three attempts with doubling
// backoff (Options.WebhookBackoff) on errors and non-2xx answers. Close stops it.
//
// # Faults
//
// Faults simulate what goes wrong in the field, per reader or globally (see Fault):
// reader offline, command timeout (lost, or delivered: the false negative),
// connection_error during authorization (authorized or not), a reader disconnecting
// mid-payment, customer cancellation, latency and jitter, a fraction of HTTP 500s and of
// dropped connections (before or after the change is made), the test-mode rate limit,
// and webhook delay, loss and duplication (global only). Set them with SetFault,
// SetNamedFault and ClearFaults or through the admin API. Faults are kept in memory
// only. Options.AuthorizeDelay adds an authorizing window after a card is presented,
// during which reader commands get terminal_reader_busy.
//
// # Admin HTTP API
//
// Served beside the Stripe API, without authentication (bind to loopback):
//
//	GET    /_emulator/state                  readers (as the API renders them), PaymentIntent summaries, faults
//	GET    /_emulator/faults                 faults by reader id ("" = global)
//	POST   /_emulator/faults                 set the global fault (JSON body, below); answers the faults
//	DELETE /_emulator/faults                 clear every fault
//	POST   /_emulator/readers/{id}/faults    set one reader's fault
//	DELETE /_emulator/readers/{id}/faults    clear one reader's fault
//	PUT    /_emulator/faults/{name}              switch one named fault on globally, keeping the rest
//	DELETE /_emulator/faults/{name}              switch it off
//	PUT    /_emulator/readers/{id}/faults/{name} switch one named fault on for one reader
//	DELETE /_emulator/readers/{id}/faults/{name} switch it off
//	POST   /_emulator/readers/{id}/present   present a card: {"number":"4242424242424242"} (optional)
//
// Named faults (FaultNames) are the switches of till's demo panel: offline, timeout,
// timeout_delivered, connection_error, connection_error_authorized, disconnect,
// customer_cancel. AdminClient speaks this API from Go.
//
// A fault body sets any of:
//
//	{"offline":true, "timeout":"lost"|"delivered", "connection_error":"not_authorized"|"authorized",
//	 "disconnect":true, "customer_cancel":true, "latency":"250ms", "jitter":"50ms",
//	 "error_rate":0.1, "drop_rate":0.05, "after_mutation":true, "rate_limit":true,
//	 "webhook_delay":"2s", "webhook_loss_rate":0.1, "webhook_duplicate_rate":0.1}
//
// The webhook faults are global only.
//
// Posting a fault replaces the previous one for that scope; {} clears it. Errors come
// back as {"error":{"type":"invalid_request_error","message":...}} with status 400/404.
//
// IDs are Stripe-like (pi_, ch_, pm_, tmr_, tml_, evt_, req_) and come from a counter kept
// in the state, so they never repeat across restarts of a persisted state.
package emulator
