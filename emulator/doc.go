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
// IDs are Stripe-like (pi_, ch_, pm_, tmr_, tml_, evt_, req_) and come from a counter kept
// in the state, so they never repeat across restarts of a persisted state.
package emulator
