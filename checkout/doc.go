// Package checkout is till's domain: money, the cart, readers and payment intents as
// till sees them, and the payment state machine. The counter's arithmetic lives here
// too: the catalogue and its search, tax (inclusive or exclusive, rounded per line or
// per rate, all in integers), discounts and the cart's totals, the tip settings, the
// rule for when the cart goes onto the reader's screen (DisplaySync), and receipts.
//
// It has no I/O and imports nothing but the standard library. Apply is pure: it takes a
// Session and an Event and returns the next Session and the Effects to carry out. The
// drivers (the TUI in package ui, the headless commands in main) persist the returned
// session before they carry out any effect, so an idempotency key is always on disk
// before the call it guards.
//
//	Building ─ChargeRequested─► Creating ─IntentCreated─► Sending ─ProcessSent─► Awaiting
//	                                                         ▲                      │
//	                                          RetryRequested │        StatusRead    ▼
//	  Canceled ◄─Canceling◄─CancelRequested── Declined ◄─────┴── (failed) ◄── reader action
//	                                                                              │ (approved)
//	  Paid ◄─Captured── Capturing ◄─CaptureRequested── Approved ◄────────────────┘
//
// Any ambiguous failure (network error, timeout, a 5xx, connection_error on the reader)
// moves the session to Unknown, whose only way out is re-reading the PaymentIntent and
// the reader (StatusRead): till never retries a money-moving call blindly.
//
// Webhooks (Notified, notice.go) feed the same machine as the polls: a notice moves a
// payment only forwards, and one that could be stale only makes the driver read.
//
// A capture or cancel is held (held.go) from the moment it is decided until Stripe
// answers it; after no answer the machine re-reads and sends the same call under the
// same key only if it has not taken effect — the outbox (HeldCall). Reach (reach.go)
// tells from every HTTP attempt whether Stripe answers at all. A cash sale
// (CashTendered, cash.go) goes from the cart straight to Paid with no PaymentIntent.
//
// Refunds are business steps of their own with the same guarantees: ApplyRefund(Refund,
// Event) is their machine (refund_machine.go; card refunds through the API, Interac on
// the reader), PerformRefund and CarryRefund carry its effects through a RefundGateway,
// with keys fixed per refund id. What is left to refund, lines' share of a cart, the
// shift's refunds (AddRefunds) and the payments' history (BuildHistory, FilterHistory)
// are worked out here too.
package checkout
