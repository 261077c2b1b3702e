// Package emulator is a stateful, local imitation of the Stripe API for Terminal's
// server-driven integration: PaymentIntents (with increment_authorization and search),
// SetupIntents, Charges (list, search, capture), Refunds, PaymentMethods, balance
// transactions, Terminal readers (their actions but print_content; collect_inputs too),
// locations, configurations and connection tokens, webhook endpoints, events, and the
// simulated-reader test helpers. It is till's embedded default (a demo with no account
// and no network) and the test bed of till's own tests; any Stripe SDK can use it.
//
// An Emulator is an http.Handler speaking Stripe's wire format: form-encoded bodies with
// bracket nesting, JSON responses, Stripe's error envelope, Request-Id headers, API-key
// authentication (any sk_test_/rk_test_ key) and Idempotency-Key replay (with
// Idempotent-Replayed and Original-Request). Objects decode with stripe-go's own types.
// State lives in memory and, when Options.StatePath is set, in an append-only state file
// (below), so a payment left unfinished survives a restart or a crash.
//
// Simulated readers behave as in Stripe test mode: process_payment_intent leaves the
// action in_progress until a card is presented through the test helper, which then
// approves or declines according to the test card numbers and test amounts
// (OutcomeForAmount tells which). A tip (amount_tip) counts only where the reader shows
// a tip screen: its Terminal configuration (the location's configuration_overrides, else
// the account default, which seeding gives tipping) has tipping for the currency and the
// command did not skip it.
//
// # API versions and accounts
//
// The Stripe-Version header, or the account default (Options.APIVersion, 2023-10-16 when
// empty), decides where Stripe's behaviour changed: capture_method's default
// (2024-04-10), process_setup_intent's consent parameter (2024-09-30),
// allowed_payment_method_types (2026-07-29; in-person types from 2026-09-30) and the end
// of a writable payment_method_types (2026-09-30.endive). What a response carries follows
// it too: a PaymentIntent's and a charge's invoice (null: no invoices here) until
// 2025-03-31.basil removed it, a reader action's api_error from 2026-05-27 (filled, as
// on Stripe, only by reader software 2.42 or later, which simulated readers report),
// allowed_payment_method_types (null when unset) from 2026-07-29; every other field
// Stripe always sends is there, null when unset. Objects keep those fields as the
// account default reads them, so only a client of another version costs a copy. An unknown version is refused as Stripe
// refuses it. The Stripe-Account header acts on a connected account: any acct_ id, empty
// until used, isolated from the platform and from every other account.
//
// # Webhooks
//
// An event's object is drawn at the account default version, whatever the version of
// the request that caused it, and GET /v1/events answers it so; a webhook endpoint of
// another version gets the object (and previous_attributes) drawn at its own.
// pending_webhooks counts the endpoints an event has not reached yet, and
// delivery_success=true|false lists the events all reached, or not.
//
// Every event the emulator records (listed by GET /v1/events) is POSTed, signed with a
// Stripe-Signature header (t=<unix s>,v1=<HMAC-SHA256 of "t.body" keyed by the
// endpoint's secret>), to each of Options.Webhooks (the platform's events, at the
// account default version, so stripe-go v76's webhook.ConstructEvent accepts them) and
// to each enabled endpoint registered through /v1/webhook_endpoints whose
// enabled_events take it, at the endpoint's api_version: an account's endpoints get its
// own events, the platform's connect=true endpoints its connected accounts'. Delivery
// runs in one goroutine per endpoint, never under the state lock: a bounded queue, up to
// three attempts with doubling backoff (Options.WebhookBackoff) on errors and non-2xx
// answers. Close stops it.
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
// # State file
//
// The state file is JSON lines (jq reads it): a header line, then, per change, one line
// for each object the request changed (the whole object, with its kind, id, creation
// order, index terms and a CRC-32C of the object) and a commit line carrying the id
// counter; a webhook's arrival appends its event's new pending_webhooks alone, a line
// beside the event's, not the event again. A request's lines are appended in one write after the change and before the
// answer, under a file lock taken before the state lock is released, so lines reach the
// file in commit order while the next request runs. The cost of a change is the objects
// it touched, whatever the size of the state. Once the file has grown by half (at least
// 4 MiB) since it was last compacted, a background goroutine rewrites it with the
// newest line of each live object, copies what was appended meanwhile, and renames it
// into place; requests go on while it runs.
//
// What survives what: an answered change is in the file (in the kernel's page cache),
// so it survives the process being killed at any moment, SIGKILL included. A write cut
// short by a kill was never answered and is dropped at the next start (the file is cut
// back to its last commit line). The file is fsynced after a compaction and on Close,
// not per change: a power loss or OS crash may lose the last changes, and a file
// damaged before its last commit is refused with a sentence saying so rather than
// guessed at. The file is locked (StatePath + ".lock"): a second emulator on it is
// refused. Its directory must exist. A state file of the first format (the whole state
// as one JSON object, rewritten per change) is converted in place at start.
//
// A restart reads the lines' headers only: every object stays encoded until a request
// first needs it, so 50,000 PaymentIntents load in well under a second.
//
// # Retention
//
// Memory and the state file are bounded by Options.Retention (DefaultRetention): the
// newest 2,000 events (Stripe keeps 30 days); the newest 10,000 idempotency keys, each
// for at most 24 hours as on Stripe (a forgotten key is a new request); and the newest
// 5,000 finished objects of each kind: PaymentIntents and SetupIntents succeeded or
// canceled, charges captured, failed or released, payment methods, refunds and setup
// attempts succeeded or failed, balance transactions, the deleted forms of deleted
// readers, locations and configurations (what retrieving one answers), forgotten
// oldest-finished first (retrieving one then answers No such ...), each with its connected-account owner
// entry. Objects still in progress (readers, locations, configurations, webhook
// endpoints, intents awaiting payment or capture) are never forgotten.
// GET /_emulator/state summarizes the newest 100 PaymentIntents.
//
// # Adding a kind of object
//
// Each kind is a table (table.go): one field in state (state.go) and one newTable call
// in newState (kinds.go) naming the kind as it appears in the state file and,
// optionally, its created time, its index terms (for filtered lists and searches), when
// it is finished and how many finished ones to keep. Nothing else is needed for it to
// be saved, reloaded, compacted and bounded. Handlers get an object with get (which
// records it as changed: the commit re-indexes and saves it), create one with put and
// remove one with del; scan, peek, all, withTerm and listPage are read-only (touch an
// object found through them before changing it). A list endpoint is listPage over all()
// or a withTerm list, so it costs the page, not the table.
//
// Objects encode themselves (json_gen.go, generated from their struct definitions and
// json tags, byte for byte what json.Marshal writes): add a new kind's record type, or a
// new response type, to jsonRoots (jsongen_test.go) and run
// go test ./emulator -run TestJSONAppendersUpToDate -update; after changing a struct,
// the same command (TestJSONAppendersUpToDate fails until then). A type left out still
// encodes, through json.Marshal, only slower.
//
// # Admin HTTP API
//
// Served beside the Stripe API. Serve listens on loopback only unless
// Options.AdminToken is set; with a token, every admin request must send
// "Authorization: Bearer <token>" (AdminClient.Token) or is refused with 401.
//
//	GET    /_emulator/state                  readers (as the API renders them), the newest PaymentIntent summaries, faults
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
//	GET    /_emulator/fault_names            the named faults: [{"name":..., "explanation":..., "global":true}]
//
// Named faults (FaultNames, with FaultCatalog's one-line explanations) are the switches
// of till's demo panel: offline, timeout, timeout_delivered, connection_error,
// connection_error_authorized, disconnect, customer_cancel, reader_busy (every command
// gets terminal_reader_busy) and lost_capture (a capture of a payment the reader took is
// made, but its answer is lost), each for one reader; and unreachable, for the whole
// emulator only (every API request's connection is dropped, drop_rate 1: an outage; the
// admin API still answers). AdminClient speaks this API from Go.
//
// A fault body sets any of:
//
//	{"offline":true, "timeout":"lost"|"delivered", "connection_error":"not_authorized"|"authorized",
//	 "disconnect":true, "customer_cancel":true, "latency":"250ms", "jitter":"50ms",
//	 "error_rate":0.1, "drop_rate":0.05, "after_mutation":true, "rate_limit":true,
//	 "busy":true, "lost_capture":true,
//	 "webhook_delay":"2s", "webhook_loss_rate":0.1, "webhook_duplicate_rate":0.1}
//
// The webhook faults are global only.
//
// Posting a fault replaces the previous one for that scope; {} clears it. Errors come
// back as {"error":{"type":"invalid_request_error","message":...}} with status 400/404.
//
// IDs are Stripe-like (pi_, seti_, ch_, re_, pm_, txn_, tmr_, tml_, tmc_, we_, evt_, req_) and come from a counter kept
// in the state, so they never repeat across restarts of a persisted state.
package emulator
